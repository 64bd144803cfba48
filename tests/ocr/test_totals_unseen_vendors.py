"""Totals on classes of layout that big vendors' and self-made invoices print: a row of amounts each followed
by what it is ("… € HT  … € TVA  … € TTC"), a label qualified by an aside in brackets ("Net Charges (After
Credits/Discounts, excl. Tax)"), a tax other than VAT among a folio's lines (a tourist tax outside the VAT
base). Each test builds words with positions, as a text layer gives them, in wordings no corpus file uses."""

from __future__ import annotations

import pytest

from ocr.amounts import money_spans
from ocr.layout import PageText, Word
from ocr.locate import Located, locate_fields
from tests.ocr.placed_words import Placed, locate_placed, placed_page

_TOTALS = ("total_excl_tax", "total_tax", "total_incl_tax", "amount_due")


def _value(located: Located, name: str) -> str | None:
    return located.fields[name].value if name in located.fields else None


_HEAD: list[Placed] = [
    (50, 40, "Régie Durance"),
    (50, 60, "Facture n° 7731"),
    (50, 74, "Date : 03/11/2026"),
]

# A table of lines whose first figures could pass for totals when the totals row is misread.
_LINES: list[Placed] = [
    (50, 200, "Désignation"), (330, 200, "Quantité"), (440, 200, "Montant HT"),
    (50, 216, "Abonnement"), (340, 216, "1"), (450, 216, "61,20 €"),
    (50, 232, "Consommation"), (340, 232, "412"), (440, 232, "1 240,12 €"),
    (50, 248, "Assainissement"), (340, 248, "412"), (450, 248, "698,68 €"),
]  # fmt: skip


# --- 1. a row of amounts, each followed by what it is ---


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("Total : 2 000,00 € HT 170,00 € TVA 2 170,00 € TTC", ("2000.00", "170.00", "2170.00")),
        ("Montant total 2 000,00 HT 170,00 TVA 2 170,00 TTC", ("2000.00", "170.00", "2170.00")),
        ("Total 1,250.00 net 250.00 VAT 1,500.00 gross", ("1250.00", "250.00", "1500.00")),
        ("Total : 2 000,00 € HT 400,00 € TVA 20 % 2 400,00 € TTC", ("2000.00", "400.00", "2400.00")),
    ],
)
def test_amounts_named_after_them(row: str, expected: tuple[str, str, str]) -> None:
    located = locate_placed([*_HEAD, *_LINES, (50, 300, row), (50, 340, "Merci de votre confiance.")])
    assert tuple(_value(located, n) for n in _TOTALS[:3]) == expected


def test_tax_word_before_its_amount_is_still_a_label() -> None:
    # Labels first, as usual: "TVA" names the figure after it, not the one before.
    row = "Total HT 2 000,00 € TVA 400,00 € Total TTC 2 400,00 €"
    located = locate_placed([*_HEAD, *_LINES, (50, 300, row)])
    assert tuple(_value(located, n) for n in _TOTALS[:3]) == ("2000.00", "400.00", "2400.00")


# --- 2. a label with an aside in brackets ---


def test_label_with_an_aside_in_brackets() -> None:
    summary: list[Placed] = [
        (50, 300, "Summary"),
        (50, 320, "Net amount (after credits and discounts, excluding tax)"), (480, 320, "USD 812.40"),
        (50, 336, "Tax to be collected"), (480, 336, "USD 162.48"),
        (50, 352, "Total for this invoice"), (480, 352, "USD 974.88"),
    ]  # fmt: skip
    located = locate_placed([(50, 40, "Nimbus Cloud Ltd"), (50, 60, "Invoice Number: NC-88121"), *summary])
    assert tuple(_value(located, n) for n in _TOTALS[:3]) == ("812.40", "162.48", "974.88")


def test_a_sentence_with_brackets_is_no_label() -> None:
    sentence = "This total (as agreed in the contract signed last year with your company) is final"
    located = locate_placed([*_HEAD, (50, 300, sentence), (480, 300, "500.00")])
    assert _value(located, "total_excl_tax") is None


