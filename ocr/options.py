"""Tuning knobs for one extraction, passed in by the caller (the service builds them from its settings)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _default_workers() -> int:
    """The CPUs this process may run on (a container or taskset may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class OcrOptions:
    languages: str = "fra+eng"
    dpi: int = 300
    tesseract_timeout_s: float = 60.0
    max_pages: int = 100
    page_workers: int = field(default_factory=_default_workers)
    # None: the engine kept loaded in-process when tesserocr is installed, else `tesseract` on PATH. Set:
    # always that executable (an operator's choice; tests point it at fake executables).
    tesseract_cmd: str | None = None
    # Pillow's bomb guard: images above this many pixels are refused, never decoded.
    max_image_pixels: int = 89_478_485
    # Detect and undo page rotation (tesseract OSD) and small skew before OCR.
    correct_orientation: bool = True
    # Read line items on text-layer pages that carry an item table header (pdfplumber's table finder,
    # ~85 ms on such a page; pages without a header cost nothing more). XML line items are always read.
    line_items: bool = True
