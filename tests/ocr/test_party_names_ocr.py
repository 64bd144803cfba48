"""Seller and buyer names on scans and photos: classes of layout where OCR (or the way a letterhead is set)
hid the name that the page prints. Words with positions in A4 points, y from the top."""

from __future__ import annotations

from ocr.document import Document
from ocr.layout import PageText, Word
from ocr.name_cleaning import clean_name, has_contact, with_form_read_right
from ocr.parties import is_name_like, locate_parties
from ocr.party_sections import anchor_role
from tests.ocr.party_words import Text
from tests.ocr.party_words import parties_of as _parties

_ITEMS: list[Text] = [
    (50, 330, 10, "Description"), (300, 330, 10, "Quantité"), (400, 330, 10, "Prix"),
    (500, 330, 10, "Montant"),
    (50, 346, 10, "Panneau OSB 18 mm"), (300, 346, 10, "5"), (400, 346, 10, "100,00"),
    (500, 346, 10, "500,00"),
    (400, 600, 10, "Total HT"), (500, 600, 10, "500,00"),
    (400, 614, 10, "Total TTC"), (500, 614, 10, "600,00"),
]  # fmt: skip


def _width(size: float, text: str) -> float:
    """The width `page_of` gives a line of text (Helvetica-like, one space between words)."""
    tokens = text.split()
    return sum(0.52 * size * len(t) for t in tokens) + 0.28 * size * (len(tokens) - 1)


def _flush_right(right: float, y: float, size: float, text: str) -> Text:
    return (right - _width(size, text), y, size, text)


def _centred(middle: float, y: float, size: float, text: str) -> Text:
    return (middle - _width(size, text) / 2, y, size, text)


# Class 1: a letterhead set flush right or centred is one block, so its details (phone, identifiers)
# show it is the issuer's identity and not a bare recipient's address.


def test_a_flush_right_letterhead_names_the_seller_over_an_uncaptioned_buyer_block() -> None:
    found = _parties([
        _flush_right(550, 34, 10, "Jansen Transport B.V."),
        _flush_right(550, 46, 10, "Keizersgracht 112"),
        _flush_right(550, 58, 10, "1015 CV Amsterdam"),
        _flush_right(550, 70, 10, "KvK 82279775"),
        (57, 132, 10, "Bakkerij De Molen V.O.F."),
        (57, 146, 10, "Molenstraat 4"),
        (57, 160, 10, "3511 AB Utrecht"),
        (57, 200, 14, "Factuur"),
        *_ITEMS,
    ])  # fmt: skip
    assert found["seller_name"] == "Jansen Transport B.V."
    assert found["buyer_name"] == "Bakkerij De Molen V.O.F."


def test_a_flush_right_letterhead_with_a_phone_line_keeps_its_name_over_its_tagline() -> None:
    found = _parties([
        (43, 41, 10, "Facture n° 838550"),
        _flush_right(553, 37, 16, "Garage Bernard Automobiles"),
        _flush_right(553, 61, 10, "129 chemin des Vignes"),
        _flush_right(553, 73, 10, "35000 Rennes"),
        _flush_right(553, 85, 10, "Tél 04 38 91 84 10"),
        _flush_right(553, 97, 10, "Agréé toutes marques"),
        (43, 135, 10, "Taxis Marchand SARL"),
        (43, 149, 10, "42 ZA des Quatre Vents"),
        (43, 161, 10, "31000 Toulouse"),
        *_ITEMS,
    ])  # fmt: skip
    assert found["seller_name"] == "Garage Bernard Automobiles"
    assert found["buyer_name"] == "Taxis Marchand SARL"


