"""The pay page in a real Chromium: card lands on the provider's checkout, transfer shows IBAN and QR code."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from tests.support.fakes import FakeStripe, api_base_environment, running_fake_stripe
from tests.support.files import invoice_pdf_bytes
from tests.web.conftest import LiveServer, serving

pytestmark = pytest.mark.browser
IBAN = "FR7630006000011234567890189"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}


def api(server: LiveServer, method: str, path: str, **kwargs: Any) -> Any:
    response = httpx2.request(method, server.url + path, headers=server.api_headers, timeout=30, **kwargs)
    assert response.status_code < 300, response.text
    return response.json()


@pytest.fixture(scope="module")
def fake_stripe() -> Iterator[FakeStripe]:
    with running_fake_stripe() as fake:
        yield fake


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, fake_stripe: FakeStripe) -> Iterator[LiveServer]:
    """This module's own server: its setting (not the tenant) sends its Stripe calls to the fake."""
    with serving(tmp_path_factory.mktemp("pay-server"), **api_base_environment(fake_stripe)) as server:
        yield server


@pytest.fixture
def pay_url(live_server: LiveServer, fake_stripe: FakeStripe) -> str:
    stripe = {"secret": fake_stripe.api_key, "mode": "test"}
    api(live_server, "PUT", "/api/v1/settings/providers/stripe", json=stripe)
    bank = {"iban": IBAN, "bic": "AGRIFRPP", "account_holder": "Atelier Lenoir", "sepa_enabled": False}
    api(live_server, "PUT", "/api/v1/settings/payments", json=bank)
    pdf = invoice_pdf_bytes(number=f"PAY-{time.time_ns() % 100_000}")
    uploaded = api(live_server, "POST", "/api/v1/documents", files={"file": ("pay.pdf", pdf)})
    document_id = uploaded["documents"][0]["id"]
    deadline = time.monotonic() + 60
    while (document := api(live_server, "GET", f"/api/v1/documents/{document_id}"))["status"] == "pending":
        assert time.monotonic() < deadline, "capture did not finish"
        time.sleep(0.2)
    invoice = api(live_server, "GET", f"/api/v1/invoices/{document['invoice_id']}")
    url: str = invoice["pay_url"]
    return url


def test_card_and_transfer_on_the_pay_page(
    chromium_browser: Any, pay_url: str, fake_stripe: FakeStripe, screenshots_dir: Path
) -> None:
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = chromium_browser.new_context(viewport=viewport, locale="fr-FR")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(pay_url)
        assert page.locator("[data-testid=amount-due]").inner_text().replace("\u202f", " ") == "1 234,56\xa0€"

        page.locator("summary", has_text="Payer par virement").click()
        iban = page.locator("[data-testid=iban]")
        assert iban.inner_text() == "FR76 3000 6000 0112 3456 7890 189"  # in groups of four, to read aloud
        assert iban.get_attribute("data-copy") == IBAN  # what the copy button puts on the clipboard
        assert page.locator("[data-testid=epc-qr] svg").is_visible()
        page.screenshot(path=str(screenshots_dir / f"pay-transfer-{name}.png"), full_page=True)

        page.locator("button[data-method=card]").click()
        page.wait_for_url(f"{fake_stripe.url}/_checkout/**")
        page.screenshot(path=str(screenshots_dir / f"pay-card-checkout-{name}.png"))
        context.close()

    sessions = fake_stripe.of_type("checkout.session")
    assert len(sessions) == 1  # the second visit reused the open session
    assert sessions[0]["amount_total"] == 123456
