"""Time in one place: aware UTC for storage, Europe/Paris for business dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def utc_now() -> datetime:
    return datetime.now(UTC)


def paris_today() -> date:
    return datetime.now(PARIS).date()


def paris_day(moment: datetime) -> date:
    """The business day of a stored moment: a payment at 00:30 in Paris is that day's, not the day before
    (its UTC date)."""
    return moment.astimezone(PARIS).date()


def paris_day_of_utc_text(text: str | None) -> str | None:
    """`paris_day` for SQLite, which stores moments as UTC text without a zone and has no time zones: the
    SQL function `paris_day()` (api/db.py) of the clients list's figures."""
    if text is None:
        return None
    return paris_day(datetime.fromisoformat(text).replace(tzinfo=UTC)).isoformat()
