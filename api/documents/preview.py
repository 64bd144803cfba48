"""A small PNG of a document's first page, for lists and the upload page."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError

import ocr
from api.documents.sniff import IMAGE_TYPES, PDF

PREVIEW_WIDTH = 400
PREVIEW_DPI = 72  # an A4 page is 595 px wide at 72 dpi: enough to shrink to PREVIEW_WIDTH


class PreviewError(Exception):
    pass


def render_preview(source: Path, media_type: str, target: Path) -> bool:
    """Write the preview; returns False for formats with no page to show (XML)."""
    if media_type == PDF:
        image = _first_pdf_page(source)
    elif media_type in IMAGE_TYPES:
        image = _first_image_frame(source)
    else:
        return False
    image.thumbnail((PREVIEW_WIDTH, PREVIEW_WIDTH * 2))
    partial = target.with_suffix(".part")
    image.save(partial, format="PNG")
    partial.replace(target)
    return True


def _first_pdf_page(source: Path) -> Image.Image:
    try:
        png = ocr.render_page_png(source.read_bytes(), 1, PREVIEW_DPI)
    except ocr.CaptureError as exc:
        raise PreviewError(f"The PDF cannot be rendered: {exc.message}") from exc
    return Image.open(io.BytesIO(png))


def _first_image_frame(source: Path) -> Image.Image:
    try:
        with Image.open(source) as image:
            image.seek(0)
            return image.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise PreviewError(f"The image cannot be read: {exc}") from exc
