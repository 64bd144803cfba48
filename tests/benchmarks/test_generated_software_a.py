"""The software-template generator prints every ground-truth value it claims, in some printed form."""

from __future__ import annotations

import random
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from stdnum import iban, luhn

from benchmarks.generated_software_a.data import fmt_amount, fmt_date
from benchmarks.generated_software_a.registry import TEMPLATES

DATE_STYLES = (
    "d/m/Y",
    "d.m.Y",
    "d-m-Y",
    "iso",
    "d/m/y",
    "us-long",
    "short-en",
    *(f"long-{lang}" for lang in ("fr", "en", "de", "it", "es", "nl")),
)
AMOUNT_STYLES = ("fr", "de", "en", "ch", "plain")
CURRENCY_FORMS = {"EUR": ["EUR", "€", "Euro"], "GBP": ["£", "GBP"], "CHF": ["CHF", "Francs suisses"]}


def squeeze(s: str) -> str:
    """Whitespace, dots, dashes and apostrophes out: what separates digits differs per template."""
    return re.sub(r"[\s.'\-]+", "", s).lower()


def printed_forms(name: str, value: str) -> set[str]:
    if name.endswith("_date"):
        return {squeeze(fmt_date(date.fromisoformat(value), style)) for style in DATE_STYLES}
    if name.startswith(("total", "amount")):
        return {squeeze(fmt_amount(Decimal(value), style)) for style in AMOUNT_STYLES}
    if name == "currency":
        return {squeeze(s) for s in CURRENCY_FORMS[value]}
    if name.endswith("vat_id"):
        return {squeeze(value), squeeze(value[2:])}  # Spanish CIF printed without 'ES'
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
    text = squeeze(page_text(pdf))
    assert {"invoice_number", "total_incl_tax"} & fields.keys()
    for field, value in fields.items():
        assert any(form in text for form in printed_forms(field, value)), (field, value)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_identifiers_have_valid_check_digits(name: str, tmp_path: Path) -> None:
    for seed in range(3):
        fields = TEMPLATES[name](random.Random(f"ids:{name}:{seed}"), tmp_path / "x.pdf")
        for key in ("seller_siren", "seller_siret", "buyer_siren"):
            if key in fields:
                assert luhn.is_valid(fields[key]), (key, fields[key])
        if "seller_iban" in fields:
            assert iban.is_valid(fields["seller_iban"])
        if "amount_due" in fields and "total_incl_tax" in fields:
            assert Decimal(fields["amount_due"]) <= Decimal(fields["total_incl_tax"])


def test_same_seed_same_truth(tmp_path: Path) -> None:
    draw = TEMPLATES["dolibarr_crabe"]
    assert draw(random.Random(7), tmp_path / "a.pdf") == draw(random.Random(7), tmp_path / "b.pdf")
