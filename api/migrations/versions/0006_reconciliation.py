"""reconciliation

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 15:54:13.804885
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bank_statements",
        sa.Column("filename", sa.String(length=300), nullable=True),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("account", sa.String(length=100), nullable=True),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.JSON(), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_bank_statements_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_statements")),
        sa.UniqueConstraint(
            "organisation_id", "sha256", name=op.f("uq_bank_statements_organisation_id_sha256")
        ),
    )
    with op.batch_alter_table("bank_statements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bank_statements_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "provider_events",
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("event_id", sa.String(length=100), nullable=False),
        sa.Column("provider_type", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("resource_reference", sa.String(length=100), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(length=1000), nullable=True),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_provider_events_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provider_events")),
        sa.UniqueConstraint("provider", "event_id", name=op.f("uq_provider_events_provider_event_id")),
    )
    with op.batch_alter_table("provider_events", schema=None) as batch_op:
        batch_op.create_index("ix_provider_events_org_status", ["organisation_id", "status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_provider_events_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "bank_lines",
        sa.Column("statement_id", sa.Uuid(), nullable=False),
        sa.Column("line_ref", sa.String(length=200), nullable=False),
        sa.Column("booking_date", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("payer_name", sa.String(length=300), nullable=True),
        sa.Column("remittance", sa.String(length=1000), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("invoice_ids", sa.JSON(), nullable=False),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_bank_lines_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["bank_statements.id"],
            name=op.f("fk_bank_lines_statement_id_bank_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_lines")),
        sa.UniqueConstraint(
            "organisation_id", "line_ref", name=op.f("uq_bank_lines_organisation_id_line_ref")
        ),
    )
    with op.batch_alter_table("bank_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bank_lines_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bank_lines_statement_id"), ["statement_id"], unique=False)

    op.create_table(
        "payment_anomalies",
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("dedupe_key", sa.String(length=300), nullable=False),
        sa.Column("recorded_amount", sa.BigInteger(), nullable=False),
        sa.Column("received_amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("source_event_id", sa.Uuid(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_payment_anomalies_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_payment_anomalies_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_event_id"],
            ["provider_events.id"],
            name=op.f("fk_payment_anomalies_source_event_id_provider_events"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_anomalies")),
    )
    with op.batch_alter_table("payment_anomalies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_anomalies_invoice_id"), ["invoice_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_payment_anomalies_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "payment_entries",
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dedupe_key", sa.String(length=300), nullable=False),
        sa.Column("source_event_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_payment_entries_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_payment_entries_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_event_id"],
            ["provider_events.id"],
            name=op.f("fk_payment_entries_source_event_id_provider_events"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_entries")),
        sa.UniqueConstraint(
            "invoice_id", "dedupe_key", name=op.f("uq_payment_entries_invoice_id_dedupe_key")
        ),
    )
    with op.batch_alter_table("payment_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_entries_invoice_id"), ["invoice_id"], unique=False)
        batch_op.create_index(
            "ix_payment_entries_org_reference", ["organisation_id", "provider", "reference"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_payment_entries_organisation_id"), ["organisation_id"], unique=False
        )

    with op.batch_alter_table("instalments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("provider_reference", sa.String(length=100), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_instalments_provider_reference"), ["provider_reference"], unique=False
        )

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("amount_paid", sa.BigInteger(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("amount_processing", sa.BigInteger(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("amount_refunded", sa.BigInteger(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("balance_due", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("disputed", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("provider_accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("encrypted_webhook_secret", sa.LargeBinary(), nullable=True))
    # Existing invoices: nothing recorded yet, so everything payable is still due.
    op.execute("UPDATE invoices SET balance_due = COALESCE(amount_due, total_incl_tax)")


def downgrade() -> None:
    with op.batch_alter_table("provider_accounts", schema=None) as batch_op:
        batch_op.drop_column("encrypted_webhook_secret")

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_column("paid_at")
        batch_op.drop_column("disputed")
        batch_op.drop_column("balance_due")
        batch_op.drop_column("amount_refunded")
        batch_op.drop_column("amount_processing")
        batch_op.drop_column("amount_paid")

    with op.batch_alter_table("instalments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_instalments_provider_reference"))
        batch_op.drop_column("provider_reference")

    with op.batch_alter_table("payment_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_entries_organisation_id"))
        batch_op.drop_index("ix_payment_entries_org_reference")
        batch_op.drop_index(batch_op.f("ix_payment_entries_invoice_id"))

    op.drop_table("payment_entries")
    with op.batch_alter_table("payment_anomalies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_anomalies_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_payment_anomalies_invoice_id"))

    op.drop_table("payment_anomalies")
    with op.batch_alter_table("bank_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bank_lines_statement_id"))
        batch_op.drop_index(batch_op.f("ix_bank_lines_organisation_id"))

    op.drop_table("bank_lines")
    with op.batch_alter_table("provider_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_provider_events_organisation_id"))
        batch_op.drop_index("ix_provider_events_org_status")

    op.drop_table("provider_events")
    with op.batch_alter_table("bank_statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bank_statements_organisation_id"))

    op.drop_table("bank_statements")
