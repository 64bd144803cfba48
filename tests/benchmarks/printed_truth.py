"""What the generated sets' tests check: every truth value a template claims is printed on its page in some
printed form, and the identifiers and totals it claims are consistent (checksums, net + tax = gross)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
from stdnum import iban, luhn
from stdnum.eu import vat
from stdnum.gb import vat as gb_vat

from benchmarks.generated_software_b.data import AMOUNT_STYLES, DATE_STYLES, MONTHS, fmt_amount, fmt_date

Currencies = Mapping[str, Sequence[str]]
CURRENCY_FORMS: Currencies = {"EUR": ["EUR", "€"], "GBP": ["£", "GBP"], "USD": ["$", "USD"]}
Forms = Callable[[str, str], set[str]]


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s).lower()


def printed_forms(name: str, value: str, currencies: Currencies = CURRENCY_FORMS) -> set[str]:
    """The ways `value` of field `name` may appear on a page, whitespace removed."""
    if name.endswith("_date"):
        day = date.fromisoformat(value)
        return {squeeze(fmt_date(day, style, lang)) for style in DATE_STYLES for lang in MONTHS}
    if name.startswith(("total", "amount")):
        return {squeeze(fmt_amount(Decimal(value), style)) for style in AMOUNT_STYLES}
    if name == "currency":
        return {squeeze(s) for s in currencies[value]}
    return {squeeze(value)}


def page_text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def assert_printed(fields: Mapping[str, str], pdf: Path, forms: Forms = printed_forms) -> None:
    text = squeeze(page_text(pdf))
    for field, value in fields.items():
        assert any(form in text for form in forms(field, value)), (field, value)


def assert_identifiers_valid(fields: Mapping[str, str]) -> None:
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
