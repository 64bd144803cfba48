"""What goes out and how: retries when the mail server refuses or times out (never twice), the outbox
without SMTP, penalties in firmer reminders, the grouped overdue invoices, the formal notice letter."""

from __future__ import annotations

from datetime import date, timedelta
from email import message_from_bytes, policy

import pdfplumber
from fastapi.testclient import TestClient

from api.clock import utc_now
from api.db import unit_of_work
from api.dunning import service, tasks
from api.dunning.service import MAX_SEND_ATTEMPTS, SEND_TASK
from api.models import Invoice, Job, ReminderStatus
from api.runtime import Runtime
from api.settings import Settings
from tests.api.dunning.conftest import chase, invoice_row, make_client, make_invoice, paris, reminders
from tests.factories import Tenant
from tests.support.smtp import Inbox, silent_server

DUE = date(2026, 11, 16)
TUESDAY = paris(date(2026, 11, 17))


def retry(runtime: Runtime, settings: Settings, tenant: Tenant, reminder_id: object) -> str | None:
    session = runtime.session_factory()
    try:
        return tasks.retry(session, settings, tenant.organisation_id, reminder_id, now=TUESDAY)  # type: ignore[arg-type]
    finally:
        session.close()


def retry_jobs(runtime: Runtime) -> list[Job]:
    with unit_of_work(runtime.session_factory) as session:
        jobs = session.query(Job).filter_by(name=SEND_TASK).order_by(Job.created_at).all()
        session.expunge_all()
        return jobs


