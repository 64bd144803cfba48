"""The fpdf2 invoice generator stays honest: every field its truth claims is printed in the PDF's text layer
in some form a person would recognise (an amount in any national format, a date in any written form, an
identifier with or without spaces), and the same seed gives the same invoice."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache

import pypdfium2 as pdfium
import pytest

from benchmarks.generated_fpdf.__main__ import TEMPLATES, render
from benchmarks.generated_fpdf.fmt import SYMBOL, day, num

AMOUNTS = {"total_excl_tax", "total_tax", "total_incl_tax", "amount_due"}
DATE_STYLES = (
    "dmy/",
    "dmy.",
    "dmy-",
    "dmy2",
    "mdy/",
    "iso",
    "long-fr",
    "long-en",
    "gb",
    "long-de",
    "long-es",
    "long-it",
    "long-nl",
)


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def page_text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def printed(name: str, value: str, text: str) -> bool:
    flat = squeeze(text)
    if name in AMOUNTS:
        amount = Decimal(value)
        return any(squeeze(num(amount, style)) in flat for style in ("fr", "de", "en", "ch", "plain", "fr0"))
    if name in ("issue_date", "due_date"):
        d = date.fromisoformat(value)
        return any(squeeze(day(d, style)) in flat for style in DATE_STYLES)
    if name == "currency":
        return value in text or SYMBOL[value] in text or (value == "EUR" and "€" in text)
    if name in ("seller_name", "buyer_name"):
        return squeeze(value).casefold() in flat.casefold()
    return re.sub(r"[.\-]", "", value) in re.sub(r"[.\-]", "", flat)


@cache
def rendered(template: str, n: int = 1) -> tuple[bytes, dict[str, str]]:
    return render(template, n, seed=15)


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_truth_is_printed(template: str) -> None:
    pdf, truth = rendered(template)
    text = page_text(pdf)
    assert {"invoice_number", "issue_date", "currency", "seller_name"} <= truth.keys()
    missing = {name: value for name, value in truth.items() if not printed(name, value, text)}
    assert not missing, f"{template}: truth not on the page: {missing}"


def test_amounts_add_up_and_seed_repeats() -> None:
    # The hotel's total TTC includes the tourist tax, which is outside VAT, as hotels print it.
    for template in sorted(set(TEMPLATES) - {"fr-hotel"}):
        _, truth = rendered(template)
        if {"total_excl_tax", "total_tax", "total_incl_tax"} <= truth.keys():
            ht, tax, ttc = (Decimal(truth[k]) for k in ("total_excl_tax", "total_tax", "total_incl_tax"))
            assert ht + tax == ttc, template
    assert render("fr-menuiserie", 1, seed=15) == rendered("fr-menuiserie")
    assert rendered("fr-menuiserie")[1] != rendered("fr-menuiserie", 2)[1]
