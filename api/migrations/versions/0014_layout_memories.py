"""layout memories learned from corrected invoices; the words read on each document's pages

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tenant_columns(table: str) -> list[sa.sql.schema.SchemaItem]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f(f"fk_{table}_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "layout_memories",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("memory", sa.JSON(), nullable=False),
        sa.Column("source_invoice_id", sa.Uuid(), nullable=True),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_invoice_id"],
            ["invoices.id"],
            name=op.f("fk_layout_memories_source_invoice_id_invoices"),
            ondelete="SET NULL",
        ),
        *_tenant_columns("layout_memories"),
    )
    with op.batch_alter_table("layout_memories", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_layout_memories_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            "ix_layout_memories_org_last_used", ["organisation_id", "last_used_at"], unique=False
        )

    op.create_table(
        "captured_pages",
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("pages", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_captured_pages_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("document_id", name=op.f("uq_captured_pages_document_id")),
        *_tenant_columns("captured_pages"),
    )
    with op.batch_alter_table("captured_pages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_captured_pages_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("captured_pages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_captured_pages_organisation_id"))
    op.drop_table("captured_pages")
    with op.batch_alter_table("layout_memories", schema=None) as batch_op:
        batch_op.drop_index("ix_layout_memories_org_last_used")
        batch_op.drop_index(batch_op.f("ix_layout_memories_organisation_id"))
    op.drop_table("layout_memories")
