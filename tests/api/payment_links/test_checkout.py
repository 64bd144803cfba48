"""The pay page sends the payer to a provider: the real SDKs against the local stateful fakes."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.api.payment_links.test_pay_page import ready_invoice, token_of
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeGoCardless, FakeStripe, point_settings_at

SESSIONS = "/v1/checkout/sessions"


def connect(client: TestClient, tenant: Tenant, provider: str, fake: FakeStripe | FakeGoCardless) -> None:
    """The tenant saves its key; the server (its settings, not the tenant) sends that provider's calls to
    the fake."""
    assert isinstance(client.app, FastAPI)
    point_settings_at(client.app.state.runtime.settings, fake)
    response = client.put(
        f"/api/v1/settings/providers/{provider}",
        headers=tenant.headers,
        json={"secret": fake.api_key if isinstance(fake, FakeStripe) else fake.access_token, "mode": "test"},
    )
    assert response.status_code == 200, response.text


def click(client: TestClient, token: str, method: str) -> tuple[int, str]:
    response = client.post(f"/pay/{token}/start", data={"method": method}, follow_redirects=False)
    return response.status_code, response.headers.get("location", response.text)


@pytest.mark.usefixtures("quick_providers")
class TestCard:
    def test_card_goes_to_a_checkout_session_that_names_the_invoice(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe
    ) -> None:
        connect(client, tenant, "stripe", fake_stripe)
        invoice = ready_invoice(capture, tenant)

        status, location = click(client, token_of(invoice), "card")

        assert status == 303
        [session] = fake_stripe.of_type("checkout.session")
        assert location == session["url"]
        assert session["client_reference_id"] == invoice["id"]
        assert session["metadata"]["invoice_ids"] == invoice["id"]
        assert session["amount_total"] == 123456
        assert session["currency"] == "eur"
        assert session["success_url"].endswith(f"/pay/{token_of(invoice)}/return")

    def test_a_double_click_makes_one_session(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe
    ) -> None:
        connect(client, tenant, "stripe", fake_stripe)
        token = token_of(ready_invoice(capture, tenant))

        first, second = click(client, token, "card"), click(client, token, "card")

        assert first == second
        assert len(fake_stripe.of_type("checkout.session")) == 1

    def test_a_failing_provider_gets_a_clear_message_and_no_double_session_on_retry(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe
    ) -> None:
        connect(client, tenant, "stripe", fake_stripe)
        token = token_of(ready_invoice(capture, tenant))
        fake_stripe.add_fault(SESSIONS, "timeout", count=3)  # applied at Stripe, but every answer is lost

        status, body = click(client, token, "card")

        assert status == 503
        assert "Le service de paiement ne répond pas" in body
        assert "Traceback" not in body
        assert len(fake_stripe.of_type("checkout.session")) == 1  # Stripe did create it

        status, location = click(client, token, "card")  # the payer tries again

        assert status == 303
        [session] = fake_stripe.of_type("checkout.session")
        assert location == session["url"]

    def test_a_500_is_a_clear_message(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe
    ) -> None:
        connect(client, tenant, "stripe", fake_stripe)
        token = token_of(ready_invoice(capture, tenant))
        fake_stripe.add_fault(SESSIONS, "500", count=5)

        status, body = click(client, token, "card")

        assert status == 503
        assert "Réessayez dans une minute" in body
        assert fake_stripe.of_type("checkout.session") == []

    def test_coming_back_says_in_progress_never_paid(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe
    ) -> None:
        connect(client, tenant, "stripe", fake_stripe)
        invoice = ready_invoice(capture, tenant)
        click(client, token_of(invoice), "card")

        page = client.get(f"/pay/{token_of(invoice)}/return").text

        assert 'data-state="in_progress"' in page
        assert "Paiement en cours" in page
        after = client.get(f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers).json()
        assert after["collection_status"] == "open"

    def test_a_method_that_is_not_offered_is_refused(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe
    ) -> None:
        token = token_of(ready_invoice(capture, tenant))  # no provider configured

        status, body = click(client, token, "card")

        assert status == 400
        assert "pas proposé pour cette facture" in body
        assert fake_stripe.requests == []


@pytest.mark.usefixtures("quick_providers")
class TestSepaDebit:
    def test_a_one_off_sepa_debit_goes_to_the_gocardless_hosted_page(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_gocardless: FakeGoCardless
    ) -> None:
        connect(client, tenant, "gocardless", fake_gocardless)
        invoice = ready_invoice(capture, tenant)

        status, location = click(client, token_of(invoice), "sepa_debit")

        assert status == 303
        [request] = fake_gocardless.all("billing_requests")
        assert request["payment_request"]["amount"] == 123456
        assert request["payment_request"]["currency"] == "EUR"
        [flow] = fake_gocardless.all("billing_request_flows")
        assert location == flow["authorisation_url"]

    def test_sepa_through_stripe_when_the_organisation_chooses_it(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe
    ) -> None:
        connect(client, tenant, "stripe", fake_stripe)
        client.put("/api/v1/settings/payments", headers=tenant.headers, json={"sepa_provider": "stripe"})

        status, _ = click(client, token_of(ready_invoice(capture, tenant)), "sepa_debit")

        assert status == 303
        [session] = fake_stripe.of_type("checkout.session")
        assert session["payment_method_types"] == ["sepa_debit"]
