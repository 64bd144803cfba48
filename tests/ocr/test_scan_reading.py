"""Fields a scan reads differently from the text layer of the same page, as classes: letters the OCR
languages cannot give (accents), words OCR misspells. Words with positions in A4 points, y from the top,
on pages read by OCR."""

from __future__ import annotations

from datetime import date

from ocr.code_zeros import with_zeros
from ocr.dates import parse_date
from ocr.document import Document
from ocr.label_spelling import respelled
from ocr.layout import PageText, Word
from ocr.locate import locate_fields
from ocr.model import Method
from ocr.ocr_accents import name_language, with_accents
from ocr.ocr_repair import find_repaired_iban
from ocr.parties import locate_parties
from tests.ocr.party_words import Text, page_of

_ITEMS: list[Text] = [
    (50, 330, 10, "Description"), (300, 330, 10, "Quantity"), (500, 330, 10, "Amount"),
    (50, 346, 10, "Consulting"), (300, 346, 10, "1"), (500, 346, 10, "500.00"),
    (400, 600, 10, "Total"), (500, 600, 10, "500.00"),
]  # fmt: skip


def _scanned(lines: list[Text], method: Method = "ocr") -> dict[str, str]:
    page = page_of(lines)
    scan = PageText(1, page.words, method, page.width, page.height)
    return {name: c.value for name, c in locate_parties(Document([scan])).items()}


def _two_blocks(seller: list[str], buyer: list[str], caption: str = "Bill to") -> list[Text]:
    lines: list[Text] = [(57, 40 + 12 * i, 10, text) for i, text in enumerate(seller)]
    lines += [(330, 140, 10, caption)]
    lines += [(330, 154 + 12 * i, 10, text) for i, text in enumerate(buyer)]
    return lines + [(57, 250, 14, "Invoice"), *_ITEMS]


# Class 1: letters outside the OCR languages (Spanish "í", "á"; German umlauts) read without the accent,
# put back where the name's language, known from its legal form or its VAT number, spells them so.


def test_a_spanish_company_read_by_ocr_gets_the_accents_of_its_surname_and_trade_back() -> None:
    found = _scanned(
        _two_blocks(
            ["Asesoria Gonzalez S.L.", "Calle Mayor 12", "28013 Madrid", "CIF: ESB12345674"],
            ["Distribuciones Garcia S.L.U.", "Avenida del Puerto 4", "46021 Valencia"],
        )
    )
    assert found["seller_name"] == "Asesoría González S.L."
    assert found["buyer_name"] == "Distribuciones García S.L.U."


def test_a_name_whose_form_says_nothing_takes_its_language_from_its_own_vat_number() -> None:
    assert name_language("Asesoria del Sur S.A.", "ESA46077699") == "es"
    assert with_accents("Asesoria del Sur S.A.", "es") == "Asesoría del Sur S.A."
    assert name_language("Asesoria del Sur S.A.", None) is None
    assert with_accents("Asesoria del Sur S.A.", None) == "Asesoria del Sur S.A."


def test_a_french_company_keeps_a_spanish_surname_as_french_usage_writes_it() -> None:
    found = _scanned(
        _two_blocks(
            ["Transports Martinez SARL", "12 rue de la Gare", "31000 Toulouse"],
            ["Fernandez & Fils SAS", "4 avenue Jean Jaurès", "69007 Lyon"],
        )
    )
    assert found["seller_name"] == "Transports Martinez SARL"
    assert found["buyer_name"] == "Fernandez & Fils SAS"


def test_a_text_layer_name_is_kept_as_its_issuer_spelled_it() -> None:
    found = _scanned(
        _two_blocks(["Construcciones Martinez S.L.", "Calle Mayor 12", "28013 Madrid"], ["Acme Ltd"]),
        method="text",
    )
    assert found["seller_name"] == "Construcciones Martinez S.L."


def test_german_umlauts_read_as_a_circumflex_a_double_i_or_no_mark_are_put_back() -> None:
    found = _scanned(
        _two_blocks(
            ["Ingenieurbiiro Weber GmbH", "Hauptstraße 5", "10115 Berlin"],
            ["Koch & Sôhne KG", "Marktplatz 3", "80331 München"],
            caption="Rechnungsempfänger",
        )
    )
    assert found["seller_name"] == "Ingenieurbüro Weber GmbH"
    assert found["buyer_name"] == "Koch & Söhne KG"
    assert with_accents("Backerei Hoffmann KG", name_language("Backerei Hoffmann KG", None)) == (
        "Bäckerei Hoffmann KG"
    )


