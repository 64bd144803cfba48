"""The generator modelled on more real invoicing software prints every ground-truth value it claims."""

from __future__ import annotations

import random
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from stdnum import iban, luhn
from stdnum.eu import vat
from stdnum.gb import vat as gb_vat

from benchmarks.generated_software_b.data import AMOUNT_STYLES, DATE_STYLES, MONTHS, fmt_amount, fmt_date
from benchmarks.generated_software_f.registry import TEMPLATES

CURRENCY_FORMS = {"EUR": ["EUR", "€"], "GBP": ["£", "GBP"], "USD": ["$", "USD"]}


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s).lower()


def printed_forms(name: str, value: str) -> set[str]:
    """The ways `value` of field `name` may appear on a page, whitespace removed."""
    if name.endswith("_date"):
        day = date.fromisoformat(value)
        return {squeeze(fmt_date(day, style, lang)) for style in DATE_STYLES for lang in MONTHS}
    if name.startswith(("total", "amount")):
        return {squeeze(fmt_amount(Decimal(value), style)) for style in AMOUNT_STYLES}
    if name == "currency":
        return {squeeze(s) for s in CURRENCY_FORMS[value]}
    return {squeeze(value)}


def page_text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_truth_value_is_printed(name: str, seed: int, tmp_path: Path) -> None:
    """Three seeds each, so that deposits, credit notes and optional references are drawn too."""
    pdf = tmp_path / f"{name}.pdf"
    fields = TEMPLATES[name](random.Random(f"test:{name}:{seed}"), pdf)
    text = squeeze(page_text(pdf))
    assert {"invoice_number", "issue_date", "total_incl_tax", "seller_name", "buyer_name"} <= fields.keys()
    for field, value in fields.items():
        assert any(form in text for form in printed_forms(field, value)), (field, value)
    assert_identifiers_valid(fields)


def assert_identifiers_valid(fields: dict[str, str]) -> None:
    for field in ("seller_vat_id", "buyer_vat_id"):
        if field in fields:
            number = fields[field]
            assert (gb_vat if number.startswith("GB") else vat).is_valid(number), number
    if "seller_iban" in fields:
        assert iban.is_valid(fields["seller_iban"])
    for field in ("seller_siren", "seller_siret", "buyer_siren"):
        if field in fields:
            assert luhn.is_valid(fields[field])
    totals = [fields.get(k) for k in ("total_excl_tax", "total_tax", "total_incl_tax")]
    if None not in totals:
        net, tax, gross = (Decimal(str(v)) for v in totals)
        assert net + tax == gross


def test_same_seed_same_truth(tmp_path: Path) -> None:
    draw = TEMPLATES["dolibarr_oursin"]
    assert draw(random.Random(7), tmp_path / "a.pdf") == draw(random.Random(7), tmp_path / "b.pdf")
