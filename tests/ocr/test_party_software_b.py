"""Party names and roles on layouts printed by ERP systems and developer libraries: letterheads with no
caption, address blocks with no caption, footers that carry the issuer's identifiers."""

from __future__ import annotations

from ocr.document import Document
from ocr.layout import PageText, Phrase, Word
from ocr.name_cleaning import clean_name, with_form_read_right
from ocr.parties import locate_parties
from ocr.party_name_shapes import name_in
from tests.ocr.party_words import parties_of


def test_the_footer_number_is_the_issuer_s_and_the_uncaptioned_block_the_buyer_s() -> None:
    # A letterhead with no number, the customer's block to the right holding its own VAT number, and the
    # issuer's number only in the page footer: the parties are not the other way round.
    found = parties_of(
        [
            (50, 40, 12, "Verger Numérique SAS"),
            (50, 56, 9, "4 rue des Tanneurs, 69002 Lyon"),
            (340, 120, 10, "Librairie du Port SARL"),
            (340, 134, 10, "12 quai des Chartrons"),
            (340, 148, 10, "33000 Bordeaux"),
            (340, 162, 10, "VAT: FR82542065479"),
            (50, 210, 14, "Invoice INV/2026/0012"),
            (50, 240, 9, "Description Quantity Unit price Amount"),
            (50, 256, 9, "Consulting 2,00 450,00 900,00"),
            (330, 300, 10, "Total 1 080,00 €"),
            (90, 795, 8, "contact@verger.example | www.verger.example | VAT: FR96552100554"),
        ]
    )
    assert found["seller_name"] == "Verger Numérique SAS"
    assert found["seller_vat_id"] == "FR96552100554"
    assert found["buyer_name"] == "Librairie du Port SARL"
    assert found["buyer_vat_id"] == "FR82542065479"


def test_a_captioned_seller_block_keeps_its_number_over_a_footer() -> None:
    # The block is the seller's by its caption: a footer number (a third party's) changes nothing.
    found = parties_of(
        [
            (50, 40, 9, "Seller"),
            (50, 54, 10, "Verger Numérique SAS"),
            (50, 68, 10, "4 rue des Tanneurs, 69002 Lyon"),
            (50, 82, 10, "VAT: FR96552100554"),
            (340, 40, 9, "Bill to"),
            (340, 54, 10, "Librairie du Port SARL"),
            (340, 68, 10, "33000 Bordeaux"),
            (50, 210, 14, "Invoice INV/2026/0012"),
            (90, 795, 8, "Factoring partner VAT: FR83404833048"),
        ]
    )
    assert found["seller_name"] == "Verger Numérique SAS"
    assert found["seller_vat_id"] == "FR96552100554"
    assert found["buyer_name"] == "Librairie du Port SARL"


def test_provider_and_purchaser_captions_are_no_names() -> None:
    # Two blocks side by side under "Provider" and "Purchaser", as invoice libraries print them.
    found = parties_of(
        [
            (45, 42, 16, "Invoice"),
            (54, 104, 10, "Provider"),
            (332, 104, 10, "Purchaser"),
            (54, 121, 10, "Haven Freight B.V."),
            (332, 121, 10, "Tulip Media V.O.F."),
            (54, 144, 10, "Kerkstraat 12"),
            (332, 144, 10, "Stationsweg 7"),
            (54, 157, 10, "5611 AZ Eindhoven"),
            (332, 157, 10, "1012 AB Amsterdam"),
        ]
    )
    assert found["seller_name"] == "Haven Freight B.V."
    assert found["buyer_name"] == "Tulip Media V.O.F."


