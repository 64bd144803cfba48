"""Leftover classes of fields read wrong on scans and photos of layouts never seen: words with positions in
A4 points, y from the top."""

from __future__ import annotations

from dataclasses import replace

from ocr.document import Document
from ocr.ghost_words import without_ghosts
from ocr.label_spelling import respelled
from ocr.layout import PageText, Word
from ocr.locate import locate_fields
from ocr.name_cleaning import is_address_line, with_form_read_right
from ocr.ocr_lines import group_ocr_lines
from ocr.parties import locate_parties
from tests.ocr.party_words import Text, page_of
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


# Class 2: a bold word OCR read twice, the second reading shifted over the first and spelling part of it
# ("Cabinet abinet Montclair Montclair SAS"): two printed words never overlap, so the ghost is dropped.


def _ocr_page(lines: list[Text], ghosts: list[Word]) -> PageText:
    page = page_of(lines)
    return PageText(1, [*page.words, *ghosts], "ocr", page.width, page.height)


def test_a_word_read_twice_over_itself_is_kept_once() -> None:
    lines: list[Text] = [
        (50, 40, 14, "Atelier Brunet SARL"),
        (50, 56, 9, "12 rue des Lilas"),
        (50, 68, 9, "69003 Lyon"),
        (50, 80, 9, "SIRET 732 829 320 00074"),
        (330, 110, 9, "Client"),
        (330, 122, 9, "Cabinet Montclair SAS"),
        (330, 134, 9, "14 allée des Platanes"),
        (330, 146, 9, "44000 Nantes"),
        *_ITEMS,
    ]  # fmt: skip
    cabinet, montclair = (w for w in page_of(lines).words if w.text in ("Cabinet", "Montclair"))
    ghosts = [
        Word("abinet", cabinet.x0 + 5, cabinet.y0 + 1, cabinet.x1 - 2, cabinet.y1 + 1),
        Word("Montclair", montclair.x0 + 6, montclair.y0 + 1, montclair.x1 + 4, montclair.y1 + 1),
    ]
    found = locate_parties(Document([_ocr_page(lines, ghosts)]))
    assert found["buyer_name"].value == "Cabinet Montclair SAS"
    # Two words side by side, one spelling part of the other, are both printed.
    assert len(without_ghosts([Word("Dupont", 0, 0, 30, 9), Word("Pont", 34, 0, 54, 9)])) == 2


# Class 3: a dash OCR boxes as a flat sliver, between two words of a name ("Nicolas Rousseau - Design"): set
# as close as the words, it is part of the phrase, as on a text layer; a dash between identity pieces
# (an address, a phone, a run "Name - Form - SIRET ...") stays a separator.


def _sliver(x: float, y: float) -> Word:
    return Word("-", x, y + 4, x + 2.6, y + 5.2)


def test_a_dash_between_the_words_of_a_name_joins_them_on_a_scan() -> None:
    lines: list[Text] = [
        (50, 40, 14, "FACTURE"),
        (330, 110, 9, "Facturé à"),
        (330, 122, 9, "Maison des Lilas EURL"),
        (330, 134, 9, "163 impasse des Lilas"),
        (330, 146, 9, "13008 Marseille"),
        *_ITEMS,
        (56, 706, 9, "Titulaire : Nicolas Rousseau"),
        (56, 718, 9, "IBAN : FR76 3000 3012 3417 3141 2291 992"),
        (425, 740, 9, "Nicolas Rousseau"),
        (425, 758, 9, "SIRET 47580811900097"),
    ]  # fmt: skip
    page = page_of(lines)
    ends = {w.y0: w.x1 for w in page.words if w.text == "Rousseau"}
    extra = [[_sliver(ends[y] + 3, y), Word("Design", ends[y] + 8.6, y, ends[y] + 36.7, y + 9)] for y in ends]
    scanned = PageText(1, [*page.words, *(w for pair in extra for w in pair)], "ocr", page.width, page.height)
    found = locate_parties(Document([scanned]))
    assert found["seller_name"].value == "Nicolas Rousseau - Design"


