"""The pay page's prélèvement automatique and échéancier blocks in a real Chromium against a live `encaisse
serve` whose GoCardless calls go to the local fake: the payer signs a mandate (the provider's redirect flow as
the fake serves it: its hosted page, signed through its test route, then back to our return address) or
chooses instalments; what the payer reads in French at each step, then what the server's database holds."""

from __future__ import annotations

import time
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx2
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from api.models import Instalment, InstalmentPlan, Mandate
from tests.support.fakes import FakeGoCardless, api_base_environment, running_fake_gocardless
from tests.support.files import invoice_pdf_bytes
from tests.web.conftest import LiveServer, serving

pytestmark = pytest.mark.browser
PAYER_EMAIL = "compta@boulangerie-martin.fr"
TIMEOUT_MS = 20_000


def api(server: LiveServer, method: str, path: str, **kwargs: Any) -> Any:
    response = httpx2.request(method, server.url + path, headers=server.api_headers, timeout=30, **kwargs)
    assert response.status_code < 300, response.text
    return response.json()


@pytest.fixture(scope="module")
def fake_gocardless() -> Iterator[FakeGoCardless]:
    with running_fake_gocardless() as fake:
        yield fake


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, fake_gocardless: FakeGoCardless) -> Iterator[LiveServer]:
    """This module's own server: its setting (not the tenant's) sends the GoCardless calls to the fake; the
    organisation offers 2 to 6 instalments."""
    with serving(tmp_path_factory.mktemp("mandate-server"), **api_base_environment(fake_gocardless)) as live:
        secret = {"secret": fake_gocardless.access_token, "mode": "test"}
        api(live, "PUT", "/api/v1/settings/providers/gocardless", json=secret)
        policy = {"instalments_enabled": True, "instalments_min_count": 2, "instalments_max_count": 6}
        api(live, "PUT", "/api/v1/settings/payments", json=policy)
        yield live


def ready_invoice(server: LiveServer, number: str, buyer: str) -> dict[str, Any]:
    """An invoice of 1 234,56 € to `buyer`, read and approved on upload, with its pay link. One buyer per
    test: a client's active mandate would debit its next invoice, with nothing left to choose."""
    uploaded = api(
        server,
        "POST",
        "/api/v1/documents",
        files={"file": ("f.pdf", invoice_pdf_bytes(number=number, buyer=buyer))},
    )
    document_id = uploaded["documents"][0]["id"]
    deadline = time.monotonic() + 60
    while (document := api(server, "GET", f"/api/v1/documents/{document_id}"))["status"] == "pending":
        assert time.monotonic() < deadline, "capture did not finish"
        time.sleep(0.2)
    invoice: dict[str, Any] = api(server, "GET", f"/api/v1/invoices/{document['invoice_id']}")
    assert (invoice["status"], invoice["amount_due"]) == ("ready", 123456)
    return invoice


@pytest.fixture
def payer(chromium_browser: Browser) -> Iterator[Page]:
    context = chromium_browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors in the pay page: {errors}"


def sign_on_the_provider_page(payer: Page, fake: FakeGoCardless) -> dict[str, Any]:
    """The payer is on the fake's hosted page; they sign (the fake's test route does what the bank form
    would) and the provider sends them back to our return address. Returns the flow."""
    expect(payer.locator("body")).to_contain_text("Fake GoCardless hosted page")
    flow_id = payer.url.rsplit("/", 1)[1]
    flow = fake.one("billing_request_flows", flow_id)
    billing_request = flow["links"]["billing_request"]
    request = urllib.request.Request(f"{fake.url}/_test/billing_requests/{billing_request}/fulfil", data=b"",
                                     method="POST")  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200
    payer.goto(flow["redirect_uri"])
    return flow


def read(server: LiveServer, statement: Any) -> list[Any]:
    """Rows of the server's own database (its SQLite file), as they are now."""
    engine = create_engine(f"sqlite:///{server.data_dir / 'encaisse.db'}")
    try:
        with Session(engine) as session:
            found = list(session.scalars(statement))
            session.expunge_all()
            return found
    finally:
        engine.dispose()


def french_day(day: date | str) -> str:
    return (date.fromisoformat(day) if isinstance(day, str) else day).strftime("%d/%m/%Y")


