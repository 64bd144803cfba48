"""Invoice numbers, dates and purchase orders on layouts of big vendors and home-made templates: each test is
a class of layout, built from words with positions (10 pt text, 5 pt a character, 3 pt between words), read
in several languages where the class exists in several.
"""

from __future__ import annotations

from datetime import date

import pytest

from ocr.dates import parse_date
from tests.ocr.placed_words import Placed as Text
from tests.ocr.placed_words import placed_values


def _read(*phrases: Text) -> dict[str, str | None]:
    return placed_values(phrases, ("invoice_number", "issue_date", "due_date", "purchase_order"))


# --- Due dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "terms",
    [
        "Zahlungsbedingungen: Zahlung innerhalb von 7 Tagen ab Rechnungseingang ohne Abzüge "
        "(bis zum 20.09.2025).",
        "Payment terms: payment within 14 days of receipt without deduction (by 20/09/2025).",
        "Conditions : paiement à 30 jours fin de mois sans escompte (avant le 20/09/2025).",
    ],
)
def test_a_due_date_bracketed_after_long_payment_terms(terms: str) -> None:
    read = _read(
        (50, 60, "Rechnung Nr. RE-4906"),
        (50, 75, "Rechnungsdatum 13.09.2025"),
        (50, 400, terms),
    )
    assert read["due_date"] == "2025-09-20"


@pytest.mark.parametrize(
    ("caption", "limit"),
    [
        ("Montant à payer", "avant le 19/01/2026"),
        ("Amount to pay", "by 19/01/2026"),
        ("Zu zahlen", "bis zum 19.01.2026"),
        ("Importe a pagar", "antes del 19/01/2026"),
    ],
)
def test_a_due_date_stacked_under_the_amount_to_pay_in_a_box(caption: str, limit: str) -> None:
    # Left column: the account's references, one of them a period; right box: amount to pay over its limit.
    read = _read(
        (43, 100, "Facture du 5 janvier 2026"),
        (43, 145, "N° de facture 10380241548"),
        (43, 180, "Compte 836 200 068"),
        (350, 180, caption),
        (475, 180, "1 896,65 €"),
        (43, 195, "Période du 28/09/2025 au 28/12/2025"),
        (350, 207, limit),
    )
    assert read["due_date"] == "2026-01-19"


def test_a_limit_under_a_line_of_other_words_is_no_due_date() -> None:
    # "avant le" under a caption that names no payment: the date is not the due date.
    read = _read(
        (43, 60, "Facture n° 2026-12"),
        (43, 75, "Date : 05/01/2026"),
        (350, 180, "Offre valable"),
        (350, 195, "avant le 19/01/2026"),
    )
    assert read["due_date"] is None


@pytest.mark.parametrize(
    ("caption", "heading"), [("Scadenze", "Data"), ("Échéances", "Date"), ("Payment schedule", "Date")]
)
def test_a_schedule_of_instalments_gives_its_first_row_date(caption: str, heading: str) -> None:
    read = _read(
        (43, 200, "Fattura n. 106 del 10/03/2026"),
        (43, 345, caption),
        (47, 360, heading),
        (180, 360, "Importo Metodo"),
        (47, 376, "24/04/2026"),
        (180, 376, "541,24 € Bonifico"),
    )
    assert read["due_date"] == "2026-04-24"
    assert read["issue_date"] == "2026-03-10"


def test_a_table_column_under_another_heading_is_still_no_due_date() -> None:
    # Under the caption stands a heading that is no date's: the value below is that column's.
    read = _read(
        (43, 60, "Facture n° 77"),
        (43, 75, "Date : 10/03/2026"),
        (43, 345, "Échéance"),
        (47, 360, "Livraison"),
        (47, 376, "24/04/2026"),
    )
    assert read["due_date"] is None


# --- Issue dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "Date de la facture / Date de livraison",
        "Invoice date / Delivery date",
        "Rechnungsdatum / Lieferdatum",
    ],
)
def test_one_date_beside_a_caption_naming_the_invoice_and_the_delivery(caption: str) -> None:
    read = _read(
        (495, 34, "Facture"),
        (290, 88, caption),
        (500, 88, "6 janvier 2026"),
        (290, 100, "Numéro de la facture"),
        (500, 100, "FR5APX055RGX"),
        (43, 270, "Date de la commande"),
        (170, 270, "31.12.2025"),
    )
    assert read["issue_date"] == "2026-01-06"
    assert read["invoice_number"] == "FR5APX055RGX"


