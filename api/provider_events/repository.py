"""All SQL about the inbox and the objects an event may be about."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from api.models import (
    Collection,
    InboxEvent,
    InboxStatus,
    Instalment,
    InstalmentPlan,
    Invoice,
    Mandate,
    PaymentAttempt,
    ProviderAccount,
)
from api.repository import Repository
from api.transactions.repository import insert_ignoring_duplicates


class InboxRepository(Repository):
    def endpoint(self, endpoint_id: uuid.UUID, provider: str) -> ProviderAccount | None:
        account = self.session.get(ProviderAccount, endpoint_id)
        return account if account is not None and account.provider == provider else None

    def accounts(self, organisation_id: uuid.UUID | None) -> list[ProviderAccount]:
        statement = select(ProviderAccount).order_by(
            ProviderAccount.organisation_id, ProviderAccount.provider
        )
        if organisation_id is not None:
            statement = statement.where(ProviderAccount.organisation_id == organisation_id)
        return list(self.session.scalars(statement))

    def store(self, values: dict[str, Any]) -> uuid.UUID | None:
        """The new row's id, or None when this provider event is already in the inbox."""
        values = {"id": uuid.uuid4(), **values}
        inserted: uuid.UUID | None = insert_ignoring_duplicates(
            self.session, InboxEvent.__table__, values, ["provider", "event_id"]
        )
        return inserted

    def locked(self, row_id: uuid.UUID) -> InboxEvent | None:
        statement = select(InboxEvent).where(InboxEvent.id == row_id).with_for_update()
        return self.session.scalar(statement)

    def get(self, organisation_id: uuid.UUID, row_id: uuid.UUID) -> InboxEvent | None:
        row = self.session.get(InboxEvent, row_id)
        return row if row is not None and row.organisation_id == organisation_id else None

    def page(
        self, organisation_id: uuid.UUID, *, status: str | None, limit: int, offset: int
    ) -> tuple[list[InboxEvent], int]:
        statement = select(InboxEvent).where(InboxEvent.organisation_id == organisation_id)
        if status:
            statement = statement.where(InboxEvent.status == status)
        total = self.session.scalar(select(func.count()).select_from(statement.subquery())) or 0
        ordered = statement.order_by(InboxEvent.occurred_at.desc(), InboxEvent.id).limit(limit).offset(offset)
        return list(self.session.scalars(ordered)), total

    def waiting(
        self, *, older_than: datetime, max_attempts: int, limit: int = 500
    ) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """Events left unprocessed (a lost job) or about objects unknown when they arrived."""
        statement = select(InboxEvent.organisation_id, InboxEvent.id).where(
            InboxEvent.status.in_((InboxStatus.received, InboxStatus.unmatched)),
            InboxEvent.created_at < older_than,
            InboxEvent.attempts < max_attempts,
        )
        return [(org, ident) for org, ident in self.session.execute(statement.limit(limit))]

    def counts(self, organisation_id: uuid.UUID) -> dict[str, int]:
        statement = (
            select(InboxEvent.status, func.count())
            .where(InboxEvent.organisation_id == organisation_id)
            .group_by(InboxEvent.status)
        )
        return {status: count for status, count in self.session.execute(statement)}


class TargetRepository(Repository):
    """Our objects, looked up by the provider references an event carries; always within one tenant."""

    def invoice_ids(self, organisation_id: uuid.UUID, ids: list[str]) -> list[uuid.UUID]:
        wanted = [uuid.UUID(i) for i in ids if _is_uuid(i)]
        if not wanted:
            return []
        statement = select(Invoice.id).where(
            Invoice.organisation_id == organisation_id, Invoice.id.in_(wanted)
        )
        found = set(self.session.scalars(statement))
        return [i for i in wanted if i in found]

    def attempt(
        self, organisation_id: uuid.UUID, attempt_id: str | None, reference: str | None
    ) -> PaymentAttempt | None:
        statement = select(PaymentAttempt).where(PaymentAttempt.organisation_id == organisation_id)
        if attempt_id and _is_uuid(attempt_id):
            found = self.session.scalar(statement.where(PaymentAttempt.id == uuid.UUID(attempt_id)))
            if found is not None:
                return found
        if reference is None:
            return None
        return self.session.scalar(statement.where(PaymentAttempt.provider_reference == reference).limit(1))

    def collection(self, organisation_id: uuid.UUID, reference: str) -> Collection | None:
        return self.session.scalar(
            select(Collection)
            .where(Collection.organisation_id == organisation_id, Collection.provider_reference == reference)
            .limit(1)
        )

    def instalment(
        self, organisation_id: uuid.UUID, reference: str
    ) -> tuple[Instalment, InstalmentPlan] | None:
        statement = (
            select(Instalment, InstalmentPlan)
            .join(InstalmentPlan, InstalmentPlan.id == Instalment.plan_id)
            .where(Instalment.organisation_id == organisation_id, Instalment.provider_reference == reference)
        )
        row = self.session.execute(statement.limit(1)).first()
        return None if row is None else (row[0], row[1])

    def plan(self, organisation_id: uuid.UUID, reference: str) -> InstalmentPlan | None:
        return self.session.scalar(
            select(InstalmentPlan)
            .where(
                InstalmentPlan.organisation_id == organisation_id,
                InstalmentPlan.provider_reference == reference,
            )
            .with_for_update()
        )

    def instalments(self, plan: InstalmentPlan) -> list[Instalment]:
        statement = select(Instalment).where(Instalment.plan_id == plan.id).order_by(Instalment.number)
        return list(self.session.scalars(statement))

    def mandate(self, organisation_id: uuid.UUID, reference: str) -> Mandate | None:
        statement = select(Mandate).where(
            Mandate.organisation_id == organisation_id,
            (Mandate.mandate_reference == reference) | (Mandate.reference == reference),
        )
        return self.session.scalar(statement.with_for_update().limit(1))


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
