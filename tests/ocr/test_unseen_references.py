"""References, dates and currency on layouts of sellers we have never seen: each test is a class of layout.

Pages are built from words with positions (10 pt text, 5 pt a character, 3 pt between words unless a
test sets the gap), so each test states the layout it reads: what sits on one line, what sits under what.
"""

from __future__ import annotations

from datetime import date

import pytest

from ocr.candidates import column_gap, is_country
from ocr.dates import parse_date
from ocr.layout import PageText, Phrase, Word
from ocr.locate import locate_fields

Text = tuple[float, float, str]  # x, y (top), text: words 3 pt apart


def _words(x: float, y: float, text: str, gap: float = 3.0) -> list[Word]:
    words: list[Word] = []
    for word in text.split(" "):
        words.append(Word(word, x, y, x + 5 * len(word), y + 10))
        x += 5 * len(word) + gap
    return words


def _end(x: float, text: str) -> float:
    """Where a run of words set by `_words` ends."""
    return x + 5 * len(text.replace(" ", "")) + 3 * text.count(" ")


def _located(*phrases: Text, extra: list[Word] | None = None) -> dict[str, tuple[str, float]]:
    words = [w for x, y, text in phrases for w in _words(x, y, text)] + (extra or [])
    fields = locate_fields([PageText(1, words, "text", 595.0, 842.0)]).fields
    return {name: (f.value, f.confidence) for name, f in fields.items()}


def _read(*phrases: Text, extra: list[Word] | None = None) -> dict[str, str | None]:
    found = _located(*phrases, extra=extra)
    names = ("invoice_number", "issue_date", "due_date", "purchase_order", "currency")
    return {name: found[name][0] if name in found else None for name in names}


# --- 1. A caption run into another column's text on the same line ----------------------------------------


def _caption_then(x: float, y: float, caption: str, gap: float, other: str) -> list[Word]:
    """A caption, then after `gap` points (less than a phrase break) the text of the next column."""
    return _words(x, y, caption) + _words(_end(x, caption) + gap, y, other)


def test_a_caption_merged_with_the_next_columns_address_reads_the_value_under_it() -> None:
    # Right column "Invoice Number" over its value; further right an address block ends with its country,
    # set 12 pt away (1.2 character heights): one phrase, "Invoice Number UNITED STATES".
    header = _caption_then(378, 100, "Invoice Number", 12, "UNITED STATES")
    read = _read(
        (50, 60, "ACME Supplies Inc."),
        (50, 100, "1 Main Street"),
        (378, 115, "INV-0000"),
        extra=header,
    )
    assert read["invoice_number"] == "INV-0000"


def test_a_caption_merged_with_any_other_column_text_set_apart_reads_below() -> None:
    header = _caption_then(300, 100, "Due date", 14, "Customer Services")
    read = _read((50, 60, "Invoice date 01/09/2026"), (300, 115, "14/09/2026"), extra=header)
    assert read["due_date"] == "2026-09-14"


def test_a_caption_run_into_a_country_name_at_ordinary_spacing_still_reads_below() -> None:
    # OCR can close the gap; the country name alone says the words belong to an address.
    read = _read((378, 100, "Invoice No. France"), (378, 115, "F-2026-31"))
    assert read["invoice_number"] == "F-2026-31"


def test_a_postcode_and_city_beside_a_caption_give_way_to_the_value_under_it() -> None:
    header = _caption_then(378, 100, "Invoice No.", 12, "75008 PARIS")
    read = _read((378, 115, "FA-2026-0042"), extra=header)
    assert read["invoice_number"] == "FA-2026-0042"


def test_a_tabbed_value_after_its_caption_stays_the_value() -> None:
    # The same gap, but what follows is the value alone: nothing to look for below.
    header = _caption_then(378, 100, "Invoice No.", 12, "FA-2026-0042")
    read = _read((378, 115, "Customer 75008"), extra=header)
    assert read["invoice_number"] == "FA-2026-0042"


def test_a_caption_after_a_country_name_at_ordinary_spacing_is_no_sentence() -> None:
    read = _read((50, 100, "BELGIQUE Facture n° A-1"), (50, 300, "Facture n° B-2"))
    assert read["invoice_number"] == "A-1"


def test_a_label_quoted_in_a_sentence_does_not_read_the_line_under_it() -> None:
    read = _read(
        (50, 300, "Please quote the invoice number on your payment"),
        (50, 315, "REF-2026-99 is your customer account"),
    )
    assert read["invoice_number"] is None


def test_a_caption_after_another_columns_text_is_no_sentence() -> None:
    # "SPAIN" ends an address on the left, the caption follows after a wide gap: a caption, so it is as
    # strong as the one further down and, first in reading order, wins.
    first = _caption_then(50, 100, "SPAIN", 14, "Invoice No. A-1")
    read = _read((50, 300, "Invoice No. B-2"), extra=first)
    assert read["invoice_number"] == "A-1"


