from __future__ import annotations

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
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
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
