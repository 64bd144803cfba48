from __future__ import annotations

import re

from fastapi.testclient import TestClient

from api.settings import Settings
from tests.api.payment_links.test_checkout import connect
from tests.factories import Tenant
from tests.support.fakes import FakeStripe
from tests.support.web import csrf_of, parse, text_of


def test_hidden_methods_show_their_reason(logged_in: TestClient) -> None:
    html = logged_in.get("/settings/payments").text

    assert re.search(r'data-method="card" class="off">.*?Stripe n&#39;est pas configuré', html, re.S)
    assert re.search(r'data-method="transfer" class="off">.*?aucun IBAN dans les réglages', html, re.S)


def test_saving_bank_details_offers_transfer(logged_in: TestClient, tenant: Tenant) -> None:
    csrf = csrf_of(logged_in.get("/settings/payments").text)
    form = {"csrf_token": csrf, "card_enabled": "on", "iban": "FR76 3000 6000 0112 3456 7890 189",
            "sepa_provider": "gocardless", "discount_basis_points": "200", "discount_days": "10",
            "instalments_min_count": "2", "instalments_max_count": "6"}  # fmt: skip

    response = logged_in.post("/settings/payments", data=form, follow_redirects=False)

    assert response.status_code == 303
    view = logged_in.get("/api/v1/settings/payments", headers=tenant.headers).json()
    assert view["settings"]["iban"] == "FR7630006000011234567890189"
    assert view["settings"]["discount_basis_points"] == 200
    assert view["settings"]["sepa_enabled"] is False  # unchecked box
    assert {m["method"]: m["available"] for m in view["methods"]}["transfer"] is True


def test_bad_values_are_shown_next_to_their_field_and_nothing_is_saved(
    logged_in: TestClient, tenant: Tenant
) -> None:
    csrf = csrf_of(logged_in.get("/settings/payments").text)
    form = {"csrf_token": csrf, "iban": "FR76 3000 6000 0112 3456 7890 189", "discount_basis_points": "deux",
            "discount_days": "10", "instalments_min_count": "2", "instalments_max_count": "6"}  # fmt: skip

    response = logged_in.post("/settings/payments", data=form)

    assert response.status_code == 400
    assert re.search(r'id="e-discount_basis_points">Indiquez un nombre entier.<', response.text)
    assert (
        logged_in.get("/api/v1/settings/payments", headers=tenant.headers).json()["settings"]["iban"] is None
    )


def test_a_wrong_provider_key_is_explained(logged_in: TestClient, tenant: Tenant) -> None:
    csrf = csrf_of(logged_in.get("/settings/payments").text)

    response = logged_in.post(
        "/settings/providers/stripe", data={"csrf_token": csrf, "secret": "pk_test_123456789"}
    )

    assert response.status_code == 400
    assert 'id="e-stripe">Une clé secrète Stripe commence par sk_test_ ou sk_live_.<' in response.text
    assert logged_in.get("/api/v1/settings/payments", headers=tenant.headers).json()["providers"] == []


def test_a_connected_provider_shows_its_mode_and_the_webhook_url_to_paste(
    logged_in: TestClient, tenant: Tenant, fake_stripe: FakeStripe, settings: Settings
) -> None:
    connect(logged_in, tenant, "stripe", fake_stripe)

    page = parse(logged_in.get("/settings/payments"))

    [form] = page.xpath("//form[@action='/settings/providers/stripe']")
    assert "mode test" in text_of(form, "./p")
    assert form.xpath(".//select[@name='mode']/option[@selected]/@value") == ["test"]
    url = text_of(page, "//form[@id='webhook-stripe']//*[@data-testid='webhook-url']")
    assert url.startswith(f"{settings.base_url}/webhooks/stripe/")
    assert page.xpath("//nav[contains(@class, 'settings-tabs')]/a[@aria-current='true']/@href") == [
        "/settings/payments"
    ]