def test_a_centred_till_letterhead_names_the_seller_not_the_receipt_title() -> None:
    found = _parties([
        _centred(298, 49, 10, "MENUISERIE RABIER ET FILS SARL"),
        _centred(298, 60, 10, "Parc d'activités du Lac, bât. C"),
        _centred(298, 71, 10, "33520 Bruges"),
        _centred(298, 83, 10, "Tel 01 22 31 56 03"),
        _centred(298, 94, 10, "SIRET 54158051000074"),
        (198, 132, 10, "FACTURE SIMPLIFIEE"),
        (198, 143, 10, "No T055-796167"),
        (198, 155, 10, "27/01/2026 10:01"), (356, 155, 10, "Caisse 3"),
        (198, 175, 10, "Vis inox A2 6x40"),
        *_ITEMS,
    ])  # fmt: skip
    assert found["seller_name"] == "MENUISERIE RABIER ET FILS SARL"


# Class 2: a document title with its qualifier ("FACTURE SIMPLIFIEE", "Invoice copy") is a title whole: no
# word of it is a name.


def test_a_qualified_title_leaves_no_name() -> None:
    for title in ("FACTURE SIMPLIFIEE", "Facture simplifiée", "Facture rectificative", "Invoice copy",
                  "Facture pro forma", "Fattura differita"):  # fmt: skip
        assert not is_name_like(clean_name(title)), title
    assert clean_name("Facture Dupont SARL") == "Dupont SARL"  # a name after the bare title stays


def test_a_phone_word_straight_before_its_number_is_a_contact() -> None:
    assert has_contact("Tél 04 38 91 84 10")
    assert has_contact("Tel. 01 22 31 56 03")
    assert clean_name("Garage Bernard Tél 04 38 91 84 10") == "Garage Bernard"
    assert not has_contact("Téléphonie Martin SARL")


# Class 3: OCR boxes a misread separator ("·" read as a tall "-") higher than the line's type; the sender
# line above an envelope window is still the smaller print, so the window block is the buyer.


def _line(x: float, y: float, size: float, text: str, tall: dict[str, float] | None = None) -> list[Word]:
    words: list[Word] = []
    for token in text.split():
        width = 0.52 * size * len(token)
        height = (tall or {}).get(token, size)
        words.append(Word(token, x, y + size - height, x + width, y + size))
        x += width + 0.28 * size
    return words


def test_a_sender_line_with_a_tall_misread_separator_still_heads_the_window() -> None:
    words = [
        *_line(412, 59, 10, "Bäckerei Hoffmann KG"),
        *_line(57, 147, 5, "Bäckerei Hoffmann KG - Industriestraße 14 - 70565 Stuttgart", {"-": 10.0}),
        *_line(57, 166, 8, "Weber Elektro GmbH & Co. KG"),
        *_line(57, 179, 8, "Lindenweg 27a"),
        *_line(57, 192, 8, "90431 Nürnberg"),
        *_line(58, 280, 14, "Rechnung"),
        # The footer repeats the issuer's address, its umlaut lost to OCR: a block of its own.
        *_line(58, 770, 6, "Backerei Hoffmann KG"),
        *_line(58, 778, 6, "Industriestraße 14"),
        *_line(58, 786, 6, "70565 Stuttgart"),
    ]
    found = locate_parties(Document([PageText(1, words, "ocr", 595.0, 842.0)]))
    assert found["seller_name"].value == "Bäckerei Hoffmann KG"
    assert found["buyer_name"].value == "Weber Elektro GmbH & Co. KG"


# Class 4: a footer's legal mentions whose separators OCR set apart ("Name || - || SAS au capital ... ||
# - || TVA FR..."): the name heading them is the issuer's, and the line holding the seller's own VAT number
# makes it so over a tagline at the top whose name line OCR garbled.


def _vat(siren: str) -> str:
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def _footer(y: float, pieces: list[str]) -> list[Text]:
    line: list[Text] = []
    x = 80.0
    for piece in pieces:
        line.append((x, y, 6, piece))
        x += _width(6, piece) + 12
    return line


