"""Small real files of each accepted type, made on the fly."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image


def pdf_bytes(pages: int = 1, *, label: str = "") -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    pdf.close()
    # A distinct comment makes distinct files (same pages, different sha256) when a test needs several.
    return buffer.getvalue() + f"%{label}\n".encode() if label else buffer.getvalue()


def image_bytes(fmt: str, *, size: tuple[int, int] = (64, 48), color: str = "white") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


CII_INVOICE = b"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">
  <rsm:ExchangedDocument>
    <ram:ID
      xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
    >F-1</ram:ID>
  </rsm:ExchangedDocument>
</rsm:CrossIndustryInvoice>
"""

XML_WITH_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE invoice [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<invoice>&secret;</invoice>
"""
