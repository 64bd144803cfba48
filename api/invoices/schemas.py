from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from api.invoices.capture_warnings import read_warning
from api.layouts.schemas import LayoutUsed


class FieldOut(BaseModel):
    value: str
    confidence: float
    page: int | None = None
    bbox: list[float] | None = Field(
        None, description="x0, y0, x1, y1 as fractions of the page, origin top-left"
    )
    source: str = Field(description="capture, or user once corrected")
    warning: str | None = Field(
        None,
        description="saved although its check digits are wrong: iban_checksum, bic_country, vat_checksum, "
        "siren_checksum or siret_checksum",
    )


class CaptureWarningOut(BaseModel):
    code: str = Field(
        description="not_valid, not_email, siret_siren, vat_siren, totals, due_before_issue, "
        "embedded_ignored, embedded_name, unusable; unknown for an older warning of no known shape"
    )
    params: dict[str, str] = Field(
        description="the code's values as read: field, value, kind (IBAN, BIC, SIREN, SIRET, vat), role "
        "(seller, buyer), excl, tax, sum, incl (amounts like 1234.50), due, issue (YYYY-MM-DD), name, reason"
    )
    message: str = Field(description="the warning in plain English")


class CorrectionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    field: str
    extracted_value: str | None
    previous_value: str | None
    new_value: str | None
    actor: str
    created_at: datetime


class InvoiceOut(BaseModel):
    id: uuid.UUID
    status: str = Field(description="needs_review, or ready once captured with confidence or approved")
    document_id: uuid.UUID | None
    client_id: uuid.UUID | None
    number: str | None
    document_type: str
    issue_date: date | None
    due_date: date | None
    currency: str
    total_excl_tax: int | None = Field(description="minor units of currency (cents for EUR)")
    total_tax: int | None
    total_incl_tax: int | None
    amount_due: int | None
    seller_name: str | None
    buyer_name: str | None
    capture_method: str | None
    fields: dict[str, FieldOut]
    lines: list[dict[str, Any]]
    vat_breakdown: list[dict[str, Any]]
    warnings: list[CaptureWarningOut]
    review_reasons: list[str]
    duplicate_of_id: uuid.UUID | None
    collection_status: str = Field(
        description="open, processing (a debit on its way: reminders wait), partially_paid, paid or"
        " cancelled; recomputed from the payment ledger"
    )
    amount_paid: int = Field(description="received, net of refunds, chargebacks and disputes (minor units)")
    amount_processing: int = Field(description="debits on their way, not paid yet")
    amount_refunded: int
    balance_due: int | None = Field(description="still owed; negative when overpaid")
    disputed: bool = Field(description="a chargeback or an open or lost dispute")
    paid_at: datetime | None
    pay_url: str | None = Field(description="The client's pay page, once the invoice is ready to collect")
    approved_at: datetime | None
    approved_by: str | None
    page_images: list[str]
    created_at: datetime
    updated_at: datetime
    layout: LayoutUsed | None = Field(
        None,
        description="The learned layout (GET /api/v1/layouts) that read the invoice at capture, as it was "
        "then; null when it was read without one (no layout matched, an e-invoice's XML, an older capture)",
    )

    @field_validator("warnings", mode="before")
    @classmethod
    def _warnings_as_codes(cls, value: Any) -> list[dict[str, Any]]:
        """Stored warnings of any age (older rows hold English sentences) as code, params and message."""
        return [read_warning(entry).to_dict() for entry in value or []]

    @field_validator("layout", mode="before")
    @classmethod
    def _layout_as_recorded(cls, value: Any) -> LayoutUsed | None:
        try:
            return LayoutUsed.model_validate(value) if value else None
        except ValidationError:
            return None  # a record of another shape: say nothing rather than fail the invoice


class InvoiceDetail(InvoiceOut):
    corrections: list[CorrectionOut]


class InvoicePage(BaseModel):
    items: list[InvoiceOut]
    total: int
    limit: int
    offset: int


class InvoicePatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fields: dict[str, str | None] = Field(
        description="Field name → corrected value (dates YYYY-MM-DD, amounts like 1234.56), or null to clear"
    )
