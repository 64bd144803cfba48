"""The set-up checklist of the home page: computed from what the organisation saved (two queries: the
facts, and its mail settings), hidden and brought back on request. Never commits."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from api.clock import utc_now
from api.mail import service as mail
from api.organisations.service import Principal
from api.settings import Settings
from api.setup import policy
from api.setup.policy import Checklist, MailMode
from api.setup.repository import SetupRepository


def checklist(session: Session, settings: Settings, principal: Principal) -> Checklist:
    facts = SetupRepository(session).facts(principal.organisation_id)
    return policy.checklist(facts, mail_mode(session, settings, principal.organisation_id))


def mail_mode(session: Session, settings: Settings, organisation_id: uuid.UUID) -> MailMode:
    """Where the organisation's emails go now: its own server (Settings → E-mails), the server's, or only
    the local outbox folder (one query: its mail settings)."""
    return mail.mode(session, settings, organisation_id)


def hide(session: Session, principal: Principal) -> None:
    """ "Masquer la liste": the home page stops showing the checklist, for everyone in the organisation."""
    SetupRepository(session).set_hidden(principal.organisation_id, utc_now())


def resume(session: Session, principal: Principal) -> None:
    """ "Reprendre la configuration": the checklist is back until every item is done."""
    SetupRepository(session).set_hidden(principal.organisation_id, None)
