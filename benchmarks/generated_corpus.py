"""What the reportlab and software-layout generators share: drawing each template into a corpus folder in
the format `benchmarks/capture.py` reads, with the scan and photo variants from
/work/shared/tools/make_variants.py, and their command line.

A template is `draw(rng, path) -> fields`: it writes one invoice PDF at `path` and returns its ground truth.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType

VARIANTS_TOOL = Path("/work/shared/tools/make_variants.py")
VARIANTS = ((".text.pdf", "text"), (".scan.pdf", "scan"), (".scan.jpg", "photo"))

Template = Callable[[random.Random, Path], dict[str, str]]


def variants_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_variants", VARIANTS_TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(
    out: Path, templates: Mapping[str, Template], per_template: int, seed: int, only: str | None = None
) -> list[dict[str, object]]:
    """Draw every template `per_template` times into out/visual and write out/ground_truth.jsonl."""
    tool = variants_module()
    (out / "visual").mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, draw in templates.items():
            if only and only != name:
                continue
            for n in range(1, per_template + 1):
                stem = f"{name}__{n}"
                src = Path(tmp) / f"{stem}.pdf"
                fields = draw(random.Random(f"{seed}:{name}:{n}"), src)
                tool.strip_attachments(src, out / "visual" / f"{stem}.text.pdf")
                tool.render_scans(src, out / "visual" / stem)
                rows += [
                    {"file": f"visual/{stem}{suffix}", "variant": variant, "source": f"generated:{name}",
                     "fields": fields}
                    for suffix, variant in VARIANTS
                ]  # fmt: skip
    (out / "ground_truth.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return rows


def main(description: str, templates: Mapping[str, Template], default_seed: int) -> int:
    parser = argparse.ArgumentParser(description=description.splitlines()[0] if description else None)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-template", type=int, default=2)
    parser.add_argument("--seed", type=int, default=default_seed)
    parser.add_argument("--only")
    args = parser.parse_args()
    rows = generate(args.out, templates, args.per_template, args.seed, args.only)
    print(f"{len(rows) // 3} invoices from {len(templates)} templates written to {args.out}", file=sys.stderr)
    return 0
