"""References and currency on ERP-like layouts (the reportlab fix set's classes): each test is a class of
layout with a negative beside it. Pages are built from words with positions (10 pt text, 5 pt a character,
3 pt between words)."""

from __future__ import annotations

from ocr.dates import parse_date
from tests.ocr.placed_words import Placed as Text
from tests.ocr.placed_words import placed_values

_NAMES = ("invoice_number", "issue_date", "due_date", "purchase_order", "currency")


def _read(*phrases: Text) -> dict[str, str | None]:
    return placed_values(phrases, _NAMES)


# --- A title's number sits right under it, not past a table's heading row ----------------------------------


def test_a_number_under_a_table_heading_below_the_title_is_a_line_position() -> None:
    read = _read(
        (350, 100, "Belegnummer 95351890"),
        (350, 115, "Belegdatum 11.11.2025"),
        (45, 200, "Rechnung"),
        (45, 220, "Pos."),
        (90, 220, "Material Bezeichnung Menge"),
        (45, 235, "000010"),
        (90, 235, "M15966 Sechskantschraube 7,50"),
    )
    assert read["invoice_number"] == "95351890"


def test_a_number_right_under_the_title_is_still_its_number() -> None:
    read = _read((45, 200, "Rechnung"), (45, 215, "RE-2026-0042"), (350, 100, "Datum 11.11.2025"))
    assert read["invoice_number"] == "RE-2026-0042"


def test_a_stacked_translation_of_the_caption_may_stand_between() -> None:
    read = _read((45, 200, "Facture N°"), (45, 215, "Invoice No."), (45, 230, "FV-2026-7"))
    assert read["invoice_number"] == "FV-2026-7"


# --- An ERP's "Origin" column names the order the invoice comes from ---------------------------------------


def test_an_origin_column_in_the_header_row_is_the_order() -> None:
    for heading in ("Origine", "Origin", "Source Document"):
        read = _read(
            (45, 100, "Facture FAC/2025/16434"),
            (45, 130, "Date de facturation"),
            (200, 130, "Date d'échéance"),
            (330, 130, heading),
            (45, 145, "07/09/2025"),
            (200, 145, "07/10/2025"),
            (330, 145, "S17399"),
        )
        assert read["purchase_order"] == "S17399", heading
        assert read["due_date"] == "2025-10-07", heading


def test_an_origin_line_in_running_text_names_no_order() -> None:
    read = _read((45, 100, "Facture FAC/2025/16434"), (45, 300, "Origine 12 pays de fabrication"))
    assert read["purchase_order"] is None


# --- Moroccan dirhams printed as "DH" ----------------------------------------------------------------------


def test_amounts_in_dh_are_moroccan_dirhams() -> None:
    read = _read(
        (45, 100, "FACTURE N° : FV26/5879"),
        (45, 200, "Réf Désignation Qté PU HT (DH) Montant HT (DH)"),
        (45, 400, "Total TTC (DH) 6 138,56"),
        (45, 420, "Arrêtée la présente facture à la somme de : six mille dirhams TTC."),
    )
    assert read["currency"] == "MAD"


def test_a_french_invoice_naming_no_dirham_is_still_in_euros() -> None:
    read = _read((45, 100, "FACTURE N° : FV26/5879"), (45, 400, "Total TTC 6 138,56"), (45, 420, "TVA 20 %"))
    assert read["currency"] == "EUR"


# --- A year OCR split after its first digit ----------------------------------------------------------------


def test_a_year_split_after_its_first_digit_is_still_the_date() -> None:
    read = _read(
        (45, 100, "Facture N° 2025-0912"),
        (300, 100, "Luxembourg, le 16 septembre 2025"),
        (45, 400, "Payable a 30 jours, soit au plus tard le 16/10/2 025, sur le compte LU06 4257"),
    )
    assert read["due_date"] == "2025-10-16"


def test_a_year_split_before_its_last_digit_is_still_the_date() -> None:
    assert str(parse_date("au plus tard le 16/10/202 5, sur le compte")) == "2025-10-16"


def test_a_short_number_after_a_date_fragment_is_no_year() -> None:
    assert parse_date("Lot 16/10/2 5 pièces") is None
    assert parse_date("Réf. 16/10/3 125") is None


# --- OCR's slips in a caption: "Zahibar" for "Zahlbar", a bilingual heading's slash glued ------------------


def test_a_zahlbar_clause_ocr_read_zahibar_gives_the_due_date() -> None:
    read = _read(
        (350, 100, "Belegnummer 95284870"),
        (350, 115, "Belegdatum 03.06.2026"),
        (
            45,
            400,
            "Zahibar innerhalb von 14 Tagen bis 17.06.2026 ohne Abzug. Bei Zahlung bis 11.06.2026 2 % Skonto",
        ),
    )
    assert read["due_date"] == "2026-06-17"


def test_a_bilingual_number_heading_with_its_slash_glued_reads_its_column() -> None:
    read = _read(
        (45, 180, "FACTURE / FACTUUR"),
        (96, 214, "N°/ Nr."),
        (196, 214, "Date / Datum"),
        (310, 214, "Échéance / Vervaldag"),
        (92, 228, "26/41494"),
        (200, 228, "30/03/2026"),
        (332, 228, "29/04/2026"),
    )
    assert read["invoice_number"] == "26/41494"


# --- A number printed (or OCR'd) in groups: the last group alone ends the caption's text --------------------


def test_a_group_of_digits_ending_the_number_is_part_of_it() -> None:
    read = _read((400, 40, "FACTURE"), (400, 60, "N°"), (430, 60, "651 11"), (45, 150, "Date : 09/11/2025"))
    assert read["invoice_number"] == "65111"
    read = _read((45, 137, "N° LOC2025 128606"), (45, 160, "Date : 09/11/2025"))
    assert read["invoice_number"] == "LOC2025128606"


def test_words_or_a_date_after_the_number_are_not_part_of_it() -> None:
    assert _read((45, 60, "Facture N° 651 du 09/11/2025"))["invoice_number"] == "651"
    assert _read((45, 60, "Invoice No. 651 Page 1"))["invoice_number"] == "651"
    assert _read((45, 60, "Invoice No. 651 05/01/2026"))["invoice_number"] == "651"
