"""The invoice list's text search, on SQLite and PostgreSQL: the words anywhere in the number, the buyer's
name read on the invoice or the client's name, in any case, '%' and '_' as typed; and on PostgreSQL, a
search the trigram indexes of migration 0022 can answer (no row read to find the matches)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, insert
from sqlalchemy.orm import Session

from api.invoices import service as invoices
from api.invoices.policy import ListFilters
from api.models import Client, Invoice
from api.organisations.service import Principal
from api.runtime import Runtime
from tests.api.invoices.test_listing import TODAY, add_invoices
from tests.factories import Tenant

TRIGRAM = ("ix_invoices_number_trgm", "ix_invoices_buyer_name_trgm", "ix_clients_name_trgm")
ROWS: list[dict[str, Any]] = [
    {"number": "FA-2026-0042", "client": "Boulangerie Martin", "buyer_name": "Boulangerie Martin"},
    {"number": "FA-2026-0043", "client": "Garage du Port", "buyer_name": "M. Leroy"},  # read ≠ client
    {"number": "100%_PROMO", "buyer_name": "Sans client"},  # no client at all
    {"number": "100XPROMO", "buyer_name": "Sans client"},
]


def found(db: Session, tenant: Tenant, words: str) -> list[str | None]:
    page = invoices.search_invoices(
        db, Principal(tenant.organisation_id), ListFilters(search=words, sort="number"), limit=50, today=TODAY
    )
    return [row.invoice.number for row in page.rows]


@pytest.mark.parametrize(
    ("words", "numbers"),
    [
        ("0042", ["FA-2026-0042"]),  # part of the number
        ("fa-2026", ["FA-2026-0042", "FA-2026-0043"]),  # any case
        ("LEROY", ["FA-2026-0043"]),  # the buyer's name read on the invoice
        ("du port", ["FA-2026-0043"]),  # the client's name, not printed as the buyer
        ("martin", ["FA-2026-0042"]),
        ("%_", ["100%_PROMO"]),  # taken as typed, not as LIKE's wildcards
        ("0%", ["100%_PROMO"]),
        ("nobody", []),
    ],
)
def test_the_words_anywhere_in_number_buyer_or_client(
    runtime: Runtime, tenant: Tenant, other_tenant: Tenant, db: Session, words: str, numbers: list[str]
) -> None:
    add_invoices(runtime, tenant, ROWS)
    add_invoices(runtime, other_tenant, [{"number": "FA-2026-0099", "client": "Garage du Port"}])

    assert found(db, tenant, words) == numbers


def test_on_postgresql_the_trigram_indexes_find_the_matches(
    runtime: Runtime, tenant: Tenant, db: Session, database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("trigram indexes are PostgreSQL's (SQLite scans for its LIKE)")
    add_invoices(runtime, tenant, ROWS)
    filler = [{"organisation_id": tenant.organisation_id, "number": f"X-{n:05}", "buyer_name": "Autre",
               "status": "ready", "currency": "EUR"} for n in range(10_000)]  # fmt: skip
    others = [{"organisation_id": tenant.organisation_id, "name": f"Autre {n}", "name_key": f"autre {n}"}
              for n in range(10_000)]  # fmt: skip
    with runtime.engine.begin() as connection:  # enough rows for the planner to prefer an index
        connection.execute(insert(Invoice), filler)
        connection.execute(insert(Client), others)
        for index in TRIGRAM:  # what autovacuum does after many inserts: the planner counts what is left
            connection.exec_driver_sql(f"SELECT gin_clean_pending_list('{index}'::regclass)")
        connection.exec_driver_sql("ANALYZE invoices")
        connection.exec_driver_sql("ANALYZE clients")
    statements: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if "ILIKE" in statement and statement.lstrip().startswith("SELECT invoices."):
            statements.append((statement, parameters))

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", keep)
    try:
        assert found(db, tenant, "port") == ["FA-2026-0043"]
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    ((statement, parameters),) = statements
    # A small table is read whole, or walked along an index in the page's order, rather than looked up:
    # with lookups only, the plan shows which indexes answer the search itself.
    for scan in ("seqscan", "indexscan", "indexonlyscan"):
        db.connection().exec_driver_sql(f"SET LOCAL enable_{scan} = off")
    plan = "\n".join(row[0] for row in db.connection().exec_driver_sql("EXPLAIN " + statement, parameters))

    for index in TRIGRAM:
        assert index in plan, plan
    assert "Seq Scan on invoices" not in plan
