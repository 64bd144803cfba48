"""A credit nothing matched, assigned by hand to one or several invoices (POST
/api/v1/bank/lines/{id}/assign): paid in the order given, each invoice's balance in turn; a remainder refused,
or kept as an overpayment on the last invoice when asked. On SQLite and PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.runtime import Runtime
from tests.api.bank.support import invoice_state, open_invoice, post_statement
from tests.factories import Tenant


def unmatched_credit(client: TestClient, tenant: Tenant, amount: str, currency: str = "EUR") -> dict:  # type: ignore[type-arg]
    data = f"Date;Libellé;Montant;Devise\n14/12/2026;VIR SEPA INCONNU;{amount};{currency}\n".encode()
    body = post_statement(client, tenant, data).json()
    [line] = body["unmatched"] + body["proposed"]  # a proposed credit may be assigned by hand too
    return line  # type: ignore[no-any-return]


def assign(client: TestClient, tenant: Tenant, line_id: str, invoice_ids: list[str], **extra: object):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1/bank/lines/{line_id}/assign", headers=tenant.headers,
                       json={"invoice_ids": invoice_ids, **extra})  # fmt: skip


def test_a_credit_pays_several_invoices_in_the_order_given(
    runtime: Runtime, tenant: Tenant, client: TestClient
) -> None:
    first = open_invoice(runtime, tenant, "F-2026-0201", 30000)
    second = open_invoice(runtime, tenant, "F-2026-0202", 50000)
    line = unmatched_credit(client, tenant, "600,00")

    answer = assign(client, tenant, line["id"], [first, second])

    assert answer.status_code == 200, answer.text
    assert (answer.json()["status"], answer.json()["invoice_ids"]) == ("matched", [first, second])
    assert invoice_state(client, tenant, first) == ("paid", 0)
    assert invoice_state(client, tenant, second) == ("partially_paid", 20000)
    again = assign(client, tenant, line["id"], [second])
    assert (again.status_code, again.json()["detail"]) == (409, "This line is matched.")


def test_a_remainder_is_refused_unless_kept_as_an_overpayment(
    runtime: Runtime, tenant: Tenant, client: TestClient
) -> None:
    invoice = open_invoice(runtime, tenant, "F-2026-0203", 30000)
    line = unmatched_credit(client, tenant, "350,00")

    refused = assign(client, tenant, line["id"], [invoice])
    assert (refused.status_code, refused.json()["detail"]) == (
        400, "50.00 EUR would be left once the invoices are paid.",
    )  # fmt: skip
    assert invoice_state(client, tenant, invoice) == ("open", 30000)

    kept = assign(client, tenant, line["id"], [invoice], overpayment=True)
    assert kept.status_code == 200, kept.text
    assert "overpayment of 50.00 EUR on F-2026-0203" in kept.json()["reason"]
    assert invoice_state(client, tenant, invoice) == ("paid", -5000)


def test_an_invoice_the_credit_cannot_reach_is_refused(
    runtime: Runtime, tenant: Tenant, client: TestClient
) -> None:
    first = open_invoice(runtime, tenant, "F-2026-0204", 30000)
    second = open_invoice(runtime, tenant, "F-2026-0205", 10000)
    line = unmatched_credit(client, tenant, "300,00")

    refused = assign(client, tenant, line["id"], [first, second])

    assert (refused.status_code, refused.json()["detail"]) == (
        400, "The credit is spent before invoice F-2026-0205.",
    )  # fmt: skip
    assert invoice_state(client, tenant, first) == ("open", 30000)


def test_other_currencies_paid_invoices_and_repeats_are_refused(
    runtime: Runtime, tenant: Tenant, client: TestClient
) -> None:
    dollars = open_invoice(runtime, tenant, "F-2026-0206", 30000, currency="USD")
    euros = open_invoice(runtime, tenant, "F-2026-0207", 10000)
    line = unmatched_credit(client, tenant, "250,00")

    assert assign(client, tenant, line["id"], [dollars]).json()["detail"] == (
        "The invoice and the credit are in different currencies."
    )
    assert assign(client, tenant, line["id"], [euros, euros]).json()["detail"] == "An invoice is named twice."
    assert assign(client, tenant, line["id"], []).status_code == 422
    assert assign(client, tenant, line["id"], [euros], overpayment=True).status_code == 200
    other = unmatched_credit(client, tenant, "130,00")
    refused = assign(client, tenant, other["id"], [euros])
    assert (refused.status_code, refused.json()["detail"]) == (
        409,
        "Invoice F-2026-0207 has nothing left to pay.",
    )
