"""The project clock: pinned to a moment it runs on from there, and `ENCAISSE_CLOCK_AT` outside production."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from api import clock
from api.runtime import Runtime
from api.settings import Settings


def test_a_pinned_clock_reads_its_moment_and_runs_on() -> None:
    moment = datetime(2031, 3, 30, 22, 30, tzinfo=UTC)  # already 31 March in Paris (summer time)

    with clock.pinned(moment):
        first = clock.utc_now()
        second = clock.utc_now()
        assert timedelta(0) <= first - moment < timedelta(seconds=5)
        assert second >= first
        assert clock.paris_today() == date(2031, 3, 31)
        clock.advance(timedelta(days=2))
        assert clock.paris_today() == date(2031, 4, 2)

    assert clock.paris_today() != date(2031, 4, 2)


def test_a_clock_handed_over_with_its_wall_instant_does_not_lag_behind() -> None:
    """A process that starts 10 s after the test pinned its clock reads what the test reads, not 10 s less."""
    moment = datetime(2031, 3, 30, 12, tzinfo=UTC)
    ten_seconds_ago = clock.wall_now() - timedelta(seconds=10)

    with clock.pinned(moment):
        clock.pin(moment, since=ten_seconds_ago)
        assert timedelta(seconds=10) <= clock.utc_now() - moment < timedelta(seconds=15)


def test_the_clock_refuses_a_naive_moment() -> None:
    with pytest.raises(ValueError, match="aware"):
        clock.pin(datetime(2031, 1, 1))  # noqa: DTZ001 - the naive value is the point


def test_a_server_started_with_clock_at_reads_that_moment(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path,
        clock_at=datetime(2030, 6, 1, 23, 59, 58, tzinfo=clock.PARIS),
        clock_at_since=clock.wall_now() - timedelta(seconds=5),
    )

    with clock.pinned(datetime(2026, 1, 1, tzinfo=UTC)):
        runtime = Runtime.build(settings)
        try:
            assert clock.paris_today() == date(2030, 6, 2)  # 5 s after 23:59:58
        finally:
            runtime.close()


def test_clock_at_is_refused_in_production(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="ENCAISSE_CLOCK_AT"):
        Settings(
            env="production",
            secret_key="x" * 40,
            data_dir=tmp_path,
            clock_at=datetime(2030, 6, 1, tzinfo=UTC),
        )
