"""Totals on the second round of generated layouts (issue 15): an OCR'd space before the decimal comma, and
a tax summed from the lines' tax column a cent away from what the printed net and gross totals make it.
Each test builds words with positions, as a text layer or OCR gives them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ocr.amounts import money_spans
from ocr.layout import PageText, Word
from ocr.locate import locate_fields

_SIZE = 10.0
_TOTALS = ("total_excl_tax", "total_tax", "total_incl_tax", "amount_due")

Placed = tuple[float, float, str]  # x, y (top), text; one item's words are set a space apart

_HEAD: list[Placed] = [
    (50, 40, "Quincaillerie du Lot"),
    (50, 60, "Facture n° 2025/816"),
    (50, 74, "Date : 07/12/2025"),
]


def _totals(items: list[Placed]) -> tuple[str | None, ...]:
    words = []
    for x, y, text in items:
        for word in filter(None, text.split(" ")):
            width = len(word) * _SIZE * 0.5
            words.append(Word(word, x, y, x + width, y + _SIZE, 0.95))
            x += width + _SIZE * 0.3
    fields = locate_fields([PageText(1, words, "ocr", 595.0, 842.0)]).fields
    return tuple(fields[n].value if n in fields else None for n in _TOTALS)


@pytest.mark.parametrize(
    ("text", "value"),
    [("33 361 ,58 €", "33361.58"), ("33 361 ,58", "33361.58"), ("1 234 .50 EUR", "1234.50")],
)
def test_a_space_ocr_set_before_the_decimal_mark_keeps_the_cents(text: str, value: str) -> None:
    spans = money_spans(text)
    assert [(s.value, s.cents, s.repaired) for s in spans] == [(Decimal(value), True, True)]


@pytest.mark.parametrize("text", ["lots 12 ,34 and 56", "Qty 3 ,50 x 2"])
def test_a_comma_after_a_space_inside_running_text_is_no_decimal_mark(text: str) -> None:
    assert all(not s.cents for s in money_spans(text))


def test_a_gross_total_read_with_a_space_before_its_cents_adds_up() -> None:
    box: list[Placed] = [
        (400, 490, "TOTAL HT."), (400, 502, "27 801,32 €"),
        (400, 520, "T.V.A. 20 %"), (400, 532, "5 560,26 €"),
        (400, 550, "NET À PAYER T.T.C."), (400, 562, "33 361 ,58 €"),
    ]  # fmt: skip
    assert _totals(_HEAD + box) == ("27801.32", "5560.26", "33361.58", "33361.58")


def test_a_tax_column_summed_a_cent_off_gives_way_to_the_printed_totals_difference() -> None:
    lines: list[Placed] = [
        (40, 265, "Détail"), (340, 265, "Montant HT"), (420, 265, "Taux"), (530, 265, "TVA"),
        (40, 280, "Vis inox A2 6x40"), (360, 280, "125,43"), (430, 280, "5,50 %"), (530, 280, "6,90"),
        (40, 294, "Papier couché A3"), (350, 294, "6 496,40"), (430, 294, "20,00 %"), (520, 294, "1 299,28"),
    ]  # fmt: skip
    box: list[Placed] = [
        (340, 335, "Total HT"), (500, 335, "6 621,83 €"),
        (340, 363, "Total TTC"), (500, 363, "7 928,00 €"),
    ]  # fmt: skip
    # 6,90 + 1 299,28 = 1 306,18, but the printed totals differ by 1 306,17: the tax is what they state.
    assert _totals(_HEAD + lines + box) == ("6621.83", "1306.17", "7928.00", "7928.00")


_ITEMS_ONE_EXEMPT: list[Placed] = [
    (30, 220, "Description"), (215, 220, "Quantity"), (294, 220, "Unit Price"), (384, 220, "Discount"),
    (463, 220, "Tax"), (519, 220, "Amount USD"),
    (30, 245, "Hourly Work"), (223, 245, "120.00"), (311, 245, "$80.00"), (400, 245, "0.00%"),
    (445, 245, "Tax Exempt"), (521, 245, "$9,600.00"),
    (30, 270, "Discounted Purchase"), (234, 270, "1.00"), (295, 270, "$1,000.00"), (395, 270, "10.00%"),
    (472, 270, "7.00%"), (521, 270, "$1,000.00"),
]  # fmt: skip


def test_one_line_item_marked_tax_exempt_does_not_exempt_an_invoice_whose_other_line_is_taxed() -> None:
    box: list[Placed] = [
        (440, 305, "Subtotal"), (519, 305, "$10,600.00"),
        (435, 335, "TOTAL USD"), (520, 335, "$10,570.00"),
        (378, 575, "Amount Due"), (475, 575, "$10,570.00"),
    ]  # fmt: skip
    excl, tax, incl, due = _totals(_HEAD + _ITEMS_ONE_EXEMPT + box)
    assert (incl, due) == ("10570.00", "10570.00")
    assert tax != "0.00"  # the second line bears 7 %


def test_an_exemption_mention_below_the_lines_still_makes_net_and_gross_one_figure() -> None:
    box: list[Placed] = [(435, 335, "TOTAL USD"), (520, 335, "$10,600.00"), (30, 400, "VAT exempt")]
    items = [item for item in _ITEMS_ONE_EXEMPT if item[2] != "7.00%"]
    assert _totals(_HEAD + items + box) == ("10600.00", "0.00", "10600.00", "10600.00")