def test_billing_and_delivery_captions_side_by_side() -> None:
    # "Facturation" over the buyer's block, "Livraison" over a contact's delivery address beside it.
    found = parties_of(
        [
            (66, 60, 14, "Verger Numérique SAS"),
            (300, 48, 9, "4 rue des Tanneurs"),
            (300, 62, 9, "69002 Lyon"),
            (45, 198, 10, "Facturation"),
            (213, 198, 10, "Livraison"),
            (45, 213, 10, "Librairie du Port SARL"),
            (213, 213, 10, "Lukas Schmidt"),
            (45, 227, 10, "12 quai des Chartrons"),
            (213, 227, 10, "12 quai des Chartrons"),
            (45, 241, 10, "33000 Bordeaux"),
            (213, 241, 10, "33000 Bordeaux"),
        ]
    )
    assert found["buyer_name"] == "Librairie du Port SARL"


def test_a_name_beside_its_phone_number_over_a_british_postcode_first_town() -> None:
    # The name is no label of the phone number beside it, and "LS1 4DY Leeds" is a town line, no name.
    found = parties_of(
        [
            (68, 82, 10, "Supplier"),
            (317, 82, 10, "Date of issue: 2026-01-09"),
            (74, 102, 9, "Thornbury Digital Ltd"),
            (196, 102, 9, "+44 113 041909"),
            (74, 113, 9, "96 Church Lane"),
            (74, 125, 9, "LS1 4DY Leeds"),
            (317, 141, 10, "Customer"),
            (323, 161, 9, "Kingsley Engineering LLP"),
            (323, 173, 9, "19 High Street"),
            (323, 185, 9, "M1 1AE Manchester"),
        ]
    )
    assert found["seller_name"] == "Thornbury Digital Ltd"
    assert found["buyer_name"] == "Kingsley Engineering LLP"


def test_an_italian_form_with_labelled_names_under_bilingual_captions() -> None:
    # The FatturaPA rendering: "Cedente/prestatore (fornitore)" and "Cessionario/committente (cliente)"
    # over two columns of "Label: value" lines, the name on its "Denominazione:" line.
    found = parties_of(
        [
            (43, 39, 8, "Cedente/prestatore (fornitore)"),
            (315, 39, 8, "Cessionario/committente (cliente)"),
            (43, 56, 7, "Identificativo fiscale ai fini IVA: IT01234560124"),
            (315, 56, 7, "Identificativo fiscale ai fini IVA: IT09876540320"),
            (43, 68, 7, "Codice fiscale: 01234560124"),
            (315, 68, 7, "Codice fiscale: 09876540320"),
            (43, 79, 7, "Denominazione: Cartiera Bianchi S.r.l."),
            (315, 79, 7, "Denominazione: Studio Verdi S.p.A."),
            (43, 90, 7, "Indirizzo: Via Roma 15"),
            (315, 90, 7, "Indirizzo: Via Po 3"),
            (43, 101, 7, "Comune: Torino Provincia: TO"),
            (315, 101, 7, "Comune: Genova Provincia: GE"),
        ]
    )
    assert found["seller_name"] == "Cartiera Bianchi S.r.l."
    assert found["buyer_name"] == "Studio Verdi S.p.A."
    assert found["seller_vat_id"] == "IT01234560124"
    assert found["buyer_vat_id"] == "IT09876540320"


def test_the_place_and_date_of_writing_is_no_name_and_the_legal_mention_names_the_issuer() -> None:
    # A LaTeX letter: the sender's bare address at the top, "Lyon, le 3 mars 2026" over the body, and the
    # issuer's name at the head of the legal mentions with its capital, far under the bank details.
    found = parties_of(
        [
            (244, 65, 11, "Verger Numérique SAS"),
            (244, 80, 10, "4 rue des Tanneurs"),
            (244, 95, 10, "69002 Lyon"),
            (231, 147, 12, "Facture n°: 20260194"),
            (357, 181, 10, "Librairie du Port SARL"),
            (357, 197, 10, "12 quai des Chartrons"),
            (357, 212, 10, "33000 Bordeaux"),
            (357, 243, 10, "Lyon, le 3 mars 2026"),
            (74, 321, 10, "Désignation Montant (EUR)"),
            (74, 341, 10, "Hébergement serveur 217.40"),
            (125, 535, 10, "Code BIC"),
            (207, 535, 10, "CMCIFR2A"),
            (105, 765, 8, "Verger Numérique SAS au capital de 15 000 € – 4 rue des Tanneurs - 69002 Lyon"),
            (146, 789, 8, "552100554 RCS Lyon – Code APE 6201Z"),
        ]
    )
    assert found["seller_name"].startswith("Verger Numérique")
    assert found["buyer_name"] == "Librairie du Port SARL"


