"""The final pass over the party fields: each layout below is a class of invoicing software's page (two
captioned columns, blocks without captions, a contact over the company, a caption line over a name)."""

from __future__ import annotations

from ocr.candidates import Candidate
from ocr.document import Document
from ocr.parties import _vat_candidates
from ocr.party_roles import settle_roles
from ocr.party_sections import Sections
from tests.ocr.party_words import page_of, parties_of

# Check-digit-valid numbers (VAT keys and SIREN Luhn keys hold): the parser rejects invented ones.
SELLER_VAT, BUYER_VAT = "FR80722537826", "FR51991671850"


def test_a_vat_number_inside_the_buyers_address_block_is_the_buyers() -> None:
    """Two captioned columns side by side: the buyer's number sits under the buyer's name and address,
    the seller's in the footer's legal mentions, so the seller's caption reaching across is no evidence."""
    read = parties_of(
        [
            (28, 104, 9, "Émetteur:"),
            (289, 104, 9, "Adressé à:"),
            (34, 126, 10, "Atelier Castel"),
            (289, 126, 10, "Atelier Lemoine SA"),
            (34, 140, 9, "174 avenue Jean Jaurès"),
            (289, 140, 9, "158 rue des Lilas"),
            (34, 152, 9, "75011 Paris"),
            (289, 152, 9, "44000 Nantes"),
            (34, 163, 9, "Tél. : +33 8 88 88 35 68"),
            (289, 163, 9, f"N° TVA : {BUYER_VAT}"),
            (186, 797, 7, "SARL au capital de 37 000 € - SIRET : 72253782600074 - NAF-APE : 25.87C"),
            (217, 806, 7, f"RCS Paris 722537826 - Numéro TVA : {SELLER_VAT}"),
        ]
    )
    assert read["buyer_name"] == "Atelier Lemoine SA"
    assert read["buyer_vat_id"] == BUYER_VAT
    assert read["seller_vat_id"] == SELLER_VAT


def test_the_letterheads_number_says_which_block_is_the_seller() -> None:
    """No captions: the letterhead (name over its VAT number, contact lines) is the issuer's identity; the
    other block with its own VAT number and postal address is the buyer, whatever its size or place."""
    read = parties_of(
        [
            (170, 33, 9, "Bureau Lemoine SA"),
            (369, 33, 9, "143 allée des Érables"),
            (170, 45, 9, "N° TVA: FR43734123235"),
            (369, 45, 9, "13006 Marseille"),
            (170, 57, 9, "compta@lemoine.fr"),
            (43, 135, 9, "Numéro de facture"),
            (231, 135, 9, "INV-7858"),
            (340, 135, 10, "Maison Lemoine EURL"),
            (43, 149, 9, "Bon de commande"),
            (227, 149, 9, "BC395551"),
            (340, 148, 9, "N° TVA: FR90223829466"),
            (340, 160, 9, "167 rue de la République"),
            (340, 173, 9, "44000 Nantes"),
        ]
    )
    assert read["seller_name"] == "Bureau Lemoine SA"
    assert read["seller_vat_id"] == "FR43734123235"
    assert read["buyer_name"] == "Maison Lemoine EURL"
    assert read["buyer_vat_id"] == "FR90223829466"


def test_two_blocks_each_with_a_number_the_second_is_the_buyer() -> None:
    """The issuer's block flush left, the client's flush right, both with name, VAT number and address."""
    read = parties_of(
        [
            (43, 84, 9, "Studio Lemoine EURL"),
            (462, 84, 9, "Maison Rivière SASU"),
            (43, 96, 9, "N° TVA: FR61159976943"),
            (451, 96, 9, "N° TVA: FR11631873940"),
            (43, 108, 9, "118 allée des Érables"),
            (464, 108, 9, "95 chemin des Vignes"),
            (43, 120, 9, "67000 Strasbourg"),
            (506, 120, 9, "69003 Lyon"),
        ]
    )
    assert read["seller_name"] == "Studio Lemoine EURL"
    assert read["buyer_name"] == "Maison Rivière SASU"
    assert read["buyer_vat_id"] == "FR11631873940"


