"""Line items read from the text layer: corpus text PDFs against their own XML, and made-up layouts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

import ocr

# Text PDFs whose page shows the same items as their XML. Left out: the two ZUGFeRD 1 Intarsys files (their
# table header is drawn, not text) and the atgp sample (its page and its XML are different invoices).
_NOT_COMPARABLE = ("ZUGFeRD_1p0_", "atgp_factur-x")


def _text_pdfs(corpus: Path) -> list[Path]:
    found = sorted((corpus / "visual").glob("*.text.pdf"))
    return [p for p in found if not any(marker in p.name for marker in _NOT_COMPARABLE)]


def _number(value: str | None) -> Decimal | None:
    return None if value is None else abs(Decimal(value))


def _squeezed(text: str) -> str:
    return "".join(text.split()).rstrip(":")


def test_text_pdf_line_items_match_the_xml(corpus: Path) -> None:
    compared = 0
    for path in _text_pdfs(corpus):
        xml_twin = corpus / "xml" / path.name.replace(".text.pdf", ".pdf")
        expected = ocr.extract(xml_twin.read_bytes()).lines
        got = ocr.extract(path.read_bytes()).lines
        assert len(got) == len(expected), path.name
        for item, truth in zip(got, expected, strict=True):
            assert _squeezed(item.description) == _squeezed(truth.description), path.name
            # Credit notes print positive quantities where the XML has negative ones, or the reverse.
            assert _number(item.quantity) == _number(truth.quantity), (path.name, item)
            assert _number(item.total) == _number(truth.total), (path.name, item)
            if item.vat_rate is not None:
                assert _number(item.vat_rate) == _number(truth.vat_rate), (path.name, item)
            assert item.page is not None
        compared += len(got)
    assert compared >= 60


def test_unruled_german_table_with_totals_one_line_down(corpus: Path) -> None:
    name = "visual/zugferd-corpus__XML-Rechnung__FX__EN16931_Einfach.text.pdf"
    result = ocr.extract((corpus / name).read_bytes())
    assert [item.to_dict() for item in result.lines] == [
        {"description": "Trennblätter A4", "quantity": "20", "unit_price": "9.9000", "total": "198.00",
         "vat_rate": "19", "page": 2},
        {"description": "Joghurt Banane", "quantity": "50", "unit_price": "5.5000", "total": "275.00",
         "vat_rate": "7", "page": 2},
    ]  # fmt: skip


def test_ruled_french_table(corpus: Path) -> None:
    result = ocr.extract((corpus / "visual/securibox__Basic__Facture_FR_BASIC.text.pdf").read_bytes())
    assert [(i.description, i.quantity, i.unit_price, i.total) for i in result.lines] == [
        ("Nougat de l'Abbaye 250g", "20", "4.55", "81.90"),  # the printed gross price; the XML has the net
        ("Biscuits aux raisins 300g", "15", "3.20", "48.00"),
        ("Huile d'olive à l'ancienne", "25", "19.80", "495.00"),
    ]


def _word_table_invoice(make_text_pdf: Callable[..., bytes]) -> bytes:
    return make_text_pdf([[
        (50, 60, 14, "Menuiserie Vasseur SARL"),
        (50, 100, 12, "Facture n° MV-2291"),
        (50, 200, 10, "Désignation"), (300, 200, 10, "Qté"), (360, 200, 10, "P.U. HT"),
        (430, 200, 10, "TVA"), (500, 200, 10, "Montant HT"),
        (50, 220, 10, "Pose de plinthes chêne"), (300, 220, 10, "12"), (360, 220, 10, "18,50"),
        (430, 220, 10, "20 %"), (500, 220, 10, "222,00"),
        (50, 232, 10, "(fourniture comprise)"),
        (50, 250, 10, "Déplacement"), (300, 250, 10, "1"), (360, 250, 10, "45,00"),
        (430, 250, 10, "20 %"), (500, 250, 10, "45,00"),
        (400, 300, 10, "Total HT"), (500, 300, 10, "267,00"),
        (400, 314, 10, "TVA 20 %"), (500, 314, 10, "53,40"),
        (400, 328, 10, "Total TTC"), (500, 328, 10, "320,40"),
    ]])  # fmt: skip


def test_word_columns_without_rules(make_text_pdf: Callable[..., bytes]) -> None:
    """No ruling lines: pdfplumber finds no table, the header words' positions give the columns."""
    result = ocr.extract(_word_table_invoice(make_text_pdf))
    assert [item.to_dict() for item in result.lines] == [
        {"description": "Pose de plinthes chêne (fourniture comprise)", "quantity": "12",
         "unit_price": "18.50", "total": "222.00", "vat_rate": "20", "page": 1},
        {"description": "Déplacement", "quantity": "1", "unit_price": "45.00", "total": "45.00",
         "vat_rate": "20", "page": 1},
    ]  # fmt: skip
    assert result.value("total_excl_tax") == "267.00"


@pytest.mark.parametrize("line_items", [False])
def test_line_items_can_be_switched_off(make_text_pdf: Callable[..., bytes], line_items: bool) -> None:
    result = ocr.extract(_word_table_invoice(make_text_pdf), options=ocr.OcrOptions(line_items=line_items))
    assert result.lines == []
    assert result.value("total_excl_tax") == "267.00"


def test_no_header_no_items(make_text_pdf: Callable[..., bytes]) -> None:
    pdf = make_text_pdf([[(50, 60, 12, "Facture n° 12"), (50, 80, 10, "Total HT 100,00"),
                          (50, 94, 10, "Total TTC 120,00")]])  # fmt: skip
    assert ocr.extract(pdf).lines == []


def test_a_table_finder_failure_falls_back_to_word_columns(
    make_text_pdf: Callable[..., bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ocr.pipeline

    def broken(data: bytes) -> None:
        raise ValueError("pdfminer could not parse this file")

    monkeypatch.setattr(ocr.pipeline, "plumber_pdf", broken)
    result = ocr.extract(_word_table_invoice(make_text_pdf))
    assert [item.description for item in result.lines] == ["Pose de plinthes chêne (fourniture comprise)",
                                                          "Déplacement"]  # fmt: skip
