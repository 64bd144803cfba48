from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.jobs.backends import InProcessBackend
from api.runtime import Runtime
from tests.factories import Tenant


class Capture:
    """Upload a file and wait until its capture job is over."""

    def __init__(self, client: TestClient, runtime: Runtime) -> None:
        self.client = client
        self.runtime = runtime

    def __call__(self, tenant: Tenant, name: str, data: bytes) -> dict[str, Any]:
        response = self.client.post("/api/v1/documents", headers=tenant.headers, files={"file": (name, data)})
        assert response.status_code in (200, 201), response.text
        document_id = response.json()["documents"][0]["id"]
        self.wait()
        document: dict[str, Any] = self.client.get(
            f"/api/v1/documents/{document_id}", headers=tenant.headers
        ).json()
        return document

    def wait(self) -> None:
        assert isinstance(self.runtime.backend, InProcessBackend)
        assert self.runtime.backend.wait_idle(120)

    def invoice(self, tenant: Tenant, document: dict[str, Any]) -> dict[str, Any]:
        response = self.client.get(f"/api/v1/invoices/{document['invoice_id']}", headers=tenant.headers)
        assert response.status_code == 200, response.text
        invoice: dict[str, Any] = response.json()
        return invoice
