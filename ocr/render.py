"""Page images for people reviewing a capture."""

from __future__ import annotations

import io
import sys

from .errors import CaptureError
from .options import OcrOptions
from .pdf_document import open_pdf
from .pdfium_lock import PDFIUM_LOCK

MAX_RENDER_DPI = 600


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF; EncryptedDocument, EmptyDocument or CorruptDocument when it cannot be read."""
    with open_pdf(data, OcrOptions(max_pages=sys.maxsize)) as pdf, PDFIUM_LOCK:
        return len(pdf)


def render_page_png(
    data: bytes, page_number: int, dpi: int = 150, *, options: OcrOptions | None = None
) -> bytes:
    """PNG of one page (1-based) of a PDF, rendered at `dpi`."""
    if not 1 <= dpi <= MAX_RENDER_DPI:
        raise ValueError(f"dpi must be between 1 and {MAX_RENDER_DPI}, not {dpi}")
    with open_pdf(data, options or OcrOptions()) as pdf:
        if not 1 <= page_number <= len(pdf):
            raise CaptureError(f"There is no page {page_number}: the document has {len(pdf)} pages.")
        with PDFIUM_LOCK:
            page = pdf[page_number - 1]
            try:
                bitmap = page.render(scale=dpi / 72)
                try:
                    image = bitmap.to_pil().copy()
                finally:
                    bitmap.close()
            finally:
                page.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()
