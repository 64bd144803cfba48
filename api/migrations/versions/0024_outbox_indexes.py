"""outbox indexes: the reminders sent, newest first, for the whole organisation and for one status

Revision ID: 0024
Revises: 0020
Create Date: 2026-12-07 10:40:00.000000

Without them the outbox page (/relances/envoyees) joined every invoice of the organisation to its
reminders and sorted them all to show the newest 200 (143 ms of PostgreSQL time at 100,000 invoices and
15,000 reminders); with them it reads the first 200 index entries and their 200 invoices (2 ms). On
PostgreSQL they are built CONCURRENTLY, outside the migration's transaction, so reminders stay writable.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0024"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (name, columns): the same as api/models/list_indexes.py declares
INDEXES = (
    ("ix_reminders_org_created", ["organisation_id", "created_at", "id"]),
    ("ix_reminders_org_status_created", ["organisation_id", "status", "created_at", "id"]),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        for name, columns in INDEXES:
            op.create_index(name, "reminders", columns)
        return
    with op.get_context().autocommit_block():
        for name, columns in INDEXES:
            op.create_index(name, "reminders", columns, postgresql_concurrently=True)


def downgrade() -> None:
    for name, _ in INDEXES:
        op.drop_index(name, table_name="reminders")
