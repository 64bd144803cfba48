"""Leave-one-source-out: each source is scored by a model fitted on the other sources only.

A capture "model" is what can be fitted on data and handed to `ocr.extract`: today the layout memories (and
the options, where a fitted threshold would go). An `Approach` is a fit(training documents) -> Model hook;
the harness calls it once per fold, without the scored source, so nothing fitted ever saw what it is scored
on. The locating rules themselves are written by hand and fit nothing: `RULES.fit` ignores its training set,
so its fold figures are the plain per-source figures; what keeps them honest is `UNSEEN_SOURCES`.
`MEMORIES` learns a layout memory from every visual document of the other sources (the ground truth as the
correction): scored on a source none of them came from, it shows whether a memory fires on a layout it does
not belong to (a false match costs fields; the right figure is the cold-start one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import ocr
from benchmarks.capture_accuracy import Scored, score, tallies
from benchmarks.capture_corpus import UNSEEN_LABEL, VISUAL_VARIANTS, Doc, variant_order
from benchmarks.capture_read import FIELDS_ONLY, Learned, MemoryDict, Task, layout_memory, learn_all, run_all


@dataclass(frozen=True)
class Model:
    memories: tuple[MemoryDict, ...] = ()
    options: ocr.OcrOptions = FIELDS_ONLY


@dataclass(frozen=True)
class Approach:
    name: str
    fit: Callable[[Sequence[Doc]], Model]
    learned: Mapping[str, Learned] = field(default_factory=dict)  # what fit learned, by file (for reports)


RULES = Approach("rules as written (nothing fitted)", lambda training: Model())


def memories_approach(cache: str | None, workers: int | None = None) -> Approach:
    """Layout memories learned from the training documents' visual variants. Learning one document does not
    depend on the others, so each is learned once and a fold takes the memories of its training set: the
    same as learning them again for each fold."""
    learned: dict[str, Learned] = {}

    def fit(training: Sequence[Doc]) -> Model:
        missing = [d for d in training if d.variant in VISUAL_VARIANTS and d.file not in learned]
        learned.update(
            zip(
                (d.file for d in missing),
                learn_all([(str(d.path), d.fields) for d in missing], cache, workers),
                strict=True,
            )
        )
        memories = (learned[d.file].memory for d in training if d.variant in VISUAL_VARIANTS)
        return Model(memories=tuple(m for m in memories if m is not None))

    return Approach("layout memories of the other sources", fit, learned)


def leave_one_source_out(
    docs: Sequence[Doc], approach: Approach, cache: str | None, workers: int | None = None
) -> list[Scored]:
    """Every document scored by the model `approach` fitted on the documents of the other sources."""
    order: list[Doc] = []
    tasks: list[Task] = []
    for source in sorted({d.source for d in docs}):
        model = approach.fit([d for d in docs if d.source != source])
        for doc in (d for d in docs if d.source == source):
            order.append(doc)
            tasks.append(Task(str(doc.path), model.options, cache, model.memories))
    return score(order, run_all(tasks, workers))


def changed_fields(cold: Sequence[Scored], folded: Sequence[Scored]) -> tuple[int, int]:
    """(fields the fitted model reads right where the cold start was wrong, and the reverse)."""
    before: Mapping[str, Mapping[str, bool]] = {s.doc.file: s.results for s in cold}
    better = worse = 0
    for s in folded:
        reference: Mapping[str, Any] = before.get(s.doc.file, {})
        for name, ok in s.results.items():
            if name in reference and ok != reference[name]:
                better += ok
                worse += not ok
    return better, worse


def folds_section(
    docs: Sequence[Doc], cache: str, workers: int | None, plain: Sequence[Scored] | None
) -> None:
    print("== leave-one-source-out (each source scored by what was fitted on the other sources)")
    rules = leave_one_source_out(docs, RULES, cache, workers)
    print(f"  {RULES.name}: fit() ignores its training set, so each fold is the plain figure", end="")
    if plain is not None:
        same = {s.doc.file: s.results for s in plain} == {s.doc.file: s.results for s in rules}
        print(f" (checked: {'equal' if same else 'DIFFERENT FROM'} the accuracy run field for field)", end="")
    print()
    columns = [("rules", rules)]
    approach = memories_approach(cache, workers) if layout_memory() is not None else None
    if approach is None:
        print("  layout memories: skipped, ocr.layout_memory does not exist yet")
    else:
        fitted = leave_one_source_out(docs, approach, cache, workers)
        columns.append(("with memories", fitted))
        anchored = sum(x.memory is not None for x in approach.learned.values())
        print(f"  {approach.name}: learned from each visual document of the other sources "
              f"({anchored} of {len(approach.learned)} files gave a memory)")  # fmt: skip
        print_learning_failures(approach.learned.values())
        better, worse = changed_fields(rules, fitted)
        print(
            f"  a memory of another source read {sum(s.matched for s in fitted)} of {len(fitted)} documents; "
            f"fields it changed: {better} now right, {worse} now wrong (other layouts: it should not fire)"
        )
    _print_columns(docs, columns)


def _print_columns(docs: Sequence[Doc], columns: Sequence[tuple[str, Sequence[Scored]]]) -> None:
    tallied = [(name, tallies(scored)["seen"]) for name, scored in columns]
    heads = "".join(f"{f'{name}, {group}':<24}" for name, _ in tallied for group in ("seen", UNSEEN_LABEL))
    print(f"    {'variant':<9} {heads}")
    for variant in sorted({d.variant for d in docs}, key=variant_order):
        cells = "".join(
            f"{t.cell((group, variant)):<24}" for _, t in tallied for group in ("seen", UNSEEN_LABEL)
        )
        print(f"    {variant:<9} {cells}")


def print_learning_failures(learned: Iterable[Learned]) -> None:
    failed = [x.error for x in learned if x.error]
    if failed:
        print(f"  LEARNING FAILED on {len(failed)} files (first: {failed[0]})")
