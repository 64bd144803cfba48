"""inbox drain: a partial index on the provider events waiting for their first processing, which the drains
woken by the webhook intake look for (the intake writes no job per event any more)

Revision ID: 0020
Revises: 0021
Create Date: 2026-12-07 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECEIVED = sa.text("status = 'received'")


def upgrade() -> None:
    op.create_index(
        "ix_provider_events_received",
        "provider_events",
        ["created_at"],
        postgresql_where=RECEIVED,
        sqlite_where=RECEIVED,
    )


def downgrade() -> None:
    op.drop_index("ix_provider_events_received", table_name="provider_events")