def test_the_spelled_out_german_form_is_restored_even_with_its_end_misread_and_bracket_lost() -> None:
    found = _scanned(
        _two_blocks(
            ["Krause Druckerei UG (haftungsbeschrankt)", "Hauptstraße 5", "10115 Berlin"],
            ["Wagner Maschinenbau UG (haftungsiseserranikes", "Marktplatz 3", "80331 München"],
            caption="Rechnungsempfänger",
        )
    )
    assert found["seller_name"] == "Krause Druckerei UG (haftungsbeschränkt)"
    assert found["buyer_name"] == "Wagner Maschinenbau UG (haftungsbeschränkt)"


def test_french_spelling_writes_a_grave_accent_before_a_closing_mute_e() -> None:
    found = _scanned(
        _two_blocks(
            ["Groupe Lefévre & Fils SARL", "12 rue de la Gare", "31000 Toulouse"],
            ["Maison Riviere SASU", "4 avenue Jean Jaurès", "69007 Lyon"],
            caption="Facturé à",
        )
    )
    assert found["seller_name"] == "Groupe Lefèvre & Fils SARL"
    assert found["buyer_name"] == "Maison Rivière SASU"
    # "é" that a syllable follows stays: "Générale", "Sébastien".
    assert with_accents("Société Générale SAS", "fr") == "Société Générale SAS"
    assert with_accents("Sébastien Caré SARL", "fr") == "Sébastien Caré SARL"


def test_italian_portuguese_and_german_letters_outside_the_ocr_languages_are_put_back() -> None:
    def spelled(name: str, vat_id: str | None = None) -> str:
        return with_accents(name, name_language(name, vat_id))

    assert spelled("Fratelli Rossi Societa Agricola S.r.l.") == "Fratelli Rossi Società Agricola S.r.l."
    assert spelled("Caffe Centrale", "IT09804820950") == "Caffè Centrale"
    assert spelled("Joao Simoes Construçoes Lda.") == "João Simões Construções Lda."
    assert spelled("Weber GroBhandel GmbH") == "Weber Großhandel GmbH"
    assert spelled("StraRenbau Krause GmbH") == "Straßenbau Krause GmbH"
    # Words the vocabulary does not hold keep their letters: "Salita" is a word, "Gross" a surname.
    assert spelled("Margherita Salita S.r.l.") == "Margherita Salita S.r.l."
    assert spelled("Gross Hotel GmbH") == "Gross Hotel GmbH"


def test_words_of_other_languages_are_never_respelled_by_a_vocabulary_they_do_not_belong_to() -> None:
    assert with_accents("Papiere Tiere GmbH", "de") == "Papiere Tiere GmbH"
    assert with_accents("Cooperative Bakery Ltd", None) == "Cooperative Bakery Ltd"
    assert with_accents("Logistica Garcia S.r.l.", None) == "Logistica Garcia S.r.l."


# Class 2: a total OCR misread breaks excl. tax + tax = incl. tax; the one reading the arithmetic and the
# page single out is recomputed from the two others, never a guess among several.


def _totals_page(rows: list[tuple[str, str]], method: Method = "ocr") -> dict[str, str]:
    lines: list[Text] = [(50, 40, 10, "Studio Martin SARL"), (50, 60, 10, "Avoir n° AV-2026-014"),
                         (50, 74, 10, "Date : 07/12/2026")]  # fmt: skip
    lines += [(320, 600 + 16 * i, 10, label) for i, (label, _) in enumerate(rows)]
    lines += [(480, 600 + 16 * i, 10, amount) for i, (_, amount) in enumerate(rows)]
    page = page_of(lines)
    located = locate_fields([PageText(1, page.words, method, page.width, page.height)])
    return {n: f.value for n, f in located.fields.items() if n.startswith("total")}


def test_a_credit_note_tax_whose_minus_and_first_digit_ocr_lost_is_recomputed() -> None:
    rows = [("Total HT", "-218,48 €"), ("Total TVA", "4,99 €"), ("Total TTC", "-233,47 €")]
    assert _totals_page(rows)["total_tax"] == "-14.99"
    # The same digits on a text layer are the issuer's own: kept.
    assert _totals_page(rows, method="text")["total_tax"] == "4.99"


