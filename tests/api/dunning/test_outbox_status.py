"""Without a mail server a reminder is only written to the local outbox folder: its status is `outbox`, never
`sent`, in the row and everywhere the API shows it (the list, the reminder, the invoice's timeline). The chase
treats it like a sent one all the same: the next step follows on its day, the step is never written twice,
the grouping and the wording count it, and a pre-notification is not written again. Through a real mail server
(aiosmtpd) it stays `sent`. Migration 0025 moves the rows written before it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import insert, select

from api.db import unit_of_work
from api.dunning import notices
from api.migrate import alembic_config
from api.models import Invoice, Reminder, ReminderStatus
from api.runtime import Runtime
from api.settings import Settings
from tests.api.dunning.conftest import chase, make_client, make_invoice, paris, reminders
from tests.factories import Tenant
from tests.support.smtp import Inbox

DUE = date(2026, 11, 16)
TUESDAY = paris(DUE + timedelta(days=1))


def api(client: TestClient, tenant: Tenant, path: str) -> Any:
    response = client.get(f"/api/v1{path}", headers=tenant.headers)
    assert response.status_code == 200, response.text
    return response.json()


def statuses(runtime: Runtime, invoice_id: object) -> dict[str, str]:
    return {r.step_key: r.status for r in reminders(runtime, invoice_id)}  # type: ignore[arg-type]


class TestWhatTheApiSays:
    def test_without_a_mail_server_the_reminder_is_outbox_in_the_list_the_reminder_and_the_timeline(
        self, runtime: Runtime, settings: Settings, tenant: Tenant, client: TestClient
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        chase(runtime, settings, tenant, invoice_id, TUESDAY)

        [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "due"]
        assert (row.status, row.snapshot["delivery"]) == (ReminderStatus.outbox, "outbox")
        assert row.sent_at is not None
        assert row.message_id is not None
        assert len(list(settings.outbox_dir.glob("*.eml"))) == 1
        listed = api(client, tenant, "/dunning/reminders")
        assert [(r["step_key"], r["status"]) for r in listed] == [("due", "outbox"), ("courtesy", "skipped")]
        assert api(client, tenant, f"/dunning/reminders/{row.id}")["status"] == "outbox"
        timeline = api(client, tenant, f"/invoices/{invoice_id}/timeline")
        [event] = [e for e in timeline if e["kind"] == "reminder" and e["detail"]["step"] == "due"]
        assert (event["summary"], event["detail"]["status"], event["detail"]["delivery"]) == (
            "due: outbox", "outbox", "outbox"
        )  # fmt: skip

    def test_the_list_filters_on_outbox_and_sent_apart(
        self, runtime: Runtime, settings: Settings, tenant: Tenant, client: TestClient
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        chase(runtime, settings, tenant, invoice_id, TUESDAY)

        assert api(client, tenant, "/dunning/reminders?status=sent") == []
        assert [r["step_key"] for r in api(client, tenant, "/dunning/reminders?status=outbox")] == ["due"]

    def test_through_a_mail_server_it_stays_sent(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox, client: TestClient
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)

        [message] = inbox.parsed()
        [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "due"]
        assert (row.status, row.snapshot["delivery"], row.message_id) == (
            "sent",
            "smtp",
            message["Message-ID"],
        )
        assert list(mail_settings.outbox_dir.glob("*.eml")) == []
        assert api(client, tenant, f"/dunning/reminders/{row.id}")["status"] == "sent"
        assert [r["id"] for r in api(client, tenant, "/dunning/reminders?status=sent")] == [str(row.id)]
        assert api(client, tenant, "/dunning/reminders?status=outbox") == []
        timeline = api(client, tenant, f"/invoices/{invoice_id}/timeline")
        assert [e["detail"]["status"] for e in timeline if e["detail"].get("step") == "due"] == ["sent"]


class TestTheChaseGoesOn:
    def test_the_next_step_follows_an_outbox_one_on_its_day_and_none_is_written_twice(
        self, runtime: Runtime, settings: Settings, tenant: Tenant
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        chase(runtime, settings, tenant, invoice_id, TUESDAY)
        again = chase(runtime, settings, tenant, invoice_id, TUESDAY + timedelta(hours=2))
        monday = paris(DUE + timedelta(days=7))  # j5 falls on a Saturday: sent the next business day
        next_step = chase(runtime, settings, tenant, invoice_id, monday)

        assert again.action == "nothing_due"
        assert next_step.action == "created"
        assert statuses(runtime, invoice_id) == {"courtesy": "skipped", "due": "outbox", "j5": "outbox"}
        assert len(list(settings.outbox_dir.glob("*.eml"))) == 2
        [j5] = [r for r in reminders(runtime, invoice_id) if r.step_key == "j5"]
        assert "Malgré notre précédent rappel" in j5.snapshot["text"]  # the outbox one counts as the earlier

    def test_grouping_counts_the_outbox_message_of_the_day(
        self, runtime: Runtime, settings: Settings, tenant: Tenant
    ) -> None:
        client_id = make_client(runtime, tenant)
        first = make_invoice(runtime, tenant, client_id=client_id, due=DUE, number="F-1")
        second = make_invoice(runtime, tenant, client_id=client_id, due=DUE - timedelta(days=1), number="F-2")

        chase(runtime, settings, tenant, first, TUESDAY)
        grouped = chase(runtime, settings, tenant, second, TUESDAY + timedelta(minutes=10))

        assert grouped.action == "grouped"
        assert statuses(runtime, second)["due"] == ReminderStatus.skipped
        assert len(list(settings.outbox_dir.glob("*.eml"))) == 1

    def test_a_prenotice_written_to_the_outbox_is_outbox_and_never_written_twice(
        self, runtime: Runtime, settings: Settings, tenant: Tenant
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        message_ids = []
        for _ in range(2):  # the collection flow runs again after a crash
            with unit_of_work(runtime.session_factory) as session:
                invoice = session.get(Invoice, invoice_id)
                assert invoice is not None
                message_ids.append(notices.send_notice(
                    session, settings, invoice, key="prenotice:c1:2026-11-20", to="compta@martin.example",
                    subject="Prélèvement", text="Le 20/11.",
                ))  # fmt: skip

        [row] = reminders(runtime, invoice_id)
        assert (row.kind, row.status, row.message_id) == ("prenotice", "outbox", message_ids[0])
        assert message_ids[0] == message_ids[1]
        assert len(list(settings.outbox_dir.glob("*.eml"))) == 1


class TestMigration:
    def test_0025_moves_outbox_deliveries_written_as_sent_and_back(
        self, runtime: Runtime, database_url: str, tenant: Tenant
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=None, due=DUE)
        config = alembic_config(database_url)
        command.downgrade(config, "0024")
        try:
            rows = {
                "local": ("sent", {"subject": "s", "delivery": "outbox"}),
                "smtp": ("sent", {"subject": "s", "delivery": "smtp"}),
                "old": ("sent", {"subject": "s"}),  # before the snapshot said how it left
                "failed": ("failed", {"subject": "s", "delivery": "outbox"}),
            }
            with runtime.engine.begin() as connection:
                connection.execute(insert(Reminder), [
                    {"organisation_id": tenant.organisation_id, "invoice_id": invoice_id, "step_key": key,
                     "channel": "email", "scheduled_on": DUE, "status": status, "snapshot": snapshot}
                    for key, (status, snapshot) in rows.items()
                ])  # fmt: skip

            command.upgrade(config, "0025")
            upgraded = _statuses(runtime)
            command.downgrade(config, "0024")
            downgraded = _statuses(runtime)
        finally:
            command.upgrade(config, "head")

        assert upgraded == {"local": "outbox", "smtp": "sent", "old": "sent", "failed": "failed"}
        assert downgraded == {"local": "sent", "smtp": "sent", "old": "sent", "failed": "failed"}


def _statuses(runtime: Runtime) -> dict[str, str]:
    with runtime.engine.connect() as connection:
        return {key: status for key, status in connection.execute(select(Reminder.step_key, Reminder.status))}
