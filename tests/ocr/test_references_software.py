"""Invoice number, dates and purchase order on the layouts invoicing software prints: a shop's title holding
its order number, a credit note's title with its kind, the buyer's reference beside a linked order, plural
due-date captions. Words with positions as a text layer gives them (tests/ocr/party_words.py)."""

from __future__ import annotations

from datetime import date

import pytest

from ocr.dates import parse_date
from ocr.locate import locate_fields
from tests.ocr.party_words import Text, page_of


def _fields(lines: list[Text]) -> dict[str, str]:
    return {name: f.value for name, f in locate_fields([page_of(lines)]).fields.items()}


@pytest.mark.parametrize(
    ("title", "own", "order"),
    [
        ("Facture #2490", "N° de facture", "N° de commande"),
        ("Invoice #2490", "Invoice No.", "Order ID"),
        ("Rechnung Nr. 2490", "Rechnungsnummer", "Bestellnummer"),
    ],
)
def test_a_title_holding_the_order_number_gives_way_to_the_invoice_number(
    title: str, own: str, order: str
) -> None:
    # Shop software titles the invoice with its order's id; the invoice's own number sits in the detail block.
    fields = _fields(
        [
            (43, 30, 14, title),
            (48, 92, 9, "Cabinet Rivière SASU"),
            (298, 92, 9, "Date"),
            (505, 92, 9, "23/06/2026"),
            (298, 104, 9, own),
            (485, 104, 9, "INV-2026-08851"),
            (298, 116, 9, order),
            (528, 116, 9, "2490"),
        ]
    )
    assert fields["invoice_number"] == "INV-2026-08851"


def test_the_order_number_alone_is_still_read_when_nothing_else_names_the_invoice() -> None:
    # The value another label names is a last resort, not a veto: with no other number it stays.
    fields = _fields([(43, 30, 14, "Invoice #2490"), (298, 116, 9, "Order ID"), (528, 116, 9, "2490")])
    assert fields["invoice_number"] == "2490"


@pytest.mark.parametrize(
    "title", ["Facture avoir", "Facture d'avoir", "Facture d'acompte", "Factura rectificativa"]
)
def test_a_title_naming_its_kind_reads_the_reference_under_it(title: str) -> None:
    # Right-aligned header block: title, then "Réf. : X" under it; a numbered item table further down
    # must not lend its row number "1" to the "N°" column heading.
    fields = _fields(
        [
            (28, 26, 11, "Ets Lemoine EURL"),
            (567 - 5.2 * len(title), 26, 10, title),
            (482, 44, 8, "Réf. : AV2606-0286"),
            (446, 70, 8, "Date facturation : 07/06/2026"),
            (32, 257, 8, "N° Désignation"),
            (309, 257, 8, "TVA"),
            (532, 257, 8, "Total HT"),
            (32, 272, 8, "1"),
            (54, 272, 8, "Nettoyage des locaux"),
            (309, 272, 8, "20%"),
            (541, 272, 8, "-61,66"),
        ]
    )
    assert fields["invoice_number"] == "AV2606-0286"


@pytest.mark.parametrize(
    ("reference", "linked"),
    [
        ("Réf. client : PO286871", "Commande CO2606-0716 / 07/06/2026"),
        ("Kundenreferenz : PO286871", "Bestellung CO2608-0137 / 17.08.2026"),
        ("Customer reference: PO286871", "Order CO2608-0137 / 08/17/2026"),
    ],
)
def test_the_buyers_reference_is_the_purchase_order_not_the_linked_order(reference: str, linked: str) -> None:
    # An ERP prints the buyer's reference in its header block and the order it made the invoice from as a
    # linked object ("Commande X / date"): the purchase order is the buyer's.
    fields = _fields(
        [
            (520, 26, 10, "Facture"),
            (482, 44, 8, "Réf. : FA2606-0325"),
            (440, 58, 8, reference),
            (457, 70, 8, "Date facturation : 07/06/2026"),
            (28, 104, 8, "Émetteur:"),
            (400, 104, 8, linked),
        ]
    )
    assert fields["purchase_order"] == "PO286871"


def test_an_order_caption_beats_an_order_quoted_in_a_note() -> None:
    # "Bestellung" alone before its value's column is a caption; the note below quotes another order.
    fields = _fields(
        [
            (50, 142, 10, "HANDELSRECHNUNG (380) Nr. 471102 vom 05.06.2018"),
            (50, 262, 9, "Bestellung"),
            (225, 262, 9, ": 2013-471331"),
            (50, 512, 9, "Rechnung gemäß Bestellung Nr. 2018-471331 vom 01.03.2018."),
        ]
    )
    assert fields["purchase_order"] == "2013-471331"


def test_a_linked_order_is_the_purchase_order_when_nothing_surer_is_printed() -> None:
    fields = _fields(
        [
            (503, 26, 10, "Rechnung"),
            (460, 44, 8, "Referenz : FA2608-0143"),
            (422, 104, 8, "Bestellung CO2608-0137"),
        ]
    )
    assert fields["purchase_order"] == "CO2608-0137"


