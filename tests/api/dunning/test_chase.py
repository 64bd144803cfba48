"""One invoice's chase end to end: the step due is written once, sent through a real SMTP server, and
never sent when a payment, a hold or a pause got there first."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

from api.clock import PARIS, utc_now
from api.db import unit_of_work
from api.dunning import follow_up, service
from api.models import Invoice, Job, ReminderStatus
from api.money import format_money
from api.organisations.service import Principal
from api.runtime import Runtime
from api.settings import Settings
from api.transactions import service as transactions
from tests.api.dunning.conftest import chase, invoice_row, make_client, make_invoice, paris, reminders
from tests.factories import Tenant
from tests.support.smtp import Inbox

DUE = date(2026, 11, 16)  # a Monday
TUESDAY = paris(date(2026, 11, 17))


def principal(tenant: Tenant) -> Principal:
    return Principal(organisation_id=tenant.organisation_id, label="test")


class TestFirstReminder:
    def test_the_day_after_the_due_date_a_friendly_email_goes_out_with_text_html_and_pay_link(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        client_id = make_client(runtime, tenant)
        invoice_id = make_invoice(runtime, tenant, client_id=client_id, due=DUE)

        outcome = chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)

        assert outcome.action == "created"
        [message] = inbox.parsed()
        assert message["To"] == "compta@martin.example"
        assert message["Subject"] == "Facture F-2026-0042 : petit rappel"
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
        assert format_money(120000, "EUR", "fr") in text
        assert "échue le 16/11/2026" in text
        assert f"{mail_settings.base_url}/pay/" in text
        assert '<a href="http://' in html
        rows = reminders(runtime, invoice_id)
        sent = [r for r in rows if r.step_key == "due"][0]
        assert sent.status == ReminderStatus.sent
        assert sent.message_id == message["Message-ID"]
        assert sent.snapshot["subject"] == message["Subject"]
        # The courtesy notice before the due date is pointless now: passed over, never sent later.
        assert {r.step_key: r.status for r in rows} == {"courtesy": "skipped", "due": "sent"}

    def test_the_next_look_is_the_next_step_on_a_business_day_in_the_sending_window(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)

        # J+5 is Saturday 21 November: Monday 23 at 09:00 Paris.
        expected = paris(date(2026, 11, 23), 9)
        assert invoice_row(runtime, invoice_id).next_reminder_at == expected

    def test_running_twice_sends_once(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)
        again = chase(runtime, mail_settings, tenant, invoice_id, TUESDAY + timedelta(minutes=5))

        assert again.action == "nothing_due"
        assert len(inbox.messages) == 1

    def test_an_english_client_reads_english(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        client_id = make_client(runtime, tenant, locale="en")
        invoice_id = make_invoice(runtime, tenant, client_id=client_id, due=DUE)

        chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)

        [message] = inbox.parsed()
        assert message["Subject"] == "Invoice F-2026-0042: a quick reminder"
        assert "due on 16 November 2026" in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


class TestWhenNothingIsSent:
    def test_outside_the_sending_window_it_waits_for_the_window(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        outcome = chase(runtime, mail_settings, tenant, invoice_id, paris(date(2026, 11, 17), 20))

        assert outcome.action == "waiting"
        assert inbox.messages == []
        assert reminders(runtime, invoice_id) == []
        assert invoice_row(runtime, invoice_id).next_reminder_at == paris(date(2026, 11, 18), 9)

    def test_a_due_date_on_a_holiday_moves_the_reminder_past_the_weekend(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        christmas = date(2026, 12, 25)  # a Friday and a public holiday; J+1 is Saturday
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=christmas)

        outcome = chase(runtime, mail_settings, tenant, invoice_id, paris(date(2026, 12, 26)))

        assert outcome.action == "nothing_due"
        assert inbox.messages == []
        assert invoice_row(runtime, invoice_id).next_reminder_at == paris(date(2026, 12, 28), 9)

    def test_a_paid_invoice_is_not_chased_and_drops_out_of_the_tick(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        with unit_of_work(runtime.session_factory) as session:
            transactions.mark_paid(session, principal(tenant), invoice_id, amount="1200", paid_on=DUE,
                                   method="transfer")  # fmt: skip

        outcome = chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)

        assert (outcome.action, outcome.reason) == ("blocked", "paid")
        assert inbox.messages == []
        assert reminders(runtime, invoice_id) == []
        assert invoice_row(runtime, invoice_id).next_reminder_at is None

    def test_a_payment_arriving_between_the_row_and_the_sending_cancels_it(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        with unit_of_work(runtime.session_factory) as session:
            prepared = service.prepare(
                session, mail_settings, tenant.organisation_id, invoice_id, now=TUESDAY
            )
        assert prepared.send_now
        assert prepared.reminder_id is not None
        with unit_of_work(runtime.session_factory) as session:  # the webhook wins the race
            transactions.mark_paid(session, principal(tenant), invoice_id, amount="1200", paid_on=DUE,
                                   method="cheque")  # fmt: skip

        with unit_of_work(runtime.session_factory) as session:
            status = service.deliver(session, mail_settings, tenant.organisation_id, prepared.reminder_id,
                                     now=TUESDAY)  # fmt: skip

        assert status == ReminderStatus.cancelled
        assert inbox.messages == []
        [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "due"]
        assert (row.status, row.error) == ("cancelled", "not sent: paid")

    def test_a_partial_payment_leaves_the_rest_to_chase(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        with unit_of_work(runtime.session_factory) as session:
            transactions.mark_paid(session, principal(tenant), invoice_id, amount="200", paid_on=DUE,
                                   method="cheque")  # fmt: skip

        chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)

        [message] = inbox.parsed()
        assert format_money(100000, "EUR", "fr") in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]

    def test_a_promise_to_pay_holds_until_the_date_plus_grace(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        promised = TUESDAY.astimezone(PARIS).date() + timedelta(days=400)  # always in the future
        with unit_of_work(runtime.session_factory) as session:
            follow_up.hold_invoice(session, principal(tenant), invoice_id, kind="promise", until=promised)

        outcome = chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)

        assert (outcome.action, outcome.reason) == ("blocked", "promise")
        assert inbox.messages == []
        next_look = invoice_row(runtime, invoice_id).next_reminder_at
        assert next_look is not None
        assert next_look.astimezone(PARIS).date() >= promised + timedelta(days=4)

    def test_a_dispute_and_a_paused_client_stop_everything(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        client_id = make_client(runtime, tenant)
        disputed = make_invoice(runtime, tenant, client_id=client_id, due=DUE, number="F-1")
        other_client = make_client(runtime, tenant, name="Garage", email="garage@example.com")
        paused = make_invoice(runtime, tenant, client_id=other_client, due=DUE, number="F-2")
        with unit_of_work(runtime.session_factory) as session:
            follow_up.hold_invoice(
                session, principal(tenant), disputed, kind="dispute", reason="Livraison partielle"
            )
            follow_up.pause_client(session, principal(tenant), other_client, until=None, reason="négociation")

        first = chase(runtime, mail_settings, tenant, disputed, TUESDAY)
        second = chase(runtime, mail_settings, tenant, paused, TUESDAY)

        assert (first.reason, second.reason) == ("dispute", "pause")
        assert inbox.messages == []

    def test_below_the_minimum_amount_nothing_is_chased(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox, client: TestClient
    ) -> None:
        response = client.patch(
            "/api/v1/dunning/policy", headers=tenant.headers, json={"minimum_amount": 5000}
        )
        assert response.status_code == 200, response.text
        invoice_id = make_invoice(
            runtime, tenant, client_id=make_client(runtime, tenant), due=DUE, total=4999
        )

        outcome = chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)

        assert outcome.reason == "below_minimum"
        assert inbox.messages == []


class TestTasks:
    def test_a_client_without_email_gets_a_task_with_the_message_instead(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox, client: TestClient
    ) -> None:
        invoice_id = make_invoice(
            runtime, tenant, client_id=make_client(runtime, tenant, email=None), due=DUE
        )

        outcome = chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)

        assert outcome.action == "created"
        assert not outcome.send_now
        assert inbox.messages == []
        [task] = client.get("/api/v1/dunning/tasks", headers=tenant.headers).json()
        assert task["reminder"]["status"] == "task"
        assert task["reminder"]["error"].startswith("no email address")
        assert "F-2026-0042" in task["script"]
        assert "/pay/" in task["script"]

    def test_the_call_step_is_a_task_with_a_script_and_done_with_its_outcome(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox, client: TestClient
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        chase(runtime, mail_settings, tenant, invoice_id, paris(DUE + timedelta(days=36)))

        [task] = client.get("/api/v1/dunning/tasks", headers=tenant.headers).json()
        assert task["reminder"]["channel"] == "call"
        assert "Proposition de script" in task["script"]
        assert inbox.messages == []  # a call is made by a person
        done = client.post(f"/api/v1/dunning/tasks/{task['reminder']['id']}/done", headers=tenant.headers,
                           json={"outcome": "Promet de payer vendredi"})  # fmt: skip
        assert done.status_code == 200
        assert done.json()["task_outcome"] == "Promet de payer vendredi"
        assert client.get("/api/v1/dunning/tasks", headers=tenant.headers).json() == []


class TestFanOut:
    def test_the_tick_enqueues_one_job_per_due_invoice_once(
        self, runtime: Runtime, settings: Settings, tenant: Tenant
    ) -> None:
        from api.dunning.tasks import INVOICE_TASK, fan_out

        client_id = make_client(runtime, tenant)
        due_ids = {
            make_invoice(runtime, tenant, client_id=client_id, due=DUE, number=f"F-{i}") for i in range(3)
        }
        later = make_invoice(runtime, tenant, client_id=client_id, due=DUE, number="F-later")
        with unit_of_work(runtime.session_factory) as session:
            row = session.get(Invoice, later)
            assert row is not None
            row.next_reminder_at = utc_now() + timedelta(days=30)

        moment = utc_now() + timedelta(minutes=1)  # new invoices are due for a look at once
        session = runtime.session_factory()
        try:
            first = fan_out(session, now=moment, batch=2)
            second = fan_out(session, now=moment, batch=2)
        finally:
            session.close()

        assert (first, second) == (3, 0)
        with unit_of_work(runtime.session_factory) as session:
            jobs = session.query(Job).filter_by(name=INVOICE_TASK).all()
            assert {j.payload["invoice"] for j in jobs} == {str(i) for i in due_ids}


class TestConcurrency:
    def test_two_jobs_for_one_invoice_at_once_send_one_message(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        from concurrent.futures import ThreadPoolExecutor

        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        with ThreadPoolExecutor(max_workers=4) as pool:
            outcomes = list(
                pool.map(lambda _: chase(runtime, mail_settings, tenant, invoice_id, TUESDAY), range(4))
            )

        assert sorted(o.action for o in outcomes) == ["created", "nothing_due", "nothing_due", "nothing_due"]
        assert len(inbox.messages) == 1
        assert [r.step_key for r in reminders(runtime, invoice_id) if r.status == "sent"] == ["due"]
