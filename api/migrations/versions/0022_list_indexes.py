"""list indexes: the invoice list's order and keyset pages, due-date ranges, reviews, disputes and failed
payments waiting (both backends), and trigram indexes for the text search (PostgreSQL only, with pg_trgm)

Revision ID: 0022
Revises: 0019
Create Date: 2026-12-07 18:00:00.000000

On PostgreSQL the indexes are built CONCURRENTLY, outside the migration's transaction: invoices stay
writable while they are built (a big book takes a while).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEEDS_REVIEW = sa.text("status = 'needs_review'")
DISPUTED = sa.text("disputed IS true")
FAILED = sa.text("kind IN ('failed', 'charged_back')")
# (name, table, columns, partial index condition)
BTREE = (
    ("ix_invoices_org_created", "invoices", ["organisation_id", "created_at", "id"], None),
    ("ix_invoices_org_due_issue", "invoices", ["organisation_id", "due_date", "issue_date"], None),
    ("ix_invoices_org_review", "invoices", ["organisation_id", "created_at", "id"], NEEDS_REVIEW),
    ("ix_invoices_org_disputed", "invoices", ["organisation_id", "due_date"], DISPUTED),
    ("ix_payment_entries_org_failed", "payment_entries", ["organisation_id", "occurred_at"], FAILED),
)
TRIGRAM = (
    ("ix_invoices_number_trgm", "invoices", "number"),
    ("ix_invoices_buyer_name_trgm", "invoices", "buyer_name"),
    ("ix_clients_name_trgm", "clients", "name"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        for name, table, columns, where in BTREE:
            op.create_index(name, table, columns, sqlite_where=where)
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    with op.get_context().autocommit_block():
        for name, table, columns, where in BTREE:
            op.create_index(name, table, columns, postgresql_where=where, postgresql_concurrently=True)
        for name, table, column in TRIGRAM:
            op.create_index(
                name,
                table,
                [column],
                postgresql_using="gin",
                postgresql_ops={column: "gin_trgm_ops"},
                postgresql_concurrently=True,
            )


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for name, table, *_ in (*BTREE, *TRIGRAM) if postgresql else BTREE:
        op.drop_index(name, table_name=table)
