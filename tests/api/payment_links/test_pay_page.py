from __future__ import annotations

import re
import uuid
from datetime import date

import segno.helpers
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import ProviderAccount
from api.payment_links import service as payment_links
from api.providers import crypto
from api.settings import Settings
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.files import invoice_pdf_bytes, pdf_bytes

IBAN = "FR7630006000011234567890189"


def ready_invoice(capture: Capture, tenant: Tenant, **invoice: str) -> dict:  # type: ignore[type-arg]
    return capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes(**invoice)))


def token_of(invoice: dict) -> str:  # type: ignore[type-arg]
    found = re.search(r"/pay/([A-Za-z0-9_-]+)$", invoice["pay_url"])
    assert found
    return found.group(1)


class TestPayLink:
    def test_a_ready_invoice_has_a_long_random_pay_url(
        self, capture: Capture, tenant: Tenant, client: TestClient, settings: Settings
    ) -> None:
        invoice = ready_invoice(capture, tenant)

        assert invoice["pay_url"].startswith(settings.base_url + "/pay/")
        assert len(token_of(invoice)) >= 32  # 24 random bytes, base64url
        listed = client.get("/api/v1/invoices", headers=tenant.headers).json()["items"][0]
        assert listed["pay_url"] == invoice["pay_url"]

    def test_an_invoice_waiting_for_review_has_none_until_approved(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = capture.invoice(tenant, capture(tenant, "n.pdf", pdf_bytes(1, label="n")))
        assert invoice["pay_url"] is None

        client.patch(
            f"/api/v1/invoices/{invoice['id']}",
            headers=tenant.headers,
            json={
                "fields": {
                    "invoice_number": "N-1",
                    "issue_date": "2026-11-01",
                    "total_incl_tax": "10.00",
                    "buyer_name": "Garage Dupont",
                }
            },
        )
        approved = client.post(f"/api/v1/invoices/{invoice['id']}/approve", headers=tenant.headers).json()
        assert approved["pay_url"] is not None

    def test_the_pay_page_shows_the_invoice_in_french(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = ready_invoice(capture, tenant)

        page = client.get(f"/pay/{token_of(invoice)}")

        assert page.status_code == 200
        text = page.text.replace("\u202f", " ").replace("\u00a0", " ")
        assert "Facture F-2026-0042" in text
        assert tenant.name in text
        assert "1 234,56 €" in text
        assert "13/12/2026" in text
        assert 'lang="fr"' in text
        assert "https://" not in text.split("<body", 1)[1]  # nothing loaded from elsewhere

    def test_an_unknown_or_revoked_token_is_404_and_shows_nothing(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = ready_invoice(capture, tenant)
        old = token_of(invoice)

        renewed = client.post(
            f"/api/v1/invoices/{invoice['id']}/pay-link/revoke", headers=tenant.headers
        ).json()

        assert token_of(renewed) != old
        for token in (old, "x" * 32):
            response = client.get(f"/pay/{token}")
            assert response.status_code == 404
            assert "F-2026-0042" not in response.text
            assert tenant.name not in response.text
            assert client.post(f"/pay/{token}/start", data={"method": "card"}).status_code == 404
        assert client.get(f"/pay/{token_of(renewed)}").status_code == 200

    def test_a_cancelled_invoice_says_so_and_takes_no_payment(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = ready_invoice(capture, tenant)
        client.put("/api/v1/settings/payments", headers=tenant.headers, json={"iban": IBAN})

        client.post(f"/api/v1/invoices/{invoice['id']}/cancel", headers=tenant.headers)
        page = client.get(f"/pay/{token_of(invoice)}")

        assert 'data-state="cancelled"' in page.text
        assert "data-method" not in page.text
        refused = client.post(f"/pay/{token_of(invoice)}/start", data={"method": "card"})
        assert refused.status_code == 422


class TestTransfer:
    def test_bank_details_and_an_epc_qr_code_for_the_exact_amount(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = ready_invoice(capture, tenant)
        client.put(
            "/api/v1/settings/payments",
            headers=tenant.headers,
            json={
                "iban": "FR76 3000 6000 0112 3456 7890 189",
                "bic": "AGRIFRPP",
                "account_holder": "Atelier Lenoir",
            },
        )

        page = client.get(f"/pay/{token_of(invoice)}").text

        assert IBAN in page
        expected = segno.helpers.make_epc_qr(
            name="Atelier Lenoir", iban=IBAN, amount=1234.56, text="Facture F-2026-0042", bic="AGRIFRPP"
        ).svg_inline(scale=4, dark="#1d2433", omitsize=True)
        assert expected in page

    def test_no_iban_no_transfer(self, capture: Capture, tenant: Tenant, client: TestClient) -> None:
        page = client.get(f"/pay/{token_of(ready_invoice(capture, tenant))}").text
        assert 'data-method="transfer"' not in page


class TestDiscount:
    def test_the_discounted_amount_is_shown_until_the_deadline(
        self, capture: Capture, tenant: Tenant, client: TestClient, db: Session
    ) -> None:
        invoice = ready_invoice(capture, tenant)  # issued 13/11/2026, 1 234,56 €
        client.put(
            "/api/v1/settings/payments",
            headers=tenant.headers,
            json={"discount_basis_points": 200, "discount_days": 10, "iban": IBAN},
        )

        within = payment_links.pay_page(db, token_of(invoice), today=date(2026, 11, 23))
        after = payment_links.pay_page(db, token_of(invoice), today=date(2026, 11, 24))

        assert within.discount is not None
        assert (within.discount.amount_off, within.discount.pay_amount) == (2469, 120987)
        assert within.discount.deadline == date(2026, 11, 23)
        assert after.discount is None
        assert after.amount_due == 123456


class TestSettings:
    def test_methods_without_a_provider_are_hidden_with_the_reason(
        self, tenant: Tenant, client: TestClient
    ) -> None:
        view = client.get("/api/v1/settings/payments", headers=tenant.headers).json()

        reasons = {m["method"]: m["reason"] for m in view["methods"]}
        assert reasons == {
            "card": "stripe is not configured",
            "sepa_debit": "gocardless is not configured",
            "mandate": "gocardless is not configured",
            "instalments": "disabled in the organisation's settings",
            "transfer": "no IBAN in the settings",
        }

    def test_provider_keys_are_stored_encrypted_and_never_shown(
        self, tenant: Tenant, client: TestClient, db: Session, settings: Settings
    ) -> None:
        key = "sk_test_" + "k" * 24 + "WXYZ"
        response = client.put(
            "/api/v1/settings/providers/stripe", headers=tenant.headers, json={"secret": key, "mode": "test"}
        )

        assert response.status_code == 200
        assert key not in response.text
        [account_out] = response.json()["providers"]
        webhook_url = account_out.pop("webhook_url")
        assert account_out == {
            "provider": "stripe", "mode": "test", "secret_hint": "…WXYZ", "webhook_enabled": False,
        }  # fmt: skip
        assert re.fullmatch(r"http://[^/]+/webhooks/stripe/[0-9a-f-]{36}", webhook_url)
        assert {m["method"]: m["available"] for m in response.json()["methods"]}["card"] is True
        account = db.scalars(select(ProviderAccount)).one()
        assert key.encode() not in account.encrypted_secret
        assert crypto.decrypt(settings.secret_key, account.encrypted_secret) == key

    def test_bad_settings_are_refused(self, tenant: Tenant, client: TestClient) -> None:
        settings = "/api/v1/settings/payments"
        cases = [
            (settings, {"iban": "FR7630006000011234567890188"}, 400, "Invalid bank details"),
            (settings, {"instalments_min_count": 6, "instalments_max_count": 3}, 400, "min ≤ max"),
            (settings, {"colour": "blue"}, 422, ""),
            (
                "/api/v1/settings/providers/stripe",
                {"secret": "sk_live_" + "x" * 24, "mode": "test"},
                400,
                "does not belong to test mode",
            ),
            ("/api/v1/settings/providers/stripe", {"secret": "pk_test_" + "x" * 24}, 400, "starts with sk_"),
            ("/api/v1/settings/providers/paypal", {"secret": "x" * 24}, 404, "Unknown provider"),
        ]
        for path, body, status, detail in cases:
            response = client.put(path, headers=tenant.headers, json=body)
            assert response.status_code == status, (path, body, response.text)
            assert detail in str(response.json()["detail"])
        assert client.get("/api/v1/settings/payments", headers=tenant.headers).json()["providers"] == []

    def test_another_organisations_settings_are_its_own(
        self, tenant: Tenant, other_tenant: Tenant, client: TestClient
    ) -> None:
        client.put("/api/v1/settings/payments", headers=tenant.headers, json={"iban": IBAN})
        theirs = client.get("/api/v1/settings/payments", headers=other_tenant.headers).json()
        assert theirs["settings"]["iban"] is None


def test_a_token_shows_only_its_own_organisations_invoice(
    capture: Capture, tenant: Tenant, other_tenant: Tenant, client: TestClient
) -> None:
    mine = ready_invoice(capture, tenant, number="A-1")
    theirs = ready_invoice(capture, other_tenant, number="B-1", buyer="Garage Dupont")

    page = client.get(f"/pay/{token_of(theirs)}").text

    assert other_tenant.name in page
    assert "B-1" in page
    assert tenant.name not in page
    assert "A-1" not in page
    assert client.get(f"/api/v1/invoices/{theirs['id']}", headers=tenant.headers).status_code == 404
    assert (
        client.post(
            f"/api/v1/invoices/{mine['id']}/pay-link/revoke", headers=other_tenant.headers
        ).status_code
        == 404
    )


def test_a_paid_invoice_says_so_and_takes_no_payment(
    capture: Capture, tenant: Tenant, client: TestClient, db: Session
) -> None:
    from api.models import Invoice

    invoice = ready_invoice(capture, tenant)
    client.put("/api/v1/settings/payments", headers=tenant.headers, json={"iban": IBAN})
    row = db.get(Invoice, uuid.UUID(invoice["id"]))
    assert row is not None
    row.collection_status = "paid"  # what the provider's confirmation will set (reconciliation)
    db.commit()

    page = client.get(f"/pay/{token_of(invoice)}").text

    assert 'data-state="paid"' in page
    assert "Cette facture est payée" in page
    assert "data-method" not in page
    assert client.post(f"/pay/{token_of(invoice)}/start", data={"method": "card"}).status_code == 422
