"""A statement line with an absurd amount is a rejected line with its reason, the others imported: it was
a 500 on PostgreSQL (a BIGINT overflow), on SQLite an OverflowError."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.bank.formats import lines
from api.money import MAX_MINOR_UNITS
from tests.api.bank.test_import import post_statement
from tests.factories import Tenant

STATEMENT = """Date;Émetteur;Libellé;Débit;Crédit
14/12/2026;BOULANGERIE MARTIN;VIR SEPA FACTURE F-2026-0042;;99999999999999999999999,00
14/12/2026;GARAGE DUPONT;VIR SEPA REGLEMENT;;10 000 000 000,01
15/12/2026;ORANGE;PRLV SEPA ABONNEMENT;59,90;
"""


def test_an_absurd_amount_is_a_rejected_line_and_the_rest_is_imported(
    client: TestClient, tenant: Tenant
) -> None:
    response = post_statement(client, tenant, STATEMENT.encode())

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["new_lines"] == 1
    assert [r["line"] for r in body["rejected"]] == [2, 3]
    assert all("largest amount" in r["reason"] for r in body["rejected"])
    lines = client.get("/api/v1/bank/lines", headers=tenant.headers).json()
    assert [line["amount"] for line in lines] == [-5990]


def test_the_statement_bound_is_the_application_bound() -> None:
    assert lines.MAX_MINOR_UNITS == MAX_MINOR_UNITS
