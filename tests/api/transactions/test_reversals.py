"""A manual payment recorded by mistake can be reversed through the JSON API: a new ledger entry with who and
why cancels it, the original stays, the balance and the status come back, the timeline shows it; a payment
is reversed once, with a reason, only by its own organisation, and only if it was recorded by hand.
On SQLite and PostgreSQL, the clock pinned."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from api import clock
from api.db import unit_of_work
from api.invoices import policy as invoice_policy
from api.models import AuditLog, Invoice, PaymentEntry, User
from api.reports.repository import ReportsRepository
from api.runtime import Runtime
from api.transactions import service as transactions
from api.transactions.policy import Fact
from tests.api.clients.data import make_client, make_invoice
from tests.factories import Tenant
from tests.support.web import log_in, parse, text_of

TODAY = date(2026, 12, 7)  # the invoice fell due on 30/11/2026: overdue today
TOTAL = 145376  # 1 453,76 €


@pytest.fixture(autouse=True)
def pinned_clock() -> Iterator[None]:
    with clock.pinned(clock.paris_moment(TODAY)):
        yield


def overdue_invoice(runtime: Runtime, tenant: Tenant, number: str = "R-1") -> uuid.UUID:
    client_id = make_client(runtime, tenant, f"Client {number}")
    return make_invoice(runtime, tenant, client_id, number=number, due=-7, total=TOTAL)


def pay(client: TestClient, tenant: Tenant, invoice_id: uuid.UUID, amount: str = "1453,76") -> dict:
    response = client.post(f"/api/v1/invoices/{invoice_id}/payments", headers=tenant.headers,
                           json={"amount": amount, "date": "2026-12-05", "method": "cheque"})  # fmt: skip
    assert response.status_code == 201, response.text
    return [e for e in response.json()["entries"] if e["kind"] == "succeeded"][-1]  # the one just recorded


def reverse(
    client: TestClient, tenant: Tenant, invoice_id: object, entry_id: object, reason: object
) -> tuple:
    url = f"/api/v1/invoices/{invoice_id}/payments/{entry_id}/reverse"
    response = client.post(url, headers=tenant.headers, json={"reason": reason})
    return response.status_code, response.json()


def ledger(client: TestClient, tenant: Tenant, invoice_id: uuid.UUID) -> dict:
    response = client.get(f"/api/v1/invoices/{invoice_id}/payments", headers=tenant.headers)
    assert response.status_code == 200
    return response.json()


def rows(runtime: Runtime, invoice_id: uuid.UUID) -> list[tuple[str, int, uuid.UUID | None]]:
    with unit_of_work(runtime.session_factory) as session:
        found = session.scalars(select(PaymentEntry).where(PaymentEntry.invoice_id == invoice_id))
        return sorted((e.kind, e.amount, e.reverses_id) for e in found)


class TestReversingAManualPayment:
    def test_the_payment_is_cancelled_by_a_new_entry_with_who_and_why_and_the_invoice_is_owed_again(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        # Given an overdue invoice marked as paid by hand
        invoice_id = overdue_invoice(runtime, tenant)
        entry = pay(client, tenant, invoice_id)
        assert ledger(client, tenant, invoice_id)["collection_status"] == "paid"

        # When the payment is reversed, with a reason
        status, body = reverse(client, tenant, invoice_id, entry["id"], "Chèque rejeté par la banque")

        # Then a reversing entry names it, with the reason and who; the original is still there
        assert status == 201
        kinds = {e["kind"]: e for e in body["entries"]}
        assert set(kinds) == {"succeeded", "manual_reversal"}
        reversal = kinds["manual_reversal"]
        assert reversal["reverses_id"] == entry["id"]
        assert reversal["note"] == "Chèque rejeté par la banque"
        assert reversal["amount"] == TOTAL
        assert reversal["recorded_by"].startswith("api_key:")
        # And the balance is back: nothing paid, everything owed, the invoice open (overdue) again
        assert (body["collection_status"], body["amount_paid"], body["balance_due"]) == ("open", 0, TOTAL)
        assert body["amount_overpaid"] == 0
        invoice = client.get(f"/api/v1/invoices/{invoice_id}", headers=tenant.headers).json()
        assert invoice["collection_status"] == "open"
        with unit_of_work(runtime.session_factory) as session:
            stored = session.get(Invoice, invoice_id)
            assert stored is not None
            assert stored.paid_at is None
            shown = invoice_policy.view_status(
                status=stored.status,
                collection_status=stored.collection_status,
                disputed=stored.disputed,
                cancelled=stored.cancelled_at is not None,
                due_date=stored.due_date,
                today=TODAY,
            )
            assert shown == "overdue"
            assert stored.next_reminder_at is not None  # the chase resumes
            [audit] = session.scalars(select(AuditLog).where(AuditLog.action == "invoice.payment_reversed"))
            assert (audit.object_id, audit.actor) == (invoice_id, reversal["recorded_by"])
            assert audit.data == {"entry_id": entry["id"], "amount": TOTAL, "currency": "EUR",
                                  "reason": "Chèque rejeté par la banque"}  # fmt: skip

    def test_the_timeline_shows_the_reversal_with_its_reason_and_who(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        invoice_id = overdue_invoice(runtime, tenant)
        entry = pay(client, tenant, invoice_id)

        reverse(client, tenant, invoice_id, entry["id"], "Saisi sur la mauvaise facture")

        events = client.get(f"/api/v1/invoices/{invoice_id}/timeline", headers=tenant.headers).json()
        payments = [e["detail"] for e in events if e["kind"] == "payment"]
        assert [p["kind"] for p in payments] == ["succeeded", "manual_reversal"]
        assert payments[1]["reverses_id"] == entry["id"]
        assert payments[1]["reason"] == "Saisi sur la mauvaise facture"
        assert payments[1]["by"].startswith("api_key:")

    def test_a_reversed_payment_is_not_counted_as_collected(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        invoice_id = overdue_invoice(runtime, tenant)
        entry = pay(client, tenant, invoice_id)

        def collected() -> int:
            with unit_of_work(runtime.session_factory) as session:
                reports = ReportsRepository(session)
                return reports.collected(tenant.organisation_id, date(2026, 11, 1), TODAY, "EUR")

        assert collected() == TOTAL
        reverse(client, tenant, invoice_id, entry["id"], "erreur de saisie")
        assert collected() == 0

    def test_a_partial_payment_reversed_leaves_the_other_payments(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        invoice_id = overdue_invoice(runtime, tenant)
        first = pay(client, tenant, invoice_id, "400")
        pay(client, tenant, invoice_id, "500")

        status, body = reverse(client, tenant, invoice_id, first["id"], "doublon")

        assert status == 201
        assert (body["collection_status"], body["amount_paid"], body["balance_due"]) == (
            "partially_paid", 500_00, TOTAL - 500_00,
        )  # fmt: skip


class TestWhatIsRefused:
    @pytest.mark.parametrize("reason", ["", "   "])
    def test_a_reason_is_required_and_nothing_is_reversed_without_one(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, reason: str
    ) -> None:
        invoice_id = overdue_invoice(runtime, tenant)
        entry = pay(client, tenant, invoice_id)

        status, body = reverse(client, tenant, invoice_id, entry["id"], reason)

        assert status == 400
        assert body["detail"].startswith("reason is required")
        assert rows(runtime, invoice_id) == [("succeeded", TOTAL, None)]
        assert ledger(client, tenant, invoice_id)["collection_status"] == "paid"

    def test_a_missing_reason_is_a_validation_error(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        invoice_id = overdue_invoice(runtime, tenant)
        entry = pay(client, tenant, invoice_id)

        response = client.post(f"/api/v1/invoices/{invoice_id}/payments/{entry['id']}/reverse",
                               headers=tenant.headers, json={})  # fmt: skip

        assert response.status_code == 422
        assert rows(runtime, invoice_id) == [("succeeded", TOTAL, None)]

    def test_a_payment_is_reversed_once(self, client: TestClient, tenant: Tenant, runtime: Runtime) -> None:
        invoice_id = overdue_invoice(runtime, tenant)
        entry = pay(client, tenant, invoice_id)
        assert reverse(client, tenant, invoice_id, entry["id"], "erreur")[0] == 201

        status, body = reverse(client, tenant, invoice_id, entry["id"], "encore")

        assert status == 409
        assert body["detail"] == "This payment was already reversed."
        assert rows(runtime, invoice_id) == sorted(
            [("succeeded", TOTAL, None), ("manual_reversal", TOTAL, uuid.UUID(entry["id"]))]
        )
        assert ledger(client, tenant, invoice_id)["balance_due"] == TOTAL  # not owed twice

    def test_a_reversal_itself_cannot_be_reversed(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        invoice_id = overdue_invoice(runtime, tenant)
        entry = pay(client, tenant, invoice_id)
        _, body = reverse(client, tenant, invoice_id, entry["id"], "erreur")
        [reversal] = [e for e in body["entries"] if e["kind"] == "manual_reversal"]

        status, _ = reverse(client, tenant, invoice_id, reversal["id"], "annuler l'annulation")

        assert status == 409
        assert len(rows(runtime, invoice_id)) == 2

    def test_the_database_refuses_a_second_reversal_of_one_payment(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        invoice_id = overdue_invoice(runtime, tenant)
        entry = pay(client, tenant, invoice_id)
        reverse(client, tenant, invoice_id, entry["id"], "erreur")

        with pytest.raises(IntegrityError), unit_of_work(runtime.session_factory) as session:
            session.add(PaymentEntry(
                organisation_id=tenant.organisation_id, invoice_id=invoice_id, provider="manual",
                reference="another", kind="manual_reversal", amount=TOTAL, currency="EUR",
                occurred_at=datetime(2026, 12, 7, tzinfo=UTC), dedupe_key="another", recorded_by="sql",
                reverses_id=uuid.UUID(entry["id"]),
            ))  # fmt: skip
        assert len(rows(runtime, invoice_id)) == 2

    def test_another_organisations_payment_is_not_found_and_stays(
        self, client: TestClient, tenant: Tenant, other_tenant: Tenant, runtime: Runtime
    ) -> None:
        invoice_id = overdue_invoice(runtime, tenant)
        entry = pay(client, tenant, invoice_id)
        theirs = overdue_invoice(runtime, other_tenant, "O-1")

        status, _ = reverse(client, other_tenant, invoice_id, entry["id"], "pas à moi")
        # nor through an invoice of their own
        status_own, _ = reverse(client, other_tenant, theirs, entry["id"], "pas à moi")

        assert (status, status_own) == (404, 404)
        assert rows(runtime, invoice_id) == [("succeeded", TOTAL, None)]
        assert rows(runtime, theirs) == []
        assert ledger(client, tenant, invoice_id)["collection_status"] == "paid"

    def test_a_payment_of_another_invoice_is_not_found(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        invoice_id = overdue_invoice(runtime, tenant)
        entry = pay(client, tenant, invoice_id)
        other = overdue_invoice(runtime, tenant, "R-2")

        status, _ = reverse(client, tenant, other, entry["id"], "mauvaise facture")

        assert status == 404
        assert rows(runtime, other) == []
        assert len(rows(runtime, invoice_id)) == 1

    def test_a_provider_payment_is_refunded_at_the_provider_not_reversed_here(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        invoice_id = overdue_invoice(runtime, tenant)
        with unit_of_work(runtime.session_factory) as session:
            fact = Fact("stripe", "pi_123", "succeeded", TOTAL, "EUR", datetime(2026, 12, 6, tzinfo=UTC))
            transactions.record(session, tenant.organisation_id, invoice_id, fact, recorded_by="webhook")
        [entry] = ledger(client, tenant, invoice_id)["entries"]

        status, body = reverse(client, tenant, invoice_id, entry["id"], "je préfère")

        assert status == 409
        assert "refunded there" in body["detail"]
        assert rows(runtime, invoice_id) == [("succeeded", TOTAL, None)]


class TestOnTheInvoicePage:
    def reverse_form(self, client: TestClient, invoice_id: uuid.UUID) -> tuple[str, dict[str, str]]:
        page = parse(client.get(f"/invoices/{invoice_id}/review"))
        (form,) = page.xpath("//form[@data-testid='reverse-form']")
        return form.get("action"), {field.name: field.value or "" for field in form.inputs if field.name}

    def test_a_payment_is_reversed_from_the_page_with_a_reason(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        invoice_id = overdue_invoice(runtime, tenant)
        pay(client, tenant, invoice_id)
        log_in(client, tenant)
        action, data = self.reverse_form(client, invoice_id)

        done = client.post(action, data={**data, "reason": "Chèque sans provision"}, follow_redirects=False)

        assert done.status_code == 303
        page = parse(client.get(done.headers["location"]))
        assert text_of(page, "//*[@data-testid='payment-status']") == "À encaisser"
        assert text_of(page, "//*[@data-testid='balance-due']") == "1 453,76 €"
        [row] = page.xpath("//table[@data-testid='ledger']//tr[@data-kind='manual_reversal']")
        assert "Chèque sans provision" in " ".join(row.text_content().split())
        assert page.xpath("//form[@data-testid='reverse-form']") == []  # reversed once
        timeline = page.xpath("//*[@data-testid='reversal-reason']")
        assert [" ".join(e.text_content().split()) for e in timeline] == [
            f"Motif : Chèque sans provision — par {tenant.email}"
        ]

    def test_without_a_reason_or_a_csrf_token_nothing_is_reversed(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        invoice_id = overdue_invoice(runtime, tenant)
        pay(client, tenant, invoice_id)
        log_in(client, tenant)
        action, data = self.reverse_form(client, invoice_id)

        no_reason = client.post(action, data={**data, "reason": "  "}, follow_redirects=False)
        no_token = client.post(action, data={"reason": "erreur"}, follow_redirects=False)

        assert no_reason.status_code == 400
        assert "Indiquez le motif" in text_of(parse(no_reason), "//*[@data-testid='reverse-error']")
        assert no_token.status_code == 401  # as every form of a logged-in page without its token
        assert rows(runtime, invoice_id) == [("succeeded", TOTAL, None)]


def user_id(runtime: Runtime, tenant: Tenant) -> uuid.UUID:
    with unit_of_work(runtime.session_factory) as session:
        return session.scalars(select(User.id).where(User.organisation_id == tenant.organisation_id)).one()
