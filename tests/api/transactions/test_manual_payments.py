"""A payment recorded by hand through the JSON API: the amount is read as people write it, and an amount
that is ambiguous or not one is refused with its reason, recording nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.clock import paris_today
from api.runtime import Runtime
from tests.api.clients.data import make_client, make_invoice
from tests.factories import Tenant


def record(client: TestClient, tenant: Tenant, invoice_id: object, amount: str) -> tuple[int, dict]:
    response = client.post(
        f"/api/v1/invoices/{invoice_id}/payments", headers=tenant.headers,
        json={"amount": amount, "date": paris_today().isoformat(), "method": "cheque"},
    )  # fmt: skip
    return response.status_code, response.json()


def test_an_amount_written_the_french_way_is_recorded_exactly(
    client: TestClient, tenant: Tenant, runtime: Runtime
) -> None:
    invoice_id = make_invoice(runtime, tenant, make_client(runtime, tenant, "Alpha"), number="M-1", due=5,
                              total=300_000)  # fmt: skip

    status, _ = record(client, tenant, invoice_id, "1 234,56 €")

    assert status in (200, 201)
    payments = client.get(f"/api/v1/invoices/{invoice_id}/payments", headers=tenant.headers).json()
    assert [(e["amount"], e["method"]) for e in payments["entries"]] == [(123456, "cheque")]
    assert payments["balance_due"] == 300_000 - 123456


@pytest.mark.parametrize("amount", ["1,234", "1.234", "0", "-5", "1e5", "douze"])
def test_an_ambiguous_or_bad_amount_is_refused_and_nothing_is_recorded(
    client: TestClient, tenant: Tenant, runtime: Runtime, amount: str
) -> None:
    invoice_id = make_invoice(runtime, tenant, make_client(runtime, tenant, "Beta"), number="M-2", due=5,
                              total=300_000)  # fmt: skip

    status, body = record(client, tenant, invoice_id, amount)

    assert status == 400
    assert body["detail"].startswith("amount must be")
    payments = client.get(f"/api/v1/invoices/{invoice_id}/payments", headers=tenant.headers).json()
    assert (payments["entries"], payments["balance_due"]) == ([], 300_000)
