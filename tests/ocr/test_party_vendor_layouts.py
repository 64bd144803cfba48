"""Parties on layouts that big vendors and home-made templates print: a utility's or a carrier's table under
the buyer's window block, "De / Pour" blocks, a marketplace's "Vendu par", a "Details" heading over the
seller's block. Words with positions, as a text layer gives them; names invented for the tests."""

from __future__ import annotations

import pytest

from tests.ocr.party_words import Text, parties_of

_LETTERHEAD: list[Text] = [
    (43, 44, 14, "Lumen Réseaux SAS"),
    (340, 100, 10, "Atelier Quintal SARL"),
    (340, 112, 10, "8 rue des Forges"),
    (340, 124, 10, "44000 Nantes"),
    (43, 145, 10, "Référence client"),
    (162, 145, 10, "5 181 559 208"),
    (43, 800, 7, "Lumen Réseaux SAS au capital de 1 000 € - RCS Lille 990 052 052 - SIRET 99005205200075"),
]


@pytest.mark.parametrize(
    "table",
    [
        # A meter reading: an index and its kind read like a postcode and a town ("27138 relevé réel").
        [(47, 247, 10, "Date"), (186, 247, 10, "Index Type"),
         (47, 263, 10, "28/09/2025"), (185, 263, 10, "27138 relevé réel"),
         (47, 277, 10, "28/12/2025"), (185, 277, 10, "47883 estimé")],
        # A carrier's consignments: a weight reads like one too ("Messagerie 1377 Kg").
        [(47, 247, 10, "Prestation"), (432, 247, 10, "TVA"), (505, 247, 10, "Montant HT"),
         (47, 263, 10, "Messagerie 1377 Kg"), (431, 263, 10, "20 %"), (518, 263, 10, "151,83 €"),
         (47, 277, 10, "Messagerie 931 kg"), (431, 277, 10, "20 %"), (518, 277, 10, "352,36 €")],
    ],
    ids=["meter-readings", "consignments"],
)  # fmt: skip
def test_a_table_heading_over_rows_like_towns_is_no_buyer(table: list[Text]) -> None:
    found = parties_of([*_LETTERHEAD, *table])
    assert found["buyer_name"] == "Atelier Quintal SARL"
    assert found["seller_name"] == "Lumen Réseaux SAS"


@pytest.mark.parametrize(
    ("from_", "for_"), [("De", "Pour"), ("From", "For"), ("Von", "Für"), ("De", "Para"), ("Van", "Aan")]
)
def test_from_and_for_blocks_name_the_parties(from_: str, for_: str) -> None:
    found = parties_of([
        (43, 47, 16, "Facture n° F-202603-001"),
        (43, 128, 10, from_), (312, 128, 10, for_),
        (43, 142, 10, "Studio Marchal SA"), (312, 142, 10, "Atelier Garnier SARL"),
        (43, 154, 10, "125 avenue Jean Jaurès"), (312, 154, 10, "5 chemin du Moulin"),
        (43, 166, 10, "67000 Strasbourg"), (312, 166, 10, "69003 Lyon"),
        (43, 178, 10, "SIREN 211264593"), (312, 178, 10, "SIREN 798314829"),
    ])  # fmt: skip
    assert found["seller_name"] == "Studio Marchal SA"
    assert found["buyer_name"] == "Atelier Garnier SARL"
    assert (found["seller_siren"], found["buyer_siren"]) == ("211264593", "798314829")


@pytest.mark.parametrize("sold_by", ["Vendu par", "Sold by", "Verkauft von", "Billed by", "Facturé par"])
def test_a_marketplace_seller_is_named_without_its_caption(sold_by: str) -> None:
    found = parties_of([
        (43, 34, 14, "market.example"), (495, 34, 14, "Facture"),
        (43, 88, 10, f"{sold_by} Atelier des Lilas SARL"),
        (43, 100, 10, "42 route de Lyon"),
        (43, 112, 10, "13008 Marseille"),
        (43, 124, 10, "TVA FR38217713437"),
        (43, 168, 10, "Adresse de facturation"),
        (43, 180, 10, "Ateliers Bréhat EURL"),
        (43, 192, 10, "158 rue Pasteur"),
        (43, 204, 10, "31000 Toulouse"),
    ])  # fmt: skip
    assert found["seller_name"] == "Atelier des Lilas SARL"
    assert found["buyer_name"] == "Ateliers Bréhat EURL"


