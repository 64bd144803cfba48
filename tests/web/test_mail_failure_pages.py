"""A mail server's refusal as the pages say it, through the real aiosmtpd server answering a chosen code: the
settings' test email, a pay link sent from the invoice, a reminder's delivery and a failed job each give the
reason in the reader's language, then the server's own answer; a forged address shows no answer (it is read
back from what was recorded)."""

from __future__ import annotations

import traceback
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.mail.transport import Transport
from api.notifications.service import EmailNotSent, send_email
from api.runtime import Runtime
from api.settings import Settings
from tests.api.dunning.conftest import chase, make_client, make_invoice, paris, reminders
from tests.api.test_mail_answers import Answers, server
from tests.factories import Tenant
from tests.support.web import csrf_of, parse, text_of
from tests.web.test_home_failed_jobs import chase_failed
from tests.web.test_invoice_page import set_email
from web.i18n import LANGUAGE_COOKIE

EMAIL = "/settings/email"
UNKNOWN_USER = "550 5.1.1 <admin@example.com>: Recipient address rejected: User unknown"
SPAM = "554 5.7.1 Message rejected as spam"
FORM = {"security": "none", "username": "", "password": "", "sender_address": "factures@martin.example",
        "sender_name": "Boulangerie Martin", "reply_to": ""}  # fmt: skip
RELAY_DENIED_FR = (
    "le serveur 127.0.0.1 refuse de transmettre ce message (relais refusé ou règle du serveur). Vérifiez "
    "l'identifiant et le mot de passe, et que l'adresse d'expédition appartient à ce compte."
)


def post(client: TestClient, path: str, **fields: str) -> Any:
    csrf = csrf_of(client.get(EMAIL).text)
    return client.post(path, data={"csrf_token": csrf, **fields}, follow_redirects=False)


@pytest.fixture
def private_allowed(runtime: Runtime) -> None:
    runtime.settings.tenant_smtp_allow_private = True


@pytest.mark.usefixtures("private_allowed")
class TestTheTestEmail:
    def test_a_refused_recipient_is_said_in_french_then_the_server_answer(
        self, logged_in: TestClient
    ) -> None:
        with server(Answers(rcpt=UNKNOWN_USER)) as port:
            post(logged_in, EMAIL, **FORM, host="127.0.0.1", port=str(port))
            response = post(logged_in, EMAIL + "/test")

        assert response.headers["location"] == EMAIL + "?test_failed=mail_mailbox_unavailable#test"
        page = parse(logged_in.get(response.headers["location"]))
        assert page.xpath("//*[@data-testid='test-outcome']/@data-outcome") == ["mail_mailbox_unavailable"]
        assert text_of(page, "//*[@data-testid='test-outcome']") == (
            "L'e-mail de test n'est pas parti : le serveur 127.0.0.1 indique que la boîte du destinataire "
            "n'existe pas ou ne reçoit pas de message. Vérifiez l'adresse e-mail du destinataire. "
            f"Réponse du serveur : « {UNKNOWN_USER} »"
        )

    def test_in_english_too(self, logged_in: TestClient) -> None:
        logged_in.cookies.set(LANGUAGE_COOKIE, "en")
        with server(Answers(rcpt=UNKNOWN_USER)) as port:
            post(logged_in, EMAIL, **FORM, host="127.0.0.1", port=str(port))
            response = post(logged_in, EMAIL + "/test")

        page = parse(logged_in.get(response.headers["location"]))
        assert text_of(page, "//*[@data-testid='server-answer']") == f"Server's answer: “{UNKNOWN_USER}”"

    def test_a_forged_address_shows_the_sentence_but_no_answer(self, logged_in: TestClient) -> None:
        with server(Answers(rcpt=UNKNOWN_USER)) as port:
            post(logged_in, EMAIL, **FORM, host="127.0.0.1", port=str(port))
            post(logged_in, EMAIL + "/test")

        # The last attempt failed for another reason than the one the address claims: no answer is shown.
        page = parse(logged_in.get(EMAIL + "?test_failed=mail_relay_denied&test_answer=appelez-nous"))

        assert page.xpath("//*[@data-testid='test-outcome']/@data-outcome") == ["mail_relay_denied"]
        assert page.xpath("//*[@data-testid='server-answer']") == []
        assert "appelez-nous" not in text_of(page, "//*[@data-testid='test-outcome']")


def test_a_reminder_the_server_refused_says_why_then_the_answer(
    runtime: Runtime, settings: Settings, tenant: Tenant, logged_in: TestClient
) -> None:
    handler = Answers()
    handler.refuse_with = SPAM
    invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=date(2026, 11, 16))
    with server(handler) as port:
        refusing = settings.model_copy(
            update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_starttls": False}
        )
        chase(runtime, refusing, tenant, invoice_id, paris(date(2026, 11, 17)))

    [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "due"]
    assert handler.messages == []
    assert SPAM in (row.error or "")  # the API keeps the English detail with the answer
    page = parse(logged_in.get(f"/relances/{row.id}"))
    assert text_of(page, "//*[@data-testid='reminder-error']") == (
        f"Non envoyé : {RELAY_DENIED_FR} Réponse du serveur : « {SPAM} »"
    )


def test_a_failed_job_that_sent_an_email_says_the_server_refusal(
    runtime: Runtime, settings: Settings, tenant: Tenant, logged_in: TestClient
) -> None:
    handler = Answers()
    handler.refuse_with = SPAM
    with server(handler) as port:
        transport = Transport(sender="f@martin.example", host="127.0.0.1", port=port, security="none")
        with pytest.raises(EmailNotSent) as refused:
            send_email(settings, "client@example.com", "Objet", "Texte", transport=transport)
    last_error = "".join(traceback.format_exception_only(refused.value))  # as the worker stores it
    invoice, job_id = chase_failed(runtime, tenant, error=last_error)

    page = parse(logged_in.get(f"/invoices/{invoice.id}/review"))

    [line] = page.xpath(f"//*[@data-testid='failed-job'][@data-job='{job_id}']")
    assert text_of(line, ".//*[@data-testid='failed-job-reason']") == (
        "Le serveur d'e-mail a refusé le message ou n'a pas répondu."
    )
    assert line.xpath(".//*[@data-testid='failed-job-mail']/@data-reason") == ["mail_relay_denied"]
    assert text_of(line, ".//*[@data-testid='failed-job-mail']") == (
        f"{RELAY_DENIED_FR} Réponse du serveur : « {SPAM} »"
    )


@pytest.mark.usefixtures("private_allowed")
def test_a_pay_link_to_a_mailbox_that_does_not_exist_says_so(
    logged_in: TestClient, invoice: dict[str, Any], db: Session
) -> None:
    answer = "550 5.1.1 <compta@boulangerie.example.com>: Recipient address rejected: User unknown"
    set_email(db, invoice, "compta@boulangerie.example.com")
    review = f"/invoices/{invoice['id']}/review"
    with server(Answers(rcpt=answer)) as port:
        post(logged_in, EMAIL, **FORM, host="127.0.0.1", port=str(port))
        csrf = csrf_of(logged_in.get(review).text)
        response = logged_in.post(f"/invoices/{invoice['id']}/send-pay-link", data={"csrf_token": csrf})

    assert response.status_code == 503
    assert text_of(parse(response), "//*[@id='e-send']") == (
        "Non envoyé : le serveur 127.0.0.1 indique que la boîte du destinataire n'existe pas ou ne reçoit "
        f"pas de message. Vérifiez l'adresse e-mail du destinataire. Réponse du serveur : « {answer} »"
    )
