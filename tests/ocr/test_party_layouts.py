"""Seller and buyer on layouts the locator has never seen: each test builds one class of layout from words
with positions (A4 points, y from the top) and checks which party each name and number goes to."""

from __future__ import annotations

from ocr.name_cleaning import clean_name, is_address_line
from ocr.parties import is_name_like
from tests.ocr.party_words import Text
from tests.ocr.party_words import parties_of as _parties

_TOTALS: list[Text] = [
    (50, 600, 10, "Total HT"), (450, 600, 10, "500,00"),
    (50, 614, 10, "Total TTC"), (450, 614, 10, "600,00"),
]  # fmt: skip


def test_envelope_window_sender_line_names_the_seller_and_the_window_block_the_buyer() -> None:
    found = _parties([
        (250, 40, 26, "Nordlicht"),
        (60, 120, 7, "Nordlicht Ltd. • 42 Harbour Road • 1234 Porthaven"),
        (60, 134, 11, "Globex Trading Corp."),
        (60, 148, 11, "142 Scorpio Drive"),
        (60, 162, 11, "80085 Springfield"),
        (340, 134, 10, "Date: 24 Sep 2024"),
        *_TOTALS,
    ])  # fmt: skip
    assert found["seller_name"] == "Nordlicht Ltd."
    assert found["buyer_name"] == "Globex Trading Corp."


def test_a_salutation_line_over_the_window_address_is_not_the_buyer() -> None:
    found = _parties([
        (76, 128, 6, "Brenner GmbH Europa-Allee 19 60486 Frankfurt"),
        (76, 148, 9, "Herr"),
        (76, 162, 9, "Karl Weber"),
        (76, 176, 9, "Uferstraße 113"),
        (76, 190, 9, "88045 Friedrichshafen"),
        *_TOTALS,
    ])  # fmt: skip
    assert found["seller_name"] == "Brenner GmbH"
    assert found["buyer_name"] == "Karl Weber"


def test_what_is_glued_to_a_name_is_not_part_of_it() -> None:
    assert clean_name("LOGO Dupont Frères SARL") == "Dupont Frères SARL"
    assert clean_name("[Your logo] Atelier Vega") == "Atelier Vega"
    assert clean_name("• Brasserie Lemaire |") == "Brasserie Lemaire"
    assert clean_name("Acme GmbH Europa-Allee 1980 60486 Frankfurt") == "Acme GmbH"
    assert clean_name("Au bon grain SARL - 12 chemin des Vignes - 84340 Malaucène") == "Au bon grain SARL"
    assert clean_name("Studio Nord | Tél. 01 02 03 04 05") == "Studio Nord"
    assert clean_name("Ferronnerie Marchal Facture") == "Ferronnerie Marchal"
    assert clean_name("Van Dijk B.V., Keizersgracht 12, 1015 CS Amsterdam") == "Van Dijk B.V."
    assert clean_name("Smith, Jones & Partners") == "Smith, Jones & Partners"


def test_address_lines_and_sentences_are_not_names() -> None:
    lines = ["Lieferanten-Strasse 12-17", "Musterstr. 18", "2, rue de la Paix", "Via Roma 3"]
    lines += ["DE 80333 München", "Company Town, ST 12345", "1015 CS Amsterdam", "Kundenstrake 15"]
    for line in lines:
        assert is_address_line(line), line
        assert not is_name_like(line), line
    assert not is_name_like("Dear customer,")
    assert not is_name_like("We take the liberty of invoicing you for these items")
    assert is_name_like("Société Hôtelière du Pacano")


def test_a_name_wrapped_on_two_lines_of_its_block_is_read_whole() -> None:
    found = _parties([
        (60, 60, 12, "Coopérative des Producteurs de"),
        (60, 75, 12, "Fromages du Haut-Jura"),
        (60, 90, 10, "12 rue des Sapins"),
        (60, 103, 10, "39400 Morez"),
        (60, 116, 10, "Tél. 03 84 00 00 00"),
        (330, 200, 10, "Client :"),
        (330, 214, 10, "Epicerie Fine Martin"),
        (330, 228, 10, "8 place du Marché"),
        (330, 242, 10, "69002 Lyon"),
        *_TOTALS,
    ])  # fmt: skip
    assert found["seller_name"] == "Coopérative des Producteurs de Fromages du Haut-Jura"
    assert found["buyer_name"] == "Epicerie Fine Martin"


def test_a_department_under_a_complete_name_is_not_joined_to_it() -> None:
    found = _parties([
        (330, 200, 10, "Facturé à"),
        (330, 214, 10, "Transports Girard SAS"),
        (330, 228, 10, "Service Comptabilité"),
        (330, 242, 10, "8 place du Marché"),
        (330, 256, 10, "69002 Lyon"),
        *_TOTALS,
    ])  # fmt: skip
    assert found["buyer_name"] == "Transports Girard SAS"


