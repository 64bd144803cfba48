from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from api.migrate import current_revision
from api.models import Base


def test_migrations_build_exactly_the_models_schema(database_url: str) -> None:
    """The database fixture is migrated by Alembic: nothing in the models may be missing from it."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            include = _of_dialect(connection.dialect.name)
            context = MigrationContext.configure(connection, opts={"include_object": include})
            diff = compare_metadata(context, Base.metadata)
            tables = set(inspect(connection).get_table_names())
    finally:
        engine.dispose()
    assert diff == []
    assert {
        "organisations",
        "users",
        "api_keys",
        "clients",
        "documents",
        "invoices",
        "audit_log",
        "jobs",
    } <= tables
    assert current_revision(database_url) is not None


def _of_dialect(dialect: str) -> Callable[..., bool]:
    """Compare all but the indexes the models declare for another backend only (`.ddl_if(dialect=...)`,
    e.g. PostgreSQL's trigram indexes)."""

    def include(item: Any, name: str | None, kind: str, reflected: bool, compare_to: Any) -> bool:
        condition = getattr(item, "_ddl_if", None)
        return kind != "index" or condition is None or condition.dialect in (None, dialect)

    return include


def test_every_tenant_table_carries_its_organisation() -> None:
    global_tables = {"organisations", "jobs", "penalty_rates"}  # penalty_rates: public law, not a tenant's
    global_tables.add("login_throttles")  # failed logins of emails and addresses, known or not
    global_tables.add("periodic_runs")  # the scheduler's own bookkeeping, for every organisation at once
    for table in Base.metadata.sorted_tables:
        if table.name in global_tables:
            continue
        column = table.columns.get("organisation_id")
        assert column is not None, f"{table.name} has no organisation_id"
        assert not column.nullable, f"{table.name}.organisation_id is nullable"
