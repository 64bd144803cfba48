"""Prélèvement automatique end to end: the real GoCardless SDK against the local fake, the real job runner,
the outbox, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.collections.repository import CollectionRepository
from api.db import unit_of_work
from api.models import Collection, Mandate
from api.runtime import Runtime
from tests.api.mandates.helpers import PAYER_EMAIL, body, outbox, parse, run_task, sign_mandate, start_mandate
from tests.api.payment_links.test_checkout import connect
from tests.api.payment_links.test_pay_page import ready_invoice, token_of
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeGoCardless
from tests.support.smtp import Inbox

DUE = date(2026, 12, 13)  # the test invoice's due date


def rows(db: Session, model: type[Collection] | type[Mandate]) -> list:  # type: ignore[type-arg]
    found = list(db.scalars(select(model)))
    db.commit()  # end the read: on SQLite an open transaction holds the write lock
    db.expunge_all()  # detached, as read: touching them later cannot open a transaction
    return found


def collection_status(client: TestClient, tenant: Tenant, invoice_id: str) -> str:
    status: str = client.get(f"/api/v1/invoices/{invoice_id}", headers=tenant.headers).json()[
        "collection_status"
    ]
    return status


@pytest.mark.usefixtures("quick_providers")
class TestJourney:
    def test_sign_collect_once_and_revoke(
        self,
        capture: Capture,
        tenant: Tenant,
        client: TestClient,
        runtime: Runtime,
        db: Session,
        fake_gocardless: FakeGoCardless,
    ) -> None:
        # Given an organisation on GoCardless and a ready invoice whose pay page offers the mandate
        connect(client, tenant, "gocardless", fake_gocardless)
        invoice = ready_invoice(capture, tenant)
        token = token_of(invoice)
        assert 'data-method="mandate"' in client.get(f"/pay/{token}").text

        # When the client clicks "Prélèvement automatique"
        status, location = start_mandate(client, token)

        # Then they are sent to the provider's page for a reusable mandate, and a pending mandate is kept
        assert status == 303
        [billing_request] = fake_gocardless.all("billing_requests")
        [flow] = fake_gocardless.all("billing_request_flows")
        assert location == flow["authorisation_url"]
        assert billing_request["mandate_request"]["currency"] == "EUR"
        assert billing_request.get("payment_request") is None  # a mandate only: no one-off payment
        assert flow["redirect_uri"].endswith(f"/pay/{token}/mandate/return")
        assert flow["exit_uri"].endswith(f"/pay/{token}")
        [pending] = rows(db, Mandate)
        assert (pending.status, pending.reference, pending.email) == (
            "pending",
            billing_request["id"],
            PAYER_EMAIL,
        )
        # coming back without signing proves nothing
        client.get(f"/pay/{token}/mandate/return", follow_redirects=False)
        assert rows(db, Mandate)[0].status == "pending"

        # When the payer signs on the provider's page and comes back
        signed = sign_mandate_after_click(client, fake_gocardless, token, billing_request["id"])

        # Then the mandate is active, with its RUM and next possible charge date, as the provider says
        [mandate] = rows(db, Mandate)
        assert (mandate.status, mandate.mandate_reference) == ("active", signed["id"])
        assert mandate.scheme_reference == signed["reference"]
        assert mandate.next_possible_charge_date == date.fromisoformat(signed["next_possible_charge_date"])
        page = client.get(f"/pay/{token}").text
        assert signed["reference"] in page
        assert 'data-mandate-status="active"' in page
        assert "13/12/2026" in page  # "cette facture sera prélevée le 13/12/2026"
        assert 'data-method="' not in page  # nothing else to choose: it is debited on the mandate

        # And another client's invoice of the same organisation
        other = ready_invoice(capture, tenant, number="F-2026-0099", buyer="Garage Dupont SA")
        assert other["client_id"] != invoice["client_id"]

        # When the collections are planned, twice
        run_task(runtime, capture, "collections.plan")
        run_task(runtime, capture, "collections.plan")

        # Then exactly one pre-notification went out, with the amount, the date, the RUM and the creditor
        [notice] = outbox(runtime)
        assert notice["To"] == PAYER_EMAIL
        text = body(notice)
        assert "1 234,56 €" in text
        assert "13/12/2026" in text
        assert signed["reference"] in text
        assert tenant.name in text
        # And exactly one payment at the provider, not before the mandate allows, with our key
        [collection] = rows(db, Collection)
        [payment] = fake_gocardless.all("payments")
        assert (payment["amount"], payment["currency"]) == (123456, "EUR")
        assert payment["links"]["mandate"] == signed["id"]
        assert payment["charge_date"] == DUE.isoformat() >= signed["next_possible_charge_date"]
        [sent] = fake_gocardless.requests_to("POST", "/payments")
        assert sent.headers["idempotency-key"] == f"encaisse-collection-{collection.id}"
        assert (collection.status, collection.provider_reference) == ("submitted", payment["id"])
        assert collection.notified_at is not None
        assert collection.invoice_id.hex == invoice["id"].replace("-", "")
        assert collection_status(client, tenant, invoice["id"]) == "processing"
        # the other client's invoice is not collected on this mandate
        assert collection_status(client, tenant, other["id"]) == "open"

        # When the client revokes the mandate (after confirming on the page, then from the emailed link)
        refused = client.post(f"/pay/{token}/mandate/revoke", data={}, follow_redirects=False)
        assert refused.status_code == 400
        asked = client.post(f"/pay/{token}/mandate/revoke", data={"confirm": "yes"}, follow_redirects=False)
        assert asked.status_code == 200
        [confirmation] = [m for m in outbox(runtime) if "/mandate/revoke/" in body(m)]
        link = re.search(r"https?://[^/\s]+(/pay/\S+)", body(confirmation))
        assert link is not None
        revoked = client.post(link.group(1), data={"confirm": "yes"}, follow_redirects=False)

        # Then it is cancelled at the provider and here, with its collection; the invoice is open again
        assert revoked.status_code == 200
        assert fake_gocardless.one("mandates", signed["id"])["status"] == "cancelled"
        assert fake_gocardless.one("payments", payment["id"])["status"] == "cancelled"
        [mandate] = rows(db, Mandate)
        [collection] = rows(db, Collection)
        assert (mandate.status, collection.status) == ("cancelled", "cancelled")
        assert collection_status(client, tenant, invoice["id"]) == "open"
        page = client.get(f"/pay/{token}").text
        assert 'data-method="mandate"' in page
        assert 'data-method="sepa_debit"' in page
        assert 'data-testid="mandate"' not in page

        # And planning again debits nothing more (the one pre-notification, and the revocation's confirmation)
        run_task(runtime, capture, "collections.plan")
        assert len(outbox(runtime)) == 2
        assert len(fake_gocardless.all("payments")) == 1

    def test_a_provider_500_on_submission_is_retried_later_without_a_second_payment_or_notice(
        self,
        capture: Capture,
        tenant: Tenant,
        client: TestClient,
        runtime: Runtime,
        db: Session,
        fake_gocardless: FakeGoCardless,
    ) -> None:
        connect(client, tenant, "gocardless", fake_gocardless)
        invoice = ready_invoice(capture, tenant)
        sign_mandate(client, fake_gocardless, token_of(invoice))
        fake_gocardless.add_fault("/payments", "500", count=1)

        run_task(runtime, capture, "collections.plan")

        [collection] = rows(db, Collection)
        assert collection.status == "notified"
        assert collection.error is not None
        assert "500" in collection.error
        assert fake_gocardless.all("payments") == []
        assert len(outbox(runtime)) == 1
        assert collection_status(client, tenant, invoice["id"]) == "open"

        run_task(runtime, capture, "collections.plan")  # the next run tries again

        [collection] = rows(db, Collection)
        [payment] = fake_gocardless.all("payments")
        assert (collection.status, collection.provider_reference, collection.error) == (
            "submitted",
            payment["id"],
            None,
        )
        keys = {r.headers["idempotency-key"] for r in fake_gocardless.requests_to("POST", "/payments")}
        assert keys == {f"encaisse-collection-{collection.id}"}
        assert len(outbox(runtime)) == 1
        assert collection_status(client, tenant, invoice["id"]) == "processing"
        # and the database itself refuses a second live collection of the invoice
        duplicate = Collection(
            organisation_id=collection.organisation_id,
            invoice_id=collection.invoice_id,
            mandate_id=collection.mandate_id,
            amount=1,
            currency="EUR",
            charge_date=DUE,
        )
        with unit_of_work(runtime.session_factory) as session:
            assert CollectionRepository(session).insert(duplicate) is False
        assert len(rows(db, Collection)) == 1

    def test_the_periodic_refresh_activates_a_mandate_signed_without_coming_back(
        self,
        capture: Capture,
        tenant: Tenant,
        client: TestClient,
        runtime: Runtime,
        db: Session,
        fake_gocardless: FakeGoCardless,
    ) -> None:
        connect(client, tenant, "gocardless", fake_gocardless)
        token = token_of(ready_invoice(capture, tenant))
        start_mandate(client, token)
        [billing_request] = fake_gocardless.all("billing_requests")
        from tests.api.mandates.helpers import post

        post(f"{fake_gocardless.url}/_test/billing_requests/{billing_request['id']}/fulfil")

        run_task(runtime, capture, "mandates.refresh")

        [mandate] = rows(db, Mandate)
        assert mandate.status == "active"
        assert mandate.scheme_reference is not None

    def test_a_double_click_reuses_the_provider_page(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_gocardless: FakeGoCardless
    ) -> None:
        connect(client, tenant, "gocardless", fake_gocardless)
        token = token_of(ready_invoice(capture, tenant))

        first, second = start_mandate(client, token), start_mandate(client, token)

        assert first == second
        assert len(fake_gocardless.all("billing_requests")) == 1

    def test_without_an_email_address_no_mandate_is_started(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_gocardless: FakeGoCardless
    ) -> None:
        connect(client, tenant, "gocardless", fake_gocardless)
        token = token_of(ready_invoice(capture, tenant))

        status, text = start_mandate(client, token, email_address="")

        assert status == 400
        assert "Une adresse e-mail est nécessaire pour vous prévenir avant chaque prélèvement." in text
        assert fake_gocardless.all("billing_requests") == []

    def test_no_mandate_without_gocardless(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        token = token_of(ready_invoice(capture, tenant))

        assert 'data-method="mandate"' not in client.get(f"/pay/{token}").text
        assert start_mandate(client, token)[0] == 400


def sign_mandate_after_click(
    client: TestClient, fake: FakeGoCardless, token: str, billing_request_id: str
) -> dict:  # type: ignore[type-arg]
    from tests.api.mandates.helpers import post

    post(f"{fake.url}/_test/billing_requests/{billing_request_id}/fulfil")
    back = client.get(f"/pay/{token}/mandate/return", follow_redirects=False)
    assert back.status_code == 303
    assert back.headers["location"] == f"/pay/{token}#mandate"
    mandate_id = fake.one("billing_requests", billing_request_id)["links"]["mandate_request_mandate"]
    return fake.one("mandates", mandate_id)


@pytest.mark.usefixtures("quick_providers")
def test_the_pre_notification_goes_through_smtp_when_configured(
    capture: Capture,
    tenant: Tenant,
    client: TestClient,
    runtime: Runtime,
    fake_gocardless: FakeGoCardless,
    smtp_server: tuple[Inbox, int],
) -> None:
    inbox, port = smtp_server
    runtime.settings.smtp_host, runtime.settings.smtp_port = "127.0.0.1", port
    runtime.settings.smtp_starttls = False
    connect(client, tenant, "gocardless", fake_gocardless)
    invoice = ready_invoice(capture, tenant)
    signed = sign_mandate(client, fake_gocardless, token_of(invoice))

    run_task(runtime, capture, "collections.plan")
    run_task(runtime, capture, "collections.plan")

    [(_, recipients, content)] = inbox.messages
    assert recipients == [PAYER_EMAIL]
    text = body(parse(content))
    assert "1 234,56 €" in text
    assert "13/12/2026" in text
    assert signed["reference"] in text
    assert outbox(runtime) == []
    assert len(fake_gocardless.all("payments")) == 1
