"""Totals on layouts of a generated fix set (issue 15), by class: net totals worded "hors TVA" or "IVA
esclusa", the balance of an earlier invoice, a due amount that is the only bottom line, and the rows of a
VAT breakdown table with several rates. Each test builds words with positions, as a text layer gives them."""

from __future__ import annotations

import pytest

from ocr.locate import Located
from tests.ocr.placed_words import Placed, locate_placed

_TOTALS = ("total_excl_tax", "total_tax", "total_incl_tax", "amount_due")


def _totals(located: Located) -> tuple[str | None, ...]:
    return tuple(located.fields[n].value if n in located.fields else None for n in _TOTALS)


_HEAD: list[Placed] = [
    (50, 40, "Atelier Rochat"),
    (50, 60, "Facture n° 2026-014"),
    (50, 74, "Date : 07/12/2026"),
]


def _box(*rows: tuple[str, str], x: float = 320, y: float = 600) -> list[Placed]:
    """A summary box: each label left, its amount right, one row under the other."""
    placed: list[Placed] = []
    for i, (label, amount) in enumerate(rows):
        placed += [(x, y + 16 * i, label), (x + 160, y + 16 * i, amount)]
    return placed


# --- 1. the net total named by what it leaves out of the tax ---


@pytest.mark.parametrize("label", ["Total hors TVA", "Montant hors T.V.A.", "Hors TVA", "Totale IVA esclusa"])
def test_a_net_total_worded_without_the_tax_is_the_net_total_not_the_tax(label: str) -> None:
    box = _box((label, "1 761,44"), ("TVA à 20 %", "352,29"), ("Total TTC (€)", "2 113,73"))
    assert _totals(locate_placed(_HEAD + box))[:3] == ("1761.44", "352.29", "2113.73")


# --- 2. the balance of an earlier invoice ---


@pytest.mark.parametrize(
    "earlier",
    [
        "Solde de la facture précédente : 205,40 € — réglé, merci.",
        "Solde antérieur : 205,40 €",
        "Previous balance: 205.40",
    ],
)
def test_the_balance_of_an_earlier_invoice_is_no_amount_due_of_this_one(earlier: str) -> None:
    box = _box(("Total HT", "1 761,44"), ("TVA 20 %", "352,29"), ("Total TTC", "2 113,73"))
    located = locate_placed(_HEAD + [(50, 280, earlier)] + box)
    assert _totals(located) == ("1761.44", "352.29", "2113.73", "2113.73")


# --- 3. a due amount as the only bottom line ---

_NL_LINES: list[Placed] = [
    (50, 300, "Omschrijving"), (290, 300, "Aantal"), (380, 300, "Prijs"), (430, 300, "BTW"),
    (500, 300, "Totaal"),
    (50, 316, "Voorrijkosten"), (290, 316, "10,00"), (370, 316, "€ 42,30"), (430, 316, "21%"),
    (500, 316, "€ 423,00"),
]  # fmt: skip


@pytest.mark.parametrize("lines", [[], _NL_LINES], ids=["box only", "under a table"])
@pytest.mark.parametrize("due", ["Te betalen", "Net à payer", "Amount payable"])
def test_with_nothing_paid_before_the_due_amount_stands_for_the_gross_total(
    lines: list[Placed], due: str
) -> None:
    box = _box(("Subtotaal", "€ 423,00"), ("BTW 21%", "€ 88,83"), (due, "€ 511,83"))
    assert _totals(locate_placed(_HEAD + lines + box)) == ("423.00", "88.83", "511.83", "511.83")


def test_a_due_amount_that_the_net_and_tax_do_not_make_is_no_gross_total() -> None:
    box = _box(("Subtotaal", "€ 423,00"), ("BTW 21%", "€ 88,83"), ("Te betalen", "€ 500,00"))
    assert _totals(locate_placed(_HEAD + box))[2:] == (None, "500.00")


# --- 4. a VAT breakdown with a row per rate above the totals ---


