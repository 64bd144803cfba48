"""The result types of a capture: what `extract` hands back.

Bounding boxes are normalised to the page: (x0, y0, x1, y1) in 0..1, origin at the top-left corner,
so they hold whatever the resolution the page was read or rendered at. Values are strings: dates
`YYYY-MM-DD`, amounts decimal strings such as "1234.56" (parsed with Decimal, never float).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .notices import Notice

Method = Literal["xml", "text", "ocr"]
BBox = tuple[float, float, float, float]

FIELD_NAMES: tuple[str, ...] = (
    "invoice_number", "document_type", "issue_date", "due_date", "currency",
    "total_excl_tax", "total_tax", "total_incl_tax", "amount_due",
    "seller_name", "seller_vat_id", "seller_siren", "seller_siret", "seller_iban", "seller_bic",
    "seller_email", "buyer_name", "buyer_vat_id", "buyer_siren", "buyer_siret", "buyer_email",
    "buyer_address", "purchase_order", "payment_terms",
)  # fmt: skip

AMOUNT_FIELDS = frozenset({"total_excl_tax", "total_tax", "total_incl_tax", "amount_due"})
DATE_FIELDS = frozenset({"issue_date", "due_date"})


@dataclass(frozen=True, slots=True)
class Field:
    value: str
    confidence: float
    page: int | None = None  # 1-based; None for values read from XML
    bbox: BBox | None = None

    def to_dict(self) -> dict[str, Any]:
        box = None if self.bbox is None else [round(c, 4) for c in self.bbox]
        return {"value": self.value, "confidence": round(self.confidence, 3), "page": self.page, "bbox": box}


@dataclass(frozen=True, slots=True)
class LineItem:
    description: str
    quantity: str | None = None
    unit_price: str | None = None
    total: str | None = None
    vat_rate: str | None = None
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "description": self.description, "quantity": self.quantity, "unit_price": self.unit_price,
            "total": self.total, "vat_rate": self.vat_rate, "page": self.page,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class VatBreakdown:
    rate: str | None
    base: str | None
    amount: str | None
    category: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"rate": self.rate, "base": self.base, "amount": self.amount, "category": self.category}


@dataclass(frozen=True, slots=True)
class LayoutMatch:
    """Which of the memories handed to `extract` read this invoice, how well it matched, what it read."""

    index: int  # position in the `memories` sequence
    key: str  # the memory's own key
    score: float  # share of the template's words found in place, 0..1
    fields: tuple[str, ...]  # the fields read from the memory (they replaced the cold-start ones)

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "key": self.key, "score": self.score, "fields": list(self.fields)}


@dataclass(slots=True)
class ExtractedInvoice:
    method: Method
    pages: int
    fields: dict[str, Field] = field(default_factory=dict)
    lines: list[LineItem] = field(default_factory=list)
    vat_breakdown: list[VatBreakdown] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    layout_match: LayoutMatch | None = None
    # The words read, page by page (ocr.layout.PageText; typed loosely as layout imports this module), to
    # learn the layout from later: never in to_dict; ocr.pages_to_dict gives a compact storable form.
    page_texts: list[Any] = field(default_factory=list)

    def value(self, name: str) -> str | None:
        found = self.fields.get(name)
        return None if found is None else found.value

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "pages": self.pages,
            "fields": {name: self.fields[name].to_dict() for name in FIELD_NAMES if name in self.fields},
            "lines": [item.to_dict() for item in self.lines],
            "vat_breakdown": [vat.to_dict() for vat in self.vat_breakdown],
            "warnings": [notice.to_dict() for notice in self.warnings],
        } | ({"layout_match": self.layout_match.to_dict()} if self.layout_match else {})
