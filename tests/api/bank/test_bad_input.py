"""Statements as they go wrong: mixed currencies, a transaction id twice in one file, a period re-exported
with a few lines changed, 20 MB of garbage. On SQLite and PostgreSQL."""

from __future__ import annotations

import random

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.db import unit_of_work
from api.models import BankLine, BankStatement
from api.runtime import Runtime
from tests.api.bank.support import invoice_state, open_invoice, post_statement
from tests.factories import Tenant

QONTO_HEADER = "Date de règlement;Montant;Devise;Nom de la contrepartie;Référence;ID de transaction\n"


def stored_lines(runtime: Runtime, tenant: Tenant) -> list[tuple[str, int, str]]:
    with unit_of_work(runtime.session_factory) as session:
        rows = session.execute(
            select(BankLine.line_ref, BankLine.amount, BankLine.currency)
            .where(BankLine.organisation_id == tenant.organisation_id)
            .order_by(BankLine.line_ref)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_each_line_keeps_its_own_currency_and_pays_only_invoices_in_it(
    runtime: Runtime, tenant: Tenant, client: TestClient
) -> None:
    euros = open_invoice(runtime, tenant, "F-2026-0301", 50000)
    dollars = open_invoice(runtime, tenant, "F-2026-0302", 50000, currency="USD")
    data = (QONTO_HEADER
            + "14-12-2026;500,00;USD;ACME INC;FACTURE F-2026-0301;q-1\n"  # names the EUR invoice, in dollars
            + "14-12-2026;500,00;USD;ACME INC;FACTURE F-2026-0302;q-2\n"
            + "15-12-2026;-20,00;EUR;BANQUE;FRAIS;q-3\n"
            + "15-12-2026;120,00;GBP;ACME LTD;DIVERS;q-4\n").encode()  # fmt: skip

    body = post_statement(client, tenant, data).json()

    assert [(m["currency"], m["invoice_ids"]) for m in body["matched"]] == [("USD", [dollars])]
    assert invoice_state(client, tenant, euros) == ("open", 50000)
    assert body["totals"] == {
        "USD": {"credits": 100000, "debits": 0}, "EUR": {"credits": 0, "debits": -2000},
        "GBP": {"credits": 12000, "debits": 0},
    }  # fmt: skip
    assert sorted(currency for _, _, currency in stored_lines(runtime, tenant)) == [
        "EUR",
        "GBP",
        "USD",
        "USD",
    ]


def test_a_transaction_id_twice_in_one_file_is_reported_and_stored_once(
    runtime: Runtime, tenant: Tenant, client: TestClient
) -> None:
    data = (QONTO_HEADER + "14-12-2026;10,00;EUR;A;X;q-7\n" + "14-12-2026;99,00;EUR;B;Y;q-8\n"
            + "15-12-2026;10,00;EUR;A;X;q-7\n").encode()  # fmt: skip

    body = post_statement(client, tenant, data).json()

    assert (body["new_lines"], body["known_lines"], body["duplicate_count"]) == (2, 0, 1)
    assert [(r["line"], r["code"], r["params"]) for r in body["rejected"]] == [
        (4, "duplicate_id", {"id": "q-7"})
    ]
    assert stored_lines(runtime, tenant) == [("csv:q-7", 1000, "EUR"), ("csv:q-8", 9900, "EUR")]


def test_a_re_export_adds_its_new_lines_and_reports_the_changed_ones(
    runtime: Runtime, tenant: Tenant, client: TestClient
) -> None:
    header = "Date;Libellé;Débit;Crédit\n"
    same = "".join(f"0{day}/12/2026;PRLV FOURNISSEUR {day};{day},00;\n" for day in range(1, 7))
    first = header + same + "02/12/2026;CB CAFE;4,50;\n03/12/2026;VIR CLIENT B;;200,00\n"
    again = (header + same
             + "02/12/2026;CB CAFE DE LA GARE;4,50;\n"  # the bank completed the label
             + "03/12/2026;VIR CLIENT B;;250,00\n"  # and corrected the amount
             + "04/12/2026;VIR CLIENT C;;300,00\n")  # fmt: skip
    assert post_statement(client, tenant, first.encode(), "decembre.csv").json()["new_lines"] == 8

    body = post_statement(client, tenant, again.encode(), "decembre-bis.csv").json()

    assert (body["new_lines"], body["known_lines"], body["changed_count"]) == (1, 6, 2)
    changed = [(r["line"], r["code"], r["params"]["fields"]) for r in body["rejected"]]
    assert changed == [(8, "changed", "label"), (9, "changed", "amount")]
    amounts = sorted(amount for _, amount, _ in stored_lines(runtime, tenant) if amount > 0)
    assert amounts == [20000, 30000]  # the credit imported first is kept as it was, the new one added


def test_a_re_export_with_bank_ids_reports_a_changed_line_by_its_id(
    runtime: Runtime, tenant: Tenant, client: TestClient
) -> None:
    post_statement(client, tenant, (QONTO_HEADER + "14-12-2026;10,00;EUR;A;X;q-9\n").encode())
    again = QONTO_HEADER + "14-12-2026;12,00;EUR;A;X;q-9\n" + "15-12-2026;5,00;EUR;C;Z;q-10\n"

    body = post_statement(client, tenant, again.encode()).json()

    assert (body["new_lines"], body["changed_count"]) == (1, 1)
    assert [(r["line"], r["code"]) for r in body["rejected"]] == [(2, "changed")]
    assert ("csv:q-9", 1000, "EUR") in stored_lines(runtime, tenant)


def test_twenty_megabytes_of_garbage_are_refused_and_nothing_is_stored(
    runtime: Runtime, tenant: Tenant, client: TestClient
) -> None:
    rng = random.Random(17)
    words = ["lorem", "ipsum", "12,50", "01/02/2026", ";", ",", "\n", "zz", '"', "42"]
    text = "".join(rng.choice(words) for _ in range(4_000_000)).encode()[: 20 * 1024 * 1024]
    binary = rng.randbytes(20 * 1024 * 1024)
    with_header = ("Date;Libellé;Montant\n" + "x;" * 9_000_000).encode()[: 20 * 1024 * 1024]

    answers = [post_statement(client, tenant, data, "bruit.csv") for data in (text, binary, with_header)]
    mapped = post_statement(
        client, tenant, with_header, "bruit.csv", ["date=#1", "amount=#3", "reference=#2"]
    )

    assert [a.status_code for a in [*answers, mapped]] == [422, 422, 422, 422]
    with unit_of_work(runtime.session_factory) as session:
        for model in (BankStatement, BankLine):
            own = model.organisation_id == tenant.organisation_id
            assert session.scalar(select(func.count()).select_from(model).where(own)) == 0