# --- 3. a tax other than VAT among the lines ---


@pytest.mark.parametrize("scanned", [False, True])
def test_tourist_tax_among_the_lines_stays_outside_the_vat_base(scanned: bool) -> None:
    folio: list[Placed] = [
        (50, 200, "Date"), (130, 200, "Libellé"), (480, 200, "Montant TTC"),
        (50, 216, "02/11/2026"), (130, 216, "Nuitée chambre double"), (500, 216, "96,00"),
        (50, 232, "03/11/2026"), (130, 232, "Nuitée chambre double"), (500, 232, "96,00"),
        (50, 248, "03/11/2026"), (130, 248, "Taxe de séjour (2 nuits)"), (505, 248, "3,30"),
        (380, 280, "Total TTC"), (490, 280, "195,30 EUR"),
        (50, 310, "Taux TVA"), (160, 310, "Base HT"), (260, 310, "TVA"), (350, 310, "TTC"),
        (50, 326, "10 %"), (165, 326, "174,55"), (260, 326, "17,45"), (345, 326, "192,00"),
        (380, 350, "Réglé CB"), (490, 350, "-195,30 EUR"),
        (380, 366, "Solde"), (500, 366, "0,00 EUR"),
    ]  # fmt: skip
    items = [(240, 40, "Hôtel des Tilleuls"), (50, 100, "Note n° 4410"), *folio]
    # Scanned, the totals' check (net + tax = gross) must not take the gap for an OCR misreading.
    located = _scan(items) if scanned else locate_placed(items)
    assert _value(located, "total_incl_tax") == "195.30"
    assert _value(located, "total_excl_tax") == "174.55"
    assert _value(located, "amount_due") == "0.00"


@pytest.mark.parametrize(
    "text", ["Taxe de séjour (5 nuit(s))", "Forfait 3 nuits", "Menu 4 pers.", "2 nights", "6 personnes"]
)
def test_counts_of_nights_and_guests_are_no_money(text: str) -> None:
    assert money_spans(text) == []


# --- 4. totals OCR bent: a lost decimal mark, digits split apart ---


def _scan(items: list[Placed], confidence: float = 0.9) -> Located:
    page = placed_page(items)
    words = [Word(w.text, w.x0, w.y0, w.x1, w.y1, confidence) for w in page.words]
    return locate_fields([PageText(1, words, "ocr", page.width, page.height)])


def test_a_total_whose_decimal_mark_ocr_lost() -> None:
    box = [
        (260, 420, "Total honoraires HT"), (500, 420, "2 305,80 €"),
        (260, 437, "TVA 20 %"), (505, 437, "461,16 €"),
        (260, 454, "Total TTC"), (500, 454, "276696€"),
        (260, 471, "Net à payer"), (500, 471, "276696€"),
    ]  # fmt: skip
    located = _scan([*_HEAD, *box])
    assert tuple(_value(located, n) for n in _TOTALS) == ("2305.80", "461.16", "2766.96", "2766.96")


def test_an_integer_total_that_adds_up_stays_whole() -> None:
    box = [
        (260, 420, "Total HT"), (500, 420, "1500"), (260, 437, "TVA"), (500, 437, "300"),
        (260, 454, "Total TTC"), (500, 454, "1800"), (260, 471, "Acompte"), (500, 471, "500,00"),
    ]  # fmt: skip
    located = _scan([*_HEAD, *box])
    assert tuple(_value(located, n) for n in _TOTALS[:3]) == ("1500", "300", "1800")


def test_a_due_amount_whose_digits_ocr_split() -> None:
    header = [
        (330, 110, "Facture n°"),
        (420, 110, "Montant dû (EUR)"),
        (330, 126, "1915"),
        (415, 132, "2 4 18.60 €"),
    ]
    box = [(410, 300, "Sous-total"), (500, 300, "2 015.50 €"), (410, 316, "TVA 20 %"), (505, 316, "403.10 €"),
           (430, 331, "Total"), (500, 331, "2 418.60 €")]  # fmt: skip
    located = _scan([(50, 40, "Studio Brunel"), *header, *box])
    assert _value(located, "total_incl_tax") == "2418.60"
    assert _value(located, "amount_due") == "2418.60"


