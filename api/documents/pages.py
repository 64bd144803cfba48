"""Page images for review, rendered once and kept next to the file."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageSequence

import ocr
from api.documents.sniff import IMAGE_TYPES, PDF
from api.errors import NotFound, UnprocessableDocument

PAGE_DPI = 150


def page_png(source: Path, media_type: str, page_number: int, cache: Path) -> Path:
    if cache.exists():
        return cache
    if media_type == PDF:
        try:
            png = ocr.render_page_png(source.read_bytes(), page_number, PAGE_DPI)
        except ocr.CaptureError as exc:
            raise (NotFound if "no page" in exc.message else UnprocessableDocument)(exc.message) from exc
    elif media_type in IMAGE_TYPES:
        png = _image_frame_png(source, page_number)
    else:
        raise NotFound("This document has no pages to show (structured XML).")
    partial = cache.with_suffix(".part")
    partial.write_bytes(png)
    partial.replace(cache)
    return cache


def _image_frame_png(source: Path, page_number: int) -> bytes:
    with Image.open(source) as image:
        frames = list(ImageSequence.Iterator(image))
        if not 1 <= page_number <= len(frames):
            raise NotFound(f"There is no page {page_number}: the document has {len(frames)} pages.")
        buffer = io.BytesIO()
        frames[page_number - 1].convert("RGB").save(buffer, format="PNG")
        return buffer.getvalue()