def test_the_payer_signs_a_mandate_and_the_invoice_is_debited_on_it(
    server: LiveServer, fake_gocardless: FakeGoCardless, payer: Page
) -> None:
    invoice = ready_invoice(server, f"MAN-{time.time_ns() % 100_000}", "Boulangerie Martin SARL")
    payer.goto(invoice["pay_url"])

    # The offer, in French: the button, what it does, the address the notices go to.
    offer = payer.locator("form.method", has=payer.locator("button[data-method=mandate]"))
    expect(offer.locator("button")).to_have_text("Prélèvement automatique")
    expect(offer.locator(".hint")).to_have_text(
        "Signez une fois un mandat SEPA : cette facture et les suivantes seront prélevées à leur échéance, "
        "après un avis envoyé par email."
    )
    expect(offer.locator("label")).to_contain_text("Email pour les avis de prélèvement")
    offer.locator("input[name=email]").fill(PAYER_EMAIL)
    offer.locator("button").click()
    payer.wait_for_url(f"{fake_gocardless.url}/_flow/**")

    flow = sign_on_the_provider_page(payer, fake_gocardless)

    # Back on the pay page: the mandate block says it is active, its RUM, the day of the debit.
    assert payer.url.endswith("#mandate")
    token = invoice["pay_url"].rsplit("/", 1)[1]
    assert flow["redirect_uri"].endswith(f"/pay/{token}/mandate/return")
    block = payer.get_by_test_id("mandate")
    expect(block).to_have_attribute("data-mandate-status", "active")
    expect(block.locator("h2")).to_have_text("Prélèvement automatique")
    expect(block.locator("dt").first).to_have_text("État du mandat")
    expect(block.locator("dd").first).to_have_text("Actif")
    mandate_id = fake_gocardless.one("billing_requests", flow["links"]["billing_request"])["links"][
        "mandate_request_mandate"
    ]
    signed = fake_gocardless.one("mandates", mandate_id)
    expect(block.get_by_test_id("rum")).to_have_text(signed["reference"])
    due = french_day(invoice["due_date"])
    expect(block.get_by_test_id("debit-date")).to_have_text(
        f"Cette facture sera prélevée le {due}. Vous recevrez un avis par email avant le prélèvement."
    )
    expect(payer.locator("button[data-method]")).to_have_count(0)  # nothing else to choose
    expect(block.locator("summary")).to_have_text("Révoquer le mandat")

    # The server's database: one mandate for the client, active, as the provider says.
    [mandate] = read(server, select(Mandate).where(Mandate.client_id == uuid.UUID(invoice["client_id"])))
    assert (mandate.status, mandate.provider, mandate.mandate_reference, mandate.scheme_reference) == (
        "active", "gocardless", signed["id"], signed["reference"],
    )  # fmt: skip
    assert (mandate.email, mandate.next_possible_charge_date) == (
        PAYER_EMAIL, date.fromisoformat(signed["next_possible_charge_date"]),
    )  # fmt: skip


def test_the_payer_chooses_three_instalments_signs_and_sees_the_schedule(
    server: LiveServer, fake_gocardless: FakeGoCardless, payer: Page
) -> None:
    invoice = ready_invoice(server, f"ECH-{time.time_ns() % 100_000}", "Garage Dupont SA")
    payer.goto(invoice["pay_url"])

    # The offer, in French: how many instalments, each amount per month.
    offer = payer.locator("form.method", has=payer.locator("button[data-method=instalments]"))
    expect(offer.locator("button")).to_have_text("Payer en plusieurs fois")
    count = offer.get_by_test_id("instalment-count")
    expect(count.locator("option")).to_have_count(5)  # 2 to 6
    expect(count.locator("option[value='3']")).to_have_text("3 × 411,52\u00a0€ par mois")
    expect(count.locator("option[value='5']")).to_have_text(  # 1 234,56 € does not split evenly in five
        "5 échéances : 246,92\u00a0€ puis 246,91\u00a0€ par mois"
    )
    count.select_option("3")
    offer.locator("input[name=email]").fill(PAYER_EMAIL)
    offer.locator("button").click()
    payer.wait_for_url(f"{fake_gocardless.url}/_flow/**")

    # Not signed yet: the pay page says the plan waits for the mandate, dates to be confirmed.
    [plan] = read(server, select(InstalmentPlan).where(InstalmentPlan.invoice_id == uuid.UUID(invoice["id"])))
    assert (plan.status, plan.count, plan.total, plan.currency) == ("pending", 3, 123456, "EUR")
    payer.go_back()
    payer.reload()
    pending = payer.get_by_test_id("instalment-plan")
    expect(pending).to_have_attribute("data-plan-status", "pending")
    expect(pending.locator("h2")).to_have_text("Échéancier · En attente du mandat")
    expect(pending.locator(".hint")).to_have_text(
        "Les dates seront confirmées par email une fois le mandat actif."
    )
    expect(pending.get_by_test_id("instalment")).to_have_count(3)
    expect(payer.get_by_test_id("mandate").locator("dd").first).to_have_text("En attente de confirmation")
    payer.go_forward()

    sign_on_the_provider_page(payer, fake_gocardless)

    # Signed: the schedule is set up by a job once the mandate is active; the page shows it in progress.
    block = payer.get_by_test_id("instalment-plan")
    deadline = time.monotonic() + 20
    while block.get_attribute("data-plan-status") != "active":
        assert time.monotonic() < deadline, "the schedule was not set up"
        time.sleep(0.3)
        payer.reload()
    expect(block.locator("h2")).to_have_text("Échéancier · En cours")
    [schedule] = fake_gocardless.all("instalment_schedules")  # this module's only one
    payments = sorted(
        (
            p
            for p in fake_gocardless.all("payments")
            if p["links"].get("instalment_schedule") == schedule["id"]
        ),
        key=lambda p: p["charge_date"],
    )
    days = [p["charge_date"] for p in payments]
    lines = [" ".join(row.inner_text().split()) for row in block.get_by_test_id("instalment").all()]
    assert lines == [f"{n}/3 {french_day(day)} 411,52 € Programmée" for n, day in enumerate(days, start=1)]
    expect(payer.locator("button[data-method]")).to_have_count(0)  # paid on its schedule

    # The server's database: the mandate active, the plan active on it with the provider's schedule, each
    # instalment submitted on the day the provider will charge it.
    [plan] = read(server, select(InstalmentPlan).where(InstalmentPlan.invoice_id == uuid.UUID(invoice["id"])))
    [mandate] = read(server, select(Mandate).where(Mandate.id == plan.mandate_id))
    assert (plan.status, plan.provider_reference, mandate.status) == ("active", schedule["id"], "active")
    instalments = read(
        server, select(Instalment).where(Instalment.plan_id == plan.id).order_by(Instalment.number)
    )
    assert [(i.number, i.amount, i.due_date.isoformat(), i.status) for i in instalments] == [
        (n, 41152, day, "submitted") for n, day in enumerate(days, start=1)
    ]
