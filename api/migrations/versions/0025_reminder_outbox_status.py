"""reminder outbox status: a message only written to the local outbox folder says `outbox`, not `sent`

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07 11:30:00.000000

Until now a reminder (or a SEPA pre-notification) written to the outbox folder because no mail server was
set got the status `sent`, the fact kept only in its snapshot's `delivery`. The status is now `outbox` for
those: this moves the rows already written. Nothing is lost either way: the snapshot keeps `delivery`, so the
downgrade puts `sent` back from the status alone.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The rows to move, in each backend's JSON dialect (the snapshot column is JSON, not JSONB).
UPGRADE = {
    "postgresql": "UPDATE reminders SET status = 'outbox' "
    "WHERE status = 'sent' AND snapshot ->> 'delivery' = 'outbox'",
    "sqlite": "UPDATE reminders SET status = 'outbox' "
    "WHERE status = 'sent' AND json_extract(snapshot, '$.delivery') = 'outbox'",
}


def upgrade() -> None:
    op.execute(sa.text(UPGRADE[op.get_bind().dialect.name]))


def downgrade() -> None:
    op.execute(sa.text("UPDATE reminders SET status = 'sent' WHERE status = 'outbox'"))
