"""A small PNG of a document's first page, for lists and the upload page."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, UnidentifiedImageError

from api.documents.sniff import IMAGE_TYPES, PDF
from ocr import PDFIUM_LOCK

PREVIEW_WIDTH = 400


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
        with PDFIUM_LOCK:  # PDFium is not thread-safe: capture jobs run side by side
            pdf = pdfium.PdfDocument(source)
            try:
                page = pdf[0]
                bitmap = page.render(scale=PREVIEW_WIDTH / page.get_width())
                image: Image.Image = bitmap.to_pil().copy()
                bitmap.close()
                page.close()
                return image
            finally:
                pdf.close()
    except pdfium.PdfiumError as exc:
        raise PreviewError(f"The PDF cannot be rendered: {exc}") from exc


def _first_image_frame(source: Path) -> Image.Image:
    try:
        with Image.open(source) as image:
            image.seek(0)
            return image.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise PreviewError(f"The image cannot be read: {exc}") from exc
