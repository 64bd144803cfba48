"""The invoice page through the TestClient on SQLite and PostgreSQL: the merged timeline (capture, pay link
created, sent and opened, reminders, payments, holds, cancellation), "send the pay link now" through a real
SMTP server, and cancelling after a confirmation step."""

from __future__ import annotations

import re
import uuid
from typing import Any

import lxml.html
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.models import AuditLog, Client, Invoice, Organisation
from api.settings import Settings
from tests.factories import Tenant
from tests.support.smtp import running_smtp
from tests.support.web import csrf_of, parse, text_of, texts_of


def page_of(client: TestClient, invoice: dict[str, Any]) -> lxml.html.HtmlElement:
    response = client.get(f"/invoices/{invoice['id']}/review")
    assert response.status_code == 200
    return parse(response)


def kinds(page: lxml.html.HtmlElement) -> list[str]:
    return [str(kind) for kind in page.xpath("//ol[@data-testid='timeline']/li/@data-kind")]


def set_email(db: Session, invoice: dict[str, Any], email: str | None) -> None:
    db.execute(update(Client).where(Client.id == uuid.UUID(invoice["client_id"])).values(email=email))
    db.commit()


def send_link(client: TestClient, invoice: dict[str, Any]) -> Any:
    page = client.get(f"/invoices/{invoice['id']}/review").text
    return client.post(
        f"/invoices/{invoice['id']}/send-pay-link", data={"csrf_token": csrf_of(page)}, follow_redirects=False
    )


def audit_actions(db: Session, invoice: dict[str, Any]) -> list[str]:
    rows = db.scalars(select(AuditLog.action).where(AuditLog.object_id == uuid.UUID(invoice["id"])))
    actions = sorted(rows)
    db.commit()
    return actions


def use_smtp(settings: Settings, port: int) -> None:
    settings.smtp_host, settings.smtp_port, settings.smtp_starttls = "127.0.0.1", port, False


