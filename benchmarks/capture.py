"""Measure capture on the dev corpus, honestly: accuracy per variant and per source, the sources seen while
writing the rules against those never seen, leave-one-source-out for whatever is fitted on data, the layout
memory's learning curve on families of invoices, and speed (OCR vs raw tesseract, text layer ms per page,
the 1-vs-2-worker batch, learning and recall ms per page).

Usage: python benchmarks/capture.py [CORPUS_DIR] [--cache DIR] [--sections accuracy,folds,curve,speed]
                                    [--seen-only] [--only SUBSTR] [--show] [--raw-pages N] [--batch-pages N]
CORPUS_DIR defaults to ../shared/corpus/dev relative to the repository root.
--cache DIR keeps each file's read pages (text layer or OCR words, keyed by content hash, OCR options and the
reading code) so a second run only re-runs locating: seconds instead of minutes. Without it the pages are
cached in a temporary folder for this run only (the folds and the curve read the same files again).
--seen-only leaves out UNSEEN_SOURCES: for tuning rules, whose figure must never come from them.
--show prints every wrong field of the seen sources (never of the unseen ones).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.capture_accuracy import Scored, print_accuracy, score, scorer_overall  # noqa: E402
from benchmarks.capture_corpus import DEFAULT_CORPUS, UNSEEN_SOURCES, Doc, load_docs  # noqa: E402
from benchmarks.capture_curve import Curve, learning_curve, print_curve  # noqa: E402
from benchmarks.capture_families import corpus_families, synthetic_families  # noqa: E402
from benchmarks.capture_folds import folds_section, print_learning_failures  # noqa: E402
from benchmarks.capture_read import SINGLE, MemoryDict, Task, layout_memory, run_all  # noqa: E402
from benchmarks.capture_speed import memory_costs, parallel_speedup, raw_tesseract_comparison, timing  # noqa: E402

SECTIONS = ("accuracy", "folds", "curve", "speed")


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments().parse_args(argv)
    corpus = args.corpus.resolve()
    sections = set(args.sections.split(",")) - (
        {"accuracy", "folds", "curve"} if args.skip_accuracy else set()
    )
    docs = load_docs(corpus, unseen=not args.seen_only, only=args.only)
    with _cache_folder(args.cache) as cache, tempfile.TemporaryDirectory(prefix="capture-") as scratch:
        scored = accuracy(docs, cache, args.workers, show=args.show) if "accuracy" in sections else None
        if "folds" in sections:
            folds_section(docs, cache, args.workers, scored)
        curve = None
        if "curve" in sections:
            curve = learning_curve_section(docs, cache, args.workers, Path(scratch), args.synthetic)
        if "speed" in sections:
            timing([str(d.path) for d in docs])
            raw_tesseract_comparison(corpus, args.raw_pages)
            parallel_speedup(corpus, args.batch_pages)
            if curve is not None:
                memory_costs(curve.learned, recall_samples(curve), cache)
    return 0


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--cache", type=Path, help="folder keeping read pages between runs")
    parser.add_argument("--sections", default=",".join(SECTIONS), help=f"any of {','.join(SECTIONS)}")
    parser.add_argument("--skip-accuracy", action="store_true", help="speed only (as --sections speed)")
    parser.add_argument("--seen-only", action="store_true", help=f"leave out {', '.join(UNSEEN_SOURCES)}")
    parser.add_argument("--only", help="files whose path contains this")
    parser.add_argument("--show", action="store_true", help="print the wrong fields of the seen sources")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: all CPUs)")
    parser.add_argument("--synthetic", type=int, default=3, help="synthetic families of 4 invoices")
    parser.add_argument("--raw-pages", type=int, default=8, help="scan pages timed against raw tesseract")
    parser.add_argument("--batch-pages", type=int, default=20, help="pages of the 1-vs-2-worker batch")
    return parser


@contextmanager
def _cache_folder(folder: Path | None) -> Iterator[str]:
    if folder is not None:
        yield str(folder.resolve())
        return
    with tempfile.TemporaryDirectory(prefix="capture-pages-") as temporary:
        yield temporary


def accuracy(docs: Sequence[Doc], cache: str, workers: int | None, *, show: bool) -> list[Scored]:
    print(f"== accuracy on {len(docs)} documents ({docs[0].corpus if docs else '-'})")
    rows = run_all([Task(str(d.path), SINGLE, cache) for d in docs], workers)
    scored = score(docs, rows)
    by = print_accuracy(scored, show=show)
    mine = sum(by["variant"].right(v) for v in by["variant"].keys())
    total = sum(by["variant"].scored(v) for v in by["variant"].keys())
    theirs = scorer_overall(docs, rows)
    agree = (
        "agrees" if abs(theirs - mine / max(total, 1)) < 5e-4 else "DISAGREES: the harness's scoring is wrong"
    )
    print(f"  shared scorer's overall on the same predictions: {theirs:.1%} ({agree})")
    return scored


def recall_samples(curve: Curve, count: int = 24) -> list[tuple[str, tuple[MemoryDict, ...]]]:
    """Text and scan files read after one correction, spread over the families: where recall is timed."""
    found = [(r.member.files[r.variant], r.memories) for r in curve.readings
             if r.corrected == 1 and r.variant in ("text", "scan") and r.memories]  # fmt: skip
    return found[:: max(1, len(found) // count)][:count]


def learning_curve_section(
    docs: Sequence[Doc], cache: str, workers: int | None, scratch: Path, synthetic: int
) -> Curve | None:
    """The curve on the corpus's families and `synthetic` made ones (written to `scratch`)."""
    print("== layout memory learning curve on families (same source + same first-page stable words)")
    if layout_memory() is None:
        print("  skipped: ocr.layout_memory does not exist yet")
        return None
    families = corpus_families(docs) + synthetic_families(scratch, range(1, synthetic + 1), 4)
    curve = learning_curve(families, cache, workers)
    print_curve(curve, families)
    print_learning_failures(curve.learned)
    return curve


if __name__ == "__main__":
    sys.exit(main())