def test_a_caption_line_over_a_name_is_no_part_of_it() -> None:
    """ "Von" / "An" over the two parties' blocks: the caption words stay out of the names."""
    read = parties_of(
        [
            (43, 32, 14, "Rechnung"),
            (43, 78, 9, "An"),
            (349, 78, 9, "Von"),
            (43, 92, 9, "Druckerei Am Markt GmbH"),
            (349, 92, 9, "Ingenieurbüro Becker GmbH"),
            (43, 105, 9, "Lindenallee 141"),
            (349, 105, 9, "Industriestraße 54"),
            (43, 117, 9, "50667 Köln"),
            (349, 117, 9, "10115 Berlin"),
            (43, 130, 9, "USt-IdNr.: DE219205256"),
            (349, 130, 9, "USt-IdNr.: DE532593682"),
            (43, 781, 7, "Kontakt: Ingenieurbüro Becker GmbH – +49 30 75809966 – buchhaltung@becker.de"),
        ]
    )
    assert read["seller_name"] == "Ingenieurbüro Becker GmbH"
    assert read["buyer_name"] == "Druckerei Am Markt GmbH"


def test_a_contact_person_over_the_company_is_not_the_buyers_name() -> None:
    read = parties_of(
        [
            (435, 27, 11, "Maison des Tilleuls SAS"),
            (119, 100, 9, "Adresse de livraison"),
            (340, 100, 9, "Adresse de facturation"),
            (119, 115, 9, "Sophie Chevalier"),
            (340, 115, 9, "Sophie Chevalier"),
            (119, 126, 9, "Cabinet Castel SASU"),
            (340, 126, 9, "Cabinet Castel SASU"),
            (119, 136, 9, "58 allée des Érables"),
            (340, 136, 9, "58 allée des Érables"),
            (119, 147, 9, "31000 Toulouse"),
            (340, 147, 9, "31000 Toulouse"),
        ]
    )
    assert read["buyer_name"] == "Cabinet Castel SASU"


def test_the_buyer_is_the_addressed_block_that_is_not_the_sellers_identity() -> None:
    """The issuer in a one-line header and again in the footer under an "Adresse" heading; the client's
    block has no caption and its VAT number is a field of the invoice's details table."""
    read = parties_of(
        [
            (43, 27, 8, "Ets Rivière SASU – 79 allée des Érables – 35000 Rennes – N° TVA: FR38759665532"),
            (43, 112, 9, "Bureau des Tilleuls SA"),
            (340, 112, 9, "Date"),
            (510, 112, 9, "09/08/2026"),
            (43, 126, 9, "167 chemin des Vignes"),
            (340, 126, 9, "Numéro de facture"),
            (524, 126, 9, "260809"),
            (43, 139, 9, "31000 Toulouse"),
            (340, 139, 9, "N° TVA"),
            (489, 139, 9, "FR41471364364"),
            (43, 759, 7, "Adresse"),
            (43, 769, 7, "Ets Rivière SASU"),
            (43, 778, 7, "79 allée des Érables"),
            (43, 787, 7, "35000 Rennes"),
        ]
    )
    assert read["seller_name"] == "Ets Rivière SASU"
    assert read["seller_vat_id"] == "FR38759665532"
    assert read["buyer_name"] == "Bureau des Tilleuls SA"
    assert read["buyer_vat_id"] == "FR41471364364"


def test_a_name_that_starts_like_a_caption_keeps_it_on_one_line() -> None:
    """ "Van Dijk" printed on one line is a name: only a caption on a line of its own is dropped."""
    read = parties_of(
        [
            (43, 78, 9, "Factuur aan"),
            (43, 92, 9, "Van Dijk Transport B.V."),
            (43, 105, 9, "Kerkstraat 12"),
            (43, 117, 9, "1012 AB Amsterdam"),
        ]
    )
    assert read["buyer_name"] == "Van Dijk Transport B.V."


def test_a_seller_read_in_the_block_under_the_letterhead_is_set_right() -> None:
    """OCR's reading order gave the seller's name and number to the address block printed under the
    letterhead, and no buyer: the letterhead over it, with its own number, is the issuer."""
    document = Document(
        [
            page_of(
                [
                    (170, 33, 9, "Bureau Lemoine SA"),
                    (170, 45, 9, "N° TVA: FR43734123235"),
                    (170, 57, 9, "compta@lemoine.fr"),
                    (340, 135, 10, "Maison Lemoine EURL"),
                    (340, 148, 9, "N° TVA: FR90223829466"),
                    (340, 160, 9, "167 rue de la République"),
                    (340, 173, 9, "44000 Nantes"),
                ]
            )
        ]
    )
    lower = [line for line in document.lines if line.index in (3, 4)]
    name, vat = lower[0].phrases[0], lower[1].phrases[0]
    found = {
        "seller_name": Candidate("Maison Lemoine EURL", 0.8, name, 0, len(name.text), 3),
        "seller_vat_id": Candidate("FR90223829466", 0.8, vat, 8, len(vat.text), 4),
    }
    settle_roles(found, document, Sections(document), _vat_candidates)
    assert {k: c.value for k, c in found.items()} == {
        "seller_name": "Bureau Lemoine SA",
        "seller_vat_id": "FR43734123235",
        "buyer_name": "Maison Lemoine EURL",
        "buyer_vat_id": "FR90223829466",
    }


