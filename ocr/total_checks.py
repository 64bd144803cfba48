"""Totals OCR misread, put right by the arithmetic the page prints them under.

A scan's "Taxes 14,99 €" may read "4,99 <": the totals then break total excl. tax + tax = total incl. tax.
Which of the three is wrong the equation alone cannot say, so a reading is replaced only with more
evidence than the one reading it contradicts:
  - the VAT table's amounts add up to the tax the two other totals give (two sources against one);
  - the value the two others give one total is printed elsewhere on the page ("Net à payer", a payment
    slip, "the sum of ... will be debited") and is within two digits of what OCR read there;
  - else exactly one of the three, recomputed from the other two, differs from what OCR read by one digit
    dropped, added or misread, as OCR misreads a digit; when two could be, nothing changes, unless one of
    them alone has a sign the two others contradict (a credit note's "-14,99" read "4,99").
Only values read by OCR are checked: a text layer's digits are the issuer's own, right or wrong.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from .amounts import format_amount, money_spans
from .document import Document
from .model import Field, VatBreakdown
from .total_labels import classify_adjustment
from .vat_table import total_of

_TOTALS = ("total_excl_tax", "total_tax", "total_incl_tax")
_NEAR = 2  # digits a misread total may be apart from the value the arithmetic gives
_REPAIRED = 0.8  # of the confidence of the two totals the value comes from


def check_totals(fields: dict[str, Field], breakdown: list[VatBreakdown], document: Document) -> None:
    """Replace the one total OCR misread, when the arithmetic and the page's evidence single it out."""
    read = [fields.get(name) for name in _TOTALS]
    if any(f is None for f in read) or not any(_by_ocr(f, document) for f in read if f is not None):
        return
    values = [_amount(f.value) for f in read if f is not None]
    if any(v is None for v in values):
        return
    excl, tax, incl = (abs(v) for v in values if v is not None)
    if excl + tax == incl or incl - excl - tax in _outside_vat_charges(document):
        return  # it adds up, or through a tax other than VAT that the gross total includes
    computed = {"total_excl_tax": incl - tax, "total_tax": incl - excl, "total_incl_tax": excl + tax}
    name = _misread(fields, computed, breakdown, document)
    if name is None or computed[name] <= 0:
        return
    # The sign the two others agree on (a credit note's totals are all negative), else the one read.
    signs = {(_amount(fields[n].value) or 0) < 0 for n in _TOTALS if n != name}
    negative = signs.pop() if len(signs) == 1 else (_amount(fields[name].value) or 0) < 0
    sign = -1 if negative else 1
    others = [fields[n].confidence for n in _TOTALS if n != name]
    fields[name] = replace(
        fields[name], value=format_amount(sign * computed[name]), confidence=_REPAIRED * min(others)
    )


def _misread(
    fields: dict[str, Field],
    computed: dict[str, Decimal],
    breakdown: list[VatBreakdown],
    document: Document,
) -> str | None:
    """The total that was misread, if the evidence names one."""
    by_ocr = [name for name in _TOTALS if _by_ocr(fields[name], document)]
    if "total_tax" in by_ocr and breakdown and abs(total_of(breakdown)) == computed["total_tax"]:
        return "total_tax"
    near = [name for name in by_ocr if _digits_apart(fields[name].value, computed[name]) <= _NEAR]
    printed = _printed_amounts(document)
    again = [name for name in near if computed[name] in printed]
    if len(again) == 1:
        return again[0]
    close = [name for name in near if _digits_apart(fields[name].value, computed[name]) == 1]
    # A credit note's "-14,99" read "4,99": the one total whose sign the two others contradict lost its
    # first characters.
    lost_sign = [name for name in close if _sign_apart(fields, name)]
    if len(lost_sign) == 1:
        return lost_sign[0]
    return close[0] if len(close) == 1 else None


def _outside_vat_charges(document: Document) -> set[Decimal]:
    """The amount of each line charging a tax other than VAT ("Taxe de séjour (5 nuits) | 4,50"): the
    gross total includes it and the VAT base does not, so it is the gap between them, no misreading."""
    found: set[Decimal] = set()
    for line in document.lines:
        label = next((p.text for p in line.phrases if _is_outside_vat(p.text)), None)
        if label is not None:
            amounts = [m.value for m in money_spans(line.phrases[-1].text) if m.cents]
            found.update(abs(value) for value in amounts[-1:])
    return found


def _is_outside_vat(text: str) -> bool:
    label = classify_adjustment(text)
    return label is not None and label.outside_base


def _printed_amounts(document: Document) -> set[Decimal]:
    """Every amount with cents the OCR'd pages print, as a positive value."""
    return {
        abs(money.value)
        for line in document.lines
        if document.pages[line.page].method == "ocr"
        for money in money_spans(line.text)
        if money.cents
    }


def _sign_apart(fields: dict[str, Field], name: str) -> bool:
    signs = {n: (_amount(fields[n].value) or Decimal(0)) < 0 for n in _TOTALS}
    others = {signs[n] for n in _TOTALS if n != name}
    return len(others) == 1 and signs[name] not in others


def _by_ocr(field: Field, document: Document) -> bool:
    page = document.pages.get(field.page or 0)
    return page is not None and page.method == "ocr"


def _amount(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _digits_apart(read: str, value: Decimal) -> int:
    """Digits dropped, added or misread between what OCR read and `value` (Levenshtein on the digits)."""
    a = "".join(c for c in f"{abs(Decimal(read)):.2f}" if c.isdigit())
    b = "".join(c for c in f"{value:.2f}" if c.isdigit())
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]
