"""The one job seam: `@task`, `enqueue` (dispatched only after commit) and the runner both backends use.

A job is a row in `jobs` written in the caller's transaction, so it exists exactly when the work that
asked for it was committed. The queue (a thread pool, or dramatiq on Redis) only carries job ids; the
runner claims the row with a compare-and-set, runs the task in its own session, and marks the row done
in that same transaction. A sweeper re-dispatches rows left pending or running by a crash, so tasks must
tolerate running twice.
"""

from __future__ import annotations

import importlib
import time
import traceback
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from api.clock import utc_now
from api.db import SessionFactory, unit_of_work
from api.jobs.repository import JobRepository
from api.logging import get_logger
from api.models import Job, JobStatus
from api.models.job import DEFAULT_MAX_ATTEMPTS
from api.settings import Settings

log = get_logger(__name__)

TaskFunction = Callable[..., None]  # fn(context: TaskContext, **payload)
CORE_TASK_MODULES = (
    "api.documents.tasks",
    "api.mandates.tasks",
    "api.collections.tasks",
    "api.instalments.tasks",
    "api.provider_events.tasks",
    "api.dunning.tasks",
    "api.organisations.tasks",
)
_PENDING_KEY = "encaisse.jobs_to_dispatch"


class UnknownTask(LookupError):
    """A job whose task no module of this process registered (a deployment out of step)."""


@dataclass(frozen=True)
class TaskContext:
    """What a task gets besides its payload: its own session (committed when it ends) and the settings."""

    session: Session
    settings: Settings


FailureHook = Callable[..., None]  # hook(context: TaskContext, error: str, **payload)


@dataclass(frozen=True)
class TaskSpec:
    name: str
    fn: TaskFunction
    max_attempts: int | None
    every: timedelta | None = None
    on_final_failure: FailureHook | None = None
    claim_in_transaction: bool = False
    batch: int = 1
    linger: timedelta = timedelta(0)


_TASKS: dict[str, TaskSpec] = {}


def task(
    name: str,
    *,
    max_attempts: int | None = None,
    every: timedelta | None = None,
    on_final_failure: FailureHook | None = None,
    claim_in_transaction: bool = False,
    batch: int = 1,
    linger: timedelta = timedelta(0),
) -> Callable[[TaskFunction], TaskFunction]:
    """Register `fn(context, **payload)` as a job. With `every`, the scheduler also runs it periodically;
    `on_final_failure` runs (in its own transaction) when the last attempt has failed.

    `claim_in_transaction` is for short, frequent tasks: the claim, the task and "done" share one
    transaction instead of two. The claim's row lock then keeps a concurrent runner waiting until the
    outcome is committed (it finds the job done and skips it); a failure rolls the claim back and is
    recorded, attempt counted, in a transaction of its own; a process killed mid-task leaves the job
    pending, for the sweeper, without counting that attempt.

    `batch` (> 1, implies `claim_in_transaction`) is for tasks whose work costs less done together: a call
    gets `fn(context, payloads=[...])` with the payload of the job it was given and of up to `batch - 1`
    other pending jobs of the same task, claimed with it; all of them are done, or failed, together. With
    `linger`, a call that finds fewer than that waits so long once for more to arrive (PostgreSQL only):
    jobs enqueued in a steady stream (one per webhook delivery) are then run together rather than one call
    each, at the price of that much delay when the stream is thin."""

    def register(fn: TaskFunction) -> TaskFunction:
        in_claim = claim_in_transaction or batch > 1
        _TASKS[name] = TaskSpec(name, fn, max_attempts, every, on_final_failure, in_claim, batch, linger)
        return fn

    return register


def registered_tasks() -> dict[str, TaskSpec]:
    return dict(_TASKS)


def import_task_modules(extra: Sequence[str] = ()) -> None:
    for module in (*CORE_TASK_MODULES, *extra):
        importlib.import_module(module)


def max_attempts_of(name: str) -> int:
    """The attempts a new job of task `name` is written with (KeyError for a task nobody registered). For a
    task without its own, the runner applies its deployment's default (ENCAISSE_JOB_MAX_ATTEMPTS) instead
    and writes it on the row at the first failure."""
    if name not in _TASKS:
        raise KeyError(f"unknown task {name!r}")
    return _TASKS[name].max_attempts or DEFAULT_MAX_ATTEMPTS


def enqueue(
    session: Session,
    name: str,
    *,
    organisation_id: uuid.UUID | None = None,
    delay: timedelta | None = None,
    **payload: Any,
) -> Job:
    max_attempts = max_attempts_of(name)
    now = utc_now()
    job = Job(
        name=name,
        payload=payload,
        organisation_id=organisation_id,
        run_after=now + delay if delay else now,
        dispatched_at=None if delay else now,
        max_attempts=max_attempts,
    )
    JobRepository(session).add(job)
    if not delay:
        session.info.setdefault(_PENDING_KEY, []).append(job.id)
    return job


