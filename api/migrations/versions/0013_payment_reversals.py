"""manual payment reversals and overpayments; mandate revocation confirmations

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("payment_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reverses_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("overpaid_amount", sa.BigInteger(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_payment_entries_reverses_id_payment_entries"),
            "payment_entries",
            ["reverses_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_payment_entries_organisation_id_reverses_id"), ["organisation_id", "reverses_id"]
        )

    op.create_table(
        "mandate_revocations",
        sa.Column("mandate_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mandate_id"],
            ["mandates.id"],
            name=op.f("fk_mandate_revocations_mandate_id_mandates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_mandate_revocations_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mandate_revocations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_mandate_revocations_token_hash")),
    )
    with op.batch_alter_table("mandate_revocations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mandate_revocations_mandate_id"), ["mandate_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_mandate_revocations_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("mandate_revocations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mandate_revocations_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_mandate_revocations_mandate_id"))
    op.drop_table("mandate_revocations")

    with op.batch_alter_table("payment_entries", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_payment_entries_organisation_id_reverses_id"), type_="unique")
        batch_op.drop_constraint(
            batch_op.f("fk_payment_entries_reverses_id_payment_entries"), type_="foreignkey"
        )
        batch_op.drop_column("overpaid_amount")
        batch_op.drop_column("reverses_id")
