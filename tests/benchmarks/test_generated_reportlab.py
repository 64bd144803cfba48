"""The reportlab invoice generator prints every ground-truth value it claims, in some printed form."""

from __future__ import annotations

import random
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from benchmarks.generated_reportlab.data import fmt_amount, fmt_date
from benchmarks.generated_reportlab.registry import TEMPLATES

DATE_STYLES = (
    "d/m/Y",
    "d.m.Y",
    "iso",
    "d/m/y",
    "us-long",
    *(f"long-{lang}" for lang in ("fr", "en", "de", "it", "es", "nl")),
)
AMOUNT_STYLES = ("fr", "de", "en", "ch", "plain")


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s).lower()


def printed_forms(name: str, value: str) -> set[str]:
    """The ways `value` of field `name` may appear on a page, whitespace removed."""
    if name.endswith("_date"):
        return {squeeze(fmt_date(date.fromisoformat(value), style)) for style in DATE_STYLES}
    if name.startswith(("total", "amount")):
        return {squeeze(fmt_amount(Decimal(value), style)) for style in AMOUNT_STYLES}
    if name == "currency":
        return {
            squeeze(s)
            for s in {
                "EUR": ["EUR", "€"],
                "GBP": ["£", "GBP"],
                "USD": ["$", "USD"],
                "CAD": ["CAD"],
                "CHF": ["CHF"],
                "MAD": ["DH", "MAD"],
            }[value]
        }
    if name.endswith("vat_id"):
        return {
            squeeze(value),
            squeeze(value[2:]),
        }  # Italian/Spanish forms print the number without 'IT'/'ES'
    return {squeeze(value)}


def page_text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_truth_value_is_printed(name: str, tmp_path: Path) -> None:
    pdf = tmp_path / f"{name}.pdf"
    fields = TEMPLATES[name](random.Random(f"test:{name}"), pdf)
    text = squeeze(page_text(pdf)).replace(".", "").replace("'", "")
    assert {"invoice_number", "issue_date", "total_incl_tax"} <= fields.keys()
    for field, value in fields.items():
        forms = {f.replace(".", "").replace("'", "") for f in printed_forms(field, value)}
        assert any(form in text for form in forms), (field, value)


def test_same_seed_same_truth(tmp_path: Path) -> None:
    draw = TEMPLATES["rl_gestcom_boxed"]
    assert draw(random.Random(7), tmp_path / "a.pdf") == draw(random.Random(7), tmp_path / "b.pdf")