@pytest.mark.parametrize("heading", ["Détails", "Details", "Informations", "Dettagli"])
def test_a_details_heading_is_not_the_start_of_the_seller_name(heading: str) -> None:
    found = parties_of([
        (43, 38, 16, "Facture"),
        (340, 88, 10, "Facturer à"),
        (340, 100, 10, "Studio du Levant SASU"),
        (340, 112, 10, "35 quai Saint-Vincent"),
        (340, 124, 10, "44000 Nantes"),
        (43, 168, 10, heading),
        (43, 180, 10, "Nimbus Ireland Limited"),
        (43, 192, 10, "Gordon House, Barrow Street"),
        (43, 204, 10, "Dublin 4, Irlande"),
        (43, 216, 10, "N° de TVA : IE2316358A"),
    ])  # fmt: skip
    assert found["seller_name"] == "Nimbus Ireland Limited"
    assert found["buyer_name"] == "Studio du Levant SASU"


@pytest.mark.parametrize(
    ("label", "number"), [("SIREN client", "487 499 436"), ("SIRET du client", "48749943600017")]
)
def test_a_company_number_labelled_as_the_customers_is_the_buyers(label: str, number: str) -> None:
    found = parties_of([
        (77, 64, 18, "CABINET"),
        (369, 97, 10, "Date de facture"), (510, 97, 10, "09.03.2026"),
        (43, 132, 10, "Groupe Vautrin SAS"),
        (369, 139, 10, "Votre référence"), (483, 139, 10, "Commande 533-D"),
        (43, 144, 10, "30 avenue Jean Jaurès"),
        (43, 153, 10, "33000 Bordeaux"), (369, 153, 10, label), (480, 153, 10, number),
        (43, 780, 8, "Cabinet Montclair SAS - SIRET 34255042300019"),
    ])  # fmt: skip
    assert found["buyer_siren"] == "487499436"
    assert found["seller_siren"] == "342550423"


@pytest.mark.parametrize(("issuer", "recipient"), [("ÉMETTEUR", "DESTINATAIRE"), ("Fournisseur", "Client")])
def test_captions_centred_over_blocks_set_flush_left(issuer: str, recipient: str) -> None:
    found = parties_of([
        (141, 49, 11, issuer), (400, 49, 11, recipient),
        (51, 72, 10, "Maison Poulain EURL"), (320, 72, 10, "Groupe des Lilas SAS"),
        (51, 84, 10, "126 rue Pasteur"), (320, 84, 10, "43 avenue Jean Jaurès"),
        (51, 96, 10, "31000 Toulouse"), (320, 96, 10, "31000 Toulouse"),
        (51, 108, 10, "+33 8 40 72 43 74"), (320, 108, 10, "+33 1 30 15 13 79"),
        (235, 180, 16, "FACTURE N° 141"),
    ])  # fmt: skip
    assert (found["seller_name"], found["buyer_name"]) == ("Maison Poulain EURL", "Groupe des Lilas SAS")


@pytest.mark.parametrize("logo", ["COMPTOIR.com", "LUMEN.fr"])
def test_a_web_address_logo_gives_way_to_the_legal_name(logo: str) -> None:
    found = parties_of([
        (43, 41, 16, logo), (340, 41, 14, "FACTURE"),
        (43, 69, 10, "168 rue de la République"),
        (43, 81, 10, "33000 Bordeaux"),
        (43, 93, 10, "Service client : +33 9 09 86 20 03"),
        (43, 156, 10, "Adresse de facturation"),
        (43, 168, 10, "Cabinet Poulain SARL"),
        (43, 180, 10, "178 chemin du Moulin"),
        (43, 192, 10, "06000 Nice"),
        (99, 810, 7, "Comptoir Montclair EURL - SA au capital de 37 000 € - RCS Bordeaux 543 121 263"),
    ])  # fmt: skip
    assert found["seller_name"] == "Comptoir Montclair EURL"
    assert found["buyer_name"] == "Cabinet Poulain SARL"


def test_a_letterhead_name_set_flush_right_keeps_its_form_on_the_next_line() -> None:
    found = parties_of([
        (449, 38, 16, "Cabinet Fontaine"),
        (553.3, 55, 16, "SAS"),
        (476, 73, 10, "26 impasse des Artisans"),
        (509, 84, 10, "44000 Nantes"),
        (43, 141, 10, "Client :"),
        (43, 153, 10, "Transports Bonnet SA"),
        (43, 165, 10, "36 chemin des Vignes"),
        (43, 177, 10, "29200 Brest"),
    ])  # fmt: skip
    assert found["seller_name"] == "Cabinet Fontaine SAS"
    assert found["buyer_name"] == "Transports Bonnet SA"


@pytest.mark.parametrize(
    ("head", "seller"), [("Studio Horizon SARL", "Studio Horizon SARL"), ("Meisterbetrieb", None)]
)
def test_a_footer_name_heads_its_address_when_ocr_set_the_separators_apart(
    head: str, seller: str | None
) -> None:
    # OCR reads "Name - street - town" as phrases of their own; only a name its legal form closes is the
    # issuer's there, a tagline ("Meisterbetrieb") heads such a run as well.
    found = parties_of([
        (496, 36, 14, "FACTURE"),
        (312, 120, 10, "Adresse de facturation"),
        (312, 134, 10, "Antoine Fontaine"),
        (312, 146, 10, "97 chemin des Vignes"),
        (312, 158, 10, "13006 Marseille"),
        (150, 766, 8, head), (262, 766, 8, "-"), (280, 766, 8, "5 boulevard Voltaire"),
        (380, 766, 8, "-"), (398, 766, 8, "67000 Strasbourg"),
        (207, 775, 8, "Pour toute assistance, merci de contacter le support :"),
    ])  # fmt: skip
    assert found.get("seller_name") == seller
    assert found["buyer_name"] == "Antoine Fontaine"


