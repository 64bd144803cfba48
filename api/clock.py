"""Time in one place: aware UTC for storage, Europe/Paris for business dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def utc_now() -> datetime:
    return datetime.now(UTC)


def paris_today() -> date:
    return datetime.now(PARIS).date()
