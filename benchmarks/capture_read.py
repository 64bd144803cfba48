"""Reading corpus files for the benchmark: `ocr.extract` on each file, through the page cache when one is
given, optionally with layout memories, spread over worker processes.

Layout memories cross process boundaries as their `to_dict()` form. `layout_memory()` is the optional
module (None while it does not exist), so every part of the benchmark that needs it can say so and skip.
"""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import ocr
from benchmarks.capture_cache import PageCache

SINGLE = replace(ocr.OcrOptions(), page_workers=1)
# Line items (pdfplumber) change no field: the runs that only score fields skip them.
FIELDS_ONLY = replace(SINGLE, line_items=False)

MemoryDict = Mapping[str, Any]


def layout_memory() -> ModuleType | None:
    try:
        return importlib.import_module("ocr.layout_memory")
    except ModuleNotFoundError:
        return None


@dataclass(frozen=True)
class Task:
    """One file to read: picklable, so a worker process can run it."""

    path: str
    options: ocr.OcrOptions = SINGLE
    cache: str | None = None  # folder of the page cache
    memories: tuple[MemoryDict, ...] = ()


def run(task: Task) -> dict[str, Any]:
    """The `encaisse extract` line of one file ("error" set when it could not be read)."""
    row: dict[str, Any] = {"file": task.path, "fields": {}, "error": None, "method": None, "pages": None}
    data = Path(task.path).read_bytes()
    started = time.perf_counter()
    try:
        result = extract(data, Path(task.path).name, task.options, task.cache, task.memories)
        row.update(method=result.method, pages=result.pages, fields=result.to_dict()["fields"])
        match = getattr(result, "layout_match", None)
        row["layout_match"] = None if match is None else match.to_dict()
    except ocr.CaptureError as exc:
        row["error"] = exc.message
    except Exception as exc:  # a bug on one file is that file's failure, not the end of the run
        row["error"] = f"unexpected error ({type(exc).__name__}): {exc}"
    row["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return row


def extract(
    data: bytes,
    filename: str,
    options: ocr.OcrOptions,
    cache: str | None = None,
    memories: Sequence[MemoryDict] = (),
) -> ocr.ExtractedInvoice:
    kwargs: dict[str, Any] = {"filename": filename, "options": options}
    if memories:
        module = layout_memory()
        if module is None:
            raise RuntimeError("layout memories given but ocr.layout_memory does not exist")
        kwargs["memories"] = [module.LayoutMemory.from_dict(dict(m)) for m in memories]
    if cache is None:
        return ocr.extract(data, **kwargs)
    with PageCache(Path(cache)).reading(data, options):
        return ocr.extract(data, **kwargs)


def run_all(tasks: Sequence[Task], workers: int | None = None) -> list[dict[str, Any]]:
    """`run` over the tasks, in order, on `workers` processes (all CPUs by default)."""
    workers = min(workers or os.cpu_count() or 1, len(tasks))
    if workers <= 1:
        return [run(task) for task in tasks]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, tasks, chunksize=1))


@dataclass(frozen=True)
class Learned:
    """A layout memory learned from one file with its ground truth as the correction (None: nothing anchored,
    or a file read from XML), and what learning cost."""

    memory: MemoryDict | None
    ms: float  # wall time of learn()
    pages: int
    error: str | None = None  # reading or learning raised: a bug to look at, not a layout to skip quietly
    cpu_ms: float = 0.0  # the process's CPU time in learn(): what a loaded machine does not inflate


def learn_file(path: str, truth: Mapping[str, str], cache: str | None) -> Learned:
    """Read `path` cold, then learn its layout from the pages read and the true values, as approving a
    corrected invoice does."""
    module = layout_memory()
    if module is None:
        raise RuntimeError("ocr.layout_memory does not exist")
    try:
        result = extract(Path(path).read_bytes(), Path(path).name, FIELDS_ONLY, cache)
    except ocr.CaptureError:
        return Learned(None, 0.0, 0)
    except Exception as exc:
        return Learned(None, 0.0, 0, f"reading: {type(exc).__name__}: {exc}")
    pages = _as_stored(list(getattr(result, "page_texts", None) or []))
    if not pages:
        return Learned(None, 0.0, 0)
    values = {name: value for name, value in truth.items() if value}
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        memory = module.learn(pages, values)
    except Exception as exc:
        return Learned(None, 0.0, len(pages), f"learning: {type(exc).__name__}: {exc}")
    elapsed, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000
    return Learned(None if memory is None else memory.to_dict(), elapsed, len(pages), cpu_ms=cpu)


def learn_all(
    files: Sequence[tuple[str, Mapping[str, str]]], cache: str | None, workers: int | None
) -> list[Learned]:
    """`learn_file` over (path, truth) pairs, in order, on `workers` processes (all CPUs by default)."""
    workers = min(workers or os.cpu_count() or 1, len(files))
    if workers <= 1:
        return [learn_file(path, truth, cache) for path, truth in files]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        paths, truths = zip(*files, strict=True)
        return list(pool.map(learn_file, paths, truths, [cache] * len(files), chunksize=1))


def _as_stored(pages: list[Any]) -> list[Any]:
    """The pages as the service keeps them for learning later (compact, rounded, bounded), when the library
    offers that form: learning then sees what it sees in production."""
    to_dict = getattr(ocr, "pages_to_dict", None)
    from_dict = getattr(ocr, "pages_from_dict", None)
    if to_dict is None or from_dict is None:
        return pages
    stored: list[Any] = from_dict(to_dict(pages))
    return stored
