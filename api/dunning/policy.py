"""Pure dunning rules: the default sequence, which step is due, on which business day and at what time,
the client's segment, and what stops a reminder. Plain values in and out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from api.clock import PARIS

CHANNELS = ("email", "letter", "call", "handoff")
TONES = ("courtesy", "friendly", "firm", "formal", "final")
SEGMENTS = ("reliable", "to_watch", "bad_payer")
DEFAULT_SEGMENT = "default"
_KEY = re.compile(r"^[a-z0-9_]{1,40}$")


@dataclass(frozen=True)
class Step:
    key: str
    offset_days: int  # from the due date; negative: before it
    channel: str
    template: str
    tone: str
    show_penalties: bool = False


DEFAULT_STEPS: tuple[Step, ...] = (
    Step("courtesy", -3, "email", "courtesy", "courtesy"),
    Step("due", 1, "email", "friendly", "friendly"),
    Step("j5", 5, "email", "firm", "firm", show_penalties=True),
    Step("j15", 15, "email", "firm", "firm", show_penalties=True),
    Step("j30", 30, "email", "final", "final", show_penalties=True),
    Step("call", 35, "call", "call", "final", show_penalties=True),
    Step("formal_notice", 45, "letter", "formal_notice", "formal", show_penalties=True),
    Step("handoff", 60, "handoff", "handoff", "formal", show_penalties=True),
)


def step_dict(step: Step) -> dict[str, object]:
    return {
        "key": step.key,
        "offset_days": step.offset_days,
        "channel": step.channel,
        "template": step.template,
        "tone": step.tone,
        "show_penalties": step.show_penalties,
    }


def parse_steps(raw: Iterable[dict[str, object]]) -> tuple[Step, ...]:
    """Steps as a user sent them, checked; ValueError says what is wrong. Sorted by offset."""
    steps = []
    for index, item in enumerate(raw, start=1):
        try:
            step = Step(
                key=str(item["key"]),
                offset_days=int(str(item["offset_days"])),
                channel=str(item["channel"]),
                template=str(item.get("template") or item["key"]),
                tone=str(item.get("tone") or "friendly"),
                show_penalties=bool(item.get("show_penalties", False)),
            )
        except (KeyError, ValueError) as exc:
            raise ValueError(f"step {index}: key, offset_days and channel are required ({exc})") from exc
        _check_step(index, step)
        steps.append(step)
    keys = [s.key for s in steps]
    if len(set(keys)) != len(keys):
        raise ValueError("two steps have the same key")
    if not steps:
        raise ValueError("a sequence needs at least one step")
    return tuple(sorted(steps, key=lambda s: s.offset_days))


def _check_step(index: int, step: Step) -> None:
    if not _KEY.match(step.key) or not _KEY.match(step.template):
        raise ValueError(f"step {index}: key and template are lowercase letters, digits and _")
    if not -60 <= step.offset_days <= 365:
        raise ValueError(f"step {index}: offset_days must be between -60 and 365")
    if step.channel not in CHANNELS:
        raise ValueError(f"step {index}: channel must be one of {', '.join(CHANNELS)}")
    if step.tone not in TONES:
        raise ValueError(f"step {index}: tone must be one of {', '.join(TONES)}")


# ------------------------------------------------------------------ calendar


@dataclass(frozen=True)
class Calendar:
    """When messages may leave: Europe/Paris business days, inside the window, outside blackouts."""

    window_start_minute: int = 9 * 60
    window_end_minute: int = 18 * 60
    blackouts: tuple[tuple[date, date], ...] = ()

    def open_on(self, day: date) -> bool:
        return is_business_day(day) and not any(start <= day <= end for start, end in self.blackouts)


@lru_cache(maxsize=64)
def _french_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("FR", years=year))


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _french_holidays(day.year)


def next_open_day(day: date, calendar: Calendar) -> date:
    while not calendar.open_on(day):
        day += timedelta(days=1)
    return day


def previous_open_day(day: date, calendar: Calendar) -> date:
    while not calendar.open_on(day):
        day -= timedelta(days=1)
    return day


def step_day(due_date: date, step: Step, calendar: Calendar) -> date:
    """A notice before the due date moves earlier (it must arrive before it); a reminder after it moves
    later (never chase before the day the sequence promises)."""
    day = due_date + timedelta(days=step.offset_days)
    return previous_open_day(day, calendar) if step.offset_days < 0 else next_open_day(day, calendar)


def send_moment(day: date, calendar: Calendar, now: datetime) -> datetime:
    """The first moment at or after `now` that is on or after `day` and inside the sending window."""
    local = now.astimezone(PARIS)
    day = max(day, local.date())
    while True:
        day = next_open_day(day, calendar)
        start = _at(day, calendar.window_start_minute)
        end = _at(day, calendar.window_end_minute)
        if local < start:
            return start
        if local < end:
            return local
        day += timedelta(days=1)


def _at(day: date, minute: int) -> datetime:
    return datetime.combine(day, time(minute // 60, minute % 60), PARIS)


# ------------------------------------------------------------------ which step


@dataclass(frozen=True)
class StepChoice:
    step: Step | None  # the step to send now
    passed_over: tuple[Step, ...]  # older steps that were due too: never sent once a later one is
    next_day: date | None  # when the following step falls due


def choose_step(
    steps: Sequence[Step], *, due_date: date, today: date, done: set[str], calendar: Calendar
) -> StepChoice:
    """Only the latest due step goes out: after a pause or an outage the client gets one message, not
    the whole backlog. A notice before the due date is pointless once the date has passed."""
    waiting = [s for s in steps if s.key not in done]
    due = [s for s in waiting if step_day(due_date, s, calendar) <= today]
    stale = [s for s in due if s.offset_days < 0 and today >= due_date]
    sendable = [s for s in due if s not in stale]
    step = max(sendable, key=lambda s: s.offset_days) if sendable else None
    passed = tuple(s for s in due if s is not step)
    later = [step_day(due_date, s, calendar) for s in waiting if s not in due]
    return StepChoice(step=step, passed_over=passed, next_day=min(later) if later else None)


# ------------------------------------------------------------------ segments


@dataclass(frozen=True)
class Behaviour:
    """A client's payment behaviour over its invoices paid (or still unpaid past their due date)."""

    invoices: int
    paid_late: int
    average_days_late: float

    @property
    def share_late(self) -> float:
        return self.paid_late / self.invoices if self.invoices else 0.0


