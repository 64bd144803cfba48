"""Small real files of each accepted type, made on the fly."""

from __future__ import annotations

import io
from decimal import Decimal

import pypdfium2 as pdfium
from PIL import Image

from ocr import PDFIUM_LOCK, render_page_png


def blank_pdf_bytes(pages: int = 1) -> bytes:
    """Pages with nothing on them: no text layer, so capture would have to OCR them."""
    with PDFIUM_LOCK:  # capture jobs may be rendering in the background
        pdf = pdfium.PdfDocument.new()
        for _ in range(pages):
            pdf.new_page(595, 842)
        buffer = io.BytesIO()
        pdf.save(buffer)
        pdf.close()
    return buffer.getvalue()


def text_pdf_bytes(pages: list[list[str]]) -> bytes:
    """A PDF whose pages carry the given lines as a real text layer (Helvetica, WinAnsi)."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        content = (
            b"BT /F1 11 Tf 14 TL 50 800 Td "
            + b" ".join(b"(" + _pdf_escape(line) + b") Tj T*" for line in lines)
            + b" ET"
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (font, len(objects))
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    return assemble_pdf(objects)


def assemble_pdf(objects: list[bytes]) -> bytes:
    """A PDF file of `objects` (object 1 the catalogue), numbered in order, with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _pdf_escape(line: str) -> bytes:
    return line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(pages: int = 1, *, label: str = "") -> bytes:
    """A small text PDF; distinct labels make distinct files (different sha256)."""
    return text_pdf_bytes([[f"Document de test {label}", f"Page {n + 1}"] for n in range(pages)])


def invoice_pdf_bytes(
    *, number: str = "F-2026-0042", buyer: str = "Boulangerie Martin SARL", total: str = "1 234,56"
) -> bytes:
    """A French invoice at 20 % VAT whose printed totals add up (HT + TVA = TTC) whatever `total` is."""
    incl = Decimal(total.replace(" ", "").replace("\u202f", "").replace(",", "."))
    excl = (incl / Decimal("1.2")).quantize(Decimal("0.01"))
    return text_pdf_bytes(
        [
            [
                "Atelier Lenoir SAS",
                "12 rue des Lilas, 75011 Paris",
                "SIREN : 732 829 320",
                "",
                f"FACTURE N\u00b0 {number}",
                "Date de facture : 13/11/2026",
                "Date d'\u00e9ch\u00e9ance : 13/12/2026",
                "",
                "Client :",
                buyer,
                "3 place du March\u00e9, 69002 Lyon",
                "",
                f"Total HT : {_french(excl)} \u20ac",
                f"TVA 20 % : {_french(incl - excl)} \u20ac",
                f"Total TTC : {total} \u20ac",
            ]
        ]
    )


def _french(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",")


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


def invoice_png_bytes(dpi: int = 200, **invoice: str) -> bytes:
    """The invoice of `invoice_pdf_bytes`, as a scanned page: an image with no text layer."""
    page = Image.open(io.BytesIO(render_page_png(invoice_pdf_bytes(**invoice), 1, dpi)))
    buffer = io.BytesIO()
    page.convert("L").save(buffer, format="PNG")
    return buffer.getvalue()
