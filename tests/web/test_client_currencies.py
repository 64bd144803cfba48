"""A client owing in two currencies, on SQLite and PostgreSQL: its figures and its credit limit are in the
organisation's currency (EUR) alone; what it owes in dollars is shown apart and never trips the limit."""

from __future__ import annotations

import uuid
from datetime import timedelta

from fastapi.testclient import TestClient

from api.clients import service
from api.clients.policy import CurrencyOwed
from api.clock import paris_today
from api.db import unit_of_work
from api.models import Client
from api.organisations.service import Principal
from api.runtime import Runtime
from tests.api.reports import builders as b
from tests.factories import Tenant
from tests.support.web import parse, text_of


def two_currency_client(runtime: Runtime, tenant: Tenant, *, credit_limit: int) -> uuid.UUID:
    """Owes 600 € (300 € late) and 5 000 $ (2 000 $ late); one paid dollar invoice owes nothing."""
    today = paris_today()
    with unit_of_work(runtime.session_factory) as session:
        who = b.client(session, tenant, name="Zeta Trading")
        session.get_one(Client, who).credit_limit = credit_limit
        b.invoice(session, tenant, client_id=who, total=300_00, due=today + timedelta(days=10))
        b.invoice(session, tenant, client_id=who, total=300_00, due=today - timedelta(days=5))
        b.invoice(
            session, tenant, client_id=who, total=3000_00, due=today + timedelta(days=20), currency="USD"
        )
        b.invoice(
            session, tenant, client_id=who, total=2000_00, due=today - timedelta(days=40), currency="USD"
        )
        paid = b.invoice(session, tenant, client_id=who, total=900_00, due=today, currency="USD")
        b.pay(session, tenant, paid, "900", today)
        return who


def row_of(runtime: Runtime, tenant: Tenant, client_id: uuid.UUID) -> service.ClientRow:
    with unit_of_work(runtime.session_factory) as session:
        return service.client_row(session, Principal(organisation_id=tenant.organisation_id), client_id)


def test_the_figures_are_in_euros_and_the_dollars_apart(runtime: Runtime, tenant: Tenant) -> None:
    who = two_currency_client(runtime, tenant, credit_limit=1000_00)

    row = row_of(runtime, tenant, who)

    assert (row.totals.owed, row.totals.overdue, row.totals.open_invoices) == (600_00, 300_00, 4)
    assert row.totals.other_currencies == (CurrencyOwed("USD", 5000_00, 2000_00),)
    assert row.over_limit is False  # 600 € under 1 000 €, whatever is owed in dollars


def test_the_credit_limit_still_trips_on_the_euros(runtime: Runtime, tenant: Tenant) -> None:
    who = two_currency_client(runtime, tenant, credit_limit=500_00)

    assert row_of(runtime, tenant, who).over_limit is True


def test_the_list_and_the_page_show_each_currency(
    runtime: Runtime, tenant: Tenant, logged_in: TestClient
) -> None:
    who = two_currency_client(runtime, tenant, credit_limit=1000_00)

    listed = parse(logged_in.get("/clients"))
    page = parse(logged_in.get(f"/clients/{who}"))

    cell = f"//tr[@data-client='{who}']//*[@data-testid='{{}}']"
    assert text_of(listed, cell.format("owed")) == "600,00 € + 5 000,00 $US"
    assert text_of(listed, cell.format("overdue")) == "300,00 € + 2 000,00 $US"
    assert listed.xpath(cell.format("over-limit")) == []
    assert text_of(page, "//*[@data-testid='owed']") == "600,00 €"
    assert text_of(page, "//*[@data-testid='other-currencies']") == (
        "Dans d'autres devises : 5 000,00 $US (dont 2 000,00 $US échu)"
    )
    assert text_of(page, "//*[@data-testid='credit-limit-note']").startswith(
        "Le plafond de crédit est en EUR"
    )
    assert page.xpath("//*[@data-testid='over-limit']") == []


def test_the_api_gives_the_other_currencies_apart(
    runtime: Runtime, tenant: Tenant, client: TestClient
) -> None:
    who = two_currency_client(runtime, tenant, credit_limit=1000_00)

    body = client.get(f"/api/v1/clients/{who}", headers=tenant.headers).json()

    assert (body["owed"], body["overdue"], body["over_limit"]) == (600_00, 300_00, False)
    assert body["other_currencies"] == [{"currency": "USD", "owed": 5000_00, "overdue": 2000_00}]
