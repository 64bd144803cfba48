"""dunning schedule: the tick reads a narrow copy of each invoice's next look and leases what it hands out in
an append-only table of claims, instead of rewriting the invoices it claims

Revision ID: 0021
Revises: 0022
Create Date: 2026-12-07 19:00:00.000000

The schedule is back-filled from `invoices.next_reminder_at` (every invoice with a next look gets its row);
the invoices' own index on that column goes: nothing queries it any more, and without it the invoice's job
can set the column with a heap-only update.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dunning_schedule",
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("next_reminder_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_dunning_schedule_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_dunning_schedule_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("invoice_id", name=op.f("pk_dunning_schedule")),
    )
    op.execute(
        "INSERT INTO dunning_schedule (invoice_id, organisation_id, next_reminder_at) "
        "SELECT id, organisation_id, next_reminder_at FROM invoices WHERE next_reminder_at IS NOT NULL"
    )
    # After the back-fill: one sorted build instead of an insert per row.
    op.create_index(
        "ix_dunning_schedule_next_reminder_at",
        "dunning_schedule",
        ["next_reminder_at"],
        unique=False,
        postgresql_include=["invoice_id", "organisation_id"],
    )
    op.create_table(
        "dunning_claims",
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("leased_until", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("invoice_id", name=op.f("pk_dunning_claims")),
    )
    op.drop_index(
        "ix_invoices_next_reminder_at",
        table_name="invoices",
        postgresql_where=sa.text("next_reminder_at IS NOT NULL"),
        sqlite_where=sa.text("next_reminder_at IS NOT NULL"),
    )


def downgrade() -> None:
    # The invoices' column was kept in step all along: only its index comes back. Pending claims are
    # forgotten; the old tick finds those invoices due and hands them out again (their jobs are idempotent).
    op.create_index(
        "ix_invoices_next_reminder_at",
        "invoices",
        ["next_reminder_at"],
        unique=False,
        postgresql_where=sa.text("next_reminder_at IS NOT NULL"),
        sqlite_where=sa.text("next_reminder_at IS NOT NULL"),
    )
    op.drop_table("dunning_claims")
    op.drop_index("ix_dunning_schedule_next_reminder_at", table_name="dunning_schedule")
    op.drop_table("dunning_schedule")
