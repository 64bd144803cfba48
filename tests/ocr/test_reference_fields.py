"""Invoice number, dates and order reference on layouts never seen: each test is a class of layout.

Pages are built from words with positions (10 pt text, 5 pt a character), so each test states the layout
it reads: what sits on one line, what sits under what.
"""

from __future__ import annotations

from datetime import date

import pytest

from ocr.dates import numeric_order, parse_date
from ocr.layout import PageText, Word
from ocr.locate import locate_fields
from ocr.values import find_identifier, find_invoice_number, find_labelled_near_date

Text = tuple[float, float, str]  # x, y (top), text: one phrase


def _page(*phrases: Text) -> list[PageText]:
    words: list[Word] = []
    for x, y, text in phrases:
        for word in text.split(" "):
            words.append(Word(word, x, y, x + 5 * len(word), y + 10))
            x += 5 * len(word) + 3
    return [PageText(1, words, "text", 595.0, 842.0)]


def _read(*phrases: Text) -> dict[str, str | None]:
    fields = locate_fields(_page(*phrases)).fields
    names = ("invoice_number", "issue_date", "due_date", "purchase_order", "currency")
    return {name: fields[name].value if name in fields else None for name in names}


# --- Another document's reference is not the invoice number, nor its date the issue date -----------------


def test_the_invoice_a_credit_note_corrects_is_not_its_number() -> None:
    read = _read(
        (50, 50, "N° de facture associée : FA-2026-101"),
        (50, 80, "AVOIR N° AV-2026-014"),
        (50, 100, "Date : 07/12/2026"),
    )
    assert read["invoice_number"] == "AV-2026-014"


def test_a_reference_to_an_original_invoice_in_english_or_german_is_skipped() -> None:
    english = _read((50, 50, "Original invoice no.: INV-41"), (50, 80, "Credit note no. CN-88"))
    german = _read((50, 50, "Bezug auf Rechnung Nr. RE-2026-4"), (50, 80, "Gutschrift Nr. GS-12"))
    assert (english["invoice_number"], german["invoice_number"]) == ("CN-88", "GS-12")


def test_a_customer_number_beside_the_title_is_not_the_invoice_number() -> None:
    read = _read((50, 50, "FACTURE"), (300, 50, "N° client : CL-4471"), (50, 80, "N° : 2026-017"))
    assert read["invoice_number"] == "2026-017"


def test_an_order_number_feeds_the_purchase_order_only() -> None:
    read = _read((50, 50, "Invoice"), (300, 50, "Order No. PO-778"), (50, 80, "Invoice no. 2026-55"))
    assert (read["invoice_number"], read["purchase_order"]) == ("2026-55", "PO-778")


def test_the_date_of_the_corrected_invoice_is_not_the_issue_date() -> None:
    read = _read((50, 50, "Avoir sur facture F-12 du 03/11/2026"), (50, 80, "Date : 07/12/2026"))
    assert read["issue_date"] == "2026-12-07"


# --- Long references ---------------------------------------------------------------------------------------


def test_long_numbers_with_dots_dashes_and_slashes_are_invoice_numbers() -> None:
    assert find_identifier(": 00.123.456.7-2018-1") == ("00.123.456.7-2018-1", 2, 21)
    read = _read((50, 50, "Invoice No. 00.123.456.7-2018-1"))
    assert read["invoice_number"] == "00.123.456.7-2018-1"


def test_a_number_broken_by_ocr_after_its_separator_is_rejoined() -> None:
    assert find_invoice_number(" FA-2024/ 001-B") == ("FA-2024/001-B", 1, 15)
    assert find_invoice_number(" F-12. 05/01/2026") == ("F-12", 1, 5)  # a date follows, it is no part
    assert find_invoice_number(" INV-7 2026") == ("INV-7", 1, 6)  # no separator: two tokens


# --- Dates elsewhere on the page -------------------------------------------------------------------------


def test_contract_and_period_dates_are_not_the_issue_date() -> None:
    read = _read(
        (50, 50, "Date du contrat : 01/03/2020"),
        (50, 70, "Période du 01/11/2026 au 30/11/2026"),
        (300, 90, "Paris, 07/12/2026"),
    )
    assert read["issue_date"] == "2026-12-07"


def test_a_version_date_before_the_title_gives_way_to_the_title_date() -> None:
    read = _read(
        (50, 50, "Stylesheet-Version:"),
        (250, 50, "2.3 vom 30.06.2020"),
        (50, 90, "Handelsrechnung (380) Nr. 471102 vom 05.03.2018"),
    )
    assert (read["invoice_number"], read["issue_date"]) == ("471102", "2018-03-05")


def test_the_due_date_is_the_one_on_or_after_the_issue_date() -> None:
    read = _read(
        (50, 50, "Invoice date: 07/12/2026"),
        (50, 70, "Pay by 01/12/2026"),  # a reminder of an earlier invoice
        (50, 90, "Pay by 06/01/2027"),
    )
    assert (read["issue_date"], read["due_date"]) == ("2026-12-07", "2027-01-06")