def test_a_delivery_date_alone_is_still_not_the_issue_date() -> None:
    read = _read(
        (340, 88, "Date de livraison"),
        (496, 88, "6 janvier 2026"),
        (340, 100, "Date de facture"),
        (496, 100, "8 janvier 2026"),
    )
    assert read["issue_date"] == "2026-01-08"


def test_a_public_portal_filing_date_is_not_the_issue_date() -> None:
    read = _read(
        (340, 65, "Numéro de facture : 304905"),
        (312, 204, "Date de dépôt Chorus Pro : 18/12/2025"),
    )
    assert read["issue_date"] is None


# --- Credit notes citing their invoice ------------------------------------------------------------------


@pytest.mark.parametrize(
    "citation",
    [
        "En référence à la facture n° FA-2026-117 du 12/11/2025",
        "With reference to our invoice no. FA-2026-117 dated 12/11/2025",
        "In riferimento alla fattura n. FA-2026-117 del 12/11/2025",
    ],
)
def test_a_credit_note_citing_the_invoice_it_cancels(citation: str) -> None:
    read = _read(
        (459, 46, "AVOIR"),
        (469, 83, "N° AV-2026-008"),
        (439, 95, "Date : le 11 janvier 2026"),
        (312, 138, "Cabinet des Lilas EURL"),
        (57, 213, citation),
    )
    assert read["invoice_number"] == "AV-2026-008"
    assert read["issue_date"] == "2026-01-11"


# --- Invoice numbers ------------------------------------------------------------------------------------


def test_captions_stacked_over_values_beside_an_address_block() -> None:
    # Xero-like: a column of captions over their values; further right the buyer's address, whose postcode
    # line sits on the caption's line ("M1 1AE Manchester").
    read = _read(
        (43, 52, "TAX INVOICE"),
        (269, 52, "Invoice Date"),
        (411, 52, "Kingsley Logistics Limited"),
        (269, 74, "07 Sep 2025"),
        (411, 74, "54 Mill Lane"),
        (269, 85, "Invoice Number"),
        (411, 85, "M1 1AE Manchester"),
        (269, 96, "INV-2169"),
        (411, 96, "UNITED KINGDOM"),
        (269, 107, "Reference"),
        (269, 118, "WO-26474"),
    )
    assert read["invoice_number"] == "INV-2169"
    assert read["issue_date"] == "2025-09-07"


def test_a_value_beside_its_caption_in_a_grid_stays_the_value() -> None:
    read = _read(
        (340, 65, "Invoice Number"),
        (448, 65, "A-77 Paris"),
        (340, 78, "Invoice Date"),
        (448, 78, "17/12/2025"),
    )
    assert read["invoice_number"] == "A-77"


@pytest.mark.parametrize("caption", ["Réf. :", "Référence :", "Ref.:"])
def test_a_bare_reference_caption_in_the_block_of_dates(caption: str) -> None:
    read = _read(
        (255, 110, "FACTURE"),
        (43, 156, caption),
        (128, 156, "FA005691"),
        (43, 170, "Date :"),
        (128, 170, "01/03/2026"),
        (43, 184, "Code client :"),
        (128, 184, "C00958"),
        (43, 198, "Échéance :"),
        (128, 198, "30/04/2026"),
    )
    assert read["invoice_number"] == "FA005691"


def test_a_reference_column_heading_by_the_dates_is_no_invoice_number() -> None:
    # "Réf." alone heads the article column of the line items, right under the dates block.
    read = _read(
        (255, 110, "FACTURE"),
        (43, 170, "Date :"),
        (128, 170, "01/03/2026"),
        (43, 184, "Échéance :"),
        (128, 184, "30/04/2026"),
        (45, 200, "Réf."),
        (108, 200, "Désignation"),
        (337, 200, "Qté"),
        (397, 200, "PU HT"),
        (516, 200, "Total HT"),
        (45, 214, "SRV-8075"),
        (108, 214, "Support technique"),
        (342, 214, "10"),
        (396, 214, "210,29"),
        (517, 214, "2 102,90"),
    )
    assert read["invoice_number"] is None


