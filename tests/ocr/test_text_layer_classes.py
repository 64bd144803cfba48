"""Reference fields on layouts whose wording or format the label lists did not know: a title qualified by
its side of the sale over its number, a bare "Réf." in the block of the invoice's dates, a caption carrying
a qualifier with its value beside it, a date without leading zeros, a line-item table's "Date" column.
Words with positions as a text layer gives them (tests/ocr/party_words.py); each layout is built here, in
the six languages where the class exists in them, not taken from a corpus file."""

from __future__ import annotations

from datetime import date

import pytest

from ocr.dates import parse_date
from ocr.document import Document
from ocr.layout import PageText, Word
from ocr.locate import locate_fields
from tests.ocr.party_words import Text, page_of


def _fields(lines: list[Text]) -> dict[str, str]:
    return {name: f.value for name, f in locate_fields([page_of(lines)]).fields.items()}


def _right_aligned(x1: float, y: float, size: float, text: str) -> Text:
    return (x1 - 0.52 * size * len(text.replace(" ", "")) - 0.28 * size * text.count(" "), y, size, text)


@pytest.mark.parametrize(
    "title",
    [
        "SALES INVOICE",
        "Tax Invoice",
        "Customer Invoice",
        "FACTURE DE VENTE",
        "Factura de venta",
        "Fattura di vendita",
        "Verkaufsrechnung",
        "Verkoopfactuur",
    ],
)
def test_a_qualified_title_reads_the_number_printed_under_it(title: str) -> None:
    # An ERP's header: seller left, the title right-aligned, the number right-aligned under it, no caption.
    fields = _fields(
        [
            (45, 33, 16, "Maison Renard SA"),
            (45, 56, 9, "78 avenue Jean Jaurès, 35000 Rennes"),
            _right_aligned(550, 98, 14, title),
            _right_aligned(550, 121, 10, "ACC-SINV-2025-00342"),
            (315, 158, 9, "Date"),
            (498, 158, 9, "06-09-2025"),
        ]
    )
    assert fields["invoice_number"] == "ACC-SINV-2025-00342"


def test_a_title_over_an_address_takes_no_street_number() -> None:
    fields = _fields(
        [(45, 30, 14, "Sales Invoice"), (45, 50, 9, "84 rue des Tanneurs"), (45, 62, 9, "35000 Rennes")]
    )
    assert "invoice_number" not in fields


@pytest.mark.parametrize(
    ("reference", "dated"),
    [
        ("Réf. : 2025-0036", "Date : 26/11/2025"),
        ("Ref.: FAC-085229", "Date: 26/11/2025"),
        ("Referenz: RE-2025-77", "Datum: 26.11.2025"),
        ("Referencia: F2025/118", "Fecha: 26/11/2025"),
        ("Riferimento: 118/2025", "Data: 26/11/2025"),
        ("Kenmerk: 2025.0118", "Datum: 26-11-2025"),
    ],
)
def test_a_bare_reference_caption_in_the_date_block_names_the_invoice(reference: str, dated: str) -> None:
    # The title sits left of the block (no overlap, so nothing is read under it); the reference's caption is
    # left-aligned with the date's, a version line between them.
    fields = _fields(
        [
            (421, 47, 14, "FACTURE"),
            (491, 73, 8, reference),
            (521, 85, 8, "Version : 3"),
            (491, 96, 8, dated),
            (320, 159, 8, "Code client : CLI9390"),
        ]
    )
    assert fields["invoice_number"] == reference.split(":")[1].strip()


def test_a_bare_reference_far_from_any_date_caption_is_not_the_invoice_number() -> None:
    # "Réf. :" in a party's block, no date caption beside it: whose reference it is, nothing says.
    fields = _fields(
        [(40, 30, 16, "Invoice"), (40, 200, 9, "Réf. : CLI-2231"), (300, 60, 9, "Date: 05/03/2026")]
    )
    assert fields.get("invoice_number") != "CLI-2231"


