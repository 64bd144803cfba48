"""Totals on layouts of sellers and generators the library was never tuned on, by class of layout: VAT
exemption mentions in place of a tax, integer amounts with a stray currency glyph beside a quantity column,
a currency code after "Total", thousands separators of other countries, and charges and discounts between
the net and gross totals. Each test builds words with positions, as a text layer or OCR gives them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ocr.amounts import money_spans
from ocr.layout import PageText, Word
from ocr.locate import Located, locate_fields

_SIZE = 10.0
_TOTALS = ("total_excl_tax", "total_tax", "total_incl_tax", "amount_due")

Placed = tuple[float, float, str]  # x, y (top), text; one item's words are set a space apart


def _page(items: list[Placed], confidence: float = 1.0) -> PageText:
    words = []
    for x, y, text in items:
        for word in filter(None, text.split(" ")):
            width = len(word) * _SIZE * 0.5
            words.append(Word(word, x, y, x + width, y + _SIZE, confidence))
            x += width + _SIZE * 0.3
    return PageText(1, words, "text", 595.0, 842.0)


def _read(items: list[Placed], confidence: float = 1.0) -> Located:
    return locate_fields([_page(items, confidence)])


def _totals(located: Located) -> tuple[str | None, ...]:
    return tuple(located.fields[n].value if n in located.fields else None for n in _TOTALS)


_HEAD: list[Placed] = [
    (50, 40, "Studio Martin"),
    (50, 60, "Facture n° 2026-014"),
    (50, 74, "Date : 07/12/2026"),
]


def _box(*rows: tuple[str, str], x: float = 320, y: float = 600) -> list[Placed]:
    """A summary box: each label left, its amount right, one row under the other."""
    placed: list[Placed] = []
    for i, (label, amount) in enumerate(rows):
        placed += [(x, y + 16 * i, label), (x + 160, y + 16 * i, amount)]
    return placed


# --- 1. an invoice that says it bears no VAT ---


@pytest.mark.parametrize(
    "mention",
    [
        "TVA non applicable, art. 293 B du CGI",
        "Exonération de TVA, article 262 ter I du CGI",
        "Autoliquidation",
        "Franchise en base de TVA",
        "VAT exempt",
        "Reverse charge",
        "Steuerfrei nach § 19 UStG",
        "Kleinunternehmer",
    ],
)
@pytest.mark.parametrize("label", ["Total HT", "Total net de TVA", "Total", "Montant dû"])
def test_a_vat_exemption_with_no_tax_printed_gives_a_zero_tax_and_one_figure_for_all_totals(
    mention: str, label: str
) -> None:
    located = _read(_HEAD + _box((label, "800,00 €")) + [(60, 700, mention)])
    assert _totals(located) == ("800.00", "0.00", "800.00", "800.00")
    assert located.fields["total_tax"].bbox is None  # a zero tax is stated, not printed as a figure


def test_without_an_exemption_a_lone_net_total_says_nothing_of_the_tax_or_the_gross() -> None:
    located = _read(
        _HEAD + _box(("Total HT", "800,00 €")) + [(60, 700, "Pénalités de retard : 3 fois le taux")]
    )
    assert _totals(located)[:3] == ("800.00", None, None)


def test_an_exemption_mention_in_the_totals_box_is_not_read_as_a_tax_label() -> None:
    box = _box(("Total HT", "800,00 €"), ("Net à payer", "800,00 €")) + [(320, 640, "TVA non applicable")]
    assert _totals(_read(_HEAD + box)) == ("800.00", "0.00", "800.00", "800.00")


def test_an_exemption_of_some_lines_leaves_the_tax_printed_for_the_others() -> None:
    box = _box(("Total HT", "1 000,00"), ("TVA 20 %", "150,00"), ("Total TTC", "1 150,00"))
    mention = (60, 700, "Ligne 2 : exonération de TVA, article 262 ter I du CGI")
    assert _totals(_read(_HEAD + box + [mention]))[:3] == ("1000.00", "150.00", "1150.00")


def test_an_exemption_with_net_and_gross_totals_that_differ_invents_no_zero_tax() -> None:
    box = _box(("Total HT", "1 000,00"), ("Total TTC", "1 200,00")) + [(60, 700, "Autoliquidation")]
    assert _totals(_read(_HEAD + box))[1] is None


# --- 2. integer amounts, a stray currency glyph, a quantity column ---


def _latex_invoice(total_row: list[Placed], glyph: str = " e") -> list[Placed]:
    """Integer amounts as a LaTeX template prints them, its "€" extracted as a lone or glued "e"."""
    return _HEAD + [
        (50, 300, "Désignation"), (300, 300, "Qté"), (360, 300, "Prix unitaire"), (460, 300, "Total HT"),
        (50, 316, "Développement"), (300, 316, "4"), (360, 316, f"1 500{glyph}"), (460, 316, f"6 000{glyph}"),
        (50, 332, "Formation"), (300, 332, "2"), (360, 332, f"800{glyph}"), (460, 332, f"1 600{glyph}"),
    ] + total_row  # fmt: skip


@pytest.mark.parametrize("glyph", [" e", "e", " €", " EUR", ",-", ".-"])
def test_a_total_in_whole_units_with_a_stray_glyph_beats_the_line_amounts(glyph: str) -> None:
    located = _read(_latex_invoice([(360, 400, "Total HT"), (460, 400, f"7 600{glyph}")], glyph))
    assert located.fields["total_excl_tax"].value == "7600"


def test_the_sum_of_the_quantity_column_on_the_total_row_is_never_a_total() -> None:
    """ "Total HT | 6 | 7 600 e": the first figure right of the label sits under "Qté"."""
    located = _read(_latex_invoice([(50, 350, "Total HT"), (300, 350, "6"), (460, 350, "7 600 e")]))
    assert located.fields["total_excl_tax"].value == "7600"


def test_a_latex_freelance_invoice_reads_whole() -> None:
    rows: list[Placed] = [
        (360, 400, "Total HT"), (460, 400, "7 600e"), (360, 416, "Montant dû"), (460, 416, "7 600e"),
        (60, 700, "TVA non applicable, art. 293 B du CGI"),
    ]  # fmt: skip
    assert _totals(_read(_latex_invoice(rows, "e"))) == ("7600", "0.00", "7600", "7600")


def test_a_line_amount_under_a_total_header_of_the_table_loses_to_the_total_on_an_untaxed_invoice() -> None:
    """ "Total HT" heads the lines' column (6 000 under it); the bottom line is a bare "Total": with no VAT
    the two totals are one figure, the one the total label prints, not the first line's."""
    rows: list[Placed] = [
        (360, 400, "Total"), (460, 400, "7 600 e"), (60, 700, "TVA non applicable, art. 293 B du CGI"),
    ]  # fmt: skip
    assert _totals(_read(_latex_invoice(rows))) == ("7600", "0.00", "7600", "7600")