# --- Purchase orders ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "caption", ["Numéro d'engagement :", "N° d'engagement juridique :", "Engagement juridique :"]
)
def test_a_public_buyers_legal_commitment_is_the_purchase_order(caption: str) -> None:
    read = _read(
        (340, 65, "Numéro de facture :"),
        (448, 65, "304905"),
        (312, 168, "Code service :"),
        (431, 168, "DSI-916"),
        (312, 180, caption),
        (431, 180, "EJ48464409"),
    )
    assert read["purchase_order"] == "EJ48464409"
    assert read["invoice_number"] == "304905"


# --- Scans ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "caption", ["Date de dépôt Chorus Pro :", "Delivery date (planned):", "Lieferdatum laut Auftrag:"]
)
def test_a_decoy_date_caption_running_on_to_its_colon_still_claims_its_value(caption: str) -> None:
    # The invoice's own date caption lost to OCR: the other date must not stand in as the issue date.
    read = _read(
        (340, 65, "Numéro de facture :"),
        (448, 65, "304905"),
        (340, 78, "Dote"),
        (448, 78, "1722025"),
        (312, 204, caption),
        (432, 204, "18/12/2025"),
    )
    assert read["issue_date"] is None


@pytest.mark.parametrize(("text", "day"), [("41/03/2026", 11), ("45.12.2025", 15), ("44/01/2026", 14)])
def test_an_impossible_day_in_the_forties_is_ocr_reading_a_one_as_a_four(text: str, day: int) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert parsed.day == day


def test_valid_and_other_impossible_days_are_unchanged() -> None:
    assert parse_date("14/01/2026") == date(2026, 1, 14)
    assert parse_date("35/01/2026") is None
    assert parse_date("01/41/2026") is None  # the slip is read only where the day comes first


def test_a_due_caption_whose_capital_e_ocr_lost() -> None:
    read = _read(
        (344, 49, "FACTURE N°"),
        (444, 49, "FAC2603-22"),
        (344, 69, "DATE"),
        (444, 69, "06/03/2026"),
        (346, 108, "ae CHEANCE"),
        (444, 108, "20/04/2026"),
    )
    assert read["due_date"] == "2026-04-20"


# --- Wordings of the same classes in other trades and languages ----------------------------------------


@pytest.mark.parametrize(
    "line", ["À régler le 04/04/2026", "Réglable le 04/04/2026", "A payer le 04/04/2026"]
)
def test_a_settle_on_date_clause_is_the_due_date(line: str) -> None:
    read = _read((50, 60, "Facture n° F-12"), (50, 75, "Date : 05/03/2026"), (50, 200, line))
    assert read["due_date"] == "2026-04-04"


@pytest.mark.parametrize(
    "decoy",
    [
        "N° de police : P-889",
        "N° de sinistre : S-889",
        "N° de compteur : P-889",
        "N° de ligne : 0601020304",
        "N° d'ordre : OR-5521",
        "N° de chambre : 214",
        "N° d'immatriculation : AB-123-CD",
        "Ordre de réparation n° OR-5521",
    ],
)
def test_numbers_of_policies_meters_lines_rooms_and_repair_orders_are_not_the_invoices(decoy: str) -> None:
    # The invoice's own number under a bare caption, printed after the other number.
    read = _read(
        (300, 60, "FACTURE"),
        (50, 90, decoy),
        (50, 105, "N° : F-2026-114"),
        (50, 120, "Date : 05/03/2026"),
    )
    assert read["invoice_number"] == "F-2026-114"


@pytest.mark.parametrize("caption", ["Documento n.", "Documento nr.", "Documento número"])
def test_a_document_number_caption_names_the_invoice(caption: str) -> None:
    read = _read(
        (300, 60, "FATTURA"), (50, 90, f"{caption} 114/2026"), (50, 105, "Data documento 05/03/2026")
    )
    assert read["invoice_number"] == "114/2026"


@pytest.mark.parametrize(
    "line",
    ["Référence de l'engagement : EJ1234567", "Customer order: EJ1234567", "Customer order no. EJ1234567"],
)
def test_more_captions_of_the_buyers_order(line: str) -> None:
    read = _read((50, 60, "Facture n° 12"), (50, 75, "Date : 05/03/2026"), (50, 90, line))
    assert read["purchase_order"] == "EJ1234567"