class TestTimeline:
    def test_a_new_invoice_shows_its_capture_approval_and_pay_link_newest_first(
        self, logged_in: TestClient, invoice: dict[str, Any]
    ) -> None:
        page = page_of(logged_in, invoice)

        assert kinds(page) == ["link_created", "captured"]
        assert texts_of(page, "//ol[@data-testid='timeline']/li/strong") == [
            "Lien de paiement créé",
            "Facture lue (capture)",
        ]
        assert page.xpath("//a[@data-testid='client-link']/@href") == [f"/clients/{invoice['client_id']}"]
        assert text_of(page, "//a[@data-testid='client-link']") == invoice["buyer_name"]

    def test_opening_the_pay_page_is_recorded_once_an_hour(
        self, logged_in: TestClient, client: TestClient, invoice: dict[str, Any], db: Session
    ) -> None:
        token = invoice["pay_url"].rsplit("/", 1)[1]

        for _ in range(3):
            assert client.get(f"/pay/{token}").status_code == 200

        page = page_of(logged_in, invoice)
        assert kinds(page) == ["link_opened", "link_created", "captured"]
        assert (
            text_of(page, "//li[@data-kind='link_opened']/strong") == "Lien de paiement ouvert par le client"
        )
        assert audit_actions(db, invoice).count("payment_link.opened") == 1

    def test_payments_holds_and_cancellation_join_the_timeline(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        csrf = csrf_of(logged_in.get(f"/invoices/{invoice['id']}/review").text)
        logged_in.post(
            f"/invoices/{invoice['id']}/holds",
            data={
                "csrf_token": csrf,
                "kind": "dispute",
                "reason": "Livraison incomplète",
                "until": "",
                "promised_amount": "",
            },
        )
        logged_in.post(
            f"/invoices/{invoice['id']}/payments",
            data={
                "csrf_token": csrf,
                "amount": "100,00",
                "paid_on": "2026-01-05",
                "method": "cheque",
                "note": "",
            },
        )
        logged_in.post(f"/invoices/{invoice['id']}/cancel", data={"csrf_token": csrf, "reason": "Avoir A-12"})

        page = page_of(logged_in, invoice)

        assert kinds(page)[:2] == ["cancelled", "hold"]
        assert set(kinds(page)) == {"cancelled", "hold", "payment", "link_created", "captured"}
        assert text_of(page, "//li[@data-kind='cancelled']/strong") == "Facture annulée"
        assert text_of(page, "//li[@data-kind='cancelled']/small") == "Avoir A-12"
        assert page.xpath("//li[@data-kind='payment']/@data-payment") == ["succeeded"]
        assert text_of(page, "//li[@data-kind='payment']/strong") == "Paiement reçu"
        assert text_of(page, "//li[@data-kind='hold']/small") == "Livraison incomplète"


class TestSendPayLink:
    def test_the_client_gets_the_link_by_email_and_the_timeline_says_so(
        self, logged_in: TestClient, settings: Settings, db: Session, invoice: dict[str, Any]
    ) -> None:
        set_email(db, invoice, "compta@boulangerie.example.com")
        with running_smtp() as (inbox, port):
            use_smtp(settings, port)
            response = send_link(logged_in, invoice)

        assert (response.status_code, response.headers["location"]) == (
            303,
            f"/invoices/{invoice['id']}/review?done=sent#actions",
        )
        [message] = inbox.parsed()
        assert message["To"] == "compta@boulangerie.example.com"
        assert message["Reply-To"] is None  # no contact address set: answers go to the sender
        assert message["Subject"] == f"Facture {invoice['number']} : lien de paiement"
        body = message.get_content()
        assert invoice["pay_url"] in body
        assert re.search(r"1\s234,56\s€", body)
        page = page_of(logged_in, invoice)
        assert kinds(page)[0] == "link_sent"
        assert text_of(page, "//li[@data-kind='link_sent']/strong") == "Lien de paiement envoyé"
        assert "compta@boulangerie.example.com" in text_of(page, "//li[@data-kind='link_sent']/small")
        flash = parse(logged_in.get(f"/invoices/{invoice['id']}/review?done=sent"))
        assert (
            text_of(flash, "//*[@data-testid='action-flash']")
            == "Le lien de paiement a été envoyé au client."
        )

    def test_the_clients_answer_goes_to_the_organisations_contact_address(
        self, logged_in: TestClient, settings: Settings, db: Session, invoice: dict[str, Any], tenant: Tenant
    ) -> None:
        set_email(db, invoice, "compta@boulangerie.example.com")
        db.execute(
            update(Organisation)
            .where(Organisation.id == tenant.organisation_id)
            .values(contact_email="factures@atelier.example", legal_name="Atelier Lenoir SARL")
        )
        db.commit()
        with running_smtp() as (inbox, port):
            use_smtp(settings, port)
            send_link(logged_in, invoice)

        [message] = inbox.parsed()
        assert message["Reply-To"] == "factures@atelier.example"
        assert "Atelier Lenoir SARL" in message.get_content()

    def test_without_an_email_address_nothing_is_sent_or_recorded(
        self, logged_in: TestClient, settings: Settings, db: Session, invoice: dict[str, Any]
    ) -> None:
        set_email(db, invoice, None)
        with running_smtp() as (inbox, port):
            use_smtp(settings, port)
            response = send_link(logged_in, invoice)

        assert response.status_code == 409
        page = parse(response)
        assert text_of(page, "//p[@id='e-send']") == (
            "Impossible d'envoyer : le client n'a pas d'adresse e-mail valide. "
            "Ajoutez-la sur sa fiche client."
        )
        assert page.xpath("//button[@data-testid='send-pay-link']/@aria-describedby") == ["e-send"]
        assert inbox.messages == []
        assert "invoice.pay_link_sent" not in audit_actions(db, invoice)

    def test_a_cancelled_invoice_is_not_payable_and_nothing_is_sent(
        self,
        logged_in: TestClient,
        client: TestClient,
        tenant: Tenant,
        settings: Settings,
        db: Session,
        invoice: dict[str, Any],
    ) -> None:
        set_email(db, invoice, "compta@boulangerie.example.com")
        client.post(f"/api/v1/invoices/{invoice['id']}/cancel", headers=tenant.headers)
        with running_smtp() as (inbox, port):
            use_smtp(settings, port)
            response = send_link(logged_in, invoice)

        assert response.status_code == 409
        assert text_of(parse(response), "//p[@id='e-send']").startswith(
            "Impossible d'envoyer : la facture n'est pas payable"
        )
        assert inbox.messages == []
        assert "invoice.pay_link_sent" not in audit_actions(db, invoice)

    def test_a_mail_server_that_refuses_records_nothing(
        self, logged_in: TestClient, settings: Settings, db: Session, invoice: dict[str, Any]
    ) -> None:
        set_email(db, invoice, "compta@boulangerie.example.com")
        with running_smtp() as (inbox, port):
            inbox.refuse_with = "554 5.7.1 rejected"
            use_smtp(settings, port)
            response = send_link(logged_in, invoice)

        assert response.status_code == 503
        said = text_of(parse(response), "//p[@id='e-send']")
        assert said.startswith("Non envoyé : le serveur 127.0.0.1 refuse de transmettre ce message")
        assert said.endswith("Réponse du serveur : « 554 5.7.1 rejected »")
        assert "invoice.pay_link_sent" not in audit_actions(db, invoice)


class TestCancel:
    def test_cancelling_asks_for_confirmation_then_stops_everything(
        self, logged_in: TestClient, client: TestClient, db: Session, invoice: dict[str, Any]
    ) -> None:
        page = page_of(logged_in, invoice)
        (link,) = page.xpath("//a[@data-testid='cancel-invoice']/@href")

        confirm = parse(logged_in.get(link))
        assert text_of(confirm, "//h1") == f"Annuler la facture {invoice['number']}"
        assert db.get(Invoice, uuid.UUID(invoice["id"])).cancelled_at is None  # type: ignore[union-attr]
        db.commit()
        done = logged_in.post(
            link,
            data={"csrf_token": csrf_of(logged_in.get(link).text), "reason": "Avoir A-12"},
            follow_redirects=False,
        )

        assert (done.status_code, done.headers["location"]) == (
            303,
            f"/invoices/{invoice['id']}/review?done=cancelled#actions",
        )
        row = db.get(Invoice, uuid.UUID(invoice["id"]))
        assert row is not None
        assert (row.collection_status, row.next_reminder_at) == ("cancelled", None)
        assert row.cancelled_at is not None
        db.commit()
        after = page_of(logged_in, invoice)
        assert after.xpath("//a[@data-testid='cancel-invoice']") == []
        assert text_of(after, "//*[@data-testid='cancelled-notice']").startswith("Facture annulée le ")
        assert 'data-state="cancelled"' in client.get("/pay/" + invoice["pay_url"].rsplit("/", 1)[1]).text

    def test_a_reason_too_long_is_said_next_to_it_and_nothing_changes(
        self, logged_in: TestClient, db: Session, invoice: dict[str, Any]
    ) -> None:
        path = f"/invoices/{invoice['id']}/cancel"

        response = logged_in.post(
            path, data={"csrf_token": csrf_of(logged_in.get(path).text), "reason": "x" * 501}
        )

        assert response.status_code == 400
        page = parse(response)
        assert text_of(page, "//p[@id='e-cancel-reason']") == "Le motif fait plus de 500 caractères."
        assert page.xpath("//textarea[@id='cancel-reason']/@aria-invalid") == ["true"]
        row = db.get(Invoice, uuid.UUID(invoice["id"]))
        assert row is not None
        assert row.cancelled_at is None
        db.commit()
        assert "invoice.cancelled" not in audit_actions(db, invoice)

    def test_a_paid_invoice_cannot_be_cancelled(
        self, logged_in: TestClient, db: Session, invoice: dict[str, Any]
    ) -> None:
        path = f"/invoices/{invoice['id']}/cancel"
        csrf = csrf_of(logged_in.get(path).text)
        logged_in.post(
            f"/invoices/{invoice['id']}/payments",
            data={
                "csrf_token": csrf,
                "amount": "1234,56",
                "paid_on": "2026-01-05",
                "method": "transfer",
                "note": "",
            },
        )

        response = logged_in.post(path, data={"csrf_token": csrf, "reason": ""})

        assert response.status_code == 409
        assert text_of(parse(response), "//p[@role='alert']") == (
            "Une facture payée ne peut pas être annulée : émettez un avoir."
        )
        assert "invoice.cancelled" not in audit_actions(db, invoice)
        assert page_of(logged_in, invoice).xpath("//a[@data-testid='cancel-invoice']") == []


class TestHead:
    def test_an_approved_invoice_is_its_own_page_with_figures_client_and_next_reminder(
        self, logged_in: TestClient, invoice: dict[str, Any]
    ) -> None:
        page = page_of(logged_in, invoice)

        assert text_of(page, "//h1").startswith(f"Facture {invoice['number']}")
        assert text_of(page, "//*[@data-testid='invoice-status']") == "À encaisser"
        figures = [text_of(page, f"//*[@data-testid='head-{name}']") for name in ("total", "paid", "left")]
        assert [re.sub(r"\s", " ", f) for f in figures] == ["1 234,56 €", "0,00 €", "1 234,56 €"]
        assert page.xpath("//a[@data-testid='head-client']/@href") == [f"/clients/{invoice['client_id']}"]
        # due 13/12/2026 (the fixture's PDF): the courtesy reminder comes first, before the due date
        assert text_of(page, "//*[@data-testid='next-reminder']") == "le 10/12/2026 : Rappel avant échéance"
        assert page.xpath("//*[@data-testid='document-and-fields']//form[contains(@class, 'fields')]") != []
        assert page.xpath("//form[contains(@class, 'mark-paid')]") != []
        assert page.xpath("//form[contains(@class, 'hold')][@data-kind='pause']") != []

    def test_a_paid_invoice_hides_the_payment_and_hold_forms(
        self, logged_in: TestClient, invoice: dict[str, Any]
    ) -> None:
        csrf = csrf_of(logged_in.get(f"/invoices/{invoice['id']}/review").text)
        logged_in.post(
            f"/invoices/{invoice['id']}/payments",
            data={
                "csrf_token": csrf,
                "amount": "1234,56",
                "paid_on": "2026-01-05",
                "method": "transfer",
                "note": "",
            },
        )

        page = page_of(logged_in, invoice)

        assert text_of(page, "//*[@data-testid='invoice-status']") == "Payée"
        assert re.sub(r"\s", " ", text_of(page, "//*[@data-testid='head-left']")) == "0,00 €"
        assert text_of(page, "//*[@data-testid='next-reminder']") == "aucune : facture payée"
        assert text_of(page, "//*[@data-testid='invoice-closed']").startswith("Facture payée")
        assert page.xpath("//form[contains(@class, 'mark-paid')]") == []
        assert page.xpath("//form[contains(@class, 'hold')][@data-kind='pause']") == []
        assert page.xpath("//ul[@class='inv-jumps']//a[@href='#payments' or @href='#dunning']") == []

    def test_the_head_speaks_english_to_an_english_reader(
        self, logged_in: TestClient, invoice: dict[str, Any]
    ) -> None:
        logged_in.get("/lang/en")

        page = page_of(logged_in, invoice)

        assert text_of(page, "//h1").startswith(f"Invoice {invoice['number']}")
        assert texts_of(page, "//dl[@class='inv-figures']//dt") == [
            "Total incl. VAT",
            "Paid so far",
            "Left to pay",
        ]
        assert text_of(page, "//*[@data-testid='next-reminder']").startswith("on 10/12/2026: ")
