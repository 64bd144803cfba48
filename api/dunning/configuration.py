"""Editing the dunning set-up: the policy (window, blackouts, minimum, penalty rate…), a sequence per
segment and the templates. Anything saved is checked first and every open invoice is looked at again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from api.clock import utc_now
from api.dunning import policy, templates
from api.dunning.repository import DunningRepository
from api.dunning.setup import default_policy
from api.errors import BadRequest, EncaisseError, NotFound
from api.models import DunningPolicy, DunningSequence, ReminderTemplate
from api.organisations.service import Principal

POLICY_FIELDS = (
    "enabled", "minimum_amount", "window_start_minute", "window_end_minute", "blackouts", "group_overdue",
    "attach_invoice", "promise_grace_days", "notice_deadline_days", "contract_rate",
)  # fmt: skip


class TemplateRefused(EncaisseError):
    status_code = 422
    code = "invalid_template"


def get_policy(session: Session, principal: Principal) -> DunningPolicy:
    repository = DunningRepository(session)
    return repository.policy(principal.organisation_id) or default_policy(principal.organisation_id)


def update_policy(session: Session, principal: Principal, changes: dict[str, Any]) -> DunningPolicy:
    unknown = set(changes) - set(POLICY_FIELDS)
    if unknown:
        raise BadRequest(f"unknown settings: {', '.join(sorted(unknown))}")
    repository = DunningRepository(session)
    row = repository.policy(principal.organisation_id)
    if row is None:
        row = repository.add(default_policy(principal.organisation_id))
    for name, value in changes.items():
        setattr(row, name, _checked(name, value))
    if row.window_start_minute >= row.window_end_minute:
        raise BadRequest("The sending window must start before it ends.")
    repository.wake(principal.organisation_id, now=utc_now())
    return row


def _checked(name: str, value: Any) -> Any:
    if name == "blackouts":
        return _blackouts(value)
    if name == "contract_rate":
        return _rate(value)
    if name in ("enabled", "group_overdue", "attach_invoice"):
        return bool(value)
    number = _whole(value)
    if number is None:  # null, "abc", 1.5, NaN, 1e400, a list...: a reason, never a 500
        raise BadRequest(f"{name} must be a whole number")
    limits = {"minimum_amount": (0, 10**12), "window_start_minute": (0, 1440), "window_end_minute": (0, 1440),
              "promise_grace_days": (0, 60), "notice_deadline_days": (1, 60)}  # fmt: skip
    low, high = limits[name]
    if not low <= number <= high:
        raise BadRequest(f"{name} must be between {low} and {high}")
    return number


def _whole(value: Any) -> int | None:
    """5000, 5000.0 or "5000" → 5000; anything else → None."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) <= 18:
        return int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _blackouts(value: Any) -> list[dict[str, str]]:
    if value is not None and not isinstance(value, list):
        raise BadRequest("blackouts is a list of {start, end} dates (YYYY-MM-DD)")
    periods = []
    for item in value or []:
        try:
            start, end = date.fromisoformat(item["start"]), date.fromisoformat(item["end"])
        except (KeyError, TypeError, ValueError) as exc:
            raise BadRequest("each blackout needs start and end dates (YYYY-MM-DD)") from exc
        if end < start:
            raise BadRequest("a blackout ends before it starts")
        periods.append({"start": start.isoformat(), "end": end.isoformat()})
    return periods


