"""The home page (tableau de bord) through the TestClient, on SQLite and PostgreSQL: the figures shown for a
book worked out by hand, their explanations, the language switch, the empty state and tenancy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import lxml.html
import pytest
from fastapi.testclient import TestClient

from api import clock
from api.db import unit_of_work
from api.runtime import Runtime
from tests.api.reports import builders as b
from tests.factories import Tenant
from tests.support.web import log_in, parse, text_of, texts_of

ON = "2026-11-22"
FIGURES = ["kpi-outstanding", "kpi-overdue", "kpi-dso", "kpi-best-dso", "kpi-cei", "kpi-recovery"]
BUCKETS = ["not_due", "1_30", "31_60", "61_90", "over_90"]


@pytest.fixture(autouse=True)
def _on_the_day_of_the_book(_test_clock: None) -> Iterator[None]:
    """The book is seen on 22 November 2026, and what it stores (an upload's day) is stored that day."""
    with clock.pinned(clock.paris_moment(date(2026, 11, 22))):
        yield


def book(runtime: Runtime, tenant: Tenant) -> None:
    """Owed on 22 November 2026: 900 € in all, 750 € of it late."""
    with unit_of_work(runtime.session_factory) as session:
        b.invoice(session, tenant, total=100_00, issued=date(2026, 11, 2), due=date(2026, 12, 2))  # not due
        b.invoice(session, tenant, total=200_00, issued=date(2026, 10, 1), due=date(2026, 11, 1))  # 21 days
        b.invoice(session, tenant, total=300_00, issued=date(2026, 8, 1), due=date(2026, 9, 1))  # 82 days
        late = b.invoice(session, tenant, total=400_00, issued=date(2026, 6, 1), due=date(2026, 7, 1))
        b.pay(session, tenant, late, "150", date(2026, 11, 20))  # 250 € left, 144 days late
        paid = b.invoice(session, tenant, total=500_00, issued=date(2026, 8, 15), due=date(2026, 9, 15))
        b.pay(session, tenant, paid, "500", date(2026, 10, 10))
        # debited on the mandate's next possible date, 5 January
        payer = b.client(session, tenant, name="Gina SARL")
        b.mandate(session, tenant, payer, status="active", next_possible=date(2027, 1, 5))
        b.invoice(session, tenant, total=50_00, issued=date(2026, 11, 10), due=date(2026, 12, 10),
                  client_id=payer)  # fmt: skip
        b.invoice(session, tenant, total=60_00, due=None, status="needs_review", number="R-1", buyer="Bob")


def home(client: TestClient, query: str = f"?on={ON}") -> lxml.html.HtmlElement:
    response = client.get("/" + query, follow_redirects=False)
    assert response.status_code == 200
    return parse(response)


def shown(page: lxml.html.HtmlElement, name: str) -> str:
    return text_of(page, f"//*[@data-testid='{name}']")


def tip_of(page: lxml.html.HtmlElement, name: str) -> str:
    """The explanation a figure announces (aria-describedby), shown on hover and keyboard focus."""
    (tile,) = page.xpath(f"//*[@data-testid='{name}']/ancestor::*[@aria-describedby][1]")
    assert tile.get("tabindex") == "0"
    return text_of(page, f"//*[@id='{tile.get('aria-describedby')}'][@role='tooltip']")


def test_the_figures_of_a_known_book(runtime: Runtime, tenant: Tenant, logged_in: TestClient) -> None:
    book(runtime, tenant)

    page = home(logged_in)

    assert text_of(page, "//h1") == "Tableau de bord"
    assert texts_of(page, "//nav//a[@aria-current='page']") == ["Accueil"]
    assert {name: shown(page, name) for name in FIGURES} == {
        "kpi-outstanding": "900,00 €",
        "kpi-overdue": "750,00 €",
        # 900 €: November's 150 (22 days), October's 200 (31), September's nothing (30), then 550 of
        # August's 800 (31 days × 550/800 = 21.3)
        "kpi-dso": "104,3 j",
        "kpi-best-dso": "22 j",  # the 150 € not yet due are exactly November's sales
        # September to November: (1 200 + 350/3 − 900) / (1 200 + 350/3 − 150)
        "kpi-cei": "35,7 %",
        # 150 € received of (700 € overdue on 23 October + 200 € falling due since)
        "kpi-recovery": "16,7 %",
    }
    assert {bucket: shown(page, f"aging-{bucket}") for bucket in BUCKETS} == {
        "not_due": "Non échu 150,00 € 2 factures",
        "1_30": "1 à 30 jours 200,00 € 1 facture",
        "31_60": "31 à 60 jours 0,00 € 0 factures",
        "61_90": "61 à 90 jours 300,00 € 1 facture",
        "over_90": "Plus de 90 jours 250,00 € 1 facture",
    }
    assert [shown(page, f"forecast-{h}") for h in (30, 60, 90)] == ["850,00 €", "900,00 €", "900,00 €"]
    assert texts_of(page, "//*[@id='f-60-value']/following-sibling::*[@class='parts']/span") == [
        "échéances 850,00 €", "prélèvements 50,00 €"
    ]  # fmt: skip
    assert page.xpath("//*[@data-testid='home-empty']") == []


def test_the_bars_of_the_aging_chart_are_drawn_to_scale(
    runtime: Runtime, tenant: Tenant, logged_in: TestClient
) -> None:
    book(runtime, tenant)

    page = home(logged_in)

    widths = {bucket: page.xpath(f"//*[@data-testid='aging-{bucket}']//*[@class='bar']/span/@style")[0]
              for bucket in BUCKETS}  # fmt: skip
    assert widths == {"not_due": "width: 50%", "1_30": "width: 67%", "31_60": "width: 0%",
                      "61_90": "width: 100%", "over_90": "width: 83%"}  # fmt: skip
    assert page.xpath("//*[@data-testid='aging-1_30']//*[@class='bar']/@aria-hidden") == ["true"]


def test_every_figure_explains_itself_with_its_period(
    runtime: Runtime, tenant: Tenant, logged_in: TestClient
) -> None:
    book(runtime, tenant)

    page = home(logged_in)

    for name in [*FIGURES, "forecast-30", "forecast-60", "forecast-90"]:
        assert tip_of(page, name), name
    assert "du 01/12/2025 au 22/11/2026" in tip_of(page, "kpi-dso")
    assert tip_of(page, "kpi-best-dso").endswith("L'écart avec le DSO est le retard moyen : 82,3 j.")
    assert tip_of(page, "kpi-cei").startswith("Du 01/09/2026 au 22/11/2026 :")
    assert tip_of(page, "kpi-recovery").startswith("Du 23/10/2026 au 22/11/2026 :")
    assert tip_of(page, "kpi-overdue").endswith("au 22/11/2026 : 83,3 % de l'encours.")
    assert tip_of(page, "forecast-30").startswith("Cumul attendu du 22/11/2026 au 22/12/2026 :")


def test_the_attention_list(runtime: Runtime, tenant: Tenant, logged_in: TestClient) -> None:
    book(runtime, tenant)
    with unit_of_work(runtime.session_factory) as session:
        late = b.invoice(session, tenant, total=80_00, due=date(2026, 10, 1), number="F-80", buyer="Acme")
        b.task(session, tenant, late, channel="call", scheduled=date(2026, 11, 21))

    page = home(logged_in)

    assert [shown(page, f"attention-{kind}-count") for kind in
            ("reviews", "tasks", "disputes", "failed_payments")] == ["1", "1", "0", "0"]  # fmt: skip
    assert page.xpath("//*[@data-testid='attention-reviews']//a/@href")[0] == "/invoices?status=needs_review"
    assert texts_of(page, "//*[@data-testid='attention-reviews']//ul[@class='items']/li") == [
        "R-1 Bob 60,00 € 22/11/2026"
    ]
    assert texts_of(page, "//*[@data-testid='attention-tasks']//ul[@class='items']/li") == [
        "F-80 Acme 80,00 € 21/11/2026 appel"
    ]
    assert page.xpath("//*[@data-testid='attention-tasks']//h3/a/@href") == ["/relances"]
    assert page.xpath("//*[@data-testid='attention-disputes']//ul") == []


def test_in_english(runtime: Runtime, tenant: Tenant, logged_in: TestClient) -> None:
    book(runtime, tenant)
    switched = logged_in.get("/lang/en", headers={"referer": "http://testserver/"}, follow_redirects=False)
    assert switched.status_code == 303

    page = home(logged_in)

    assert page.get("lang") == "en"
    assert text_of(page, "//h1") == "Dashboard"
    assert [shown(page, name) for name in FIGURES] == [
        "€900.00", "€750.00", "104.3 days", "22 days", "35.7%", "16.7%"
    ]  # fmt: skip
    assert shown(page, "aging-1_30") == "1 to 30 days €200.00 1 invoice"
    assert text_of(page, "//*[@data-testid='attention-list']/h2") == "To do today"
    assert tip_of(page, "kpi-recovery").startswith("From 23/10/2026 to 22/11/2026:")


def test_a_new_organisation_is_invited_to_upload(logged_in: TestClient, tenant: Tenant) -> None:
    page = home(logged_in, "")

    assert text_of(page, "//main/p[1]").startswith(f"Bienvenue, {tenant.email}.")
    assert text_of(page, "//*[@data-testid='home-empty']/h2") == "Aucune facture pour l'instant"
    assert page.xpath("//*[@data-testid='home-empty']//a/@href") == ["/upload"]
    assert [shown(page, name) for name in FIGURES] == ["0,00 €", "0,00 €", "0 j", "0 j", "—", "—"]
    assert [shown(page, f"forecast-{h}") for h in (30, 60, 90)] == ["0,00 €"] * 3
    assert text_of(page, "//*[@data-testid='attention-list']/p") == "Rien ne vous attend aujourd'hui."
    assert "Pas encore calculable" in tip_of(page, "kpi-cei")


def test_another_organisations_figures_are_not_shown(
    runtime: Runtime, tenant: Tenant, other_tenant: Tenant, client: TestClient
) -> None:
    book(runtime, tenant)
    log_in(client, other_tenant)

    page = home(client)

    assert shown(page, "kpi-outstanding") == "0,00 €"
    assert shown(page, "forecast-90") == "0,00 €"
    assert page.xpath("//*[@data-testid='home-empty']") != []
    assert "R-1" not in text_of(page, "//main")


def test_without_a_session_it_asks_to_log_in(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)

    assert (response.status_code, response.headers["location"]) == (303, "/login?next=/")


@pytest.mark.parametrize("query", ["?on=nope", "?on=2026-13-01"])
def test_a_bad_day_is_refused(logged_in: TestClient, query: str) -> None:
    response = logged_in.get("/" + query)

    assert response.status_code == 400
    assert 'data-testid="kpi-outstanding"' not in response.text
