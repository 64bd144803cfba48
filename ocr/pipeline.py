"""The capture pipeline: triage -> read -> locate fields -> validate -> result."""

from __future__ import annotations

from collections.abc import Sequence

import pypdfium2 as pdfium

from .errors import CaptureError, EmptyDocument
from .layout import PageText
from .layout_memory import LayoutMemory, apply_memories
from .line_items import has_item_header, items_from_tables, items_from_words, plumber_pdf
from .locate import locate_fields
from .model import ExtractedInvoice, Field, LineItem, Method
from .notices import Notice
from .ocr_pages import ocr_image_file, ocr_pdf_pages
from .options import OcrOptions
from .pdf_document import STANDARD_XML_NAMES, embedded_xml, open_pdf
from .pdf_text import has_text_layer, read_text_page
from .pdfium_lock import PDFIUM_LOCK
from .structured import StructuredInvoice
from .triage import triage
from .validate import validate
from .xml_invoice import read_xml_invoice

XML_CONFIDENCE = 1.0


def extract(
    data: bytes,
    *,
    filename: str | None = None,
    options: OcrOptions | None = None,
    memories: Sequence[LayoutMemory] = (),
) -> ExtractedInvoice:
    """Read one invoice (PDF, Factur-X/ZUGFeRD PDF, CII/UBL XML, or image) into an ExtractedInvoice.

    `memories` are layouts learned from this organisation's corrected invoices (ocr.learn): read pages
    are matched against them and the best match reads its fields first (result.layout_match says which).
    """
    options = options or OcrOptions()
    kind = triage(data, filename)
    if kind == "xml":
        return _from_structured(read_xml_invoice(data), pages=0, warnings=[])
    if kind == "image":
        return _from_pages(ocr_image_file(data, options), method="ocr", warnings=[], memories=memories)
    return _extract_pdf(data, options, memories)


def _extract_pdf(data: bytes, options: OcrOptions, memories: Sequence[LayoutMemory]) -> ExtractedInvoice:
    warnings: list[Notice] = []
    with open_pdf(data, options) as pdf:
        structured = _embedded_invoice(pdf, warnings)
        if structured is not None:
            return _from_structured(structured, pages=len(pdf), warnings=warnings)
        pages, method = _read_pdf_pages(pdf, options)
    lines = _text_line_items(data, pages) if options.line_items else []
    return _from_pages(pages, method=method, warnings=warnings, lines=lines, memories=memories)


def _embedded_invoice(pdf: pdfium.PdfDocument, warnings: list[Notice]) -> StructuredInvoice | None:
    """The Factur-X / ZUGFeRD XML if the PDF carries a readable one; else None (the page is read)."""
    found = embedded_xml(pdf)
    if found is None:
        return None
    name, xml = found
    try:
        structured = read_xml_invoice(xml)
    except CaptureError as exc:
        warnings.append(Notice("embedded_ignored", {"name": name, "reason": exc.message}))
        return None
    if name.lower() not in STANDARD_XML_NAMES:
        warnings.append(Notice("embedded_name", {"name": name}))
    return structured


def _read_pdf_pages(pdf: pdfium.PdfDocument, options: OcrOptions) -> tuple[list[PageText], Method]:
    """Text layer where a page has one; every other page is OCR'd, once."""
    text_pages: dict[int, PageText] = {}
    image_pages: list[int] = []
    with PDFIUM_LOCK:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                if has_text_layer(page):
                    text_pages[index + 1] = read_text_page(page, index + 1)
                else:
                    image_pages.append(index + 1)
            finally:
                page.close()
    ocr_pages = {p.number: p for p in ocr_pdf_pages(pdf, image_pages, options)} if image_pages else {}
    pages = [text_pages.get(n) or ocr_pages[n] for n in range(1, len(pdf) + 1)]
    return pages, ("ocr" if image_pages else "text")


def _text_line_items(data: bytes, pages: list[PageText]) -> list[LineItem]:
    """Line items of the text-layer pages that show an item table header; pdfplumber only runs there."""
    wanted = [page for page in pages if page.method == "text" and has_item_header(page)]
    if not wanted:
        return []
    try:
        with plumber_pdf(data) as plumber:
            tables = {
                page.number: items_from_tables(plumber.pages[page.number - 1], page.number) for page in wanted
            }
    except Exception:  # pdfminer may choke where pdfium did not: line items are a bonus, never a failure
        tables = {}
    return [item for page in wanted for item in (tables.get(page.number) or items_from_words(page))]


def _from_structured(
    structured: StructuredInvoice, *, pages: int, warnings: list[Notice]
) -> ExtractedInvoice:
    fields = {name: Field(value, XML_CONFIDENCE) for name, value in structured.values.items()}
    result = ExtractedInvoice(
        method="xml", pages=pages, fields=fields, lines=structured.lines,
        vat_breakdown=structured.vat_breakdown, warnings=warnings + structured.warnings,
    )  # fmt: skip
    result.warnings += validate(result.fields)
    return result


def _from_pages(
    pages: list[PageText],
    *,
    method: Method,
    warnings: list[Notice],
    lines: list[LineItem] | None = None,
    memories: Sequence[LayoutMemory] = (),
) -> ExtractedInvoice:
    if not any(page.words for page in pages):
        raise EmptyDocument("No text could be read on any page of the document.")
    located = locate_fields(pages)
    match = apply_memories(pages, memories, located.fields)
    result = ExtractedInvoice(
        method=method, pages=len(pages), fields=located.fields, lines=lines or [],
        vat_breakdown=located.vat_breakdown, warnings=warnings + located.warnings,
        layout_match=match, page_texts=list(pages),
    )  # fmt: skip
    result.warnings += validate(result.fields)
    return result
