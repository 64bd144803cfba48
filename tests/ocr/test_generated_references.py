"""References and dates on the classes of layout the generated fix set showed capture misreading.

Pages are built from words with positions (10 pt text, 5 pt a character, 3 pt between words), so each test
states the layout it reads. Each test is a class of layout, not one template: its wording is one of several
the rule reads, and the negative beside it shows what the rule must leave alone.
"""

from __future__ import annotations

from ocr.dates import parse_date
from tests.ocr.placed_words import Placed as Text
from tests.ocr.placed_words import placed_values

_NAMES = ("invoice_number", "issue_date", "due_date", "purchase_order")


def _read(*phrases: Text) -> dict[str, str | None]:
    return placed_values(phrases, _NAMES)


# --- A date followed by a time or by terms is no period ---------------------------------------------------


def test_a_date_followed_by_a_time_is_the_issue_date_not_a_period() -> None:
    read = _read((150, 100, "FACTURE N° 202611-1845"), (150, 115, "Le 16/11/2026 à 12h30"))
    assert read["issue_date"] == "2026-11-16"


def test_a_due_date_followed_by_its_terms_is_no_period() -> None:
    read = _read(
        (350, 60, "Date de facture : 19/07/2025"),
        (45, 400, "Échéance : 31/08/2025 - 30 jours fin de mois (art. L441-11 du Code de commerce)."),
    )
    assert read["due_date"] == "2025-08-31"


def test_a_real_period_still_names_neither_date() -> None:
    read = _read((50, 100, "Facture n° F-1"), (50, 115, "Période du 01/12/2025 au 31/12"))
    assert read["issue_date"] is None


# --- Terms first, then the deadline; a clause wrapped onto the next line -----------------------------------


def test_terms_in_days_then_the_deadline_give_the_due_date() -> None:
    for clause in (
        "Paiement à 45 jours, soit au plus tard le 11/03/2026.",
        "Payment within 45 days, no later than 11/03/2026.",
        "Zahlbar innerhalb von 45 Tagen bis 11.03.2026.",
    ):
        read = _read((50, 100, "Invoice No. A-1 Date: 25/01/2026"), (45, 400, clause))
        assert read["due_date"] == "2026-03-11", clause


def test_a_due_clause_wrapped_onto_the_next_line_reads_across_the_break() -> None:
    read = _read(
        (50, 100, "Facture N° 25-2887 du 05/03/2025"),
        (45, 460, "TVA au taux réduit de 10 % : travaux d'amélioration. Paiement"),
        (45, 471, "avant le 04/04/2025. En cas de retard de paiement, une pénalité"),
    )
    assert read["due_date"] == "2025-04-04"


def test_a_line_opening_with_a_deadline_word_after_unrelated_text_names_no_due_date() -> None:
    read = _read(
        (50, 100, "Facture N° 25-2887 du 05/03/2025"),
        (45, 460, "Livraison prévue sur le chantier"),
        (45, 471, "avant le 04/04/2025 selon le planning"),
    )
    assert read["due_date"] is None


# --- Payable on receipt: due on the issue date ------------------------------------------------------------


def test_payable_on_receipt_makes_the_issue_date_the_due_date() -> None:
    for clause in (
        "Payable comptant à réception.",
        "Payment due upon receipt.",
        "Zahlbar sofort ohne Abzug.",
    ):
        read = _read((50, 100, "Invoice No. 838550"), (50, 115, "Date: 24/08/2026"), (45, 400, clause))
        assert read["due_date"] == "2026-08-24", clause


def test_a_discount_for_cash_payment_names_no_due_date() -> None:
    read = _read(
        (50, 100, "Facture n° 838550"),
        (50, 115, "Date : 24/08/2026"),
        (45, 400, "Escompte pour paiement comptant : néant."),
    )
    assert read["due_date"] is None


# --- Titles and captions of the invoice's own number ------------------------------------------------------


def test_a_fee_note_is_an_invoice_and_its_number_is_the_invoice_number() -> None:
    read = _read((43, 254, "Note d'honoraires n° H2026-145"), (43, 277, "Nantes, le 11 janvier 2026"))
    assert read["invoice_number"] == "H2026-145"
    for title in ("Fee note No. H2026-145", "Honorarnote Nr. H2026-145", "Debit Note No. H2026-145"):
        assert _read((43, 254, title))["invoice_number"] == "H2026-145", title


def test_a_bare_number_caption_beside_the_date_captions_is_the_invoice_number() -> None:
    read = _read(
        (43, 36, "Facture"),
        (43, 84, "Camille Blanc"),
        (340, 84, "Numéro : 2025-008"),
        (43, 96, "84 rue des Tanneurs"),
        (340, 96, "Date : 7 mai 2025"),
        (340, 108, "Échéance : 6 juin 2025"),
    )
    assert read["invoice_number"] == "2025-008"