@pytest.mark.parametrize(
    ("text", "value", "cents"),
    [
        ("7 600e", "7600", False),  # not "7": the rest of the number no longer lost to the glued "e"
        ("7 600,00e", "7600.00", True),
        ("7 600,-", "7600", True),  # whole units stated as surely as cents are
        ("1'920.-", "1920", True),
    ],
)
def test_whole_amounts_with_a_glued_glyph_or_a_dash_for_cents(text: str, value: str, cents: bool) -> None:
    [money] = money_spans(text)
    assert (money.value, money.cents) == (Decimal(value), cents)


# --- 3. a currency code beside "Total", a tax column in the lines ---

_USD_LINES: list[Placed] = [
    (50, 300, "Description"), (220, 300, "Qty"), (270, 300, "Rate"), (480, 300, "Amount USD"),
    (50, 316, "Consulting"), (220, 316, "10"), (270, 316, "$1,000.00"), (480, 316, "$10,000.00"),
    (50, 332, "Travel"), (220, 332, "1"), (270, 332, "$570.00"), (480, 332, "$570.00"),
]  # fmt: skip


@pytest.mark.parametrize(
    "total",
    [
        [(360, 400, "TOTAL USD $10,570.00")],
        [(360, 400, "USD Total"), (480, 400, "10,570.00")],
        [(360, 400, "Total (USD)"), (480, 400, "$10,570.00")],
        [(360, 400, "Total Due (USD)"), (480, 400, "$10,570.00")],
    ],
)
def test_a_currency_code_beside_total_is_part_of_the_gross_total_label(total: list[Placed]) -> None:
    located = _read(_HEAD + _USD_LINES + total)
    assert _totals(located)[2:] == ("10570.00", "10570.00")


def test_total_due_after_a_deposit_is_the_amount_due_not_the_gross_total() -> None:
    box = _box(("Subtotal", "1,000.00"), ("Tax", "200.00"), ("Total", "1,200.00"),
               ("Deposit paid", "-300.00"), ("Total due", "900.00"))  # fmt: skip
    assert _totals(_read(_HEAD + box)) == ("1000.00", "200.00", "1200.00", "900.00")


@pytest.mark.parametrize("amount_header", ["Amount", "Total"])
def test_the_tax_column_of_the_lines_sums_to_a_total_tax_that_is_not_printed(amount_header: str) -> None:
    lines: list[Placed] = [
        (50, 300, "Description"), (220, 300, "Qty"), (270, 300, "Price"), (350, 300, "Discount"),
        (410, 300, "Tax"), (480, 300, amount_header),
        (50, 316, "Consulting"), (220, 316, "10"), (270, 316, "1,000.00"), (350, 316, "0.00"),
        (410, 316, "500.00"), (480, 316, "10,000.00"),
        (50, 332, "Travel"), (220, 332, "1"), (270, 332, "600.00"), (350, 332, "30.00"),
        (410, 332, "28.50"), (480, 332, "570.00"),
    ]  # fmt: skip
    box = _box(("Subtotal", "10,570.00"), ("TOTAL USD", "11,098.50"), x=360)
    located = _read(_HEAD + lines + box)
    assert _totals(located) == ("10570.00", "528.50", "11098.50", "11098.50")
    assert located.fields["total_tax"].bbox is None  # a sum, printed nowhere