def test_spanish_captions_and_identifier_labels() -> None:
    found = _parties([
        (60, 60, 16, "Distribuciones Sol S.L."),
        (60, 80, 10, "Calle Mayor 5, 28013 Madrid"),
        (60, 94, 10, "CIF/NIF: ESB58378431"),
        (330, 180, 10, "Cliente"),
        (330, 194, 10, "Hostal Las Palmeras"),
        (330, 208, 10, "Avenida del Mar 12"),
        (330, 222, 10, "29601 Marbella"),
        (330, 236, 10, "NIF: ESA28015865"),
        *_TOTALS,
    ])  # fmt: skip
    assert (found["seller_name"], found["seller_vat_id"]) == ("Distribuciones Sol S.L.", "ESB58378431")
    assert (found["buyer_name"], found["buyer_vat_id"]) == ("Hostal Las Palmeras", "ESA28015865")


def test_italian_and_dutch_captions_and_identifier_labels() -> None:
    italian = _parties([
        (60, 60, 16, "Officine Rossi S.r.l."),
        (60, 80, 10, "Via Roma 3, 20121 Milano"),
        (60, 94, 10, "P.IVA IT00743110157"),
        (330, 180, 10, "Destinatario:"),
        (330, 194, 10, "Trattoria Da Gino"),
        (330, 208, 10, "Piazza Navona 7"),
        (330, 222, 10, "00186 Roma"),
        (330, 236, 10, "Partita IVA: IT01114601006"),
        *_TOTALS,
    ])  # fmt: skip
    assert (italian["seller_name"], italian["seller_vat_id"]) == ("Officine Rossi S.r.l.", "IT00743110157")
    assert (italian["buyer_name"], italian["buyer_vat_id"]) == ("Trattoria Da Gino", "IT01114601006")
    dutch = _parties([
        (330, 60, 16, "Bakkerij De Molen B.V."),
        (330, 80, 10, "Dorpsstraat 4, 1234 AB Edam"),
        (330, 94, 10, "KvK 12345678"),
        (330, 108, 10, "BTW-nummer: NL810433941B01"),
        (60, 180, 10, "Factuuradres"),
        (60, 194, 10, "Hotel Het Anker"),
        (60, 208, 10, "Havenkade 9"),
        (60, 222, 10, "1011 AB Amsterdam"),
        (60, 236, 10, "BTW: NL004495445B01"),
        *_TOTALS,
    ])  # fmt: skip
    assert (dutch["seller_name"], dutch["seller_vat_id"]) == ("Bakkerij De Molen B.V.", "NL810433941B01")
    assert (dutch["buyer_name"], dutch["buyer_vat_id"]) == ("Hotel Het Anker", "NL004495445B01")


def test_a_caption_like_line_under_a_caption_is_its_value() -> None:
    found = _parties([
        (48, 32, 18, "Northwind Repairs Inc."),
        (48, 60, 11, "1234 Harbor St,"),
        (48, 76, 11, "Bayport, ST 12345"),
        (48, 182, 11, "Bill To"),
        (48, 196, 11, "Customer Name"),
        (48, 224, 11, "1234 Customer St,"),
        (48, 238, 11, "Customer Town, ST 12345"),
        (340, 236, 11, "Due date"), (469, 236, 11, "2023-10-16"),
        *_TOTALS,
    ])  # fmt: skip
    assert found["seller_name"] == "Northwind Repairs Inc."
    assert found["buyer_name"] == "Customer Name"


def test_a_label_with_its_number_at_the_head_of_a_section_is_not_the_name() -> None:
    found = _parties([
        (60, 300, 9, "Verkäufer:"),
        (60, 312, 8, "Nummer"), (150, 312, 8, "549910"),
        (60, 324, 8, "Elektron Industrieservice GmbH"),
        (60, 336, 8, "Erfurter Strasse 13"),
        (60, 348, 8, "DE 74465 Demoort"),
        (60, 372, 8, "USt.-Id.-Nr."), (150, 372, 8, "DE136695976"),
        (60, 400, 9, "Käufer:"),
        (60, 412, 8, "Nummer"), (150, 412, 8, "16259"),
        (60, 424, 8, "Consulting Service GmbH"),
        (60, 436, 8, "Musterweg 4"),
        (60, 448, 8, "DE 76138 Karlsruhe"),
        *_TOTALS,
    ])  # fmt: skip
    assert found["seller_name"] == "Elektron Industrieservice GmbH"
    assert found["buyer_name"] == "Consulting Service GmbH"
    assert found["seller_vat_id"] == "DE136695976"