def test_a_dash_between_identity_pieces_stays_a_separator_on_a_scan() -> None:
    lines: list[Text] = [(50, 40, 9, "Menuiserie Fernandez"), (150, 40, 9, "Entrepreneur individuel")]
    words = page_of(lines).words
    dashes = [_sliver(words[1].x1 + 3, 40), _sliver(words[3].x1 + 3, 40)]
    siret = Word("SIRET", words[3].x1 + 8.6, 40, words[3].x1 + 36, 49)
    scanned = PageText(1, [*words, *dashes, siret], "ocr", 595.0, 842.0)
    texts = [p.text for line in Document([scanned]).lines for p in line.phrases]
    assert "Menuiserie Fernandez - Entrepreneur individuel" not in texts
    alone = PageText(1, [*words, dashes[0]], "ocr", 595.0, 842.0)
    assert [p.text for p in Document([alone]).lines[0].phrases] == [
        "Menuiserie Fernandez - Entrepreneur individuel"
    ]


# Class 4: letters OCR read without their accent where the spelling leaves no choice: the Swiss form
# "Sàrl" heading an address at a four-digit postcode, and French "-ère" closing a word ("Riviére").


def _scanned_parties(lines: list[Text]) -> dict[str, str]:
    page = page_of(lines)
    scanned = PageText(1, page.words, "ocr", page.width, page.height)
    return {name: c.value for name, c in locate_parties(Document([scanned])).items()}


def test_a_swiss_sarl_and_a_french_grave_accent_are_spelled_as_printed() -> None:
    found = _scanned_parties([
        (34, 40, 14, "Garage Rochat Sarl"),
        (34, 56, 9, "28 rue du Rhône"),
        (34, 68, 9, "1003 Lausanne"),
        (34, 80, 9, "N° TVA : CHE-086.378.745 TVA"),
        (330, 110, 9, "Adressé à :"),
        (330, 122, 9, "Ets Riviére EURL"),
        (330, 134, 9, "14 allée des Platanes"),
        (330, 146, 9, "44000 Nantes"),
        *_ITEMS,
    ])  # fmt: skip
    assert found["seller_name"] == "Garage Rochat Sàrl"
    assert found["buyer_name"] == "Ets Rivière EURL"


def test_a_sarl_at_a_french_postcode_keeps_its_spelling() -> None:
    found = _scanned_parties([
        (34, 40, 14, "Garage Rochat Sarl"),
        (34, 56, 9, "28 rue du Rhône"),
        (34, 68, 9, "69003 Lyon"),
        (34, 80, 9, "SIRET 732 829 320 00074"),
        (330, 110, 9, "Adressé à :"),
        (330, 122, 9, "Ets Riviere EURL"),
        (330, 134, 9, "14 allée des Platanes"),
        (330, 146, 9, "44000 Nantes"),
        *_ITEMS,
    ])  # fmt: skip
    assert found["seller_name"] == "Garage Rochat Sarl"
    assert found["buyer_name"] == "Ets Rivière EURL"


# Class 5: a long label word read with two letters wrong ("Rechnungenammer" for "Rechnungsnummer"): its
# value beside it is read; a long word that is no label stays as read.


def test_a_long_label_word_with_two_letters_misread_still_labels_its_value() -> None:
    page = page_of([
        (54, 63, 10, "Lieferant GmbH"), (54, 76, 10, "Lieferantenstraße 20"), (54, 91, 10, "80333 München"),
        (365, 77, 12, "RECHNUNG"),
        (365, 90, 10, "Rechnungenammer"), (538, 90, 10, "471102"),
        (365, 104, 10, "Rechnungsdatum"), (520, 104, 10, "05.03.2013"),
        *_ITEMS,
    ])  # fmt: skip
    located = locate_fields([PageText(1, page.words, "ocr", page.width, page.height)])
    assert located.fields["invoice_number"].value == "471102"
    assert respelled(Word("Rechnungenammer", 0, 0, 80, 10)).text == "Rechnungsnummer"
    assert respelled(Word("Beratungsleistung", 0, 0, 80, 10)).text == "Beratungsleistung"
    assert respelled(Word("Kundenservice", 0, 0, 80, 10)).text == "Kundenservice"


# Class 6: a date caption alone in its phrase ("Issued:"), its date the phrase to its right: the caption
# labels it, over a date in a sentence printed before it ("Paid by direct debit on September 14, 2025").


def test_a_caption_alone_in_its_phrase_labels_the_date_beside_it() -> None:
    page = page_of([
        (43, 38, 14, "Maison Bréhat SASU"), (447, 39, 10, "Invoice #1463201"),
        (397, 66, 10, "Issued:"), (454, 66, 10, "September 11, 2025"),
        (43, 88, 10, "Billed to"), (43, 100, 10, "Groupe Montclair EURL"),
        *_ITEMS,
        (43, 20, 9, "Paid by SEPA direct debit on September 14, 2025."),  # a banner over the page
    ])  # fmt: skip
    for method in ("text", "ocr"):
        located = locate_fields([PageText(1, page.words, method, page.width, page.height)])
        assert located.fields["issue_date"].value == "2025-09-11"