def test_a_caption_read_alone_as_a_name_gives_way_to_the_name_under_it() -> None:
    """OCR set the caption apart from its block and the seller's name came out as "Von"."""
    document = Document(
        [
            page_of(
                [
                    (349, 78, 9, "Von"),
                    (349, 92, 9, "Ingenieurbüro Becker GmbH"),
                    (349, 105, 9, "Industriestraße 54"),
                    (349, 117, 9, "10115 Berlin"),
                ]
            )
        ]
    )
    caption = document.lines[0].phrases[0]
    found = {"seller_name": Candidate("Von", 0.8, caption, 0, 3, 0)}
    settle_roles(found, document, Sections(document), _vat_candidates)
    assert found["seller_name"].value == "Ingenieurbüro Becker GmbH"


def test_the_sellers_own_address_block_is_never_taken_for_the_buyer() -> None:
    """A receipt with no buyer: the block under the logo spells the seller's name out; it is no recipient."""
    read = parties_of(
        [
            (43, 30, 20, "ACME"),
            (43, 80, 9, "Acme Services SAS"),
            (43, 92, 9, "12 rue des Lilas"),
            (43, 104, 9, "75011 Paris"),
            (43, 160, 14, "Ticket de caisse"),
        ]
    )
    assert read["seller_name"] == "Acme Services SAS"
    assert "buyer_name" not in read


def test_a_delivery_address_is_not_taken_for_the_missing_buyer() -> None:
    read = parties_of(
        [
            (43, 30, 20, "Carrefour Market"),
            (43, 50, 9, "Carrefour SAS - SIRET 65201405100047"),
            (300, 80, 9, "Adresse de livraison"),
            (300, 92, 9, "Jean Dupont"),
            (300, 104, 9, "12 rue des Lilas"),
            (300, 116, 9, "75011 Paris"),
            (43, 160, 14, "Facture"),
        ]
    )
    assert read["seller_name"] == "Carrefour SAS"
    assert "buyer_name" not in read


def test_a_swiss_uid_printed_with_its_hyphen_in_the_footer_is_the_sellers() -> None:
    """ "IDE : CHE-986.578.071 TVA" in the legal mentions, the client's own number in its address block."""
    read = parties_of(
        [
            (28, 104, 9, "Émetteur:"),
            (289, 104, 9, "Adressé à:"),
            (34, 126, 10, "Garage Rochat Sàrl"),
            (289, 126, 10, "Fiduciaire Chappuis Sàrl"),
            (34, 140, 9, "28 rue du Rhône"),
            (289, 140, 9, "86 avenue de la Gare"),
            (34, 152, 9, "1003 Lausanne"),
            (289, 152, 9, "2000 Neuchâtel"),
            (289, 163, 9, "N° TVA : CHE-086.378.745 TVA"),
            (197, 797, 7, "Sàrl - Registre du commerce du canton - IDE : CHE-986.578.071 TVA"),
        ]
    )
    assert read["seller_vat_id"] == "CHE986578071"
    assert read["buyer_vat_id"] == "CHE086378745"


def test_the_caption_over_an_address_block_says_whose_number_it_holds() -> None:
    """Group companies invoicing each other under one name: no name tells the blocks apart, the captions
    do. The national mentions in the footer ("RPM") hold the seller's own number."""
    read = parties_of(
        [
            (28, 104, 9, "Émetteur:"),
            (289, 104, 9, "Adressé à:"),
            (34, 126, 10, "Bureau des Ardennes SRL"),
            (289, 126, 10, "Bureau des Ardennes SRL"),
            (34, 140, 9, "103 rue Haute"),
            (289, 140, 9, "89 chaussée de Namur"),
            (34, 152, 9, "6000 Charleroi"),
            (289, 152, 9, "5000 Namur"),
            (34, 163, 9, "Tél. : +32 2 9075 48 12"),
            (289, 163, 9, "N° TVA : BE 0455.525.757"),
            (235, 806, 7, "RPM Charleroi - N° TVA : BE 0543.735.775"),
        ]
    )
    assert read["buyer_vat_id"] == "BE0455525757"
    assert read["seller_vat_id"] == "BE0543735775"
    assert read["buyer_name"] == read["seller_name"] == "Bureau des Ardennes SRL"