def enqueue_many(session: Session, name: str, jobs: Sequence[tuple[uuid.UUID | None, dict[str, Any]]]) -> int:
    """`enqueue` for a batch of (organisation id, payload), dispatched together after commit."""
    max_attempts, now = max_attempts_of(name), utc_now()
    rows = [
        {"id": uuid.uuid4(), "name": name, "payload": payload, "organisation_id": organisation_id,
         "status": JobStatus.pending, "run_after": now, "dispatched_at": now, "created_at": now,
         "max_attempts": max_attempts}
        for organisation_id, payload in jobs
    ]  # fmt: skip
    JobRepository(session).add_many(rows)
    session.info.setdefault(_PENDING_KEY, []).extend(row["id"] for row in rows)
    return len(rows)


def dispatch_when_committed(session: Session, job_ids: Sequence[uuid.UUID]) -> None:
    """For job rows a repository inserted itself (a set-based fan-out): dispatched like `enqueue`'s."""
    session.info.setdefault(_PENDING_KEY, []).extend(job_ids)


class Dispatcher(Protocol):
    def dispatch(self, job_ids: Sequence[uuid.UUID]) -> None: ...


def dispatch_after_commit(factory: SessionFactory, dispatcher: Dispatcher) -> None:
    """Hand the ids of jobs enqueued in a session to the queue once, and only if, the session commits."""

    def after_commit(session: Session) -> None:
        job_ids = session.info.pop(_PENDING_KEY, [])
        if job_ids:
            dispatcher.dispatch(job_ids)

    def after_soft_rollback(session: Session, previous: SessionTransaction) -> None:
        # Only a rollback of the whole transaction forgets the jobs: a savepoint rolling back must not drop
        # the jobs enqueued before it in a transaction that still commits. Ids of jobs whose rows a
        # savepoint undid are harmless: the runner finds no row to claim.
        if not previous.nested and previous.parent is None:
            session.info.pop(_PENDING_KEY, None)

    event.listen(factory, "after_commit", after_commit)
    event.listen(factory, "after_soft_rollback", after_soft_rollback)


