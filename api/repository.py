"""What every repository shares: the session it works in, adding a row so it is visible at once, and
inserting rows that may already be there."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ClauseElement

from api.models import Base

Row = TypeVar("Row", bound=Base)


class Repository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: Row) -> Row:
        """Add and flush, so the row has its id and the next query in this transaction sees it."""
        self.session.add(row)
        self.session.flush()
        return row


def insert_ignoring_duplicates(session: Any, table: Any, values: dict[str, Any], conflict: list[str]) -> Any:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id: None when the row was already there. Concurrent
    inserts of one key wait for each other inside the database, so exactly one of them gets an id."""
    dialect = session.get_bind().dialect.name
    if any(isinstance(value, ClauseElement) for value in values.values()):
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = insert(table).values(**values).on_conflict_do_nothing(index_elements=conflict)
        return session.execute(statement.returning(table.c.id)).scalar()
    # Plain values travel as parameters of a statement built once: building and hashing a new statement
    # for each call was a measurable part of processing a webhook event.
    return session.execute(_insert_or_nothing(dialect, table, tuple(conflict), ("id",)), values).scalar()


def insert_many_ignoring_duplicates(
    session: Any,
    table: Table,
    rows: list[dict[str, Any]],
    conflict: tuple[str, ...],
    returning: tuple[str, ...],
) -> list[tuple[Any, ...]]:
    """`insert_ignoring_duplicates` for many rows in one statement: the `returning` columns of the rows
    that were new. A row that repeats an earlier one of the same call is not new either."""
    if not rows:
        return []
    statement = _insert_or_nothing(session.get_bind().dialect.name, table, conflict, returning)
    return [tuple(row) for row in session.execute(statement, rows)]


@lru_cache(maxsize=64)
def _insert_or_nothing(
    dialect: str, table: Table, conflict: tuple[str, ...], returning: tuple[str, ...]
) -> Any:
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(table).on_conflict_do_nothing(index_elements=list(conflict))
    return statement.returning(*(table.c[name] for name in returning))
