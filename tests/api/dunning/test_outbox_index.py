"""The outbox page's query (DunningRepository.outbox) is answered in its order by an index of migration 0024,
for the whole organisation and for one status, the newest page and the pages older or newer than a cursor:
the database reads the page's rows and stops, instead of joining every invoice to its reminders and sorting
them all (issue 17: 344 ms at 100,000 invoices)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from api.dunning import follow_up
from api.organisations.service import Principal
from api.pagination import Seek
from tests.factories import Tenant


def planned(db: Session, tenant: Tenant, status: str | None, seek: Seek | None) -> str:
    """The plan of the statement the outbox runs, with every other way than an index walk priced out: a plan
    in the page's order without a sort exists only if an index gives that order."""
    statements: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if "FROM reminders" in statement:
            statements.append((statement, parameters))

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", keep)
    try:
        principal = Principal(tenant.organisation_id)
        assert follow_up.outbox(db, principal, status=status, limit=200, seek=seek) == []
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    ((statement, parameters),) = statements
    connection = db.connection()
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
        return "\n".join(str(row[-1]) for row in rows)
    for setting in ("seqscan", "bitmapscan", "sort"):
        connection.exec_driver_sql(f"SET LOCAL enable_{setting} = off")
    return "\n".join(row[0] for row in connection.exec_driver_sql("EXPLAIN " + statement, parameters))


AT = (datetime(2026, 12, 1, 9, 0, tzinfo=UTC), uuid.UUID(int=7))


@pytest.mark.parametrize(
    ("status", "index"),
    [(None, "ix_reminders_org_created"), ("failed", "ix_reminders_org_status_created")],
)
@pytest.mark.parametrize("seek", [None, Seek(AT), Seek(AT, forward=False)], ids=["newest", "older", "newer"])
def test_the_reminders_of_a_page_are_read_along_an_index(
    db: Session, tenant: Tenant, status: str | None, index: str, seek: Seek | None
) -> None:
    plan = planned(db, tenant, status, seek)

    assert index in plan, plan
    assert "Sort" not in plan, plan  # PostgreSQL's sort node
    assert "TEMP B-TREE" not in plan, plan  # SQLite's