def test_a_name_heading_split_legal_mentions_beside_the_vat_number_names_the_seller() -> None:
    found = _parties([
        (76, 49, 14, "Société Nouvelle des Fonderies d'Ardè chere n° INV-AA3B-9787"),
        (76, 73, 8, "Solutions d'hébergement professionnelles"),
        (363, 64, 8, "Date : 08.01.2026"),
        (76, 140, 8, "Client"),
        (76, 153, 8, "Imprimerie Delorme SAS"),
        (76, 166, 8, "3 bis chemin du Moulin"),
        (76, 179, 8, "07200 Aubenas"),
        *_ITEMS,
        *_footer(777, ["Société Nouvelle des Fonderies d'Ardèche", "-", "SAS au capital de 120 000 €", "-",
                       "RCS Lyon 552100554", "-", f"TVA {_vat('552100554')}"]),
    ])  # fmt: skip
    assert found["seller_vat_id"] == _vat("552100554")
    assert found["seller_name"] == "Société Nouvelle des Fonderies d'Ardèche"
    assert found["buyer_name"] == "Imprimerie Delorme SAS"


# Class 5: OCR lost the end of the letterhead's line (an accented letter misread, the rest dropped): the
# name another place prints in full, starting with every letter of the cut one, is the name.


def test_a_letterhead_name_cut_by_ocr_takes_the_full_name_of_the_legal_mentions() -> None:
    found = _parties([
        (74, 49, 14, "Société Nouvelle des Fonderies d'Ardè"), (382, 48, 8, "n° INV-AA3B-9787"),
        (74, 70, 8, "Solutions d'hébergement professionnelles"),
        (74, 136, 8, "Client"),
        (74, 148, 8, "Atelier Lemarchand SARL"),
        (74, 160, 8, "87, avenue Jean Jaurès"),
        (74, 173, 8, "69007 Lyon"),
        *_ITEMS,
        *_footer(777, ["Société Nouvelle des Fonderies d'Ardèche", "-", "SAS au capital de 120 000 €", "-",
                       "RCS Lyon 552100554", "-", f"TVA {_vat('552100554')}"]),
    ])  # fmt: skip
    assert found["seller_name"] == "Société Nouvelle des Fonderies d'Ardèche"
    assert found["buyer_name"] == "Atelier Lemarchand SARL"


# Class 6: OCR broke a word of the name with a space in one place ("Lemar chand") and read it whole in
# another: the spelling without the break is the name.


def test_a_name_broken_by_a_space_in_one_place_is_read_whole() -> None:
    found = _parties([
        _flush_right(537, 45, 8, "Atelier Lemarchand GmbH"),
        _flush_right(537, 57, 8, "87, avenue Jean Jaurès"),
        _flush_right(537, 68, 8, "69007 Lyon"),
        _flush_right(537, 79, 8, "Tél. 04 00 56 73 06"),
        (39, 117, 8, "Adresse de facturation"),
        (38, 129, 8, "Transports Garnier Frères"),
        (38, 141, 8, "ZI des Sables"),
        (38, 154, 8, "44300 Nantes"),
        *_ITEMS,
        *_footer(777, ["Atelier Lemar chand GmbH", "-", "SIRET 55210055400013", "-",
                       f"TVA {_vat('552100554')}"]),
    ])  # fmt: skip
    assert found["seller_name"] == "Atelier Lemarchand GmbH"
    assert found["buyer_name"] == "Transports Garnier Frères"


# Class 7: OCR broke the buyer's caption with a space ("Spett.l e", "Cli ent"): it still opens the buyer's
# block, so the block's name is the buyer's and the seller is not taken from it.


def test_a_caption_broken_by_ocr_still_opens_the_buyers_block() -> None:
    found = _parties([
        (59, 39, 8, "Ferramenta Colombo S.p.A."), (337, 41, 8, "Spett.l e"),
        (59, 51, 8, "Via Emilia 221"), (337, 54, 8, "Tipografia Bianchi S.n.c."),
        (59, 62, 8, "40068 San Lazzaro di Savena (BO)"), (337, 67, 8, "Via Roma 16"),
        (337, 79, 8, "20121 Milano"),
        (59, 155, 12, "FATTURA N. 916/2026 del 26/03/2026"),
        *_ITEMS,
    ])  # fmt: skip
    assert found["seller_name"] == "Ferramenta Colombo S.p.A."
    assert found["buyer_name"] == "Tipografia Bianchi S.n.c."


