"""Échéancier end to end: the real GoCardless SDK against the local fake, the real job runner, the outbox,
on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Collection, Instalment, InstalmentPlan, Mandate
from api.runtime import Runtime
from tests.api.mandates.helpers import PAYER_EMAIL, body, outbox, post, revoke_from_email, run_task
from tests.api.mandates.test_journey import collection_status
from tests.api.payment_links.test_checkout import connect
from tests.api.payment_links.test_pay_page import ready_invoice, token_of
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeGoCardless

DUE = date(2026, 12, 13)  # the test invoice's due date
TOTAL = 123457  # 1 234,57 €: three instalments of 411,52 € and one cent left over


def rows(db: Session, model: type) -> list:  # type: ignore[type-arg]
    found = list(db.scalars(select(model)))
    db.commit()  # end the read: on SQLite an open transaction holds the write lock
    db.expunge_all()
    return found


def offer_instalments(client: TestClient, tenant: Tenant, fake: FakeGoCardless, **policy: object) -> None:
    connect(client, tenant, "gocardless", fake)
    response = client.put(
        "/api/v1/settings/payments",
        headers=tenant.headers,
        json={"instalments_enabled": True, "instalments_min_count": 2, "instalments_max_count": 6, **policy},
    )
    assert response.status_code == 200, response.text


def choose(client: TestClient, token: str, count: object, email: str = PAYER_EMAIL) -> tuple[int, str]:
    response = client.post(
        f"/pay/{token}/start",
        data={"method": "instalments", "count": str(count), "email": email},
        follow_redirects=False,
    )
    return response.status_code, response.headers.get("location", response.text)


@pytest.mark.usefixtures("quick_providers")
class TestJourney:
    def test_choose_three_sign_and_the_schedule_is_created_once(
        self,
        capture: Capture,
        tenant: Tenant,
        client: TestClient,
        runtime: Runtime,
        db: Session,
        fake_gocardless: FakeGoCardless,
    ) -> None:
        # Given an organisation offering 2 to 6 instalments on GoCardless, and a ready invoice
        offer_instalments(client, tenant, fake_gocardless)
        invoice = ready_invoice(capture, tenant, total="1 234,57")
        assert invoice["amount_due"] == TOTAL
        token = token_of(invoice)
        page = client.get(f"/pay/{token}").text
        assert 'data-method="instalments"' in page
        assert '<option value="3">' in page
        assert '<option value="7">' not in page

        # When the payer chooses 3 instalments
        status, location = choose(client, token, 3)

        # Then they go to the provider's mandate page, and the plan is tracked, pending
        assert status == 303
        [billing_request] = fake_gocardless.all("billing_requests")
        [flow] = fake_gocardless.all("billing_request_flows")
        assert location == flow["authorisation_url"]
        assert flow["redirect_uri"].endswith(f"/pay/{token}/mandate/return")
        [plan] = rows(db, InstalmentPlan)
        assert (plan.status, plan.count, plan.total, plan.currency) == ("pending", 3, TOTAL, "EUR")
        [pending] = rows(db, Mandate)
        assert plan.mandate_id == pending.id
        assert [
            (i.number, i.amount, i.status) for i in sorted(rows(db, Instalment), key=lambda i: i.number)
        ] == [
            (1, 41153, "planned"),
            (2, 41152, "planned"),
            (3, 41152, "planned"),
        ]

        # When the payer signs on the provider's page and comes back
        post(f"{fake_gocardless.url}/_test/billing_requests/{billing_request['id']}/fulfil")
        back = client.get(f"/pay/{token}/mandate/return", follow_redirects=False)
        assert back.status_code == 303
        capture.wait()  # the mandate became active: the plan's job runs now

        # Then one schedule at the provider: amounts add up exactly, the first carries the extra cent,
        # monthly dates from the due date, none before the mandate's next possible charge date
        mandate_id = fake_gocardless.one("billing_requests", billing_request["id"])["links"][
            "mandate_request_mandate"
        ]
        signed = fake_gocardless.one("mandates", mandate_id)
        [schedule] = fake_gocardless.all("instalment_schedules")
        [sent] = fake_gocardless.requests_to("POST", "/instalment_schedules/create_with_dates")
        [plan] = rows(db, InstalmentPlan)
        assert sent.headers["idempotency-key"] == f"encaisse-instalments-{plan.id}"
        assert schedule["links"]["mandate"] == signed["id"]
        assert schedule["total_amount"] == TOTAL
        assert schedule["status"] == "active"  # the fake created every payment: no date was refused
        payments = sorted(fake_gocardless.all("payments"), key=lambda p: p["charge_date"])
        assert [p["amount"] for p in payments] == [41153, 41152, 41152]
        assert sum(p["amount"] for p in payments) == TOTAL
        dates = [date.fromisoformat(p["charge_date"]) for p in payments]
        assert dates == [DUE, DUE + relativedelta(months=1), DUE + relativedelta(months=2)]
        assert dates[0] >= date.fromisoformat(signed["next_possible_charge_date"])
        # tracked here: the plan is active on the signed mandate, each instalment submitted
        assert (plan.status, plan.provider_reference) == ("active", schedule["id"])
        [mandate] = rows(db, Mandate)
        assert (mandate.status, plan.mandate_id) == ("active", mandate.id)
        instalments = sorted(rows(db, Instalment), key=lambda i: i.number)
        assert [(i.amount, i.due_date, i.status) for i in instalments] == [
            (41153, dates[0], "submitted"),
            (41152, dates[1], "submitted"),
            (41152, dates[2], "submitted"),
        ]
        assert collection_status(client, tenant, invoice["id"]) == "processing"
        # exactly one notice, for the whole schedule, with every amount and date and the RUM
        [notice] = outbox(runtime)
        assert notice["To"] == PAYER_EMAIL
        text = body(notice)
        for line in ("1. 13/12/2026 : 411,53 €", "2. 13/01/2027 : 411,52 €", "3. 13/02/2027 : 411,52 €"):
            assert line in text
        assert "1 234,57 €" in text
        assert signed["reference"] in text
        assert tenant.name in text
        # the pay page shows the plan: each instalment's amount, date and status
        page = client.get(f"/pay/{token}").text
        assert 'data-plan-status="active"' in page
        assert page.count('data-testid="instalment"') == 3
        assert "13/01/2027" in page
        assert "411,53" in page
        assert 'data-method="' not in page

        # When every periodic task runs again
        for task in ("mandates.refresh", "instalments.plan", "collections.plan", "instalments.plan"):
            run_task(runtime, capture, task)

        # Then nothing changes: one schedule, three payments, one notice, no single debit of the invoice
        assert len(fake_gocardless.all("instalment_schedules")) == 1
        assert len(fake_gocardless.requests_to("POST", "/instalment_schedules/create_with_dates")) == 1
        assert len(fake_gocardless.all("payments")) == 3
        assert fake_gocardless.requests_to("POST", "/payments") == []
        assert rows(db, Collection) == []
        assert len(outbox(runtime)) == 1
        assert len(rows(db, InstalmentPlan)) == 1
        assert len(rows(db, Instalment)) == 3

        # When the payer revokes the mandate (confirmed from the emailed link)
        revoked = revoke_from_email(client, runtime, token)

        # Then the plan ends here too: its debits, weeks away, are cancelled and the invoice is open again
        assert revoked.status_code == 200
        [plan] = rows(db, InstalmentPlan)
        assert (plan.status, plan.error) == ("cancelled", "mandate revoked by the payer")
        assert [i.status for i in rows(db, Instalment)] == ["cancelled"] * 3
        assert collection_status(client, tenant, invoice["id"]) == "open"
        assert 'data-method="instalments"' in client.get(f"/pay/{token}").text

    def test_the_periodic_refresh_sets_up_the_schedule_of_a_payer_who_never_came_back(
        self,
        capture: Capture,
        tenant: Tenant,
        client: TestClient,
        runtime: Runtime,
        db: Session,
        fake_gocardless: FakeGoCardless,
    ) -> None:
        offer_instalments(client, tenant, fake_gocardless)
        token = token_of(ready_invoice(capture, tenant))
        assert choose(client, token, 2)[0] == 303
        [billing_request] = fake_gocardless.all("billing_requests")
        post(f"{fake_gocardless.url}/_test/billing_requests/{billing_request['id']}/fulfil")

        run_task(runtime, capture, "mandates.refresh")

        [plan] = rows(db, InstalmentPlan)
        [schedule] = fake_gocardless.all("instalment_schedules")
        assert (plan.status, plan.provider_reference) == ("active", schedule["id"])
        assert [p["amount"] for p in fake_gocardless.all("payments")] == [61728, 61728]
        assert len(outbox(runtime)) == 1


@pytest.mark.usefixtures("quick_providers")
class TestRefusals:
    @pytest.mark.parametrize("count", [1, 7, "", "trois"])
    def test_a_count_outside_the_policy_is_refused_and_nothing_is_created(
        self,
        count: object,
        capture: Capture,
        tenant: Tenant,
        client: TestClient,
        db: Session,
        fake_gocardless: FakeGoCardless,
    ) -> None:
        offer_instalments(client, tenant, fake_gocardless)
        token = token_of(ready_invoice(capture, tenant))

        status, text = choose(client, token, count)

        assert status == 400
        assert "Choisissez entre 2 et 6 échéances pour cette facture." in text
        assert rows(db, InstalmentPlan) == []
        assert rows(db, Instalment) == []
        assert rows(db, Mandate) == []
        assert fake_gocardless.all("billing_requests") == []

    def test_the_minimum_per_instalment_limits_the_choice(
        self,
        capture: Capture,
        tenant: Tenant,
        client: TestClient,
        db: Session,
        fake_gocardless: FakeGoCardless,
    ) -> None:
        # 1 234,56 € with at least 500 € per instalment: 2 instalments only
        offer_instalments(client, tenant, fake_gocardless, instalment_min_amount=50000)
        token = token_of(ready_invoice(capture, tenant))
        page = client.get(f"/pay/{token}").text
        assert '<option value="2">' in page
        assert '<option value="3">' not in page

        status, text = choose(client, token, 3)

        assert status == 400
        assert "Choisissez entre 2 et 2 échéances pour cette facture." in text
        assert rows(db, InstalmentPlan) == []
        assert fake_gocardless.all("billing_requests") == []

    def test_no_email_no_plan(
        self,
        capture: Capture,
        tenant: Tenant,
        client: TestClient,
        db: Session,
        fake_gocardless: FakeGoCardless,
    ) -> None:
        offer_instalments(client, tenant, fake_gocardless)
        token = token_of(ready_invoice(capture, tenant))

        status, text = choose(client, token, 3, email="")

        assert status == 400
        assert "Une adresse e-mail est nécessaire pour vous prévenir avant chaque prélèvement." in text
        assert rows(db, InstalmentPlan) == []

    def test_not_offered_when_disabled(
        self,
        capture: Capture,
        tenant: Tenant,
        client: TestClient,
        db: Session,
        fake_gocardless: FakeGoCardless,
    ) -> None:
        connect(client, tenant, "gocardless", fake_gocardless)  # instalments are off by default
        token = token_of(ready_invoice(capture, tenant))

        assert 'data-method="instalments"' not in client.get(f"/pay/{token}").text
        assert choose(client, token, 3)[0] == 400
        assert rows(db, InstalmentPlan) == []
