from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class InboxEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    provider: str
    event_id: str
    provider_type: str
    kind: str
    resource_reference: str | None
    occurred_at: datetime
    source: str = Field(description="webhook, or reconcile when fetched by the catch-up")
    status: str = Field(description="received, processed, ignored, unmatched or failed")
    attempts: int
    error: str | None
    processed_at: datetime | None
    created_at: datetime


class InboxPage(BaseModel):
    items: list[InboxEventOut]
    total: int
    counts: dict[str, int] = Field(description="events per status, for this organisation")
    limit: int
    offset: int


class WebhookAck(BaseModel):
    received: int
    new: int


class WebhookSecretIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    secret: str = Field(max_length=300, description="the signing secret the provider shows; empty disables")
