"""Log a test client in through the real login form."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.factories import Tenant


def log_in(client: TestClient, tenant: Tenant) -> TestClient:
    page = client.get("/login").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf
    form = {"email": tenant.email, "password": tenant.password, "csrf_token": csrf.group(1), "next": "/"}
    response = client.post("/login", data=form, follow_redirects=False)
    assert response.status_code == 303
    return client


def csrf_of(html: str) -> str:
    found = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert found
    return found.group(1)
