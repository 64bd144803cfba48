"""The self-made invoice generator prints every ground-truth value it claims, in some printed form."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from benchmarks.generated_selfmade_e.registry import TEMPLATES
from benchmarks.generated_software_b.data import MONTHS
from tests.benchmarks.printed_truth import assert_identifiers_valid, assert_printed, printed_forms, squeeze

CURRENCY_FORMS = {"EUR": ["EUR", "€", "euros"], "CHF": ["CHF"], "CAD": ["CAD", "$"], "GBP": ["£", "GBP"]}


def _forms(name: str, value: str) -> set[str]:
    """The shared printed forms, and the ones home-made invoices add: "3 March 2026", "03/03/26" and a
    Belgian VAT number printed "BE 0123.456.789"."""
    forms = printed_forms(name, value, CURRENCY_FORMS)
    if name.endswith("_date"):
        day = date.fromisoformat(value)
        british = f"{day.day} {MONTHS['en'].split()[day.month - 1]} {day.year}"
        return forms | {squeeze(british), day.strftime("%d/%m/%y")}
    if value.startswith("BE") and name.endswith("vat_id"):
        return {squeeze(f"BE {value[2:6]}.{value[6:9]}.{value[9:]}"), squeeze(value)}
    return forms


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_truth_value_is_printed(name: str, tmp_path: Path) -> None:
    pdf = tmp_path / f"{name}.pdf"
    fields = TEMPLATES[name](random.Random(f"test:{name}"), pdf)
    assert {"invoice_number", "issue_date", "total_incl_tax", "seller_name", "buyer_name"} <= fields.keys()
    assert_printed(fields, pdf, _forms)
    assert_identifiers_valid(fields)


def test_same_seed_same_truth(tmp_path: Path) -> None:
    draw = TEMPLATES["word_classic_fr"]
    assert draw(random.Random(7), tmp_path / "a.pdf") == draw(random.Random(7), tmp_path / "b.pdf")
