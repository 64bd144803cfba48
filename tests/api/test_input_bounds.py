"""Inputs the schema fuzzer found to crash the JSON API (a 500) or to store an absurd value: each is now a
4xx with a reason and nothing changes. On SQLite and PostgreSQL (a 10**20 amount overflows a BIGINT only
on PostgreSQL; SQLite refuses it in Python)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.money import MAX_MINOR_UNITS, to_minor_units
from api.pagination import MAX_OFFSET
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.files import invoice_pdf_bytes


def invoice_of(capture: Capture, tenant: Tenant) -> dict[str, Any]:
    return capture.invoice(tenant, capture(tenant, "facture.pdf", invoice_pdf_bytes()))


def get(client: TestClient, tenant: Tenant, path: str) -> Any:
    response = client.get(path, headers=tenant.headers)
    assert response.status_code == 200, response.text
    return response.json()


class TestOffsets:
    @pytest.mark.parametrize("path", ["/api/v1/invoices", "/api/v1/documents", "/api/v1/clients",
                                      "/api/v1/provider-events"])  # fmt: skip
    def test_an_offset_beyond_the_bound_is_a_422_with_the_reason(
        self, client: TestClient, tenant: Tenant, path: str
    ) -> None:
        for offset in (2**63, 10**30, MAX_OFFSET + 1):
            response = client.get(path, headers=tenant.headers, params={"offset": offset})
            assert response.status_code == 422, response.text
            [problem] = response.json()["detail"]
            assert problem["loc"] == ["query", "offset"]
            assert str(MAX_OFFSET) in problem["msg"]
        assert client.get(path, headers=tenant.headers, params={"offset": MAX_OFFSET}).status_code == 200


class TestPaymentSettings:
    @pytest.mark.parametrize(
        "field", ["card_enabled", "sepa_provider", "instalments_min_count", "discount_days"]
    )
    def test_null_for_a_setting_that_always_has_a_value_is_a_422_not_a_500(
        self, client: TestClient, tenant: Tenant, field: str
    ) -> None:
        before = get(client, tenant, "/api/v1/settings/payments")["settings"]

        response = client.put("/api/v1/settings/payments", headers=tenant.headers, json={field: None})

        assert response.status_code == 422, response.text
        assert response.json()["detail"][0]["loc"] == ["body", field]
        assert get(client, tenant, "/api/v1/settings/payments")["settings"] == before

    def test_null_still_clears_the_bank_details(self, client: TestClient, tenant: Tenant) -> None:
        response = client.put("/api/v1/settings/payments", headers=tenant.headers, json={"bic": None})
        assert response.status_code == 200, response.text

    def test_an_absurd_minimum_instalment_amount_is_refused(self, client: TestClient, tenant: Tenant) -> None:
        before = get(client, tenant, "/api/v1/settings/payments")["settings"]
        for amount in (10**20, MAX_MINOR_UNITS + 1):
            response = client.put("/api/v1/settings/payments", headers=tenant.headers,
                                  json={"instalment_min_amount": amount})  # fmt: skip
            assert response.status_code == 422, response.text
        assert get(client, tenant, "/api/v1/settings/payments")["settings"] == before


class TestDunning:
    def test_resetting_a_template_that_does_not_exist_is_a_404(
        self, client: TestClient, tenant: Tenant
    ) -> None:
        before = get(client, tenant, "/api/v1/dunning/templates")

        response = client.delete("/api/v1/dunning/templates/0/0", headers=tenant.headers)

        assert response.status_code == 404, response.text
        assert response.json()["error"] == "not_found"
        assert get(client, tenant, "/api/v1/dunning/templates") == before

    @pytest.mark.parametrize(
        "changes",
        [{"minimum_amount": None}, {"minimum_amount": "abc"}, {"minimum_amount": 1.5},
         {"minimum_amount": [1]}, {"minimum_amount": 10**20}, {"promise_grace_days": True},
         {"contract_rate": "NaN"}, {"contract_rate": "Infinity"}, {"blackouts": 5}, {"blackouts": "x"}],
    )  # fmt: skip
    def test_a_policy_value_of_the_wrong_kind_is_a_400_with_nothing_changed(
        self, client: TestClient, tenant: Tenant, changes: dict[str, Any]
    ) -> None:
        before = get(client, tenant, "/api/v1/dunning/policy")

        response = client.patch("/api/v1/dunning/policy", headers=tenant.headers, json=changes)

        assert response.status_code == 400, response.text
        assert response.json()["detail"]
        assert get(client, tenant, "/api/v1/dunning/policy") == before

    def test_whole_numbers_as_json_numbers_or_digits_are_still_accepted(
        self, client: TestClient, tenant: Tenant
    ) -> None:
        for value in (5000, 5000.0, "5000"):
            response = client.patch("/api/v1/dunning/policy", headers=tenant.headers,
                                    json={"minimum_amount": value})  # fmt: skip
            assert response.status_code == 200, response.text
            assert response.json()["minimum_amount"] == 5000

    def test_an_absurd_promised_amount_is_refused(
        self, client: TestClient, tenant: Tenant, capture: Capture
    ) -> None:
        invoice = invoice_of(capture, tenant)
        promise = {"kind": "promise", "until": "2031-01-10", "promised_amount": 10**20}
        response = client.post(
            f"/api/v1/invoices/{invoice['id']}/holds", headers=tenant.headers, json=promise
        )
        assert response.status_code == 422, response.text
        assert get(client, tenant, f"/api/v1/invoices/{invoice['id']}/holds") == []


class TestAmounts:
    @pytest.mark.parametrize("typed", ["1e400", "99999999999999999999999", "10000000000.01", "-1e30"])
    def test_an_absurd_invoice_total_is_a_422_with_nothing_stored(
        self, client: TestClient, tenant: Tenant, capture: Capture, typed: str
    ) -> None:
        invoice = invoice_of(capture, tenant)

        response = client.patch(f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers,
                                json={"fields": {"total_incl_tax": typed}})  # fmt: skip

        assert response.status_code == 422, response.text
        assert "at most 10000000000.00" in response.json()["detail"]
        after = get(client, tenant, f"/api/v1/invoices/{invoice['id']}")
        assert after["total_incl_tax"] == invoice["total_incl_tax"]
        assert after["corrections"] == []

    def test_the_largest_amount_is_still_accepted(
        self, client: TestClient, tenant: Tenant, capture: Capture
    ) -> None:
        invoice = invoice_of(capture, tenant)
        response = client.patch(f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers,
                                json={"fields": {"total_incl_tax": "10000000000.00"}})  # fmt: skip
        assert response.status_code == 200, response.text
        assert response.json()["total_incl_tax"] == MAX_MINOR_UNITS

    def test_an_absurd_manual_payment_is_refused_even_confirmed(
        self, client: TestClient, tenant: Tenant, capture: Capture
    ) -> None:
        invoice = invoice_of(capture, tenant)
        response = client.post(f"/api/v1/invoices/{invoice['id']}/payments", headers=tenant.headers,
                               json={"amount": "9999999999999", "date": "2026-01-05", "method": "cheque",
                                     "confirm_overpayment": True})  # fmt: skip
        assert 400 <= response.status_code < 500, response.text
        assert get(client, tenant, f"/api/v1/invoices/{invoice['id']}/payments")["entries"] == []

    def test_an_absurd_credit_limit_is_refused(
        self, client: TestClient, tenant: Tenant, capture: Capture
    ) -> None:
        invoice = invoice_of(capture, tenant)
        client_id = invoice["client_id"]
        before = get(client, tenant, f"/api/v1/clients/{client_id}")
        response = client.patch(f"/api/v1/clients/{client_id}", headers=tenant.headers,
                                json={"credit_limit": 10**20})  # fmt: skip
        assert response.status_code == 422, response.text
        assert get(client, tenant, f"/api/v1/clients/{client_id}") == before


@pytest.mark.parametrize("typed", ["1e400", "1e19", "99999999999999999999999", "10000000000.01"])
def test_to_minor_units_refuses_amounts_beyond_the_bound(typed: str) -> None:
    with pytest.raises(ValueError, match="beyond the largest amount"):
        to_minor_units(typed, "EUR")
    assert to_minor_units("10000000000.00", "EUR") == MAX_MINOR_UNITS