def test_a_weight_in_a_table_row_is_no_postcode_and_town() -> None:
    # No heading over the rows here (set in a band of its own): "2093 kg" must not close an address block.
    rows = [(64, 248 + 14 * i, 10, f"Messagerie {w} kg") for i, w in enumerate((662, 2093, 472, 1937, 613))]
    found = parties_of([
        *_LETTERHEAD,
        *rows,
        *[(448, y, 10, "20 %") for _, y, _, _ in rows],
        *[(535, y, 10, "124,71 €") for _, y, _, _ in rows],
    ])  # fmt: skip
    assert found["buyer_name"] == "Atelier Quintal SARL"


@pytest.mark.parametrize("caption", ["Bank account:", "Compte bancaire :", "Kontonummer:"])
def test_an_iban_after_the_accounts_caption_is_repaired_by_its_checksum(caption: str) -> None:
    # OCR read the check digits' 0 as an O ("GBO2"): only a label says an IBAN is there to be repaired.
    found = parties_of([
        (43, 44, 14, "Harbor Analytics Ltd"),
        (75, 220, 10, f"{caption} GBO2NWBK60161382173887"),
        (75, 232, 10, "SWIFT: NWBKGB2LXXX"),
    ])  # fmt: skip
    assert found["seller_iban"] == "GB02NWBK60161382173887"


def _wholesaler(caption: str, value: str) -> list[Text]:
    return [
        (54, 36, 12, "Maison Garnier SARL"), (332, 43, 16, "FACTURE"),
        (53, 57, 10, "Agence Marseille"),
        (54, 69, 10, "131 chemin du Moulin"), (331, 66, 10, "N°"), (402, 66, 10, "F9-674512"),
        (54, 78, 10, "13008 Marseille"), (331, 78, 10, "Date"), (402, 78, 10, "21/10/2025"),
        (53, 90, 10, "Tél. +33 2 98 01 07 64"), (331, 90, 10, "Code client"), (402, 90, 10, "C254001"),
        (323, 122, 10, "Groupe Lefèvre & Fils EURL"),
        (53, 134, 10, "Votre commande"), (147, 134, 10, "CDE 29873"), (323, 134, 10, "10 rue de la Paix"),
        (53, 146, 10, caption), (147, 146, 10, value), (322, 146, 10, "31000 Toulouse"),
        (53, 162, 10, "Mode de livraison"), (147, 162, 10, "Livré chantier"),
        (100, 780, 7, "Maison Garnier SARL au capital de 50 000 € - RCS Marseille 123 456 789"),
    ]  # fmt: skip


def test_a_salesperson_in_a_grid_of_fields_is_neither_party() -> None:
    # "Vendeur" is the seller in a caption over a block, the salesperson as one field of a grid.
    found = parties_of(_wholesaler("Vendeur", "Oliver Smith"))
    assert (found["seller_name"], found["buyer_name"]) == (
        "Maison Garnier SARL",
        "Groupe Lefèvre & Fils EURL",
    )


def test_a_company_beside_its_caption_in_a_grid_is_still_the_seller() -> None:
    found = parties_of(_wholesaler("Fournisseur", "Comptoir Azur SAS"))
    assert found["seller_name"] == "Comptoir Azur SAS"


@pytest.mark.parametrize(
    ("printed", "expected"), [("FI R83538323478", "FR83538323478"), ("FI R84538323478", None)]
)
def test_a_french_vat_number_whose_prefix_ocr_split_is_restored_by_its_key(
    printed: str, expected: str | None
) -> None:
    # "FR" read "FI R": the key and the SIREN the SIRET agrees on vouch for the French number; a key that
    # does not fit the SIREN leaves the number as read.
    found = parties_of([
        (43, 44, 14, "Atelier Lefèvre & Fils SA"),
        (86, 800, 7, "Atelier Lefèvre & Fils SA au capital de 37 000 €"), (229, 800, 7, "-"),
        (240, 800, 7, "SIRET 53832347800056"), (330, 800, 7, "-"),
        (340, 800, 7, f"N° TVA intracommunautaire {printed}"),
    ])  # fmt: skip
    assert found["seller_siret"] == "53832347800056"
    assert (
        (found.get("seller_vat_id") == expected)
        if expected
        else found.get("seller_vat_id") != "FR83538323478"
    )