def days_late(due: date, paid: date) -> int:
    """How late an invoice was paid (or is, counted to today when unpaid): never negative."""
    return max(0, (paid - due).days)


def behaviour(history: Iterable[tuple[date, date]]) -> Behaviour:
    """`history`: (due date, paid date or today for an overdue unpaid invoice)."""
    delays = [days_late(due, paid) for due, paid in history]
    return summarise(len(delays), sum(1 for d in delays if d > 0), sum(delays))


def summarise(invoices: int, paid_late: int, total_days_late: int) -> Behaviour:
    """The behaviour from its totals (what an aggregate query over many clients gives)."""
    if not invoices:
        return Behaviour(0, 0, 0.0)
    return Behaviour(invoices, paid_late, total_days_late / invoices)


@dataclass(frozen=True)
class SegmentRule:
    segment: str
    average_days_above: float
    share_late_above: float


# The first rule the behaviour exceeds (average days late or share paid late) names the segment; none:
# reliable. api/clients/repository.py builds its SQL filter from these same rules.
SEGMENT_RULES = (SegmentRule("bad_payer", 30, 0.6), SegmentRule("to_watch", 7, 0.3))
NO_HISTORY_SEGMENT = UNFLAGGED_SEGMENT = "reliable"


def segment_of(found: Behaviour, override: str | None = None) -> str:
    if override in SEGMENTS:
        return override
    if found.invoices == 0:
        return NO_HISTORY_SEGMENT
    for rule in SEGMENT_RULES:
        if found.average_days_late > rule.average_days_above or found.share_late > rule.share_late_above:
            return rule.segment
    return UNFLAGGED_SEGMENT


# ------------------------------------------------------------------ what stops a reminder


@dataclass(frozen=True)
class Hold:
    kind: str  # promise, dispute, pause
    until: date | None


@dataclass(frozen=True)
class Block:
    reason: str
    resume_on: date | None = None  # None: nothing to chase until something changes


def hold_block(holds: Iterable[Hold], *, today: date, grace_days: int) -> Block | None:
    """The strongest hold wins: an open dispute or an open-ended pause beats a dated one."""
    found: list[Block] = []
    for hold in holds:
        if hold.kind == "dispute" or (hold.kind == "pause" and hold.until is None):
            return Block(hold.kind)
        end = hold.until
        if end is None:
            continue
        if hold.kind == "promise":
            end += timedelta(days=grace_days)
        if today <= end:
            found.append(Block(hold.kind, end + timedelta(days=1)))
    return max(found, key=lambda b: b.resume_on or date.max) if found else None


def money_block(*, collection_status: str, owed: int, disputed: bool, minimum: int) -> Block | None:
    """`owed` is transactions.owed_now: 0 when paid or cancelled, and only what is not on its way while a
    debit or an instalment plan is processing (a failed instalment is owed again, the rest is not)."""
    if collection_status in ("paid", "cancelled"):
        return Block(collection_status)
    if disputed:
        return Block("disputed")
    if owed <= 0:
        return Block("processing" if collection_status == "processing" else "nothing_owed")
    if owed < minimum:
        return Block("below_minimum")
    return None
