from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from api.mandates import policy

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("due", "next_possible", "days", "expected"),
    [
        (date(2026, 12, 13), date(2026, 11, 25), 3, date(2026, 12, 13)),  # the due date when it is far enough
        (date(2026, 11, 1), date(2026, 11, 25), 3, date(2026, 11, 25)),  # overdue: the mandate's earliest
        (date(2026, 11, 1), date(2026, 11, 24), 5, date(2026, 11, 27)),  # the notice period comes last
        (date(2026, 11, 23), None, 3, date(2026, 11, 25)),  # unknown earliest: the notice period
        (date(2026, 11, 25), date(2026, 11, 25), 3, date(2026, 11, 25)),  # all equal
    ],
)
def test_charge_date(due: date, next_possible: date | None, days: int, expected: date) -> None:
    assert (
        policy.charge_date(due_date=due, next_possible=next_possible, today=TODAY, prenotice_days=days)
        == expected
    )


@pytest.mark.parametrize(
    ("current", "provider", "age", "expected"),
    [
        ("pending", "active", timedelta(minutes=5), "active"),
        ("pending", "pending", timedelta(days=1), "pending"),
        ("pending", "pending", timedelta(days=31), "expired"),  # abandoned on the provider's page
        ("pending", "failed", timedelta(days=1), "failed"),
        ("active", "cancelled", timedelta(days=100), "cancelled"),
        ("cancelled", "active", timedelta(days=1), "cancelled"),  # a stale answer never revives it
    ],
)
def test_status_after_refresh(current: str, provider: str, age: timedelta, expected: str) -> None:
    assert policy.status_after_refresh(current, provider, created_at=NOW - age, now=NOW) == expected


def test_an_unknown_provider_status_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown mandate status"):
        policy.status_after_refresh("pending", "paid", created_at=NOW, now=NOW)


@pytest.mark.parametrize(
    ("status", "days_away", "expected"),
    [
        ("planned", 0, "cancelled"),
        ("notified", 1, "cancelled"),
        ("submitted", 21, "cancelled"),  # still waiting at the provider: cancelled with the mandate
        ("submitted", 6, "cancelled"),
        ("submitted", 5, "submitted"),  # may be at the bank already: the provider will tell
        ("failed", 30, "failed"),
        ("cancelled", 30, "cancelled"),
    ],
)
def test_collection_after_revocation(status: str, days_away: int, expected: str) -> None:
    charge = TODAY + timedelta(days=days_away)
    assert policy.collection_after_revocation(status, charge, TODAY) == expected


@pytest.mark.parametrize(
    ("status", "mandate", "notify", "submit"),
    [
        ("planned", "active", True, False),  # no debit before the notice
        ("notified", "active", False, True),
        ("notified", "cancelled", False, False),
        ("submitted", "active", False, False),
        ("failed", "active", False, False),
    ],
)
def test_notice_before_submission(status: str, mandate: str, notify: bool, submit: bool) -> None:
    assert (policy.should_notify(status), policy.should_submit(status, mandate)) == (notify, submit)


def test_the_idempotency_key_is_derived_from_the_collection() -> None:
    assert policy.idempotency_key("abc") == policy.idempotency_key("abc") == "encaisse-collection-abc"