@pytest.mark.parametrize(
    ("caption", "value", "field", "want"),
    [
        ("Date d'échéance de paiement", "21-10-2025", "due_date", "2025-10-21"),
        ("Fecha de vencimiento del pago", "21/10/2025", "due_date", "2025-10-21"),
        ("Data di scadenza pagamento", "21/10/2025", "due_date", "2025-10-21"),
        ("Fälligkeitsdatum (netto)", "21.10.2025", "due_date", "2025-10-21"),
        ("Bon de commande client", "CMD-97937", "purchase_order", "CMD-97937"),
        ("Purchase order (customer)", "CMD-97937", "purchase_order", "CMD-97937"),
        ("Bestellnummer des Kunden", "CMD-97937", "purchase_order", "CMD-97937"),
    ],
)
def test_a_caption_with_a_qualifier_reads_the_value_beside_it(
    caption: str, value: str, field: str, want: str
) -> None:
    # A two-column block of captions and values; the caption ends with words the label list does not know.
    fields = _fields(
        [
            (45, 30, 14, "Facture N° F-2025-118"),
            (315, 158, 9, "Date"),
            (498, 158, 9, "06-09-2025"),
            (315, 178, 9, caption),
            (497, 178, 9, value),
        ]
    )
    assert fields[field] == want


def test_a_qualified_title_in_a_table_row_lends_no_piece_of_its_amount() -> None:
    # "Facture du mois || 2 723,04": a row of an account statement, not a caption and its value.
    fields = _fields(
        [
            (43, 112, 10, "FACTURE DE LOYER"),
            (43, 135, 9, "N° LOC2025128606"),
            (47, 394, 9, "Facture du mois"),
            (350, 394, 9, "2 723,04"),
        ]
    )
    assert fields["invoice_number"] == "LOC2025128606"


def test_a_caption_with_a_qualifier_beside_another_date_is_no_purchase_order() -> None:
    # "Date du bon de commande client || 22-08-2025": the order's date, no order reference.
    fields = _fields([(45, 30, 14, "Invoice INV-1"), (315, 215, 9, "Date du bon de commande client"),
                      (498, 215, 9, "22-08-2025")])  # fmt: skip
    assert "purchase_order" not in fields


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2026/2/22", date(2026, 2, 22)),
        ("2025/12/2", date(2025, 12, 2)),
        ("2026.3.5", date(2026, 3, 5)),
        ("2026/03/05", date(2026, 3, 5)),
    ],
)
def test_a_year_first_date_without_leading_zeros_is_read(text: str, want: date) -> None:
    assert parse_date(f"Invoice Date: {text}") == want


@pytest.mark.parametrize("text", ["FA-2026-1-123", "FA-2026-3-5", "2026-3-5", "2026/13/2", "2026/2/22/1"])
def test_year_first_digits_that_make_no_date_stay_unread(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("heading", "amount"),
    [
        (["Date", "Hours", "Description", "Amount"], "€390.00"),
        (["Datum", "Stunden", "Beschreibung", "Betrag"], "390,00 €"),
        (["Date", "Qté", "Désignation", "Montant"], "390,00 €"),
    ],
)
def test_the_date_column_of_a_line_item_table_is_not_the_issue_date(heading: list[str], amount: str) -> None:
    # A timesheet invoice: the date alone under the title, each item dated in the table below.
    fields = _fields(
        [
            (502, 45, 14, "INVOICE"),
            (509, 60, 10, "#793"),
            (463, 84, 10, "December 25, 2025"),
            (60, 305, 9, heading[0]),
            (150, 305, 9, heading[1]),
            (360, 305, 9, heading[2]),
            (515, 305, 9, heading[3]),
            (60, 323, 9, "2025/11/29"),
            (173, 323, 9, "6"),
            (360, 323, 9, "Code review"),
            (518, 323, 9, amount),
        ]
    )
    assert fields["issue_date"] == "2025-12-25"


