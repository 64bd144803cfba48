"""A known set of clients and invoices, dated from today (Europe/Paris), with its figures worked out by hand.
Shared by the service tests and the page tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from api.clock import paris_today
from api.db import unit_of_work
from api.models import Client, Invoice, Mandate
from api.organisations.service import Principal
from api.runtime import Runtime
from api.transactions import service as transactions
from tests.factories import Tenant


@dataclass(frozen=True)
class Clients:
    alpha: uuid.UUID  # to_watch: 2 of 4 paid late, 5 days late on average; owes 600 €, 300 € overdue
    beta: uuid.UUID  # bad_payer: 2 000 € unpaid 45 days after its due date; limit 1 500 €; active mandate
    delta: uuid.UUID  # reliable: paid on time, owes nothing
    gamma: uuid.UUID  # no invoice; set to to_watch by a person
    alpha_open: uuid.UUID  # Alpha's invoice not yet due
    alpha_paid_late: uuid.UUID  # Alpha's invoice paid 10 days late


def day(offset: int) -> date:
    return paris_today() + timedelta(days=offset)


def make_client(runtime: Runtime, tenant: Tenant, name: str, **values: object) -> uuid.UUID:
    with unit_of_work(runtime.session_factory) as session:
        client = Client(organisation_id=tenant.organisation_id, name=name, name_key=name.lower(), **values)
        session.add(client)
        session.flush()
        return client.id


def make_invoice(
    runtime: Runtime, tenant: Tenant, client_id: uuid.UUID, *, number: str, due: int, total: int,
    status: str = "ready",
) -> uuid.UUID:  # fmt: skip
    """An invoice of `total` cents due `due` days from today."""
    with unit_of_work(runtime.session_factory) as session:
        invoice = Invoice(organisation_id=tenant.organisation_id, client_id=client_id, number=number,
                          status=status, issue_date=day(due - 30), due_date=day(due), currency="EUR",
                          total_incl_tax=total, amount_due=total, buyer_name="buyer")  # fmt: skip
        session.add(invoice)
        session.flush()
        transactions.recompute(session, invoice)
        return invoice.id


def pay(runtime: Runtime, tenant: Tenant, invoice_id: uuid.UUID, amount: str, *, on: int) -> None:
    with unit_of_work(runtime.session_factory) as session:
        who = Principal(organisation_id=tenant.organisation_id, label="test")
        transactions.mark_paid(session, who, invoice_id, amount=amount, paid_on=day(on), method="transfer")


def make_mandate(
    runtime: Runtime, tenant: Tenant, client_id: uuid.UUID, *, status: str, reference: str
) -> None:
    with unit_of_work(runtime.session_factory) as session:
        mandate = Mandate(organisation_id=tenant.organisation_id, client_id=client_id, provider="gocardless",
                          reference=reference, mandate_reference=f"MD-{reference}", status=status,
                          scheme_reference=f"RUM-{reference}")  # fmt: skip
        session.add(mandate)


def known_clients(runtime: Runtime, tenant: Tenant, other_tenant: Tenant) -> Clients:
    alpha = make_client(runtime, tenant, "Alpha Conseil", siren="732829320", email="compta@alpha.example",
                        credit_limit=5_000_00)  # fmt: skip
    paid_late = make_invoice(runtime, tenant, alpha, number="A-1", due=-40, total=1_000_00)
    pay(runtime, tenant, paid_late, "1000", on=-30)  # 10 days late
    partly = make_invoice(runtime, tenant, alpha, number="A-2", due=-10, total=500_00)
    pay(runtime, tenant, partly, "200", on=-5)  # 300 € still owed, 10 days late today
    alpha_open = make_invoice(runtime, tenant, alpha, number="A-3", due=20, total=300_00)  # not yet due
    early = make_invoice(runtime, tenant, alpha, number="A-4", due=-60, total=200_00)
    pay(runtime, tenant, early, "200", on=-62)  # 0 days late
    on_time = make_invoice(runtime, tenant, alpha, number="A-5", due=-20, total=100_00)
    pay(runtime, tenant, on_time, "100", on=-20)  # 0 days late
    make_invoice(
        runtime, tenant, alpha, number="A-6", due=-90, total=9_999_00, status="needs_review"
    )  # not counted

    beta = make_client(runtime, tenant, "Bêta Industries", email="compta@beta.example", credit_limit=1_500_00)
    beta_key = "bêta industries"
    with unit_of_work(runtime.session_factory) as session:
        found = session.get(Client, beta)
        assert found is not None
        found.name_key = beta_key.replace("ê", "e")
    make_invoice(runtime, tenant, beta, number="B-1", due=-45, total=2_000_00)
    make_mandate(runtime, tenant, beta, status="active", reference="BRQ1")
    make_mandate(runtime, tenant, alpha, status="cancelled", reference="BRQ2")  # not active

    delta = make_client(runtime, tenant, "Delta Bois")
    paid = make_invoice(runtime, tenant, delta, number="D-1", due=-15, total=700_00)
    pay(runtime, tenant, paid, "700", on=-16)

    gamma = make_client(runtime, tenant, "Gamma Textile", segment_override="to_watch")

    stranger = make_client(runtime, other_tenant, "Alpha Autre")
    make_invoice(runtime, other_tenant, stranger, number="X-1", due=-30, total=4_000_00)
    return Clients(alpha, beta, delta, gamma, alpha_open, paid_late)