def test_column_gap_compares_with_the_height_and_with_the_phrase_own_spacing() -> None:
    tight = Phrase(_caption_then(0, 0, "Invoice Number", 12, "UNITED STATES"), 1)
    assert [column_gap(tight, i) for i in (1, 2, 3)] == [False, True, False]
    # OCR boxes spaced 9 pt throughout: no gap stands out, whatever the height says.
    loose = Phrase(_words(0, 0, "Invoice Number UNITED STATES", gap=9), 1)
    assert not any(column_gap(loose, i) for i in (1, 2, 3))
    assert [is_country(t) for t in ("UNITED STATES", "Deutschland", "Customer Services")] == [
        True,
        True,
        False,
    ]


# --- 2. Due-date labels: a payment word and a time limit ---------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "Payment until:",
        "Pay until",
        "Payable by",
        "Payable until",
        "Payment due by",
        "Due by",
        "Zahlbar bis",
        "Zu zahlen bis zum",
        "Fecha límite de pago",
        "A pagar antes del",
        "Da pagare entro",
        "Da pagare entro il",
        "Te betalen voor",
        "Uiterste betaaldatum",
        "À régler avant le",
        "Date limite de paiement",
        "Payment no later than",
        "Payment deadline:",
        "Zahlungstermin",
        "Plazo de pago",
        "Termine di pagamento",
        "Due:",
    ],
)
def test_due_date_labels_in_the_wild(label: str) -> None:
    inline = _read(
        (50, 50, "Invoice No. F-1"), (50, 70, "Invoice date 01/12/2026"), (50, 90, f"{label} 31/12/2026")
    )
    caption = _read(
        (50, 50, "Invoice No. F-1"),
        (50, 70, "Invoice date 01/12/2026"),
        (50, 90, label),
        (300, 90, "31/12/2026"),
    )
    assert (inline["due_date"], caption["due_date"]) == ("2026-12-31", "2026-12-31")


def test_a_due_date_label_with_a_named_month() -> None:
    read = _read((50, 50, "Invoice date: 1 December 2026"), (50, 70, "Payment due by January 5, 2027"))
    assert read["due_date"] == "2027-01-05"


def test_a_payment_made_by_card_names_no_due_date() -> None:
    read = _read((50, 50, "Invoice date 01/12/2026"), (50, 70, "Payment received by card 05/12/2026"))
    assert read["due_date"] is None


# --- 3. Currency without a code or symbol near the amounts ------------------------------------------------


def test_an_amount_column_heading_at_the_end_of_a_long_row_names_the_currency() -> None:
    read = _read(
        (50, 50, "Invoice No. 2026-8"),
        (50, 200, "Description Quantity Unit price Discount Amount USD"),
        (50, 215, "Consulting 2 1,000.00 0.00 2,000.00"),
    )
    assert read["currency"] == "USD"


def test_a_total_label_naming_a_code_beats_a_code_quoted_earlier() -> None:
    read = _read(
        (50, 50, "Invoice No. 2026-8"),
        (50, 100, "Exchange rate applied: 1 EUR = 1.08 on the order date"),
        (300, 400, "TOTAL USD 2,160.00"),
    )
    assert read["currency"] == "USD"


def test_a_french_invoice_printing_no_currency_is_in_euros_with_low_confidence() -> None:
    found = _located(
        (50, 50, "Facture n° 2026-12"),
        (50, 70, "Échéance : 31/12/2026"),
        (300, 400, "Total HT 1 000,00"),
        (300, 415, "TVA 20 % 200,00"),
        (300, 430, "Montant dû 1 200,00"),
    )
    assert found["currency"] == ("EUR", 0.6)


def test_a_euro_sign_read_as_a_lone_e_after_amounts_in_a_french_invoice() -> None:
    found = _located(
        (50, 50, "Facture n° 2026-12"),
        (300, 400, "Total HT 7 600 e"),
        (300, 415, "TVA 1 520 e"),
        (300, 430, "Total TTC 9 120 e"),
    )
    assert found["currency"] == ("EUR", 0.8)


def test_an_english_invoice_printing_no_currency_gets_none() -> None:
    read = _read((50, 50, "Invoice No. 2026-8"), (300, 400, "Total 1,200.00"), (300, 415, "Tax 200.00"))
    assert read["currency"] is None


# --- 4. Dates with named months and two-digit years --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 Sep 2021", date(2021, 9, 14)),
        ("Sep 14, 2021", date(2021, 9, 14)),
        ("14-Sep-21", date(2021, 9, 14)),
        ("07-Dec-26", date(2026, 12, 7)),
        ("7/Dec/26", date(2026, 12, 7)),
        ("14 Sep '21", date(2021, 9, 14)),
        ("14-Sep-2021", date(2021, 9, 14)),
    ],
)
def test_named_month_dates_with_short_years(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_a_day_and_month_before_a_bare_count_is_no_date() -> None:
    assert parse_date("14 Sep 21 pcs") is None  # spaces only: "21" may be anything


def test_named_month_dates_through_their_labels() -> None:
    read = _read((50, 50, "Invoice Date: 07-Dec-26"), (50, 70, "Due Date: 06-Jan-27"))
    assert (read["issue_date"], read["due_date"]) == ("2026-12-07", "2027-01-06")
    read = _read(
        (50, 50, "Invoice Date"), (200, 50, "Sep 14, 2021"), (50, 70, "Due"), (200, 70, "14 Oct 2021")
    )
    assert (read["issue_date"], read["due_date"]) == ("2021-09-14", "2021-10-14")
