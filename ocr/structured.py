"""What an XML reader hands to the pipeline: exact values, before validation."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import LineItem, VatBreakdown
from .notices import Notice

# UNTDID 1001 document codes that mean a credit note (the rest are invoices of some kind).
CREDIT_NOTE_CODES = frozenset({"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"})


@dataclass(slots=True)
class StructuredInvoice:
    values: dict[str, str] = field(default_factory=dict)
    lines: list[LineItem] = field(default_factory=list)
    vat_breakdown: list[VatBreakdown] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)

    def put(self, name: str, value: str | None) -> None:
        """Keep the first value found for a field; readers list their sources best first."""
        if value and name not in self.values:
            self.values[name] = " ".join(value.split()) if name.endswith("_name") else value.strip()


def document_type(type_code: str | None) -> str:
    return "credit_note" if type_code in CREDIT_NOTE_CODES else "invoice"
