"""Settings → E-mails through the TestClient, both backends: where the organisation's emails go said plainly
(the outbox folder is never called "sent"), the SMTP form (password never shown back, empty keeps it,
internal hosts refused next to the field), the test email through the local aiosmtpd server with its outcome
in French, and a pay link that leaves through the organisation's server or is shown as only written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.runtime import Runtime
from tests.api.dunning.conftest import chase, make_client, make_invoice, paris
from tests.factories import Tenant
from tests.support.smtp import Inbox, free_port, running_smtp
from tests.support.web import csrf_of, parse, text_of
from tests.web.test_invoice_page import set_email

EMAIL = "/settings/email"
FORM = {"security": "none", "username": "", "password": "", "sender_address": "factures@martin.example",
        "sender_name": "Boulangerie Martin", "reply_to": "contact@martin.example"}  # fmt: skip
OUTBOX_STATUS = "écrit dans le dossier d'envoi local (non envoyé)"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with running_smtp() as server:
        yield server


@pytest.fixture
def private_allowed(runtime: Runtime) -> None:
    """As a test or demo deployment: the organisation's server may be the local aiosmtpd."""
    runtime.settings.tenant_smtp_allow_private = True


def post(client: TestClient, path: str, **fields: str) -> Any:
    csrf = csrf_of(client.get(EMAIL).text)
    return client.post(path, data={"csrf_token": csrf, **fields}, follow_redirects=False)


def save(client: TestClient, **fields: str) -> Any:
    return post(client, EMAIL, **{**FORM, **fields})


def outcome_of_test_email(client: TestClient) -> tuple[str, str]:
    """Send the test email and follow to the page: (outcome code, sentence)."""
    response = post(client, EMAIL + "/test")
    assert response.status_code == 303
    page = parse(client.get(response.headers["location"]))
    (outcome,) = page.xpath("//*[@data-testid='test-outcome']/@data-outcome")
    return str(outcome), text_of(page, "//*[@data-testid='test-outcome']")


class TestWhereMailGoes:
    def test_without_any_server_the_page_says_nothing_leaves(self, logged_in: TestClient) -> None:
        page = parse(logged_in.get(EMAIL))

        assert text_of(page, "//h1") == "E-mails"
        assert text_of(page, "//nav//a[@aria-current='true']") == "E-mails"
        assert page.xpath("//*[@data-testid='mail-mode']/@data-mode") == ["outbox"]
        assert "ne partent pas" in text_of(page, "//*[@data-testid='outbox-notice']")

    def test_the_test_email_in_outbox_mode_is_written_not_sent(
        self, logged_in: TestClient, runtime: Runtime
    ) -> None:
        outcome, sentence = outcome_of_test_email(logged_in)

        assert outcome == "outbox"
        assert "écrit dans le dossier d'envoi local (non envoyé)" in sentence
        assert "envoyé à" not in sentence
        assert len(list(runtime.settings.outbox_dir.glob("*.eml"))) == 1

    def test_the_server_settings_are_named_when_the_organisation_has_none(
        self, logged_in: TestClient, runtime: Runtime
    ) -> None:
        runtime.settings.smtp_host = "mail.operator.example"
        page = parse(logged_in.get(EMAIL))
        assert page.xpath("//*[@data-testid='mail-mode']/@data-mode") == ["server"]
        assert not page.xpath("//*[@data-testid='outbox-notice']")

    def test_an_operator_who_denies_tenant_smtp_gets_no_form(
        self, logged_in: TestClient, runtime: Runtime
    ) -> None:
        runtime.settings.tenant_smtp = "deny"
        page = parse(logged_in.get(EMAIL))
        assert page.xpath("//*[@data-testid='denied']")
        assert not page.xpath("//form[@id='smtp']")
        response = save(logged_in, host="80.67.169.12", port="587")
        assert response.status_code == 403
        assert "ne permet pas" in response.text


@pytest.mark.usefixtures("private_allowed")
class TestTheForm:
    def test_saved_settings_are_shown_without_the_password_which_an_empty_field_keeps(
        self, logged_in: TestClient, smtp: tuple[Inbox, int]
    ) -> None:
        response = save(logged_in, host="127.0.0.1", port=str(smtp[1]), username="factures",
                        password="mot-de-passe-secret")  # fmt: skip
        assert (response.status_code, response.headers["location"]) == (303, EMAIL + "?saved=1")

        html = logged_in.get(EMAIL + "?saved=1").text
        page = parse(logged_in.get(EMAIL))
        assert "mot-de-passe-secret" not in html
        assert page.xpath("//input[@name='password']/@value") == [""]
        assert page.xpath("//input[@name='password']/@placeholder") == ["laisser vide pour conserver"]
        assert page.xpath("//input[@name='host']/@value") == ["127.0.0.1"]
        assert page.xpath("//*[@data-testid='mail-mode']/@data-mode") == ["organisation"]

        # Saved again with the password left empty: the login still carries the stored one (the local
        # server offers no AUTH, so the test says the login was refused: it was tried).
        save(logged_in, host="127.0.0.1", port=str(smtp[1]), username="factures", password="")
        outcome, sentence = outcome_of_test_email(logged_in)
        assert outcome == "mail_auth_failed"
        assert "refusé l'identifiant ou le mot de passe" in sentence

    def test_an_internal_host_is_refused_next_to_the_field(
        self, logged_in: TestClient, runtime: Runtime
    ) -> None:
        runtime.settings.tenant_smtp_allow_private = False
        response = save(logged_in, host="10.0.0.7", port="587")

        assert response.status_code == 400
        page = parse(response)
        assert "adresse interne ou réservée" in text_of(page, "//*[@id='e-host']")
        assert page.xpath("//input[@name='host']/@value") == ["10.0.0.7"]  # kept as typed
        assert page.xpath("//*[@data-testid='mail-mode']/@data-mode") == ["outbox"]  # nothing saved

    def test_another_port_is_refused(self, logged_in: TestClient, runtime: Runtime) -> None:
        runtime.settings.tenant_smtp_allow_private = False
        response = save(logged_in, host="80.67.169.12", port="8080")
        assert response.status_code == 400
        assert "25, 465, 587 ou 2525" in text_of(parse(response), "//*[@id='e-port']")

    def test_removing_goes_back_to_the_default_route(
        self, logged_in: TestClient, smtp: tuple[Inbox, int]
    ) -> None:
        save(logged_in, host="127.0.0.1", port=str(smtp[1]))
        response = post(logged_in, EMAIL + "/remove")
        assert response.headers["location"] == EMAIL + "?removed=1"
        page = parse(logged_in.get(EMAIL))
        assert page.xpath("//*[@data-testid='mail-mode']/@data-mode") == ["outbox"]
        assert not page.xpath("//*[@data-testid='remove']")


