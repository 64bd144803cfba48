"""All SQL about job rows. Claims are compare-and-set updates, so a job runs once at a time."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, delete, func, insert, literal, or_, select, update
from sqlalchemy.sql import Insert

from api.models import Collection, Document, InstalmentPlan, Invoice, Job, JobStatus, PeriodicRun, Reminder
from api.repository import Repository, insert_ignoring_duplicates


def insert_jobs_from(
    source: Any, *, organisation_id: Any, payload: Any, task: str, max_attempts: int, now: datetime | Any
) -> Insert:
    """INSERT INTO jobs … SELECT: one pending job of `task`, dispatched `now` (a time, or a bound parameter
    of a statement built once), for each row of `source` (a CTE or subquery), so that the rows never travel
    to Python and back. PostgreSQL (gen_random_uuid)."""
    columns = ["id", "name", "payload", "organisation_id", "status", "attempts", "max_attempts",
               "run_after", "dispatched_at", "created_at"]  # fmt: skip
    moment = literal(now, Job.created_at.type) if isinstance(now, datetime) else now
    rows = select(
        func.gen_random_uuid(), literal(task), payload, organisation_id,
        literal(str(JobStatus.pending)), literal(0), literal(max_attempts), moment, moment, moment,
    ).select_from(source)  # fmt: skip
    return insert(cast(Table, Job.__table__)).from_select(columns, rows)  # Core: no ORM bulk-insert path


def _claimed(now: datetime, lease: timedelta) -> dict[str, Any]:
    """What a claim writes: running, leased, one more attempt."""
    return {"status": JobStatus.running, "locked_until": now + lease, "attempts": Job.attempts + 1}


class JobRepository(Repository):
    def add_many(self, rows: list[dict[str, Any]]) -> None:
        """One executemany (pipelined by psycopg): a fan-out of thousands of jobs in one call. Core on the
        table, not the ORM's bulk path: the rows are complete, and one job per webhook delivery made the
        ORM's per-call work show in the intake profile."""
        if rows:
            self.session.execute(insert(cast(Table, Job.__table__)), rows)

    def get(self, job_id: uuid.UUID) -> Job | None:
        return self.session.get(Job, job_id)

    def claim(self, job_id: uuid.UUID, *, now: datetime, lease: timedelta) -> bool:
        """Take a pending job that is due, or a running one whose worker's lease ran out."""
        return self.claim_returning(job_id, now=now, lease=lease) is not None

    def claimable(self, job_ids: list[uuid.UUID], *, now: datetime) -> set[uuid.UUID]:
        """Those of the jobs that `claim` could take now (a lock held on one is not seen: its claim waits)."""
        statement = select(Job.id).where(Job.id.in_(job_ids), self._claimable(now))
        return set(self.session.scalars(statement))

    def claim_returning(
        self, job_id: uuid.UUID, *, now: datetime, lease: timedelta
    ) -> tuple[str, dict[str, Any], int, int] | None:
        """`claim`, answering with the claimed job's name, payload, attempts and max attempts in the same
        statement (UPDATE … RETURNING), or None when it could not be claimed."""
        result = self.session.execute(
            update(Job)
            .where(Job.id == job_id, self._claimable(now))
            .values(**_claimed(now, lease))
            .returning(Job.name, Job.payload, Job.attempts, Job.max_attempts)
            .execution_options(synchronize_session=False)
        ).first()
        return None if result is None else (result[0], dict(result[1]), result[2], result[3])

    def claim_more(
        self,
        name: str,
        *,
        now: datetime,
        lease: timedelta,
        limit: int,
        besides: uuid.UUID,
        preferred: Sequence[uuid.UUID] = (),
    ) -> list[tuple[uuid.UUID, dict[str, Any], int, int]]:
        """Up to `limit` other pending, due jobs of the task `name`, the `preferred` ones first, then the
        oldest, claimed in one statement and returned like `claim_returning`'s answer (with their ids). On
        PostgreSQL, jobs another runner holds are skipped rather than waited for."""
        # A materialised CTE: PostgreSQL may otherwise run a LIMIT … SKIP LOCKED subquery more than once
        # in one UPDATE and claim more rows than the limit (it did, in the tests).
        chosen = (
            select(Job.id)
            .where(Job.name == name, Job.status == JobStatus.pending, Job.run_after <= now, Job.id != besides)
            .order_by(Job.id.in_(list(preferred)).desc(), Job.run_after)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .cte("chosen")
            .prefix_with("MATERIALIZED", dialect="postgresql")
        )
        rows = self.session.execute(
            update(Job)
            .where(Job.id.in_(select(chosen.c.id)), Job.status == JobStatus.pending)
            .values(**_claimed(now, lease))
            .returning(Job.id, Job.payload, Job.attempts, Job.max_attempts)
            .execution_options(synchronize_session=False)
        )
        return [(row[0], dict(row[1]), row[2], row[3]) for row in rows]

    @staticmethod
    def _claimable(now: datetime) -> Any:
        return or_(
            and_(Job.status == JobStatus.pending, Job.run_after <= now),
            and_(Job.status == JobStatus.running, Job.locked_until < now),
        )

    def mark_done(self, job_ids: list[uuid.UUID], *, now: datetime) -> None:
        self.session.execute(
            update(Job)
            .where(Job.id.in_(job_ids), Job.status == JobStatus.running)
            .values(status=JobStatus.done, finished_at=now, locked_until=None, last_error=None)
            .execution_options(synchronize_session=False)
        )

    def mark_failed_attempt(
        self,
        job_id: uuid.UUID,
        *,
        error: str,
        retry_at: datetime | None,
        now: datetime,
        max_attempts: int,
        count_attempt: bool = False,
    ) -> None:
        """`retry_at` None: failed for good. `max_attempts`: the limit that applied, kept on the row.
        `count_attempt` when the claim that counted it was rolled back with the failed task."""
        values: dict[str, object] = {"last_error": error[:4000], "locked_until": None, "dispatched_at": None,
                                     "max_attempts": max_attempts}  # fmt: skip
        if count_attempt:
            values["attempts"] = Job.attempts + 1
        if retry_at is None:
            values.update(status=JobStatus.failed, finished_at=now)
        else:
            values.update(status=JobStatus.pending, run_after=retry_at)
        self.session.execute(
            update(Job).where(Job.id == job_id).values(**values).execution_options(synchronize_session=False)
        )

    def lost_job_ids(self, *, now: datetime, grace: timedelta, limit: int = 500) -> list[uuid.UUID]:
        """Due jobs that nobody is running: delayed or retried ones now due, lost dispatches, dead workers."""
        statement = (
            select(Job.id)
            .where(
                or_(
                    and_(
                        Job.status == JobStatus.pending,
                        Job.run_after <= now,
                        or_(Job.dispatched_at.is_(None), Job.dispatched_at <= now - grace),
                    ),
                    and_(Job.status == JobStatus.running, Job.locked_until < now),
                )
            )
            .order_by(Job.run_after)
            .limit(limit)
        )
        return list(self.session.scalars(statement))

    def mark_dispatched(self, job_ids: list[uuid.UUID], *, now: datetime) -> None:
        if job_ids:
            self.session.execute(
                update(Job)
                .where(Job.id.in_(job_ids))
                .values(dispatched_at=now)
                .execution_options(synchronize_session=False)
            )

    def list_recent(self, *, organisation_id: uuid.UUID, limit: int = 50) -> list[Job]:
        statement = (
            select(Job)
            .where(Job.organisation_id == organisation_id)
            .order_by(Job.created_at.desc())
            .limit(limit)
        )
        return list(self.session.scalars(statement))

    # ------------------------------------------------------------ failed for good (api/jobs/failures.py)

    def supersede(self, name: str, payloads: list[dict[str, Any]], *, besides: list[uuid.UUID]) -> int:
        """Mark `superseded` the failed jobs of task `name` with one of these payloads (the same work, which
        has just run again), other than `besides`. Failed jobs are few and the status leads an index: this
        reads next to nothing on the path of every job."""
        failed = self.session.execute(
            select(Job.id, Job.payload).where(Job.status == JobStatus.failed, Job.name == name)
        ).all()
        same = [job_id for job_id, payload in failed if payload in payloads and job_id not in besides]
        if same:
            self.session.execute(
                update(Job)
                .where(Job.id.in_(same), Job.status == JobStatus.failed)
                .values(status=JobStatus.superseded)
                .execution_options(synchronize_session=False)
            )
        return len(same)

    def failed_of(self, organisation_id: uuid.UUID, *, limit: int) -> list[Job]:
        """The organisation's jobs that failed for good, the latest failure first."""
        statement = (
            select(Job)
            .where(Job.status == JobStatus.failed, Job.organisation_id == organisation_id)
            .order_by(func.coalesce(Job.finished_at, Job.run_after).desc(), Job.id)
            .limit(limit)
        )
        return list(self.session.scalars(statement))

    def get_in(self, organisation_id: uuid.UUID, job_id: uuid.UUID) -> Job | None:
        return self.session.scalar(
            select(Job).where(Job.id == job_id, Job.organisation_id == organisation_id)
        )

    def reopen_failed(self, organisation_id: uuid.UUID, job_id: uuid.UUID, *, now: datetime) -> bool:
        """Put a job that failed for good back in the queue as new: attempts reset, due now. False when it
        is not (or no longer) a failed job of this organisation."""
        result = self.session.execute(
            update(Job)
            .where(Job.id == job_id, Job.organisation_id == organisation_id, Job.status == JobStatus.failed)
            .values(
                status=JobStatus.pending,
                attempts=0,
                run_after=now,
                dispatched_at=now,
                locked_until=None,
                last_error=None,
                finished_at=None,
            )
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def invoices_of(
        self, organisation_id: uuid.UUID, kind: str, ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, uuid.UUID]:
        """The invoice each of these reminders, collections, instalment plans or documents concerns."""
        model: Any = {"reminder": Reminder, "collection": Collection, "plan": InstalmentPlan}.get(kind)
        if model is not None:
            statement = select(model.id, model.invoice_id).where(
                model.organisation_id == organisation_id, model.id.in_(ids)
            )
        else:
            statement = select(Invoice.document_id, Invoice.id).where(
                Invoice.organisation_id == organisation_id, Invoice.document_id.in_(ids)
            )
        return {row[0]: row[1] for row in self.session.execute(statement) if row[0] is not None}

    def invoice_numbers(
        self, organisation_id: uuid.UUID, ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, str | None]:
        statement = select(Invoice.id, Invoice.number).where(
            Invoice.organisation_id == organisation_id, Invoice.id.in_(ids)
        )
        return {row[0]: row[1] for row in self.session.execute(statement)}

    def documents(self, organisation_id: uuid.UUID, ids: list[uuid.UUID]) -> dict[uuid.UUID, Document]:
        statement = select(Document).where(Document.organisation_id == organisation_id, Document.id.in_(ids))
        return {document.id: document for document in self.session.scalars(statement)}


class PeriodicRunRepository(Repository):
    def claim(self, name: str, period_start: datetime, now: datetime) -> bool:
        """Whether this caller is the first to claim the period (then it enqueues the task)."""
        values = {"id": uuid.uuid4(), "name": name, "period_start": period_start, "created_at": now}
        table = PeriodicRun.__table__
        return insert_ignoring_duplicates(self.session, table, values, ["name", "period_start"]) is not None

    def forget_before(self, moment: datetime) -> None:
        self.session.execute(delete(PeriodicRun).where(PeriodicRun.period_start < moment))
