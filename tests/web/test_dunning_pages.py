"""Dunning in the browser UI, through the TestClient on SQLite and PostgreSQL: the tasks page (call script,
registered letter, "done" with its outcome), the reminders sent and exactly what each said, the invoice
page's history with its promise / dispute / pause forms and the client's pause and segment, and
Settings → reminders (policy, sequences, templates with preview)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import httpx2
import lxml.html
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.clock import PARIS, paris_today
from api.db import unit_of_work
from api.dunning import service, templates
from api.models import DunningHold, Reminder, ReminderStatus
from api.runtime import Runtime
from tests.factories import Tenant
from tests.support.web import csrf_of, log_in, parse, text_of

CALL_DAY = date(2027, 1, 18)  # the test invoice falls due on 13/12/2026: its "call" step (+35 days)
LETTER_DAY = date(2027, 1, 27)  # … and its formal notice (+45 days), a registered letter
BUYER = "Boulangerie Martin SARL"
HOSTILE_HTML = '<p>Bonjour</p><script>alert("pwned")</script><img src=x onerror="alert(1)">'


def chase(runtime: Runtime, tenant: Tenant, invoice: dict[str, Any], day: date) -> uuid.UUID:
    """The real dunning step for `day` at 10:00 in Paris; the buyer has no email: a task for a person."""
    with unit_of_work(runtime.session_factory) as session:
        moment = datetime.combine(day, time(10), PARIS)
        outcome = service.prepare(session, runtime.settings, tenant.organisation_id, uuid.UUID(invoice["id"]),
                                  now=moment)  # fmt: skip
    assert outcome.reminder_id is not None, outcome
    return outcome.reminder_id


def page_of(client: TestClient, path: str) -> lxml.html.HtmlElement:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return parse(response)


def submit(client: TestClient, path: str, xpath: str, **fields: str) -> httpx2.Response:
    """Fill in a form of the page as a browser would: its current values, with `fields` typed over them."""
    (form,) = page_of(client, path).xpath(xpath)
    data: dict[str, str] = {name: value or "" for name, value in form.form_values()}
    data.update(fields)
    return client.post(form.get("action"), data=data, follow_redirects=False)


def api(client: TestClient, tenant: Tenant, path: str) -> Any:
    response = client.get(f"/api/v1{path}", headers=tenant.headers)
    assert response.status_code == 200, response.text
    return response.json()


def review_path(invoice: dict[str, Any]) -> str:
    return f"/invoices/{invoice['id']}/review"


# ------------------------------------------------------------------ tasks


class TestTasksPage:
    def test_the_navigation_leads_to_it_and_says_when_there_is_nothing_to_do(
        self, logged_in: TestClient
    ) -> None:
        page = page_of(logged_in, "/relances")

        assert text_of(page, "//header//nav/a[@href='/relances']") == "Relances"
        assert page.xpath("//header//nav/a[@href='/relances']/@aria-current") == ["page"]
        assert text_of(page, "//h1") == "Relances à faire (0)"
        assert text_of(page, "//p[@class='empty']") == "Rien à faire pour l'instant."

    def test_a_call_shows_the_invoice_the_client_the_amount_and_the_script(
        self, logged_in: TestClient, runtime: Runtime, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        reminder_id = chase(runtime, tenant, invoice, CALL_DAY)

        page = page_of(logged_in, "/relances")

        (task,) = page.xpath("//article[@data-task-id]")
        assert task.get("data-task-id") == str(reminder_id)
        assert task.get("data-channel") == "call"
        assert text_of(task, ".//h2") == f"Appeler le client — facture {invoice['number']}"
        assert task.xpath(".//a[@data-testid='invoice-link']/@href") == [f"{review_path(invoice)}#dunning"]
        assert text_of(task, ".//*[@data-testid='client']") == BUYER
        assert text_of(task, ".//*[@class='no-email']") == "aucune adresse e-mail"
        assert text_of(task, ".//*[@data-testid='amount-due']") == "1 234,56 €"
        script = text_of(task, ".//*[@data-testid='script']")
        assert script.startswith(f"Appeler {BUYER} au sujet de la facture {invoice['number']}")
        assert "Proposition de script" in script
        assert task.xpath(".//a[@data-testid='letter']") == []
        assert text_of(page, "//h1") == "Relances à faire (1)"

    def test_a_call_shows_how_the_client_pays_and_what_was_sent_before(
        self, logged_in: TestClient, runtime: Runtime, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        chase(runtime, tenant, invoice, date(2026, 12, 14))  # J+1, no email: a task too
        call_id = chase(runtime, tenant, invoice, CALL_DAY)
        submit(logged_in, review_path(invoice), "//form[contains(@class, 'segment')]", segment="bad_payer")

        page = page_of(logged_in, "/relances")

        (call,) = page.xpath(f"//article[@data-task-id='{call_id}']")
        assert text_of(call, ".//*[@data-testid='task-segment']") == "Mauvais payeur"
        (earlier,) = call.xpath(".//*[@data-testid='task-history']/li")
        assert earlier.text_content().strip().endswith("Lendemain de l'échéance (E-mail) : Tâche")

    def test_marking_it_done_records_the_outcome_and_removes_it(
        self, logged_in: TestClient, runtime: Runtime, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        reminder_id = chase(runtime, tenant, invoice, CALL_DAY)

        response = submit(logged_in, "/relances", "//form[contains(@class, 'task-done')]",
                          outcome="Paiement promis pour vendredi")  # fmt: skip

        assert (response.status_code, response.headers["location"]) == (303, "/relances?done=1")
        page = page_of(logged_in, response.headers["location"])
        assert page.xpath("//article[@data-task-id]") == []
        assert text_of(page, "//p[@role='status']") == "Tâche terminée."
        reminder = api(logged_in, tenant, f"/dunning/reminders/{reminder_id}")
        assert (reminder["task_state"], reminder["task_outcome"]) == ("done", "Paiement promis pour vendredi")
        assert api(logged_in, tenant, "/dunning/tasks") == []

    def test_an_empty_outcome_is_explained_and_the_task_stays_open(
        self, logged_in: TestClient, runtime: Runtime, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        reminder_id = chase(runtime, tenant, invoice, CALL_DAY)

        response = submit(logged_in, "/relances", "//form[contains(@class, 'task-done')]", outcome="  ")

        assert response.status_code == 400
        assert text_of(parse(response), f"//p[@id='e-outcome-{reminder_id}']").startswith(
            "Indiquez le résultat"
        )
        assert [t["reminder"]["task_state"] for t in api(logged_in, tenant, "/dunning/tasks")] == ["open"]

    def test_marking_done_needs_the_csrf_token(
        self, logged_in: TestClient, runtime: Runtime, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        reminder_id = chase(runtime, tenant, invoice, CALL_DAY)

        response = logged_in.post(f"/relances/{reminder_id}/done", data={"outcome": "fait"})

        assert response.status_code == 401
        assert len(api(logged_in, tenant, "/dunning/tasks")) == 1

    def test_a_registered_letter_can_be_downloaded_by_its_organisation_only(
        self,
        client: TestClient,
        runtime: Runtime,
        tenant: Tenant,
        other_tenant: Tenant,
        invoice: dict[str, Any],
    ) -> None:
        reminder_id = chase(runtime, tenant, invoice, LETTER_DAY)
        log_in(client, tenant)

        page = page_of(client, "/relances")
        (task,) = page.xpath("//article[@data-task-id]")
        [href] = task.xpath(".//a[@data-testid='letter']/@href")
        letter = client.get(href)
        client.cookies.clear()
        log_in(client, other_tenant)
        stranger = client.get(href)

        assert task.get("data-channel") == "letter"
        assert href == f"/relances/{reminder_id}/letter.pdf"
        assert letter.status_code == 200
        assert letter.headers["content-type"] == "application/pdf"
        assert letter.content.startswith(b"%PDF-")
        assert stranger.status_code == 404
        assert not stranger.content.startswith(b"%PDF-")

    def test_in_english(
        self, logged_in: TestClient, runtime: Runtime, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        chase(runtime, tenant, invoice, CALL_DAY)
        logged_in.get("/lang/en")

        page = page_of(logged_in, "/relances")

        assert text_of(page, "//h1") == "Reminders to do (1)"
        assert text_of(page, "//header//nav/a[@href='/relances']") == "Reminders"
        assert text_of(page, "//article//h2") == f"Call the client — invoice {invoice['number']}"
        assert text_of(page, "//article//*[@data-testid='amount-due']") == "€1,234.56"
        assert text_of(page, "//form[contains(@class, 'task-done')]//button") == "Mark as done"


# ------------------------------------------------------------------ reminders sent


def sent_reminder(runtime: Runtime, tenant: Tenant, invoice: dict[str, Any], **values: Any) -> uuid.UUID:
    """A reminder row as the sender leaves it, with a snapshot whose HTML tries to run a script."""
    row = {"status": ReminderStatus.failed, "to_address": "compta@martin.example", "attempts": 3,
           "error": "SMTP 550: mailbox unavailable", "step_key": "j5", "channel": "email",
           "snapshot": {"subject": "Facture <b>F-2026-0042</b>", "text": "Bonjour,\nvotre facture…\n",
                        "html": HOSTILE_HTML, "attachments": ["F-2026-0042.pdf"]}} | values  # fmt: skip
    with unit_of_work(runtime.session_factory) as session:
        reminder = Reminder(organisation_id=tenant.organisation_id, invoice_id=uuid.UUID(invoice["id"]),
                            scheduled_on=paris_today(), **row)  # fmt: skip
        session.add(reminder)
        session.flush()
        return reminder.id


class TestOutbox:
    def test_each_reminder_shows_its_status_channel_recipient_and_error(
        self, logged_in: TestClient, runtime: Runtime, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        failed = sent_reminder(runtime, tenant, invoice)
        sent = sent_reminder(runtime, tenant, invoice, step_key="due", status=ReminderStatus.sent, error=None,
                             attempts=1)  # fmt: skip

        page = page_of(logged_in, "/relances/envoyees")
        only_failed = page_of(logged_in, "/relances/envoyees?status=failed")

        (row,) = page.xpath(f"//tr[@data-reminder-id='{failed}']")
        cells = [" ".join(td.text_content().split()) for td in row.xpath("td")]
        assert cells[2:7] == ["J+5", "E-mail", "compta@martin.example", "En échec 3 essais",
                              "SMTP 550: mailbox unavailable"]  # fmt: skip
        assert text_of(row, "td[2]/a") == invoice["number"]
        assert text_of(row, "td[2]/small") == BUYER
        assert row.xpath(".//a[@data-testid='view']/@href") == [f"/relances/{failed}"]
        assert page.xpath(f"//tr[@data-reminder-id='{sent}']/@data-status") == ["sent"]
        assert only_failed.xpath("//tr[@data-reminder-id]/@data-reminder-id") == [str(failed)]
        assert text_of(page, "//nav[contains(@class, 'tabs')]/a[@aria-current='true']") == "Relances envoyées"
        assert logged_in.get("/relances/envoyees?status=nonsense").status_code == 400

    def test_the_message_is_shown_exactly_and_its_html_never_runs_in_the_page(
        self, logged_in: TestClient, runtime: Runtime, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        reminder_id = sent_reminder(runtime, tenant, invoice)

        response = logged_in.get(f"/relances/{reminder_id}")

        assert response.status_code == 200
        assert "<script>" not in response.text
        assert "<b>F-2026-0042</b>" not in response.text
        page = parse(response)
        assert text_of(page, "//*[@data-testid='subject']") == "Facture <b>F-2026-0042</b>"
        assert page.xpath("//pre[@data-testid='text']/text()") == ["Bonjour,\nvotre facture…\n"]
        (frame,) = page.xpath("//iframe[@data-testid='html']")
        assert frame.get("sandbox") == ""
        assert frame.get("srcdoc") == HOSTILE_HTML  # escaped in the attribute, the browser sandboxes it
        assert text_of(page, "//*[@data-testid='reminder-error']") == "SMTP 550: mailbox unavailable"
        assert text_of(page, "//*[@data-testid='status']") == "En échec"

    def test_another_organisations_reminder_is_not_found(
        self,
        client: TestClient,
        runtime: Runtime,
        tenant: Tenant,
        other_tenant: Tenant,
        invoice: dict[str, Any],
    ) -> None:
        reminder_id = sent_reminder(runtime, tenant, invoice)
        log_in(client, other_tenant)

        response = client.get(f"/relances/{reminder_id}")

        assert response.status_code == 404
        assert "Bonjour" not in response.text

    def test_in_english(
        self, logged_in: TestClient, runtime: Runtime, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        reminder_id = sent_reminder(runtime, tenant, invoice)
        logged_in.get("/lang/en")

        outbox = page_of(logged_in, "/relances/envoyees")
        message = page_of(logged_in, f"/relances/{reminder_id}")

        assert text_of(outbox, "//h1") == "Reminders sent"
        assert text_of(outbox, "//a[@data-status='failed']") == "Failed"
        assert text_of(message, "//h2[1]") == "Subject"
        assert text_of(message, "//*[@data-testid='status']") == "Failed"


# ------------------------------------------------------------------ the invoice page


def hold_form(kind: str) -> str:
    return f"//form[contains(@class, 'hold') and @data-kind='{kind}']"


def holds(db: Session) -> list[DunningHold]:
    found = list(db.scalars(select(DunningHold).order_by(DunningHold.created_at)))
    db.commit()  # end the read: on SQLite it holds the write lock
    return found


class TestInvoiceSection:
    def test_the_section_shows_an_empty_history_the_forms_and_the_client(
        self, logged_in: TestClient, invoice: dict[str, Any]
    ) -> None:
        page = page_of(logged_in, review_path(invoice))

        assert text_of(page, "//h2[@id='dunning-title']") == "Relances et historique"
        assert text_of(page, "//section[@id='dunning']//p[@class='empty']").startswith("Aucune relance")
        assert [text_of(f, ".//h4") for f in page.xpath("//form[contains(@class, 'hold')]")] == [
            "Promesse de paiement", "Litige", "Pause", "Suspendre toutes les relances de ce client"
        ]  # fmt: skip
        client = page.xpath("//*[@data-testid='client']")[0]
        assert text_of(client, ".//h3") == f"Client : {BUYER}"
        assert text_of(client, ".//*[@data-testid='segment']") == "Bon payeur"
        assert text_of(client, ".//*[@data-testid='average-days-late']") == "0 jours"

    def test_a_promise_to_pay_is_recorded_and_shown_in_the_history(
        self, logged_in: TestClient, tenant: Tenant, db: Session, invoice: dict[str, Any]
    ) -> None:
        promised = paris_today() + timedelta(days=10)

        response = submit(logged_in, review_path(invoice), hold_form("promise"), until=promised.isoformat(),
                          promised_amount="500,50")  # fmt: skip

        assert (response.status_code, response.headers["location"]) == (
            303, f"{review_path(invoice)}?dunning=promise#dunning"
        )  # fmt: skip
        page = page_of(logged_in, response.headers["location"])
        assert text_of(page, "//*[@data-testid='dunning-flash']").startswith(
            "Promesse de paiement enregistrée"
        )
        assert text_of(page, "//ol[@data-testid='timeline']/li[@data-kind='hold']").endswith(
            f"Promesse de paiement — jusqu'au {promised:%d/%m/%Y}"
        )
        [event] = api(logged_in, tenant, f"/invoices/{invoice['id']}/timeline")
        assert (event["kind"], event["detail"]["kind"], event["detail"]["until"]) == (
            "hold", "promise", promised.isoformat()
        )  # fmt: skip
        [hold] = holds(db)
        assert (hold.promised_amount, hold.invoice_id) == (50050, uuid.UUID(invoice["id"]))

    @pytest.mark.parametrize(
        ("kind", "fields", "until"),
        [("dispute", {"reason": "Livraison incomplète"}, None), ("pause", {}, None),
         ("pause", {"until": "2099-01-31", "reason": "Congés du gérant"}, date(2099, 1, 31))],
    )  # fmt: skip
    def test_a_dispute_or_a_pause_is_recorded(
        self,
        logged_in: TestClient,
        db: Session,
        invoice: dict[str, Any],
        kind: str,
        fields: dict[str, str],
        until: date | None,
    ) -> None:
        response = submit(logged_in, review_path(invoice), hold_form(kind), **fields)

        assert response.status_code == 303
        [hold] = holds(db)
        assert (hold.kind, hold.until, hold.reason) == (kind, until, fields.get("reason"))
        assert hold.ended_at is None

    def test_a_promise_without_its_date_is_explained_and_nothing_is_recorded(
        self, logged_in: TestClient, tenant: Tenant, db: Session, invoice: dict[str, Any]
    ) -> None:
        response = submit(
            logged_in, review_path(invoice), hold_form("promise"), until="", promised_amount="300"
        )

        assert response.status_code == 400
        page = parse(response)
        assert text_of(page, "//p[@id='e-promise-until']") == (
            "Indiquez la date à laquelle le client a promis de payer."
        )
        assert page.xpath("//input[@id='promise-until']/@aria-invalid") == ["true"]
        assert page.xpath("//input[@id='promise-promised_amount']/@value") == ["300"]  # kept as typed
        assert page.xpath("//p[@id='e-dispute-reason']") == []  # the other forms are untouched
        assert holds(db) == []
        assert api(logged_in, tenant, f"/invoices/{invoice['id']}/timeline") == []

    @pytest.mark.parametrize(
        ("kind", "fields", "where", "message"),
        [("dispute", {"reason": " "}, "e-dispute-reason", "Indiquez le motif du litige."),
         ("pause", {"until": "2020-01-01"}, "e-pause-until", "Cette date est passée."),
         ("promise", {"until": "31/02/2099"}, "e-promise-until", "Indiquez une date valide."),
         ("promise", {"until": "2099-01-01", "promised_amount": "douze"}, "e-promise-promised_amount",
          "Indiquez un montant positif, par exemple 1 234,56.")],
    )  # fmt: skip
    def test_other_bad_holds_are_explained_and_nothing_is_recorded(
        self,
        logged_in: TestClient,
        db: Session,
        invoice: dict[str, Any],
        kind: str,
        fields: dict[str, str],
        where: str,
        message: str,
    ) -> None:
        response = submit(logged_in, review_path(invoice), hold_form(kind), **fields)

        assert response.status_code == 400
        assert text_of(parse(response), f"//p[@id='{where}']") == message
        assert holds(db) == []

    def test_a_hold_needs_the_csrf_token(
        self, logged_in: TestClient, db: Session, invoice: dict[str, Any]
    ) -> None:
        response = submit(logged_in, review_path(invoice), hold_form("pause"), csrf_token="")

        assert response.status_code == 401
        assert holds(db) == []

    def test_another_organisations_invoice_cannot_be_held(
        self, client: TestClient, other_tenant: Tenant, db: Session, invoice: dict[str, Any]
    ) -> None:
        log_in(client, other_tenant)
        csrf = csrf_of(client.get("/").text)

        response = client.post(f"/invoices/{invoice['id']}/holds", data={"csrf_token": csrf, "kind": "pause"})

        assert response.status_code == 404
        assert holds(db) == []

    def test_the_client_can_be_paused_and_resumed(
        self, logged_in: TestClient, tenant: Tenant, db: Session, invoice: dict[str, Any]
    ) -> None:
        paused = submit(logged_in, review_path(invoice), hold_form("client_pause"), reason="Redressement")
        page = page_of(logged_in, paused.headers["location"])
        [hold] = holds(db)
        active = api(logged_in, tenant, f"/clients/{hold.client_id}/holds")
        ended = submit(logged_in, review_path(invoice), "//form[button[@data-action='end-hold']]")

        assert paused.headers["location"] == f"{review_path(invoice)}?dunning=client_pause#dunning"
        assert text_of(page, "//*[@data-testid='dunning-flash']") == "Relances suspendues pour ce client."
        assert text_of(page, "//*[@data-testid='client-pauses']/li").startswith(
            "Relances suspendues pour ce client (Redressement)"
        )
        assert [h["reason"] for h in active] == ["Redressement"]
        assert (hold.invoice_id, hold.kind) == (None, "pause")
        assert ended.headers["location"] == f"{review_path(invoice)}?dunning=ended#dunning"
        assert api(logged_in, tenant, f"/clients/{hold.client_id}/holds") == []
        assert page_of(logged_in, review_path(invoice)).xpath("//*[@data-testid='client-pauses']") == []

    def test_an_invoice_hold_is_listed_and_lifted(
        self, logged_in: TestClient, tenant: Tenant, db: Session, invoice: dict[str, Any]
    ) -> None:
        submit(logged_in, review_path(invoice), hold_form("dispute"), reason="Erreur de quantité")
        page = page_of(logged_in, review_path(invoice))
        listed = text_of(page, "//*[@data-testid='invoice-holds']/li")

        ended = submit(logged_in, review_path(invoice), "//form[button[@data-action='end-invoice-hold']]")

        assert listed.startswith("Litige (Erreur de quantité)")
        assert ended.status_code == 303
        assert api(logged_in, tenant, f"/invoices/{invoice['id']}/holds") == []
        [hold] = holds(db)
        assert hold.ended_at is not None
        assert page_of(logged_in, review_path(invoice)).xpath("//*[@data-testid='invoice-holds']") == []

    def test_a_segment_forced_to_the_computed_one_stays_forced(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        submit(logged_in, review_path(invoice), "//form[contains(@class, 'segment')]", segment="reliable")

        page = page_of(logged_in, review_path(invoice))

        assert page.xpath("//select[@name='segment']/option[@selected]/@value") == ["reliable"]

    def test_the_clients_segment_can_be_forced_and_computed_again(
        self, logged_in: TestClient, tenant: Tenant, db: Session, invoice: dict[str, Any]
    ) -> None:
        forced = submit(
            logged_in, review_path(invoice), "//form[contains(@class, 'segment')]", segment="bad_payer"
        )
        page = page_of(logged_in, forced.headers["location"])
        client_id = page_client_id(logged_in, tenant, invoice)
        behaviour = api(logged_in, tenant, f"/clients/{client_id}/behaviour")
        submit(logged_in, review_path(invoice), "//form[contains(@class, 'segment')]", segment="")

        assert forced.status_code == 303
        assert (behaviour["segment"], behaviour["computed_segment"]) == ("bad_payer", "reliable")
        assert text_of(page, "//*[@data-testid='segment']") == (
            "Mauvais payeur (choisi à la main ; calculé : Bon payeur)"
        )
        assert page.xpath("//select[@name='segment']/option[@selected]/@value") == ["bad_payer"]
        assert api(logged_in, tenant, f"/clients/{client_id}/behaviour")["segment"] == "reliable"

    def test_the_history_lists_reminders_and_payments(
        self, logged_in: TestClient, runtime: Runtime, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        reminder_id = sent_reminder(runtime, tenant, invoice)

        page = page_of(logged_in, review_path(invoice))

        (item,) = page.xpath("//ol[@data-testid='timeline']/li[@data-kind='reminder']")
        assert text_of(item, ".").startswith(f"{paris_today():%d/%m/%Y}")
        assert "Relance « J+5 » — E-mail En échec" in text_of(item, ".")
        assert "« Facture <b>F-2026-0042</b> »" in text_of(item, ".")
        assert item.xpath(".//a/@href") == [f"/relances/{reminder_id}"]

    def test_in_english(self, logged_in: TestClient, invoice: dict[str, Any]) -> None:
        logged_in.get("/lang/en")
        response = submit(logged_in, review_path(invoice), hold_form("promise"), until="")

        page = parse(response)

        assert text_of(page, "//h2[@id='dunning-title']") == "Reminders and history"
        assert text_of(page, "//p[@id='e-promise-until']") == "Enter the date the client promised to pay by."
        assert text_of(page, "//*[@data-testid='segment']") == "Reliable payer"
        assert text_of(page, f"{hold_form('dispute')}//button") == "Record the dispute"


def page_client_id(client: TestClient, tenant: Tenant, invoice: dict[str, Any]) -> str:
    found: str = api(client, tenant, f"/invoices/{invoice['id']}")["client_id"]
    return found


# ------------------------------------------------------------------ settings


def policy_of(client: TestClient, tenant: Tenant) -> dict[str, Any]:
    found: dict[str, Any] = api(client, tenant, "/dunning/policy")
    return found


def template_of(client: TestClient, tenant: Tenant, key: str, language: str) -> dict[str, Any]:
    [found] = [
        t for t in api(client, tenant, "/dunning/templates") if (t["key"], t["language"]) == (key, language)
    ]
    return found


SETTINGS = "/settings/dunning"
POLICY = "//form[@id='policy']"
FRIENDLY_FR = "//details[@id='template-friendly-fr']//form"
BROKEN_BODY = "Bonjour {{ client_name }},\n\nVotre facture {{ invoice_number }\nMerci.\n"


class TestPolicySettings:
    def test_the_page_shows_the_defaults_in_french(self, logged_in: TestClient) -> None:
        page = page_of(logged_in, SETTINGS)

        assert text_of(page, "//h1") == "Réglages des relances"
        assert text_of(page, "//nav[contains(@class, 'tabs')]/a[@aria-current='true']") == "Relances"
        assert page.xpath("//input[@name='window_start']/@value") == ["09:00"]
        assert page.xpath("//input[@name='window_end']/@value") == ["18:00"]
        assert page.xpath("//input[@name='enabled']/@checked") == ["checked"]
        assert text_of(page, "//label[@for='blackouts']") == "Périodes sans relance"
        assert page.xpath("//form[@data-segment]/@data-segment") == [
            "default",
            "reliable",
            "to_watch",
            "bad_payer",
        ]
        assert len(page.xpath("//details[contains(@class, 'template')]")) == 14
        assert "{{ client_name }} — le nom du client" in text_of(page, "//ul[@data-testid='variables']")

    def test_the_window_blackouts_minimum_and_rate_are_saved(
        self, logged_in: TestClient, tenant: Tenant
    ) -> None:
        response = submit(logged_in, SETTINGS, POLICY, window_start="08:30", window_end="17:30",
                          blackouts="2026-12-24 2027-01-02\r\n\r\n15/08/2027\r\n", minimum_amount="150,50",
                          contract_rate="12,5", promise_grace_days="5", group_overdue="")  # fmt: skip

        assert (response.status_code, response.headers["location"]) == (
            303,
            f"{SETTINGS}?saved=policy#policy",
        )
        saved = policy_of(logged_in, tenant)
        assert (saved["window_start_minute"], saved["window_end_minute"]) == (510, 1050)
        assert saved["blackouts"] == [{"start": "2026-12-24", "end": "2027-01-02"},
                                      {"start": "2027-08-15", "end": "2027-08-15"}]  # fmt: skip
        assert (saved["minimum_amount"], saved["promise_grace_days"]) == (15050, 5)
        assert Decimal(saved["contract_rate"]) == Decimal("12.5")
        assert (saved["group_overdue"], saved["enabled"]) == (False, True)
        page = page_of(logged_in, response.headers["location"])
        assert text_of(page, "//p[@role='status']") == "Règles de relance enregistrées."
        assert page.xpath("//input[@name='minimum_amount']/@value") == ["150,50"]
        assert page.xpath("//input[@name='contract_rate']/@value") == ["12,5"]
        assert page.xpath("//textarea[@name='blackouts']/text()") == [
            "2026-12-24 2027-01-02\n2027-08-15 2027-08-15"
        ]

    @pytest.mark.parametrize(
        ("fields", "where", "message"),
        [({"window_start": "18:00", "window_end": "09:00"}, "e-window_end",
          "L'heure de fin doit être après l'heure de début."),
         ({"window_start": "9h"}, "e-window_start", "Indiquez une heure au format HH:MM, par exemple 09:00."),
         ({"blackouts": "2026-12-24 2027-01-02\n2027-02-10 2027-02-01"}, "e-blackouts",
          "Ligne 2 : indiquez deux dates (début puis fin), par exemple 2026-08-01 2026-08-23."),
         ({"minimum_amount": "1.5e3"}, "e-minimum_amount", "Indiquez un montant, par exemple 150 ou 150,00."),
         ({"contract_rate": "200"}, "e-contract_rate",
          "Indiquez un pourcentage entre 0 et 100, par exemple 12,5."),
         ({"notice_deadline_days": "0"}, "e-notice_deadline_days",
          "Indiquez un nombre entier entre 1 et 60.")],
    )  # fmt: skip
    def test_a_bad_value_is_explained_kept_as_typed_and_nothing_is_saved(
        self, logged_in: TestClient, tenant: Tenant, fields: dict[str, str], where: str, message: str
    ) -> None:
        before = policy_of(logged_in, tenant)

        response = submit(logged_in, SETTINGS, POLICY, **fields)

        assert response.status_code == 400
        page = parse(response)
        assert text_of(page, f"//p[@id='{where}']") == message
        name = where.removeprefix("e-")
        kept = page.xpath(f"//*[@name='{name}']")[0]
        assert (kept.text if kept.tag == "textarea" else kept.get("value")) == fields[name]
        assert policy_of(logged_in, tenant) == before

    def test_in_english(self, logged_in: TestClient) -> None:
        logged_in.get("/lang/en")

        response = submit(logged_in, SETTINGS, POLICY, window_start="18:00", window_end="09:00")

        page = parse(response)
        assert text_of(page, "//h1") == "Reminder settings"
        assert text_of(page, "//p[@id='e-window_end']") == "The end time must be after the start time."
        assert text_of(page, "//label[@for='window_start']") == "Send from"


def rows_of(page: lxml.html.HtmlElement, segment: str) -> list[str]:
    return [
        key for key in page.xpath(f"//form[@data-segment='{segment}']//input[contains(@name, '-key')]/@value")
    ]


class TestSequenceSettings:
    def test_a_segment_without_its_own_sequence_shows_the_default_one(self, logged_in: TestClient) -> None:
        page = page_of(logged_in, SETTINGS)

        assert rows_of(page, "reliable") == ["courtesy", "due", "j5", "j15", "j30", "call", "formal_notice",
                                             "handoff", "", ""]  # fmt: skip
        assert text_of(page, "//form[@data-segment='reliable']//*[@data-testid='not-own']").startswith(
            "Ce profil utilise la séquence standard"
        )

    def test_a_step_is_removed_and_another_added(self, logged_in: TestClient, tenant: Tenant) -> None:
        form = "//form[@data-segment='reliable']"

        added = {"key": "j90", "offset_days": "90", "channel": "handoff", "template": "handoff",
                 "tone": "final", "show_penalties": "on"}  # fmt: skip

        response = submit(logged_in, SETTINGS, form, name="Clients fidèles", **{"steps-0-remove": "on"},
                          **{f"steps-8-{name}": value for name, value in added.items()})  # fmt: skip

        assert (response.status_code, response.headers["location"]) == (
            303, f"{SETTINGS}?saved=sequence#sequence-reliable"
        )  # fmt: skip
        [reliable] = [s for s in api(logged_in, tenant, "/dunning/sequences") if s["segment"] == "reliable"]
        assert (reliable["name"], reliable["built_in"]) == ("Clients fidèles", False)
        assert [s["key"] for s in reliable["steps"]] == ["due", "j5", "j15", "j30", "call", "formal_notice",
                                                         "handoff", "j90"]  # fmt: skip
        assert reliable["steps"][-1] == added | {"offset_days": 90, "show_penalties": True}
        page = page_of(logged_in, response.headers["location"])
        assert rows_of(page, "reliable")[-3:] == ["j90", "", ""]
        assert page.xpath("//form[@data-segment='reliable']//*[@data-testid='not-own']") == []

    def test_a_bad_step_is_explained_and_nothing_is_saved(
        self, logged_in: TestClient, tenant: Tenant
    ) -> None:
        response = submit(logged_in, SETTINGS, "//form[@data-segment='default']",
                          **{"steps-1-key": "Relance 2", "steps-2-offset_days": "400"})  # fmt: skip

        assert response.status_code == 400
        form = parse(response).xpath("//form[@data-segment='default']")[0]
        assert [" ".join(e.text_content().split()) for e in form.xpath(".//p[@class='field-error']")] == [
            "Lettres minuscules, chiffres et _ (40 au plus).", "Indiquez un nombre entier entre -60 et 365."
        ]  # fmt: skip
        assert rows_of(form, "default")[1] == "Relance 2"  # kept as typed
        assert [s["built_in"] for s in api(logged_in, tenant, "/dunning/sequences")] == [True]


class TestTemplateSettings:
    def test_a_syntax_error_is_refused_with_its_line_and_the_text_is_kept(
        self, logged_in: TestClient, tenant: Tenant
    ) -> None:
        response = submit(
            logged_in, SETTINGS, FRIENDLY_FR, subject="Relance", body=BROKEN_BODY, action="save"
        )

        assert response.status_code == 400
        page = parse(response)
        details = page.xpath("//details[@id='template-friendly-fr']")[0]
        error = text_of(details, ".//*[@data-testid='template-error']")
        assert error.startswith("Modèle refusé — texte, ligne 3 : ")
        assert details.get("open") is not None
        assert details.xpath(".//textarea[@name='body']/text()") == [BROKEN_BODY]
        assert details.xpath(".//input[@name='subject']/@value") == ["Relance"]
        assert template_of(logged_in, tenant, "friendly", "fr")["customised"] is False

    def test_an_unknown_variable_is_refused_with_its_line(
        self, logged_in: TestClient, tenant: Tenant
    ) -> None:
        body = "Bonjour,\n\nMontant : {{ montant }}\n"

        response = submit(logged_in, SETTINGS, FRIENDLY_FR, body=body, action="save")

        assert response.status_code == 400
        error = text_of(parse(response), "//*[@data-testid='template-error']")
        assert error.startswith("Modèle refusé — texte, ligne 3 : ")
        assert "montant" in error
        assert template_of(logged_in, tenant, "friendly", "fr")["customised"] is False

    def test_the_preview_renders_sample_values_and_saves_nothing(
        self, logged_in: TestClient, tenant: Tenant
    ) -> None:
        body = "Bonjour {{ client_name }},\r\n<b>{{ amount_due }}</b>\r\n"

        response = submit(logged_in, SETTINGS, FRIENDLY_FR, subject="Facture {{ invoice_number }}", body=body,
                          action="preview")  # fmt: skip

        assert response.status_code == 200
        page = parse(response)
        assert text_of(page, "//*[@data-testid='preview-subject']") == "Facture F-2026-0042"
        amount = templates.sample_context("fr")["amount_due"]
        assert page.xpath("//*[@data-testid='preview-text']/text()") == [
            f"Bonjour Boulangerie Martin,\n<b>{amount}</b>\n"  # the template's own text, shown as text
        ]
        assert f"<b>{amount}</b>" not in response.text
        assert page.xpath("//*[@data-testid='preview']/iframe/@sandbox") == [""]
        assert template_of(logged_in, tenant, "friendly", "fr")["customised"] is False

    def test_a_valid_template_is_saved_then_reset(self, logged_in: TestClient, tenant: Tenant) -> None:
        body = "Bonjour {{ client_name }},\n\nMerci de régler {{ amount_due }} : {{ pay_url }}\n"

        response = submit(logged_in, SETTINGS, FRIENDLY_FR, subject="Facture {{ invoice_number }}",
                          body=body.replace("\n", "\r\n"), action="save")  # fmt: skip

        assert (response.status_code, response.headers["location"]) == (
            303, f"{SETTINGS}?saved=template#template-friendly-fr"
        )  # fmt: skip
        saved = template_of(logged_in, tenant, "friendly", "fr")
        assert (saved["customised"], saved["subject"], saved["body"]) == (
            True,
            "Facture {{ invoice_number }}",
            body,
        )
        page = page_of(logged_in, response.headers["location"])
        assert text_of(page, "//details[@id='template-friendly-fr']//span[@class='badge']") == "personnalisé"
        reset = submit(logged_in, SETTINGS, FRIENDLY_FR, action="reset")
        assert reset.headers["location"] == f"{SETTINGS}?saved=reset#template-friendly-fr"
        assert template_of(logged_in, tenant, "friendly", "fr")["customised"] is False

    def test_in_english(self, logged_in: TestClient) -> None:
        logged_in.get("/lang/en")

        response = submit(logged_in, SETTINGS, FRIENDLY_FR, body=BROKEN_BODY, action="preview")

        assert response.status_code == 400
        assert text_of(parse(response), "//*[@data-testid='template-error']").startswith(
            "Template refused — text, line 3: "
        )