class TestMailServerTrouble:
    def test_a_refusal_is_retried_later_and_the_message_sent_once(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        inbox.refuse_with = "451 4.3.0 Mailbox temporarily unavailable"

        chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)

        [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "due"]
        assert (row.status, row.attempts) == (ReminderStatus.retrying, 1)
        assert row.error is not None
        assert "451" in row.error
        [job] = retry_jobs(runtime)
        assert job.payload == {"tenant": str(tenant.organisation_id), "reminder": str(row.id)}
        assert job.run_after - job.created_at >= service.retry_delay(1) - timedelta(seconds=1)

        inbox.refuse_with = None
        assert retry(runtime, mail_settings, tenant, row.id) == ReminderStatus.sent
        assert retry(runtime, mail_settings, tenant, row.id) is None  # a duplicate job finds nothing to do

        assert len(inbox.messages) == 1
        [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "due"]
        assert (row.status, row.attempts, row.error) == (ReminderStatus.sent, 2, None)

    def test_after_the_last_attempt_the_step_is_failed_and_shown(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox, client: TestClient
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        inbox.refuse_with = "554 5.7.1 Rejected"

        chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)
        [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "due"]
        for _ in range(MAX_SEND_ATTEMPTS - 1):
            retry(runtime, mail_settings, tenant, row.id)

        [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "due"]
        assert (row.status, row.attempts) == (ReminderStatus.failed, MAX_SEND_ATTEMPTS)
        assert len(retry_jobs(runtime)) == MAX_SEND_ATTEMPTS - 1
        assert inbox.messages == []
        failed = client.get("/api/v1/dunning/reminders?status=failed", headers=tenant.headers).json()
        assert [r["id"] for r in failed] == [str(row.id)]
        assert "554" in failed[0]["error"]

    def test_a_server_that_never_answers_times_out_and_is_retried(
        self, runtime: Runtime, settings: Settings, tenant: Tenant
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        with silent_server() as port:
            update = {"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_starttls": False,
                      "smtp_timeout_seconds": 0.5}  # fmt: skip
            silent = settings.model_copy(update=update)
            chase(runtime, silent, tenant, invoice_id, TUESDAY)

        [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "due"]
        assert row.status == ReminderStatus.retrying
        assert "timed out" in (row.error or "")

    def test_a_payment_before_the_retry_cancels_it(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        from api.organisations.service import Principal
        from api.transactions import service as transactions

        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        inbox.refuse_with = "451 later"
        chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)
        with unit_of_work(runtime.session_factory) as session:
            who = Principal(organisation_id=tenant.organisation_id, label="test")
            transactions.mark_paid(session, who, invoice_id, amount="1200", paid_on=DUE, method="cash")
        inbox.refuse_with = None

        [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "due"]
        assert retry(runtime, mail_settings, tenant, row.id) == ReminderStatus.cancelled
        assert inbox.messages == []

    def test_a_row_left_sending_by_a_crash_is_failed_not_resent(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        with unit_of_work(runtime.session_factory) as session:  # the process dies right after this commit
            service.prepare(session, mail_settings, tenant.organisation_id, invoice_id, now=TUESDAY)

        chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)  # the job runs again
        with unit_of_work(runtime.session_factory) as session:
            given_up = service.give_up_interrupted(session, now=utc_now() + service.SENDING_TIMEOUT * 2)

        assert given_up == 1
        assert inbox.messages == []
        [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "due"]
        assert row.status == ReminderStatus.failed
        assert "not sent again" in (row.error or "")


class TestOutbox:
    def test_without_smtp_the_message_and_its_attachment_land_in_the_outbox(
        self, runtime: Runtime, settings: Settings, tenant: Tenant
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        chase(runtime, settings, tenant, invoice_id, paris(DUE + timedelta(days=45)))

        [file] = sorted(settings.outbox_dir.glob("*.eml"))
        message = message_from_bytes(file.read_bytes(), policy=policy.default)
        assert message["Subject"] == "MISE EN DEMEURE DE PAYER — facture F-2026-0042"
        [attachment] = list(message.iter_attachments())  # type: ignore[attr-defined]
        assert attachment.get_filename() == "mise-en-demeure-F-2026-0042.pdf"
        assert attachment.get_content().startswith(b"%PDF")


class TestContent:
    def test_a_firmer_reminder_states_the_penalties_and_the_40_euro_indemnity(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        chase(runtime, mail_settings, tenant, invoice_id, paris(date(2026, 12, 1)))  # J+15

        [message] = inbox.parsed()
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "L441-10" in text
        # 1 200 € × 12,15 % × 15 days / 365 = 5,99 €; the H2 2026 rate is the seeded estimate.
        assert "5,99\u00a0€ à ce jour" in text
        assert "40,00\u00a0€" in text
        [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "j15"]
        assert row.snapshot["figures"]["penalty"] == 599

    def test_a_consumer_is_never_asked_for_penalties_or_the_indemnity(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        client_id = make_client(runtime, tenant, consumer=True)
        invoice_id = make_invoice(runtime, tenant, client_id=client_id, due=DUE)

        chase(runtime, mail_settings, tenant, invoice_id, paris(date(2026, 12, 1)))

        text = inbox.parsed()[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "L441-10" not in text
        assert "40,00" not in text

    def test_the_other_overdue_invoices_of_the_client_are_listed_in_one_message(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        client_id = make_client(runtime, tenant)
        invoice_id = make_invoice(runtime, tenant, client_id=client_id, due=DUE, number="F-1")
        make_invoice(runtime, tenant, client_id=client_id, due=DUE - timedelta(days=30), number="F-0",
                     total=30000)  # fmt: skip
        make_invoice(runtime, tenant, client_id=client_id, due=DUE + timedelta(days=60), number="F-9")

        chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)

        text = inbox.parsed()[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "Vos autres factures échues" in text
        assert "- F-0, échue le 17/10/2026" in text
        assert "F-9" not in text  # not due yet
        assert "Total échu : 1\u202f500,00\u00a0€" in text

    def test_with_grouping_a_client_gets_one_email_a_day_for_all_its_overdue_invoices(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox, client: TestClient
    ) -> None:
        client_id = make_client(runtime, tenant)
        first = make_invoice(runtime, tenant, client_id=client_id, due=DUE, number="F-1")
        second = make_invoice(runtime, tenant, client_id=client_id, due=DUE - timedelta(days=1), number="F-2")

        chase(runtime, mail_settings, tenant, first, TUESDAY)
        grouped = chase(runtime, mail_settings, tenant, second, TUESDAY + timedelta(minutes=10))
        client.patch("/api/v1/dunning/policy", headers=tenant.headers, json={"group_overdue": False})
        third = make_invoice(runtime, tenant, client_id=client_id, due=DUE, number="F-3")
        alone = chase(runtime, mail_settings, tenant, third, TUESDAY + timedelta(minutes=20))

        assert grouped.action == "grouped"
        assert alone.action == "created"
        assert [m["Subject"] for m in inbox.parsed()] == [
            "Facture F-1 : petit rappel", "Facture F-3 : petit rappel"
        ]  # fmt: skip
        [row] = [r for r in reminders(runtime, second) if r.step_key == "due"]
        assert row.status == ReminderStatus.skipped
        assert (row.error or "").startswith("grouped: listed in reminder due of invoice")

    def test_the_formal_notice_is_a_pdf_letter_emailed_kept_and_left_to_post(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox, client: TestClient
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        chase(runtime, mail_settings, tenant, invoice_id, paris(DUE + timedelta(days=45)))

        [message] = inbox.parsed()
        [attachment] = list(message.iter_attachments())  # type: ignore[attr-defined]
        [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "formal_notice"]
        assert row.status == ReminderStatus.sent
        assert row.task_state == "open"  # also printed and sent by registered mail
        download = client.get(f"/api/v1/dunning/reminders/{row.id}/letter.pdf", headers=tenant.headers)
        assert download.status_code == 200
        assert download.content == attachment.get_content()
        pdf_path = mail_settings.data_dir / (row.letter_path or "")
        with pdfplumber.open(pdf_path) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert "MISE EN DEMEURE DE PAYER" in text
        assert "F-2026-0042" in text
        assert "L441-10" in text

    def test_a_failed_debit_reopens_the_chase(self, runtime: Runtime, tenant: Tenant) -> None:
        from api.transactions import service as transactions

        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        with unit_of_work(runtime.session_factory) as session:
            invoice = session.get(Invoice, invoice_id)
            assert invoice is not None
            invoice.next_reminder_at = None  # blocked while the debit was processing
            invoice.collection_status = "processing"
            transactions.recompute(session, invoice)  # the debit failed: nothing in flight any more

        assert invoice_row(runtime, invoice_id).next_reminder_at is not None


class TestPrenotices:
    def test_a_sepa_prenotice_is_recorded_like_a_reminder_and_never_sent_twice(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox, client: TestClient
    ) -> None:
        from api.dunning import notices

        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        for _ in range(2):  # the collection flow runs again after a crash
            with unit_of_work(runtime.session_factory) as session:
                invoice = session.get(Invoice, invoice_id)
                assert invoice is not None
                notices.send_notice(session, mail_settings, invoice, key="prenotice:c1:2026-11-20",
                                    to="compta@martin.example", subject="Prélèvement",
                                    text="Le 20/11.")  # fmt: skip

        assert len(inbox.messages) == 1
        [row] = reminders(runtime, invoice_id)
        assert (row.kind, row.status, row.message_id) == (
            "prenotice",
            "sent",
            inbox.parsed()[0]["Message-ID"],
        )
        events = client.get(f"/api/v1/invoices/{invoice_id}/timeline", headers=tenant.headers).json()
        assert [e["detail"]["step"] for e in events] == ["prenotice:c1:2026-11-20"]


class TestInvoiceAttached:
    def test_the_uploaded_invoice_file_is_attached_to_the_reminder(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        from api.models import Document

        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        content = b"%PDF-1.4 the invoice as uploaded"
        stored = mail_settings.files_dir / "docs" / "f.pdf"
        stored.parent.mkdir(parents=True)
        stored.write_bytes(content)
        with unit_of_work(runtime.session_factory) as session:
            document = Document(organisation_id=tenant.organisation_id, filename="facture-42.pdf",
                                sha256="0" * 64, size=len(content), media_type="application/pdf",
                                storage_key="docs/f.pdf")  # fmt: skip
            session.add(document)
            session.flush()
            invoice = session.get(Invoice, invoice_id)
            assert invoice is not None
            invoice.document_id = document.id

        chase(runtime, mail_settings, tenant, invoice_id, TUESDAY)

        [attachment] = list(inbox.parsed()[0].iter_attachments())  # type: ignore[attr-defined]
        assert attachment.get_filename() == "Facture F-2026-0042.pdf"  # the invoice's name, not the upload's
        assert attachment.get_content() == content