def test_a_date_caption_over_a_date_with_no_item_table_is_still_read() -> None:
    fields = _fields([(40, 30, 16, "Invoice INV-1"), (60, 100, 9, "Date"), (60, 115, 9, "2025/11/29")])
    assert fields["issue_date"] == "2025-11-29"


def _caption_beside(caption: str, value: str) -> dict[str, str]:
    # A two-column block right of the seller, the title above it.
    return _fields(
        [
            (45, 30, 14, "Acme Widgets Ltd"),
            (450, 30, 16, "INVOICE"),
            (315, 140, 9, "Invoice date:"),
            (480, 140, 9, "22/02/2026"),
            (315, 158, 9, caption),
            (480, 158, 9, value),
        ]
    )


@pytest.mark.parametrize(
    "caption",
    [
        "Customer PO",
        "Client PO:",
        "Buyer's order",
        "Client order",
        "Commande client :",
        "Kundenbestellnummer",
        "Pedido cliente",
        "Pedido:",
        "Ordine cliente",
        "Vs. ordine",
        "Inkooporder",
        "Order:",
        "Order ID",
    ],
)
def test_an_order_caption_naming_the_buyer_or_alone_reads_the_purchase_order(caption: str) -> None:
    assert _caption_beside(caption, "PO-88123")["purchase_order"] == "PO-88123"


@pytest.mark.parametrize("caption", ["Customer order date", "Order date:", "Pedido del"])
def test_an_order_date_gives_no_purchase_order(caption: str) -> None:
    assert "purchase_order" not in _caption_beside(caption, "18/02/2026")


@pytest.mark.parametrize("caption", ["Num. factura", "Num. fra.", "Pièce n°"])
def test_abbreviated_invoice_number_captions(caption: str) -> None:
    assert _caption_beside(caption, "INV-2026-0417")["invoice_number"] == "INV-2026-0417"


@pytest.mark.parametrize("caption", ["Vence", "Vence el", "Zahlbar am"])
def test_a_verb_of_falling_due_names_the_due_date(caption: str) -> None:
    assert _caption_beside(caption, "24/03/2026")["due_date"] == "2026-03-24"


def test_zahlbar_am_without_a_date_names_no_due_date() -> None:
    fields = _caption_beside("Zahlbar am Tag der Lieferung", "")
    assert "due_date" not in fields


@pytest.mark.parametrize(
    ("printed", "want"),
    [
        ("INV‑0417", "INV-0417"),  # a non-breaking hyphen (U+2011)
        ("INV–0417", "INV-0417"),  # LaTeX's en dash
        ("F‐2026‐0417", "F-2026-0417"),  # the typographic hyphen (U+2010)
        ("INV 0417", "INV 0417"),  # a capital prefix set apart by one space
        ("FAC 2026 0417", "FAC 20260417"),
        ("26-02-0417", "26-02-0417"),  # a date's shape, no date's year
    ],
)
def test_an_invoice_number_printed_with_typographic_dashes_or_a_spaced_prefix(
    printed: str, want: str
) -> None:
    for caption in ("Invoice No.:", "Facture n° :", "Rechnungsnummer:"):
        assert _caption_beside(caption, printed)["invoice_number"] == want, caption


@pytest.mark.parametrize("printed", ["No 0417", "NR 0417", "Ref 0417"])
def test_a_number_word_before_the_digits_is_no_prefix(printed: str) -> None:
    assert _caption_beside("Invoice:", printed)["invoice_number"] == "0417"