def test_a_bare_number_caption_under_a_party_heading_is_not_the_invoice_number() -> None:
    read = _read(
        (65, 58, "Handelsrechnung (380) Nr."),
        (68, 167, "Verkäufer"),
        (69, 182, "Nummer: 549910"),
        (69, 201, "Name: Lieferant GmbH"),
    )
    assert read["invoice_number"] != "549910"


def test_an_ocr_misread_number_sign_before_an_invoice_word_is_still_the_caption() -> None:
    read = _read((450, 52, "FACTURA"), (447, 81, "N2 factura: 2026-A1399"), (422, 94, "Fecha: 13/08/2026"))
    assert read["invoice_number"] == "2026-A1399"


# --- The invoice's date among other dates -----------------------------------------------------------------


def test_du_under_the_title_is_the_issue_date_and_another_documents_date_is_not() -> None:
    read = _read(
        (43, 211, "Intervention n° 96938 du 28/02/2025"),
        (43, 226, "Facture"),
        (43, 241, "N° 25-2887"),
        (43, 256, "Du 05/03/2025"),
    )
    assert read["issue_date"] == "2025-03-05"


def test_issued_on_in_french_is_an_issue_date_label_and_a_payment_received_date_is_not() -> None:
    read = _read(
        (43, 100, "Règlement reçu le 11/11/2025"),
        (43, 114, "FACTURE DE LOYER"),
        (43, 136, "N° LOC2025128606"),
        (43, 148, "Émise le 1er décembre 2025"),
    )
    assert read["issue_date"] == "2025-12-01"


def test_ocr_reading_1er_as_ler_still_gives_the_first_of_the_month() -> None:
    assert str(parse_date("Emise le ler décembre 2025")) == "2025-12-01"
    assert str(parse_date("Ier janvier 2026")) == "2026-01-01"
    assert parse_date("Charler mars 2026") is None


# --- Label wordings of other invoicing tools, in the six languages -----------------------------------------

_WORDINGS = {
    "invoice_number": (
        "A-1234",
        (
            "Inv. No.: A-1234",
            "Bill No.: A-1234",
            "Référence facture : A-1234",
            "Beleg-Nr.: A-1234",
            "Document No.: A-1234",
            "Numero documento: A-1234",
            "Invoice Ref: A-1234",
        ),
    ),
    "issue_date": (
        "2026-03-05",
        (
            "Billing date: 05/03/2026",
            "Document date: 05/03/2026",
            "Issued: 05/03/2026",
            "Dated: 05/03/2026",
            "Erstellt am 05.03.2026",
            "Paris, le 5 mars 2026",
            "Berlin, den 05.03.2026",
            "Milano, 05/03/2026",
            "Created: March 5, 2026",
            "Inv. Date: 05/03/2026",
        ),
    ),
    "due_date": (
        "2026-04-04",
        (
            "Payment date: 04/04/2026",
            "Date de règlement : 04/04/2026",
            "Terms: Net 30, due 04/04/2026",
            "Fecha de pago: 04/04/2026",
        ),
    ),
    "purchase_order": (
        "PO-777",
        (
            "PO: PO-777",
            "Customer PO: PO-777",
            "Référence commande : PO-777",
            "Bestell-Nr.: PO-777",
            "Orden de compra: PO-777",
            "Ordine d'acquisto: PO-777",
            "PO-nummer: PO-777",
            "Your ref.: PO-777",
            "PO Ref: PO-777",
            "Ihre Auftragsnummer: PO-777",
            "Ihr Zeichen: PO-777",
        ),
    ),
}


def test_label_wordings_of_other_tools_name_their_field() -> None:
    for field, (want, wordings) in _WORDINGS.items():
        for wording in wordings:
            # An unlabelled date printed first, so an issue date must come from its label.
            title = "ACME Ltd" if field == "invoice_number" else "Facture n° X-1"
            lines: list[Text] = [(50, 40, "01/02/2026"), (350, 85, title), (350, 100, wording)]
            if field != "issue_date":
                lines.append((350, 115, "Date : 01/03/2026"))
            assert _read(*lines)[field] == want, wording


def test_a_place_before_a_number_that_is_no_date_is_no_date_label() -> None:
    read = _read((350, 85, "Facture n° X-1"), (50, 300, "Lyon, 12 rue de la Paix, 69002"))
    assert read["issue_date"] is None


