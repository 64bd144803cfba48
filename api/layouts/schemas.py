from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class LayoutOut(BaseModel):
    """A layout capture learned: whose invoices (the seller's name), which fields it reads, how often used."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    label: str | None
    fields: list[str]
    uses: int
    last_used_at: datetime | None
    created_at: datetime
    updated_at: datetime
    source_invoice_id: uuid.UUID | None


class LayoutListOut(BaseModel):
    items: list[LayoutOut]


class LayoutUsed(BaseModel):
    """The learned layout that read an invoice at capture, as it was then."""

    id: uuid.UUID = Field(description="the layout in GET /api/v1/layouts (gone once deleted)")
    label: str | None = Field(description="the seller's name the layout was learned from")
    score: float = Field(description="share of the layout's words found in place on the invoice, 0..1")