def _by_rate(gross: str, below: list[Placed] | None = None) -> list[Placed]:
    table: list[Placed] = [
        (50, 300, "Taux"), (170, 300, "Base HT"), (275, 300, "TVA"), (360, 300, "TTC"),
        (50, 316, "5,5 %"), (170, 316, "1 317,00"), (270, 316, "72,44"), (340, 316, "1 389,44"),
        (50, 330, "20 %"), (180, 330, "136,84"), (270, 330, "27,37"), (350, 330, "164,21"),
    ]  # fmt: skip
    return (
        _HEAD
        + table
        + (below or [])
        + _box(("Total HT", "1 453,84 €"), ("Total TVA", "99,81 €"), ("Total TTC", gross))
    )


def test_the_first_row_of_a_vat_breakdown_by_rate_is_no_set_of_totals() -> None:
    """OCR lost the gross total's figure ("193309"): the first rate's row adds up on its own, yet the totals
    are the labelled ones, the gross worked out from them."""
    located = locate_placed(_by_rate("193309"))
    assert _totals(located)[:3] == ("1453.84", "99.81", "1553.65")


def test_a_single_row_of_totals_under_headers_is_still_read_with_a_sentence_under_it() -> None:
    """ "Total HT | TVA 20 % | Total TTC" over one row, then terms whose "30" and "10" sit under two of the
    headers: a sentence, not a second row of the table."""
    rows: list[Placed] = [
        (58, 354, "Total transport HT"), (282, 354, "Total HT"), (382, 354, "TVA 20 %"),
        (484, 354, "Total TTC"),
        (75, 369, "5 293,78"), (279, 369, "5 738,46"), (382, 369, "1 147,69"), (470, 369, "6 886,15 EUR"),
        (46, 384, "Échéance"), (282, 384, "30"), (300, 384, "fin de mois, pénalités BCE majoré de"),
        (484, 384, "10"),
    ]  # fmt: skip
    assert _totals(locate_placed(_HEAD + rows))[:3] == ("5738.46", "1147.69", "6886.15")


# --- 5. a net total whose figure OCR could not read ---


@pytest.mark.parametrize("net", [[], [(480, 600, "2")]], ids=["nothing", "a stray digit"])
def test_a_net_total_label_with_an_unreadable_figure_gets_the_gross_less_the_tax(net: list[Placed]) -> None:
    box = [(320, 600, "Total HT"), *net] + _box(
        ("TVA 10 %", "3 137,24 €"), ("Total TTC", "34 509,65 €"), ("Acompte reçu", "150,00 €"),
        ("Reste dû", "34 359,65 €"), y=616,
    )  # fmt: skip
    located = locate_placed(_HEAD + box)
    assert _totals(located) == ("31372.41", "3137.24", "34509.65", "34359.65")
    assert located.fields["total_excl_tax"].bbox is None  # worked out, printed nowhere readable
    assert located.fields["total_excl_tax"].confidence < 0.8


def test_the_first_rate_row_of_a_breakdown_loses_to_the_net_worked_out_from_the_labelled_totals() -> None:
    table: list[Placed] = [
        (50, 300, "Taux"), (170, 300, "Base HT"), (275, 300, "TVA"),
        (50, 316, "5,5"), (170, 316, "1 408,18"), (270, 316, "77,45"), (340, 316, "1 485,63"),
        (50, 330, "20 %"), (265, 330, "223,37"), (340, 330, "1 340,20"),
    ]  # fmt: skip
    box = _box(("Total HT", "2"), ("Total TVA", "300,82 €"), ("Total TTC", "2 825,83 €"))
    assert _totals(locate_placed(_HEAD + table + box))[:3] == ("2525.01", "300.82", "2825.83")


def test_no_net_is_worked_out_against_the_printed_rate() -> None:
    """20 % of 31 372,41 is not 3 137,24: the tax is no tax of that net, so nothing is made up."""
    box = [(320, 600, "Total HT")] + _box(("TVA 20 %", "3 137,24 €"), ("Total TTC", "34 509,65 €"), y=616)
    assert _totals(locate_placed(_HEAD + box))[0] is None