def test_a_total_misread_is_put_right_by_its_other_printing_on_the_page() -> None:
    # 1 245,30 + 123,54 = 1 368,84: "1 398,84" is the misread one, as the amount to pay prints again.
    rows = [("Total HT", "1 245,30 €"), ("Total TVA", "123,54 €"), ("Total TTC", "1 398,84 €"),
            ("Net à payer", "1 368,84 €")]  # fmt: skip
    assert _totals_page(rows)["total_incl_tax"] == "1368.84"
    # With no other printing, each of the three is a digit away from what the others give: kept.
    assert _totals_page(rows[:3])["total_incl_tax"] == "1398.84"


def test_totals_that_several_readings_could_explain_are_left_as_read() -> None:
    # 218,48 + 4,99 = 223,47: the excl. tax, the tax and the incl. tax are each one digit from a sum.
    rows = [("Total HT", "218,48 €"), ("Total TVA", "4,99 €"), ("Total TTC", "233,47 €")]
    assert _totals_page(rows) == {
        "total_excl_tax": "218.48", "total_tax": "4.99", "total_incl_tax": "233.47"
    }  # fmt: skip
    # A charge outside the tax base (stamp duty) breaks the sum by more than a misread digit.
    rows = [("Total HT", "100,00 €"), ("Total TVA", "20,00 €"), ("Total TTC", "121,50 €")]
    assert _totals_page(rows)["total_incl_tax"] == "121.50"


# Class 3: OCR sets the separators of a footer line apart ("Acme SARL || - || 5 boulevard Voltaire"), so the
# company's name heads its footer address as a phrase of its own, as the legal mentions already did.


def _footer_page(footer: list[Text]) -> list[Text]:
    head: list[Text] = [
        (57, 36, 14, "FACTURE"), (57, 56, 10, "04/10/2025"),
        (57, 120, 10, "Adresse de facturation"), (57, 134, 10, "Studio Rivière SA"),
        (57, 146, 10, "97 chemin des Vignes"), (57, 158, 10, "13006 Marseille"),
    ]  # fmt: skip
    return head + _ITEMS + footer


def _apart(x: float, y: float, size: float, pieces: list[str]) -> list[Text]:
    """Pieces of one line that OCR set apart: two character widths and more between them."""
    placed: list[Text] = []
    for piece in pieces:
        placed.append((x, y, size, piece))
        x += sum(0.52 * size * len(t) for t in piece.split()) + 0.28 * size * piece.count(" ") + 2 * size
    return placed


_FOOTER = _apart(120, 767, 7, ["Studio Horizon SARL", "-", "5 boulevard Voltaire", "-", "67000 Strasbourg"])


def test_a_company_heading_its_footer_address_in_separate_phrases_is_the_seller() -> None:
    found = _scanned(_footer_page(_FOOTER))
    assert found["seller_name"] == "Studio Horizon SARL"
    assert found["buyer_name"] == "Studio Rivière SA"


_TAGLINE: list[Text] = [
    (57, 38, 14, "Malerbetrieb Fischer"),
    *_apart(57, 57, 8, ["Meisterbetrieb", "-", "Hauptstraße 72", "-", "50667 Köln"]),
    *_apart(57, 69, 8, ["Tel. +49 967 3812414", "-", "Steuernummer 24/357/78063"]),
    (57, 128, 10, "Praxis Dr. Braun"), (57, 141, 10, "Hauptstraße 25"), (57, 154, 10, "80331 München"),
    (330, 128, 10, "Datum: 5. Juli 2025"), (330, 141, 10, "Rechnung Nr.: 20254184"),
]  # fmt: skip


def test_a_tagline_heading_an_address_without_a_legal_form_is_no_name() -> None:
    found = _scanned(_TAGLINE + _ITEMS)
    assert found["seller_name"] == "Malerbetrieb Fischer"


# Class 4: an IBAN printed with no IBAN label ("Bank account: GB02 NWBK ...") whose first check digit OCR
# read as a letter: the country's letters as printed start it, the checksum repairs the digit.


def test_an_unlabelled_iban_with_its_check_digit_read_as_a_letter_is_repaired() -> None:
    lines = _two_blocks(["Thornbury Supplies Ltd", "12 Park Row", "LS1 4DY Leeds"], ["Acme Ltd"])
    lines += [(57, 650, 9, "Bank account: GBO2NWBK60161382173887"), (57, 662, 9, "SWIFT: NWBKGB2LXXX")]
    assert _scanned(lines)["seller_iban"] == "GB02NWBK60161382173887"
    # A VAT number read the same way is no IBAN: too short for its country's format.
    assert find_repaired_iban("TVA FRO2541220356") is None


