from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class PaymentEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    provider: str = Field(description="stripe, gocardless, bank or manual")
    reference: str
    kind: str = Field(description="processing, succeeded, failed, cancelled, refunded, disputed, dispute_won,"
                      " dispute_lost, charged_back or manual_reversal")  # fmt: skip
    amount: int = Field(description="minor units; for refunded, the payment's refunded total")
    currency: str
    method: str | None
    occurred_at: datetime
    recorded_by: str
    note: str | None = Field(description="the person's note; for a manual_reversal, the reason")
    reverses_id: uuid.UUID | None = Field(None, description="for a manual_reversal: the entry it cancels")
    overpaid_amount: int | None = Field(None, description="a manual payment above what was due: the excess")
    created_at: datetime


class PaymentAnomalyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    dedupe_key: str
    recorded_amount: int
    received_amount: int
    currency: str
    created_at: datetime


class InvoicePayments(BaseModel):
    invoice_id: uuid.UUID
    collection_status: str
    amount_paid: int
    amount_processing: int
    amount_refunded: int
    balance_due: int | None
    amount_overpaid: int = Field(
        description="received beyond the total (trop-perçu): minus a negative balance"
    )
    disputed: bool
    owed_now: int = Field(description="what a reminder may ask for now: owed and not already on its way")
    entries: list[PaymentEntryOut]
    anomalies: list[PaymentAnomalyOut] = Field(description="the same payment reported with another amount")


class ManualPaymentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: str = Field(max_length=30, description="decimal, e.g. 1234.56")
    date: date
    method: str = Field(pattern="^(cheque|cash|transfer|card|other)$")
    note: str | None = Field(None, max_length=500)
    confirm_overpayment: bool = Field(
        False, description="record an amount above what remains due (refused with 409 otherwise)"
    )


class ReversalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=500, description="why the payment is reversed (required)")
