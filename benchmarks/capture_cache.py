"""A developer's cache of read pages, so re-running the accuracy figures only re-runs locating.

Reading (text layer, OCR) is what costs: minutes for the corpus, where locating takes seconds. `PageCache`
keeps each file's read pages (words with positions) in a folder, one JSON file per file, keyed by
  - the file's content hash,
  - the OCR options that change what is read (languages, dpi, orientation...; not the worker count),
  - the source of the reading modules and tesseract's version, so a change to how pages are read never
    serves pages read the old way.
`cache.reading(data, options)` is a context manager under which `ocr.extract` takes pages from the cache (or
reads and stores them): it swaps the pipeline's two page readers for caching ones and puts them back after.
Nothing else of the pipeline is touched: triage, the embedded XML, locating, layout memories and validation
run as in production. Not thread-safe (one extraction at a time per process, as the benchmark runs).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import ocr
import ocr.pipeline as pipeline
from ocr.layout import PageText, Word

# Options that change how fast pages are read or what is done after, never which words are read.
_NOT_READING = frozenset({"page_workers", "line_items", "tesseract_timeout_s"})
# The modules that turn bytes into words; their source is part of the key.
_READERS = ("layout", "pdf_text", "pdf_document", "ocr_pages", "ocr_words", "tesseract", "images", "render")
FORMAT = 1
# The pipeline's page readers, looked up by name when it reads a PDF's pages or an image file.
_PDF_READER, _IMAGE_READER = "_read_pdf_pages", "ocr_image_file"


class PageCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.hits = self.misses = 0

    def key(self, data: bytes, options: ocr.OcrOptions) -> str:
        reading = {f.name: getattr(options, f.name) for f in dataclasses.fields(options)}
        reading = {k: v for k, v in reading.items() if k not in _NOT_READING}
        parts = [hashlib.sha256(data).hexdigest(), json.dumps(reading, sort_keys=True), _reader_version()]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]

    @contextmanager
    def reading(self, data: bytes, options: ocr.OcrOptions) -> Iterator[None]:
        key = self.key(data, options)
        read_pdf, read_image = getattr(pipeline, _PDF_READER), getattr(pipeline, _IMAGE_READER)

        def cached_pdf(pdf: Any, opts: ocr.OcrOptions) -> tuple[list[PageText], Any]:
            found = self._fetch(key, "pdf", lambda: _pdf_to_json(read_pdf(pdf, opts)))
            return _pages(found["pages"]), found["method"]

        def cached_image(image: bytes, opts: ocr.OcrOptions) -> list[PageText]:
            found = self._fetch(key, "image", lambda: {"pages": _pages_json(read_image(image, opts))})
            return _pages(found["pages"])

        setattr(pipeline, _PDF_READER, cached_pdf)
        setattr(pipeline, _IMAGE_READER, cached_image)
        try:
            yield
        finally:
            setattr(pipeline, _PDF_READER, read_pdf)
            setattr(pipeline, _IMAGE_READER, read_image)

    def _fetch(self, key: str, kind: str, read: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        path = self.folder / f"{key}.{kind}.json"
        if path.exists():
            self.hits += 1
            found: dict[str, Any] = json.loads(path.read_text())
            return found
        self.misses += 1
        value = read()  # a reading error propagates and nothing is stored
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(value, separators=(",", ":")))
        temporary.replace(path)  # atomic: a parallel run never sees half a file
        return value


def _pdf_to_json(read: tuple[list[PageText], str]) -> dict[str, Any]:
    pages, method = read
    return {"method": method, "pages": _pages_json(pages)}


def _pages_json(pages: list[PageText]) -> list[dict[str, Any]]:
    return [
        {"number": p.number, "method": p.method, "width": p.width, "height": p.height,
         "words": [[w.text, w.x0, w.y0, w.x1, w.y1, w.confidence] for w in p.words]}
        for p in pages
    ]  # fmt: skip


def _pages(stored: list[dict[str, Any]]) -> list[PageText]:
    return [
        PageText(p["number"], [Word(*w) for w in p["words"]], p["method"], p["width"], p["height"])
        for p in stored
    ]


@cache
def _reader_version() -> str:
    digest = hashlib.sha256(str(FORMAT).encode())
    for name in _READERS:
        digest.update(Path(ocr.__file__).with_name(f"{name}.py").read_bytes())
    tesseract = shutil.which("tesseract")
    if tesseract:
        digest.update(subprocess.run([tesseract, "--version"], capture_output=True).stdout)
    return digest.hexdigest()[:16]
