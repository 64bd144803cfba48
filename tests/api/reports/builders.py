"""Keyword-only builders of the rows the home figures read: invoices, clients, mandates, SEPA collections,
instalment plans, ledger facts, dunning tasks and holds. Balances are recomputed through the real ledger."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from api.clock import PARIS
from api.models import (
    Client,
    Collection,
    DunningHold,
    Instalment,
    InstalmentPlan,
    Invoice,
    Mandate,
    Reminder,
)
from api.organisations.service import Principal
from api.transactions import service as transactions
from api.transactions.policy import Fact
from tests.factories import Tenant


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), PARIS)


def client(session: Session, tenant: Tenant, *, name: str) -> uuid.UUID:
    row = Client(organisation_id=tenant.organisation_id, name=name, name_key=name.lower())
    session.add(row)
    session.flush()
    return row.id


def invoice(
    session: Session,
    tenant: Tenant,
    *,
    total: int,
    due: date | None,
    issued: date = date(2026, 10, 1),
    client_id: uuid.UUID | None = None,
    number: str | None = None,
    status: str = "ready",
    currency: str = "EUR",
    buyer: str | None = None,
    created_at: datetime | None = None,
) -> Invoice:
    row = Invoice(organisation_id=tenant.organisation_id, number=number or f"F-{uuid.uuid4().hex[:6]}",
                  status=status, issue_date=issued, due_date=due, currency=currency, total_incl_tax=total,
                  amount_due=total, client_id=client_id, buyer_name=buyer)  # fmt: skip
    if created_at is not None:
        row.created_at = created_at
    session.add(row)
    session.flush()
    transactions.recompute(session, row)
    return row


def fact(
    session: Session, tenant: Tenant, row: Invoice, *, kind: str, amount: int, on: date, reference: str,
    provider: str = "gocardless",
) -> None:  # fmt: skip
    found = Fact(provider, reference, kind, amount, row.currency, at(on))
    transactions.record(session, tenant.organisation_id, row.id, found, recorded_by="test")


def pay(session: Session, tenant: Tenant, row: Invoice, amount: str, on: date) -> None:
    who = Principal(organisation_id=tenant.organisation_id, label="test")
    transactions.mark_paid(session, who, row.id, amount=amount, paid_on=on, method="transfer")


def mandate(
    session: Session, tenant: Tenant, client_id: uuid.UUID, *, status: str, next_possible: date | None = None
) -> uuid.UUID:
    row = Mandate(organisation_id=tenant.organisation_id, client_id=client_id, provider="gocardless",
                  reference=f"BRQ{uuid.uuid4().hex[:8]}", status=status,
                  next_possible_charge_date=next_possible)  # fmt: skip
    session.add(row)
    session.flush()
    return row.id


def collection(
    session: Session, tenant: Tenant, row: Invoice, mandate_id: uuid.UUID, *, charge: date, status: str
) -> None:
    assert row.amount_due is not None
    session.add(Collection(organisation_id=tenant.organisation_id, invoice_id=row.id, mandate_id=mandate_id,
                           amount=row.amount_due, currency=row.currency, charge_date=charge,
                           status=status))  # fmt: skip
    session.flush()
    transactions.recompute(session, row)


def plan(
    session: Session,
    tenant: Tenant,
    row: Invoice,
    client_id: uuid.UUID,
    instalments: list[tuple[date, int, str]],
    *,
    status: str = "active",
) -> None:
    """A payment plan of (date, amount, status) instalments."""
    found = InstalmentPlan(organisation_id=tenant.organisation_id, invoice_id=row.id, client_id=client_id,
                           provider="gocardless", count=len(instalments),
                           total=sum(amount for _, amount, _ in instalments), currency=row.currency,
                           status=status)  # fmt: skip
    session.add(found)
    session.flush()
    for number, (when, amount, state) in enumerate(instalments, start=1):
        session.add(Instalment(organisation_id=tenant.organisation_id, plan_id=found.id, number=number,
                               amount=amount, due_date=when, status=state))  # fmt: skip
    session.flush()
    transactions.recompute(session, row)


def task(
    session: Session, tenant: Tenant, row: Invoice, *, channel: str, scheduled: date, state: str = "open"
) -> uuid.UUID:
    reminder = Reminder(organisation_id=tenant.organisation_id, invoice_id=row.id, client_id=row.client_id,
                        step_key=f"step-{uuid.uuid4().hex[:6]}", channel=channel, scheduled_on=scheduled,
                        status="task", amount_due=row.balance_due, currency=row.currency,
                        task_state=state)  # fmt: skip
    session.add(reminder)
    session.flush()
    return reminder.id


def dispute(session: Session, tenant: Tenant, row: Invoice, *, ended: bool = False) -> None:
    hold = DunningHold(organisation_id=tenant.organisation_id, invoice_id=row.id, kind="dispute",
                       reason="livraison incomplète", created_by="test",
                       ended_at=at(date(2026, 11, 20)) if ended else None)  # fmt: skip
    session.add(hold)
    session.flush()
