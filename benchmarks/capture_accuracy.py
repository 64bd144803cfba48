"""Accuracy figures of one run over the corpus: per variant (against the targets), per source, and the
sources seen while writing the rules against those never seen.

Fields are compared with the shared scorer's normalisation (`capture_corpus.field_results`); the overall
figure is cross-checked against the scorer run as a program on the same predictions.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.capture_corpus import (
    SCORER,
    UNSEEN_LABEL,
    UNSEEN_SOURCES,
    Doc,
    Tally,
    field_results,
    predicted_values,
    variant_order,
)

TARGETS = {"xml": 1.00, "text": 0.97, "scan": 0.92, "photo": 0.90}


@dataclass(frozen=True)
class Scored:
    doc: Doc
    results: Mapping[str, bool]  # scored field -> read right
    failed: bool  # the file could not be read at all
    got: Mapping[str, str | None]
    matched: bool = False  # a layout memory read this document
    pages: Mapping[str, int | None] = field(default_factory=dict)  # the page each field was read on


def score(docs: Sequence[Doc], rows: Sequence[Mapping[str, Any]]) -> list[Scored]:
    """Each document's fields judged; `rows` are `encaisse extract` lines in the order of `docs`."""
    scored = []
    for doc, row in zip(docs, rows, strict=True):
        got = predicted_values(row)
        results = field_results(doc.fields, got)
        pages = {n: f.get("page") for n, f in (row.get("fields") or {}).items() if isinstance(f, dict)}
        scored.append(Scored(doc, results, bool(row.get("error")), got, bool(row.get("layout_match")), pages))
    return scored


def tallies(scored: Sequence[Scored]) -> dict[str, Tally]:
    """Tallies keyed by variant, by (source, variant) with the unseen sources as one source, by
    (seen or never seen, variant), and by field."""
    by = {name: Tally() for name in ("variant", "source", "seen", "field")}
    for s in scored:
        doc, oks = s.doc, list(s.results.values())
        source = UNSEEN_LABEL if doc.unseen else doc.source
        by["variant"].add(doc.variant, oks)
        by["source"].add((source, doc.variant), oks)
        by["seen"].add((UNSEEN_LABEL if doc.unseen else "seen", doc.variant), oks)
        for name, ok in s.results.items():
            by["field"].add(name, [ok])
    return by


def print_accuracy(scored: Sequence[Scored], *, show: bool = False) -> dict[str, Tally]:
    by = tallies(scored)
    variants = sorted(by["variant"].keys(), key=variant_order)
    print("  per variant (fields right / fields scored):")
    for variant in variants:
        target = TARGETS.get(variant)
        rate = by["variant"].right(variant) / by["variant"].scored(variant)
        verdict = "" if target is None else f"  target {target:.0%}: {'ok' if rate >= target else 'MISSED'}"
        print(f"    {variant:<9} {by['variant'].cell(variant)}{verdict}")
    right = sum(by["variant"].right(v) for v in variants)
    total = sum(by["variant"].scored(v) for v in variants)
    failed = sum(s.failed for s in scored)
    print(f"    overall   {right / max(total, 1):6.1%} ({right}/{total})   failed documents: {failed}")
    visible = photo_visible(scored)
    if visible.scored("photo"):
        print(f"    photo, fields on the photographed page {visible.cell('photo')}  (target 85 %)")
    _print_sources(scored, by["source"])
    print_seen_unseen(by["seen"], variants)
    if show:
        _print_misses(scored)
    return by


def photo_visible(scored: Sequence[Scored]) -> Tally:
    """Photos show page 1 only: their fields that can be on the image are those the same invoice's text
    variant reads right on page 1."""
    text = {s.doc.file.removesuffix(".text.pdf"): s for s in scored if s.doc.variant == "text"}
    tally = Tally()
    for s in scored:
        sibling = text.get(s.doc.file.removesuffix(".scan.jpg")) if s.doc.variant == "photo" else None
        if sibling is None:
            continue
        on_page_one = [n for n, ok in sibling.results.items() if ok and sibling.pages.get(n) == 1]
        tally.add("photo", [s.results[n] for n in on_page_one if n in s.results])
    return tally


def _print_sources(scored: Sequence[Scored], tally: Tally) -> None:
    docs = Tally()
    for s in scored:
        docs.add(((UNSEEN_LABEL if s.doc.unseen else s.doc.source), s.doc.variant), [True])
    print("  per source (documents, fields right / scored); extra/ sources apart, unseen ones only together:")
    keys = sorted(tally.keys(), key=lambda k: (k[0] == UNSEEN_LABEL, k[0].startswith("extra/"), k[0],
                                               variant_order(k[1])))  # fmt: skip
    for key in keys:
        source, variant = key
        label = f"{UNSEEN_LABEL} ({len(UNSEEN_SOURCES)} sources)" if source == UNSEEN_LABEL else source
        print(f"    {label:<32} {variant:<9} {docs.scored(key):3} docs  {tally.cell(key)}")


def print_seen_unseen(tally: Tally, variants: Sequence[str]) -> None:
    print("  sources seen while writing rules vs never seen (UNSEEN_SOURCES), per variant:")
    print(f"    {'variant':<9} {'seen':<22} {UNSEEN_LABEL}")
    for variant in variants:
        print(f"    {variant:<9} {tally.cell(('seen', variant)):<22} {tally.cell((UNSEEN_LABEL, variant))}")


def _print_misses(scored: Sequence[Scored]) -> None:
    """Every wrong field of the seen sources; the unseen sources' details are never printed."""
    print("  wrong fields (seen sources only):")
    for s in scored:
        if s.doc.unseen:
            continue
        for name, ok in s.results.items():
            if not ok:
                print(f"    {s.doc.file}: {name}: want {s.doc.fields[name]!r} got {s.got.get(name)!r}")


def scorer_overall(docs: Sequence[Doc], rows: Sequence[Mapping[str, Any]]) -> float:
    """The overall accuracy as the shared scorer computes it, run as a program on these documents only."""
    with tempfile.TemporaryDirectory() as folder:
        corpus = docs[0].corpus if docs else Path(folder)
        truth = Path(folder) / "ground_truth.jsonl"
        predictions = Path(folder) / "predictions.jsonl"
        truth.write_text("".join(json.dumps({"file": str(d.path.relative_to(corpus)), "variant": d.variant,
                                             "fields": dict(d.fields)}) + "\n" for d in docs))  # fmt: skip
        predictions.write_text(
            "".join(
                json.dumps({**row, "file": d.file}, ensure_ascii=False) + "\n"
                for d, row in zip(docs, rows, strict=True)
            )
        )
        summary = json.loads(subprocess.run(
            [sys.executable, str(SCORER), str(truth), str(predictions), "--json"],
            check=True, capture_output=True, text=True,
        ).stdout)  # fmt: skip
    return float(summary["overall"])
