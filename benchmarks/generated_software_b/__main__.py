"""Write a capture corpus of invoices laid out like ERP systems and developer invoice libraries.

Usage: python -m benchmarks.generated_software_b --out DIR [--per-template N] [--seed S] [--only NAME]

DIR/ground_truth.jsonl gets one row per variant (text.pdf, scan.pdf, scan.jpg) of every invoice; the scan and
photo variants come from /work/shared/tools/make_variants.py (loaded the way the reportlab generator does).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from benchmarks.generated_reportlab.__main__ import _variants_module
from benchmarks.generated_software_b.registry import TEMPLATES


def generate(
    out: Path, per_template: int = 2, seed: int = 4, only: str | None = None
) -> list[dict[str, object]]:
    """Draw every template `per_template` times into out/visual and write out/ground_truth.jsonl."""
    tool = _variants_module()
    (out / "visual").mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, draw in TEMPLATES.items():
            if only and only != name:
                continue
            for n in range(1, per_template + 1):
                rng = random.Random(f"{seed}:{name}:{n}")
                stem = f"{name}__{n}"
                src = Path(tmp) / f"{stem}.pdf"
                fields = draw(rng, src)
                tool.strip_attachments(src, out / "visual" / f"{stem}.text.pdf")
                tool.render_scans(src, out / "visual" / stem)
                for suffix, variant in ((".text.pdf", "text"), (".scan.pdf", "scan"), (".scan.jpg", "photo")):
                    rows.append(
                        {
                            "file": f"visual/{stem}{suffix}",
                            "variant": variant,
                            "source": f"generated:{name}",
                            "fields": fields,
                        }
                    )
    (out / "ground_truth.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-template", type=int, default=2)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--only")
    args = parser.parse_args()
    rows = generate(args.out, args.per_template, args.seed, args.only)
    print(f"{len(rows) // 3} invoices from {len(TEMPLATES)} templates written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