def test_payment_terms_in_days_are_not_a_due_date() -> None:
    read = _read(
        (50, 50, "Date de facture : 07/12/2026"), (50, 70, "Échéance : 30 jours fin de mois 05/01/2027")
    )
    assert (read["issue_date"], read["due_date"]) == ("2026-12-07", None)
    assert find_labelled_near_date(" : à 30 jours, soit le 06/01/2027") == ("2027-01-06", 23, 33)


# --- Label synonyms ---------------------------------------------------------------------------------------


def test_spanish_labels() -> None:
    read = _read(
        (50, 50, "Factura nº: A-2026-33"),
        (50, 70, "Fecha de factura: 05/01/2026"),
        (50, 90, "Fecha de vencimiento: 04/02/2026"),
        (50, 110, "Nº de pedido: PED-9"),
        (50, 130, "Moneda: EUR"),
    )
    assert read == {"invoice_number": "A-2026-33", "issue_date": "2026-01-05", "due_date": "2026-02-04",
                    "purchase_order": "PED-9", "currency": "EUR"}  # fmt: skip


def test_italian_labels() -> None:
    read = _read(
        (50, 50, "Fattura n. 118/2026"),
        (50, 70, "Data fattura 05/01/2026"),
        (50, 90, "Scadenza 04/02/2026"),
        (50, 110, "Numero ordine: ORD-31"),
    )
    assert read["invoice_number"] == "118/2026"
    assert (read["issue_date"], read["due_date"], read["purchase_order"]) == (
        "2026-01-05",
        "2026-02-04",
        "ORD-31",
    )


def test_dutch_labels() -> None:
    read = _read(
        (50, 50, "Factuurnummer: 2026-0077"),
        (50, 70, "Factuurdatum: 05-01-2026"),
        (50, 90, "Vervaldatum: 04-02-2026"),
        (50, 110, "Bestelnummer: B-55"),
    )
    assert read == {"invoice_number": "2026-0077", "issue_date": "2026-01-05", "due_date": "2026-02-04",
                    "purchase_order": "B-55", "currency": None}  # fmt: skip


def test_a_bare_datum_label() -> None:
    assert _read((50, 50, "Rechnung 2026-5"), (50, 70, "Datum:"), (120, 70, "05.01.2026"))["issue_date"] == (
        "2026-01-05"
    )


# --- Header rows with values under them ---------------------------------------------------------------------


def test_values_under_a_header_row_are_read_column_by_column() -> None:
    # The value row is set tight: one phrase, each value under its own heading.
    read = _read(
        (50, 50, "Invoice No."),
        (120, 50, "Date"),
        (190, 50, "Due date"),
        (250, 50, "Customer No."),
        (50, 64, "INV-7"),
        (90, 64, "05/01/2026"),
        (150, 64, "04/02/2026"),
        (210, 64, "C-1"),
    )
    assert (read["invoice_number"], read["issue_date"], read["due_date"]) == (
        "INV-7",
        "2026-01-05",
        "2026-02-04",
    )


def test_a_header_row_in_another_language_with_another_documents_column_first() -> None:
    read = _read(
        (50, 50, "Nº cliente"),
        (150, 50, "Fecha"),
        (250, 50, "Nº factura"),
        (50, 64, "CL-2020-01"),
        (150, 64, "05/01/2026"),
        (250, 64, "F-2026-9"),
    )
    assert (read["invoice_number"], read["issue_date"]) == ("F-2026-9", "2026-01-05")


# --- Label strength: captions over mentions, names of the order over generic references ------------------


def test_a_caption_beats_the_same_label_quoted_in_a_sentence() -> None:
    read = _read(
        (50, 50, "Bestellung:"),
        (250, 50, "2013-471331"),
        (50, 500, "Rechnung gemäß Bestellung Nr. 2018-471331 vom 01.03.2018."),
    )
    assert read["purchase_order"] == "2013-471331"


def test_a_label_naming_the_order_beats_a_generic_reference() -> None:
    read = _read(
        (300, 50, "Your Reference:"),
        (400, 50, "dept0815"),
        (300, 64, "Your Order:"),
        (400, 64, "A7450891"),
    )
    assert read["purchase_order"] == "A7450891"


# --- Dates as other languages and countries write them -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7-Dec-2026", date(2026, 12, 7)),
        ("07/Dec/2026", date(2026, 12, 7)),
        ("7 de diciembre de 2026", date(2026, 12, 7)),
        ("7 dicembre 2026", date(2026, 12, 7)),
        ("15 maart 2026", date(2026, 3, 15)),
        ("7 septiembre 2026", date(2026, 9, 7)),
        ("December 7th, 2026", date(2026, 12, 7)),
    ],
)
def test_named_months_in_six_languages_and_joined_forms(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_a_date_shaped_run_without_a_month_does_not_hide_the_date_after_it() -> None:
    assert _read((50, 50, "Date : 12 Stk 2026 05/01/2026"))["issue_date"] == "2026-01-05"


def test_a_document_whose_dates_are_month_first_is_read_month_first() -> None:
    assert numeric_order(["Invoice date 03/25/2026"])
    assert not numeric_order(["25/03/2026", "03/04/2026"])
    read = _read(
        (50, 50, "Invoice date: 04/03/2026"), (50, 70, "Due date: 05/03/2026"), (50, 90, "Shipped 03/28/2026")
    )
    assert (read["issue_date"], read["due_date"]) == ("2026-04-03", "2026-05-03")