def _rate(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        rate = Decimal(str(value).replace(",", "."))
    except InvalidOperation as exc:
        raise BadRequest("contract_rate is a percentage such as 12.5") from exc
    if not rate.is_finite() or not Decimal(0) < rate <= Decimal(100):  # NaN cannot even be compared
        raise BadRequest("contract_rate is a percentage between 0 and 100")
    return rate


# ------------------------------------------------------------------ sequences


@dataclass(frozen=True)
class SequenceView:
    segment: str
    name: str
    steps: tuple[policy.Step, ...]
    built_in: bool


def sequences(session: Session, principal: Principal) -> list[SequenceView]:
    saved = {s.segment: s for s in DunningRepository(session).sequences(principal.organisation_id)}
    views = [SequenceView(s.segment, s.name, policy.parse_steps(s.steps), False) for s in saved.values()]
    if policy.DEFAULT_SEGMENT not in saved:
        views.insert(0, SequenceView(policy.DEFAULT_SEGMENT, "Séquence standard", policy.DEFAULT_STEPS, True))
    return views


def save_sequence(
    session: Session, principal: Principal, segment: str, *, name: str, steps: list[dict[str, Any]]
) -> SequenceView:
    if segment not in (policy.DEFAULT_SEGMENT, *policy.SEGMENTS):
        raise BadRequest(f"segment must be one of {policy.DEFAULT_SEGMENT}, {', '.join(policy.SEGMENTS)}",
                         reason="dunning.unknown_segment")  # fmt: skip
    try:
        parsed = policy.parse_steps(steps)
    except ValueError as exc:
        raise BadRequest(str(exc)) from exc
    repository = DunningRepository(session)
    row = next((s for s in repository.sequences(principal.organisation_id) if s.segment == segment), None)
    if row is None:
        row = repository.add(DunningSequence(organisation_id=principal.organisation_id, segment=segment,
                                             name=name, steps=[]))  # fmt: skip
    row.name, row.steps = name.strip() or segment, [policy.step_dict(s) for s in parsed]
    repository.wake(principal.organisation_id, now=utc_now())
    return SequenceView(segment, row.name, parsed, False)


# ------------------------------------------------------------------ templates


@dataclass(frozen=True)
class TemplateView:
    key: str
    language: str
    subject: str
    body: str
    customised: bool


def template_views(session: Session, principal: Principal) -> list[TemplateView]:
    own = {(t.key, t.language): t for t in DunningRepository(session).templates(principal.organisation_id)}
    views = []
    for key in templates.KEYS:
        for language in templates.LANGUAGES:
            saved = own.get((key, language))
            subject, body = (saved.subject, saved.body) if saved else templates.built_in(key, language)
            views.append(TemplateView(key, language, subject, body, saved is not None))
    return views


def save_template(
    session: Session, principal: Principal, key: str, language: str, *, subject: str, body: str
) -> TemplateView:
    """Refused with the line of the error when it does not render (syntax, unknown variable)."""
    if key not in templates.KEYS or language not in templates.LANGUAGES:
        raise BadRequest(f"templates are {', '.join(templates.KEYS)} in {', '.join(templates.LANGUAGES)}")
    preview(subject, body, language)
    repository = DunningRepository(session)
    own = {(t.key, t.language): t for t in repository.templates(principal.organisation_id)}
    row = own.get((key, language))
    if row is None:
        row = repository.add(ReminderTemplate(organisation_id=principal.organisation_id, key=key,
                                              language=language, subject=subject, body=body))  # fmt: skip
    row.subject, row.body = subject, body
    return TemplateView(key, language, subject, body, True)


def reset_template(session: Session, principal: Principal, key: str, language: str) -> TemplateView:
    if key not in templates.KEYS or language not in templates.LANGUAGES:
        raise NotFound(f"templates are {', '.join(templates.KEYS)} in {', '.join(templates.LANGUAGES)}")
    DunningRepository(session).remove_template(principal.organisation_id, key, language)
    subject, body = templates.built_in(key, language)
    return TemplateView(key, language, subject, body, False)


def preview(subject: str, body: str, language: str = "fr") -> templates.Rendered:
    try:
        templates.check(subject, body)
        return templates.render(subject, body, templates.sample_context(language))
    except templates.TemplateTooCostly as exc:  # a limit of the sandbox: output, value, work, time, depth
        raise TemplateRefused(str(exc), code="template_too_costly") from exc
    except templates.InvalidTemplate as exc:
        raise TemplateRefused(str(exc)) from exc