# Class 5: OCR reads the "º" of the Spanish and Portuguese caption "n.º" as a "2" ("Factura n.2 9/2025").


def _number_of(title: str) -> str | None:
    lines: list[Text] = [(57, 40, 14, title), (57, 70, 10, "Fecha de emisión: 01/09/2025"), *_ITEMS]
    page = page_of(lines)
    located = locate_fields([PageText(1, page.words, "ocr", page.width, page.height)])
    number = located.fields.get("invoice_number")
    return None if number is None else number.value


def test_a_caption_n_degree_read_as_n_2_still_captions_the_number_after_it() -> None:
    assert _number_of("Factura n.2 9/2025") == "9/2025"
    assert _number_of("Factura n.º 9/2025") == "9/2025"
    # "n.2" followed by a word is invoice number 2: the caption does not reach for the date further on.
    assert _number_of("Fattura n.2 del 03/03/2025") not in ("del", "03/03/2025")


# Class 6: a label word OCR misspelled by one slip (its first letter lost at the edge of a coloured box, a
# look-alike letter) is put back before labels are matched, when one label word alone explains it.


def test_a_label_that_lost_its_first_letter_still_captions_its_value() -> None:
    lines: list[Text] = [
        (57, 35, 12, "Kingfisher Analytics Ltd"), (380, 35, 10, "nvoice Number"), (500, 35, 10, "6640"),
        (380, 56, 10, "nvoice Date"), (500, 56, 10, "02/12/2025"), (57, 60, 10, "156 Church Lane"),
        *_ITEMS,
    ]  # fmt: skip
    page = page_of(lines)
    located = locate_fields([PageText(1, page.words, "ocr", page.width, page.height)])
    assert located.fields["invoice_number"].value == "6640"
    assert located.fields["issue_date"].value == "2025-12-02"


def test_words_that_are_no_slip_of_a_label_word_are_read_as_they_are() -> None:
    for text in ("Montana", "Import", "Invoice", "nvoice:", "Règiement", "Dale", "Totaux"):
        word = Word(text, 0, 0, 10, 10, 0.9)
        assert respelled(word).text == {"nvoice:": "invoice:", "Règiement": "Règlement"}.get(text, text)


# Class 7: OCR drops the space after the comma of an English date ("Oct 11,2025"): still that date.


def test_a_month_first_date_whose_comma_lost_its_space_is_read() -> None:
    lines: list[Text] = [(57, 35, 12, "Acme Ltd"), (380, 35, 10, "Invoice No: 2025-118"),
                         (380, 50, 10, "Invoice Date: Oct 11,2025"), *_ITEMS]  # fmt: skip
    page = page_of(lines)
    located = locate_fields([PageText(1, page.words, "ocr", page.width, page.height)])
    assert located.fields["issue_date"].value == "2025-10-11"
    assert parse_date("October 11,2025") == date(2025, 10, 11)
    assert parse_date("Oct 112025") is None  # no separator at all: day and year cannot be told apart


# Class 8: OCR reads a 0 among a code's letters as an O ("INV-FF0D-8000" read "INV-FFOD-8000"); a group of
# hexadecimal characters gets its 0 back, a prefix or a group with other letters keeps its O.


def test_a_zero_read_as_o_in_a_hexadecimal_group_of_the_invoice_number_is_put_back() -> None:
    lines: list[Text] = [(57, 35, 12, "Brightmetric, Inc."), (57, 68, 10, "Invoice number INV-FFOD-8000"),
                         (57, 80, 10, "Date of issue January 7, 2026"), *_ITEMS]  # fmt: skip
    page = page_of(lines)
    scan = locate_fields([PageText(1, page.words, "ocr", page.width, page.height)])
    assert scan.fields["invoice_number"].value == "INV-FF0D-8000"
    text = locate_fields([page])
    assert text.fields["invoice_number"].value == "INV-FFOD-8000"  # a text layer's letters are printed ones


def test_prefixes_words_and_groups_with_other_letters_keep_their_o() -> None:
    assert with_zeros("9FO693A4-0036") == "9F0693A4-0036"
    assert with_zeros("FA-2O26-0960") == "FA-2026-0960"
    for kept in ("LOC2025128606", "FOR-2603-767", "TOSL110", "CO2609-0778", "INV-CODE-0001", "AOB1"):
        assert with_zeros(kept) == kept
