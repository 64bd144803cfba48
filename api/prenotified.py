"""SEPA debits are announced before they are asked for: the one order every automatic debit follows."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Protocol

from sqlalchemy.orm import Session

from api.clock import paris_today
from api.settings import Settings
from api.worker import TaskContext


class NoticeThenDebit(Protocol):
    """A service module with `notify` and `submit` for one row (a collection, an instalment plan)."""

    def notify(
        self,
        session: Session,
        organisation_id: uuid.UUID,
        ident: uuid.UUID,
        /,
        *,
        settings: Settings,
        today: date,
    ) -> object: ...

    def submit(
        self,
        session: Session,
        organisation_id: uuid.UUID,
        ident: uuid.UUID,
        /,
        *,
        secret_key: str,
        timeout: float,
    ) -> object: ...


def notify_then_submit(context: TaskContext, flow: NoticeThenDebit, *, tenant: str, ident: str) -> None:
    session, settings = context.session, context.settings
    organisation_id, row_id = uuid.UUID(tenant), uuid.UUID(ident)
    flow.notify(session, organisation_id, row_id, settings=settings, today=paris_today())
    # The notice is on record before anything is asked of the provider: a crash from here on cannot debit
    # without it, and a second run does not send it again.
    session.commit()
    timeout = settings.provider_timeout_seconds
    flow.submit(session, organisation_id, row_id, secret_key=settings.secret_key, timeout=timeout)
