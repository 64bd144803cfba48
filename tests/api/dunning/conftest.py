"""Dunning fixtures: invoices built straight through the ORM (capture is tested elsewhere), a real SMTP
server, settings that send through it, and the task's own `chase` run at a chosen moment."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, time

import pytest

from api.clock import PARIS
from api.db import unit_of_work
from api.dunning import tasks
from api.dunning.service import Outcome
from api.models import Client, Invoice, Reminder
from api.runtime import Runtime
from api.settings import Settings
from api.transactions import service as transactions
from tests.factories import Tenant
from tests.support.smtp import Inbox, running_smtp


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with running_smtp() as server:
        yield server


@pytest.fixture
def mail_settings(settings: Settings, smtp: tuple[Inbox, int]) -> Settings:
    return settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": smtp[1], "smtp_starttls": False}
    )


@pytest.fixture
def inbox(smtp: tuple[Inbox, int]) -> Inbox:
    return smtp[0]


def paris(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), PARIS)


def make_client(
    runtime: Runtime,
    tenant: Tenant,
    *,
    name: str = "Boulangerie Martin",
    email: str | None = "compta@martin.example",
    locale: str = "fr",
    consumer: bool = False,
) -> uuid.UUID:
    with unit_of_work(runtime.session_factory) as session:
        client = Client(organisation_id=tenant.organisation_id, name=name, name_key=name.lower(), email=email,
                        locale=locale, is_consumer=consumer)  # fmt: skip
        session.add(client)
        session.flush()
        return client.id


def make_invoice(
    runtime: Runtime,
    tenant: Tenant,
    *,
    client_id: uuid.UUID | None,
    due: date,
    total: int = 120000,
    number: str = "F-2026-0042",
) -> uuid.UUID:
    with unit_of_work(runtime.session_factory) as session:
        invoice = Invoice(organisation_id=tenant.organisation_id, client_id=client_id, number=number,
                          status="ready", issue_date=date(2026, 10, 1), due_date=due, currency="EUR",
                          total_incl_tax=total, amount_due=total, buyer_name="Boulangerie")  # fmt: skip
        session.add(invoice)
        session.flush()
        transactions.recompute(session, invoice)
        return invoice.id


def chase(
    runtime: Runtime, settings: Settings, tenant: Tenant, invoice_id: uuid.UUID, now: datetime
) -> Outcome:
    session = runtime.session_factory()
    try:
        return tasks.chase(session, settings, tenant.organisation_id, invoice_id, now=now)
    finally:
        session.close()


def reminders(runtime: Runtime, invoice_id: uuid.UUID) -> list[Reminder]:
    with unit_of_work(runtime.session_factory) as session:
        rows = session.query(Reminder).filter_by(invoice_id=invoice_id).order_by(Reminder.created_at).all()
        session.expunge_all()
        return rows


def invoice_row(runtime: Runtime, invoice_id: uuid.UUID) -> Invoice:
    with unit_of_work(runtime.session_factory) as session:
        invoice = session.get(Invoice, invoice_id)
        assert invoice is not None
        session.expunge(invoice)
        return invoice
