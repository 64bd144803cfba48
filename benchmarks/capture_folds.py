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

import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import ocr
from benchmarks.capture_accuracy import Scored, score
from benchmarks.capture_corpus import VISUAL_VARIANTS, Doc
from benchmarks.capture_read import FIELDS_ONLY, MemoryDict, Task, learn_file, run_all


@dataclass(frozen=True)
class Model:
    memories: tuple[MemoryDict, ...] = ()
    options: ocr.OcrOptions = FIELDS_ONLY


@dataclass(frozen=True)
class Approach:
    name: str
    fit: Callable[[Sequence[Doc]], Model]


RULES = Approach("rules as written (nothing fitted)", lambda training: Model())


def memories_approach(cache: str | None, workers: int | None = None) -> Approach:
    """Layout memories learned from the training documents' visual variants. Learning one document does not
    depend on the others, so each is learned once and a fold takes the memories of its training set: the
    same as learning them again for each fold."""
    learned: dict[str, MemoryDict | None] = {}

    def fit(training: Sequence[Doc]) -> Model:
        missing = [d for d in training if d.variant in VISUAL_VARIANTS and d.file not in learned]
        for doc, memory in zip(missing, _learn_all(missing, cache, workers), strict=True):
            learned[doc.file] = memory
        memories = (learned[d.file] for d in training if d.variant in VISUAL_VARIANTS)
        return Model(memories=tuple(m for m in memories if m is not None))

    return Approach("layout memories of the other sources", fit)


def _learn_all(docs: Sequence[Doc], cache: str | None, workers: int | None) -> list[MemoryDict | None]:
    args = [(str(d.path), d.fields, cache) for d in docs]
    workers = min(workers or os.cpu_count() or 1, max(len(args), 1))
    if workers <= 1:
        return [learn_file(*a).memory for a in args]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [r.memory for r in pool.map(learn_file, *zip(*args, strict=True), chunksize=1)] if args else []


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
