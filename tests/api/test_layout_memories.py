"""Layout memory in the service: a correction teaches the organisation's layout, the next invoice of that
layout is read with it, a later correction replaces a wrong lesson, and no other organisation ever uses it."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.models import Invoice
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.invoice_family import make_family

FAMILY = make_family(seed=11, count=4)


def _captured(capture: Capture, tenant: Tenant, number: int) -> dict[str, Any]:
    pdf, _ = FAMILY[number]
    return capture.invoice(tenant, capture(tenant, f"facture-{number}.pdf", pdf))


def _values(invoice: dict[str, Any]) -> dict[str, str | None]:
    return {name: (invoice["fields"].get(name) or {}).get("value") for name in FAMILY[0][1]}


def _correct(client: TestClient, tenant: Tenant, invoice: dict[str, Any], fields: dict[str, str]) -> None:
    response = client.patch(
        f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers, json={"fields": fields}
    )
    assert response.status_code == 200, response.text


def _read_with_memory(db: Session, invoice: dict[str, Any]) -> dict[str, Any] | None:
    """What the capture job recorded about the memory it read the invoice with (None: cold start)."""
    row = db.get(Invoice, uuid.UUID(invoice["id"]))
    assert row is not None
    match: dict[str, Any] | None = row.extraction.get("layout_match")
    db.commit()
    return match


def _layouts(client: TestClient, tenant: Tenant) -> list[dict[str, Any]]:
    response = client.get("/api/v1/layouts", headers=tenant.headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_after_one_correction_the_next_invoice_of_the_layout_is_read_from_memory(
    capture: Capture, tenant: Tenant, client: TestClient, db: Session
) -> None:
    first = _captured(capture, tenant, 0)
    _correct(client, tenant, first, FAMILY[0][1])

    [layout] = _layouts(client, tenant)
    assert layout["uses"] == 0
    assert layout["label"] == FAMILY[0][1]["seller_name"]
    assert set(layout["fields"]) == set(FAMILY[0][1])

    second = _captured(capture, tenant, 1)
    assert _read_with_memory(db, second) is not None
    assert _values(second) == FAMILY[1][1]
    assert second["fields"]["total_incl_tax"]["confidence"] >= 0.95
    [layout] = _layouts(client, tenant)
    assert layout["uses"] == 1
    assert layout["last_used_at"] is not None


def test_the_invoice_says_which_learned_layout_read_it(
    capture: Capture, tenant: Tenant, client: TestClient
) -> None:
    first = _captured(capture, tenant, 0)
    assert first["layout"] is None  # nothing learned yet: cold start
    _correct(client, tenant, first, FAMILY[0][1])
    [layout] = _layouts(client, tenant)

    second = _captured(capture, tenant, 1)

    used = second["layout"]
    assert (used["id"], used["label"]) == (layout["id"], FAMILY[0][1]["seller_name"])
    assert 0.6 <= used["score"] <= 1.0
    listed = client.get("/api/v1/invoices", headers=tenant.headers).json()["items"]
    assert {item["id"]: item["layout"] for item in listed}[second["id"]] == used


def test_the_openapi_document_describes_the_layout_that_read_an_invoice(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]

    layout = schemas["InvoiceOut"]["properties"]["layout"]
    assert "learned layout" in layout["description"]
    assert set(schemas["LayoutUsed"]["properties"]) == {"id", "label", "score"}


def test_approving_teaches_too(capture: Capture, tenant: Tenant, client: TestClient) -> None:
    first = _captured(capture, tenant, 0)
    _correct(client, tenant, first, {"payment_terms": FAMILY[0][1]["payment_terms"]})
    client.post(f"/api/v1/invoices/{first['id']}/approve", headers=tenant.headers)

    assert len(_layouts(client, tenant)) == 1


def test_a_wrong_lesson_is_replaced_by_the_next_correction(
    capture: Capture, tenant: Tenant, client: TestClient
) -> None:
    first = _captured(capture, tenant, 0)
    # The person types the order number into the invoice number: the memory learns the wrong place.
    wrong = {**FAMILY[0][1], "invoice_number": FAMILY[0][1]["purchase_order"]}
    _correct(client, tenant, first, wrong)
    second = _captured(capture, tenant, 1)
    assert _values(second)["invoice_number"] == FAMILY[1][1]["purchase_order"]

    _correct(client, tenant, second, FAMILY[1][1])

    assert len(_layouts(client, tenant)) == 1  # replaced, not added
    third = _captured(capture, tenant, 2)
    assert _values(third) == FAMILY[2][1]


def test_an_organisation_never_reads_with_another_organisations_memory(
    capture: Capture, tenant: Tenant, other_tenant: Tenant, client: TestClient, db: Session
) -> None:
    first = _captured(capture, tenant, 0)
    _correct(client, tenant, first, FAMILY[0][1])

    theirs = _captured(capture, other_tenant, 1)

    assert _read_with_memory(db, theirs) is None
    assert _layouts(client, other_tenant) == []
    [layout] = _layouts(client, tenant)
    assert layout["uses"] == 0
    assert client.delete(f"/api/v1/layouts/{layout['id']}", headers=other_tenant.headers).status_code == 404


def test_a_deleted_memory_is_no_longer_used(
    capture: Capture, tenant: Tenant, client: TestClient, db: Session
) -> None:
    first = _captured(capture, tenant, 0)
    _correct(client, tenant, first, FAMILY[0][1])
    [layout] = _layouts(client, tenant)

    assert client.delete(f"/api/v1/layouts/{layout['id']}", headers=tenant.headers).status_code == 204

    assert _layouts(client, tenant) == []
    assert _read_with_memory(db, _captured(capture, tenant, 1)) is None
