"""An organisation's dunning set-up in one value: its policy (or the defaults), its sequences per segment
and its own templates, read once per job."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from api.dunning import policy, templates
from api.dunning.repository import DunningRepository
from api.models import DunningPolicy


@dataclass(frozen=True)
class Setup:
    enabled: bool
    minimum_amount: int
    calendar: policy.Calendar
    promise_grace_days: int
    group_overdue: bool
    attach_invoice: bool
    notice_deadline_days: int
    contract_rate: Decimal | None
    sequences: dict[str, tuple[policy.Step, ...]]
    own_templates: dict[tuple[str, str], tuple[str, str]]

    def steps_for(self, segment: str) -> tuple[policy.Step, ...]:
        return (
            self.sequences.get(segment) or self.sequences.get(policy.DEFAULT_SEGMENT) or policy.DEFAULT_STEPS
        )

    def step(self, key: str) -> policy.Step | None:
        every = [s for steps in (*self.sequences.values(), policy.DEFAULT_STEPS) for s in steps]
        return next((s for s in every if s.key == key), None)

    def template(self, key: str, language: str) -> tuple[str, str]:
        """The user's version, else the built-in one; an unknown key falls back to the friendly reminder."""
        if (key, language) in self.own_templates:
            return self.own_templates[(key, language)]
        return templates.built_in(key if key in templates.KEYS else "friendly", language)


def load_setup(session: Session, organisation_id: uuid.UUID) -> Setup:
    repository = DunningRepository(session)
    row = repository.policy(organisation_id) or default_policy(organisation_id)
    sequences = {s.segment: policy.parse_steps(s.steps) for s in repository.sequences(organisation_id)}
    own = {(t.key, t.language): (t.subject, t.body) for t in repository.templates(organisation_id)}
    return Setup(
        enabled=row.enabled,
        minimum_amount=row.minimum_amount,
        calendar=calendar_of(row),
        promise_grace_days=row.promise_grace_days,
        group_overdue=row.group_overdue,
        attach_invoice=row.attach_invoice,
        notice_deadline_days=row.notice_deadline_days,
        contract_rate=Decimal(str(row.contract_rate)) if row.contract_rate is not None else None,
        sequences=sequences,
        own_templates=own,
    )


def default_policy(organisation_id: uuid.UUID) -> DunningPolicy:
    """The defaults as an unsaved row, so reading and editing see the same values."""
    return DunningPolicy(
        organisation_id=organisation_id,
        enabled=True,
        minimum_amount=0,
        window_start_minute=9 * 60,
        window_end_minute=18 * 60,
        blackouts=[],
        group_overdue=True,
        attach_invoice=True,
        promise_grace_days=3,
        notice_deadline_days=8,
        contract_rate=None,
    )


def calendar_of(row: DunningPolicy) -> policy.Calendar:
    blackouts = tuple((date.fromisoformat(b["start"]), date.fromisoformat(b["end"])) for b in row.blackouts)
    return policy.Calendar(row.window_start_minute, row.window_end_minute, blackouts)