def _totals_without_currency(title: str, labels: tuple[str, str, str], account: str) -> dict[str, str]:
    # No currency code, sign or label anywhere: amounts bare, the seller's IBAN in the footer.
    return _fields(
        [
            (45, 30, 14, "Acme Werkstatt"),
            (450, 30, 16, title),
            (315, 100, 9, f"{title} 2026-17"),
            (340, 400, 9, labels[0]),
            (480, 400, 9, "1.234,50"),
            (340, 415, 9, labels[1]),
            (480, 415, 9, "234,56"),
            (340, 430, 9, labels[2]),
            (480, 430, 9, "1.469,06"),
            (45, 700, 8, f"IBAN: {account}"),
        ]
    )


@pytest.mark.parametrize(
    ("title", "labels", "account", "want"),
    [
        ("Rechnung", ("Nettobetrag", "MwSt. 19 %", "Gesamtbetrag"), "DE89 3704 0044 0532 0130 00", "EUR"),
        ("Factura", ("Base imponible", "IVA 21%", "Total factura"), "ES91 2100 0418 4502 0005 1332", "EUR"),
        (
            "Fattura",
            ("Imponibile", "IVA 22%", "Totale documento"),
            "IT60 X054 2811 1010 0000 0123 456",
            "EUR",
        ),
        ("Factuur", ("Subtotaal", "BTW 21%", "Totaal"), "NL91 ABNA 0417 1643 00", "EUR"),
        ("Invoice", ("Subtotal", "VAT 20%", "Total"), "GB29 NWBK 6016 1331 9268 19", "GBP"),
        ("Rechnung", ("Nettobetrag", "MWST 8.1 %", "Total"), "CH93 0076 2011 6238 5295 7", "CHF"),
    ],
)
def test_an_invoice_printing_no_currency_is_in_its_accounts_currency(
    title: str, labels: tuple[str, str, str], account: str, want: str
) -> None:
    assert _totals_without_currency(title, labels, account)["currency"] == want


def test_a_printed_sign_outweighs_the_accounts_country() -> None:
    fields = _fields(
        [
            (450, 30, 16, "Invoice"),
            (315, 100, 9, "Invoice No.: 17"),
            (340, 430, 9, "Total"),
            (480, 430, 9, "$1,469.06"),
            (45, 700, 8, "IBAN: DE89 3704 0044 0532 0130 00"),
        ]
    )
    assert fields["currency"] == "USD"


@pytest.mark.parametrize(
    "mention",
    ["R.C.S. Lyon 930 060 355", "R.C.S. Lyon B 930 060 355", "R.C.S.: 930 060 355", "R.C.S PARIS 930060355"],
)
def test_the_register_abbreviation_with_dots_names_the_siren(mention: str) -> None:
    fields = _fields(
        [
            (45, 30, 14, "Acme Widgets SARL"),
            (450, 30, 16, "FACTURE"),
            (315, 100, 9, "Facture n° : F-1"),
            (45, 780, 7, f"Acme Widgets SARL - SAS au capital de 10 000 € - {mention} - APE 6201Z"),
        ]
    )
    assert fields["seller_siren"] == "930060355"


def test_a_siren_whose_key_fails_yields_to_the_one_the_siret_and_vat_number_print() -> None:
    # Legal mentions with a placeholder register number beside the real SIRET and VAT number.
    fields = _fields(
        [
            (45, 30, 14, "Acme Widgets SAS"),
            (450, 30, 16, "FACTURE"),
            (315, 100, 9, "Facture n° : F-1"),
            (45, 780, 7, "SIRET 93006035500029 – RCS Paris 123 456 789 – APE 5510Z – TVA FR36930060355"),
        ]
    )
    assert fields["seller_siren"] == "930060355"


def _bank(lines: list[Text]) -> dict[str, str]:
    return _fields(
        [(45, 30, 14, "Acme GmbH"), (450, 30, 16, "Rechnung"), (315, 100, 9, "Rechnungsnummer: RE-1"), *lines]
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [("IBAN: DE89 3704 0044", "0532 0130 00"), ("IBAN DE89 3704 0044 0532", "0130 00")],
)
def test_an_iban_wrapped_onto_the_next_line_of_a_narrow_column_is_joined(first: str, second: str) -> None:
    fields = _bank([(45, 760, 8, first), (45, 770, 8, second), (45, 782, 8, "BIC: COBADEFFXXX")])
    assert fields["seller_iban"] == "DE89370400440532013000"


