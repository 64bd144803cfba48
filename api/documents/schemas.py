from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    filename: str
    sha256: str
    size: int
    media_type: str
    page_count: int | None
    status: str
    error: str | None
    error_code: str | None = Field(
        default=None,
        description="why capture failed, as a code (unsupported, encrypted, corrupt, empty, no_text, "
        "not_an_invoice, image_too_large, ocr_timeout, ocr_failed, too_many_pages, unreadable)",
    )
    retryable: bool
    created_at: datetime
    file_url: str
    invoice_id: uuid.UUID | None = None


class UploadedDocument(DocumentOut):
    duplicate: bool


class UploadResult(BaseModel):
    documents: list[UploadedDocument]


class DocumentPage(BaseModel):
    items: list[DocumentOut]
    total: int
    limit: int
    offset: int
