"""JSON shapes of the clients API. Amounts are integer minor units of EUR (the organisation's currency),
except in `other_currencies`, where each amount is in its own currency."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from api.clients.service import ClientRow
from api.money import MAX_MINOR_UNITS


class BehaviourOut(BaseModel):
    invoices: int = Field(description="invoices paid, or unpaid past their due date")
    paid_late: int
    share_late: float
    average_days_late: float
    computed_segment: str
    segment: str = Field(description="the override when a person set one, else the computed segment")
    override: str | None


class MandateOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    provider: str
    reference: str
    mandate_reference: str | None
    scheme_reference: str | None
    status: str
    created_at: datetime


class CurrencyOwedOut(BaseModel):
    currency: str
    owed: int
    overdue: int


class ClientOut(BaseModel):
    id: uuid.UUID
    name: str
    siren: str | None
    vat_id: str | None
    email: str | None
    contact_name: str | None
    phone: str | None
    address: str | None
    locale: str
    is_consumer: bool
    credit_limit: int | None
    owed: int = Field(description="in EUR alone: the credit limit is compared with it")
    overdue: int
    open_invoices: int = Field(description="in every currency")
    other_currencies: list[CurrencyOwedOut] = Field(description="owed in each other currency, never added")
    over_limit: bool
    active_mandate: bool
    behaviour: BehaviourOut

    @classmethod
    def of(cls, row: ClientRow) -> ClientOut:
        c, totals, b = row.client, row.totals, row.behaviour
        behaviour = BehaviourOut(
            invoices=b.invoices,
            paid_late=b.paid_late,
            share_late=round(b.share_late, 3),
            average_days_late=round(b.average_days_late, 1),
            computed_segment=row.computed_segment,
            segment=row.segment,
            override=c.segment_override,
        )
        return cls(id=c.id, name=c.name, siren=c.siren, vat_id=c.vat_id, email=c.email,
                   contact_name=c.contact_name, phone=c.phone, address=c.address, locale=c.locale,
                   is_consumer=c.is_consumer, credit_limit=c.credit_limit, owed=totals.owed,
                   overdue=totals.overdue, open_invoices=totals.open_invoices, over_limit=row.over_limit,
                   other_currencies=[CurrencyOwedOut(currency=o.currency, owed=o.owed, overdue=o.overdue)
                                     for o in totals.other_currencies],
                   active_mandate=totals.active_mandate, behaviour=behaviour)  # fmt: skip


class ClientDetailOut(ClientOut):
    mandate: MandateOut | None = None


class ClientPageOut(BaseModel):
    items: list[ClientOut]
    total: int
    limit: int
    offset: int


class ClientPatch(BaseModel):
    """Only the fields sent are changed; null or "" empties an optional one. Checked as the page checks
    them (422 with `fields`: which and why)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    contact_name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    siren: str | None = None
    vat_id: str | None = None
    credit_limit: int | None = Field(None, le=MAX_MINOR_UNITS, description="minor units; null: no limit")
