"""Totals on layouts of a generated fix set (issue 15), by class: net totals worded "hors TVA" or "IVA
esclusa", the balance of an earlier invoice, a due amount that is the only bottom line, and the rows of a
VAT breakdown table with several rates. Each test builds words with positions, as a text layer gives them."""

from __future__ import annotations

import pytest

from ocr.layout import PageText, Word
from ocr.locate import Located, locate_fields

_SIZE = 10.0
_TOTALS = ("total_excl_tax", "total_tax", "total_incl_tax", "amount_due")

Placed = tuple[float, float, str]  # x, y (top), text; one item's words are set a space apart


def _page(items: list[Placed]) -> PageText:
    words = []
    for x, y, text in items:
        for word in filter(None, text.split(" ")):
            width = len(word) * _SIZE * 0.5
            words.append(Word(word, x, y, x + width, y + _SIZE, 1.0))
            x += width + _SIZE * 0.3
    return PageText(1, words, "text", 595.0, 842.0)


def _read(items: list[Placed]) -> Located:
    return locate_fields([_page(items)])


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
    assert _totals(_read(_HEAD + box))[:3] == ("1761.44", "352.29", "2113.73")


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
    located = _read(_HEAD + [(50, 280, earlier)] + box)
    assert _totals(located) == ("1761.44", "352.29", "2113.73", "2113.73")
