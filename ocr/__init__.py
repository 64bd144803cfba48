"""Encaisse capture: invoice bytes in (PDF, Factur-X/ZUGFeRD, CII/UBL XML, images), ExtractedInvoice out.

Pipeline (`pipeline.py`): triage (`triage.py`) -> read -> locate fields -> validate -> result.
- read, structured first: the XML embedded in a Factur-X/ZUGFeRD PDF or uploaded alone (`xml_invoice.py`,
  `cii.py`, `ubl.py`; safe parsing in `xml_safe.py`), exact values with confidence 1.0, method "xml";
- else the PDF text layer through pdfium (`pdf_text.py`), method "text";
- else OCR of image pages with tesseract (`ocr_pages.py`, `tesseract.py`, `ocr_words.py`), method "ocr".
- locate (`locate.py`, `totals.py`, `parties.py`, `vat_table.py`): labels in French, English and German
  (`labels.py`, `total_labels.py`, `party_labels.py`) and layout (`document.py`), never per-issuer templates;
- line items (`line_items.py`): from the XML, or on text-layer pages under an item table header
  (pdfplumber's table finder, else the header words' columns); `OcrOptions.line_items` turns it off;
- validate (`validate.py`): checksums and arithmetic lower confidence and add warnings, never "fix"; a
  warning is a `Notice` (`notices.py`): a code with parameters, and a plain English `message`.
- layout memory (`layout_memory.py`, `layout_anchors.py`): `learn(pages, approved values)` remembers where
  one organisation's template prints each field; `extract(..., memories=...)` reads a matching invoice
  from there first (`result.layout_match`). `pages_to_dict` keeps the read words (`result.page_texts`)
  compact for learning later.

Field values are strings: dates `YYYY-MM-DD`, amounts decimal strings ("1234.56"). A field's bbox is
(x0, y0, x1, y1) normalised to its page (0..1, origin top-left); page and bbox are None for XML values.

Pure library: no web framework, database or payment code may be imported from here.
"""

from __future__ import annotations

from .errors import (
    CaptureError,
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    ImageTooLarge,
    NotAnInvoice,
    OcrFailed,
    OcrTimeout,
    TooManyPages,
    UnsupportedDocument,
)
from .layout_memory import LayoutMemory, learn, match_layout
from .model import FIELD_NAMES, ExtractedInvoice, Field, LayoutMatch, LineItem, VatBreakdown
from .notices import Notice
from .options import OcrOptions
from .page_words import pages_from_dict, pages_to_dict
from .pdfium_lock import PDFIUM_LOCK
from .pipeline import extract
from .render import pdf_page_count, render_page_png

__all__ = [
    "FIELD_NAMES",
    "CaptureError",
    "CorruptDocument",
    "EmptyDocument",
    "EncryptedDocument",
    "ExtractedInvoice",
    "Field",
    "ImageTooLarge",
    "LayoutMatch",
    "LayoutMemory",
    "LineItem",
    "NotAnInvoice",
    "Notice",
    "OcrFailed",
    "OcrOptions",
    "OcrTimeout",
    "PDFIUM_LOCK",
    "TooManyPages",
    "UnsupportedDocument",
    "VatBreakdown",
    "extract",
    "learn",
    "match_layout",
    "pages_from_dict",
    "pages_to_dict",
    "pdf_page_count",
    "render_page_png",
]
