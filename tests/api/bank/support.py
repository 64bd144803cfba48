"""Open invoices written directly (no capture) and statements posted through the API, for the bank tests."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from fastapi.testclient import TestClient

from api.db import unit_of_work
from api.models import Invoice
from api.runtime import Runtime
from tests.factories import Tenant


def open_invoice(
    runtime: Runtime, tenant: Tenant, number: str, total: int, *, buyer: str = "Client SARL",
    currency: str = "EUR",
) -> str:  # fmt: skip
    """A ready invoice of `total` minor units, nothing paid: its id."""
    invoice_id = uuid.uuid4()
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with unit_of_work(runtime.session_factory) as session:
        session.add(
            Invoice(
                id=invoice_id, organisation_id=tenant.organisation_id, number=number, document_type="invoice",
                status="ready", issue_date=date(2026, 11, 1), due_date=date(2026, 12, 1), currency=currency,
                total_excl_tax=total, total_tax=0, total_incl_tax=total, amount_due=total, balance_due=total,
                seller_name="Atelier Martin SARL", buyer_name=buyer, fields={}, extraction={}, warnings=[],
                collection_status="open", amount_paid=0, amount_processing=0, amount_refunded=0,
                disputed=False,
                approved_at=now, approved_by="test", created_at=now, updated_at=now,
            )
        )  # fmt: skip
    return str(invoice_id)


def post_statement(client: TestClient, tenant: Tenant, data: bytes, name: str = "releve.csv",
                   mapping: list[str] | None = None) -> Any:  # fmt: skip
    params: list[tuple[str, str | int | float | bool | None]] = [("filename", name)]
    params += [("csv", item) for item in mapping or []]
    return client.post("/api/v1/bank/statements", headers=tenant.headers, content=data, params=params)


def invoice_state(client: TestClient, tenant: Tenant, invoice_id: str) -> tuple[str, int]:
    body = client.get(f"/api/v1/invoices/{invoice_id}", headers=tenant.headers).json()
    return body["collection_status"], body["balance_due"]
