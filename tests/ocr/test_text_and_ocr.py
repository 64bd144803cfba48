"""Visible-page capture: the PDF text layer and OCR, on corpus files and on a made-up seller."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ocr

GOLDEN_TEXT = {
    "invoice_number": "FA-2017-0010", "document_type": "invoice", "issue_date": "2017-11-13",
    "due_date": "2017-12-13", "currency": "EUR", "total_excl_tax": "624.90", "total_tax": "46.25",
    "total_incl_tax": "671.15", "amount_due": "470.15", "seller_name": "Au bon moulin SARL",
    "seller_vat_id": "FR11999999998", "seller_siren": "999999998", "seller_siret": "99999999800010",
    "seller_iban": "FR2012421242124212421242124", "seller_bic": "FIDCFR21XXX",
    "seller_email": "tony.dubois@aubonmoulin.fr", "buyer_name": "Ma jolie boutique",
    "buyer_vat_id": "FR19787878784", "buyer_siren": "787878784", "purchase_order": "PO445",
    "payment_terms": "30% d'acompte, solde à 30 j",
}  # fmt: skip


def _values(result: ocr.ExtractedInvoice) -> dict[str, str]:
    return {name: found.value for name, found in result.fields.items()}


def test_text_layer_golden(corpus: Path) -> None:
    # The page prints "Au bon moulin SARL": capture reads the name as printed (the embedded XML's
    # registration name, "Au bon moulin", is what the XML reader returns).
    result = ocr.extract((corpus / "visual/securibox__Basic__Facture_FR_BASIC.text.pdf").read_bytes())
    assert result.method == "text"
    assert result.pages == 1
    assert _values(result) == GOLDEN_TEXT
    total = result.fields["total_incl_tax"]
    assert total.page == 1
    assert total.bbox is not None
    assert all(0.0 <= c <= 1.0 for c in total.bbox)
    assert total.bbox[0] > 0.5  # printed in the right-hand totals column


def test_german_text_layer_golden(corpus: Path) -> None:
    name = "visual/zugferd-corpus__XML-Rechnung__FX__EN16931_Einfach.text.pdf"
    values = _values(ocr.extract((corpus / name).read_bytes()))
    expected = {
        "invoice_number": "471102", "issue_date": "2018-03-05", "currency": "EUR",
        "total_excl_tax": "473.00", "total_tax": "56.87", "total_incl_tax": "529.87", "amount_due": "529.87",
        "seller_name": "Lieferant GmbH", "seller_vat_id": "DE123456789", "buyer_name": "Kunden AG Mitte",
    }  # fmt: skip
    assert {k: values.get(k) for k in expected} == expected


def test_unseen_layout_in_english(make_text_pdf: Callable[..., bytes]) -> None:
    """A seller the library never saw, laid out differently: labels and layout alone must do."""
    pdf = make_text_pdf([[
        (50, 60, 16, "Northwind Traders Ltd"),
        (50, 78, 10, "12 Harbour Street, Leeds LS1 4AB"),
        (400, 60, 18, "INVOICE"),
        (400, 90, 10, "Invoice number: NW-88812"),
        (400, 104, 10, "Invoice date: 4 March 2024"),
        (400, 118, 10, "Due date: 03/04/2024"),
        (50, 150, 10, "Bill to:"),
        (50, 164, 10, "Contoso Bistro SAS"),
        (50, 178, 10, "8 rue Jean Jaures"),
        (50, 192, 10, "69007 Lyon"),
        (50, 206, 10, "VAT: FR44732829320"),
        (50, 300, 10, "Subtotal"), (450, 300, 10, "1,250.00"),
        (50, 314, 10, "VAT amount"), (450, 314, 10, "250.00"),
        (50, 328, 10, "Total amount"), (450, 328, 10, "1,500.00"),
        (50, 400, 10, "IBAN: FR76 3000 6000 0112 3456 7890 189   BIC: BNPAFRPPXXX"),
    ]])  # fmt: skip
    result = ocr.extract(pdf)
    values = _values(result)
    expected = {
        "invoice_number": "NW-88812", "issue_date": "2024-03-04", "due_date": "2024-04-03",
        "total_excl_tax": "1250.00", "total_tax": "250.00", "total_incl_tax": "1500.00",
        "amount_due": "1500.00", "seller_name": "Northwind Traders Ltd", "buyer_name": "Contoso Bistro SAS",
        "buyer_vat_id": "FR44732829320", "buyer_siren": "732829320",
        "seller_iban": "FR7630006000011234567890189", "seller_bic": "BNPAFRPPXXX",
    }  # fmt: skip
    assert {k: values.get(k) for k in expected} == expected
    assert result.warnings == []


def test_scanned_photo_is_ocrd(corpus: Path) -> None:
    result = ocr.extract((corpus / "visual/securibox__Basic__Facture_FR_BASIC.scan.jpg").read_bytes())
    assert result.method == "ocr"
    values = _values(result)
    expected = {k: GOLDEN_TEXT[k] for k in ("invoice_number", "issue_date", "total_incl_tax", "seller_iban",
                                            "buyer_vat_id", "purchase_order")}  # fmt: skip
    assert {k: values.get(k) for k in expected} == expected
    assert 0.0 < result.fields["invoice_number"].confidence <= 1.0


def test_render_page_png(make_text_pdf: Callable[..., bytes]) -> None:
    png = ocr.render_page_png(make_text_pdf([[(50, 50, 12, "Facture 1")]]), 1, 72)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(png[16:20], "big") == 595  # width at 72 dpi = page width in points


def test_to_dict_is_json_ready(corpus: Path) -> None:
    import json

    result = ocr.extract((corpus / "xml/cen-en16931__cii__examples__CII_example1.xml").read_bytes())
    data = json.loads(json.dumps(result.to_dict()))
    assert data["method"] == "xml"
    assert data["fields"]["invoice_number"] == {
        "value": "12115118",
        "confidence": 1.0,
        "page": None,
        "bbox": None,
    }


def test_sideways_scan_is_turned_upright(make_text_pdf: Callable[..., bytes]) -> None:
    """OSD runs only when the first reading looks wrong; then the page is rotated and read again."""
    import io

    import pypdfium2 as pdfium

    lines = [(60, 80 + 16 * i, 12, f"Ligne de texte numero {i} pour la facture") for i in range(20)]
    lines += [(60, 500, 14, "Facture n° ROT-4521"), (60, 520, 14, "Date de facture : 14/02/2024")]
    pdf = pdfium.PdfDocument(make_text_pdf([lines]))
    image = pdf[0].render(scale=200 / 72, grayscale=True).to_pil().rotate(90, expand=True)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(200, 200))
    result = ocr.extract(buffer.getvalue())
    assert (result.value("invoice_number"), result.value("issue_date")) == ("ROT-4521", "2024-02-14")
