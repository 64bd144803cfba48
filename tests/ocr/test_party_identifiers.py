"""Party identifiers and captions on layouts of the generated fix set (issue 15): a VAT number after a caption
the labels only partly cover, OCR's letter O for a zero that the checksum repairs, a Swiss UID, and buyer
captions with their qualifier first or their translation after a slash. Words in A4 points, y from the top."""

from __future__ import annotations

import pytest

from ocr.document import Document
from ocr.layout import PageText, Word
from ocr.parties import locate_parties
from ocr.party_name_shapes import is_name_like
from ocr.party_sections import anchor_role
from ocr.validate import check_vat_id
from ocr.vat_numbers import find_labelled_vat, find_valid_vat
from tests.ocr.party_words import Text, page_of
from tests.ocr.party_words import parties_of as _parties

_TABLE: list[Text] = [
    (50, 330, 10, "Désignation"), (300, 330, 10, "Qté"), (400, 330, 10, "P.U. HT"),
    (500, 330, 10, "Montant HT"),
    (50, 346, 10, "Pose de parquet"), (300, 346, 10, "5"), (400, 346, 10, "100,00"),
    (500, 346, 10, "500,00"),
    (400, 600, 10, "Total HT"), (500, 600, 10, "500,00 €"),
    (400, 614, 10, "Total TTC"), (500, 614, 10, "600,00 €"),
]  # fmt: skip


def _french_invoice(footer: str) -> list[Text]:
    return [
        (50, 40, 16, "Menuiserie Moreau"),
        (50, 60, 10, "34 rue des Tanneurs"),
        (50, 74, 10, "31000 Toulouse"),
        (50, 88, 10, "Tél. 04 09 82 84 11"),
        (330, 140, 10, "Cabinet Bernard SAS"),
        (330, 154, 10, "28 ZA des Quatre Vents"),
        (330, 168, 10, "69003 Lyon"),
        (50, 220, 14, "FACTURE N° FA-2026-0960"),
        *_TABLE,
        (50, 800, 7, footer),
    ]


# Class 1: a caption the labels only partly cover leaves a word's tail glued before the number.


def test_the_vat_number_after_an_abbreviated_intracommunity_caption() -> None:
    found = _parties(_french_invoice(
        "EURL au capital de 10 000 € - RCS Toulouse 770 654 267 - SIRET 77065426700093 - "
        "TVA intracom. FR17770654267"
    ))  # fmt: skip
    assert found["seller_vat_id"] == "FR17770654267"
    assert found["seller_siren"] == "770654267"


@pytest.mark.parametrize(
    ("text", "value"),
    [("com. FR17770654267", "FR17770654267"), ("comm.: FR 17 770654267", "FR17770654267"),
     ("/ VAT : FR35737579698", "FR35737579698")],
)  # fmt: skip
def test_a_valid_number_is_found_after_a_label_tail(text: str, value: str) -> None:
    found = find_labelled_vat(text)
    assert found is not None
    assert found[0] == value


# Class 2: OCR reads a zero as the letter O; the number's checksum says which reading was printed.


def test_a_letter_o_read_for_a_zero_is_repaired_when_the_checksum_agrees() -> None:
    found = _parties(_french_invoice("SARL au capital de 5 000 € - RCS Lyon - TVA : FRO4785351735"))
    assert found["seller_vat_id"] == "FR04785351735"


def test_no_repair_that_the_checksum_refuses() -> None:
    assert find_valid_vat("FRO4785351736") is None  # no reading of it passes: not a VAT number
    assert find_valid_vat("FROMAGERIE 1234") is None
    found = find_labelled_vat(": FRO4785351736")
    assert found is not None
    assert found[0] == "FRO4785351736"  # the printed shape, flagged by validation


# Class 3: a Swiss UID with dots, a hyphen and its register's suffix.