@pytest.mark.parametrize(
    ("caption", "date", "want"),
    [
        ("Vencimientos:", "21-10-2026 23.624,54 €", "2026-10-21"),
        ("Échéances :", "15/11/2026 120,00 €", "2026-11-15"),
    ],
)
def test_a_plural_due_date_caption_over_a_schedule_reads_its_date(caption: str, date: str, want: str) -> None:
    # Accounting software lists the instalments under a plural caption: one instalment, one due date.
    fields = _fields(
        [
            (48, 96, 9, "Factura: FAC2026A1786"),
            (48, 113, 9, "Fecha: 21-10-2026"),
            (43, 436, 9, "Forma de pago: Transferencia bancaria"),
            (43, 450, 9, caption),
            (128, 450, 9, date),
        ]
    )
    assert fields["due_date"] == want


@pytest.mark.parametrize("caption", ["Nümero de factura:", "Numèro de facture :", "Nùmero de factura:"])
def test_a_number_caption_with_an_accent_misread_by_ocr_still_names_the_invoice_number(caption: str) -> None:
    # Beside it, the order's caption misread the same way must not lend its number instead.
    fields = _fields(
        [
            (371, 135, 9, caption),
            (529, 135, 9, "INV-00802"),
            (371, 150, 9, caption.replace("factura", "pedido").replace("facture", "commande")),
            (551, 150, 9, "8195"),
        ]
    )
    assert fields["invoice_number"] == "INV-00802"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("04.1 1.2026", date(2026, 11, 4)),
        ("04/1 0/2026", date(2026, 10, 4)),
        ("04.11.2026", date(2026, 11, 4)),
    ],
)
def test_a_month_whose_digits_ocr_set_apart_is_still_read(text: str, want: date) -> None:
    assert parse_date(f"Fälligkeitsdatum : {text}") == want


def test_digits_set_apart_outside_a_date_make_no_month() -> None:
    # "Art. 1 1.5 kg": no separator on both sides of the split digits, no date.
    assert parse_date("Art. 12.1 1 2026") is None


@pytest.mark.parametrize(
    ("label", "value", "want"),
    [
        ("Numéro de commande", "PO 6726056", "PO 6726056"),
        ("Réf. client :", "CMD 177770", "CMD 177770"),
        ("Order number", "NR 12345", "12345"),  # "NR" is the number's word, not a prefix
        ("Purchase order", "PO-964563", "PO-964563"),
    ],
)
def test_an_order_reference_keeps_its_capital_prefix(label: str, value: str, want: str) -> None:
    fields = _fields([(43, 30, 14, "Invoice INV-1"), (340, 180, 9, label), (505, 180, 9, value)])
    assert fields["purchase_order"] == want


@pytest.mark.parametrize("counter", ["Seite 1 von 2", "Page 1 of 2", "Page 1/1", "Página 1 de 2"])
def test_a_page_counter_under_the_title_is_no_invoice_number(counter: str) -> None:
    fields = _fields([(40, 30, 16, "Rechnung"), (40, 50, 9, counter), (300, 80, 9, "Datum 05.03.2026")])
    assert "invoice_number" not in fields


def test_a_page_counter_leaves_the_labelled_number_beside_it() -> None:
    fields = _fields(
        [
            (40, 30, 16, "Facture"),
            (40, 50, 9, "Page 1/1"),
            (300, 80, 9, "Numéro : F-2026-12"),
            (300, 92, 9, "Date : 05/03/2026"),
        ]
    )
    assert fields["invoice_number"] == "F-2026-12"


def _header_row_dates(issue: str, due: str) -> dict[str, str]:
    # An ERP's header row: "Invoice Date | Due Date | Source" over their values, no other date on the page.
    return _fields(
        [
            (40, 120, 16, "Invoice INV/2026/00012"),
            (40, 150, 9, "Invoice Date:"),
            (150, 150, 9, "Due Date:"),
            (260, 150, 9, "Source:"),
            (40, 162, 9, issue),
            (150, 162, 9, due),
            (260, 162, 9, "S00042"),
        ]
    )


def test_a_due_date_before_the_issue_date_day_first_reads_both_month_first() -> None:
    # Software set to US English prints month first whatever the currency (Odoo's default "en_US").
    fields = _header_row_dates("03/05/2026", "04/04/2026")
    assert (fields["issue_date"], fields["due_date"]) == ("2026-03-05", "2026-04-04")
    euros = _fields(
        [
            (40, 120, 16, "Invoice INV-1"),
            (40, 150, 9, "Date: 03/05/2026"),
            (40, 162, 9, "Due: 04/04/2026"),
            (40, 300, 9, "Total 1 234,00 €"),
        ]
    )
    assert (euros["issue_date"], euros["due_date"]) == ("2026-03-05", "2026-04-04")


def test_dates_consistent_day_first_stay_day_first() -> None:
    fields = _header_row_dates("05/03/2026", "04/04/2026")
    assert (fields["issue_date"], fields["due_date"]) == ("2026-03-05", "2026-04-04")