def test_a_broken_caption_is_joined_only_when_short_and_never_makes_a_name_a_caption() -> None:
    assert anchor_role("Spett.l e") == "buyer"
    assert anchor_role("Cli ent") == "buyer"
    assert anchor_role("Spett.l le") == "buyer"  # the letter at the break read twice
    assert anchor_role("Jean Le Client") is None
    assert is_name_like("Bianchi Cli SRL")


# Class 8: a logo set with wide letter spacing, which OCR reads letter by letter ("M O U LI N"): the word
# joined is the logo, spelled out by the letterhead's name line.


def test_a_letter_spaced_logo_leads_to_the_letterhead_name_it_stands_for() -> None:
    found = _parties([
        _flush_right(566, 32, 8, "Électricité Générale Moulin"),
        (57, 42, 15, "M O U LI N"), _flush_right(566, 45, 8, "87, avenue Jean Jaurès"),
        _flush_right(566, 56, 8, "69007 Lyon"),
        _flush_right(566, 66, 8, "France"),
        (354, 120, 9, "Cabinet Brunet Conseil"),
        (354, 134, 9, "Parc d'activités du Lac, bât. C"),
        (354, 147, 9, "33520 Bruges"),
        (354, 161, 9, "France"),
        (57, 219, 15, "Facture FAC/2026/87172"),
        *_ITEMS,
    ])  # fmt: skip
    assert found["seller_name"] == "Électricité Générale Moulin"
    assert found["buyer_name"] == "Cabinet Brunet Conseil"


def test_a_spaced_out_title_is_no_logo() -> None:
    found = _parties([
        (57, 42, 15, "F A C T U R E"),
        (354, 120, 9, "Cabinet Brunet Conseil"),
        (354, 134, 9, "Parc d'activités du Lac, bât. C"),
        (354, 147, 9, "33520 Bruges"),
        *_ITEMS,
    ])  # fmt: skip
    assert found.get("seller_name") != "FACTURE"


# Class 9: a name wrapped with its end set smaller ("Menuiserie Rabier" / "et Fils SARL"), another column's
# line between them: a line that opens on a connector and ends with a legal form ends the name above.


def test_a_smaller_line_opening_on_a_connector_and_closed_by_a_form_ends_the_name() -> None:
    found = _parties([
        (405, 31, 14, "FACTURE"),
        (40, 37, 17, "Menuiserie Rabier"),
        (405, 53, 8, "N° 67286"),
        (40, 60, 10, "et Fils SARL"),
        (40, 72, 10, "ZI des Sables, 4 allée Volta"),
        (40, 84, 10, "44300 Nantes"),
        (40, 96, 10, "Tél. 02 56 60 01 04"),
        (401, 111, 6, "DESTINATAIRE"),
        (405, 122, 10, "Cabinet Brunet Conseil"),
        (405, 134, 10, "12 rue des Lilas"),
        (405, 146, 10, "33000 Bordeaux"),
        *_ITEMS,
    ])  # fmt: skip
    assert found["seller_name"] == "Menuiserie Rabier et Fils SARL"
    assert found["buyer_name"] == "Cabinet Brunet Conseil"


def test_a_smaller_tagline_under_a_name_stays_apart() -> None:
    found = _parties([
        (40, 37, 17, "Menuiserie Rabier"),
        (40, 60, 10, "Agencement et rénovation"),
        (40, 72, 10, "ZI des Sables, 4 allée Volta"),
        (40, 84, 10, "44300 Nantes"),
        (40, 96, 10, "Tél. 02 56 60 01 04"),
        (405, 111, 8, "Client"),
        (405, 122, 10, "Cabinet Brunet Conseil"),
        *_ITEMS,
    ])  # fmt: skip
    assert found["seller_name"] == "Menuiserie Rabier"