def test_a_readable_net_that_does_not_add_up_is_kept_when_no_rate_says_otherwise() -> None:
    box = _box(("Total HT", "2 512,97"), ("Total TVA", "502,51"), ("Total TTC", "3 015,08"))
    located = locate_placed(_HEAD + box)
    assert _totals(located)[0] == "2512.97"
    assert located.fields["total_excl_tax"].confidence < 0.8


# --- 6. a figure OCR misread, when the tax's printed rate tells the right one ---


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ((("Total HT", "535,31 €"), ("TVA 10 %", "453,53 €"), ("Total TTC", "4 988,84 €")),
         ("4535.31", "453.53", "4988.84")),  # "4 535,31" lost its first digit
        ((("Total HT", "2 512,97"), ("TVA 20 %", "502,51"), ("Total TTC", "3 015,08")),
         ("2512.57", "502.51", "3015.08")),  # a 5 read as a 9
        ((("Summe netto", ""), ("19 % MwsSt.", "367,12 €"), ("Gesamtbetrag", "2.299,35 €")),
         ("1932.23", "367.12", "2299.35")),  # no net figure, and OCR slipped a letter into "MwSt."
    ],
)  # fmt: skip
def test_a_misread_net_gives_way_to_the_gross_less_a_tax_its_printed_rate_confirms(
    rows: tuple[tuple[str, str], ...], expected: tuple[str, ...]
) -> None:
    located = locate_placed(_HEAD + _box(*rows))
    assert _totals(located)[:3] == expected
    assert located.fields["total_excl_tax"].bbox is None
    assert located.fields["total_excl_tax"].confidence < 0.8


def test_a_misread_tax_is_worked_out_when_its_printed_rate_of_the_net_confirms_it() -> None:
    """ "1 147,69" read "147,69": 20 % of the net 5 738,46 is the gross less the net."""
    box = _box(("Total HT", "5 738,46"), ("TVA 20 %", "147,69"), ("Total TTC", "6 886,15"))
    located = locate_placed(_HEAD + box)
    assert _totals(located)[:3] == ("5738.46", "1147.69", "6886.15")
    assert located.fields["total_tax"].bbox is None


def test_a_rate_that_only_roughly_matches_works_out_nothing() -> None:
    """OCR read 957,95 for 957,55. 22 % of 4 352,10 (gross less that tax) is 957,46, only roughly it: the net
    read stays. 22 % of 4 352,50 is exactly the gross less the net: that is the tax."""
    box = _box(("Imponibile", "4.352,50"), ("IVA 22%", "957,95"), ("Totale documento", "5.310,05"))
    located = locate_placed(_HEAD + box)
    assert _totals(located)[:3] == ("4352.50", "957.55", "5310.05")
    assert located.fields["total_tax"].bbox is None


def test_a_tax_that_no_printed_rate_confirms_is_not_worked_out() -> None:
    box = _box(("Imponibile", "4.352,50"), ("IVA 22%", "957,95"), ("Totale documento", "5.320,05"))
    assert _totals(locate_placed(_HEAD + box))[1] == "957.95"


# --- 7. a tax other than VAT, charged outside its base ---


def test_a_tourist_tax_below_the_vat_is_in_the_gross_total_and_not_in_the_net() -> None:
    """A hotel folio: the VAT recap's single row (472,75 | 47,28 | 520,03) adds up on its own, yet the
    gross total is labelled below it with the tourist tax in it, and the payment leaves the balance due."""
    recap: list[Placed] = [
        (50, 286, "Taux"), (156, 286, "Base HT"), (261, 286, "TVA"), (346, 286, "TTC"),
        (50, 305, "10 %"), (166, 305, "472,75"), (256, 305, "47,28"), (336, 305, "520,03"),
    ]  # fmt: skip
    box = _box(("Total HT", "472,75"), ("Total TVA", "47,28"), ("Taxe de séjour", "8,25"),
               ("Total TTC", "528,28 €"), ("Acompte versé le 16/09/2025", "-100,00"),
               ("Solde dû", "428,28 €"), y=333)  # fmt: skip
    assert _totals(locate_placed(_HEAD + recap + box)) == ("472.75", "47.28", "528.28", "428.28")