def test_an_unambiguous_date_keeps_its_order_over_the_due_date() -> None:
    # "13/05/2026" says day first: a due date before it is not read by turning the dates around.
    fields = _header_row_dates("13/05/2026", "04/04/2026")
    assert fields["issue_date"] == "2026-05-13"
    assert "due_date" not in fields


@pytest.mark.parametrize("reference", ["Rif. cliente : PO-12", "Ref. klant : PO-12", "Ref. cliente : PO-12"])
def test_the_buyers_reference_in_italian_dutch_and_spanish(reference: str) -> None:
    fields = _fields(
        [
            (520, 26, 10, "Fattura"),
            (482, 44, 8, "Rif. : FA2606-0012"),
            (470, 58, 8, reference),
            (457, 70, 8, "Data fatturazione : 22/06/2026"),
        ]
    )
    assert fields["purchase_order"] == "PO-12"


def test_a_speck_read_as_a_comma_after_a_caption_leaves_its_value_beside_it() -> None:
    fields = _fields(
        [
            (371, 150, 9, "Date de facturation:"),
            (528, 150, 9, "17/07/2026"),
            (371, 170, 9, "Date d'échéance: ,"),
            (528, 170, 9, "15/09/2026"),
        ]
    )
    assert (fields["issue_date"], fields["due_date"]) == ("2026-07-17", "2026-09-15")


@pytest.mark.parametrize(
    "row", [["1", "Nettoyage des locaux", "61,66"], ["1 Nettoyage des locaux", "", "1 234.50"]]
)
def test_the_position_under_a_line_item_number_heading_is_no_invoice_number(row: list[str]) -> None:
    lines: list[Text] = [
        (40, 30, 14, "Ets Lemoine"),
        (400, 50, 9, "Date : 05/03/2026"),
        (32, 257, 8, "N°"),
        (60, 257, 8, "Désignation"),
        (532, 257, 8, "Total HT"),
    ]
    lines += [(x, 272, 8, text) for x, text in zip((32, 60, 541), row, strict=True) if text]
    assert "invoice_number" not in _fields(lines)


def test_a_number_under_a_bare_number_caption_in_the_header_is_still_read() -> None:
    fields = _fields([(40, 30, 14, "FACTURE"), (400, 50, 9, "N°"), (400, 62, 9, "14")])
    assert fields["invoice_number"] == "14"


@pytest.mark.parametrize(
    "own",
    [
        "Our order number: SO-1",
        "Sales Order No. SO-1",
        "Notre n° de commande : SO-1",
        "Nuestro pedido nº SO-1",
    ],
)
def test_the_sellers_own_order_is_no_purchase_order(own: str) -> None:
    base: list[Text] = [(40, 30, 14, "Invoice INV-1"), (40, 46, 9, "Date: 05/03/2026"), (300, 60, 9, own)]
    assert "purchase_order" not in _fields(base)


@pytest.mark.parametrize(
    "theirs", ["Ihre Bestellnummer: PO-7", "Votre n° de commande : PO-7", "Su número de pedido: PO-7"]
)
def test_the_buyers_order_beside_the_sellers_own_is_the_purchase_order(theirs: str) -> None:
    base: list[Text] = [
        (40, 30, 14, "Invoice INV-1"),
        (300, 60, 9, "Our order number: SO-1"),
        (300, 72, 9, theirs),
    ]
    assert _fields(base)["purchase_order"] == "PO-7"


@pytest.mark.parametrize(
    ("terms", "want"),
    [
        ("Zahlungsziel: 14 Tage (19.03.2026)", "2026-03-19"),
        ("Vencimiento: 30 días (04.04.2026)", "2026-04-04"),
        ("Échéance : 30 jours fin de mois [30.04.2026]", "2026-04-30"),
    ],
)
def test_a_due_date_in_brackets_after_its_terms_is_read(terms: str, want: str) -> None:
    base: list[Text] = [(40, 30, 14, "Invoice INV-1"), (300, 46, 9, "Date: 05.03.2026"), (300, 58, 9, terms)]
    assert _fields(base)["due_date"] == want


def test_a_date_in_brackets_that_the_terms_count_from_is_no_due_date() -> None:
    base: list[Text] = [(40, 30, 14, "Invoice INV-1"), (300, 58, 9, "Due: 30 days (from 05.03.2026)")]
    assert "due_date" not in _fields(base)


@pytest.mark.parametrize(
    "caption", ["RE-Nr.:", "Rg.-Nr.:", "Rech.-Nr.", "Fact. n°", "Num. fattura:", "Doc. nº"]
)
def test_abbreviated_invoice_number_captions(caption: str) -> None:
    base: list[Text] = [
        (40, 30, 14, "ACME GmbH"),
        (300, 58, 9, f"{caption} 2026-0042"),
        (300, 70, 9, "Datum: 05.03.2026"),
        (300, 82, 9, "Kunden-Nr.: K-4711"),
    ]
    assert _fields(base)["invoice_number"] == "2026-0042"