def test_a_line_under_an_iban_that_does_not_complete_it_is_left_alone() -> None:
    fields = _bank([(45, 760, 8, "IBAN: DE89 3704 0044 0532 0130 00"), (45, 770, 8, "1234 5678")])
    assert fields["seller_iban"] == "DE89370400440532013000"


def test_dotted_bank_captions_name_the_iban_and_bic() -> None:
    fields = _bank([(45, 760, 8, "I.B.A.N. DE89 3704 0044 0532 0130 00 B.I.C. COBADEFFXXX")])
    assert (fields["seller_iban"], fields["seller_bic"]) == ("DE89370400440532013000", "COBADEFFXXX")


@pytest.mark.parametrize(
    "title", ["Invoice #F-1 - 22/02/2026", "Rechnung F-1 / 22.02.2026", "Factura F-1 - 22-02-2026"]
)
def test_a_number_ending_in_digits_before_a_date_lends_the_date_no_day(title: str) -> None:
    # "1 - 22/02" has a date's shape (day 1, month 22 -> month first, year 02): the date is the whole one.
    fields = _fields([(45, 30, 14, "Acme Ltd"), (45, 120, 12, title)])
    assert (fields["invoice_number"], fields["issue_date"]) == ("F-1", "2026-02-22")


def test_a_two_digit_year_still_reads_alone() -> None:
    assert [str(parse_date(t)) for t in ("12/03/26", "22.02.26 ", "Datum: 22-02-26.")] == [
        "2026-03-12",
        "2026-02-22",
        "2026-02-22",
    ]


def _with_terms(terms: str) -> dict[str, str]:
    return _fields(
        [
            (45, 30, 14, "Acme Ltd"),
            (450, 30, 16, "INVOICE"),
            (315, 100, 9, "Invoice No.: A-1"),
            (315, 112, 9, "Invoice Date: 22/02/2026"),
            (45, 600, 9, terms),
        ]
    )


@pytest.mark.parametrize(
    ("terms", "want"),
    [
        ("Payment terms: Net 30", "2026-03-24"),
        ("Payable within 30 days", "2026-03-24"),
        ("Conditions de paiement : 30 jours net", "2026-03-24"),
        ("Délai de paiement : 45 jours", "2026-04-08"),
        ("Zahlbar innerhalb von 14 Tagen ohne Abzug", "2026-03-08"),
        ("Zahlbar innerhalb 10 Tagen 2% Skonto, 30 Tage netto", "2026-03-24"),
        ("Pago a 30 días", "2026-03-24"),
        ("Pagamento a 30 giorni d.f.", "2026-03-24"),
        ("Betaling binnen 30 dagen", "2026-03-24"),
    ],
)
def test_terms_in_days_and_no_printed_due_date_count_it_from_the_issue_date(terms: str, want: str) -> None:
    assert _with_terms(terms)["due_date"] == want


@pytest.mark.parametrize(
    "terms",
    [
        "Paiement à 30 jours fin de mois",  # a month's end: conventions differ
        "Delivery within 5 days",  # not about paying
        "Late payments after 30 days incur interest",
        "2 % Skonto bei Zahlung innerhalb von 10 Tagen",  # a discount's period, not the due date
    ],
)
def test_terms_that_name_no_due_period_give_no_due_date(terms: str) -> None:
    assert "due_date" not in _with_terms(terms)


