"""invoice capture

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 13:34:41.880524
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Server defaults let the new NOT NULL columns be added to tables that already have rows.
    op.create_table(
        "invoice_corrections",
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.String(length=50), nullable=False),
        sa.Column("extracted_value", sa.Text(), nullable=True),
        sa.Column("previous_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_invoice_corrections_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_invoice_corrections_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_corrections")),
    )
    with op.batch_alter_table("invoice_corrections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoice_corrections_invoice_id"), ["invoice_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_invoice_corrections_organisation_id"), ["organisation_id"], unique=False
        )

    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.String(length=300), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_clients_name_key"), ["name_key"], unique=False)

    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retryable", sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("document_type", sa.String(length=20), nullable=False, server_default="invoice")
        )
        batch_op.add_column(sa.Column("seller_name", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("seller_key", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("buyer_name", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("capture_method", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("fields", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
        batch_op.add_column(
            sa.Column("extraction", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.add_column(sa.Column("warnings", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column("duplicate_of_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("approved_by", sa.String(length=200), nullable=True))
        batch_op.create_index(
            "ix_invoices_org_seller_number", ["organisation_id", "seller_key", "number"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_invoices_duplicate_of_id_invoices"),
            "invoices",
            ["duplicate_of_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_invoices_duplicate_of_id_invoices"), type_="foreignkey")
        batch_op.drop_index("ix_invoices_org_seller_number")
        batch_op.drop_column("approved_by")
        batch_op.drop_column("approved_at")
        batch_op.drop_column("duplicate_of_id")
        batch_op.drop_column("warnings")
        batch_op.drop_column("extraction")
        batch_op.drop_column("fields")
        batch_op.drop_column("capture_method")
        batch_op.drop_column("buyer_name")
        batch_op.drop_column("seller_key")
        batch_op.drop_column("seller_name")
        batch_op.drop_column("document_type")

    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("retryable")

    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clients_name_key"))
        batch_op.drop_column("name_key")

    with op.batch_alter_table("invoice_corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_corrections_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_invoice_corrections_invoice_id"))

    op.drop_table("invoice_corrections")