# --- 5. totals labels OCR lost, figures it kept ---


def test_figures_under_a_labelled_net_whose_labels_ocr_lost() -> None:
    items = [
        (60, 330, "Aantal Omschrijving"), (440, 330, "Prijs"), (520, 330, "Totaal"),
        (86, 346, "1"), (100, 346, "Ontwerp logo"), (428, 346, "€410,00"), (519, 346, "€410,00"),
        (86, 362, "1"), (100, 362, "Drukwerk"), (438, 362, "€95,50"), (528, 362, "€95,50"),
        (340, 386, "Totaal excl. btw"), (518, 386, "€505,50"),
        (524, 400, "€106,16"),
        (518, 414, "€611,66"),
    ]  # fmt: skip
    located = _scan([(50, 40, "Studio Noord"), (50, 60, "Factuurnummer 2026-0042"), *items])
    assert tuple(_value(located, n) for n in _TOTALS[:3]) == ("505.50", "106.16", "611.66")


def test_net_whose_figure_ocr_lost_under_taxes_of_two_rates() -> None:
    box = [
        (417, 273, "Sous-total"), (512, 273, "1"),
        (417, 290, "TVA 20%"), (519, 290, "240.00 €"),
        (414, 305, "TVA 5,5 %"), (529, 305, "11.00 €"),
        (438, 319, "Total"), (511, 319, "1 451.00 €"),
    ]  # fmt: skip
    located = _scan([*_HEAD, *box])
    assert tuple(_value(located, n) for n in _TOTALS[:3]) == ("1200.00", "251.00", "1451.00")


# --- 6. a total OCR lost in a coloured band: the lines' column sum ---

_TABLE: list[Placed] = [
    (60, 260, "DESCRIPTION"), (330, 260, "QTÉ"), (400, 260, "PRIX"), (505, 260, "TOTAL"),
    (60, 285, "Séance photo"), (338, 285, "3"), (394, 285, "420,00 €"), (495, 285, "1 260,00 €"),
    (60, 300, "incluant retouches"),
    (60, 315, "Tirages grand format"), (338, 315, "12"), (394, 315, "15,50 €"), (503, 315, "186,00 €"),
    (57, 420, "TVA non applicable, art. 293 B du CGI"),
]  # fmt: skip


def test_lines_column_sum_stands_for_a_total_ocr_lost() -> None:
    located = _scan(
        [(50, 40, "Camille Girard Photographie"), (50, 160, "N° FACTURE"), (50, 175, "2026031"), *_TABLE]
    )
    assert _value(located, "total_incl_tax") == "1446.00"


def test_a_read_total_beats_the_lines_column_sum() -> None:
    band = [(354, 350, "TOTAL"), (473, 350, "1 500,00 €")]  # a total printed: the lines are not all read
    located = _scan([(50, 40, "Camille Girard Photographie"), *_TABLE, *band])
    assert _value(located, "total_incl_tax") == "1500.00"


def test_a_rated_tax_whose_decimal_mark_ocr_lost_among_two_rates() -> None:
    box = [
        (50, 200, "Désignation"), (300, 200, "Qté"), (390, 200, "Prix"), (450, 200, "TVA"),
        (500, 200, "Total HT"),
        (50, 216, "Pose"), (305, 216, "1"), (390, 216, "700,00 €"), (450, 216, "20%"), (500, 216, "700,00 €"),
        (50, 232, "Fourniture"), (305, 232, "2"), (390, 232, "150,00 €"), (450, 232, "10%"),
        (500, 232, "300,00 €"),
        (330, 260, "SOUS-TOTAL HT"), (492, 260, "1 000,00 €"),
        (330, 276, "TVA 20 %"), (499, 276, "14000"),
        (330, 292, "TVA 10 %"), (504, 292, "30,00 €"),
        (330, 308, "TOTAL TTC"), (491, 308, "1 170,00 €"),
    ]  # fmt: skip
    located = _scan([*_HEAD, *box])
    assert tuple(_value(located, n) for n in _TOTALS[:3]) == ("1000.00", "170.00", "1170.00")


