"""Open a PDF with pdfium and turn its failures into the package's errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2 as pdfium

from .errors import CorruptDocument, EmptyDocument, EncryptedDocument, TooManyPages
from .options import OcrOptions
from .pdfium_lock import PDFIUM_LOCK

# Attachment names the Factur-X / ZUGFeRD / XRechnung specifications give the invoice XML, best first.
STANDARD_XML_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml")


@contextmanager
def open_pdf(data: bytes, options: OcrOptions) -> Iterator[pdfium.PdfDocument]:
    try:
        with PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedDocument() from exc
        if _declares_no_pages(data):
            raise EmptyDocument("The PDF has no pages.") from exc
        raise CorruptDocument(f"The PDF cannot be opened ({exc}).") from exc
    try:
        with PDFIUM_LOCK:
            pages = len(pdf)
        if pages == 0:
            raise EmptyDocument("The PDF has no pages.")
        if pages > options.max_pages:
            raise TooManyPages(pages, options.max_pages)
        yield pdf
    finally:
        with PDFIUM_LOCK:
            pdf.close()


def _declares_no_pages(data: bytes) -> bool:
    """pdfium refuses to load a page-less PDF at all; tell that case apart from a damaged file."""
    has_page = re.search(rb"/Type\s*/Page(?![a-zA-Z])", data) is not None
    return not has_page and re.search(rb"/Type\s*/Pages\b", data) is not None and b"/Count 0" in data


def embedded_xml(pdf: pdfium.PdfDocument) -> tuple[str, bytes] | None:
    """The invoice XML a Factur-X / ZUGFeRD PDF carries: the standard name first, else any other .xml.

    Only the chosen attachment is inflated (pdfium inflates it twice, to size the buffer then to fill it:
    ~9 ms for a 1.3 MB XRechnung XML; its API copies only into a buffer of the exact size).
    """
    with PDFIUM_LOCK:
        return _embedded_xml(pdf)


def _embedded_xml(pdf: pdfium.PdfDocument) -> tuple[str, bytes] | None:
    found: dict[str, tuple[str, int]] = {}
    for index in range(pdf.count_attachments()):
        name = pdf.get_attachment(index).get_name()
        if name.lower().endswith(".xml") and name.lower() not in found:
            found[name.lower()] = (name, index)
    chosen = next((found[n] for n in STANDARD_XML_NAMES if n in found), next(iter(found.values()), None))
    if chosen is None:
        return None
    name, index = chosen
    return name, bytes(pdf.get_attachment(index).get_data())
