"""webhook inbox unique per receiving organisation and provider; provider accounts lose base_url

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 10:00:00.000000

An event id is unique within one provider account, not across all of them: with the key on (provider,
event_id) an organisation posting an id first made another's real event with that id a duplicate, never
recorded. The key is now (organisation_id, provider, event_id), the webhook endpoint that received it.

A tenant no longer chooses where its provider key is sent: provider_accounts.base_url is dropped (the
server-level ENCAISSE_STRIPE_API_BASE / ENCAISSE_GOCARDLESS_API_BASE replace it, outside production only).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KEY = "uq_provider_events_provider_event_id"
NEW_KEY = "uq_provider_events_organisation_id_provider_event_id"
SHARED_IDS = "SELECT provider, event_id FROM provider_events GROUP BY provider, event_id HAVING COUNT(*) > 1"


def upgrade() -> None:
    with op.batch_alter_table("provider_events", schema=None) as batch_op:
        batch_op.drop_constraint(OLD_KEY, type_="unique")
        batch_op.create_unique_constraint(NEW_KEY, ["organisation_id", "provider", "event_id"])
    with op.batch_alter_table("provider_accounts", schema=None) as batch_op:
        batch_op.drop_column("base_url")


def downgrade() -> None:
    """Refused while two organisations hold the same (provider, event id): the old key cannot hold both,
    and which organisation's event to delete is not a migration's choice."""
    shared = op.get_bind().execute(sa.text(SHARED_IDS)).first()
    if shared is not None:
        raise RuntimeError(
            f"cannot downgrade below 0011: {shared[0]} event {shared[1]!r} is in the inbox of more than one "
            "organisation, which the old key (provider, event_id) cannot hold"
        )
    with op.batch_alter_table("provider_accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("base_url", sa.String(length=300), nullable=True))
    with op.batch_alter_table("provider_events", schema=None) as batch_op:
        batch_op.drop_constraint(NEW_KEY, type_="unique")
        batch_op.create_unique_constraint(OLD_KEY, ["provider", "event_id"])