@pytest.mark.usefixtures("private_allowed")
class TestTheTestEmail:
    def test_it_reaches_the_user_through_the_organisation_server(
        self, logged_in: TestClient, tenant: Tenant, smtp: tuple[Inbox, int]
    ) -> None:
        inbox, port = smtp
        save(logged_in, host="127.0.0.1", port=str(port))

        outcome, sentence = outcome_of_test_email(logged_in)

        assert outcome == "organisation"
        assert sentence.startswith(f"E-mail de test envoyé à {tenant.email} par votre serveur 127.0.0.1")
        [message] = inbox.parsed()
        assert message["To"] == tenant.email
        assert message["From"] == "Boulangerie Martin <factures@martin.example>"
        assert message["Subject"] == "Encaisse : e-mail de test"

    def test_a_refused_connection_is_said_in_french_without_the_python_text(
        self, logged_in: TestClient
    ) -> None:
        save(logged_in, host="127.0.0.1", port=str(free_port()))  # nobody listens there

        outcome, sentence = outcome_of_test_email(logged_in)

        assert outcome == "mail_connection_refused"
        assert sentence == ("L'e-mail de test n'est pas parti : le serveur 127.0.0.1 a refusé la connexion. "
                            "Vérifiez le nom du serveur et le port.")  # fmt: skip
        assert "Errno" not in sentence

    def test_a_made_up_reason_in_the_address_shows_the_generic_sentence(self, logged_in: TestClient) -> None:
        page = parse(logged_in.get(EMAIL + "?test_failed=<script>"))
        assert page.xpath("//*[@data-testid='test-outcome']/@data-outcome") == ["mail_server_error"]


class TestSentMessagesPages:
    def test_a_pay_link_without_any_server_is_shown_as_written_not_sent(
        self, logged_in: TestClient, invoice: dict[str, Any], db: Session
    ) -> None:
        set_email(db, invoice, "compta@boulangerie.example.com")
        review = f"/invoices/{invoice['id']}/review"
        csrf = csrf_of(logged_in.get(review).text)
        response = logged_in.post(f"/invoices/{invoice['id']}/send-pay-link", data={"csrf_token": csrf},
                                  follow_redirects=False)  # fmt: skip
        assert response.headers["location"].endswith("done=written#actions")

        page = parse(logged_in.get(response.headers["location"]))
        assert "le client ne le recevra pas" in text_of(page, "//*[@data-testid='action-flash']")
        assert text_of(page, "//li[@data-kind='link_sent']/strong") == (
            "Lien de paiement écrit dans le dossier d'envoi local (non envoyé)")  # fmt: skip
        assert page.xpath("//*[@data-testid='mail-outbox-notice']")

    @pytest.mark.usefixtures("private_allowed")
    def test_a_pay_link_leaves_through_the_organisation_server(
        self, logged_in: TestClient, invoice: dict[str, Any], smtp: tuple[Inbox, int], runtime: Runtime,
        db: Session,
    ) -> None:  # fmt: skip
        inbox, port = smtp
        set_email(db, invoice, "compta@boulangerie.example.com")
        save(logged_in, host="127.0.0.1", port=str(port))
        review = f"/invoices/{invoice['id']}/review"
        csrf = csrf_of(logged_in.get(review).text)

        response = logged_in.post(f"/invoices/{invoice['id']}/send-pay-link", data={"csrf_token": csrf},
                                  follow_redirects=False)  # fmt: skip

        assert response.headers["location"].endswith("done=sent#actions")
        [message] = inbox.parsed()
        assert message["From"] == "Boulangerie Martin <factures@martin.example>"
        assert not runtime.settings.outbox_dir.exists()
        page = parse(logged_in.get(review))
        assert text_of(page, "//li[@data-kind='link_sent']/strong") == "Lien de paiement envoyé"
        assert not page.xpath("//*[@data-testid='mail-outbox-notice']")

    def test_the_sent_reminders_page_never_calls_an_outbox_message_sent(
        self, logged_in: TestClient, runtime: Runtime, tenant: Tenant
    ) -> None:
        invoice_id = make_invoice(
            runtime, tenant, client_id=make_client(runtime, tenant), due=date(2026, 11, 16)
        )
        chase(runtime, runtime.settings, tenant, invoice_id, paris(date(2026, 11, 17)))

        page = parse(logged_in.get("/relances/envoyees"))

        assert page.xpath("//*[@data-testid='mail-outbox-notice']")
        statuses = [
            " ".join(s.split()) for s in page.xpath("//table[@class='outbox']//tbody/tr/td[6]/span/text()")
        ]
        assert OUTBOX_STATUS in statuses
        assert "Envoyée" not in statuses
