"""The home page with invoices in several currencies, on SQLite and PostgreSQL: the euro figures are those of
the euros alone, each other currency is shown apart in the reader's format, and the ratios say they leave
the other currencies out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from api import clock
from api.db import unit_of_work
from api.runtime import Runtime
from tests.api.reports import builders as b
from tests.factories import Tenant
from tests.support.web import parse, text_of

ON = "2026-11-22"


@pytest.fixture(autouse=True)
def _on_the_day_of_the_book(_test_clock: None) -> Iterator[None]:
    with clock.pinned(clock.paris_moment(date(2026, 11, 22))):
        yield


def book(runtime: Runtime, tenant: Tenant) -> None:
    """Owed on 22 November 2026: 300 € (200 € late), 1 200 $ (700 $ late, 31–60 days), 300 £ (99 days)."""
    with unit_of_work(runtime.session_factory) as session:
        b.invoice(session, tenant, total=100_00, issued=date(2026, 11, 2), due=date(2026, 12, 2))
        b.invoice(session, tenant, total=200_00, issued=date(2026, 10, 1), due=date(2026, 11, 1))
        b.invoice(
            session, tenant, total=500_00, issued=date(2026, 11, 1), due=date(2026, 12, 1), currency="USD"
        )
        b.invoice(
            session, tenant, total=700_00, issued=date(2026, 9, 1), due=date(2026, 10, 1), currency="USD"
        )
        b.invoice(
            session, tenant, total=300_00, issued=date(2026, 8, 1), due=date(2026, 8, 15), currency="GBP"
        )


def shown(client: TestClient, name: str, language: str = "fr") -> str:
    client.get(f"/lang/{language}", headers={"referer": "http://testserver/"}, follow_redirects=False)
    response = client.get(f"/?on={ON}")
    assert response.status_code == 200
    return text_of(parse(response), f"//*[@data-testid='{name}']")


def test_the_euro_headline_is_not_swollen_by_other_currencies(
    runtime: Runtime, tenant: Tenant, logged_in: TestClient
) -> None:
    book(runtime, tenant)

    assert shown(logged_in, "kpi-outstanding") == "300,00 €"
    assert shown(logged_in, "kpi-overdue") == "200,00 €"
    assert shown(logged_in, "forecast-90") == "300,00 €"
    assert shown(logged_in, "aging-31_60") == "31 à 60 jours 0,00 € + 700,00 $US 0 factures"
    assert shown(logged_in, "aging-over_90-others") == "+ 300,00 £GB"


def test_other_currencies_in_a_line_of_their_own_in_the_readers_format(
    runtime: Runtime, tenant: Tenant, logged_in: TestClient
) -> None:
    book(runtime, tenant)

    assert shown(logged_in, "other-currencies") == (
        "Autres devises : 300,00 £GB (dont 300,00 £GB échu) · 1 200,00 $US (dont 700,00 $US échu)"
    )
    assert shown(logged_in, "figures-note").endswith("calculés sur les seules factures en EUR.")
    assert shown(logged_in, "other-currencies", "en") == (
        "Other currencies: £300.00 (of which £300.00 overdue) · US$1,200.00 (of which US$700.00 overdue)"
    )


def test_a_book_in_euros_alone_has_no_other_currency_line(
    runtime: Runtime, tenant: Tenant, logged_in: TestClient
) -> None:
    with unit_of_work(runtime.session_factory) as session:
        b.invoice(session, tenant, total=100_00, issued=date(2026, 11, 2), due=date(2026, 12, 2))

    page = parse(logged_in.get(f"/?on={ON}"))

    assert page.xpath("//*[@data-testid='other-currencies' or @data-testid='figures-note']") == []
