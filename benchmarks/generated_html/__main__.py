"""`python -m benchmarks.generated_html --out DIR [--per-template N] [--seed S] [--only NAME]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.generated_html.generate import write_corpus
from benchmarks.generated_html.registry import TEMPLATES
from benchmarks.generated_html.render import chromium


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-template", type=int, default=2)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--only", default="", help="templates whose name contains this")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    templates = [t for t in TEMPLATES if args.only in t.name]
    with chromium() as browser:
        count = write_corpus(browser, templates, args.out, args.per_template, args.seed)
    print(f"{count} files from {len(templates)} templates in {args.out}")


if __name__ == "__main__":
    main()
