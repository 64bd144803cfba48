"""Leftover classes of fields read wrong on scans and photos of layouts never seen: words with positions in
A4 points, y from the top."""

from __future__ import annotations

from ocr.name_cleaning import with_form_read_right
from tests.ocr.party_words import Text
from tests.ocr.party_words import parties_of as _parties

_ITEMS: list[Text] = [
    (50, 330, 10, "Description"), (300, 330, 10, "Quantité"), (400, 330, 10, "Prix"),
    (500, 330, 10, "Montant"),
    (50, 346, 10, "Conseil et accompagnement"), (300, 346, 10, "5"), (400, 346, 10, "100,00"),
    (500, 346, 10, "500,00"),
    (400, 600, 10, "Total HT"), (500, 600, 10, "500,00"),
    (400, 614, 10, "Total TTC"), (500, 614, 10, "600,00"),
]  # fmt: skip


# Class 1: the forms "EI" and "plc" closing a name, one of their letters read as its look-alike by OCR.


def test_a_closing_ei_or_plc_misread_by_ocr_is_spelled_as_printed() -> None:
    assert with_form_read_right("Mathieu Roux El") == "Mathieu Roux EI"
    assert with_form_read_right("Ashdown Consulting pic") == "Ashdown Consulting plc"
    assert with_form_read_right("El Rancho Grill") == "El Rancho Grill"  # the article opens names
    assert with_form_read_right("Auberge du pic") == "Auberge du pic"  # a peak, after its preposition
    found = _parties([
        (50, 40, 14, "Antoine Dufour El"),
        (50, 56, 9, "12 rue des Lilas"),
        (50, 68, 9, "69003 Lyon"),
        (50, 80, 9, "SIRET 732 829 320 00074"),
        (330, 110, 9, "Bill to"),
        (330, 122, 9, "Ashdown Consulting pic"),
        (330, 134, 9, "14 King Street"),
        (330, 146, 9, "London WC2B 6XF"),
        *_ITEMS,
    ])  # fmt: skip
    assert found["seller_name"] == "Antoine Dufour EI"
    assert found["buyer_name"] == "Ashdown Consulting plc"