def test_a_caption_that_opens_with_name_of() -> None:
    # "Nom du client" over the buyer's name, then its VAT number under "Numéro de TVA".
    found = parties_of(
        [
            (45, 33, 14, "Verger Numérique SAS"),
            (45, 56, 9, "4 rue des Tanneurs, 69002 Lyon"),
            (45, 68, 9, "+33 4 78 00 00 00 | compta@verger.example"),
            (370, 99, 14, "FACTURE DE VENTE"),
            (45, 158, 9, "Nom du client"),
            (315, 158, 9, "Date"),
            (498, 158, 9, "06-09-2025"),
            (45, 170, 9, "Librairie du Port SARL"),
            (45, 187, 9, "Numéro de TVA"),
            (45, 198, 9, "FR82542065479"),
            (45, 215, 9, "12 quai des Chartrons"),
            (45, 227, 9, "33000 Bordeaux"),
        ]
    )
    assert found["buyer_name"] == "Librairie du Port SARL"
    assert found["buyer_vat_id"] == "FR82542065479"


def test_a_us_town_line_with_commas_and_a_field_value_are_no_letterhead_names() -> None:
    # "Austin, TX, 78701" closes the letterhead's address; "Net 15" is the value of "Payment Terms:".
    found = parties_of(
        [
            (443, 49, 10, "Redwood Analytics Inc."),
            (476, 64, 10, "175 Main Street"),
            (468, 78, 10, "Austin, TX, 78701"),
            (315, 130, 9, "Payment Terms:"),
            (522, 130, 9, "Net 15"),
            (45, 164, 9, "Bill To"),
            (45, 178, 9, "Harbor Supplies LLC"),
            (45, 192, 9, "140 Market Street"),
            (45, 205, 9, "San Francisco, CA 94107"),
        ]
    )
    assert found["seller_name"] == "Redwood Analytics Inc."
    assert found["buyer_name"] == "Harbor Supplies LLC"


def test_an_attention_line_under_the_buyer_is_no_part_of_its_name() -> None:
    # DIN 5008 window: return line, the buyer's name (its form in brackets), "z. Hd." and the contact.
    found = parties_of(
        [
            (362, 28, 11, "Schneider Haustechnik GmbH & Co. KG"),
            (60, 133, 7, "Schneider Haustechnik GmbH & Co. KG · Industriestraße 169 · 10115 Berlin"),
            (60, 150, 10, "Berghof Maschinenbau UG (haftungsbeschränkt)"),
            (357, 154, 9, "Rechnungsdatum"),
            (448, 154, 9, "10.10.2025"),
            (60, 164, 10, "z. Hd. Sophie Laurent"),
            (60, 177, 10, "Schillerstraße 44"),
            (60, 191, 10, "10115 Berlin"),
        ]
    )
    assert found["buyer_name"] == "Berghof Maschinenbau UG (haftungsbeschränkt)"


def test_a_logo_s_short_name_gives_way_to_the_letterhead_s_full_name() -> None:
    # "Pioneer Inc." drawn as a logo at the left, "Pioneer Analytics Inc." over its address at the right.
    found = parties_of(
        [
            (451, 49, 10, "Pioneer Analytics Inc."),
            (113, 54, 18, "Pioneer Inc."),
            (492, 64, 10, "7 Elm Street"),
            (468, 78, 10, "Austin, TX, 78701"),
            (53, 159, 20, "Invoice"),
            (53, 199, 10, "Invoice Number:"),
            (153, 199, 10, "94013"),
            (303, 199, 10, "Bluebird Analytics LLC"),
            (303, 214, 10, "60 Elm Street"),
            (303, 229, 10, "New York, NY, 10001, US"),
        ]
    )
    assert found["seller_name"] == "Pioneer Analytics Inc."


