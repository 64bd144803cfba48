"""Totals read on layouts the library was never tuned on: rows of headers, boxed summaries, other languages,
labelled candidates that disagree, and money printed (or OCR'd) in many ways. Each test builds words with
positions, as the text layer or OCR would give them, and reads them with `locate_fields`."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ocr.amounts import money_spans
from ocr.layout import PageText, Word
from ocr.locate import Located, locate_fields
from ocr.total_labels import classify

_SIZE = 10.0
_TOTALS = ("total_excl_tax", "total_tax", "total_incl_tax", "amount_due")

Placed = tuple[float, float, str]  # x, y (top), text; one item's words are set a space apart


def _page(items: list[Placed], confidence: float = 1.0) -> PageText:
    words = []
    for x, y, text in items:
        for word in text.split():
            width = len(word) * _SIZE * 0.5
            words.append(Word(word, x, y, x + width, y + _SIZE, confidence))
            x += width + _SIZE * 0.3
    return PageText(1, words, "text", 595.0, 842.0)


def _read(items: list[Placed], confidence: float = 1.0) -> Located:
    return locate_fields([_page(items, confidence)])


def _totals(located: Located) -> tuple[str | None, ...]:
    return tuple(located.fields[n].value if n in located.fields else None for n in _TOTALS)


_HEAD = [(50, 40, "ACME SARL"), (50, 60, "Facture n° F-2026-001"), (50, 74, "Date : 07/12/2026")]


# --- totals as a row of column headers, each amount under its own header ---


@pytest.mark.parametrize(
    ("headers", "amounts"),
    [
        (("TOTAL HT", "TOTAL TVA", "TOTAL TTC"), ("1 000,00 €", "200,00 €", "1 200,00 €")),
        (("Net", "VAT", "Gross"), ("1,000.00", "200.00", "1,200.00")),
        (("Subtotal", "Tax", "Total"), ("EUR 1000.00", "EUR 200.00", "EUR 1200.00")),
    ],
)
def test_a_row_of_total_headers_gives_each_total_the_amount_under_it(
    headers: tuple[str, ...], amounts: tuple[str, ...]
) -> None:
    row: list[Placed] = []
    for column, (header, amount) in enumerate(zip(headers, amounts, strict=True)):
        x = 250 + 110 * column
        row += [(x, 600, header), (x, 616, amount)]
    located = _read(_HEAD + row)
    assert _totals(located)[:3] == ("1000.00", "200.00", "1200.00")
    # The amounts sit in the row under the headers, and the box says so.
    box = located.fields["total_tax"].bbox
    assert box is not None
    assert box[1] > 600 / 842


def test_amounts_under_headers_go_to_the_header_they_sit_under_not_the_order_they_come_in() -> None:
    """A column left empty ("Remise") under a header row: the amounts keep their own columns."""
    row: list[Placed] = [
        (200, 600, "Total HT"), (290, 600, "Remise"), (370, 600, "TVA"), (450, 600, "Total TTC"),
        (200, 616, "500,00"), (370, 616, "100,00"), (450, 616, "600,00"),
    ]  # fmt: skip
    assert _totals(_read(_HEAD + row)) == ("500.00", "100.00", "600.00", "600.00")


def test_a_row_label_left_of_the_amounts_under_a_header_row() -> None:
    row: list[Placed] = [
        (250, 600, "Total HT"), (350, 600, "TVA"), (450, 600, "Total TTC"),
        (60, 616, "Totaux (EUR)"), (250, 616, "1 000,00"), (350, 616, "200,00"), (450, 616, "1 200,00"),
    ]  # fmt: skip
    assert _totals(_read(_HEAD + row))[:3] == ("1000.00", "200.00", "1200.00")


# --- a boxed summary: labels in one column, amounts further right, currency or rates between ---


def test_boxed_summary_with_currency_and_rate_columns_between_labels_and_amounts() -> None:
    box: list[Placed] = [
        (320, 600, "Montant HT"), (430, 600, "EUR"), (490, 600, "2 450,00"),
        (320, 616, "TVA"), (380, 616, "20 %"), (430, 616, "EUR"), (490, 616, "490,00"),
        (320, 632, "Montant TTC"), (430, 632, "EUR"), (490, 632, "2 940,00"),
    ]  # fmt: skip
    assert _totals(_read(_HEAD + box)) == ("2450.00", "490.00", "2940.00", "2940.00")


def test_a_vat_line_with_rate_base_and_tax_gives_the_tax_not_the_rate_or_the_base() -> None:
    box: list[Placed] = [
        (320, 600, "Net total"), (490, 600, "1,000.00"),
        (320, 616, "VAT"), (380, 616, "19,00"), (430, 616, "1,000.00"), (490, 616, "190.00"),
        (320, 632, "Grand total"), (490, 632, "1,190.00"),
    ]  # fmt: skip
    assert _totals(_read(_HEAD + box))[:3] == ("1000.00", "190.00", "1190.00")


def test_a_label_set_between_two_lines_takes_the_amount_that_adds_up() -> None:
    """Label and amounts on different baselines: "Tax" centred between a GBP and a EUR line."""
    box: list[Placed] = [
        (300, 600, "Net amount"), (490, 600, "858,75"),
        (430, 613, "GBP"), (490, 613, "163,16"),
        (300, 619, "Tax amount in"),
        (430, 625, "EUR"), (490, 625, "183,14"),
        (300, 640, "Gross amount"), (490, 640, "1021,91"),
    ]  # fmt: skip
    assert _totals(_read(_HEAD + box))[:3] == ("858.75", "163.16", "1021.91")


# --- label synonyms in six languages ---


@pytest.mark.parametrize(
    ("labels", "expected_due"),
    [
        (("Base imponible", "IVA 21 %", "Total factura", "Total a pagar"), True),
        (("Imponibile", "IVA", "Totale documento", "Totale da pagare"), True),
        (("Subtotaal", "BTW 21%", "Totaal", "Te betalen"), True),
        (("Gesamtbetrag netto", "Gesamtbetrag Steuer", "Gesamtbetrag brutto", "Zahlbetrag"), True),
        (("Total amount (net)", "Total tax amount", "Total amount (gross)", "Balance due"), True),
        (("Sous-total", "Montant TVA", "Total TTC", "Reste à payer"), True),
        (("Importe neto", "Cuota IVA", "Importe total", None), False),
    ],
)
def test_totals_labels_in_six_languages(labels: tuple[str | None, ...], expected_due: bool) -> None:
    amounts = ("1.000,00", "210,00", "1.210,00", "1.210,00")
    box = [(300, 600 + 16 * i, f"{label}:") for i, label in enumerate(labels) if label is not None]
    box += [(480, 600 + 16 * i, amounts[i]) for i, label in enumerate(labels) if label is not None]
    located = _read(_HEAD + box)
    assert _totals(located)[:3] == ("1000.00", "210.00", "1210.00")
    assert located.fields["amount_due"].value == "1210.00"
    # Without a due line the amount due is inferred, and says so by a lower confidence.
    assert (located.fields["amount_due"].confidence > 0.8) == expected_due


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Due date", None),  # a date's label, though it says "due"
        ("N° TVA intracom", None),
        ("TVA FR11999999998", None),
        ("Taux TVA", None),
        ("Prix unitaire HT", None),
        ("Total remises", None),
        ("Conditions de paiement : 30 % d'acompte, solde à", None),
        ("Bitte überweisen Sie den Rechnungsbetrag ohne Abzüge auf unser Konto", None),
        ("TotalHT", "total_excl_tax"),  # OCR ran the words together
        ("Total HT après remise", "total_excl_tax"),
        ("dont TVA 20 %", "total_tax"),
        ("Acompte versé", "prepaid"),
        ("Netto a pagare", "amount_due"),
        ("T0TAL TTC", "total_incl_tax"),  # OCR: a zero for the O
        ("Sous-totaI HT", "total_excl_tax"),  # OCR: a capital I for the l
        ("Reste dû", "amount_due"),
    ],
)
def test_what_a_label_names(text: str, kind: str | None) -> None:
    label = classify(text)
    assert (label.kind if label is not None else None) == kind


# --- consistency: the combination that adds up, not the last label ---


def test_candidates_that_disagree_resolve_to_the_set_that_adds_up() -> None:
    """A line table's "Total HT" column and a VAT summary's "Total" row come before the real totals."""
    items: list[Placed] = [
        (50, 300, "Désignation"), (300, 300, "Qté"), (400, 300, "Total HT"),
        (50, 316, "Conseil"), (300, 316, "2"), (400, 316, "800,00"),
        (50, 332, "Formation"), (300, 332, "1"), (400, 332, "450,00"),
        (50, 400, "Taux"), (150, 400, "Base"), (250, 400, "TVA"),
        (50, 416, "20 %"), (150, 416, "1 250,00"), (250, 416, "250,00"),
        (50, 432, "Total"), (150, 432, "1 250,00"), (250, 432, "250,00"),
        (320, 500, "Total HT"), (480, 500, "1 250,00"),
        (320, 516, "TVA"), (480, 516, "250,00"),
        (320, 532, "Total TTC"), (480, 532, "1 500,00"),
    ]  # fmt: skip
    located = _read(_HEAD + items)
    assert _totals(located) == ("1250.00", "250.00", "1500.00", "1500.00")
    assert located.fields["total_incl_tax"].confidence > 0.9


def test_nothing_adding_up_lowers_confidence() -> None:
    def box(tax: str) -> list[Placed]:
        return [(320, 600, "Total HT"), (480, 600, "100,00"), (320, 616, "Total TVA"), (480, 616, tax),
                (320, 632, "Total TTC"), (480, 632, "120,00")]  # fmt: skip

    agreeing, disagreeing = _read(_HEAD + box("20,00")), _read(_HEAD + box("25,00"))
    assert disagreeing.fields["total_tax"].value == "25.00"  # read as printed, never "fixed"
    for name in ("total_excl_tax", "total_tax", "total_incl_tax"):
        assert disagreeing.fields[name].confidence < agreeing.fields[name].confidence


def test_the_amount_due_is_the_gross_total_less_what_was_paid() -> None:
    box: list[Placed] = [
        (320, 600, "Total HT"), (480, 600, "1 000,00"),
        (320, 616, "TVA 20 %"), (480, 616, "200,00"),
        (320, 632, "Total TTC"), (480, 632, "1 200,00"),
        (320, 648, "Acompte versé"), (480, 648, "300,00"),
        (320, 664, "Net à payer"), (400, 664, "1 500,00"), (480, 664, "900,00"),
    ]  # fmt: skip
    assert _totals(_read(_HEAD + box)) == ("1000.00", "200.00", "1200.00", "900.00")


def test_without_a_due_line_the_amount_due_is_the_gross_total_less_the_prepayment() -> None:
    box: list[Placed] = [
        (320, 600, "Subtotal"), (480, 600, "500.00"), (320, 616, "Tax"), (480, 616, "100.00"),
        (320, 632, "Total"), (480, 632, "600.00"), (320, 648, "Deposit paid"), (480, 648, "-150.00"),
    ]  # fmt: skip
    located = _read(_HEAD + box)
    assert located.fields["amount_due"].value == "450.00"
    assert located.fields["amount_due"].bbox is None  # worked out, printed nowhere


def test_a_weak_rated_tax_is_taken_when_it_is_its_rate_of_the_net_total() -> None:
    """ "Umsatzsteuer 19 %" (also the shape of a VAT row) is the tax: 19 % of the net total, even though
    the gross total, misprinted, does not add up."""
    box: list[Placed] = [
        (320, 600, "Summe netto"), (480, 600, "1.420,00"),
        (320, 616, "Umsatzsteuer 19%"), (480, 616, "269,80"),
        (320, 632, "Rechnungsbetrag"), (480, 632, "1.589,80"),
    ]  # fmt: skip
    assert _totals(_read(_HEAD + box))[:3] == ("1420.00", "269.80", "1589.80")


def test_an_unreadable_tax_is_worked_out_from_the_totals_when_its_label_is_printed() -> None:
    """OCR lost the tax's decimal comma ("31702" for "37,62"): the tax is incl. - excl., flagged by its
    lower confidence and no box; a tax never printed is not invented."""
    box: list[Placed] = [
        (320, 600, "Rechnungssumme ohne USt."), (500, 600, "198,00"),
        (320, 616, "Steuerbetrag in"), (500, 616, "31702"),
        (320, 632, "Bruttosumme"), (500, 632, "235,62"),
    ]  # fmt: skip
    tax = _read(_HEAD + box, confidence=0.8).fields["total_tax"]
    assert (tax.value, tax.bbox) == ("37.62", None)
    assert tax.confidence < 0.6
    unprinted = [(320, 600, "Total HT"), (480, 600, "100,00"), (320, 616, "Total TTC"), (480, 616, "120,00")]
    assert "total_tax" not in _read(_HEAD + unprinted).fields


def test_a_credit_note_printing_its_tax_unsigned_gets_a_negative_tax() -> None:
    box: list[Placed] = [
        (320, 600, "Total HT"), (480, 600, "-218,48 €"), (320, 616, "Taxes"), (480, 616, "14,99 €"),
        (320, 632, "Total TTC"), (480, 632, "-233,47 €"),
    ]  # fmt: skip
    assert _totals(_read(_HEAD + box))[:3] == ("-218.48", "-14.99", "-233.47")


def test_several_tax_lines_without_a_total_tax_add_up_to_the_tax() -> None:
    box: list[Placed] = [
        (320, 600, "Total HT"), (480, 600, "300,00"),
        (320, 616, "TVA 5,5 %"), (480, 616, "5,50"),
        (320, 632, "TVA 20 %"), (480, 632, "40,00"),
        (320, 648, "Total TTC"), (480, 648, "345,50"),
    ]  # fmt: skip
    tax = _read(_HEAD + box).fields["total_tax"]
    assert (tax.value, tax.bbox) == ("45.50", None)


def test_equal_net_and_gross_totals_state_a_zero_tax() -> None:
    box: list[Placed] = [
        (320, 600, "Total HT"), (480, 600, "800,00"), (320, 616, "Net à payer"), (480, 616, "800,00"),
        (320, 632, "Total TTC"), (480, 632, "800,00"), (60, 700, "TVA non applicable, art. 293 B du CGI"),
    ]  # fmt: skip
    assert _totals(_read(_HEAD + box)) == ("800.00", "0.00", "800.00", "800.00")


def test_a_due_label_that_also_says_gross_gives_both_totals() -> None:
    box: list[Placed] = [
        (320, 600, "Total HT"), (480, 600, "1 000,00"), (320, 616, "TVA 20 %"), (480, 616, "200,00"),
        (320, 632, "Total TTC à payer"), (480, 632, "1 200,00"),
    ]  # fmt: skip
    assert _totals(_read(_HEAD + box)) == ("1000.00", "200.00", "1200.00", "1200.00")


def test_a_qualifier_after_the_amount_says_which_total_it_is() -> None:
    """ "Total : 1 000,00 € HT": the bare "Total" would be the gross total; "HT" after the figure says net."""
    box: list[Placed] = [
        (320, 600, "Total : 1 000,00 € HT"), (320, 616, "TVA 20 % : 200,00 €"),
        (320, 632, "Total : 1 200,00 € TTC"),
    ]  # fmt: skip
    assert _totals(_read(_HEAD + box))[:3] == ("1000.00", "200.00", "1200.00")


def test_an_amount_qualified_in_a_sentence_is_no_total() -> None:
    notes: list[Placed] = [
        (100, 500, "Franco de port (commande > 300 € HT)"),
        (100, 530, "IBAN : FR20 1242 1242"),
    ]
    assert _totals(_read(_HEAD + notes)) == (None, None, None, None)


# --- money as printed and as OCR'd ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,56", "1234.56"),
        ("1.234,56 €", "1234.56"),
        ("1,234.56", "1234.56"),
        ("EUR 1234.56", "1234.56"),
        ("-1 234,56", "-1234.56"),
        ("1 234,56 EUR", "1234.56"),
        ("1\u202f234,56", "1234.56"),
        ("1 234, 56", "1234.56"),  # OCR: a stray space after the comma
        ("470,1 5€", "470.15"),  # OCR: a stray space inside the cents
        ("193;77", "193.77"),  # OCR: a semicolon read for the comma
        ("56,87-", "-56.87"),
        ("12,00EUR", "12.00"),
        ("EUR1234.56", "1234.56"),
    ],
)
def test_money_as_printed_and_as_ocr_reads_it(text: str, expected: str) -> None:
    [money] = money_spans(text)
    assert money.value == Decimal(expected)
    assert text[money.start : money.end].strip("€EUR ") != ""


@pytest.mark.parametrize("text", ["20 %", "TVA 5,5%", "FA-2017-0010", "30 jours", "45 days", "S19"])
def test_rates_durations_and_codes_are_not_money(text: str) -> None:
    assert money_spans(text) == []
