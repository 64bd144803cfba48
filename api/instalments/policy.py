"""Pure rules of instalment plans: plain values in and out."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

PENDING, ACTIVE, COMPLETED, CANCELLED, ERRORED = "pending", "active", "completed", "cancelled", "errored"
PLANNED, SUBMITTED, PAID, FAILED = "planned", "submitted", "paid", "failed"


def first_date(*, due_date: date | None, today: date, prenotice_days: int) -> date:
    """The first instalment: on the invoice's due date, never before the payer can have read the notice."""
    earliest = today + timedelta(days=prenotice_days)
    return max(due_date or earliest, earliest)


def moved_dates(
    dates: list[date], *, next_possible: date | None, today: date, prenotice_days: int
) -> list[date]:
    """The same monthly rhythm, started no earlier than the mandate allows and the notice period needs."""
    if not dates:
        return []
    earliest = max(next_possible or today, today + timedelta(days=prenotice_days))
    start = max(dates[0], earliest)
    return [start + relativedelta(months=n) for n in range(len(dates))]


def idempotency_key(plan_id: str) -> str:
    """One plan is one provider schedule, however often we retry."""
    return f"encaisse-instalments-{plan_id}"