def test_an_icon_read_before_a_caption_leaves_it_a_caption() -> None:
    # OCR reads the little icon before each caption as a mark or a letter: "[ Fournisseur", "f Client".
    found = parties_of(
        [
            (57, 94, 12, "[ Fournisseur"),
            (340, 94, 12, "f Client"),
            (68, 120, 10, "Verger Numérique SARL"),
            (340, 120, 10, "Librairie du Port SAS"),
            (68, 134, 10, "4 rue des Tanneurs"),
            (340, 134, 10, "12 quai des Chartrons"),
            (68, 148, 10, "69002 Lyon"),
            (340, 148, 10, "33000 Bordeaux"),
        ]
    )
    assert found["seller_name"] == "Verger Numérique SARL"
    assert found["buyer_name"] == "Librairie du Port SAS"


def _ocr_page(lines: list[tuple[float, float, float, float, str]]) -> PageText:
    """Words as OCR boxes them: x, top, box height, font size (for widths), text."""
    words: list[Word] = []
    for x, y, height, size, text in lines:
        for token in text.split():
            width = 0.52 * size * len(token)
            words.append(Word(token, x, y, x + width, y + height))
            x += width + 0.28 * size
    return PageText(1, words, "ocr", 595.0, 842.0)


def test_a_scanned_recipient_name_with_capitals_and_descenders_is_not_set_larger() -> None:
    # On a scan the recipient's "Comptoir ... SA" boxes a fifth taller than its street and town lines: that
    # is the letters' shape, not a letterhead's type; the legal mentions name the issuer.
    page = _ocr_page(
        [
            (244, 75, 8, 10, "Verger Numérique SARL"),
            (245, 91, 10, 10, "84 route de Lyon"),
            (245, 105, 11, 10, "67000 Strasbourg"),
            (358, 191, 11, 10, "Comptoir Marchal SA"),
            (359, 207, 9, 10, "150 rue des Tanneurs"),
            (358, 222, 9, 10, "59000 Lille"),
            (74, 321, 9, 10, "Désignation Montant"),
            (74, 341, 9, 10, "Hébergement 217.40"),
            (106, 775, 8, 8, "Verger Numérique SARL au capital de 150 000 €"),
            (108, 787, 7, 8, "Téléphone : +33 1 39 33 49 06 – E-mail : compta@verger.example"),
            (147, 799, 7, 8, "392857322 RCS Strasbourg – Numéro TVA : FR56 392857322"),
        ]
    )
    found = {name: c.value for name, c in locate_parties(Document([page])).items()}
    assert found["seller_name"].startswith("Verger Numérique")
    assert found.get("buyer_name") == "Comptoir Marchal SA"


def test_the_footer_number_read_as_the_seller_s_corrects_a_seller_name_read_from_the_buyer_s_block() -> None:
    # The issuer's number in the footer over its legal mentions; the customer's block, with its own number,
    # is the only block under a name: that name is the buyer's, the letterhead's the seller's.
    found = parties_of(
        [
            (415, 28, 9, "Votre partenaire depuis 1998"),
            (457, 42, 10, "Verger Numérique EURL"),
            (463, 55, 9, "4 rue des Tanneurs"),
            (489, 67, 9, "69002 Lyon"),
            (329, 144, 10, "Librairie du Port SARL"),
            (329, 158, 10, "12 quai des Chartrons"),
            (329, 172, 10, "33000 Bordeaux"),
            (329, 186, 10, "TVA : FR82542065479"),
            (45, 220, 14, "Facture FAC/2025/0460"),
            (45, 260, 9, "Description Quantité Montant"),
            (45, 280, 9, "Acompte de 50 % 1,00 1 002,32 €"),
            (124, 800, 7, "+33 4 41 02 04 56 | factures@verger.example | TVA : FR96552100554"),
            (185, 811, 7, "SIRET 55210055400010 - RCS Lyon 552 100 554 - Capital 10 000 €"),
        ]
    )
    assert found["seller_vat_id"] == "FR96552100554"
    assert found["buyer_vat_id"] == "FR82542065479"
    assert found["buyer_name"] == "Librairie du Port SARL"
    assert found["seller_name"] == "Verger Numérique EURL"