def test_a_swiss_uid_is_read_without_its_register_suffix() -> None:
    found = _parties([
        (50, 40, 16, "Atelier Rochat Sàrl"),
        (50, 60, 10, "Rue du Lac 28"),
        (50, 74, 10, "CH-2000 Genève"),
        (50, 88, 10, "IDE/TVA : CHE-173.798.357 TVA"),
        (330, 140, 10, "Hôtel Mercier SARL"),
        (330, 154, 10, "34 ZA des Quatre Vents"),
        (330, 168, 10, "59800 Lille"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_vat_id"] == "CHE173798357"
    assert check_vat_id("CHE173798357") is None
    assert check_vat_id("CHE173798358") is not None


# Class 4: buyer captions with their qualifier first, or their translation after a slash.


@pytest.mark.parametrize(
    "caption",
    ["DATOS DEL CLIENTE", "Datos del cliente:", "Données client", "Destinataire / Consignee",
     "Client / Customer", "Coordonnées du client"],
)  # fmt: skip
def test_buyer_captions(caption: str) -> None:
    assert anchor_role(caption) == "buyer"


def test_a_caption_with_a_number_or_a_long_tail_is_no_caption() -> None:
    assert anchor_role("Client / Projet Alpha 2") is None
    assert anchor_role("Détails de livraison") is None


@pytest.mark.parametrize(
    ("caption", "label", "number"),
    [("DATOS DEL CLIENTE", "NIF:", "ESB74535360"), ("Destinataire / Consignee", "VAT :", "DE158208734")],
)
def test_the_buyer_block_under_such_a_caption_names_the_buyer_and_holds_its_vat(
    caption: str, label: str, number: str
) -> None:
    found = _parties([
        (50, 40, 16, "Vignobles Vasseur SAS"),
        (50, 60, 10, "79 impasse des Artisans"),
        (50, 74, 10, "75011 Paris"),
        (50, 88, 10, "TVA / VAT : FR35737579698"),
        (50, 160, 10, caption),
        (50, 176, 10, "Delta Food GmbH"),
        (50, 190, 10, "Industriestraße 81"),
        (50, 204, 10, "50667 Köln"),
        (50, 218, 10, f"{label} {number}"),
        *_TABLE,
    ])  # fmt: skip
    assert found["buyer_name"] == "Delta Food GmbH"
    assert found["buyer_vat_id"] == number
    assert found["seller_vat_id"] == "FR35737579698"


# Class 5: a company's name wrapped on two letterhead lines, the legal form closing the second.


def _letterhead(first: tuple[float, str], second: tuple[float, str]) -> list[Text]:
    return [
        (first[0], 40, 16, first[1]),
        (second[0], 58, 16, second[1]),
        (50, 84, 9, "34 rue des Tanneurs"),
        (50, 96, 9, "31000 Toulouse"),
        (50, 108, 9, "Tél. 04 09 82 84 11"),
        (330, 150, 10, "Client"),
        (330, 164, 10, "Cabinet Bernard SAS"),
        (330, 178, 10, "28 ZA des Quatre Vents"),
        (330, 192, 10, "69003 Lyon"),
        *_TABLE,
    ]


def test_a_name_whose_form_closes_its_second_line() -> None:
    found = _parties(_letterhead((50, "Menuiserie"), (50, "Moreau & Fils EURL")))
    assert found["seller_name"] == "Menuiserie Moreau & Fils EURL"
    assert found["buyer_name"] == "Cabinet Bernard SAS"


def test_a_centred_name_on_two_lines() -> None:
    # "Bâtiment" centred over "Blanc & Fils SAS": their left edges differ, their centres agree.
    found = _parties(_letterhead((258, "Bâtiment"), (234, "Blanc & Fils SAS")))
    assert found["seller_name"] == "Bâtiment Blanc & Fils SAS"


def test_lines_that_do_not_start_a_name_are_not_joined() -> None:
    found = _parties(_letterhead((50, "Qualité 2026"), (50, "Moreau & Fils EURL")))
    assert found["seller_name"] == "Moreau & Fils EURL"


# Class 6: the tenant of a rental, the project owner of building works: the buyer's caption.


@pytest.mark.parametrize("caption", ["Locataire", "Maître d'ouvrage :", "Mieter", "Tenant", "Bauherr"])
def test_tenant_and_project_owner_captions_name_the_buyer(caption: str) -> None:
    found = _parties([
        (50, 40, 16, "Location Matériel Girard SAS"),
        (50, 60, 9, "1 rue des Tanneurs - 35000 Rennes"),
        (50, 72, 9, "Capital 5 000 EUR - SIREN 693 606 774 - TVA FR02693606774"),
        (50, 120, 10, caption),
        (50, 134, 10, "Terrassement Rousseau SARL"),
        (50, 148, 10, "58 rue des Tanneurs"),
        (50, 162, 10, "21000 Dijon"),
        *_TABLE,
    ])  # fmt: skip
    assert found["buyer_name"] == "Terrassement Rousseau SARL"
    assert found["seller_name"] == "Location Matériel Girard SAS"


# Class 7: what is not the seller's name: a dated field, a phone caption, a line item under the headings.


def test_a_seller_block_at_the_top_right_beside_dated_fields() -> None:
    # The seller's plain address block sits top right; the buyer has a caption of its own, so the block
    # is no recipient's window; "Date of issue January 7, 2026" is a field, never a name.
    found = _parties([
        (43, 37, 21, "Invoice"), (454, 38, 12, "Brightmetric, Inc."),
        (481, 56, 10, "Market Street 86"),
        (43, 67, 10, "Invoice number INV-FF0D-8000"), (480, 67, 10, "Austin, TX 78701"),
        (43, 78, 10, "Date of issue January 7, 2026"), (495, 78, 10, "United States"),
        (43, 126, 10, "Bill to"),
        (43, 140, 10, "Agence Rousseau SA"),
        (43, 152, 10, "21 chemin des Vignes"),
        (43, 164, 10, "44000 Nantes"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Brightmetric, Inc."
    assert found["buyer_name"] == "Agence Rousseau SA"


def test_a_phone_caption_is_no_name() -> None:
    found = _parties([
        (216, 52, 12, "Brasserie Dubois SARL"),
        (156, 73, 8, "81 rue de la République"),
        (156, 84, 8, "67000 Strasbourg"),
        (156, 95, 8, "Tél"), (185, 95, 8, ": 03 98 93 47 99"),
        (156, 120, 8, "SIRET : 68419363400087"),
        (156, 132, 8, "TVA : FR95684193634"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Brasserie Dubois SARL"


def test_a_line_item_under_the_table_headings_is_no_letterhead() -> None:
    found = _parties([
        (43, 37, 23, "pilotis"),
        (43, 84, 10, "Facture FAC-150754"), (354, 84, 9, "FACTURÉ À"),
        (354, 96, 10, "Agence Moreau SARL"),
        (354, 108, 10, "66 rue des Tanneurs"),
        (354, 120, 10, "35000 Rennes"),
        (47, 197, 10, "Description"), (363, 197, 10, "Qté"), (412, 197, 10, "Prix unitaire"),
        (513, 197, 10, "Montant"),
        (47, 221, 10, "Offre Business"), (368, 221, 10, "11"), (505, 221, 10, "2 739,00"),
        (43, 787, 8, "Pilotis SAS"), (107, 787, 8, "46 rue des Tanneurs, 29200 Brest"),
        (43, 798, 8, "Société par actions simplifiée au capital de 150 000 €"),
    ])  # fmt: skip
    assert found["seller_name"] == "Pilotis SAS"
    assert found["buyer_name"] == "Agence Moreau SARL"


def test_a_letter_spaced_title_read_in_pieces_is_no_name() -> None:
    found = _parties([
        (43, 48, 15, "T AX INV Ol CE"), (442, 48, 10, "Ashford Consulting Ltd"),
        (493, 65, 7, "Station Road 69"),
        (509, 77, 7, "Manchester"),
        (524, 88, 7, "M1 4BT"),
        (43, 94, 7, "Invoice to:"),
        (43, 106, 8, "Oakridge Homes Limited"),
        (43, 118, 7, "Station Road 35"),
        (43, 130, 7, "Manchester M1 4BT"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Ashford Consulting Ltd"
    for name in ("Bar & Co de la Mer SA", "J. P. Morgan SA", "S & P Global", "M. Dupont"):
        assert is_name_like(name), name


# Class 8: a line a blank line above an address block heads another block, not the address's name.


def test_a_line_set_apart_above_an_address_block_is_not_its_name() -> None:
    found = _parties([
        (216, 52, 12, "Brasserie Dubois SARL"),
        (156, 73, 9, "81 rue de la République"),
        (156, 85, 9, "67000 Strasbourg"),
        (156, 97, 9, "SIRET : 68419363400087"),
        (157, 158, 10, "FACTURE N° 202611-1845"),
        (157, 170, 10, "Le 16/11/2026 à 12h50"),
        (157, 182, 10, "Table 20 - 30 couverts"),
        (157, 206, 10, "Mutuelle Roussel SA"),
        (157, 218, 10, "34 rue de la République"),
        (157, 230, 10, "13008 Marseille"),
        *_TABLE,
    ])  # fmt: skip
    assert found["buyer_name"] == "Mutuelle Roussel SA"
    assert found["seller_name"] == "Brasserie Dubois SARL"


def test_a_contact_line_a_little_apart_stays_in_its_block() -> None:
    found = _parties([
        (43, 40, 16, "Menuiserie Moreau EURL"),
        (43, 86, 7, "34 rue des Tanneurs"),
        (43, 98, 7, "31000 Toulouse"),
        (43, 110, 7, "Tél. 04 09 82 84 11"),
        (326, 134, 8, "Cabinet Bernard SAS"),
        (327, 151, 7, "M. Petit"),
        (327, 163, 8, "28 ZA des Quatre Vents"),
        (327, 175, 8, "69003 Lyon"),
        *_TABLE,
    ])  # fmt: skip
    assert found["buyer_name"] == "Cabinet Bernard SAS"


def test_a_country_letter_read_as_a_digit_is_repaired_when_the_checksum_agrees() -> None:
    found = find_labelled_vat(" 1E5148068G")
    assert found is not None
    assert found[0] == "IE5148068G"
    assert find_labelled_vat(" 12345678901") is None


# Class 9: on a sparse scan few lines separate a buyer caption from the footer: the footer is the issuer's.


def test_the_footer_vat_number_is_the_sellers_on_a_sparse_page() -> None:
    found = _parties([
        (50, 40, 16, "Bureautique Barbier"),
        (50, 60, 9, "12 rue des Lilas"),
        (50, 72, 9, "67000 Strasbourg"),
        (326, 130, 9, "Client"),
        (326, 144, 9, "Cabinet Bernard SAS"),
        (326, 156, 9, "28 ZA des Quatre Vents"),
        (326, 168, 9, "69003 Lyon"),
        (326, 260, 9, "Total HT"), (500, 260, 9, "234,95 €"),
        (86, 809, 6, "SARL au capital de 5 000 € - RCS Strasbourg 539 223 677"),
        (330, 809, 6, "TVA intracom. FR06539223677"),
    ])  # fmt: skip
    assert found["seller_vat_id"] == "FR06539223677"
    assert "buyer_vat_id" not in found


def test_a_right_aligned_name_whose_form_is_on_its_own_line() -> None:
    # Flush right: "Cabinet Fontaine" over "SAS", their right edges aligned.
    found = _parties(_letterhead((449, "Cabinet Fontaine"), (553.3, "SAS")))
    assert found["seller_name"] == "Cabinet Fontaine SAS"


def test_ocr_line_heights_that_differ_with_the_letters_still_join() -> None:
    found = _parties([
        (43, 35, 10, "Plomberie Chauffage"),
        (43, 46, 8.2, "Roussel & Fils EURL"),
        (43, 65, 6.3, "12 rue des Tanneurs"),
        (43, 75, 6.2, "13008 Marseille"),
        (43, 85, 6.2, "01 12 36 47 88"),
        (326, 126, 8, "Client"),
        (326, 138, 8, "Cabinet dentaire Carpentier SCI"),
        (326, 150, 8, "5 rue des Lilas"),
        (326, 162, 8, "13001 Marseille"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Plomberie Chauffage Roussel & Fils EURL"


def test_an_e_mail_under_a_name_is_not_its_second_line() -> None:
    found = _parties([
        (263, 36, 22, "Invoice"),
        (72, 87, 10, "8636 Sentinel Place"), (451, 87, 10, "Jaxson Van Doorn"),
        (72, 102, 10, "North Saanich, BC V8L 4Z8"), (405, 102, 10, "jaxson.vandoorn@gmail.com"),
        (72, 139, 10, "Invoice To:"),
        (82, 159, 10, "Woofers Inc"),
        (82, 174, 10, "1234 Woof Street"),
        (82, 189, 10, "Dog City, BC"),
        *_TABLE,
    ])  # fmt: skip
    assert found.get("seller_name") != "Jaxson Van Doorn jaxson.vandoorn"


# Class 10: OCR sets a label's value on a line of its own at the same height ("... BIC" || ": GENODEF1S04").


def test_a_bic_read_on_a_line_of_its_own_beside_its_label() -> None:
    page = page_of(
        [(50, 40, 16, "Schreinerei Vogel GmbH"), (50, 60, 9, "Lindenweg 3, 80331 München"), *_TABLE]
    )
    # A scan's words as tesseract boxed them, the line slightly skewed: "... 93 · BIC GENODEF1S04".
    scanned = [
        ("Volksbank", 70.5, 518.0, 115.1, 525.5), ("-", 118.5, 521.5, 119.9, 522.7),
        ("IBAN", 123.7, 518.4, 146.1, 525.3), ("DE38", 149.7, 518.7, 172.5, 525.6),
        ("2803", 176.1, 518.5, 196.9, 525.5), ("2012", 200.6, 518.7, 221.0, 525.6),
        ("8668", 224.8, 518.8, 245.7, 525.7), ("0130", 249.3, 518.9, 269.9, 525.9),
        ("93", 273.5, 519.1, 283.4, 525.8), (":", 287.2, 522.1, 288.6, 523.3),
        ("BIC", 292.3, 519.3, 307.6, 526.0), ("GENODEF1S04", 311.2, 518.8, 378.9, 526.7),
    ]  # fmt: skip
    words = [*page.words, *(Word(*w) for w in scanned)]
    document = Document([PageText(1, words, "ocr", page.width, page.height)])
    found = {name: c.value for name, c in locate_parties(document).items()}
    assert found["seller_bic"] == "GENODEF1S04"
    assert found["seller_iban"] == "DE38280320128668013093"


# Class 11: a letter window whose street OCR lost: the town line a line further down still closes it.


def test_a_window_block_missing_its_street_line_names_the_buyer() -> None:
    found = _parties([
        (488, 35, 12, "BECKER"),
        (62, 134, 5.5, "Becker Medientechnik GmbH · Industriestraße 87 · 80331 München"),
        (62, 151, 10, "Wagner & Partner KG"),
        (62, 164, 8.3, "z. Hd. Frau Weber"),
        (127, 177, 8, "99"),
        (62, 190, 8.2, "10115 Berlin"),
        *_TABLE,
    ])  # fmt: skip
    assert found["buyer_name"] == "Wagner & Partner KG"
    assert found["seller_name"] == "Becker Medientechnik GmbH"
