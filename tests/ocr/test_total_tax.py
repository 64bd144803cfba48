"""Total tax printed under the tax's name and rate ("TVA 20 %", "MwSt. 19 %"), kept when the totals add up."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import ocr
from tests.support.files import invoice_pdf_bytes, text_pdf_bytes


def _totals(result: ocr.ExtractedInvoice) -> tuple[str | None, ...]:
    names = ("total_excl_tax", "total_tax", "total_incl_tax")
    return tuple(result.value(name) for name in names)


def test_simple_french_totals_give_the_tax() -> None:
    result = ocr.extract(invoice_pdf_bytes())
    assert _totals(result) == ("1028.80", "205.76", "1234.56")
    tax = result.fields["total_tax"]
    assert tax.page == 1
    assert tax.bbox is not None
    assert 0.5 < tax.confidence <= 1.0


@pytest.mark.parametrize(
    ("excl", "tax", "incl", "expected"),
    [  # fmt: skip
        (
            "Total HT : 1 028,80 €",
            "TVA (20%) : 205,76 €",
            "Total TTC : 1 234,56 €",
            ("1028.80", "205.76", "1234.56"),
        ),
        (
            "Total HT : 1 028,80 €",
            "Montant TVA : 205,76 €",
            "Total TTC : 1 234,56 €",
            ("1028.80", "205.76", "1234.56"),
        ),
        ("Subtotal: 250.00", "VAT 20%: 50.00", "Total: 300.00", ("250.00", "50.00", "300.00")),
        (
            "Nettobetrag: 473,00 EUR",
            "MwSt. 19 %: 89,87 EUR",
            "Bruttosumme: 562,87 EUR",
            ("473.00", "89.87", "562.87"),
        ),
        (
            "Nettobetrag 100,00",
            "zzgl. 19 % USt 19,00",
            "Rechnungsbetrag 119,00",
            ("100.00", "19.00", "119.00"),
        ),
        ("Nettobetrag 100,00", "USt 19,00", "Bruttosumme 119,00", ("100.00", "19.00", "119.00")),
    ],
)
def test_tax_labels_with_rates(excl: str, tax: str, incl: str, expected: tuple[str, ...]) -> None:
    pdf = text_pdf_bytes([["Facture n° T-1", "Date : 02/03/2026", "", excl, tax, incl]])
    assert _totals(ocr.extract(pdf)) == expected


def test_rated_label_that_does_not_add_up_is_not_taken() -> None:
    """ "TVA 20 %" followed by a figure that is not the tax (here the base): that figure is never the tax;
    the tax is the gross less the net, which the printed rate of the net confirms, printed nowhere."""
    pdf = text_pdf_bytes([["Facture n° T-2", "Total HT : 1 028,80 €", "TVA 20 % : 1 028,80 €",
                           "Total TTC : 1 234,56 €"]])  # fmt: skip
    result = ocr.extract(pdf)
    assert result.value("total_tax") == "205.76"
    assert result.fields["total_tax"].bbox is None
    assert result.value("total_incl_tax") == "1234.56"


def test_vat_number_line_is_not_a_tax(make_text_pdf: Callable[..., bytes]) -> None:
    pdf = make_text_pdf([[
        (50, 60, 10, "TVA : FR44732829320"),
        (50, 200, 10, "Total HT"), (400, 200, 10, "100,00"),
        (50, 214, 10, "Total TTC"), (400, 214, 10, "120,00"),
    ]])  # fmt: skip
    assert ocr.extract(pdf).value("total_tax") is None
