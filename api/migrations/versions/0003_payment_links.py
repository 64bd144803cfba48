"""payment links

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 13:56:43.007401
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "payment_settings",
        sa.Column("card_enabled", sa.Boolean(), nullable=False),
        sa.Column("sepa_enabled", sa.Boolean(), nullable=False),
        sa.Column("sepa_provider", sa.String(length=20), nullable=False),
        sa.Column("mandate_enabled", sa.Boolean(), nullable=False),
        sa.Column("instalments_enabled", sa.Boolean(), nullable=False),
        sa.Column("instalments_min_count", sa.Integer(), nullable=False),
        sa.Column("instalments_max_count", sa.Integer(), nullable=False),
        sa.Column("instalment_min_amount", sa.BigInteger(), nullable=False),
        sa.Column("account_holder", sa.String(length=140), nullable=True),
        sa.Column("iban", sa.String(length=34), nullable=True),
        sa.Column("bic", sa.String(length=11), nullable=True),
        sa.Column("discount_basis_points", sa.Integer(), nullable=False),
        sa.Column("discount_days", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_payment_settings_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_settings")),
        sa.UniqueConstraint("organisation_id", name=op.f("uq_payment_settings_organisation_id")),
    )
    with op.batch_alter_table("payment_settings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payment_settings_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "provider_accounts",
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("encrypted_secret", sa.LargeBinary(), nullable=False),
        sa.Column("secret_hint", sa.String(length=20), nullable=False),
        sa.Column("base_url", sa.String(length=300), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_provider_accounts_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provider_accounts")),
        sa.UniqueConstraint(
            "organisation_id", "provider", name=op.f("uq_provider_accounts_organisation_id_provider")
        ),
    )
    with op.batch_alter_table("provider_accounts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_provider_accounts_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "payment_attempts",
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("provider_reference", sa.String(length=100), nullable=True),
        sa.Column("redirect_url", sa.String(length=2000), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_payment_attempts_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_payment_attempts_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_attempts")),
    )
    with op.batch_alter_table("payment_attempts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_payment_attempts_invoice_method", ["invoice_id", "method", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_payment_attempts_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "payment_links",
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_payment_links_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_payment_links_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_links")),
        sa.UniqueConstraint("token", name=op.f("uq_payment_links_token")),
    )
    with op.batch_alter_table("payment_links", schema=None) as batch_op:
        batch_op.create_index("ix_payment_links_invoice_active", ["invoice_id", "revoked_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_payment_links_organisation_id"), ["organisation_id"], unique=False
        )

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("collection_status", sa.String(length=20), nullable=False, server_default="open")
        )
        batch_op.add_column(sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_column("cancelled_at")
        batch_op.drop_column("collection_status")

    with op.batch_alter_table("payment_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_links_organisation_id"))
        batch_op.drop_index("ix_payment_links_invoice_active")

    op.drop_table("payment_links")
    with op.batch_alter_table("payment_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_attempts_organisation_id"))
        batch_op.drop_index("ix_payment_attempts_invoice_method")

    op.drop_table("payment_attempts")
    with op.batch_alter_table("provider_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_provider_accounts_organisation_id"))

    op.drop_table("provider_accounts")
    with op.batch_alter_table("payment_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_settings_organisation_id"))

    op.drop_table("payment_settings")
