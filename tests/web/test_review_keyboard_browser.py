"""Ctrl+Enter on the review form in a real Chromium, both faces of the page: while the invoice waits for
review it approves ("Valider"); once approved there is nothing left to approve, so the one button is
"Enregistrer les modifications" and Ctrl+Enter saves the correction, the invoice staying approved."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.files import pdf_bytes
from tests.web.conftest import BROWSER_TIMEOUT_MS, LiveServer
from tests.web.test_browser import log_in

pytestmark = pytest.mark.browser


def api(server: LiveServer, method: str, path: str, **kwargs: Any) -> Any:
    response = httpx2.request(method, server.url + path, headers=server.api_headers, timeout=30, **kwargs)
    assert response.status_code < 300, response.text
    return response.json()


def invoice_to_review(server: LiveServer) -> dict[str, Any]:
    """A document with none of an invoice's fields: it waits for review (unique bytes: never a duplicate)."""
    pdf = pdf_bytes(1, label=secrets.token_hex(8))
    uploaded = api(server, "POST", "/api/v1/documents", files={"file": ("a-verifier.pdf", pdf)})
    document_id = uploaded["documents"][0]["id"]
    deadline = time.monotonic() + 60
    while (document := api(server, "GET", f"/api/v1/documents/{document_id}"))["status"] == "pending":
        assert time.monotonic() < deadline, "capture did not finish"
        time.sleep(0.2)
    invoice: dict[str, Any] = api(server, "GET", f"/api/v1/invoices/{document['invoice_id']}")
    assert invoice["status"] == "needs_review"
    return invoice


@pytest.fixture
def page(chromium_browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    context = chromium_browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    errors: list[str] = []
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == [], f"JavaScript errors in the page: {errors}"


def test_ctrl_enter_approves_then_once_approved_saves_a_correction(
    page: Page, live_server: LiveServer
) -> None:
    invoice = invoice_to_review(live_server)
    review = f"/invoices/{invoice['id']}/review"
    log_in(page, live_server, review)

    # Waiting for review: "Enregistrer" and the primary "Valider"; Ctrl+Enter from a field approves.
    buttons = page.locator("form.fields .actions button")
    expect(buttons).to_have_text(["Enregistrer", "Valider"])
    page.fill("#f-invoice_number", "A-1")
    page.fill("#f-issue_date", "02/11/2026")
    page.fill("#f-total_incl_tax", "250,00")
    page.fill("#f-buyer_name", "Garage Dupont")
    page.locator("#f-buyer_name").press("Control+Enter")
    expect(page).not_to_have_url(re.compile(re.escape(review) + "$"))
    approved = api(live_server, "GET", f"/api/v1/invoices/{invoice['id']}")
    assert (approved["status"], approved["number"]) == ("ready", "A-1")
    assert approved["approved_by"].startswith("user:")

    # Approved: one button says what it does; Ctrl+Enter saves, the page stays, the invoice stays approved.
    page.goto(review)
    expect(buttons).to_have_text(["Enregistrer les modifications"])
    expect(page.locator("#save-changes-help")).to_have_text(
        "La correction est enregistrée et la facture reste validée, sauf si un champ obligatoire est vidé."
    )
    page.fill("#f-buyer_name", "Garage Dupont Frères")
    page.locator("#f-buyer_name").press("Control+Enter")
    expect(page).to_have_url(re.compile(re.escape(review) + r"\?saved=1$"))
    expect(page.locator("p.notice[role=status]")).to_have_text("Corrections enregistrées.")
    expect(page.locator("#f-buyer_name")).to_have_value("Garage Dupont Frères")
    after = api(live_server, "GET", f"/api/v1/invoices/{invoice['id']}")
    assert after["fields"]["buyer_name"]["value"] == "Garage Dupont Frères"
    assert (after["status"], after["approved_at"], after["approved_by"]) == (
        "ready", approved["approved_at"], approved["approved_by"],
    )  # fmt: skip
