"""All SQL about layout memories and the words kept from captures. Every query is scoped by organisation."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from api.models import CapturedPages, Invoice, LayoutMemory
from api.repository import Repository


class LayoutRepository(Repository):
    def recent(self, organisation_id: uuid.UUID, limit: int) -> list[LayoutMemory]:
        """Most recently used first (then most recently learned): what capture tries first."""
        query = (
            select(LayoutMemory)
            .where(LayoutMemory.organisation_id == organisation_id)
            .order_by(
                LayoutMemory.last_used_at.desc().nulls_last(),
                LayoutMemory.updated_at.desc(),
                LayoutMemory.id,
            )
            .limit(limit)
        )
        return list(self.session.scalars(query))

    def get(self, organisation_id: uuid.UUID, layout_id: uuid.UUID) -> LayoutMemory | None:
        return self.session.scalar(
            select(LayoutMemory).where(
                LayoutMemory.organisation_id == organisation_id, LayoutMemory.id == layout_id
            )
        )

    def count(self, organisation_id: uuid.UUID) -> int:
        return len(self.session.scalars(
            select(LayoutMemory.id).where(LayoutMemory.organisation_id == organisation_id)
        ).all())  # fmt: skip

    def pages(self, organisation_id: uuid.UUID, document_id: uuid.UUID) -> CapturedPages | None:
        return self.session.scalar(
            select(CapturedPages).where(
                CapturedPages.organisation_id == organisation_id, CapturedPages.document_id == document_id
            )
        )

    def invoice_of(self, organisation_id: uuid.UUID, document_id: uuid.UUID) -> Invoice | None:
        return self.session.scalar(
            select(Invoice).where(
                Invoice.organisation_id == organisation_id, Invoice.document_id == document_id
            )
        )
