"""`GET /api/v1/dunning/reminders` reads only the columns it answers with: each line is exactly what the
reminder's own endpoint says of it, but for the snapshot that only the single reminder carries."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from api.runtime import Runtime
from api.settings import Settings
from tests.api.dunning.conftest import chase, make_client, make_invoice, paris
from tests.factories import Tenant

DUE = date(2026, 11, 16)


def _reminders_of_every_kind(runtime: Runtime, settings: Settings, tenant: Tenant) -> None:
    """An email written to the outbox, a letter with skipped steps before it, a call task (no email)."""
    emailed = make_client(runtime, tenant)
    chase(runtime, settings, tenant, make_invoice(runtime, tenant, client_id=emailed, due=DUE, number="F-1"),
          paris(DUE + timedelta(days=1)))  # fmt: skip
    chase(runtime, settings, tenant, make_invoice(runtime, tenant, client_id=emailed, due=DUE, number="F-2"),
          paris(DUE + timedelta(days=45)))  # fmt: skip
    silent = make_client(runtime, tenant, name="Garage Dupont", email=None)
    chase(runtime, settings, tenant, make_invoice(runtime, tenant, client_id=silent, due=DUE, number="F-3"),
          paris(DUE + timedelta(days=1)))  # fmt: skip


def _alone(client: TestClient, tenant: Tenant, reminder_id: str) -> dict[str, Any]:
    found = client.get(f"/api/v1/dunning/reminders/{reminder_id}", headers=tenant.headers)
    assert found.status_code == 200
    return {**found.json(), "snapshot": {}}


class TestReminderList:
    def test_each_line_is_the_reminder_as_its_own_endpoint_says_it_without_the_snapshot(
        self, runtime: Runtime, settings: Settings, tenant: Tenant, client: TestClient
    ) -> None:
        _reminders_of_every_kind(runtime, settings, tenant)

        listed = client.get("/api/v1/dunning/reminders", headers=tenant.headers)

        assert listed.status_code == 200
        lines = listed.json()
        assert len(lines) == 11  # F-1, F-3: courtesy skipped, the email or task; F-2: 6 skipped, a letter
        assert lines == [_alone(client, tenant, line["id"]) for line in lines]
        assert sum(line["has_letter"] for line in lines) == 1
        assert {line["channel"] for line in lines} == {"email", "letter", "call"}

    def test_newest_first_limited_and_filtered_by_status(
        self, runtime: Runtime, settings: Settings, tenant: Tenant, client: TestClient
    ) -> None:
        _reminders_of_every_kind(runtime, settings, tenant)
        every = client.get("/api/v1/dunning/reminders", headers=tenant.headers).json()

        first = client.get("/api/v1/dunning/reminders?limit=3", headers=tenant.headers).json()
        tasks = client.get("/api/v1/dunning/reminders?status=task", headers=tenant.headers).json()

        assert first == every[:3]
        assert [line["step_key"] for line in tasks] == ["due"]
        assert tasks[0]["to_address"] is None
        assert [line["id"] for line in tasks] == [line["id"] for line in every if line["status"] == "task"]

    def test_another_organisation_sees_none_of_them(
        self, runtime: Runtime, settings: Settings, tenant: Tenant, other_tenant: Tenant, client: TestClient
    ) -> None:
        _reminders_of_every_kind(runtime, settings, tenant)

        assert client.get("/api/v1/dunning/reminders", headers=other_tenant.headers).json() == []
