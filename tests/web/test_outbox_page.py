"""The reminders-sent page (/relances/envoyees) on SQLite and PostgreSQL: the newest reminders first by the
moment they were written (the id breaking ties), at most OUTBOX_LIMIT of them, each dated by when it was
sent (else written), with its invoice's number and buyer, a link to the message only when its text was
kept, and never another organisation's. The page reads only these columns, not the reminders' snapshots
(tests/web/test_dunning_pages.py checks each cell's wording)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import insert, select

from api.models import Invoice, Reminder, ReminderStatus
from api.pagination import encode_cursor
from api.runtime import Runtime
from tests.api.invoices.test_listing import add_invoices
from tests.factories import Tenant
from tests.support.web import parse, text_of
from web.dunning_pages import OUTBOX_LIMIT

WRITTEN = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
MESSAGE = {"subject": "Facture F-1", "text": "Bonjour,\nvotre facture…\n", "html": "<p>Bonjour</p>",
           "attachments": [], "delivery": "smtp"}  # fmt: skip


def invoice_ids(runtime: Runtime, tenant: Tenant, *numbers: str) -> list[uuid.UUID]:
    add_invoices(runtime, tenant, [{"number": n, "client": f"Client {n}"} for n in numbers])
    with runtime.session_factory() as session:
        query = select(Invoice.number, Invoice.id).where(Invoice.organisation_id == tenant.organisation_id)
        found = {number: id_ for number, id_ in session.execute(query)}
    return [found[n] for n in numbers]


def reminder(
    tenant: Tenant, invoice_id: uuid.UUID, step: str, written: datetime, **values: Any
) -> dict[str, Any]:
    row = {"id": uuid.uuid4(), "organisation_id": tenant.organisation_id, "invoice_id": invoice_id,
           "step_key": step, "channel": "email", "scheduled_on": written.date(),
           "status": ReminderStatus.sent, "attempts": 1, "to_address": "compta@client.example",
           "snapshot": {}, "created_at": written, "updated_at": written, "sent_at": None,
           "task_state": None}  # fmt: skip
    return row | values


def write(runtime: Runtime, rows: list[dict[str, Any]]) -> None:
    with runtime.engine.begin() as connection:
        connection.execute(insert(Reminder), rows)


def shown(client: TestClient, path: str = "/relances/envoyees") -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return [str(i) for i in parse(response).xpath("//tr[@data-reminder-id]/@data-reminder-id")]


def newest_first(rows: list[dict[str, Any]]) -> list[str]:
    return [str(r["id"]) for r in sorted(rows, key=lambda r: (r["created_at"], r["id"]), reverse=True)]


def test_the_newest_written_first_ties_by_id_and_no_more_than_the_limit(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant, other_tenant: Tenant
) -> None:
    first, second = invoice_ids(runtime, tenant, "F-1", "F-2")
    (theirs,) = invoice_ids(runtime, other_tenant, "G-1")
    older = [reminder(tenant, first, f"s{n}", WRITTEN + timedelta(minutes=n)) for n in range(OUTBOX_LIMIT)]
    latest = WRITTEN + timedelta(days=3)
    tied = [reminder(tenant, second, step, latest) for step in ("a", "b", "c")]  # written at the same moment
    sent_late = reminder(tenant, second, "d", latest - timedelta(hours=1), sent_at=latest + timedelta(days=1))
    write(
        runtime, [*older, *tied, sent_late, reminder(other_tenant, theirs, "x", latest + timedelta(days=9))]
    )

    page = shown(logged_in)

    # By when each was written, not sent: the one sent a day later stays behind the three written after it.
    expected = newest_first([*older, *tied, sent_late])
    assert page == expected[:OUTBOX_LIMIT]
    assert page[:4] == [
        *sorted((str(r["id"]) for r in tied), key=uuid.UUID, reverse=True),
        str(sent_late["id"]),
    ]
    assert len(expected) == OUTBOX_LIMIT + 4  # the four oldest are not shown


def test_a_row_shows_when_it_was_sent_else_written_and_its_invoice(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant
) -> None:
    (invoice_id,) = invoice_ids(runtime, tenant, "F-7")
    sent = reminder(
        tenant, invoice_id, "due", WRITTEN, sent_at=WRITTEN + timedelta(hours=3), snapshot=MESSAGE
    )
    task = reminder(tenant, invoice_id, "call", WRITTEN + timedelta(days=1), status=ReminderStatus.task,
                    channel="call", to_address=None, task_state="open")  # fmt: skip
    write(runtime, [sent, task])

    page = parse(logged_in.get("/relances/envoyees"))

    (sent_row,) = page.xpath(f"//tr[@data-reminder-id='{sent['id']}']")
    (task_row,) = page.xpath(f"//tr[@data-reminder-id='{task['id']}']")
    assert text_of(sent_row, "td[1]") == "01/12/2026 12:00"  # sent at 11:00 UTC, in Paris
    assert text_of(task_row, "td[1]") == "02/12/2026 09:00"  # never sent: when it was written
    assert sent_row.xpath("td[2]/a/@href") == [f"/invoices/{invoice_id}/review#dunning"]
    assert text_of(sent_row, "td[2]/a") == "F-7"
    assert text_of(sent_row, "td[2]/small") == "Client F-7"
    assert sent_row.xpath(".//a[@data-testid='view']/@href") == [f"/relances/{sent['id']}"]
    assert task_row.xpath(".//a[@data-testid='view']") == []  # no text kept: nothing to read
    assert text_of(task_row, "td[5]") == "—"
    assert text_of(task_row, "td[7]/small") == "Tâche à faire"


def test_one_status_only(logged_in: TestClient, runtime: Runtime, tenant: Tenant) -> None:
    (invoice_id,) = invoice_ids(runtime, tenant, "F-9")
    statuses = [ReminderStatus.failed if n % 3 == 0 else ReminderStatus.sent for n in range(9)]
    rows = [
        reminder(tenant, invoice_id, f"s{n}", WRITTEN + timedelta(minutes=n), status=status)
        for n, status in enumerate(statuses)
    ]
    write(runtime, rows)

    failed = shown(logged_in, "/relances/envoyees?status=failed")

    assert failed == newest_first([r for r in rows if r["status"] == ReminderStatus.failed])
    assert len(failed) == 3


def test_older_pages_by_cursor_there_and_back(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant
) -> None:
    (invoice_id,) = invoice_ids(runtime, tenant, "F-3")
    minutes = range(OUTBOX_LIMIT + 5)
    rows = [reminder(tenant, invoice_id, f"s{n}", WRITTEN + timedelta(minutes=n)) for n in minutes]
    write(runtime, rows)
    expected = newest_first(rows)
    meanwhile = reminder(tenant, invoice_id, "new", WRITTEN + timedelta(days=9))

    first = parse(logged_in.get("/relances/envoyees"))
    (older,) = first.xpath("//nav[@class='pager']/a[@rel='next']/@href")
    write(runtime, [meanwhile])
    second = parse(logged_in.get(f"/relances/envoyees{older}"))
    (newer,) = second.xpath("//nav[@class='pager']/a[@rel='prev']/@href")
    back = parse(logged_in.get(f"/relances/envoyees{newer}"))
    (newest,) = back.xpath("//nav[@class='pager']/a[@rel='prev']/@href")

    assert first.xpath("//tr/@data-reminder-id") == expected[:OUTBOX_LIMIT]
    assert first.xpath("//nav[@class='pager']/a[@rel='prev']") == []
    assert (
        second.xpath("//tr/@data-reminder-id") == expected[OUTBOX_LIMIT:]
    )  # none pushed over by the new one
    assert second.xpath("//nav[@class='pager']/a[@rel='next']") == []
    assert back.xpath("//tr/@data-reminder-id") == expected[:OUTBOX_LIMIT]  # the page that led there
    assert shown(logged_in, f"/relances/envoyees{newest}") == [str(meanwhile["id"])]


def test_the_links_keep_the_status_and_a_cursor_not_ours_shows_the_newest(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant
) -> None:
    (invoice_id,) = invoice_ids(runtime, tenant, "F-4")
    failed = ReminderStatus.failed
    minutes = range(OUTBOX_LIMIT + 1)
    rows = [
        reminder(tenant, invoice_id, f"s{n}", WRITTEN + timedelta(minutes=n), status=failed) for n in minutes
    ]
    write(runtime, rows)
    naive = encode_cursor((datetime(2026, 12, 1, 9, 0), uuid.uuid4()))  # noqa: DTZ001 (the point: no zone)

    page = parse(logged_in.get("/relances/envoyees?status=failed"))
    (older,) = page.xpath("//nav[@class='pager']/a[@rel='next']/@href")

    assert older.startswith("?status=failed&after=")
    assert shown(logged_in, f"/relances/envoyees{older}") == newest_first(rows)[OUTBOX_LIMIT:]
    for cursor in (
        "after=nonsense",
        "before=" + "A" * 700,
        f"after={encode_cursor((1,))}",
        f"before={naive}",
    ):
        assert shown(logged_in, f"/relances/envoyees?{cursor}") == newest_first(rows)[:OUTBOX_LIMIT]
