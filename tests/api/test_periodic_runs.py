"""Periodic jobs are enqueued once per period, whichever scheduler holds the work and however often it
changes hands (a restart, a second machine): the period is claimed in the database. Both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.clock import advance, utc_now
from api.jobs.scheduler import period_start
from api.models import Job, PeriodicRun
from api.runtime import Runtime
from api.settings import Settings
from api.worker import registered_tasks


def periodic_counts(db: Session) -> dict[str, int]:
    names = [spec.name for spec in registered_tasks().values() if spec.every is not None]
    rows = db.execute(select(Job.name, func.count()).where(Job.name.in_(names)).group_by(Job.name))
    counts = {name: count for name, count in rows}
    db.commit()
    return counts


def test_periods_are_counted_from_the_epoch_so_every_process_agrees() -> None:
    moment = datetime(2026, 12, 7, 9, 7, 30, tzinfo=UTC)

    assert period_start(moment, timedelta(minutes=10)) == datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    assert period_start(moment, timedelta(hours=1)) == datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    assert period_start(moment.replace(minute=0, second=0), timedelta(minutes=5)) == moment.replace(
        minute=0, second=0
    )


def test_schedulers_that_take_over_from_each_other_never_run_a_period_twice(
    settings: Settings, db: Session
) -> None:
    first, second = Runtime.build(settings), Runtime.build(settings)
    try:
        first.scheduler().tick()
        once = periodic_counts(db)
        second.scheduler().tick()  # a restart, or another machine, in the same periods
        first.scheduler().tick()
        assert periodic_counts(db) == once
        assert set(once.values()) == {1}

        advance(timedelta(hours=1))  # every period has turned at least once
        second.scheduler().tick()
        first.scheduler().tick()

        assert periodic_counts(db) == {name: 2 for name in once}
    finally:
        first.close()
        second.close()


def test_claimed_periods_are_forgotten_after_a_week(settings: Settings, db: Session) -> None:
    runtime = Runtime.build(settings)
    try:
        runtime.scheduler().tick()
        advance(timedelta(days=8))
        runtime.scheduler().tick()
        oldest = db.scalar(select(func.min(PeriodicRun.period_start)))
        db.commit()
    finally:
        runtime.close()
    assert oldest is not None
    assert utc_now() - oldest.replace(tzinfo=oldest.tzinfo or UTC) < timedelta(days=7)
