"""Write a generated corpus: `python -m benchmarks.generated_fpdf --out DIR [--per-template N] [--seed S]`.

For each template and n, the PDF as printed becomes visual/<template>__<n>.text.pdf, and the shared
make_variants tool derives its scan (.scan.pdf) and photo (.scan.jpg); ground_truth.jsonl gets one row per
variant with the same truth."""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.generated_fpdf import fr_more, fr_services, fr_trades, intl
from benchmarks.generated_fpdf.draw import Sheet

MAKE_VARIANTS = Path(__file__).resolve().parents[2].parent / "shared" / "tools" / "make_variants.py"
Template = Callable[[random.Random], tuple[Sheet, dict[str, str]]]
TEMPLATES: dict[str, Template] = {
    **fr_trades.TEMPLATES,
    **fr_services.TEMPLATES,
    **fr_more.TEMPLATES,
    **intl.TEMPLATES,
}
FIXED_MOMENT = datetime(2026, 1, 1, tzinfo=UTC)
VARIANTS = (("text", ".text.pdf"), ("scan", ".scan.pdf"), ("photo", ".scan.jpg"))


def render(name: str, n: int, seed: int) -> tuple[bytes, dict[str, str]]:
    """One invoice of a template: its PDF bytes and its truth, the same for the same (name, n, seed)."""
    rng = random.Random(int(hashlib.sha256(f"{seed}:{name}:{n}".encode()).hexdigest()[:16], 16))
    sheet, truth = TEMPLATES[name](rng)
    sheet.set_creation_date(FIXED_MOMENT)  # the same bytes for the same seed
    return bytes(sheet.output()), truth


def write(out: Path, per_template: int, seed: int, only: str | None = None) -> int:
    visual = out / "visual"
    visual.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in TEMPLATES:
        if only and only not in name:
            continue
        for n in range(1, per_template + 1):
            pdf, truth = render(name, n, seed)
            stem = visual / f"{name}__{n}"
            with tempfile.TemporaryDirectory() as tmp:
                src = Path(tmp) / f"{name}__{n}.pdf"
                src.write_bytes(pdf)
                subprocess.run([sys.executable, str(MAKE_VARIANTS), str(src), str(stem)], check=True)
            for variant, suffix in VARIANTS:
                rel = f"visual/{name}__{n}{suffix}"
                rows.append({"file": rel, "variant": variant, "source": f"generated:{name}", "fields": truth})
    (out / "ground_truth.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-template", type=int, default=2)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--only", help="templates whose name contains this")
    args = parser.parse_args()
    count = write(args.out, args.per_template, args.seed, args.only)
    print(f"{count} files, {len(TEMPLATES)} templates -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
