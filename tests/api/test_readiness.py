from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from api.app import create_app
from api.db import unit_of_work
from api.runtime import Runtime
from tests.conftest import empty_postgres, make_settings
from tests.factories import Tenant, create_tenant
from tests.support.files import pdf_bytes
from tests.support.proxy import CuttableProxy


def test_health_endpoints(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ok", "database": "ok"}


def test_openapi_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    assert "/api/v1/documents" in client.get("/openapi.json").json()["paths"]


@pytest.fixture
def proxied(tmp_path: Path, postgres_url: str) -> Iterator[tuple[CuttableProxy, TestClient, Tenant]]:
    url = make_url(postgres_url)
    proxy = CuttableProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    through_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    settings = make_settings(tmp_path / "data", through_proxy)
    runtime = Runtime.build(settings)
    with unit_of_work(runtime.session_factory) as session:
        tenant = create_tenant(session, name="Fleuriste Petit")
    try:
        with TestClient(create_app(settings, runtime=runtime)) as client:
            yield proxy, client, tenant
    finally:
        proxy.cut()
        runtime.close()
        empty_postgres(postgres_url)


def test_a_database_outage_is_reported_and_loses_nothing(
    proxied: tuple[CuttableProxy, TestClient, Tenant],
) -> None:
    proxy, client, tenant = proxied
    before = client.post("/api/v1/documents", headers=tenant.headers, files={"file": ("a.pdf", pdf_bytes(1))})
    assert before.status_code == 201

    # When the database goes away
    proxy.cut()

    # Then readiness says so, the process stays alive, and writes are refused cleanly
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable", "database": "unreachable"}
    assert client.get("/healthz").status_code == 200
    refused = client.post(
        "/api/v1/documents", headers=tenant.headers, files={"file": ("b.pdf", pdf_bytes(2))}
    )
    assert refused.status_code == 503
    assert refused.json()["error"] == "service_unavailable"

    # When it comes back, everything stored before is still there
    proxy.start()
    assert client.get("/readyz").status_code == 200
    listing = client.get("/api/v1/documents", headers=tenant.headers).json()
    assert [d["filename"] for d in listing["items"]] == ["a.pdf"]
    again = client.post("/api/v1/documents", headers=tenant.headers, files={"file": ("b.pdf", pdf_bytes(2))})
    assert again.status_code == 201
