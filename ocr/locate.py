"""Locate invoice fields in words with positions, from labels and layout; no per-issuer templates."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal

from . import labels, total_labels
from .amounts import format_amount
from .candidates import Candidate, best, label_values
from .code_zeros import with_zeros
from .currency import locate_currency
from .document import Document
from .layout import PageText
from .model import Field, VatBreakdown
from .notices import Notice
from .parties import locate_parties
from .references import locate_references
from .total_checks import check_totals
from .totals import locate_totals
from .values import find_text
from .vat_table import find_vat_rows, total_of

_INFERRED = 0.6


@dataclass
class Located:
    fields: dict[str, Field] = field(default_factory=dict)
    vat_breakdown: list[VatBreakdown] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)


def locate_fields(pages: list[PageText]) -> Located:
    document = Document(pages)
    found: dict[str, Candidate] = {}
    found.update(locate_references(document))
    _zeros_read_back(found, document)
    _put(found, "payment_terms", best(label_values(document, labels.PAYMENT_TERMS, find_text, below=False)))
    found.update(locate_totals(document))
    found.update({k: v for k, v in locate_parties(document).items() if k not in found})
    result = Located(fields={name: c.to_field(document) for name, c in found.items()})
    result.vat_breakdown = find_vat_rows(document)
    _tax_from_breakdown(result)
    check_totals(result.fields, result.vat_breakdown, document)
    _infer_amount_due(result, document)
    _locate_currency(result, document)
    result.fields["document_type"] = _document_type(document)
    return result


def _zeros_read_back(found: dict[str, Candidate], document: Document) -> None:
    """A reference read by OCR with the 0 of a code group read as an O ("INV-FFOD-8000")."""
    for name in ("invoice_number", "purchase_order"):
        candidate = found.get(name)
        if candidate is None or document.pages[candidate.phrase.page].method != "ocr":
            continue
        value = with_zeros(candidate.value)
        if value != candidate.value:
            found[name] = dataclasses.replace(candidate, value=value)


def _put(found: dict[str, Candidate], name: str, candidate: Candidate | None) -> None:
    if candidate is not None:
        found[name] = candidate


def _tax_from_breakdown(result: Located) -> None:
    """No "total VAT" line: the VAT rows' sum is the total tax when it makes the totals add up."""
    fields = result.fields
    if "total_tax" in fields or not result.vat_breakdown:
        return
    excl, incl = fields.get("total_excl_tax"), fields.get("total_incl_tax")
    tax = total_of(result.vat_breakdown)
    if excl is not None and incl is not None and Decimal(excl.value) + tax == Decimal(incl.value):
        fields["total_tax"] = Field(format_amount(tax), _INFERRED * min(excl.confidence, incl.confidence))


def _infer_amount_due(result: Located, document: Document) -> None:
    """With no "amount due" line and nothing prepaid, the amount due is the total incl. tax."""
    total = result.fields.get("total_incl_tax")
    if "amount_due" in result.fields or total is None:
        return
    if any(label.search(line.text) for line in document.lines for label in total_labels.PREPAID):
        return
    result.fields["amount_due"] = Field(total.value, total.confidence * _INFERRED, total.page, total.bbox)


def _locate_currency(result: Located, document: Document) -> None:
    found = locate_currency(document)
    if found is not None:
        result.fields["currency"] = found


def _document_type(document: Document) -> Field:
    for line in document.lines[:15]:
        if labels.CREDIT_NOTE_TITLE.search(line.text) and not re.search(r"\bfacture\b", line.text, re.I):
            return Field("credit_note", 0.8, line.page)
    return Field("invoice", 0.7)
