"""mail settings: the SMTP server each organisation sends through (password encrypted)

Revision ID: 0017
Revises: 0014
Create Date: 2026-12-07 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mail_settings",
        sa.Column("host", sa.String(length=253), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column("security", sa.String(length=10), nullable=False),
        sa.Column("username", sa.String(length=254), nullable=True),
        sa.Column("encrypted_password", sa.LargeBinary(), nullable=True),
        sa.Column("sender_address", sa.String(length=254), nullable=False),
        sa.Column("sender_name", sa.String(length=100), nullable=True),
        sa.Column("reply_to", sa.String(length=254), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_mail_settings_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_settings")),
        sa.UniqueConstraint("organisation_id", name=op.f("uq_mail_settings_organisation_id")),
    )
    with op.batch_alter_table("mail_settings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mail_settings_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("mail_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_settings_organisation_id"))
    op.drop_table("mail_settings")