@pytest.mark.parametrize(
    "other",
    [
        "Delivery note DN-44 dated 01/03/2026",
        "Bon de livraison BL-44 du 01/03/2026",
        "Lieferschein 4711 vom 01.03.2026",
        "Pedido P-44 de 01/03/2026",
    ],
)
def test_another_document_named_with_its_bare_number_and_date_is_no_issue_date(other: str) -> None:
    # The invoice's own date is printed alone, to the right of its number, after the other document's.
    read = _read((50, 40, other), (50, 60, "Invoice INV-12"), (350, 60, "05/03/2026"))
    assert read["issue_date"] == "2026-03-05"


def test_a_bilingual_number_and_date_caption() -> None:
    read = _read(
        (50, 40, "Rechnung / Invoice"),
        (50, 60, "Nr. / No.: RE-2026-5"),
        (50, 75, "Datum / Date: 05.03.2026"),
    )
    assert read["invoice_number"] == "RE-2026-5"
    assert read["issue_date"] == "2026-03-05"


@pytest.mark.parametrize(
    "line",
    [
        "Pagamento: bonifico bancario entro il 04/04/2026",
        "Paiement : virement bancaire avant le 04/04/2026",
        "Payment: bank transfer by 04/04/2026",
    ],
)
def test_a_payment_caption_then_the_means_then_the_limit(line: str) -> None:
    read = _read((50, 40, "Fattura n. 12 del 05/03/2026"), (50, 70, line))
    assert read["due_date"] == "2026-04-04"


@pytest.mark.parametrize(
    ("caption", "figure", "limit"),
    [("Net à payer", "1 250,00 €", "avant le 04/04/2026"), ("Amount due", "€1,250.00", "by 04/04/2026")],
)
def test_a_box_of_caption_figure_and_limit_stacked(caption: str, figure: str, limit: str) -> None:
    read = _read(
        (50, 40, "Facture n° 12"),
        (50, 55, "Date : 05/03/2026"),
        (400, 90, caption),
        (400, 104, figure),
        (400, 118, limit),
    )
    assert read["due_date"] == "2026-04-04"


@pytest.mark.parametrize(
    "line",
    [
        "Limite de paiement : 16/03/2026",
        "late limite de paiement 16/03/2026",
        "Limite de règlement 16/03/2026",
    ],
)
def test_a_payment_limit_caption_without_its_date_word(line: str) -> None:
    # "Date limite de paiement" printed without "Date", or with it misread by OCR.
    read = _read(
        (434, 45, "Facture n° F-2026-034"), (441, 65, "Date d'émission : 14/02/2026"), (417, 96, line)
    )
    assert read["due_date"] == "2026-03-16"


@pytest.mark.parametrize(
    "line",
    ["Rechnungsdatum = Leistungsdatum: 12.03.2026", "Invoice date / Delivery date: 12/03/2026"],
)
def test_one_date_after_two_captions_joined_in_its_phrase(line: str) -> None:
    read = _read(
        (50, 40, "Rechnung Nr. RE-5"), (300, 200, "Zeitraum 01.02.2026 - 28.02.2026"), (50, 80, line)
    )
    assert read["issue_date"] == "2026-03-12"


@pytest.mark.parametrize(
    ("title", "citation"),
    [
        ("AVOIR", "Suite à la facture n° F-17 du 12/01/2026"),
        ("AVOIR", "Avoir relatif à la facture n° F-17 du 12/01/2026"),
        ("GUTSCHRIFT", "Storno der Rechnung Nr. RE-17 vom 12.01.2026"),
        ("ABONO", "Correspondiente a la factura nº F-17 de 12/01/2026"),
        ("NOTA DI CREDITO", "A storno della fattura n. 17 del 12/01/2026"),
        ("CREDITNOTA", "Betreft factuur nr. 17 van 12-01-2026"),
    ],
)
def test_more_wordings_of_a_credit_note_citing_its_invoice(title: str, citation: str) -> None:
    read = _read((400, 40, title), (400, 60, "N° AV-3"), (400, 75, "Date : 05/03/2026"), (50, 150, citation))
    assert read["invoice_number"] == "AV-3"
    assert read["issue_date"] == "2026-03-05"
