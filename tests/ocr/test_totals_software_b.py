"""Totals as ERP systems and invoicing libraries print them: a price word qualified as net or total ("Net
Price", "Prix total"), "Untaxed Amount", "Total with tax", a bare total above the gross one, a breakdown
table closed by a totals row under "Montant HT | Montant TVA | Montant TTC", and a balance due with nothing
paid before. Each test builds words with positions, as a text layer gives them, in several languages."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from ocr.layout import PageText, Word
from ocr.locate import locate_fields
from ocr.total_labels import classify

_SIZE = 10.0
_TOTALS = ("total_excl_tax", "total_tax", "total_incl_tax", "amount_due")

Placed = tuple[float, float, str]  # x, y (top), text; one item's words are set a space apart

_HEAD = [(50, 40, "ACME Ltd"), (50, 60, "Invoice 2026-001"), (50, 74, "Date: 07/12/2026")]
_ITEMS = [
    (50, 300, "Description"), (250, 300, "Qty"), (330, 300, "Unit price"), (480, 300, "Amount"),
    (50, 316, "Consulting"), (250, 316, "2"), (330, 316, "400.00"), (480, 316, "800.00"),
    (50, 332, "Licence"), (250, 332, "1"), (330, 332, "200.00"), (480, 332, "200.00"),
]  # fmt: skip


def _page(items: Sequence[Placed]) -> PageText:
    words = []
    for x, y, text in items:
        for word in text.split():
            width = len(word) * _SIZE * 0.5
            words.append(Word(word, x, y, x + width, y + _SIZE, 1.0))
            x += width + _SIZE * 0.3
    return PageText(1, words, "text", 595.0, 842.0)


def _totals(items: Sequence[Placed]) -> tuple[str | None, ...]:
    located = locate_fields([_page([*_HEAD, *items])])
    return tuple(located.fields[n].value if n in located.fields else None for n in _TOTALS)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Net Price", "total_excl_tax"),
        ("Prix net", "total_excl_tax"),
        ("Total Price", "total_incl_tax"),
        ("Prix total", "total_incl_tax"),
        ("Precio total", "total_incl_tax"),
        ("Untaxed Amount", "total_excl_tax"),
        ("Total with tax:", "total_incl_tax"),
        ("Total with VAT", "total_incl_tax"),
        ("Total without tax", "total_excl_tax"),
        ("Summe mit MwSt", "total_incl_tax"),
        ("Total inc. VAT", "total_incl_tax"),
        # A company's legal form is no "incl." ("Pioneer Analytics Inc." over the seller's address).
        ("Pioneer Analytics Inc.", None),
        # A price alone, or a unit price, is no total.
        ("Unit price", None),
        ("Prix unitaire HT", None),
        ("Price", None),
    ],
)
def test_price_and_tax_wordings_of_erp_reports(text: str, kind: str | None) -> None:
    label = classify(text)
    assert (label.kind if label else None) == kind


@pytest.mark.parametrize(
    ("net", "tax", "gross", "due"),
    [
        ("Net Price", "Tax", "Total Price", "Amount Due"),
        ("Prix net", "Taxe", "Prix total", "Montant dû"),
    ],
)
def test_a_report_of_net_price_tax_and_total_price_reads_its_totals(
    net: str, tax: str, gross: str, due: str
) -> None:
    summary = [
        (300, 400, net), (480, 400, "1,000.00"),
        (300, 416, tax), (480, 416, "200.00"),
        (300, 432, gross), (480, 432, "1,200.00"),
        (300, 448, "Payment, thank you!"), (480, 448, "-300.00"),
        (300, 464, due), (480, 464, "900.00"),
    ]  # fmt: skip
    assert _totals(_ITEMS + summary)[:3] == ("1000.00", "200.00", "1200.00")


@pytest.mark.parametrize(
    ("bare", "gross"),
    [("Total:", "Total with tax:"), ("Total", "Total TTC"), ("Summe", "Summe brutto")],
)
def test_a_bare_total_above_the_gross_total_is_the_net(bare: str, gross: str) -> None:
    summary = [(300, 400, f"{bare} 1000.00 EUR"), (300, 416, f"{gross} 1200.00 EUR")]
    excl, _, incl, _ = _totals(_ITEMS + summary)
    assert (excl, incl) == ("1000.00", "1200.00")


def test_a_bare_total_above_a_gross_total_beyond_any_vat_rate_is_not_the_net() -> None:
    """Half the gross: no VAT rate makes that difference, so the upper figure says nothing of the net."""
    summary = [(300, 400, "Total: 600.00 EUR"), (300, 416, "Total with tax: 1200.00 EUR")]
    excl, _, incl, _ = _totals(_ITEMS + summary)
    assert (excl, incl) == (None, "1200.00")


def test_untaxed_amount_vat_rows_and_total_add_up() -> None:
    summary = [
        (300, 400, "Untaxed Amount"), (480, 400, "€ 1,000.00"),
        (300, 416, "VAT 20%"), (480, 416, "€ 160.00"),
        (300, 432, "VAT 10%"), (480, 432, "€ 20.00"),
        (300, 448, "Total"), (480, 448, "€ 1,180.00"),
    ]  # fmt: skip
    assert _totals(summary)[:3] == ("1000.00", "180.00", "1180.00")


@pytest.mark.parametrize(
    ("headers", "total"),
    [
        (("Taux TVA", "Montant HT", "Montant TVA", "Montant TTC"), "Total"),
        (("VAT rate", "Net amount", "VAT amount", "Gross amount"), "Total"),
        (("Steuersatz", "Nettobetrag", "Steuerbetrag", "Bruttobetrag"), "Summe"),
    ],
)
def test_a_breakdown_closed_by_a_totals_row_gives_each_total_its_column(
    headers: tuple[str, ...], total: str
) -> None:
    xs = (250, 330, 410, 490)
    rows = [[*headers], ["20%", "800,00", "160,00", "960,00"], ["10%", "200,00", "20,00", "220,00"]]
    rows.append([total, "1 000,00", "180,00", "1 180,00"])
    table = [(x, 400 + 16 * i, text) for i, row in enumerate(rows) for x, text in zip(xs, row, strict=True)]
    assert _totals(table + [(50, 500, "Payment: bank transfer")])[:3] == ("1000.00", "180.00", "1180.00")


@pytest.mark.parametrize(
    ("paid", "gross"),
    [("$0.00", "1200.00"), ("$300.00", None)],
)
def test_a_balance_due_with_nothing_paid_before_is_the_gross_total(paid: str, gross: str | None) -> None:
    summary = [
        (300, 400, "Subtotal"), (480, 400, "$1200.00"),
        (300, 416, "Paid To Date"), (480, 416, paid),
        (300, 432, "Balance Due"), (480, 432, "$900.00" if gross is None else "$1200.00"),
    ]  # fmt: skip
    assert _totals(_ITEMS + summary)[2] == gross


@pytest.mark.parametrize(
    ("net", "tax", "gross"),
    [("€ 3 334,28", "€ 285,55", "€ 3 619,83"), ("$1,000.00", "$200.00", "$1,200.00")],
)
def test_totals_whose_labels_ocr_lost_are_the_stacked_figures_that_add_up(
    net: str, tax: str, gross: str
) -> None:
    """White labels on a dark band: OCR reads the figures only (and a stray mark before one of them)."""
    stack = [(480, 400, net), (440, 428, "Iie"), (480, 428, tax), (480, 456, gross)]
    assert _totals(_ITEMS + stack)[:3] == tuple(
        str(value) for value in (_value(net), _value(tax), _value(gross))
    )


def test_stacked_figures_that_do_not_add_up_are_no_totals() -> None:
    stack = [(480, 400, "1,000.00"), (480, 416, "200.00"), (480, 432, "1,250.00")]
    assert _totals(_ITEMS + stack)[:3] == (None, None, None)


def _value(printed: str) -> str:
    digits = "".join(c for c in printed if c.isdigit())
    return f"{digits[:-2]}.{digits[-2:]}"


@pytest.mark.parametrize("paid", ["Payé", "Montant payé", "Bezahlt", "Pagato"])
def test_a_paid_line_between_the_gross_total_and_a_split_due_label_leaves_the_rest_due(paid: str) -> None:
    """ "Reste à" over "payer" on two lines is read as no label: the due amount is the gross less the paid."""
    summary = [
        (360, 400, "Total HT"), (550, 400, "169,20"),
        (360, 416, "Total TVA 10%"), (550, 416, "16,92"),
        (360, 432, "Total TTC"), (550, 432, "186,12"),
        (360, 448, paid), (550, 448, "55,84"),
        (360, 462, "Reste à"), (550, 462, "130,28"), (362, 468, "payer"),
    ]  # fmt: skip
    assert _totals(_ITEMS + summary) == ("169.20", "16.92", "186.12", "130.28")
