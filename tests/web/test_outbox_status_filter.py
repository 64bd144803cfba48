"""The reminders-sent page (/relances/envoyees) and a reminder's page with the `outbox` status: a message only
written to the local outbox folder has its own filter, is never listed under "sent", and says it was not
sent; in French and in English."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from api.models import ReminderStatus
from api.runtime import Runtime
from tests.factories import Tenant
from tests.support.web import parse, text_of
from tests.web.test_outbox_page import MESSAGE, WRITTEN, invoice_ids, reminder, shown, write

NOT_SENT = {
    "fr": "écrit dans le dossier d'envoi local (non envoyé)",
    "en": "written to the local outbox folder (not sent)",
}


def _one_of_each(runtime: Runtime, tenant: Tenant) -> tuple[str, str]:
    (invoice_id,) = invoice_ids(runtime, tenant, "F-1")
    local = reminder(tenant, invoice_id, "due", WRITTEN, status=ReminderStatus.outbox,
                     snapshot=MESSAGE | {"delivery": "outbox"}, sent_at=WRITTEN)  # fmt: skip
    smtp = reminder(tenant, invoice_id, "j5", WRITTEN + timedelta(days=4), snapshot=MESSAGE)
    write(runtime, [local, smtp])
    return str(local["id"]), str(smtp["id"])


def test_outbox_has_its_own_filter_and_is_never_listed_as_sent(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant
) -> None:
    local, smtp = _one_of_each(runtime, tenant)

    page = parse(logged_in.get("/relances/envoyees"))

    assert shown(logged_in, "/relances/envoyees?status=outbox") == [local]
    assert shown(logged_in, "/relances/envoyees?status=sent") == [smtp]
    assert text_of(page, "//a[@data-status='outbox']") == "Dossier local (non envoyée)"
    assert page.xpath("//a[@data-status]/@data-status")[:2] == ["sent", "outbox"]
    (row,) = page.xpath(f"//tr[@data-reminder-id='{local}']")
    assert row.get("data-status") == "outbox"
    assert NOT_SENT["fr"] in " ".join(row.text_content().split())
    assert text_of(parse(logged_in.get(f"/relances/{local}")), "//*[@data-testid='status']") == NOT_SENT["fr"]
    assert text_of(parse(logged_in.get(f"/relances/{smtp}")), "//*[@data-testid='status']") == "Envoyée"


def test_in_english(logged_in: TestClient, runtime: Runtime, tenant: Tenant) -> None:
    local, _ = _one_of_each(runtime, tenant)
    logged_in.get("/lang/en")

    page = parse(logged_in.get("/relances/envoyees?status=outbox"))

    assert text_of(page, "//a[@data-status='outbox']") == "Local folder (not sent)"
    assert page.xpath("//a[@aria-current='true']/@data-status") == ["outbox"]
    (row,) = page.xpath(f"//tr[@data-reminder-id='{local}']")
    assert NOT_SENT["en"] in " ".join(row.text_content().split())