def test_receipt_terms_in_a_due_caption_make_the_issue_date_the_due_date() -> None:
    for clause in ("Due Date: Upon receipt", "Échéance : à réception", "Paiement : comptant"):
        read = _read((350, 100, "Invoice No. A-1"), (350, 115, "Date: 05/03/2026"), (45, 400, clause))
        assert read["due_date"] == "2026-03-05", clause


def test_year_first_dates_with_slashes_or_dots_are_read() -> None:
    assert [str(parse_date(t)) for t in ("2026/03/05", "2026.03.05")] == ["2026-03-05", "2026-03-05"]
    assert parse_date("2026/13/05") is None
    assert parse_date("FA-2026-3-5") is None  # a reference, not a date


def _currency(*phrases: Text) -> str | None:
    return placed_values(phrases, ("currency",))["currency"]


def test_a_currency_named_in_words_after_a_currency_label() -> None:
    base: list[Text] = [(50, 60, "ACME Ltd"), (350, 100, "Invoice No. A-1"), (350, 130, "Total 1 234.00")]
    assert _currency(*base, (350, 115, "Currency: Swiss francs")) == "CHF"
    assert _currency(*base, (45, 400, "All amounts in pounds sterling")) == "GBP"
    assert _currency(*base, (45, 400, "Total in AUD")) == "AUD"
    assert _currency(*base, (45, 400, "Thank you for your custom")) is None


def test_a_street_number_under_a_title_is_not_the_invoice_number() -> None:
    read = _read((43, 36, "Facture"), (43, 50, "84 rue des Tanneurs"), (43, 64, "35000 Rennes"))
    assert read["invoice_number"] is None
    read = _read((43, 36, "Invoice"), (43, 50, "7 Main Street"), (43, 64, "Date: 05/03/2026"))
    assert read["invoice_number"] is None
    read = _read((43, 36, "Invoice"), (43, 50, "4711"), (43, 64, "7 Main Street"))
    assert read["invoice_number"] == "4711"


def test_ambiguous_dates_on_a_us_dollar_invoice_are_read_month_first() -> None:
    head: list[Text] = [
        (350, 100, "Invoice # INV-1"),
        (350, 115, "Date: 03/05/2026"),
        (350, 130, "Due: 04/04/2026"),
    ]
    assert _read(*head, (350, 160, "Total $1,234.00"))["issue_date"] == "2026-03-05"
    # In euros, or with an unambiguous day-first date, the day comes first (a due date read either way after
    # the issue date: a due date before it day first is evidence of its own, see test_references_software.py).
    euro_head = [*head[:2], (350, 130, "Due: 04/06/2026")]
    assert _read(*euro_head, (350, 160, "Total 1 234,00 €"))["issue_date"] == "2026-05-03"
    assert _read(*head, (350, 160, "Total $1,234.00"), (45, 400, "Delivered 25/02/2026"))["issue_date"] == (
        "2026-05-03"
    )


def test_dollar_symbols_of_other_countries_and_swiss_francs_are_told_apart() -> None:
    base: list[Text] = [(50, 60, "Maple Supplies Ltd"), (350, 100, "Invoice No. A-1")]
    assert _currency(*base, (350, 130, "Total CA$1,234.00"), (350, 145, "Paid CA$234.00")) == "CAD"
    assert _currency(*base, (350, 130, "Total A$1,234.00")) == "AUD"
    assert _currency(*base, (350, 130, "Total US$1,234.00")) == "USD"
    assert _currency(*base, (350, 130, "Total $1,234.00")) == "USD"
    assert _currency(*base, (350, 130, "Total Fr. 1'234.50")) == "CHF"


def test_dated_or_issued_inside_another_documents_sentence_is_not_the_issue_date() -> None:
    for sentence in ("Your order dated 01/03/2026", "Quote issued 01/03/2026", "Order 4711 dated 01/03/2026"):
        read = _read((350, 85, "Invoice #: 123"), (350, 100, "Date: 05/03/2026"), (50, 300, sentence))
        assert read["issue_date"] == "2026-03-05", sentence


def test_a_header_row_beside_another_columns_address_is_still_a_header_row() -> None:
    header: list[Text] = [
        (300, 100, "Invoice No."),
        (360, 100, "Date"),
        (420, 100, "Due Date"),
        (300, 112, "INV-7 05/01/2026 04/02/2026"),
    ]
    read = _read(
        (50, 60, "ACME Inc."), (50, 100, "12 Main Street"), (50, 112, "Springfield IL 62704"), *header
    )
    assert (read["invoice_number"], read["issue_date"], read["due_date"]) == (
        "INV-7",
        "2026-01-05",
        "2026-02-04",
    )
