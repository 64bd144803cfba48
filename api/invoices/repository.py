"""All SQL about invoices and their corrections. Every query is scoped by organisation."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from api.models import Document, Invoice, InvoiceCorrection, InvoiceStatus
from api.repository import Repository


class InvoiceRepository(Repository):
    def get(self, organisation_id: uuid.UUID, invoice_id: uuid.UUID) -> Invoice | None:
        return self.session.scalar(
            select(Invoice).where(Invoice.organisation_id == organisation_id, Invoice.id == invoice_id)
        )

    def get_for_document(self, document_id: uuid.UUID) -> Invoice | None:
        return self.session.scalar(select(Invoice).where(Invoice.document_id == document_id))

    def find_same_number(
        self, organisation_id: uuid.UUID, seller_key: str, number: str, *, excluding: uuid.UUID
    ) -> Invoice | None:
        statement = (
            select(Invoice)
            .where(
                Invoice.organisation_id == organisation_id,
                Invoice.seller_key == seller_key,
                Invoice.number == number,
                Invoice.id != excluding,
            )
            .order_by(Invoice.created_at)
            .limit(1)
        )
        return self.session.scalars(statement).first()

    def page(
        self, organisation_id: uuid.UUID, *, status: str | None, limit: int, offset: int
    ) -> tuple[list[Invoice], int]:
        scoped = select(Invoice).where(Invoice.organisation_id == organisation_id)
        if status:
            scoped = scoped.where(Invoice.status == status)
        total = self.session.scalar(select(func.count()).select_from(scoped.subquery())) or 0
        rows = self.session.scalars(
            scoped.order_by(Invoice.created_at.desc(), Invoice.id).limit(limit).offset(offset)
        )
        return list(rows), total

    def oldest_needing_review(
        self, organisation_id: uuid.UUID, *, excluding: uuid.UUID | None
    ) -> Invoice | None:
        statement = select(Invoice).where(
            Invoice.organisation_id == organisation_id, Invoice.status == InvoiceStatus.needs_review
        )
        if excluding is not None:
            statement = statement.where(Invoice.id != excluding)
        return self.session.scalars(statement.order_by(Invoice.created_at, Invoice.id).limit(1)).first()

    def corrections(self, organisation_id: uuid.UUID, invoice_id: uuid.UUID) -> list[InvoiceCorrection]:
        statement = (
            select(InvoiceCorrection)
            .where(
                InvoiceCorrection.organisation_id == organisation_id,
                InvoiceCorrection.invoice_id == invoice_id,
            )
            .order_by(InvoiceCorrection.created_at)
        )
        return list(self.session.scalars(statement))

    def document_page_counts(self, document_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
        if not document_ids:
            return {}
        rows = self.session.execute(
            select(Document.id, Document.page_count).where(Document.id.in_(document_ids))
        )
        return {document_id: pages for document_id, pages in rows if pages}
