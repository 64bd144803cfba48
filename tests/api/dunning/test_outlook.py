"""What the invoice page says comes next: the steps still to go out and their days, or what stops them."""

from __future__ import annotations

from datetime import date

from api.db import unit_of_work
from api.dunning import follow_up
from api.dunning.outlook import Outlook, outlook
from api.organisations.service import Principal
from api.runtime import Runtime
from api.transactions import service as transactions
from tests.api.dunning.conftest import make_client, make_invoice
from tests.factories import Tenant

DUE = date(2026, 11, 16)  # a Monday


def principal(tenant: Tenant) -> Principal:
    return Principal(organisation_id=tenant.organisation_id, label="test")


def look(runtime: Runtime, tenant: Tenant, invoice_id: object, today: date) -> Outlook:
    with unit_of_work(runtime.session_factory) as session:
        return outlook(session, principal(tenant), invoice_id, today=today)  # type: ignore[arg-type]


def planned(found: Outlook) -> list[tuple[str, date]]:
    return [(step.key, step.day) for step in found.planned]


def test_before_the_due_date_every_step_is_planned_on_its_business_day(
    runtime: Runtime, tenant: Tenant
) -> None:
    invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

    found = look(runtime, tenant, invoice_id, date(2026, 11, 10))

    assert found.stopped is None
    assert planned(found) == [
        ("courtesy", date(2026, 11, 13)),
        ("due", date(2026, 11, 17)),
        ("j5", date(2026, 11, 23)),  # Saturday 21 → Monday
        ("j15", date(2026, 12, 1)),
        ("j30", date(2026, 12, 16)),
        ("call", date(2026, 12, 21)),
        ("formal_notice", date(2026, 12, 31)),
        ("handoff", date(2027, 1, 15)),
    ]


def test_late_and_never_reminded_only_the_latest_due_step_goes_out_next_business_day(
    runtime: Runtime, tenant: Tenant
) -> None:
    invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

    found = look(runtime, tenant, invoice_id, date(2026, 12, 5))  # a Saturday

    assert planned(found)[:2] == [("j15", date(2026, 12, 7)), ("j30", date(2026, 12, 16))]


def test_a_paid_invoice_has_nothing_planned(runtime: Runtime, tenant: Tenant) -> None:
    invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
    with unit_of_work(runtime.session_factory) as session:
        transactions.mark_paid(
            session,
            principal(tenant),
            invoice_id,
            amount="1200,00",
            paid_on=date(2026, 11, 20),
            method="cheque",
        )

    found = look(runtime, tenant, invoice_id, date(2026, 11, 25))

    assert (found.stopped, found.planned) == ("paid", ())


def test_a_promise_holds_the_steps_until_its_grace_days_are_over(runtime: Runtime, tenant: Tenant) -> None:
    invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
    with unit_of_work(runtime.session_factory) as session:
        follow_up.hold_invoice(
            session, principal(tenant), invoice_id, kind="promise", until=date(2026, 12, 10)
        )

    found = look(runtime, tenant, invoice_id, date(2026, 12, 2))

    # promised for Thursday 10, three days' grace: reminders may start again on Monday 14
    assert (found.stopped, found.resume_on) == ("promise", date(2026, 12, 14))
    assert planned(found)[:2] == [("j15", date(2026, 12, 14)), ("j30", date(2026, 12, 16))]