def test_a_charge_above_the_tax_line_is_still_in_the_net() -> None:
    box = _box(
        ("Sous-total", "100,00"), ("Frais de port", "5,00"), ("TVA 20 %", "21,00"), ("Total TTC", "126,00")
    )
    assert _totals(locate_placed(_HEAD + box))[:3] == ("105.00", "21.00", "126.00")


# --- 8. regional and less common wordings of the totals ---


@pytest.mark.parametrize(
    ("net", "gross"),
    [
        ("Total HTVA", "Total TVAC"),
        ("Montant HTVA", "Total TVA comprise"),
        ("Totale imponibile", "Totale lordo"),
    ],
)
def test_belgian_and_italian_words_for_net_and_gross(net: str, gross: str) -> None:
    box = _box((net, "1 000,00"), ("TVA 21 %", "210,00"), (gross, "1 210,00"))
    assert _totals(locate_placed(_HEAD + box)) == ("1000.00", "210.00", "1210.00", "1210.00")


@pytest.mark.parametrize(
    "due", ["Reste à régler", "Montant à régler", "Somme due", "Net payable", "Balance payable"]
)
def test_more_words_for_what_remains_to_pay(due: str) -> None:
    box = _box(("Total HT", "1 000,00"), ("TVA 20 %", "200,00"), ("Total TTC", "1 200,00"),
               ("Acompte versé", "300,00"), (due, "900,00"))  # fmt: skip
    located = locate_placed(_HEAD + box)
    assert _totals(located) == ("1000.00", "200.00", "1200.00", "900.00")
    assert located.fields["amount_due"].bbox is not None  # read where it is printed, not worked out


@pytest.mark.parametrize("due", ["Total à régler", "Total payable"])
def test_a_total_to_pay_is_the_gross_total_when_nothing_was_paid_before(due: str) -> None:
    box = _box(("Total HT", "1 000,00"), ("TVA 20 %", "200,00"), (due, "1 200,00"))
    assert _totals(locate_placed(_HEAD + box)) == ("1000.00", "200.00", "1200.00", "1200.00")


# --- 9. a payment made, worded as a transfer or a receipt ---


@pytest.mark.parametrize("paid", ["Versement CB le 16/09/2025", "Paiement reçu", "Règlement reçu le 02/10"])
def test_a_payment_made_leaves_the_rest_due_even_when_no_due_line_is_printed(paid: str) -> None:
    box = _box(("Total HT", "1 000,00"), ("TVA 20 %", "200,00"), ("Total TTC", "1 200,00"), (paid, "-100,00"))
    assert _totals(locate_placed(_HEAD + box)) == ("1000.00", "200.00", "1200.00", "1100.00")


def test_the_income_tax_option_of_a_micro_entrepreneur_is_no_payment() -> None:
    box = _box(("Total HT", "800,00 €"), ("Net à payer", "800,00 €"))
    mentions: list[Placed] = [
        (60, 700, "TVA non applicable, art. 293 B du CGI"),
        (60, 716, "Versement libératoire"),
    ]
    assert _totals(locate_placed(_HEAD + box + mentions)) == ("800.00", "0.00", "800.00", "800.00")


@pytest.mark.parametrize("paid", ["abzgl. Abschlag vom 10.06.2025", "abzgl. Abschlagszahlung", "Teilzahlung"])
def test_a_german_final_invoice_less_its_instalment_leaves_the_rest_due(paid: str) -> None:
    box = _box(("Summe netto", "1.932,23 €"), ("19 % MwSt.", "367,12 €"), ("Gesamtbetrag", "2.299,35 €"),
               (paid, "-800,00 €"))  # fmt: skip
    assert _totals(locate_placed(_HEAD + box)) == ("1932.23", "367.12", "2299.35", "1499.35")
