"""`encaisse extract [--format jsonl|table] FILE...`: run the capture library over files.

Imports only `ocr` and the standard library so the command works without the service's settings or
database. Files of a batch are spread over the CPU cores, one process each; inside a process pages are
read by cores // processes workers (one with a batch of at least as many files as cores), so the cores
are not oversubscribed.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from typing import Any, TextIO

import ocr

FORMATS = ("jsonl", "table")
_TABLE_FIELDS = ("invoice_number", "issue_date", "due_date", "total_incl_tax", "currency", "seller_name")


def extract_files(paths: list[str], fmt: str = "jsonl") -> int:
    """Print one result per file in the order given; 0 if every file was read, 1 otherwise."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    failed = 0
    progress = _Progress(len(paths), sys.stderr) if fmt == "table" and len(paths) > 1 else None
    for row in _extract_all(paths):
        failed += row["error"] is not None
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            if progress:
                progress.step()
            sys.stdout.write(_table_block(row))
    if progress:
        progress.done()
    if fmt == "table":
        sys.stdout.write(f"{len(paths) - failed} read, {failed} failed\n")
    return 1 if failed else 0


def _extract_all(paths: list[str]) -> Iterator[dict[str, Any]]:
    cpus = ocr.OcrOptions().page_workers  # the CPUs this process may use
    workers = min(len(paths), cpus)
    if workers <= 1:
        yield from (extract_one(path, None) for path in paths)
        return
    # The files keep the cores busy; the cores left over (fewer files than cores) read pages in parallel,
    # never more tesseracts in all than cores.
    options = replace(ocr.OcrOptions(), page_workers=max(1, cpus // workers))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(extract_one, paths, [options] * len(paths))


def extract_one(path: str, options: ocr.OcrOptions | None) -> dict[str, Any]:
    """The JSON-ready line for one file; a capture error becomes the line's "error"."""
    started = time.perf_counter()
    row: dict[str, Any] = {"file": path, "method": None, "pages": None, "elapsed_ms": None, "fields": {},
                           "lines": [], "vat_breakdown": [], "warnings": [], "error": None}  # fmt: skip
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        result = ocr.extract(data, filename=os.path.basename(path), options=options)
        row.update(result.to_dict())
    except ocr.CaptureError as exc:
        row["error"] = exc.message
    except OSError as exc:
        row["error"] = f"cannot read the file: {exc.strerror or exc}"
    except Exception as exc:  # a bug on one file must not lose the rest of the batch
        row["error"] = f"unexpected error ({type(exc).__name__}): {exc}"
    row["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return row


def _table_block(row: dict[str, Any]) -> str:
    head = f"{row['file']}\n"
    if row["error"]:
        return head + f"  ERROR  {row['error']}\n\n"
    lines = [head + f"  {row['method']}, {row['pages']} page(s), {row['elapsed_ms']:.0f} ms\n"]
    for name in _TABLE_FIELDS:
        found = row["fields"].get(name)
        if found:
            lines.append(f"  {name:<16} {found['value']:<40} {found['confidence']:.2f}\n")
    lines += [f"  warning: {w['message']}\n" for w in row["warnings"]]
    return "".join(lines) + "\n"


class _Progress:
    """A one-line bar on stderr, redrawn in place."""

    def __init__(self, total: int, stream: TextIO, width: int = 30) -> None:
        self.total, self.stream, self.width, self.count = total, stream, width, 0

    def step(self) -> None:
        self.count += 1
        filled = self.width * self.count // self.total
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {self.count}/{self.total}")
        self.stream.flush()

    def done(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