def test_a_printed_due_date_wins_over_the_terms() -> None:
    fields = _with_terms("Payable within 30 days")
    assert fields["due_date"] == "2026-03-24"
    printed = _fields(
        [
            (450, 30, 16, "INVOICE"),
            (315, 100, 9, "Invoice No.: A-1"),
            (315, 112, 9, "Invoice Date: 22/02/2026"),
            (315, 124, 9, "Due Date: 10/03/2026"),
            (45, 600, 9, "Payable within 30 days"),
        ]
    )
    assert printed["due_date"] == "2026-03-10"


@pytest.mark.parametrize(
    ("title", "want"),
    [
        ("Factura n.2 9/2025", "9/2025"),  # OCR's "n.º": another number follows
        ("Fattura n.15", "15"),  # "n." glued to the number
        ("Fattura n.2 del 12/03/2026", "2"),
        ("Fattura N.2 12/03/2026", "2"),  # a date after it is no number: "n.2" is the number
        ("Factura n.º 9/2025", "9/2025"),
    ],
)
def test_a_number_abbreviation_glued_or_misread_before_the_number(title: str, want: str) -> None:
    fields = _fields([(45, 30, 14, "Acme"), (45, 60, 12, title), (315, 100, 9, "Data: 12/03/2026")])
    assert fields["invoice_number"] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("22.Feb.2026", date(2026, 2, 22)),  # dots alone between the parts
        ("22 Febr. 2026", date(2026, 2, 22)),
        ("Febr. 22, 2026", date(2026, 2, 22)),
        ("22. Mrz. 2026", date(2026, 3, 22)),  # the German abbreviation of März
        ("22 de mayo del 2026", date(2026, 5, 22)),
        ("Feb-22-2026", date(2026, 2, 22)),
    ],
)
def test_named_month_dates_in_more_printed_forms(text: str, want: date) -> None:
    assert parse_date(f"Datum: {text}") == want


def test_a_month_word_glued_after_a_dot_without_a_year_is_no_date() -> None:
    assert parse_date("Art. 12.Feb") is None


def _spaced(x: float, y: float, size: float, text: str, gap: float) -> list[Word]:
    """Letters set one by one, `gap` apart; a double space in `text` is a wider gap between two words."""
    words: list[Word] = []
    for token in text.split(" "):
        if not token:
            x += 2 * gap
            continue
        width = 0.6 * size
        words.append(Word(token, x, y, x + width, y + size))
        x += width + gap
    return words


def _read(words: list[Word]) -> dict[str, str]:
    return {
        name: f.value for name, f in locate_fields([PageText(1, words, "text", 595.0, 842.0)]).fields.items()
    }


@pytest.mark.parametrize("title", ["I N V O I C E", "F A C T U R E", "R E C H N U N G", "F A T T U R A"])
def test_a_letter_spaced_title_reads_the_number_under_it(title: str) -> None:
    words = [*_spaced(400, 30, 16, title, 3), Word("#0417", 400, 52, 432, 62), Word("Acme", 45, 30, 90, 44)]
    assert _read(words)["invoice_number"] == "0417"


def test_letter_spaced_words_split_where_the_gap_widens() -> None:
    words = [*_spaced(45, 150, 9, "I N V O I C E  N O", 2), Word("INV-0099", 160, 150, 200, 159)]
    document = Document([PageText(1, words, "text", 595.0, 842.0)])
    assert document.lines[0].phrases[0].text == "INVOICE NO"
    assert _read(words)["invoice_number"] == "INV-0099"


def test_initials_keep_apart() -> None:
    initials = Document([PageText(1, _spaced(45, 30, 9, "A B C Consulting", 2), "text", 595.0, 842.0)])
    assert initials.lines[0].text == "A B C Consulting"


@pytest.mark.parametrize(
    "mention", ["UID-Nr.: ATU 13585627", "UID: ATU 135 856 27", "UID-Nummer ATU13585627"]
)
def test_the_austrian_uid_caption_names_the_vat_number(mention: str) -> None:
    fields = _bank([(45, 780, 7, f"Acme GmbH - Wien - {mention}")])
    assert fields["seller_vat_id"] == "ATU13585627"
