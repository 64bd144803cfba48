"""A value PostgreSQL cannot store (a NUL character in a text) was a 500 from any endpoint or form that
saves text. It is a 422 (JSON) or a 400 page with the reason, and nothing is changed. SQLite stores the
character: there the answer is a success, never a 5xx either."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.files import invoice_pdf_bytes
from tests.support.web import csrf_of, log_in


def test_a_nul_character_in_a_json_body_is_a_422_on_postgresql_and_nothing_changes(
    client: TestClient, tenant: Tenant, capture: Capture, database_url: str
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "facture.pdf", invoice_pdf_bytes()))
    path = f"/api/v1/clients/{invoice['client_id']}"
    before = client.get(path, headers=tenant.headers).json()

    response = client.patch(path, headers=tenant.headers, json={"name": "Garage\x00Dupont"})

    if database_url.startswith("sqlite"):
        assert response.status_code == 200, response.text
        return
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "unstorable_value"
    assert client.get(path, headers=tenant.headers).json() == before


def test_a_nul_character_typed_in_a_page_form_is_a_400_page_on_postgresql(
    client: TestClient, tenant: Tenant, capture: Capture, database_url: str
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "facture.pdf", invoice_pdf_bytes()))
    browser = log_in(client, tenant)
    page = browser.get(f"/invoices/{invoice['id']}/review").text

    response = browser.post(
        f"/invoices/{invoice['id']}/review",
        data={"csrf_token": csrf_of(page), "invoice_number": "F\x00-1", "action": "save"},
        follow_redirects=False,
    )

    if database_url.startswith("sqlite"):
        assert response.status_code == 303, response.text
        return
    assert response.status_code == 400, response.text
    assert "ne peut pas être enregistrée" in response.text
    after = client.get(f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers).json()
    assert after["number"] == invoice["number"]
    assert after["corrections"] == []