class JobRunner:
    def __init__(
        self,
        factory: SessionFactory,
        settings: Settings,
        *,
        lease: timedelta,
        default_max_attempts: int = 5,
        retry_base: timedelta = timedelta(seconds=10),
    ) -> None:
        self.factory = factory
        self.settings = settings
        self.lease = lease
        self.default_max_attempts = default_max_attempts  # for tasks registered without their own
        self.retry_base = retry_base
        # Told the ids of the jobs a batch task's call ran besides the one it was given (their queue
        # entries no longer need a claim: see InProcessBackend).
        self.on_batch: Callable[[Sequence[uuid.UUID]], None] | None = None

    def claimable(self, job_ids: list[uuid.UUID]) -> list[uuid.UUID]:
        """The ones among `job_ids` that a claim could take now, in their order: one query for many ids
        where a failed claim each would cost a round trip each."""
        with self.factory() as session:
            found = JobRepository(session).claimable(job_ids, now=utc_now())
            session.rollback()
        return [job_id for job_id in job_ids if job_id in found]

    def run(self, job_id: uuid.UUID, companions: Sequence[uuid.UUID] = ()) -> bool:
        """Run one job if it can be claimed. Returns whether it ran (successfully or not). If it is a batch
        task's, the `companions` (more job ids from the same queue) are the first candidates to join it."""
        session = self.factory()
        try:
            claimed = JobRepository(session).claim_returning(job_id, now=utc_now(), lease=self.lease)
            if claimed is None:
                session.rollback()
                return False
            name, payload, attempts, max_attempts = claimed
            spec = _TASKS.get(name)
            if spec is not None and spec.claim_in_transaction:
                return self._run_in_claim_transaction(
                    session, spec, job_id, payload, attempts, max_attempts, companions
                )
            session.commit()  # the claim, with its lease, before the task runs in its own transaction
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        try:
            if spec is None:
                raise UnknownTask(f"no task registered under {name!r} in this process")
            with unit_of_work(self.factory) as task_session:
                self._run_task(task_session, spec, [job_id], [payload])
        except Exception as exc:
            self._record_failure(job_id, name, exc, attempts=attempts, max_attempts=max_attempts)
            return True
        # Periodic work runs every few seconds on an idle server: at info it would bury what people read.
        done = log.debug if spec.every is not None else log.info
        done("job.done", job_id=str(job_id), task=name, attempt=attempts)
        return True

    def _run_in_claim_transaction(
        self,
        session: Session,
        spec: TaskSpec,
        job_id: uuid.UUID,
        payload: dict[str, Any],
        attempts: int,
        max_attempts: int,
        companions: Sequence[uuid.UUID],
    ) -> bool:
        """The claim, the task and "done" in one transaction; a batch task's call also takes up to `batch`
        other pending jobs of its kind, which end with it (a failure leaves them pending again)."""
        job_ids, payloads = [job_id], [payload]
        if spec.batch > 1:
            self._claim_more(session, spec, job_ids, payloads, companions)
            # Not on SQLite: its one writer's lock, held since the claim, would stop every other write.
            single_writer = session.get_bind().dialect.name == "sqlite"
            if len(job_ids) < spec.batch and spec.linger and not single_writer:
                time.sleep(spec.linger.total_seconds())
                self._claim_more(session, spec, job_ids, payloads)
        try:
            self._run_task(session, spec, job_ids, payloads)
            session.commit()
        except Exception as exc:
            session.rollback()  # the claims too: the failure below counts the attempt
            self._record_failure(
                job_id, spec.name, exc, attempts=attempts, max_attempts=max_attempts, count_attempt=True
            )
            return True
        if len(job_ids) > 1 and self.on_batch is not None:
            self.on_batch(job_ids[1:])
        done = log.debug if spec.every is not None else log.info
        done("job.done", job_id=str(job_id), task=spec.name, attempt=attempts, batch=len(job_ids))
        return True

    def _claim_more(
        self,
        session: Session,
        spec: TaskSpec,
        job_ids: list[uuid.UUID],
        payloads: list[dict[str, Any]],
        preferred: Sequence[uuid.UUID] = (),
    ) -> None:
        more = JobRepository(session).claim_more(
            spec.name, now=utc_now(), lease=self.lease, limit=spec.batch - len(job_ids), besides=job_ids[0],
            preferred=preferred,
        )  # fmt: skip
        job_ids += [row[0] for row in more]
        payloads += [row[1] for row in more]

    def _run_task(
        self, session: Session, spec: TaskSpec, job_ids: list[uuid.UUID], payloads: list[dict[str, Any]]
    ) -> None:
        context = TaskContext(session=session, settings=self.settings)
        if spec.batch > 1:
            spec.fn(context, payloads=payloads)
        else:
            spec.fn(context, **payloads[0])
        repository = JobRepository(session)
        repository.mark_done(job_ids, now=utc_now())
        # The same work done now: an earlier job of it that failed for good is no longer a person's concern.
        repository.supersede(spec.name, payloads, besides=job_ids)

    def _record_failure(
        self,
        job_id: uuid.UUID,
        name: str,
        exc: Exception,
        *,
        attempts: int,
        max_attempts: int,
        count_attempt: bool = False,
    ) -> None:
        spec = _TASKS.get(name)
        limit = self.attempts_allowed(spec, max_attempts)
        final = attempts >= limit
        now = utc_now()
        retry_at = None if final else now + self.retry_base * (2 ** (attempts - 1))
        log.warning(
            "job.failed", job_id=str(job_id), task=name, attempt=attempts, final=final, error=repr(exc)
        )
        # Starts with the exception's qualified class name, from which api/jobs/failures.py tells its reason.
        error = "".join(traceback.format_exception_only(exc)).strip()
        with unit_of_work(self.factory) as session:
            repository = JobRepository(session)
            repository.mark_failed_attempt(
                job_id,
                error=error,
                retry_at=retry_at,
                now=now,
                max_attempts=limit,
                count_attempt=count_attempt,
            )
            if not final:
                return
            job = repository.get(job_id)
            payload = dict(job.payload) if job else {}
            repository.supersede(name, [payload], besides=[job_id])  # one failed job per piece of work
            if spec is not None and spec.on_final_failure is not None:
                spec.on_final_failure(
                    TaskContext(session=session, settings=self.settings), str(exc), **payload
                )

    def attempts_allowed(self, spec: TaskSpec | None, written: int) -> int:
        """A task's own limit, else this deployment's default; for a task unknown here, the row's."""
        if spec is None:
            return written
        return spec.max_attempts or self.default_max_attempts

    def sweep(self, *, grace: timedelta) -> list[uuid.UUID]:
        """Find the jobs nobody is running and mark them dispatched; the caller dispatches them."""
        now = utc_now()
        with unit_of_work(self.factory) as session:
            repository = JobRepository(session)
            job_ids = repository.lost_job_ids(now=now, grace=grace)
            repository.mark_dispatched(job_ids, now=now)
        if job_ids:
            log.info("jobs.swept", count=len(job_ids))
        return job_ids
