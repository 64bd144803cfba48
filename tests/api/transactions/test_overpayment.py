"""A manual payment above what remains due is never silently recorded: through the JSON API it is refused
(409, nothing stored) unless the request confirms the overpayment; on the invoice page the form asks first,
showing the excess the French way, and records it once confirmed. The excess is kept on the ledger entry and
shown as trop-perçu. On SQLite and PostgreSQL, the clock pinned."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import lxml.html
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api import clock
from api.db import unit_of_work
from api.models import AuditLog, PaymentEntry
from api.runtime import Runtime
from tests.api.clients.data import make_client, make_invoice
from tests.factories import Tenant
from tests.support.web import log_in, parse, text_of

TODAY = date(2026, 12, 7)
TOTAL = 145376  # 1 453,76 €
HUGE = 99999900  # 999 999,00 €
EXCESS = HUGE - TOTAL  # 998 545,24 €


@pytest.fixture(autouse=True)
def pinned_clock() -> Iterator[None]:
    with clock.pinned(clock.paris_moment(TODAY)):
        yield


@pytest.fixture
def invoice_id(runtime: Runtime, tenant: Tenant) -> uuid.UUID:
    client_id = make_client(runtime, tenant, "Boulangerie Dupain")
    return make_invoice(runtime, tenant, client_id, number="T-1", due=10, total=TOTAL)


def post(client: TestClient, tenant: Tenant, invoice_id: uuid.UUID, amount: str, **more: object) -> tuple:
    payment = {"amount": amount, "date": "2026-12-07", "method": "transfer", **more}
    response = client.post(f"/api/v1/invoices/{invoice_id}/payments", headers=tenant.headers, json=payment)
    return response.status_code, response.json()


def stored(runtime: Runtime, invoice_id: uuid.UUID) -> list[tuple[int, int | None]]:
    with unit_of_work(runtime.session_factory) as session:
        entries = session.scalars(select(PaymentEntry).where(PaymentEntry.invoice_id == invoice_id))
        return sorted((e.amount, e.overpaid_amount) for e in entries)


def audited(runtime: Runtime, invoice_id: uuid.UUID) -> list[dict]:
    with unit_of_work(runtime.session_factory) as session:
        rows = session.scalars(select(AuditLog).where(AuditLog.object_id == invoice_id,
                                                      AuditLog.action == "invoice.marked_paid"))  # fmt: skip
        return [dict(row.data) for row in rows]


class TestApi:
    def test_an_amount_above_the_total_is_refused_without_confirmation_and_nothing_is_stored(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, invoice_id: uuid.UUID
    ) -> None:
        status, body = post(client, tenant, invoice_id, "999999")

        assert status == 409
        assert body["error"] == "overpayment_requires_confirmation"
        assert "€998,545.24 more than the €1,453.76 still due" in body["detail"]
        assert stored(runtime, invoice_id) == []
        assert audited(runtime, invoice_id) == []
        payments = client.get(f"/api/v1/invoices/{invoice_id}/payments", headers=tenant.headers).json()
        assert (payments["collection_status"], payments["balance_due"]) == ("open", TOTAL)

    def test_what_remains_due_is_what_counts_after_a_first_payment(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, invoice_id: uuid.UUID
    ) -> None:
        assert post(client, tenant, invoice_id, "1000")[0] == 201

        status, body = post(client, tenant, invoice_id, "500")

        assert status == 409
        assert "€46.24 more than the €453.76 still due" in body["detail"]
        assert stored(runtime, invoice_id) == [(100000, None)]

    def test_confirmed_it_is_recorded_with_the_excess_explicit(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, invoice_id: uuid.UUID
    ) -> None:
        status, body = post(client, tenant, invoice_id, "999 999,00", confirm_overpayment=True)

        assert status == 201
        [entry] = body["entries"]
        assert (entry["amount"], entry["overpaid_amount"]) == (HUGE, EXCESS)
        assert (body["collection_status"], body["amount_paid"]) == ("paid", HUGE)
        assert (body["balance_due"], body["amount_overpaid"]) == (-EXCESS, EXCESS)
        assert stored(runtime, invoice_id) == [(HUGE, EXCESS)]
        assert audited(runtime, invoice_id) == [
            {"amount": HUGE, "method": "transfer", "date": "2026-12-07", "overpaid": EXCESS}
        ]

    def test_the_exact_amount_due_needs_no_confirmation_and_is_no_overpayment(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, invoice_id: uuid.UUID
    ) -> None:
        status, body = post(client, tenant, invoice_id, "1453,76")

        assert status == 201
        assert (body["collection_status"], body["balance_due"], body["amount_overpaid"]) == ("paid", 0, 0)
        assert stored(runtime, invoice_id) == [(TOTAL, None)]

    def test_a_payment_on_a_paid_invoice_is_all_excess(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, invoice_id: uuid.UUID
    ) -> None:
        assert post(client, tenant, invoice_id, "1453,76")[0] == 201

        assert post(client, tenant, invoice_id, "10")[0] == 409
        status, body = post(client, tenant, invoice_id, "10", confirm_overpayment=True)

        assert status == 201
        assert stored(runtime, invoice_id) == [(1000, 1000), (TOTAL, None)]
        assert body["amount_overpaid"] == 1000


def page_form(page: lxml.html.HtmlElement) -> tuple[str, dict[str, str]]:
    (form,) = page.xpath("//form[contains(@class, 'mark-paid')]")
    return form.get("action"), {field.name: field.value or "" for field in form.inputs if field.name}


class TestForm:
    def test_the_form_asks_first_showing_the_excess_and_records_nothing(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, invoice_id: uuid.UUID
    ) -> None:
        log_in(client, tenant)
        action, data = page_form(parse(client.get(f"/invoices/{invoice_id}/review")))

        response = client.post(action, data={**data, "amount": "999 999,00"}, follow_redirects=False)

        assert response.status_code == 409
        page = parse(response)
        asked = text_of(page, "//*[@data-testid='overpayment-confirm']")
        assert "998 545,24 €" in asked
        assert "1 453,76 €" in asked
        assert page.xpath("//input[@name='confirm_overpayment']/@value") == [str(HUGE)]
        assert page.xpath("//input[@name='amount']/@value") == ["999 999,00"]  # kept as typed
        assert stored(runtime, invoice_id) == []
        assert text_of(page, "//*[@data-testid='payment-status']") == "À encaisser"

    def test_once_confirmed_it_is_recorded_and_the_page_shows_the_trop_percu(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, invoice_id: uuid.UUID
    ) -> None:
        log_in(client, tenant)
        action, data = page_form(parse(client.get(f"/invoices/{invoice_id}/review")))
        asked = client.post(action, data={**data, "amount": "999 999,00"}, follow_redirects=False)
        action, data = page_form(parse(asked))  # the confirmation step, as the page shows it

        confirmed = client.post(action, data=data, follow_redirects=False)

        assert confirmed.status_code == 303
        page = parse(client.get(confirmed.headers["location"]))
        assert text_of(page, "//*[@data-testid='amount-overpaid']") == "998 545,24 €"
        assert text_of(page, "//*[@data-testid='entry-overpaid']") == "dont trop-perçu 998 545,24 €"
        assert text_of(page, "//*[@data-testid='payment-status']") == "Payée"
        assert stored(runtime, invoice_id) == [(HUGE, EXCESS)]

    def test_an_amount_changed_at_the_confirmation_step_is_asked_about_again(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, invoice_id: uuid.UUID
    ) -> None:
        log_in(client, tenant)
        action, data = page_form(parse(client.get(f"/invoices/{invoice_id}/review")))
        asked = client.post(action, data={**data, "amount": "2000"}, follow_redirects=False)
        action, data = page_form(parse(asked))

        again = client.post(action, data={**data, "amount": "999 999,00"}, follow_redirects=False)

        assert again.status_code == 409
        assert parse(again).xpath("//input[@name='confirm_overpayment']/@value") == [str(HUGE)]
        assert stored(runtime, invoice_id) == []
