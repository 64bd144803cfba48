"""Seller and buyer on classes of layout seen on sellers we do not have (round 2): countries closing address
blocks, legal forms naming companies, a seller block at the top right with a buyer block under the title,
header words and file names that are never names. Words with positions in A4 points, y from the top."""

from __future__ import annotations

import pytest

from ocr.name_cleaning import is_address_line
from ocr.parties import is_name_like
from tests.ocr.party_words import Text
from tests.ocr.party_words import parties_of as _parties

_TABLE: list[Text] = [
    (50, 330, 10, "Description"), (300, 330, 10, "Quantity"), (400, 330, 10, "Price"),
    (500, 330, 10, "Total"),
    (50, 346, 10, "Consulting services"), (300, 346, 10, "5"), (400, 346, 10, "100.00"),
    (500, 346, 10, "500.00"),
    (400, 600, 10, "Subtotal"), (500, 600, 10, "500.00"),
    (400, 614, 10, "Total"), (500, 614, 10, "600.00"),
]  # fmt: skip


# Class 1: a country closes an address block; it is never a company name.


@pytest.mark.parametrize(
    "country",
    ["Schweiz", "United States", "UNITED STATES", "France", "Deutschland", "UK", "España", "Espana",
     "Nederland", "Italia", "Belgique", "Suisse", "Österreich", "United Kingdom", "USA", "Polska"],
)  # fmt: skip
def test_a_country_is_never_a_name(country: str) -> None:
    assert not is_name_like(country)
    assert not is_name_like(country, caption_ok=True)


def test_names_that_merely_contain_a_country_stay_names() -> None:
    for name in ("France Boissons SAS", "Schweizer Holz AG", "Italia Trasporti S.r.l.", "Jordan Smith"):
        assert is_name_like(name), name


