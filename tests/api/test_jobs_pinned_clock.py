"""Jobs across processes that share a pinned clock (ENCAISSE_CLOCK_AT + ENCAISSE_CLOCK_AT_SINCE), as the
French journey's server pinned to 2017 and the test that queues its reminder job do.

A job's due time is written with the project clock of the process that queues it and compared, by the
sweeper of the process that runs it, with that process's project clock: never with the machine's clock or
the database's own `now()`, which read years away from a pinned clock (and more than a year ahead again in
the moved-clock pass of scripts/test.sh). A job queued elsewhere is neither stranded nor run early.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from api import clock
from api.db import make_engine
from api.jobs.backends import InProcessBackend
from api.models import Job
from api.runtime import Runtime
from api.worker import enqueue_many, import_task_modules
from tests.conftest import make_settings
from tests.support.tasks import runs

import_task_modules(["tests.support.tasks"])

SERVER_NOW = datetime(2017, 6, 20, 8, 0, tzinfo=UTC)  # the journey's: years before the machine's clock


@pytest.fixture
def server(tmp_path: Path, database_url: str) -> Iterator[tuple[Runtime, datetime]]:
    """A runtime built as `encaisse serve` is with a pinned clock, and the wall-clock instant it reads
    SERVER_NOW (what the process that queues the jobs is handed)."""
    since = clock.wall_now()
    settings = make_settings(tmp_path / "data", database_url, clock_at=SERVER_NOW, clock_at_since=since)
    runtime = Runtime.build(settings)  # pins this process's clock; the suite's fixture puts it back after
    yield runtime, since
    runtime.close()


def queue_elsewhere(
    runtime: Runtime, since: datetime, key: str, *, ahead: timedelta = timedelta(0)
) -> uuid.UUID:
    """What the journey's test does: its own engine and session (nothing dispatches the job: only the server's
    sweeper can find it), its clock computed from the same handed-over instant, `ahead` of the server's."""
    engine = make_engine(runtime.settings.effective_database_url)
    try:
        with Session(engine) as session, clock.pinned(SERVER_NOW + (clock.wall_now() - since) + ahead):
            assert enqueue_many(session, "tests.touch", [(None, {"key": key})]) == 1
            session.commit()
    finally:
        engine.dispose()
    with runtime.session_factory() as session:
        return session.query(Job.id).filter(Job.name == "tests.touch").one()[0]


def status(runtime: Runtime, job_id: uuid.UUID) -> str:
    with runtime.session_factory() as session:
        job = session.get(Job, job_id)
        assert job is not None
        return str(job.status)


def tick(runtime: Runtime) -> None:
    """One pass of the server's scheduler (its periodic jobs and its sweep), then its worker's jobs done."""
    runtime.scheduler().tick()
    assert isinstance(runtime.backend, InProcessBackend)
    assert runtime.backend.wait_idle()


def test_a_job_queued_by_another_process_on_the_pinned_clock_is_swept_and_run(
    server: tuple[Runtime, datetime],
) -> None:
    runtime, since = server
    job_id = queue_elsewhere(runtime, since, "elsewhere")

    clock.advance(timedelta(seconds=1))  # past the sweep's grace for a job marked dispatched (2 intervals)
    tick(runtime)

    assert runs(runtime.settings.data_dir, "elsewhere") == 1
    assert status(runtime, job_id) == "done"


def test_a_job_due_later_on_the_pinned_clock_waits_for_that_moment_not_the_machines(
    server: tuple[Runtime, datetime],
) -> None:
    runtime, since = server
    # Due a minute after the server's moment: long past on the machine's clock and the database's.
    job_id = queue_elsewhere(runtime, since, "later", ahead=timedelta(minutes=1))

    clock.advance(timedelta(seconds=1))
    tick(runtime)
    assert (runs(runtime.settings.data_dir, "later"), status(runtime, job_id)) == (0, "pending")

    clock.advance(timedelta(minutes=1))
    tick(runtime)
    assert (runs(runtime.settings.data_dir, "later"), status(runtime, job_id)) == (1, "done")
