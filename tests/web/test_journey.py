"""The owner's main journey in a real Chromium against the real `encaisse serve`, end to end:

log in → upload three invoices → review and correct one from the keyboard (approved on capture, so Ctrl+Enter
saves the correction) → send the pay link by email → the client pays by card on the provider's page → the
provider's signed webhook arrives → the invoice shows paid, its reminders stop, and the home figures follow.

The server here has a mail server (aiosmtpd) and a Stripe account (the local fake, which signs and posts
its webhooks to the server exactly as Stripe does); it is this module's own, so figures are absolute.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx2
import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.support.browser import shoot_fitting
from tests.support.fakes import FakeStripe, api_base_environment, running_fake_stripe
from tests.support.files import invoice_pdf_bytes
from tests.support.smtp import Inbox, running_smtp
from tests.web.conftest import BROWSER_TIMEOUT_MS, LiveServer, serving

pytestmark = pytest.mark.browser

DESKTOP: ViewportSize = {"width": 1280, "height": 800}
WEBHOOK_SECRET = "whsec_journey_" + "0" * 24
CLIENT_EMAIL = "compta@boulangerie-martin.example"


@pytest.fixture(scope="module")
def smtp() -> Iterator[tuple[Inbox, int]]:
    with running_smtp() as running:
        yield running


@pytest.fixture(scope="module")
def stripe_fake() -> Iterator[FakeStripe]:
    with running_fake_stripe() as fake:
        yield fake


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, smtp: tuple[Inbox, int], stripe_fake: FakeStripe
) -> Iterator[LiveServer]:
    _, port = smtp
    mail = {
        "ENCAISSE_SMTP_HOST": "127.0.0.1",
        "ENCAISSE_SMTP_PORT": str(port),
        "ENCAISSE_SMTP_STARTTLS": "false",
    }
    with serving(tmp_path_factory.mktemp("journey"), **mail, **api_base_environment(stripe_fake)) as running:
        _connect_stripe(running, stripe_fake)
        yield running


def _api(server: LiveServer, method: str, path: str, **kwargs: Any) -> Any:
    response = httpx2.request(method, server.url + path, headers=server.api_headers, timeout=30, **kwargs)
    assert response.status_code < 300, response.text
    return response.json() if response.content else None


def _connect_stripe(server: LiveServer, fake: FakeStripe) -> None:
    """The provider account and its webhook, as the owner would paste them from the settings page."""
    _api(server, "PUT", "/api/v1/settings/providers/stripe",
         json={"secret": fake.api_key, "mode": "test"})  # fmt: skip
    _api(server, "PUT", "/api/v1/settings/providers/stripe/webhook", json={"secret": WEBHOOK_SECRET})
    accounts = _api(server, "GET", "/api/v1/settings/payments")["providers"]
    [account] = [a for a in accounts if a["provider"] == "stripe"]
    endpoint = server.url + account["webhook_url"][account["webhook_url"].index("/webhooks/") :]
    httpx2.post(
        f"{fake.url}/_test/webhooks", json={"url": endpoint, "secret": WEBHOOK_SECRET}
    ).raise_for_status()


@pytest.fixture
def page(chromium_browser: Browser, server: LiveServer) -> Iterator[Page]:
    context = chromium_browser.new_context(base_url=server.url, viewport=DESKTOP, locale="fr-FR")
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    errors: list[str] = []
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == [], f"JavaScript errors in the page: {errors}\n{server.log_tail()}"


def _amount(text: str) -> Decimal:
    """A French amount as shown ("12 345,67 €") as a number."""
    digits = re.sub(r"[^\d,\-]", "", text).replace(",", ".")
    return Decimal(digits)


def _log_in(page: Page, server: LiveServer) -> None:
    page.goto("/")
    page.fill("#email", server.email)
    page.fill("#password", server.password)
    page.click("form[action='/login'] button[type=submit]")
    expect(page).to_have_url(server.url + "/")


def _upload(page: Page, tmp_path: Path, numbers: list[str]) -> None:
    page.goto("/upload")
    files = []
    for number in numbers:
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(invoice_pdf_bytes(number=number, buyer="Boulangerie Martin SARL"))
        files.append(path)
    page.set_input_files("#file-input", files)
    rows = page.locator("#uploads li")
    expect(rows).to_have_count(len(numbers))
    for index in range(len(numbers)):
        expect(rows.nth(index)).to_have_attribute("data-status", "ready", timeout=30_000)
        expect(rows.nth(index).locator(".review-link")).to_be_visible()


def test_upload_review_send_pay_and_see_it_paid(
    page: Page,
    chromium_browser: Browser,
    server: LiveServer,
    smtp: tuple[Inbox, int],
    stripe_fake: FakeStripe,
    tmp_path: Path,
) -> None:
    inbox, _ = smtp
    run = secrets.token_hex(3).upper()
    numbers = [f"J{run}-{n}" for n in (1, 2, 3)]
    _log_in(page, server)
    _upload(page, tmp_path, numbers)

    # Review the first one from the keyboard: correct the client's name, Enter moves on. It was read well
    # enough to be approved on capture, so its main button saves changes and Ctrl+Enter presses it.
    page.locator("#uploads li").first.locator(".review-link").click()
    expect(page).to_have_url(re.compile(r"/invoices/[0-9a-f-]+/review$"))
    invoice_path = page.url.removeprefix(server.url).removesuffix("/review")
    expect(page.get_by_test_id("save-changes")).to_have_text("Enregistrer les modifications")
    expect(page.locator("form.fields button[value=approve]")).to_have_count(0)
    buyer = page.locator("#f-buyer_name")
    buyer.fill("Boulangerie Martin & Fils SARL")
    buyer.press("Enter")
    expect(buyer).not_to_be_focused()
    page.keyboard.press("Control+Enter")
    expect(page).to_have_url(re.compile(re.escape(invoice_path) + r"/review\?saved=1$"))
    expect(page.locator("p.notice[role=status]")).to_have_text("Corrections enregistrées.")
    expect(page.get_by_test_id("save-changes")).to_be_visible()

    page.goto(invoice_path + "/review")
    expect(page.locator("#f-buyer_name")).to_have_value("Boulangerie Martin & Fils SARL")
    expect(page.get_by_test_id("planned-reminders").locator("li")).not_to_have_count(0)
    page.goto("/")
    outstanding_before = _amount(page.get_by_test_id("kpi-outstanding").inner_text())

    # The client has no email address yet: the owner adds it on the client's page, then sends the link.
    page.goto(invoice_path + "/review")
    page.get_by_test_id("client-link").click()
    page.fill("#f-email", CLIENT_EMAIL)
    page.locator(".client-form button[type=submit]").click()
    expect(page.get_by_test_id("saved")).to_be_visible()
    page.goto(invoice_path + "/review")
    page.get_by_test_id("send-pay-link").click()
    expect(page.get_by_test_id("action-flash")).to_be_visible()
    [message] = [m for m in inbox.parsed() if m["To"] == CLIENT_EMAIL]
    body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    pay_path = re.search(r"/pay/[A-Za-z0-9_-]+", body)
    assert pay_path, body

    # The client pays by card on the provider's page; the provider then posts its signed webhook.
    _pay_by_card(chromium_browser, server.url + pay_path.group(0), stripe_fake)

    # The webhook is acknowledged at once and processed by a drain a moment later: the owner reloads.
    _reload_until_paid(page, invoice_path + "/review")
    expect(page.get_by_test_id("reminders-stopped")).to_contain_text("facture payée")
    expect(page.get_by_test_id("planned-reminders")).to_have_count(0)
    page.goto("/")
    outstanding_after = _amount(page.get_by_test_id("kpi-outstanding").inner_text())
    assert outstanding_before - outstanding_after == Decimal("1234.56")


def _reload_until_paid(page: Page, path: str, attempts: int = 80) -> None:
    """The page as the owner reloads it, until it shows the invoice paid (a static page: no live refresh)."""
    status = page.get_by_test_id("payment-status")
    for _ in range(attempts):
        page.goto(path)
        if status.get_attribute("data-status") == "paid":
            return
        page.wait_for_timeout(250)
    expect(status).to_have_attribute("data-status", "paid")


def _pay_by_card(browser: Browser, pay_url: str, fake: FakeStripe) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    try:
        payer = context.new_page()
        payer.set_default_timeout(BROWSER_TIMEOUT_MS)
        payer.goto(pay_url)
        payer.locator("button[data-method=card]").click()
        payer.wait_for_url(f"{fake.url}/_checkout/**")
        session_id = payer.url.rsplit("/", 1)[1]
    finally:
        context.close()
    httpx2.post(
        f"{fake.url}/_test/checkout/sessions/{session_id}/pay", params={"method": "card"}
    ).raise_for_status()


PAGES = (
    ("home", "/"),
    ("invoices", "/invoices"),
    ("invoice", "{invoice}/review"),
    ("invoice-cancel", "{invoice}/cancel"),
    ("clients", "/clients"),
    ("client", "{client}"),
    ("dunning-tasks", "/relances"),
    ("dunning-outbox", "/relances/envoyees"),
    ("bank", "/bank"),
    ("events", "/events"),
    ("documents", "/documents"),
    ("settings-organisation", "/settings/organisation"),
    ("settings-payments", "/settings/payments"),
    ("settings-dunning", "/settings/dunning"),
    ("settings-users", "/settings/users"),
    ("settings-api-keys", "/settings/api-keys"),
)


@pytest.mark.parametrize(
    ("size", "viewport"),
    [("phone", {"width": 390, "height": 844}), ("desktop", DESKTOP)],
    ids=["phone", "desktop"],
)
def test_every_page_fits_the_screen_and_is_kept_as_a_screenshot(
    page: Page, server: LiveServer, tmp_path: Path, screenshots_dir: Path, size: str, viewport: ViewportSize
) -> None:
    page.set_viewport_size(viewport)
    _log_in(page, server)
    _upload(page, tmp_path, [f"S{secrets.token_hex(3).upper()}-{size}"])
    page.locator("#uploads li").first.locator(".review-link").click()
    invoice = page.url.removeprefix(server.url).removesuffix("/review")
    client = page.get_by_test_id("client-link").get_attribute("href")

    for name, template in PAGES:
        answer = page.goto(template.format(invoice=invoice, client=client))
        assert answer is not None, name
        assert answer.status == 200, name
        shoot_fitting(page, screenshots_dir / f"{name}-{size}.png", viewport)

    # A form's bad input: each message next to its field.
    page.goto("/settings/organisation")
    page.fill("#siren", "123")
    page.locator("form#identity button[type=submit]").click()
    expect(page.locator("#siren")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#e-siren")).to_be_visible()
    shoot_fitting(page, screenshots_dir / f"settings-organisation-errors-{size}.png", viewport)


def test_a_reminder_template_previews_as_it_is_typed(page: Page, server: LiveServer) -> None:
    _log_in(page, server)
    page.goto("/settings/dunning")
    template = page.locator("details.template").first
    template.locator("summary").click()
    body = template.locator("textarea[name=body]")

    body.fill("Bonjour,\nla facture {{ invoice_number }} reste à régler.")
    preview = template.locator("[data-testid=live-preview] pre")
    expect(preview).to_have_text("Bonjour,\nla facture F-2026-0042 reste à régler.")

    body.fill("Bonjour {{ client_name")
    expect(template.locator(".live-error")).to_be_visible()
    # the last good rendering stays
    expect(preview).to_have_text("Bonjour,\nla facture F-2026-0042 reste à régler.")

    body.fill("Merci {{ client_name }}.")
    expect(template.locator(".live-error")).to_be_hidden()
    expect(preview).to_have_text("Merci Boulangerie Martin.")
