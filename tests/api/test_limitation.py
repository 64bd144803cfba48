"""The 5-year limitation period (article L110-4 Code de commerce): when an invoice becomes time-barred, which
invoices of an organisation are, and that no reminder goes out for them on its own."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from api.clock import utc_now
from api.db import unit_of_work
from api.dunning.outlook import outlook
from api.invoices import limitation
from api.organisations.service import Principal
from api.runtime import Runtime
from api.settings import Settings
from tests.api.dunning.conftest import chase, invoice_row, make_client, make_invoice, reminders
from tests.api.reports import builders as b
from tests.factories import Tenant
from tests.support.clock import SUITE_TODAY

TODAY = SUITE_TODAY  # 7 December 2026: invoices due up to 6 December 2021 are time-barred


@pytest.mark.parametrize(
    ("due", "issued", "today", "barred"),
    [
        (date(2020, 3, 15), date(2020, 2, 14), date(2025, 3, 15), False),  # the last day it can be claimed
        (date(2020, 3, 15), date(2020, 2, 14), date(2025, 3, 16), True),
        (None, date(2020, 3, 15), date(2025, 3, 16), True),  # no due date: from the issue date
        (None, date(2020, 3, 15), date(2025, 3, 15), False),
        (date(2020, 6, 30), date(2020, 3, 15), date(2025, 3, 16), False),  # the due date wins over the issue
        (date(2024, 2, 29), None, date(2029, 2, 28), False),  # 29 February: the period ends on 28 February
        (date(2024, 2, 29), None, date(2029, 3, 1), True),
        (None, None, date(2040, 1, 1), False),  # nothing to count from
    ],
)
def test_when_an_invoice_becomes_time_barred(
    due: date | None, issued: date | None, today: date, barred: bool
) -> None:
    assert limitation.is_time_barred(due_date=due, issue_date=issued, today=today) is barred


def test_the_cut_off_the_database_compares_with_agrees_with_the_rule_on_every_day() -> None:
    """Around four leap days, for every day: time-barred exactly when the start is before the cut-off."""
    for year in (2024, 2028, 2032, 2036):
        for today in (date(year, 2, 1) + timedelta(days=n) for n in range(60)):
            cut_off = limitation.earliest_live_start(today)
            for start in (cut_off - timedelta(days=2) + timedelta(days=n) for n in range(5)):
                expected = limitation.is_time_barred(due_date=start, issue_date=None, today=today)
                assert (start < cut_off) is expected, (today, start)


def test_the_organisations_time_barred_invoices_still_owed_oldest_first(
    runtime: Runtime, tenant: Tenant, other_tenant: Tenant
) -> None:
    with unit_of_work(runtime.session_factory) as session:
        last_day = b.invoice(session, tenant, total=100_00, due=date(2021, 12, 7), issued=date(2021, 11, 7))
        first_day = b.invoice(session, tenant, total=200_00, due=date(2021, 12, 6), issued=date(2021, 11, 6),
                              buyer="Garage Lenoir")  # fmt: skip
        no_due = b.invoice(session, tenant, total=300_00, due=None, issued=date(2020, 1, 10))
        paid = b.invoice(session, tenant, total=400_00, due=date(2019, 1, 10), issued=date(2018, 12, 10))
        b.pay(session, tenant, paid, "400", date(2019, 2, 1))
        b.invoice(session, other_tenant, total=500_00, due=date(2018, 1, 10), issued=date(2017, 12, 10))
        numbers = {row.id: row.number for row in (last_day, first_day, no_due)}

    with unit_of_work(runtime.session_factory) as session:
        found = limitation.time_barred(session, tenant.organisation_id, TODAY, limit=5)

    assert found.count == 2
    assert [(numbers[i.invoice_id], i.amount, i.since) for i in found.items] == [
        (numbers[no_due.id], 300_00, date(2025, 1, 11)),
        (numbers[first_day.id], 200_00, date(2026, 12, 7)),
    ]
    assert found.items[1].party == "Garage Lenoir"


def test_the_flag_on_an_invoice_needs_it_still_owed(runtime: Runtime, tenant: Tenant) -> None:
    with unit_of_work(runtime.session_factory) as session:
        owed = b.invoice(session, tenant, total=100_00, due=date(2020, 5, 4), issued=date(2020, 4, 4))
        paid = b.invoice(session, tenant, total=100_00, due=date(2020, 5, 4), issued=date(2020, 4, 4))
        b.pay(session, tenant, paid, "100", date(2020, 6, 1))
        session.flush()
        since = (limitation.barred_since(owed, TODAY), limitation.barred_since(paid, TODAY))

    assert since == (date(2025, 5, 5), None)


class TestNoAutomaticReminder:
    def test_a_time_barred_invoice_gets_no_reminder_and_is_not_looked_at_again(
        self, runtime: Runtime, settings: Settings, tenant: Tenant
    ) -> None:
        client_id = make_client(runtime, tenant)
        barred = make_invoice(runtime, tenant, client_id=client_id, due=date(2021, 12, 6), number="F-2021-1")

        outcome = chase(runtime, settings, tenant, barred, utc_now())

        assert (outcome.action, outcome.reason) == ("blocked", "time_barred")
        assert reminders(runtime, barred) == []
        assert invoice_row(runtime, barred).next_reminder_at is None

    def test_on_its_last_claimable_day_the_reminder_still_goes(
        self, runtime: Runtime, settings: Settings, tenant: Tenant
    ) -> None:
        client_id = make_client(runtime, tenant)
        live = make_invoice(runtime, tenant, client_id=client_id, due=date(2021, 12, 7), number="F-2021-2")

        outcome = chase(runtime, settings, tenant, live, utc_now())

        assert outcome.action == "created"
        assert [r for r in reminders(runtime, live) if r.status != "skipped"] != []

    def test_the_invoice_page_says_why_the_reminders_stopped(self, runtime: Runtime, tenant: Tenant) -> None:
        barred = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=date(2021, 1, 4))

        with unit_of_work(runtime.session_factory) as session:
            found = outlook(session, Principal(organisation_id=tenant.organisation_id), barred, today=TODAY)

        assert (found.stopped, found.planned) == ("time_barred", ())
