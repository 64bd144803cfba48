"""Payments in the browser UI, through the TestClient on SQLite and PostgreSQL: the invoice page's payments
section and its "mark as paid" form, the payment column of the list, the provider events page and its
retry, and the webhook endpoints on the settings page."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import httpx2
import lxml.html
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from api.clock import paris_today
from api.models import InboxEvent, InboxStatus
from api.settings import Settings
from tests.api.payment_links.test_checkout import connect
from tests.api.payment_links.test_pay_page import ready_invoice
from tests.api.provider_events.test_stripe_events import of_type, pay
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeStripe
from tests.support.web import csrf_of, log_in, parse, text_of
from tests.support.webhooks import STRIPE_SECRET, enable_webhooks, inbox, payments_of, send_stripe

TOTAL = 123456  # the test invoice: 1 234,56 €
BAD_AMOUNT_FR = "Indiquez un montant positif, par exemple 1 234,56."
UNKNOWN_PAYMENT = {"id": "evt_pi", "type": "payment_intent.succeeded", "created": 1700000000,
                   "data": {"object": {"id": "pi_nobody", "object": "payment_intent", "amount": 500,
                                       "currency": "eur", "metadata": {}}}}  # fmt: skip


def ledger(page: lxml.html.HtmlElement) -> list[list[str]]:
    return [[" ".join(cell.text_content().split()) for cell in row.xpath("td")]
            for row in page.xpath("//table[@data-testid='ledger']/tbody/tr")]  # fmt: skip


def review(client: TestClient, invoice: dict[str, Any]) -> lxml.html.HtmlElement:
    response = client.get(f"/invoices/{invoice['id']}/review")
    assert response.status_code == 200
    return parse(response)


def mark_paid(client: TestClient, invoice: dict[str, Any], **fields: str) -> httpx2.Response:
    """Fill in the page's own form: its prefilled values, with `fields` typed over them."""
    page = review(client, invoice)
    (form,) = page.xpath("//form[contains(@class, 'mark-paid')]")
    data = {field.name: field.value or "" for field in form.inputs if field.name}
    data.update(fields)
    return client.post(form.get("action"), data=data, follow_redirects=False)