# Class 7: two columns whose lines sit a few points apart (a name block beside "Invoice Date 19 November
# 2025" set lower): each word ends on the line whose level is nearest its own, not on the line that was
# open first.


def _row(x: float, y: float, text: str, size: float = 7.2) -> list[Word]:
    words, left = [], x
    for token in text.split():
        words.append(Word(token, left, y, left + 4.4 * len(token), y + size))
        left += 4.4 * len(token) + 3
    return words


def test_words_of_a_line_set_a_few_points_lower_than_the_next_column_stay_on_their_line() -> None:
    words = [
        *_row(55, 98, "Invoice To:"), *_row(367, 101.8, "Invoice No."), *_row(450, 96, "SI-89032"),
        *_row(55, 110.8, "Harrison & Webb Ltd", 7.4),
        *_row(367, 115.2, "Invoice Date", 6.7), *_row(450.6, 115.2, "19", 6.35),
        *_row(461.9, 114.7, "November 2025", 6.7),
        *_row(55, 124, "Unit 4, Riverside Park"), *_row(367, 128, "Customer Ref"), *_row(450, 128, "HARR094"),
        *_row(55, 137, "Leeds LS10 1AB"),
    ]  # fmt: skip
    lines = [" ".join(w.text for w in line) for line in group_ocr_lines(words)]
    assert "Harrison & Webb Ltd" in lines
    assert "Invoice Date 19 November 2025" in lines
    page = PageText(1, [*words, *page_of(_ITEMS).words], "ocr", 595.0, 842.0)
    assert locate_fields([page]).fields["issue_date"].value == "2025-11-19"


# Class 8: dates no label names, one alone under the title and others on line items that price something
# (a timesheet): the item's date is no issue date, whatever OCR's confidence in each reading.


def test_an_unlabelled_date_on_a_priced_line_gives_way_to_a_date_alone() -> None:
    page = page_of([
        (72, 40, 14, "Jane Doe Consulting"), (476, 60, 12, "INVOICE"),
        (476, 87, 10, "December 25, 2025"),
        (72, 150, 10, "Bill to"), (72, 162, 10, "Acme Corporation Ltd"),
        (72, 307, 10, "Date"), (162, 307, 10, "Hours"), (231, 307, 10, "Rate"),
        (372, 307, 10, "Description"), (527, 307, 10, "Amount"),
        (72, 325, 10, "2025/11/29"), (185, 325, 10, "6"), (223, 325, 10, "€65.00"),
        (372, 325, 10, "Code review"), (529, 325, 10, "€390.00"),
        (72, 343, 10, "2025/12/2"), (172, 343, 10, "5.25"), (223, 343, 10, "€65.00"),
        (372, 343, 10, "Requirements call"), (529, 343, 10, "€341.25"),
        (430, 400, 10, "Total"), (529, 400, 10, "€731.25"),
    ])  # fmt: skip
    sure = {"2025/11/29", "2025/12/2"}
    words = [replace(w, confidence=0.97 if w.text in sure else 0.9) for w in page.words]
    located = locate_fields([PageText(1, words, "ocr", page.width, page.height)])
    assert located.fields["issue_date"].value == "2025-12-25"


# Class 9: a German street whose "ß" OCR read as "f" ("Kundenstrafe 15"): an address line, never a name.


def test_a_german_street_with_its_eszett_read_as_f_is_an_address() -> None:
    assert is_address_line("Kundenstrafe 15")
    found = _scanned_parties([
        (54, 40, 14, "Lieferant GmbH"), (54, 56, 9, "Lieferantenstraße 20"), (54, 68, 9, "80333 München"),
        (54, 80, 9, "USt-IdNr. DE123456789"),
        (54, 148, 9, "Rechnungsempfänger"),
        (54, 165, 9, "Kunden AG Mitte"), (54, 180, 9, "Hans Muster"), (54, 194, 9, "Kundenstrafe 15"),
        (54, 209, 9, "69876 Frankfurt"),
        *_ITEMS,
    ])  # fmt: skip
    assert found["buyer_name"] == "Kunden AG Mitte"
