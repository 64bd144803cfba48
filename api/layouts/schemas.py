from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


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