def test_stacked_address_blocks_ending_with_countries() -> None:
    found = _parties([
        (50, 40, 18, "INVOICE"),
        (50, 80, 10, "Alpenblick Software AG"),
        (50, 94, 10, "Seestrasse 21"),
        (50, 108, 10, "8002 Zürich"),
        (50, 122, 10, "Schweiz"),
        (50, 150, 10, "Bill to:"),
        (50, 164, 10, "Harbor Analytics LLC"),
        (50, 178, 10, "77 Pier Avenue"),
        (50, 192, 10, "Portland, OR 97201"),
        (50, 206, 10, "UNITED STATES"),
        (350, 80, 10, "Date: 2026-12-01"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Alpenblick Software AG"
    assert found["buyer_name"] == "Harbor Analytics LLC"


def test_a_country_closes_a_block_whose_town_line_has_no_known_shape() -> None:
    found = _parties([
        (50, 40, 18, "Alpenblick Software AG"),
        (50, 60, 10, "Seestrasse 21, 8002 Zürich"),
        (50, 150, 10, "Celtic Foods Ltd"),
        (50, 164, 10, "5 Merrion Square"),
        (50, 178, 10, "Dublin 2"),
        (50, 192, 10, "Ireland"),
        *_TABLE,
    ])  # fmt: skip
    assert found["buyer_name"] == "Celtic Foods Ltd"


def test_a_letterhead_without_its_name_gives_no_country_and_no_town_as_the_seller() -> None:
    found = _parties([
        (380, 40, 10, "Seestrasse 21"),
        (380, 54, 10, "8002 Zürich"),
        (380, 68, 10, "Schweiz"),
        (50, 140, 10, "Date"), (120, 140, 10, "01.12.2026"),
        (50, 180, 10, "Celtic Foods Ltd"),
        (50, 194, 10, "5 Merrion Square"),
        (50, 208, 10, "Dublin 2"),
        (50, 222, 10, "Ireland"),
        *_TABLE,
    ])  # fmt: skip
    assert "seller_name" not in found
    assert found["buyer_name"] == "Celtic Foods Ltd"


def test_english_town_lines_are_addresses() -> None:
    for line in ("London WC2B 6XF", "Toronto, ON M5V 2T6", "Portland, OR 97201", "Manchester M1 1AE"):
        assert is_address_line(line), line
    assert not is_address_line("Brightline Studio Ltd")


# Class 2: a legal form names a company.


def test_a_company_with_its_legal_form_beats_a_tagline_over_it() -> None:
    found = _parties([
        (50, 30, 9, "Design and Print"),
        (50, 44, 12, "Brightline Studio Ltd"),
        (50, 58, 9, "14 Kingsway, London WC2B 6XF"),
        (50, 72, 9, "Tel. +44 20 7946 0000"),
        (50, 150, 10, "Bill to:"),
        (50, 164, 10, "Harbor Analytics LLC"),
        (50, 178, 10, "Portland, OR 97201"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Brightline Studio Ltd"
    assert found["buyer_name"] == "Harbor Analytics LLC"


@pytest.mark.parametrize(
    "name",
    ["Acme Sp. z o.o.", "Nordic Tools Oy", "Svensk Bygg AB", "Dansk Design ApS", "Praha Soft s.r.o.",
     "Atelier Léman Sàrl", "Lisboa Têxteis Lda", "Muster GmbH & Co. KG", "Alpen AG", "Acme Corporation"],
)  # fmt: skip
def test_a_company_named_with_a_foreign_legal_form_over_a_plain_word(name: str) -> None:
    found = _parties([
        (50, 30, 9, "Quality since 1990"),
        (50, 42, 9, "Trusted Partner"),
        (50, 56, 12, name),
        (50, 70, 9, "Tel. +48 22 123 45 67"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == name


# Class 3: seller block at the top right, buyer block at the left under the title, no captions.

_TWO_BLOCKS: list[Text] = [
    (50, 40, 22, "INVOICE"),
    (50, 80, 10, "Harbor Analytics LLC"),
    (50, 94, 10, "77 Pier Avenue"),
    (50, 108, 10, "Portland, OR 97201"),
    (360, 90, 10, "Brightline Studio Ltd"),
    (360, 104, 10, "14 Kingsway"),
    (360, 118, 10, "London WC2B 6XF"),
    *_TABLE,
]


@pytest.mark.parametrize(
    "evidence",
    [
        [(50, 780, 8, "Brightline Studio Ltd, registered in England and Wales, company no 01234567")],
        [(50, 700, 9, "Account name: Brightline Studio Ltd"), (50, 712, 9, "IBAN: GB33BUKB20201555555555")],
        [(50, 700, 9, "Account holder"), (150, 700, 9, "Brightline Studio Ltd"),
         (50, 712, 9, "IBAN"), (150, 712, 9, "GB33BUKB20201555555555")],
        [(50, 700, 9, "Make all checks payable to Brightline Studio Ltd")],
        [(50, 700, 12, "Remittance advice"), (50, 720, 9, "To: Brightline Studio Ltd"),
         (50, 734, 9, "Amount enclosed")],
        [(50, 700, 12, "PAYMENT ADVICE"), (50, 720, 9, "From:"), (100, 720, 9, "Harbor Analytics LLC"),
         (50, 734, 9, "To:"), (100, 734, 9, "Brightline Studio Ltd")],
    ],
    ids=["legal footer", "account name", "account holder beside", "cheques payable", "slip to", "slip from"],
)  # fmt: skip
def test_the_seller_block_is_the_one_the_payment_or_the_footer_names(evidence: list[Text]) -> None:
    found = _parties(_TWO_BLOCKS + evidence)
    assert found["seller_name"] == "Brightline Studio Ltd"
    assert found["buyer_name"] == "Harbor Analytics LLC"


@pytest.mark.parametrize(
    "footer",
    [
        [(50, 780, 8, "Brightline Studio Ltd · Company number 01234567 · 14 Kingsway, London")],
        [(50, 780, 8, "Brightline Studio Ltd - Companies House 01234567")],
        [(50, 780, 8, "Brightline Studio Ltd · UID CHE-123.456.789")],
        [(50, 780, 8, "Brightline Studio Ltd, Org.nr 556677-8899")],
        [(50, 780, 8, "Brightline Studio Ltd · KRS 0000123456 · NIP 123-456-32-18")],
        [(50, 780, 8, "Brightline Studio Ltd · Firmenbuch FN 123456a")],
        [(50, 780, 8, "Brightline Studio Ltd"), (200, 780, 8, "Company No. 01234567"),
         (380, 780, 8, "VAT GB 123 4567 89")],
    ],
    ids=["company number", "companies house", "swiss uid", "nordic org nr", "polish krs", "austrian fn",
         "columns"],
)  # fmt: skip
def test_company_registers_of_other_countries_in_the_footer_name_the_seller(footer: list[Text]) -> None:
    found = _parties(_TWO_BLOCKS + footer)
    assert found["seller_name"] == "Brightline Studio Ltd"
    assert found["buyer_name"] == "Harbor Analytics LLC"


def test_a_legal_form_read_apart_from_its_name_is_not_a_name() -> None:
    for form in ("SASU", "GmbH", "Ltd.", "S.r.l."):
        assert not is_name_like(form), form


def test_a_swiss_qr_bill_names_its_creditor_and_its_debtor() -> None:
    found = _parties([
        (50, 40, 22, "Rechnung"),
        (50, 80, 10, "Berghof Hotel AG"),
        (50, 94, 10, "Dorfstrasse 5"),
        (50, 108, 10, "3920 Zermatt"),
        (360, 90, 10, "Alpenblick Software AG"),
        (360, 104, 10, "Seestrasse 21"),
        (360, 118, 10, "8002 Zürich"),
        *_TABLE,
        (20, 660, 11, "Empfangsschein"), (200, 660, 11, "Zahlteil"),
        (20, 680, 6, "Konto / Zahlbar an"),
        (20, 690, 8, "CH44 3199 9123 0008 8901 2"),
        (20, 700, 8, "Alpenblick Software AG"),
        (20, 710, 8, "Seestrasse 21"),
        (20, 720, 8, "8002 Zürich"),
        (20, 740, 6, "Zahlbar durch"),
        (20, 750, 8, "Berghof Hotel AG"),
        (20, 760, 8, "Dorfstrasse 5"),
        (20, 770, 8, "3920 Zermatt"),
    ])  # fmt: skip
    assert found["seller_name"] == "Alpenblick Software AG"
    assert found["buyer_name"] == "Berghof Hotel AG"


@pytest.mark.parametrize("caption", ["Customer", "Client :", "Kunde:", "Bill To:"])
def test_a_buyer_caption_with_the_name_beside_it_on_the_line(caption: str) -> None:
    found = _parties([
        (50, 40, 18, "Alpenblick Software AG"),
        (50, 60, 10, "Seestrasse 21, 8002 Zürich"),
        (50, 150, 10, caption), (150, 150, 10, "Berghof Hotel GmbH"),
        (50, 164, 10, "Invoice No."), (150, 164, 10, "INV-001"),
        (50, 178, 10, "Date"), (150, 178, 10, "2026-12-01"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Alpenblick Software AG"
    assert found["buyer_name"] == "Berghof Hotel GmbH"


def test_a_row_of_column_headings_beside_a_caption_names_nobody() -> None:
    found = _parties([
        (50, 40, 18, "Alpenblick Software AG"),
        (50, 60, 10, "Seestrasse 21, 8002 Zürich"),
        (50, 150, 10, "Kunde"), (250, 150, 10, "Kundennummer"), (400, 150, 10, "Datum"),
        (50, 164, 10, "Berghof Hotel GmbH"), (250, 164, 10, "10023"), (400, 164, 10, "01.12.2026"),
        *_TABLE,
    ])  # fmt: skip
    assert found["buyer_name"] == "Berghof Hotel GmbH"


# Class 4: a header word is never a name.


@pytest.mark.parametrize(
    "text",
    ["Date", "Invoice", "Page", "Total", "Description", "Quantity", "Invoice Date", "Unit Price",
     "Total Amount Due", "Qté", "N°", "Business partner no.", "Kundennummer", "Leitwege-ID", "N° TVA client",
     "Lieferdatum"],
)  # fmt: skip
def test_a_header_word_or_a_label_is_never_a_name(text: str) -> None:
    assert not is_name_like(text)


def test_header_words_inside_a_name_keep_it_a_name() -> None:
    for name in ("Data Systems GmbH", "Net Solutions", "Total Print SARL", "Customer Name"):
        assert is_name_like(name, caption_ok=True), name


def test_a_date_heading_over_the_letterhead_is_not_the_seller() -> None:
    found = _parties([
        (50, 40, 10, "Date"),
        (50, 54, 10, "Brightline Studio Ltd"),
        (50, 68, 10, "14 Kingsway"),
        (50, 82, 10, "London WC2B 6XF"),
        (50, 96, 10, "Tel. +44 20 7946 0000"),
        (50, 150, 10, "Harbor Analytics LLC"),
        (50, 164, 10, "77 Pier Avenue"),
        (50, 178, 10, "Portland, OR 97201"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Brightline Studio Ltd"
    assert found["buyer_name"] == "Harbor Analytics LLC"


# Class 5: file names are never names.


@pytest.mark.parametrize(
    "text", ["ZF-Extended__Sammelrechnung_3_Bestellungen.xmi", "report_v2.pdf", "Invoice Template.docx",
             "export_2026"],
)  # fmt: skip
def test_a_file_name_is_never_a_name(text: str) -> None:
    assert not is_name_like(text)


def test_a_generator_file_name_over_the_letterhead_is_not_the_seller() -> None:
    found = _parties([
        (50, 20, 8, "ZF-Extended__Sammelrechnung_3_Bestellungen.xmi"),
        (50, 60, 12, "Lieferant GmbH & Co. KG"),
        (50, 74, 10, "Lieferantenstraße 20"),
        (50, 88, 10, "80333 München"),
        (50, 102, 10, "Tel. +49 89 123456"),
        *_TABLE,
    ])  # fmt: skip
    assert found["seller_name"] == "Lieferant GmbH & Co. KG"
