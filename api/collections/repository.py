"""All SQL about automatic collections."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from api.models import Client, Collection, InstalmentPlan, Invoice, InvoiceStatus, Mandate, Organisation
from api.repository import Repository

SEPA_CURRENCY = "EUR"


class CollectionRepository(Repository):
    def active_mandates(self) -> list[Mandate]:
        return list(self.session.scalars(select(Mandate).where(Mandate.status == "active")))

    def collectable_invoices(self, mandate: Mandate) -> list[Invoice]:
        """The mandate's client's invoices that are ready, open, not cancelled, in EUR, with a due date,
        and that no collection nor instalment plan (other than a cancelled one) covers yet."""
        covered = exists().where(Collection.invoice_id == Invoice.id, Collection.status != "cancelled")
        # an invoice paid in instalments is debited on its schedule, never also in one go
        in_instalments = exists().where(
            InstalmentPlan.invoice_id == Invoice.id, InstalmentPlan.status != "cancelled"
        )
        statement = (
            select(Invoice)
            .where(
                Invoice.organisation_id == mandate.organisation_id,
                Invoice.client_id == mandate.client_id,
                Invoice.status == InvoiceStatus.ready,
                Invoice.collection_status == "open",
                Invoice.cancelled_at.is_(None),
                Invoice.due_date.is_not(None),
                Invoice.currency == SEPA_CURRENCY,
                ~covered,
                ~in_instalments,
            )
            .order_by(Invoice.due_date, Invoice.created_at)
        )
        return list(self.session.scalars(statement))

    def insert(self, collection: Collection) -> bool:
        """Insert unless another run got there first (the partial unique index on the invoice)."""
        try:
            with self.session.begin_nested():
                self.session.add(collection)
                self.session.flush()
        except IntegrityError:
            return False
        return True

    def unfinished(self) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """(organisation, collection) of every planned or notified collection on an active mandate."""
        statement = (
            select(Collection.organisation_id, Collection.id)
            .join(Mandate, Mandate.id == Collection.mandate_id)
            .where(Collection.status.in_(("planned", "notified")), Mandate.status == "active")
            .order_by(Collection.charge_date)
        )
        return [
            (organisation_id, collection_id)
            for organisation_id, collection_id in self.session.execute(statement)
        ]

    def for_processing(
        self, organisation_id: uuid.UUID, collection_id: uuid.UUID
    ) -> tuple[Collection, Invoice, Mandate, Client, Organisation] | None:
        """The collection with all a notice needs; the collection row locked (two runs do one thing)."""
        statement = (
            select(Collection, Invoice, Mandate, Client, Organisation)
            .join(Invoice, Invoice.id == Collection.invoice_id)
            .join(Mandate, Mandate.id == Collection.mandate_id)
            .join(Client, Client.id == Mandate.client_id)
            .join(Organisation, Organisation.id == Collection.organisation_id)
            .where(Collection.organisation_id == organisation_id, Collection.id == collection_id)
            .with_for_update(of=Collection)
        )
        row = self.session.execute(statement).first()
        return None if row is None else (row[0], row[1], row[2], row[3], row[4])

    def of_mandate(self, mandate: Mandate, statuses: Sequence[str]) -> list[tuple[Collection, Invoice]]:
        statement = (
            select(Collection, Invoice)
            .join(Invoice, Invoice.id == Collection.invoice_id)
            .where(
                Collection.organisation_id == mandate.organisation_id,
                Collection.mandate_id == mandate.id,
                Collection.status.in_(statuses),
            )
            .with_for_update(of=Collection)
        )
        return [(collection, invoice) for collection, invoice in self.session.execute(statement)]

    def active_for_invoice(self, organisation_id: uuid.UUID, invoice_id: uuid.UUID) -> Collection | None:
        return self.session.scalar(
            select(Collection).where(
                Collection.organisation_id == organisation_id,
                Collection.invoice_id == invoice_id,
                Collection.status != "cancelled",
            )
        )