# --- 7. a Swiss QR-bill's payment part ---


@pytest.mark.parametrize(("currency", "amount"), [("Währung", "Betrag"), ("Valuta", "Importo")])
def test_qr_bill_amount_when_the_invoice_total_was_lost(currency: str, amount: str) -> None:
    lines = [
        (60, 260, "Beschreibung"), (330, 260, "Menge"), (400, 260, "Preis"), (505, 260, "Total"),
        (60, 285, "Beratung"), (338, 285, "6"), (400, 285, "150.00"), (505, 285, "900.00"),
        (60, 300, "Reisezeit"), (338, 300, "2"), (400, 300, "75.00"), (505, 300, "150.00"),
        (13, 700, "Empfangsschein"), (185, 700, "Zahlteil"),
        (13, 715, currency), (55, 715, amount), (185, 715, currency), (250, 715, amount),
        (13, 728, "CHF"), (55, 728, "1 050.00"), (185, 728, "CHF"), (250, 728, "1 050.00"),
    ]  # fmt: skip
    located = _scan([(50, 40, "Lukas Meier Beratung"), (50, 60, "Rechnung 2026-014"), *lines])
    assert _value(located, "amount_due") == "1050.00"
    assert _value(located, "total_incl_tax") == "1050.00"


def test_a_currency_and_amount_table_without_a_code_is_no_qr_bill() -> None:
    lines = [(300, 400, "Currency"), (380, 400, "Amount"), (300, 415, "Euro zone"), (380, 415, "12.50")]
    located = locate_placed([*_HEAD, *lines])
    assert _value(located, "amount_due") is None


def test_a_due_label_whose_figure_ocr_lost() -> None:
    box = [
        (283, 378, "Total HT"), (510, 378, "1 250,00 €"),
        (283, 391, "Total TVA"), (518, 391, "250,00 €"),
        (283, 404, "Total TTC"), (510, 404, "1 500,00 €"),
        (283, 417, "Montant à payer"), (510, 417, "2"), (548, 417, "€"),
    ]  # fmt: skip
    located = _scan([*_HEAD, *box])
    assert _value(located, "amount_due") == "1500.00"


@pytest.mark.parametrize(("text", "value"), [("3:127,55€", "3127.55"), ("Total 3;722,68 €", "3722.68")])
def test_a_thousands_space_ocr_read_as_a_colon(text: str, value: str) -> None:
    assert [str(m.value) for m in money_spans(text)] == [value]


def test_a_net_label_whose_figure_ocr_lost_but_its_currency_sign() -> None:
    rows = [
        (60, 246, "Réf."), (121, 246, "Désignation"), (344, 246, "Qté"), (403, 246, "PUHT"),
        (444, 246, "Rem."), (519, 246, "Total HT"),
        (60, 263, "SRV-8075"), (121, 263, "Support technique"), (350, 263, "10"), (403, 263, "150,00"),
        (515, 263, "1 500,00"),
        (60, 279, "SRV-7720"), (121, 279, "Audit"), (355, 279, "1"), (403, 279, "320,00"), (452, 279, "5%"),
        (522, 279, "304,00"),
        (60, 295, "P-1921"), (121, 295, "Maintenance"), (355, 295, "1"), (407, 295, "66,00"),
        (448, 295, "10%"),
        (532, 295, "59,40"),
        (61, 335, "Taux"), (149, 335, "Base HT"), (230, 335, "TVA"), (431, 335, "Total HT"), (550, 335, "€"),
        (61, 351, "20%"), (150, 351, "1863,40"), (222, 351, "372,68"), (431, 351, "Total TVA"),
        (519, 351, "372,68 €"),
        (431, 370, "Total TTC"), (511, 370, "2 236,08 €"),
    ]  # fmt: skip
    located = _scan([*_HEAD, *rows])
    assert tuple(_value(located, n) for n in _TOTALS[:3]) == ("1863.40", "372.68", "2236.08")