# Class 10: a legal form closing a name with its "l" read as a capital "I" by OCR ("Itée").


def test_a_legal_form_misread_by_ocr_is_spelled_as_printed() -> None:
    assert with_form_read_right("Plomberie Gagnon Itée") == "Plomberie Gagnon ltée"
    assert with_form_read_right("Itée Conseil") == "Itée Conseil"  # only the form closing the name
    found = _parties([
        (50, 40, 14, "Électricité Tremblay inc."),
        (50, 56, 9, "1200 rue Sherbrooke"),
        (50, 68, 9, "Montréal (QC) H3A 1G1"),
        (50, 110, 9, "Facturer à"),
        (50, 122, 9, "Plomberie Gagnon Itée"),
        (50, 134, 9, "45 boulevard Laurier"),
        (50, 146, 9, "Québec (QC) G1V 2L2"),
        *_ITEMS,
    ])  # fmt: skip
    assert found["buyer_name"] == "Plomberie Gagnon ltée"


# Class 11: two bare postal blocks and nothing else naming a party (no caption, identifier or legal
# mention): the block that is not the buyer's, heading its own address, is the sender's; a care-of line
# ("c/o Florian Moser", OCR's "clo") is part of an address, never a name.


def _two_bare_blocks(sender_first_line: str) -> list[Text]:
    """A letter printed in millimetres-sized type on A4, scaled to points."""
    lines = [
        _flush_right(195, 14, 5, "Moser Software GmbH"),
        _flush_right(195, 21, 5, sender_first_line),
        _flush_right(195, 27, 5, "Ochsengasse 66"),
        _flush_right(195, 33, 5, "4123 Allschwil"),
        _flush_right(195, 40, 5, "Schweiz"),
        (15, 61, 5, "Universität Zürich"),
        (15, 67, 5, "Zentrale Informatik"),
        (15, 74, 5, "Stampfenbachstrasse 73"),
        (15, 80, 5, "8006 Zürich"),
        (15, 87, 5, "Schweiz"),
        (15, 100, 8, "Invoice UZH-ZI-5"),
        (15, 114, 5, "Date:"), (60, 114, 5, "30.06.2023"),
        (15, 145, 5, "To whom it may concern"),
        (27, 213, 5, "Total"), (180, 213, 5, "8'390.40"),
    ]  # fmt: skip
    return [(x * 2.83, y * 2.83, size * 2.83, text) for x, y, size, text in lines]


def test_with_two_bare_blocks_the_one_not_the_buyers_is_the_sender() -> None:
    found = _parties(_two_bare_blocks("c/o Florian Moser"))
    assert found["buyer_name"] == "Universität Zürich"
    assert found["seller_name"] == "Moser Software GmbH"


def test_a_care_of_line_is_no_name() -> None:
    found = _parties(_two_bare_blocks("clo Florian Moser")[1:])
    assert found["buyer_name"] == "Universität Zürich"
    assert found.get("seller_name") is None  # OCR lost the name line: nothing, rather than a wrong name


# Class 12: OCR split one word of a name where its letters stood apart ("Customer Na me"): the gap is a
# fraction of the name's spaces, and the piece starts in lower case; a connector ("de") stays a word.


def _spaced(x: float, y: float, size: float, pieces: list[tuple[str, float]]) -> list[Word]:
    """Words with the gap before each given explicitly."""
    words: list[Word] = []
    for text, gap in pieces:
        x += gap
        width = 0.55 * size * len(text)
        words.append(Word(text, x, y, x + width, y + size))
        x += width
    return words


