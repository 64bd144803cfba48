"""Seller and buyer identifiers printed without the words the other layouts use (issue 15, round 2): a VAT
number in its national form after a label that names one country, a BIC printed with no label right after
the IBAN, the captions of a payment part and of a Quebec invoice. Words with positions in A4 points."""

from __future__ import annotations

from ocr.name_cleaning import clean_name, is_address_line
from ocr.national_vat import find_italian_vat, find_spanish_vat
from tests.ocr.party_words import Text
from tests.ocr.party_words import parties_of as _parties

_TABLE: list[Text] = [
    (50, 330, 10, "Descrizione"), (400, 330, 10, "Importo"),
    (50, 346, 10, "Carta patinata"), (400, 346, 10, "526,75"),
]  # fmt: skip


def test_italian_partita_iva_takes_its_country_prefix() -> None:
    found = _parties([
        (43, 37, 10, "Ferramenta Colombo S.p.A."), (320, 37, 10, "Spett.le"),
        (43, 49, 10, "Corso Francia 15"), (320, 49, 10, "Tipografia Bianchi S.n.c."),
        (43, 61, 10, "10138 Torino (TO)"), (320, 61, 10, "Corso Francia 15"),
        (43, 73, 10, "P.IVA 04007050240 - C.F. 04007050240"), (320, 78, 10, "10138 Torino (TO)"),
        (320, 91, 10, "P.IVA 07708030700"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_vat_id"] == "IT04007050240"
    assert found["buyer_vat_id"] == "IT07708030700"


def test_spanish_cif_takes_its_country_prefix() -> None:
    found = _parties([
        (43, 25, 14, "Talleres Ortega S.L.U."), (456, 25, 14, "FACTURA"),
        (43, 52, 9, "CIF: B00385674 · Polígono Las Quemadas, nave 7 · 14014 Córdoba"),
        (326, 110, 10, "CLIENTE"),
        (326, 124, 10, "Suministros Levante S.L."),
        (326, 138, 10, "46001 Valencia"),
        (326, 152, 10, "NIF/CIF: ESB66580861"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_vat_id"] == "ESB00385674"
    assert found["buyer_vat_id"] == "ESB66580861"


def test_a_national_number_whose_checksum_fails_is_not_a_vat_number() -> None:
    assert find_italian_vat(" 04007050241") is None
    assert find_spanish_vat(" B00385675") is None
    assert find_italian_vat(" 04007050240") == ("IT04007050240", 1, 12)


def test_unlabelled_bic_after_the_iban_of_its_country() -> None:
    found = _parties([
        (43, 37, 14, "Toiture Muller S.à r.l."),
        (57, 382, 9, "Payable à 30 jours, sur le compte LU06 4257 6549 0642 8017 (BCEELULL)."),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_iban"] == "LU064257654906428017"
    assert found["seller_bic"] == "BCEELULL"


def test_a_bank_code_of_another_country_after_the_iban_is_not_taken() -> None:
    found = _parties([
        (43, 37, 14, "Toiture Muller S.à r.l."),
        (57, 382, 9, "Sur le compte : FR76 0834 5389 1869 8114 3729 270 - BCEELULL"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_iban"] == "FR7608345389186981143729270"
    assert "seller_bic" not in found


def test_qr_bill_payer_caption_does_not_open_the_buyer_name() -> None:
    found = _parties([
        (57, 42, 10, "Keller Druck GmbH"), (57, 55, 10, "Rue du Rhône 14"), (57, 67, 10, "1204 Genève"),
        (334, 127, 10, "Brunner Haustechnik AG"), (334, 140, 10, "Rue du Rhône 14"),
        (334, 154, 10, "1204 Genève"),
        (57, 213, 12, "Rechnung Nr. R-2026-5207"),
        (14, 554, 11, "Empfangsschein"), (190, 554, 11, "Zahlteil"),
        (14, 576, 8, "Konto / Zahlbar an"), (340, 576, 8, "Zahlbar durch"),
        (14, 588, 8, "CH13 6199 2462 2070 1028 9"), (340, 588, 8, "Brunner Haustechnik AG"),
        (14, 600, 8, "Keller Druck GmbH"), (340, 600, 8, "1204 Genève"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Keller Druck GmbH"
    assert found["buyer_name"] == "Brunner Haustechnik AG"


def test_vendu_a_captions_the_buyer() -> None:
    found = _parties([
        (43, 43, 12, "Services Informatiques Bouchard inc."), (505, 43, 12, "FACTURE"),
        (43, 66, 9, "88, rue Racine"), (43, 78, 9, "Québec (Québec) G2B 1E1"),
        (43, 133, 10, "Vendu à :"),
        (43, 146, 10, "Plomberie Gagnon ltée"),
        (43, 159, 10, "88, rue Racine"),
        (43, 172, 10, "Québec (Québec) G2B 1E1"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Services Informatiques Bouchard inc."
    assert found["buyer_name"] == "Plomberie Gagnon ltée"


def test_uncaptioned_blocks_side_by_side_each_keep_their_vat_number() -> None:
    found = _parties([
        (43, 38, 12, "Lambert & Claes SA"), (43, 60, 9, "Kerkstraat 7"), (43, 72, 9, "9000 Gent"),
        (43, 84, 9, "TVA/BTW BE 0627.086.390"),
        (326, 104, 10, "Imprimerie Peeters NV"), (326, 118, 10, "Kerkstraat 7"), (326, 131, 10, "9000 Gent"),
        (326, 145, 10, "TVA/BTW BE0482658934"),
        (43, 185, 16, "FACTURE / FACTUUR"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Lambert & Claes SA"
    assert found["buyer_name"] == "Imprimerie Peeters NV"
    assert found["seller_vat_id"] == "BE0627086390"
    assert found["buyer_vat_id"] == "BE0482658934"


def test_a_locality_line_opens_an_address_not_a_name() -> None:
    assert is_address_line("Lieu-dit La Brosse")
    assert is_address_line("Zone artisanale des Prés")
    assert not is_address_line("Les Ateliers du Lieu")
    found = _parties([
        (220, 49, 10, "AGRIFOURNITURES DU PERCHE SCA"),
        (263, 60, 9, "Lieu-dit La Brosse"),
        (252, 71, 9, "28400 Nogent-le-Rotrou"),
        (251, 94, 9, "SIRET 82362611400073"),
        (198, 132, 9, "FACTURE SIMPLIFIEE"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "AGRIFOURNITURES DU PERCHE SCA"


def test_a_title_and_its_number_on_the_name_line_are_not_the_name() -> None:
    assert clean_name("Société Nouvelle des Fonderies d'Ardèche Facture n° INV-AA3B-9787") == (
        "Société Nouvelle des Fonderies d'Ardèche"
    )
    assert clean_name("Keller Druck GmbH Invoice") == "Keller Druck GmbH"


def test_a_logo_word_takes_the_letterhead_name_that_spells_it_out() -> None:
    found = _parties([
        (457, 32, 9, "Électricité Générale Moulin"),
        (43, 30, 20, "MOULIN"), (467, 44, 9, "87, avenue Jean Jaurès"),
        (511, 54, 9, "69007 Lyon"),
        (340, 118, 10, "Cabinet Brunet Conseil"), (340, 132, 10, "12 rue du Lac"),
        (340, 145, 10, "33520 Bruges"), (340, 173, 10, "N° TVA : FR86652443979"),
        (43, 215, 16, "Facture FAC/2026/87172"),
        (189, 792, 8, "00 19 67 37 21 contact@moulin.example www.moulin.example"),
        (213, 804, 8, "SIRET : 59862192800038 TVA : FR36598621928"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Électricité Générale Moulin"
    assert found["buyer_name"] == "Cabinet Brunet Conseil"


def test_unlabelled_bic_that_ocr_set_apart_after_a_dash() -> None:
    found = _parties([
        (43, 37, 14, "Toiture Muller S.à r.l."),
        (43, 539, 9, "Sur le compte : FR76 0834 5389 1869 8114 3729 270"), (300, 539, 9, "-"),
        (330, 539, 9, "CMCIFR2A"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_iban"] == "FR7608345389186981143729270"
    assert found["seller_bic"] == "CMCIFR2A"


def test_a_caption_with_its_value_after_the_colon_names_that_value_not_the_phrase_beside() -> None:
    found = _parties([
        (57, 44, 16, "Transports Garnier Frères"),
        (34, 77, 9, "3 bis chemin du Moulin"), (34, 89, 9, "07200 Aubenas"),
        (34, 190, 9, "Numéro de facture : 2025/055"),
        (34, 538, 8, "Transports Garnier Frères - SIREN 458629227 - TVA intracommunautaire FR20458629227"),
        (236, 568, 9, "- Coupon à joindre au règlement -"),
        (45, 603, 9, "Facture n° 2025/055"), (340, 603, 9, "Chèque à l'ordre de"),
        (45, 620, 9, "Client : Cabinet Brunet Conseil"), (340, 620, 9, "Transports Garnier Frères"),
        (340, 630, 9, "3 bis chemin du Moulin"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Transports Garnier Frères"
    assert found["buyer_name"] == "Cabinet Brunet Conseil"


def test_facturer_a_captions_the_buyer_over_the_guest_named_after_client_colon() -> None:
    found = _parties([
        (186, 32, 16, "Hôtel Beau Rivage SARL"),
        (161, 59, 9, "133 impasse des Artisans · 74000 Annecy · 05 42 61 68 18"),
        (43, 98, 10, "Facturer à"), (354, 98, 10, "Facture n° F851990"),
        (42, 112, 10, "Assurances Garnier SA"), (354, 112, 10, "Folio n° 45593"),
        (43, 124, 10, "26 rue des Quatre Vents"), (354, 124, 10, "Date : 17/11/2026"),
        (43, 136, 10, "33000 Bordeaux"), (354, 136, 10, "Chambre 204"),
        (43, 148, 10, "TVA : FR50611630732"), (354, 148, 10, "Arrivée : 15/11/2026"),
        (354, 169, 10, "Client : M. Kaplan"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Hôtel Beau Rivage SARL"
    assert found["buyer_name"] == "Assurances Garnier SA"
    assert found["buyer_vat_id"] == "FR50611630732"
