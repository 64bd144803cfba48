"""Time in one place: aware UTC for storage, Europe/Paris for business dates.

The clock can be pinned: from `pin(moment)` on it reads `moment` and runs on from there at the wall clock's
pace, so tests (and a test server, through `ENCAISSE_CLOCK_AT`) never depend on the day they run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

_shift = timedelta(0)


def utc_now() -> datetime:
    return datetime.now(UTC) + _shift


def paris_today() -> date:
    return utc_now().astimezone(PARIS).date()


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


def pin(moment: datetime, *, since: datetime | None = None) -> None:
    """The clock reads `moment` (an aware datetime) at the wall-clock instant `since` (default: now), and
    runs on from there. `since` lets another process share a pinned clock exactly, however long it took to
    start."""
    global _shift
    if moment.tzinfo is None or (since is not None and since.tzinfo is None):
        raise ValueError("the clock is pinned to an aware datetime")
    _shift = moment - (since or datetime.now(UTC))


def wall_now() -> datetime:
    """The machine's clock, unpinned: only for handing a pinned clock over to another process."""
    return datetime.now(UTC)


def unpin() -> None:
    global _shift
    _shift = timedelta(0)


def advance(delta: timedelta) -> None:
    """Move a pinned (or the wall) clock forward, as if `delta` had passed."""
    global _shift
    _shift += delta


@contextmanager
def pinned(moment: datetime) -> Iterator[None]:
    global _shift
    before = _shift
    pin(moment)
    try:
        yield
    finally:
        _shift = before


def paris_moment(day: date, hour: int = 12) -> datetime:
    """Noon (or `hour`) in Paris on `day`, as an aware datetime: what a test pins the clock to."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=PARIS)
