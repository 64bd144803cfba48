"""What comes next for one invoice's reminders: the steps still to go out and on which day, or what stops
them. The same checks as the send (`service.blocked`), so the page says what the worker will do."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from api.clock import paris_today
from api.dunning import policy, service
from api.dunning.repository import DunningRepository
from api.dunning.setup import load_setup
from api.invoices.service import get_invoice
from api.organisations.service import Principal


@dataclass(frozen=True)
class PlannedStep:
    key: str
    channel: str
    tone: str
    day: date


@dataclass(frozen=True)
class Outlook:
    stopped: str | None  # a Block reason (paid, cancelled, disputed, dispute, promise, pause, disabled…)
    resume_on: date | None  # a dated hold: when the reminders start again
    planned: tuple[PlannedStep, ...]


def outlook(
    session: Session, principal: Principal, invoice_id: uuid.UUID, *, today: date | None = None
) -> Outlook:
    invoice = get_invoice(session, principal, invoice_id)
    today = today or paris_today()
    setup = load_setup(session, invoice.organisation_id)
    block = service.blocked(session, invoice, setup, today)
    if block is not None and block.resume_on is None:
        return Outlook(block.reason, None, ())
    assert invoice.due_date is not None  # `blocked` stops an invoice without one
    repository = DunningRepository(session)
    steps = setup.steps_for(service.segment(session, repository.client(invoice.client_id), today))
    done = repository.steps_done(invoice.id)
    start = policy.next_open_day(
        block.resume_on if block is not None and block.resume_on else today, setup.calendar
    )
    # What the worker would send on `start` (policy.choose_step), then the steps not due by then.
    choice = policy.choose_step(
        steps, due_date=invoice.due_date, today=start, done=done, calendar=setup.calendar
    )
    settled = {s.key for s in choice.passed_over} | done
    planned = tuple(
        PlannedStep(
            s.key,
            s.channel,
            s.tone,
            start if s is choice.step else policy.step_day(invoice.due_date, s, setup.calendar),
        )
        for s in steps
        if s.key not in settled
    )
    return Outlook(block.reason if block else None, block.resume_on if block else None, planned)
