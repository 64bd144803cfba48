"""instalments

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 15:01:50.325327
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "instalment_plans",
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("mandate_id", sa.Uuid(), nullable=True),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("provider_reference", sa.String(length=100), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notice_message_id", sa.String(length=300), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_instalment_plans_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_instalment_plans_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mandate_id"],
            ["mandates.id"],
            name=op.f("fk_instalment_plans_mandate_id_mandates"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_instalment_plans_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instalment_plans")),
    )
    with op.batch_alter_table("instalment_plans", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_instalment_plans_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index("ix_instalment_plans_status", ["status"], unique=False)
        batch_op.create_index(
            "uq_instalment_plans_invoice_live",
            ["invoice_id"],
            unique=True,
            sqlite_where=sa.text("status <> 'cancelled'"),
            postgresql_where=sa.text("status <> 'cancelled'"),
        )

    op.create_table(
        "instalments",
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_instalments_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["instalment_plans.id"],
            name=op.f("fk_instalments_plan_id_instalment_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instalments")),
        sa.UniqueConstraint("plan_id", "number", name=op.f("uq_instalments_plan_id_number")),
    )
    with op.batch_alter_table("instalments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_instalments_organisation_id"), ["organisation_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("instalments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_instalments_organisation_id"))

    op.drop_table("instalments")
    with op.batch_alter_table("instalment_plans", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_instalment_plans_invoice_live",
            sqlite_where=sa.text("status <> 'cancelled'"),
            postgresql_where=sa.text("status <> 'cancelled'"),
        )
        batch_op.drop_index("ix_instalment_plans_status")
        batch_op.drop_index(batch_op.f("ix_instalment_plans_organisation_id"))

    op.drop_table("instalment_plans")