def test_a_word_split_by_ocr_inside_a_name_is_glued_back() -> None:
    words = [
        *_spaced(48, 40, 14, [("Your", 0), ("Company", 6.5), ("Inc.", 7.5)]),
        *_spaced(48, 60, 8, [("1234", 0), ("Company", 4.5), ("St,", 4.8)]),
        *_spaced(48, 72, 8, [("Company", 0), ("Town,", 4.1), ("ST", 5.0), ("12345", 5.0)]),
        *_spaced(49, 150, 8, [("Bill", 0), ("To", 4.4)]),
        *_spaced(49, 162, 15, [("Customer", 0), ("Na", 8.9), ("me", 3.1)]),
        *_spaced(49, 182, 8, [("1234", 0), ("Customer", 4.8), ("St,", 4.3)]),
        *_spaced(49, 194, 8, [("Customer", 0), ("Town,", 3.8), ("ST", 5.3), ("12345", 4.8)]),
    ]
    found = locate_parties(Document([PageText(1, words, "ocr", 595.0, 842.0)]))
    assert found["buyer_name"].value == "Customer Name"


def test_a_connector_or_an_even_gap_keeps_the_words_apart() -> None:
    words = [
        *_spaced(49, 150, 8, [("Bill", 0), ("To", 4.4)]),
        *_spaced(49, 162, 10, [("Maison", 0), ("de", 1.5), ("la", 3.0), ("Presse", 3.0)]),
        *_spaced(49, 176, 8, [("12", 0), ("rue", 3.0), ("Haute", 3.0)]),
        *_spaced(49, 188, 8, [("75001", 0), ("Paris", 3.0)]),
    ]
    found = locate_parties(Document([PageText(1, words, "ocr", 595.0, 842.0)]))
    assert found["buyer_name"].value == "Maison de la Presse"


def test_a_lower_case_word_after_a_space_of_ordinary_width_stays_a_word() -> None:
    words = [
        *_spaced(49, 150, 8, [("Bill", 0), ("To", 4.4)]),
        *_spaced(49, 162, 10, [("Les", 0), ("jardins", 2.6), ("de", 4.5), ("Marie", 3.5)]),
        *_spaced(49, 176, 8, [("12", 0), ("rue", 3.0), ("Haute", 3.0)]),
        *_spaced(49, 188, 8, [("75001", 0), ("Paris", 3.0)]),
    ]
    found = locate_parties(Document([PageText(1, words, "ocr", 595.0, 842.0)]))
    assert found["buyer_name"].value == "Les jardins de Marie"


# Class 13: the seller's VAT number printed in its address block, its label's colon set apart by OCR
# ("USt.-Id.-Nr. || : || DE123456789"), under a caption OCR cut to a word ("Verkä" for "Verkäufer:"): the
# block's name is the one carrying a legal form, not the caption's remains.


def test_an_identifier_past_a_lone_colon_names_its_blocks_company() -> None:
    found = _parties([
        (65, 62, 9, "Stylesheet Lesbarmachung der XML-Daten von ZUGFeRD-Rechnungen"),
        (65, 141, 11, "HANDELSRECHNUNG (380) Nr. 471102 vom 05.06.2018"),
        (64, 292, 7, "Verkä"), (110, 293, 5, "Le"),
        (65, 313, 7, "Globale Nummer: 4000001123452 (GLN)"),
        (64, 324, 7, "Lieferant GmbH"),
        (65, 334, 7, "Lieferantenstraße 20"),
        (65, 345, 7, "DE 80333 München"),
        (64, 367, 7, "Steuernummer"), (140, 367, 7, ":"), (165, 367, 7, "201/113/40209"),
        (64, 379, 7, "USt.-Id.-Nr."), (140, 379, 7, ":"), (165, 379, 7, "DE123456789"),
        (64, 422, 7, "Kunden AG Mitte"),
        (64, 433, 7, "Kundenstraße 15"),
        (64, 444, 7, "DE 69876 Frankfurt"),
    ])  # fmt: skip
    assert found["seller_vat_id"] == "DE123456789"
    assert found["seller_name"] == "Lieferant GmbH"
