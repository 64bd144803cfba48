"""Generator D (vendor layouts) prints every ground-truth value it claims, in some printed form."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks.generated_vendor_d.registry import TEMPLATES
from tests.benchmarks.printed_truth import assert_identifiers_valid, assert_printed


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_truth_value_is_printed(name: str, tmp_path: Path) -> None:
    pdf = tmp_path / f"{name}.pdf"
    fields = TEMPLATES[name](random.Random(f"test:{name}"), pdf)
    assert {"invoice_number", "issue_date", "total_incl_tax", "seller_name", "buyer_name"} <= fields.keys()
    assert_printed(fields, pdf)
    assert_identifiers_valid(fields)


def test_same_seed_same_truth(tmp_path: Path) -> None:
    draw = TEMPLATES["energy_fr"]
    assert draw(random.Random(7), tmp_path / "a.pdf") == draw(random.Random(7), tmp_path / "b.pdf")
