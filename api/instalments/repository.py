"""All SQL about instalment plans and their instalments."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from api.models import Client, Instalment, InstalmentPlan, Invoice, Mandate, Organisation
from api.repository import Repository


class InstalmentRepository(Repository):
    def live_for_invoice(
        self, organisation_id: uuid.UUID, invoice_id: uuid.UUID, *, lock: bool = False
    ) -> InstalmentPlan | None:
        statement = select(InstalmentPlan).where(
            InstalmentPlan.organisation_id == organisation_id,
            InstalmentPlan.invoice_id == invoice_id,
            InstalmentPlan.status != "cancelled",
        )
        if lock:
            statement = statement.with_for_update()
        return self.session.scalar(statement)

    def instalments(self, plan: InstalmentPlan) -> list[Instalment]:
        statement = (
            select(Instalment)
            .where(Instalment.organisation_id == plan.organisation_id, Instalment.plan_id == plan.id)
            .order_by(Instalment.number)
        )
        return list(self.session.scalars(statement))

    def delete_instalments(self, plan: InstalmentPlan) -> None:
        for instalment in self.instalments(plan):
            self.session.delete(instalment)
        self.session.flush()

    def live_on_mandate(self, mandate: Mandate) -> list[tuple[InstalmentPlan, Invoice]]:
        statement = (
            select(InstalmentPlan, Invoice)
            .join(Invoice, Invoice.id == InstalmentPlan.invoice_id)
            .where(
                InstalmentPlan.organisation_id == mandate.organisation_id,
                InstalmentPlan.client_id == mandate.client_id,
                InstalmentPlan.status.in_(("pending", "active")),
            )
            .with_for_update(of=InstalmentPlan)
        )
        return [(plan, invoice) for plan, invoice in self.session.execute(statement)]

    def waiting_on_active_mandates(self) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """(organisation, plan) of every pending plan whose client has an active mandate."""
        statement = (
            select(InstalmentPlan.organisation_id, InstalmentPlan.id)
            .join(
                Mandate,
                (Mandate.organisation_id == InstalmentPlan.organisation_id)
                & (Mandate.client_id == InstalmentPlan.client_id),
            )
            .where(InstalmentPlan.status == "pending", Mandate.status == "active")
            .distinct()
        )
        return [(organisation_id, plan_id) for organisation_id, plan_id in self.session.execute(statement)]

    def for_processing(
        self, organisation_id: uuid.UUID, plan_id: uuid.UUID
    ) -> tuple[InstalmentPlan, Invoice, Client, Organisation] | None:
        """The plan with what a notice needs; the plan row locked (two runs do one thing)."""
        statement = (
            select(InstalmentPlan, Invoice, Client, Organisation)
            .join(Invoice, Invoice.id == InstalmentPlan.invoice_id)
            .join(Client, Client.id == InstalmentPlan.client_id)
            .join(Organisation, Organisation.id == InstalmentPlan.organisation_id)
            .where(InstalmentPlan.organisation_id == organisation_id, InstalmentPlan.id == plan_id)
            .with_for_update(of=InstalmentPlan)
        )
        row = self.session.execute(statement).first()
        return None if row is None else (row[0], row[1], row[2], row[3])

    def pending_for_client(self, organisation_id: uuid.UUID, client_id: uuid.UUID) -> bool:
        statement = (
            select(InstalmentPlan.id)
            .where(
                InstalmentPlan.organisation_id == organisation_id,
                InstalmentPlan.client_id == client_id,
                InstalmentPlan.status == "pending",
            )
            .limit(1)
        )
        return self.session.scalar(statement) is not None
