"""All SQL about documents. Every query is scoped by organisation."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from api.models import Document, Invoice
from api.repository import Repository


class DocumentRepository(Repository):
    def get(self, organisation_id: uuid.UUID, document_id: uuid.UUID) -> Document | None:
        return self.session.scalar(
            select(Document).where(Document.organisation_id == organisation_id, Document.id == document_id)
        )

    def get_unscoped(self, document_id: uuid.UUID) -> Document | None:
        """For jobs, which receive an id that was scoped when the job was enqueued."""
        return self.session.get(Document, document_id)

    def get_by_sha256(self, organisation_id: uuid.UUID, sha256: str) -> Document | None:
        return self.session.scalar(
            select(Document).where(Document.organisation_id == organisation_id, Document.sha256 == sha256)
        )

    def page(self, organisation_id: uuid.UUID, *, limit: int, offset: int) -> tuple[list[Document], int]:
        scoped = select(Document).where(Document.organisation_id == organisation_id)
        total = self.session.scalar(select(func.count()).select_from(scoped.subquery())) or 0
        rows = self.session.scalars(
            scoped.order_by(Document.created_at.desc(), Document.id).limit(limit).offset(offset)
        )
        return list(rows), total

    def invoice_ids(self, document_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        if not document_ids:
            return {}
        rows = self.session.execute(
            select(Invoice.document_id, Invoice.id).where(Invoice.document_id.in_(document_ids))
        )
        return {document_id: invoice_id for document_id, invoice_id in rows if document_id is not None}
