"""Party names and roles on layouts printed by ERP systems and developer libraries: letterheads with no
caption, address blocks with no caption, footers that carry the issuer's identifiers."""

from __future__ import annotations

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