def test_a_payee_caption_heading_the_legal_mentions_is_no_part_of_the_name() -> None:
    mention = "Payable à l'ordre de Lucía Fernández EI — SIRET : 94648082900096"
    assert clean_name(mention) == "Lucía Fernández EI"
    assert clean_name("Zahlbar an Berghof GmbH") == "Berghof GmbH"
    assert clean_name("Titularis BV") == "Titularis BV"  # a name that opens like a caption word keeps it


def test_a_label_before_its_colon_is_no_name() -> None:
    # A form's "Indirizzo: Via Roma 150" over "Cap: 20121" cleans to "Indirizzo": a label, not a name.
    def phrase(text: str) -> Phrase:
        return Phrase([Word(w, 10.0 * i, 0, 10.0 * i + 8, 8) for i, w in enumerate(text.split())], 1)

    assert name_in(phrase("Indirizzo: Via Roma 150"), 0.5) is None
    assert name_in(phrase("Cap: 20121 Nazione: IT"), 0.5) is None
    named = name_in(phrase("Studio Verdi S.p.A.: Via Po 3"), 0.5)
    assert named is not None
    assert named.value == "Studio Verdi S.p.A."


def test_side_by_side_captions_close_together_each_hold_their_own_column() -> None:
    # The right-hand column starts within reach of the left caption: a value under the right caption is
    # still the right caption's.
    found = parties_of(
        [
            (41, 51, 8, "Cedente/prestatore (fornitore)"),
            (230, 51, 8, "Cessionario/committente (cliente)"),
            (42, 68, 6, "Identificativo fiscale ai fini IVA: IT01234560124"),
            (230, 68, 6, "Identificativo fiscale ai fini IVA: IT09876540320"),
            (42, 90, 6, "Denominazione: Cartiera Bianchi S.r.l."),
            (230, 90, 6, "Denominazione: Studio Verdi S.p.A."),
        ]
    )
    assert found["seller_vat_id"] == "IT01234560124"
    assert found["buyer_vat_id"] == "IT09876540320"


def test_a_company_invoicing_itself_at_another_address_names_both_parties() -> None:
    # The letterhead and the "Bill To" block print the same name over two different addresses.
    found = parties_of(
        [
            (443, 38, 16, "INVOICE"),
            (45, 102, 10, "Bluebird Analytics Inc."),
            (45, 115, 9, "115 Broadway"),
            (45, 129, 9, "Austin, TX 78701"),
            (315, 130, 9, "Payment Terms:"),
            (522, 130, 9, "Net 15"),
            (45, 164, 9, "Bill To"),
            (45, 178, 9, "Bluebird Analytics Inc."),
            (45, 192, 9, "140 Market Street"),
            (45, 205, 9, "San Francisco, CA 94107"),
        ]
    )
    assert found["seller_name"] == "Bluebird Analytics Inc."
    assert found["buyer_name"] == "Bluebird Analytics Inc."


def test_a_bar_read_for_an_l_in_the_closing_legal_form() -> None:
    assert with_form_read_right("Tipografia Esposito S.r.|.") == "Tipografia Esposito S.r.l."
    assert with_form_read_right("Studio | Partner") == "Studio | Partner"  # a separator is left alone