class TestInvoicePage:
    def test_an_unpaid_invoice_is_to_collect_with_its_total_prefilled(
        self, logged_in: TestClient, invoice: dict[str, Any]
    ) -> None:
        page = review(logged_in, invoice)

        assert text_of(page, "//*[@data-testid='payment-status']") == "À encaisser"
        assert text_of(page, "//*[@data-testid='balance-due']") == "1 234,56 €"
        assert text_of(page, "//*[@data-testid='amount-paid']") == "0,00 €"
        assert page.xpath("//table[@data-testid='ledger']") == []
        assert page.xpath("//input[@name='amount']/@value") == ["1234,56"]
        assert page.xpath("//input[@name='paid_on']/@value") == [paris_today().isoformat()]
        methods = page.xpath("//select[@name='method']/option")
        assert [(o.get("value"), o.text) for o in methods] == [
            ("cheque", "Chèque"), ("cash", "Espèces"), ("transfer", "Virement"), ("card", "Carte"),
            ("other", "Autre"),
        ]  # fmt: skip
        assert not page.xpath("//*[@data-testid='disputed']")

    def test_an_amount_typed_the_french_way_is_recorded_and_shown_in_the_ledger(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        first = mark_paid(logged_in, invoice, amount="1\u202f000,00", method="cheque", note="Chèque n° 1234")
        partly = review(logged_in, invoice)
        earlier = paris_today() - timedelta(days=10)
        rest = mark_paid(
            logged_in, invoice, amount="234,56", method="transfer", paid_on=f"{earlier:%d/%m/%Y}"
        )
        paid = parse(logged_in.get(rest.headers["location"]))

        assert (first.status_code, first.headers["location"]) == (
            303,
            f"/invoices/{invoice['id']}/review?paid=1#payments",
        )
        assert text_of(partly, "//*[@data-testid='payment-status']") == "Partiellement payée"
        assert partly.xpath("//input[@name='amount']/@value") == ["234,56"]
        assert text_of(paid, "//*[@data-testid='payment-status']") == "Payée"
        assert text_of(paid, "//p[@class='notice'][@role='status']") == "Paiement enregistré."
        assert text_of(paid, "//*[@data-testid='amount-paid']") == "1 234,56 €"
        assert text_of(paid, "//*[@data-testid='balance-due']") == "0,00 €"
        assert sorted(ledger(paid)) == sorted([
            [paris_today().strftime("%d/%m/%Y"), "Saisie manuelle", "Chèque Chèque n° 1234", "Paiement reçu",
             "1 000,00 €"],
            [f"{earlier:%d/%m/%Y}", "Saisie manuelle", "Virement", "Paiement reçu", "234,56 €"],
        ])  # fmt: skip
        payments = payments_of(logged_in, tenant, invoice["id"])
        assert (payments["collection_status"], payments["amount_paid"]) == ("paid", TOTAL)
        assert sorted(e["amount"] for e in payments["entries"]) == [23456, 100000]

    @pytest.mark.parametrize("amount", ["douze", "0", "-5", "1,234", "1e9", "Infinity", ""])
    def test_a_bad_amount_is_explained_in_french_and_nothing_is_recorded(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any], amount: str
    ) -> None:
        response = mark_paid(logged_in, invoice, amount=amount)

        assert response.status_code == 400
        page = parse(response)
        assert text_of(page, "//p[@id='e-amount']") == BAD_AMOUNT_FR
        assert page.xpath("//input[@name='amount']/@aria-invalid") == ["true"]
        assert page.xpath("//input[@name='amount']/@value") == [amount]  # kept as typed
        assert text_of(page, "//*[@data-testid='payment-status']") == "À encaisser"
        assert payments_of(logged_in, tenant, invoice["id"])["entries"] == []

    @pytest.mark.parametrize(
        ("paid_on", "message"),
        [("2099-01-01", "La date du paiement ne peut pas être dans le futur."),
         ("31/02/2026", "Indiquez une date valide."), ("", "Indiquez une date valide.")],
    )  # fmt: skip
    def test_a_bad_date_is_explained_next_to_it_and_nothing_is_recorded(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any], paid_on: str, message: str
    ) -> None:
        response = mark_paid(logged_in, invoice, paid_on=paid_on)

        assert response.status_code == 400
        assert text_of(parse(response), "//p[@id='e-paid_on']") == message
        assert payments_of(logged_in, tenant, invoice["id"])["entries"] == []

    def test_an_unknown_method_is_refused(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        response = mark_paid(logged_in, invoice, method="bitcoin")

        assert response.status_code == 400
        assert (
            text_of(parse(response), "//p[@id='e-method']")
            == "Choisissez un moyen de paiement dans la liste."
        )
        assert payments_of(logged_in, tenant, invoice["id"])["entries"] == []

    def test_without_the_csrf_token_nothing_is_recorded(
        self, logged_in: TestClient, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        response = mark_paid(logged_in, invoice, csrf_token="")

        assert response.status_code == 401
        assert payments_of(logged_in, tenant, invoice["id"])["entries"] == []

    def test_another_organisations_invoice_cannot_be_marked_paid(
        self, client: TestClient, other_tenant: Tenant, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        log_in(client, other_tenant)
        csrf = csrf_of(client.get("/").text)

        response = client.post(
            f"/invoices/{invoice['id']}/payments",
            data={"csrf_token": csrf, "amount": "10", "paid_on": paris_today().isoformat(), "method": "cash"},
        )

        assert response.status_code == 404
        assert payments_of(client, tenant, invoice["id"])["entries"] == []

    def test_the_list_shows_each_invoices_payment_status(
        self, logged_in: TestClient, capture: Capture, tenant: Tenant, invoice: dict[str, Any]
    ) -> None:
        other = ready_invoice(capture, tenant, number="F-2026-0043")
        mark_paid(logged_in, invoice, method="cash")

        page = parse(logged_in.get("/invoices"))

        rows = {text_of(row, "td[1]"): text_of(row, ".//*[@data-testid='payment-status']")
                for row in page.xpath("//tbody/tr")}  # fmt: skip
        assert rows == {invoice["number"]: "Payée", other["number"]: "À encaisser"}
        assert "Paiement" in [" ".join(th.text_content().split()) for th in page.xpath("//thead//th")]

    def test_the_page_is_in_english_when_the_language_is_switched(
        self, logged_in: TestClient, invoice: dict[str, Any]
    ) -> None:
        logged_in.get("/lang/en")
        unpaid = review(logged_in, invoice)
        bad = parse(mark_paid(logged_in, invoice, amount="twelve"))
        mark_paid(logged_in, invoice, amount="1234.56", method="cheque")

        page = review(logged_in, invoice)

        assert text_of(page, "//h2[@id='payments-title']/span") == "Paid"
        assert text_of(page, "//*[@data-testid='amount-paid']") == "€1,234.56"
        assert ledger(page)[0][1:] == ["Entered by hand", "Cheque", "Payment received", "€1,234.56"]
        assert unpaid.xpath("//form[contains(@class, 'mark-paid')]//button/text()") == ["Mark as paid"]
        assert page.xpath("//form[contains(@class, 'mark-paid')]") == []  # paid: nothing left to record
        assert text_of(bad, "//p[@id='e-amount']") == "Enter a positive amount, such as 1234.56."


@pytest.mark.usefixtures("quick_providers")
def test_a_provider_payment_and_an_anomaly_show_on_the_invoice_page(
    capture: Capture, tenant: Tenant, logged_in: TestClient, fake_stripe: FakeStripe, invoice: dict[str, Any]
) -> None:
    path = enable_webhooks(logged_in, tenant, "stripe", fake_stripe)
    events = pay(logged_in, fake_stripe, invoice, "card")
    forged = copy.deepcopy(of_type(events, "payment_intent.succeeded"))
    forged["id"] = "evt_other_delivery"
    forged["data"]["object"]["amount"] = 99
    send_stripe(logged_in, path, [*events, forged])
    capture.wait()

    page = review(logged_in, invoice)

    assert text_of(page, "//*[@data-testid='payment-status']") == "Payée"
    assert [row[1:] for row in ledger(page)] == [["Stripe", "Carte", "Paiement reçu", "1 234,56 €"]]
    assert text_of(page, "//*[@data-testid='anomalies']//li").startswith(
        "Le même paiement a été reçu avec un autre montant : 0,99 € au lieu de 1 234,56 €."
    )


@pytest.fixture
def unmatched(capture: Capture, tenant: Tenant, logged_in: TestClient, fake_stripe: FakeStripe) -> str:
    """A signed Stripe event about a payment nobody knows: stored, then processed as unmatched."""
    path = enable_webhooks(logged_in, tenant, "stripe", fake_stripe)
    [answer] = send_stripe(logged_in, path, [UNKNOWN_PAYMENT])
    assert answer.status_code == 200
    capture.wait()
    [row] = inbox(logged_in, tenant)["items"]
    assert row["status"] == "unmatched"
    found: str = row["id"]
    return found


class TestEventsPage:
    def test_the_navigation_leads_to_it(self, logged_in: TestClient) -> None:
        page = parse(logged_in.get("/events"))

        assert text_of(page, "//header//nav/a[@href='/events']") == "Événements"
        assert page.xpath("//header//nav/a[@href='/events']/@aria-current") == ["page"]
        assert text_of(page, "//h1") == "Événements des prestataires (0)"
        assert text_of(page, "//p[@class='empty']") == "Aucun événement."

    def test_an_unmatched_event_is_listed_with_its_status_counts_and_a_retry(
        self, logged_in: TestClient, unmatched: str
    ) -> None:
        page = parse(logged_in.get("/events"))

        (row,) = page.xpath("//tr[@data-event-id='evt_pi']")
        assert text_of(row, ".//span[contains(@class, 'status')]") == "Sans correspondance"
        assert "payment_intent.succeeded" in text_of(row, "td[3]")
        assert "sera réessayé automatiquement" in text_of(row, "td[6]")
        assert row.xpath(".//form/@action") == [f"/events/{unmatched}/retry"]
        assert text_of(row, ".//button") == "Réessayer"
        assert text_of(page, "//a[@data-status='unmatched']") == "Sans correspondance (1)"
        assert text_of(page, "//a[@data-status='failed']") == "En échec (0)"
        assert text_of(page, "//nav[contains(@class, 'filters')]/a[1]") == "Tous (1)"

    def test_the_status_filter(self, logged_in: TestClient, unmatched: str) -> None:
        failed = parse(logged_in.get("/events?status=failed"))
        shown = parse(logged_in.get("/events?status=unmatched"))

        assert failed.xpath("//tr[@data-event-id]") == []
        assert failed.xpath("//a[@data-status='failed']/@aria-current") == ["true"]
        assert shown.xpath("//tr[@data-event-id]/@data-status") == ["unmatched"]
        assert logged_in.get("/events?status=nonsense").status_code == 400

    def test_a_failed_event_shows_its_error(self, logged_in: TestClient, db: Session, unmatched: str) -> None:
        failed = {"status": InboxStatus.failed, "error": "RuntimeError: the ledger was locked"}
        db.execute(update(InboxEvent).where(InboxEvent.event_id == "evt_pi").values(**failed))
        db.commit()

        page = parse(logged_in.get("/events?status=failed"))

        (row,) = page.xpath("//tr[@data-event-id='evt_pi']")
        assert text_of(row, ".//span[contains(@class, 'status')]") == "En échec"
        # Said in French from the catalogue; the stored English text is for the logs.
        assert text_of(row, ".//*[@data-testid='event-error']").startswith("Une erreur inattendue")
        assert "ledger" not in text_of(row, ".")
        assert row.xpath(".//form/input[@name='status']/@value") == ["failed"]

    def test_a_refused_payload_and_a_known_failure_are_explained_in_french(
        self, logged_in: TestClient, db: Session, unmatched: str
    ) -> None:
        for error, expected in [
            (
                "InvalidEvent: `charge.refunded` does not say how much",
                "Le prestataire n'indique pas de montant",
            ),
            ("TimeoutError: timed out", "L'opération a pris trop de temps."),
        ]:
            failed = {"status": InboxStatus.failed, "error": error}
            db.execute(update(InboxEvent).where(InboxEvent.event_id == "evt_pi").values(**failed))
            db.commit()

            page = parse(logged_in.get("/events?status=failed"))

            (row,) = page.xpath("//tr[@data-event-id='evt_pi']")
            assert text_of(row, ".//*[@data-testid='event-error']").startswith(expected)

    def test_retry_queues_the_event_again(
        self, logged_in: TestClient, tenant: Tenant, capture: Capture, unmatched: str
    ) -> None:
        page = logged_in.get("/events?status=unmatched")

        response = logged_in.post(
            f"/events/{unmatched}/retry",
            data={"csrf_token": csrf_of(page.text), "status": "unmatched"},
            follow_redirects=False,
        )
        capture.wait()

        assert (response.status_code, response.headers["location"]) == (
            303,
            "/events?retried=1&status=unmatched",
        )
        [row] = inbox(logged_in, tenant)["items"]
        assert (row["status"], row["attempts"]) == ("unmatched", 2)  # processed again, still nobody's
        notice = parse(logged_in.get(response.headers["location"]))
        assert text_of(notice, "//p[@role='status']") == "L'événement va être traité à nouveau."

    def test_retry_needs_the_csrf_token(self, logged_in: TestClient, tenant: Tenant, unmatched: str) -> None:
        response = logged_in.post(f"/events/{unmatched}/retry", data={}, follow_redirects=False)

        assert response.status_code == 401
        assert inbox(logged_in, tenant)["items"][0]["attempts"] == 1

    def test_in_english(self, logged_in: TestClient, unmatched: str) -> None:
        logged_in.get("/lang/en")

        page = parse(logged_in.get("/events"))

        assert text_of(page, "//h1") == "Provider events (1)"
        assert text_of(page, "//tr[@data-event-id='evt_pi']//button") == "Retry"
        assert text_of(page, "//a[@data-status='unmatched']") == "Unmatched (1)"


class TestWebhookSettings:
    def webhook_form(self, client: TestClient, provider: str = "stripe") -> lxml.html.HtmlElement:
        (form,) = parse(client.get("/settings/payments")).xpath(f"//form[@id='webhook-{provider}']")
        return form

    def save(self, client: TestClient, **data: str) -> httpx2.Response:
        form = self.webhook_form(client)
        csrf = form.xpath(".//input[@name='csrf_token']/@value")[0]
        return client.post(form.get("action"), data={"csrf_token": csrf, **data}, follow_redirects=False)

    def test_without_a_key_there_is_no_webhook_form(self, logged_in: TestClient) -> None:
        page = parse(logged_in.get("/settings/payments"))

        assert page.xpath("//form[contains(@class, 'webhook')]") == []
        assert "Enregistrez d'abord la clé Stripe" in page.text_content()

    def test_the_page_shows_the_url_and_saving_the_secret_enables_it(
        self, logged_in: TestClient, tenant: Tenant, fake_stripe: FakeStripe, settings: Settings
    ) -> None:
        connect(logged_in, tenant, "stripe", fake_stripe)
        before = self.webhook_form(logged_in)

        response = self.save(logged_in, webhook_secret=STRIPE_SECRET, action="save")

        assert (response.status_code, response.headers["location"]) == (
            303,
            "/settings/payments?saved=1#webhook-stripe",
        )
        [account] = logged_in.get("/api/v1/settings/payments", headers=tenant.headers).json()["providers"]
        url = text_of(before, ".//*[@data-testid='webhook-url']")
        assert url == account["webhook_url"]
        assert url.startswith(f"{settings.base_url}/webhooks/stripe/")
        assert text_of(before, ".//*[@data-testid='webhook-state']") == "Désactivé"
        assert account["webhook_enabled"] is True
        after = self.webhook_form(logged_in)
        assert text_of(after, ".//*[@data-testid='webhook-state']") == "Activé"
        assert after.xpath(".//input[@name='webhook_secret']/@value") == []  # never shown again
        [answer] = send_stripe(logged_in, url[url.index("/webhooks/") :], [UNKNOWN_PAYMENT])
        assert answer.status_code == 200

    def test_disabling_clears_the_secret(
        self, logged_in: TestClient, tenant: Tenant, fake_stripe: FakeStripe
    ) -> None:
        enable_webhooks(logged_in, tenant, "stripe", fake_stripe)

        response = self.save(logged_in, webhook_secret="ignored-when-disabling", action="disable")

        assert response.status_code == 303
        [account] = logged_in.get("/api/v1/settings/payments", headers=tenant.headers).json()["providers"]
        assert account["webhook_enabled"] is False
        form = self.webhook_form(logged_in)
        assert text_of(form, ".//*[@data-testid='webhook-state']") == "Désactivé"
        assert form.xpath(".//button[@value='disable']") == []

    @pytest.mark.parametrize(
        ("secret", "message"),
        [("court", "Un secret de signature compte au moins 8 caractères."),
         ("  ", "Collez le secret de signature fourni par le prestataire, ou désactivez le webhook.")],
    )  # fmt: skip
    def test_a_bad_secret_is_explained_and_nothing_changes(
        self, logged_in: TestClient, tenant: Tenant, fake_stripe: FakeStripe, secret: str, message: str
    ) -> None:
        enable_webhooks(logged_in, tenant, "stripe", fake_stripe)

        response = self.save(logged_in, webhook_secret=secret, action="save")

        assert response.status_code == 400
        assert text_of(parse(response), "//p[@id='e-webhook-stripe']") == message
        [account] = logged_in.get("/api/v1/settings/payments", headers=tenant.headers).json()["providers"]
        assert account["webhook_enabled"] is True

    def test_in_english(self, logged_in: TestClient, tenant: Tenant, fake_stripe: FakeStripe) -> None:
        connect(logged_in, tenant, "stripe", fake_stripe)
        logged_in.get("/lang/en")

        form = self.webhook_form(logged_in)

        assert text_of(form, ".//h3") == "Stripe webhook Disabled"
        assert form.xpath(".//button[@value='save']/text()") == ["Save the secret"]
