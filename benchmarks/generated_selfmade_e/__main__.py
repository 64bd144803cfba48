"""Write a capture corpus of invoices laid out like self-made small-business invoices (office templates,
free online makers, trades and liberal professions).

Usage: python -m benchmarks.generated_selfmade_e --out DIR [--per-template N] [--seed S] [--only NAME]

DIR/ground_truth.jsonl gets one row per variant (text.pdf, scan.pdf, scan.jpg) of every invoice; the scan and
photo variants come from /work/shared/tools/make_variants.py (benchmarks/generated_corpus.py).
"""

from __future__ import annotations

from benchmarks.generated_corpus import main
from benchmarks.generated_selfmade_e.registry import TEMPLATES

if __name__ == "__main__":
    raise SystemExit(main(__doc__ or "", TEMPLATES, default_seed=5))