def test_a_name_field_whose_value_sits_a_little_lower() -> None:
    found = _parties([
        (80, 196, 8, "Verkäufer"),
        (80, 213, 7, "Nummer:"), (266, 213, 7, "549910"),
        (80, 230, 7, "Globale Nummer:"), (265, 230, 7, "4333741000005 (GLN)"),
        (80, 249, 7, "Name:"), (265, 252, 9, "MUSTER-Autovermietung"),
        (80, 266, 7, "Anschrift:"), (265, 266, 8, "Musterstr. 99"),
        (80, 352, 8, "Käufer/Leistungsempfänger"),
        (80, 369, 7, "Nummer:"), (263, 369, 7, "9314110911"),
        (80, 386, 7, "Name:"), (263, 390, 8, "MUSTER-KUNDE GMBH"),
        *_TOTALS,
    ])  # fmt: skip
    assert found["seller_name"] == "MUSTER-Autovermietung"
    assert found["buyer_name"] == "MUSTER-KUNDE GMBH"


def test_a_buyer_hint_in_a_label_apart_from_its_number() -> None:
    found = _parties([
        (320, 160, 10, "Your VAT ID:"), (430, 160, 10, "DE136695976"),
        (150, 770, 8, "VAT-ID: FR40303265045"),
        *_TOTALS,
    ])  # fmt: skip
    assert found["buyer_vat_id"] == "DE136695976"
    assert found["seller_vat_id"] == "FR40303265045"


def test_a_vat_shaped_number_under_a_tax_number_label() -> None:
    found = _parties([
        (40, 46, 14, "Lieferant GmbH & Co. KG"),
        (40, 60, 9, "Tax no.:DE136695976"),
        (40, 72, 9, "TestStraße 12-17, 98765 Weitstadt"),
        (40, 150, 14, "Customer name / company"),
        (40, 168, 9, "Musterkunde AG"),
        (40, 180, 9, "Tax no.:FR40303265045"),
        (40, 192, 9, "Musterstrasse 44, 40789 Musterstadt"),
        *_TOTALS,
    ])  # fmt: skip
    assert (found["seller_name"], found["seller_vat_id"]) == ("Lieferant GmbH & Co. KG", "DE136695976")
    assert (found["buyer_name"], found["buyer_vat_id"]) == ("Musterkunde AG", "FR40303265045")


def test_a_bare_address_in_body_type_alone_at_the_top_is_the_recipient() -> None:
    found = _parties([
        (71, 66, 10, "Kunden AG Mitte"),
        (71, 78, 10, "Kundenstraße 15"),
        (71, 90, 10, "DE 69876 Frankfurt"),
        (71, 140, 16, "Invoice R-2024/00001"),
        (71, 208, 10, "Dear customer,"),
        *_TOTALS,
    ])  # fmt: skip
    assert found["buyer_name"] == "Kunden AG Mitte"
    assert "seller_name" not in found


def test_two_uncaptioned_blocks_the_one_with_the_issuers_details_is_the_seller() -> None:
    found = _parties([
        (58, 74, 22, "PACANO"),
        (43, 169, 11, "Société Hôtelière du Pacano"),
        (43, 184, 11, "2, rue de la Paix"),
        (43, 198, 11, "75000 Paris"),
        (43, 227, 11, "+33 1 01 12 34 56"),
        (397, 256, 11, "Ateliers Bassano SARL"),
        (397, 271, 11, "27, Rue de Bassano"),
        (397, 285, 11, "75008 Paris"),
        (397, 300, 11, "France"),
        *_TOTALS,
    ])  # fmt: skip
    assert found["seller_name"] == "Société Hôtelière du Pacano"
    assert found["buyer_name"] == "Ateliers Bassano SARL"


def test_ocr_variants_of_one_name_take_the_spelling_most_places_read() -> None:
    found = _parties([
        (248, 42, 29, "Nimbus lta."),
        (58, 122, 8, "Nimbus Ltd. • 42 Milky Way • 1234 Faraway"),
        (58, 135, 12, "Globex Corp."),
        (58, 148, 12, "142 Scorpio Drive"),
        (58, 161, 12, "80085 Springfield"),
        (150, 754, 8, "Nimbus Ltd., 42 Milky Way, 1234 Faraway, tel. +49 159 1234567"),
        *_TOTALS,
    ])  # fmt: skip
    assert found["seller_name"] == "Nimbus Ltd."
    assert found["buyer_name"] == "Globex Corp."


def test_an_iban_that_fails_its_checksum_stops_at_the_next_label() -> None:
    found = _parties(
        [(110, 744, 8, "Bank: LBBW Stuttgart IBAN: DE33 9998 8877 0001 2345 67 BIC: SOLADEST600")]
    )
    assert found["seller_iban"] == "DE33999888770001234567"
    assert found["seller_bic"] == "SOLADEST600"