# --- 4. thousands separators of other countries ---


@pytest.mark.parametrize("thousands", ["1'920.00", "1’920.00", "1\u2009920.00", "1\u202f920.00", "1 920.00"])
def test_swiss_and_typeset_thousands_separators(thousands: str) -> None:
    """A thin or no-break space stays inside its word (only ASCII spaces part words here)."""
    gross = thousands.replace("1", "2", 1).replace("920", "075").replace(".00", ".52")
    box = _box(("Total HT", thousands), ("TVA 8,1 %", "155.52"), ("Total TTC", gross))
    assert _totals(_read(_HEAD + box))[:3] == ("1920.00", "155.52", "2075.52")


def test_dotted_thousands_with_a_decimal_comma() -> None:
    box = _box(("Total HT", "1.920,00"), ("TVA 20 %", "384,00"), ("Total TTC", "2.304,00"))
    assert _totals(_read(_HEAD + box)) == ("1920.00", "384.00", "2304.00", "2304.00")


# --- 5. charges and discounts between the net and gross totals ---


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            (("Subtotal", "100.00"), ("Shipping", "10.00"), ("Discount", "-5.00"), ("Tax", "21.00"),
             ("Total", "126.00")),
            ("105.00", "21.00", "126.00"),
        ),
        (
            (("Sous-total", "100,00"), ("Remise 10 %", "10,00"), ("Frais de port", "5,00"),
             ("TVA 20 %", "19,00"), ("Total TTC", "114,00")),
            ("95.00", "19.00", "114.00"),
        ),
        (
            (("Subtotal", "500.00"), ("Discount", "-200.00"), ("Tax", "60.00"), ("Total", "360.00")),
            ("300.00", "60.00", "360.00"),
        ),
    ],
)  # fmt: skip
def test_charges_and_discounts_printed_between_net_and_gross_make_the_totals_add_up(
    rows: tuple[tuple[str, str], ...], expected: tuple[str, ...]
) -> None:
    """The total without VAT is EN 16931's (BT-109): the lines less allowances plus charges, which is the
    gross less the tax when only the subtotal before them is printed."""
    located = _read(_HEAD + _box(*rows))
    assert _totals(located)[:3] == expected
    assert min(located.fields[n].confidence for n in _TOTALS[:3]) > 0.8


def test_totals_that_do_not_add_up_even_with_the_charges_keep_a_low_confidence() -> None:
    rows = (("Subtotal", "100.00"), ("Shipping", "10.00"), ("Tax", "21.00"), ("Total", "140.00"))
    located = _read(_HEAD + _box(*rows))
    assert max(located.fields[n].confidence for n in _TOTALS[:3]) < 0.8


def test_a_net_total_printed_after_the_discount_beats_the_subtotal_before_it() -> None:
    rows = (("Sous-total", "100,00"), ("Remise", "-10,00"), ("Total HT", "90,00"), ("TVA 20 %", "18,00"),
            ("Total TTC", "108,00"))  # fmt: skip
    assert _totals(_read(_HEAD + _box(*rows))) == ("90.00", "18.00", "108.00", "108.00")


def test_a_net_total_before_the_discount_is_a_subtotal_and_no_discount() -> None:
    rows = (("Total HT avant remise", "1 000,00"), ("Remise 10 %", "-100,00"), ("Total HT", "900,00"),
            ("TVA 20 %", "180,00"), ("Total TTC", "1 080,00"))  # fmt: skip
    assert _totals(_read(_HEAD + _box(*rows))) == ("900.00", "180.00", "1080.00", "1080.00")
    without_net = (rows[0], rows[1], rows[3], rows[4])
    assert _totals(_read(_HEAD + _box(*without_net)))[:3] == ("900.00", "180.00", "1080.00")


def test_a_discount_column_of_the_lines_is_no_discount_on_the_invoice() -> None:
    """The "Remise" column's figure (50,00) would make 1 000 + 200 - 50 = 1 150 add up; it is a line's."""
    lines: list[Placed] = [
        (50, 300, "Désignation"), (300, 300, "Remise"), (460, 300, "Montant HT"),
        (50, 316, "Audit"), (300, 316, "50,00"), (460, 316, "1 000,00"),
    ]  # fmt: skip
    box = _box(("Total HT", "1 000,00"), ("TVA 20 %", "200,00"), ("Total TTC", "1 150,00"))
    located = _read(_HEAD + lines + box)
    assert located.fields["total_incl_tax"].confidence < 0.8
