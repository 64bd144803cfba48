from __future__ import annotations

import threading
import time
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.clock import utc_now
from api.db import unit_of_work
from api.jobs.backends import InProcessBackend
from api.jobs.repository import JobRepository
from api.models import Job
from api.runtime import Runtime
from api.settings import Settings
from api.worker import enqueue, import_task_modules
from tests.support.processes import wait_until
from tests.support.tasks import runs

import_task_modules(["tests.support.tasks"])


def backend(runtime: Runtime) -> InProcessBackend:
    assert isinstance(runtime.backend, InProcessBackend)
    return runtime.backend


def job(db: Session, job_id: object) -> Job:
    db.expire_all()
    row = db.get(Job, job_id)
    assert row is not None
    db.commit()  # end the read: on SQLite an open transaction holds the write lock
    return row


class TestEnqueue:
    def test_a_job_runs_once_after_commit(self, runtime: Runtime, settings: Settings, db: Session) -> None:
        with unit_of_work(runtime.session_factory) as session:
            job_id = enqueue(session, "tests.touch", key="a").id

        assert backend(runtime).wait_idle()
        assert runs(settings.data_dir, "a") == 1
        row = job(db, job_id)
        assert (row.status, row.attempts, row.last_error) == ("done", 1, None)
        assert row.finished_at is not None

    def test_a_rolled_back_transaction_leaves_no_job_and_runs_nothing(
        self, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        def failing_request() -> None:
            with unit_of_work(runtime.session_factory) as session:
                enqueue(session, "tests.touch", key="b")
                raise RuntimeError("the request failed")

        with pytest.raises(RuntimeError):
            failing_request()

        assert backend(runtime).wait_idle()
        assert runs(settings.data_dir, "b") == 0
        assert db.scalars(select(Job)).all() == []

    def test_a_savepoint_rolled_back_does_not_lose_the_jobs_enqueued_before_it(
        self, runtime: Runtime, settings: Settings
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            enqueue(session, "tests.touch", key="kept")
            try:
                with session.begin_nested():
                    enqueue(session, "tests.touch", key="undone")
                    raise RuntimeError("the savepoint fails")
            except RuntimeError:
                pass

        assert backend(runtime).wait_idle()
        assert runs(settings.data_dir, "kept") == 1
        assert runs(settings.data_dir, "undone") == 0

    def test_an_unknown_task_is_refused_at_enqueue(self, runtime: Runtime) -> None:
        with pytest.raises(KeyError, match="tests.nope"), unit_of_work(runtime.session_factory) as session:
            enqueue(session, "tests.nope")

    def test_jobs_enqueued_by_a_task_run_after_it_commits(
        self, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            enqueue(session, "tests.parent", key="p")

        assert backend(runtime).wait_idle()
        assert runs(settings.data_dir, "p") == 1
        assert runs(settings.data_dir, "p.child") == 1
        assert sorted(db.scalars(select(Job.status))) == ["done", "done"]


class TestInProcessQueue:
    def test_jobs_dispatched_together_run_side_by_side(self, runtime: Runtime, settings: Settings) -> None:
        # Two captures uploaded together use both job threads: neither waits for the other to finish.
        with unit_of_work(runtime.session_factory) as session:
            enqueue(session, "tests.wait_for_flag", key="side1")
            enqueue(session, "tests.wait_for_flag", key="side2")

        wait_until(
            lambda: runs(settings.data_dir, "side1.started") + runs(settings.data_dir, "side2.started") == 2
        )
        for key in ("side1", "side2"):
            (settings.data_dir / "traces" / f"{key}.flag").touch()
        assert backend(runtime).wait_idle()
        assert (runs(settings.data_dir, "side1"), runs(settings.data_dir, "side2")) == (1, 1)


class TestRunner:
    def test_running_a_finished_job_again_does_nothing(
        self, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            job_id = enqueue(session, "tests.touch", key="c").id
        backend(runtime).wait_idle()

        ran = runtime.runner.run(job_id)

        assert ran is False
        assert runs(settings.data_dir, "c") == 1
        assert job(db, job_id).attempts == 1

    def test_a_claimed_job_cannot_be_claimed_again_while_its_lease_holds(self, runtime: Runtime) -> None:
        with unit_of_work(runtime.session_factory) as session:
            job_id = enqueue(session, "tests.touch", key="d", delay=timedelta(seconds=-1)).id
        with unit_of_work(runtime.session_factory) as session:
            first = JobRepository(session).claim(job_id, now=utc_now(), lease=timedelta(minutes=5))
        with unit_of_work(runtime.session_factory) as session:
            second = JobRepository(session).claim(job_id, now=utc_now(), lease=timedelta(minutes=5))

        assert (first, second) == (True, False)

    def test_a_failing_job_is_retried_then_marked_failed_with_its_error(
        self, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        runtime.runner.retry_base = timedelta(0)
        with unit_of_work(runtime.session_factory) as session:
            job_id = enqueue(session, "tests.fail", key="e").id
        backend(runtime).wait_idle()
        row = job(db, job_id)
        assert (row.status, row.attempts) == ("pending", 1)
        assert row.last_error == "RuntimeError: boom e"

        runtime.scheduler().tick()  # the sweeper hands out the retry that is now due
        backend(runtime).wait_idle()

        row = job(db, job_id)
        assert (row.status, row.attempts) == ("failed", 2)
        assert runs(settings.data_dir, "e") == 2
        runtime.scheduler().tick()
        backend(runtime).wait_idle()
        assert runs(settings.data_dir, "e") == 2


class TestClaimInTransaction:
    """Tasks registered with `claim_in_transaction`: claim, task and "done" commit together."""

    def test_it_runs_once_is_marked_done_and_its_jobs_are_dispatched(
        self, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            job_id = enqueue(session, "tests.parent_in_claim_transaction", key="t").id

        assert backend(runtime).wait_idle()
        assert runtime.runner.run(job_id) is False  # done: nothing left to claim

        row = job(db, job_id)
        assert (row.status, row.attempts, row.last_error) == ("done", 1, None)
        assert (runs(settings.data_dir, "t"), runs(settings.data_dir, "t.child")) == (1, 1)

    def test_a_failure_rolls_back_its_work_counts_the_attempt_and_is_retried_then_failed(
        self, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        runtime.runner.retry_base = timedelta(0)
        with unit_of_work(runtime.session_factory) as session:
            job_id = enqueue(session, "tests.fail_in_claim_transaction", key="u").id
        backend(runtime).wait_idle()

        row = job(db, job_id)
        assert (row.status, row.attempts, row.last_error) == ("pending", 1, "RuntimeError: boom u")
        assert db.scalars(select(Job.name).where(Job.name.like("tests.%"))).all() == [
            "tests.fail_in_claim_transaction"
        ]  # no child job
        db.commit()

        runtime.scheduler().tick()  # the retry, now due
        backend(runtime).wait_idle()

        row = job(db, job_id)
        assert (row.status, row.attempts) == ("failed", 2)
        assert (runs(settings.data_dir, "u"), runs(settings.data_dir, "u.child")) == (2, 0)
        assert db.scalars(select(Job.name).where(Job.name.like("tests.%"))).all() == [
            "tests.fail_in_claim_transaction"
        ]
        db.commit()


def backlog(runtime: Runtime, task: str, prefix: str, count: int) -> list[uuid.UUID]:
    """Due jobs that nobody dispatched, the oldest first, with keys prefix0, prefix1…"""
    with unit_of_work(runtime.session_factory) as session:
        return [
            enqueue(session, task, key=f"{prefix}{n}", delay=timedelta(seconds=n - 10)).id
            for n in range(count)
        ]


class TestBatchTasks:
    """Tasks registered with `batch`: one call takes its own job and up to `batch - 1` other due ones."""

    def test_one_call_runs_its_job_and_the_oldest_others_then_marks_them_done(
        self, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        ids = backlog(runtime, "tests.batch_touch", "b", 4)

        ran = runtime.runner.run(ids[3])  # the newest: it takes the two oldest with it

        assert ran is True
        assert (settings.data_dir / "traces" / "batch_sizes").read_text() == "3\n"
        assert [runs(settings.data_dir, f"b{n}") for n in range(4)] == [1, 1, 0, 1]
        assert [(job(db, i).status, job(db, i).attempts) for i in ids] == [
            ("done", 1), ("done", 1), ("pending", 0), ("done", 1)
        ]  # fmt: skip
        backend(runtime).dispatch(ids)  # their queue entries come round: only the one left runs
        assert backend(runtime).wait_idle()
        assert [runs(settings.data_dir, f"b{n}") for n in range(4)] == [1, 1, 1, 1]

    def test_jobs_dispatched_together_run_in_batches_each_once(
        self, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            ids = [enqueue(session, "tests.batch_touch", key=f"t{n}").id for n in range(7)]

        assert backend(runtime).wait_idle()

        sizes = [int(size) for size in (settings.data_dir / "traces" / "batch_sizes").read_text().split()]
        # How the two job threads split them varies; each job runs once, and together where they can.
        assert (sum(sizes), max(sizes)) == (7, 3)
        assert [runs(settings.data_dir, f"t{n}") for n in range(7)] == [1] * 7
        assert {job(db, i).status for i in ids} == {"done"}

    def test_a_call_lingers_for_jobs_enqueued_meanwhile_on_postgresql_only(
        self, runtime: Runtime, settings: Settings, db: Session, database_url: str
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            first = enqueue(session, "tests.batch_linger", key="l0", delay=timedelta(seconds=-1)).id
        call = threading.Thread(target=runtime.runner.run, args=(first,))
        call.start()
        time.sleep(0.5)  # the call has claimed its job and found no other: it lingers (2 s) on PostgreSQL
        with unit_of_work(runtime.session_factory) as session:  # on SQLite, waits for the call's commit
            second = enqueue(session, "tests.batch_linger", key="l1", delay=timedelta(seconds=-1)).id
        call.join()

        lingered = database_url.startswith("postgresql")
        sizes = (settings.data_dir / "traces" / "batch_sizes").read_text()
        assert sizes == ("2\n" if lingered else "1\n")
        assert job(db, second).status == ("done" if lingered else "pending")

    def test_a_failing_call_leaves_the_others_pending_and_counts_only_its_own_attempt(
        self, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        ids = backlog(runtime, "tests.batch_fail", "f", 3)

        runtime.runner.run(ids[0])

        assert [runs(settings.data_dir, f"f{n}") for n in range(3)] == [1, 1, 1]
        first, *others = (job(db, i) for i in ids)
        assert (first.status, first.attempts, first.last_error) == ("pending", 1, "RuntimeError: boom batch")
        assert [(o.status, o.attempts, o.last_error) for o in others] == [("pending", 0, None)] * 2


class TestSweeper:
    def test_a_job_whose_worker_died_is_run_again_when_its_lease_expires(
        self, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        # Given a job claimed by a worker that then died (its lease is already over)
        with unit_of_work(runtime.session_factory) as session:
            job_id = enqueue(session, "tests.touch", key="f", delay=timedelta(hours=-1)).id
        with unit_of_work(runtime.session_factory) as session:
            assert JobRepository(session).claim(
                job_id, now=utc_now() - timedelta(hours=1), lease=timedelta(minutes=1)
            )
        assert job(db, job_id).status == "running"
        assert runs(settings.data_dir, "f") == 0

        # When the scheduler sweeps
        runtime.scheduler().tick()
        backend(runtime).wait_idle()

        # Then the job ran to the end, once
        row = job(db, job_id)
        assert (row.status, row.attempts) == ("done", 2)
        assert runs(settings.data_dir, "f") == 1

    def test_a_job_committed_but_never_dispatched_is_picked_up(
        self, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        # Given a pending row whose dispatch was lost (the process died right after commit)
        with unit_of_work(runtime.session_factory) as session:
            session.add(
                Job(
                    name="tests.touch",
                    payload={"key": "g"},
                    run_after=utc_now() - timedelta(minutes=5),
                    dispatched_at=utc_now() - timedelta(minutes=5),
                )
            )

        runtime.scheduler().tick()
        backend(runtime).wait_idle()

        assert runs(settings.data_dir, "g") == 1
        assert db.scalars(select(Job.status).where(Job.name.like("tests.%"))).one() == "done"

    def test_a_recently_dispatched_job_is_left_alone(self, runtime: Runtime) -> None:
        with unit_of_work(runtime.session_factory) as session:
            session.add(
                Job(name="tests.touch", payload={"key": "h"}, run_after=utc_now(), dispatched_at=utc_now())
            )

        assert runtime.runner.sweep(grace=timedelta(minutes=1)) == []

    def test_the_embedded_scheduler_thread_sweeps_on_its_own(
        self, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            session.add(
                Job(name="tests.touch", payload={"key": "i"}, run_after=utc_now() - timedelta(minutes=5))
            )

        runtime.start_embedded_scheduler()  # sweeps every 0.2 s in tests

        wait_until(lambda: runs(settings.data_dir, "i") == 1, timeout=30)
        backend(runtime).wait_idle()
        assert runs(settings.data_dir, "i") == 1
