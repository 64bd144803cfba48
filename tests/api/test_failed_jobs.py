"""Jobs that fail for good: the attempts they get (a task's own, else ENCAISSE_JOB_MAX_ATTEMPTS), the
coded reason and the invoice a person is shown, one line per piece of work, and the retry that puts one
back in the queue, within its own organisation only."""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.clock import utc_now
from api.db import unit_of_work
from api.errors import NotFound
from api.jobs import failures
from api.jobs.backends import InProcessBackend
from api.models import AuditLog, Document, Job
from api.notifications.service import EmailNotSent
from api.organisations.service import Principal
from api.runtime import Runtime
from api.worker import TaskContext, enqueue, import_task_modules, task
from tests.api.reports import builders as b
from tests.conftest import make_settings
from tests.factories import Tenant, create_tenant
from tests.support.tasks import runs

import_task_modules(["tests.support.tasks"])


@task("tests.failed_jobs.mail_down")  # no limit of its own: the deployment's applies
def mail_down(context: TaskContext, *, key: str) -> None:
    raise EmailNotSent(f"smtp.example refused {key}")


def backend(runtime: Runtime) -> InProcessBackend:
    assert isinstance(runtime.backend, InProcessBackend)
    return runtime.backend


def principal(tenant: Tenant) -> Principal:
    return Principal(organisation_id=tenant.organisation_id, label="test")


def job_row(runtime: Runtime, job_id: uuid.UUID) -> Job:
    with unit_of_work(runtime.session_factory) as session:
        row = session.get(Job, job_id)
        assert row is not None
        session.expunge(row)
        return row


def failed(
    session: Session, tenant: Tenant, name: str, payload: dict[str, Any], *, error: str, hours_ago: int = 1
) -> uuid.UUID:
    """A job of the tenant that failed for good `hours_ago` hours ago."""
    moment = utc_now() - timedelta(hours=hours_ago)
    row = Job(organisation_id=tenant.organisation_id, name=name, payload=payload, status="failed", attempts=3,
              max_attempts=3, run_after=moment, finished_at=moment, last_error=error)  # fmt: skip
    session.add(row)
    session.flush()
    return row.id


class TestAttempts:
    @pytest.fixture
    def runtime_of(self, tmp_path: Path, database_url: str) -> Iterator[Any]:
        built: list[Runtime] = []

        def build(max_attempts: int) -> Runtime:
            runtime = Runtime.build(
                make_settings(tmp_path / "data", database_url, job_max_attempts=max_attempts)
            )
            runtime.runner.retry_base = timedelta(0)
            built.append(runtime)
            return runtime

        yield build
        for runtime in built:
            runtime.close()

    def test_a_task_without_its_own_limit_fails_for_good_after_the_deployments_attempts(
        self, runtime_of: Any
    ) -> None:
        runtime = runtime_of(2)
        with unit_of_work(runtime.session_factory) as session:
            job_id = enqueue(session, "tests.failed_jobs.mail_down", key="a").id
        backend(runtime).wait_idle()
        first = job_row(runtime, job_id)

        runtime.scheduler().tick()  # the retry, due at once
        backend(runtime).wait_idle()
        second = job_row(runtime, job_id)

        assert (first.status, first.attempts, first.max_attempts) == ("pending", 1, 2)
        assert (second.status, second.attempts, second.finished_at is not None) == ("failed", 2, True)
        assert second.last_error == "api.notifications.service.EmailNotSent: smtp.example refused a"

    def test_one_attempt_when_the_deployment_says_one(self, runtime_of: Any) -> None:
        runtime = runtime_of(1)
        with unit_of_work(runtime.session_factory) as session:
            job_id = enqueue(session, "tests.failed_jobs.mail_down", key="b").id
        backend(runtime).wait_idle()

        assert (job_row(runtime, job_id).status, job_row(runtime, job_id).attempts) == ("failed", 1)

    def test_a_task_with_its_own_limit_keeps_it(self, runtime_of: Any) -> None:
        runtime = runtime_of(1)
        with unit_of_work(runtime.session_factory) as session:
            job_id = enqueue(session, "tests.fail", key="c").id  # max_attempts=2 of its own
        backend(runtime).wait_idle()

        assert (job_row(runtime, job_id).status, job_row(runtime, job_id).attempts) == ("pending", 1)


class TestReasons:
    @pytest.mark.parametrize(
        ("last_error", "reason"),
        [
            ("api.notifications.service.EmailNotSent: 421 try later", "email_not_sent"),
            ("api.documents.tasks.CaptureInterrupted: tesseract timed out after 60 s", "ocr_interrupted"),
            ("payments.errors.RetryableProviderError: stripe: 503", "provider_unavailable"),
            (
                "sqlalchemy.exc.OperationalError: (psycopg.OperationalError) connection refused",
                "database_unavailable",
            ),
            ("TimeoutError: timed out", "timeout"),
            ("api.worker.UnknownTask: no task registered under 'x' in this process", "task_unknown"),
            ("ValueError: invalid literal for int() with base 10: 'abc'", "unknown"),
            ("KeyError: 'invoice'", "unknown"),
            ("", "unknown"),
            (None, "unknown"),
        ],
    )
    def test_the_reason_told_comes_from_the_exception_named_never_its_message(
        self, last_error: str | None, reason: str
    ) -> None:
        assert failures.reason_of(last_error) == reason

    def test_every_known_exception_exists_where_the_table_says(self) -> None:
        for qualified in failures.REASONS:
            module, _, name = qualified.rpartition(".")
            found = getattr(importlib.import_module(module or "builtins"), name)
            assert issubclass(found, BaseException), qualified


class TestList:
    def test_one_line_per_piece_of_work_the_latest_first_with_what_it_concerns(
        self, runtime: Runtime, tenant: Tenant, other_tenant: Tenant
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            chased = b.invoice(session, tenant, total=100_00, due=date(2026, 11, 2), number="F-1")
            called = b.invoice(session, tenant, total=200_00, due=date(2026, 11, 3), number="F-2")
            reminder = b.task(session, tenant, called, channel="email", scheduled=date(2026, 11, 4))
            work = {"tenant": str(tenant.organisation_id), "invoice": str(chased.id)}
            failed(session, tenant, "dunning.chase_invoice", work, error="KeyError: 'x'", hours_ago=5)
            latest_chase = failed(session, tenant, "dunning.chase_invoice", work,
                                  error="api.penalties.policy.RateUnknown: no rate", hours_ago=2)  # fmt: skip
            send = failed(session, tenant, "dunning.send_reminder", {"reminder": str(reminder)},
                          error="api.notifications.service.EmailNotSent: down", hours_ago=3)  # fmt: skip
            webhook = failed(session, tenant, "provider_events.process", {"event_row_id": str(uuid.uuid4())},
                             error="RuntimeError: boom", hours_ago=1)  # fmt: skip
            failed(session, other_tenant, "dunning.chase_invoice", work, error="KeyError: 'x'", hours_ago=1)

        with unit_of_work(runtime.session_factory) as session:
            found = failures.failed_jobs(session, tenant.organisation_id, limit=5)
            of_chased = failures.failed_jobs_of_invoice(session, tenant.organisation_id, chased.id)
            of_called = failures.failed_jobs_of_invoice(session, tenant.organisation_id, called.id)

        assert found.count == 3
        assert [(j.id, j.kind, j.reason, j.invoice_number) for j in found.items] == [
            (webhook, "webhook", "unknown", None),
            (latest_chase, "reminder", "penalty_rate_unknown", "F-1"),
            (send, "reminder_email", "email_not_sent", "F-2"),
        ]
        assert [j.id for j in of_chased] == [latest_chase]
        assert [j.id for j in of_called] == [send]

    def test_a_failed_capture_names_its_file(self, runtime: Runtime, tenant: Tenant) -> None:
        with unit_of_work(runtime.session_factory) as session:
            document_id = _failed_document(session, tenant)
            failed(session, tenant, "documents.capture", {"document_id": str(document_id)},
                   error="api.documents.tasks.CaptureInterrupted: tesseract crashed")  # fmt: skip

        with unit_of_work(runtime.session_factory) as session:
            [line] = failures.failed_jobs(session, tenant.organisation_id, limit=5).items

        assert (line.kind, line.reason, line.filename, line.invoice_id) == (
            "capture",
            "ocr_interrupted",
            "scan-0042.jpg",
            None,
        )

    def test_the_same_work_done_since_takes_its_failure_off_the_list(
        self, runtime: Runtime, settings: Any, tenant: Tenant
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            old = failed(session, tenant, "tests.touch", {"key": "again"}, error="RuntimeError: x")
            other = failed(session, tenant, "tests.touch", {"key": "other"}, error="RuntimeError: x")
            enqueue(session, "tests.touch", organisation_id=tenant.organisation_id, key="again")
        backend(runtime).wait_idle()

        with unit_of_work(runtime.session_factory) as session:
            found = failures.failed_jobs(session, tenant.organisation_id, limit=5)

        assert runs(settings.data_dir, "again") == 1
        assert [line.id for line in found.items] == [other]
        assert job_row(runtime, old).status == "superseded"


class TestRetry:
    def test_a_retry_puts_the_job_back_as_new_and_it_runs(
        self, runtime: Runtime, settings: Any, tenant: Tenant
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            job_id = failed(session, tenant, "tests.touch", {"key": "retried"}, error="TimeoutError: slow")

        with unit_of_work(runtime.session_factory) as session:
            queued = failures.retry(session, principal(tenant), job_id)
        backend(runtime).wait_idle()

        row = job_row(runtime, job_id)
        assert queued is True
        assert (row.status, row.attempts, row.last_error) == ("done", 1, None)
        assert runs(settings.data_dir, "retried") == 1
        with unit_of_work(runtime.session_factory) as session:
            actions = session.scalars(select(AuditLog.action).where(AuditLog.object_id == job_id)).all()
        assert actions == ["job.retried"]

    def test_a_job_no_longer_failed_is_not_queued_twice(self, runtime: Runtime, tenant: Tenant) -> None:
        with unit_of_work(runtime.session_factory) as session:
            job_id = failed(session, tenant, "tests.touch", {"key": "never"}, error="TimeoutError: slow")
            session.get(Job, job_id).status = "superseded"  # type: ignore[union-attr]

        with unit_of_work(runtime.session_factory) as session:
            queued = failures.retry(session, principal(tenant), job_id)

        assert queued is False
        assert (job_row(runtime, job_id).status, job_row(runtime, job_id).attempts) == ("superseded", 3)

    def test_another_organisations_job_is_not_found_and_stays_as_it_was(
        self, runtime: Runtime, tenant: Tenant, other_tenant: Tenant
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            job_id = failed(session, other_tenant, "tests.touch", {"key": "theirs"}, error="TimeoutError: x")

        with pytest.raises(NotFound), unit_of_work(runtime.session_factory) as session:
            failures.retry(session, principal(tenant), job_id)

        row = job_row(runtime, job_id)
        assert (row.status, row.attempts, row.last_error) == ("failed", 3, "TimeoutError: x")

    def test_retrying_a_capture_reopens_its_document(self, runtime: Runtime, tenant: Tenant) -> None:
        with unit_of_work(runtime.session_factory) as session:
            document_id = _failed_document(session, tenant)
            job_id = failed(session, tenant, "documents.capture", {"document_id": str(document_id)},
                            error="api.documents.tasks.CaptureInterrupted: tesseract crashed")  # fmt: skip

        with unit_of_work(runtime.session_factory) as session:
            failures.retry(session, principal(tenant), job_id)
            # As the retry leaves them, before the commit hands the job to the queue.
            document = session.get(Document, document_id)
            job = session.scalars(select(Job).where(Job.id == job_id)).one()
            assert document is not None
            assert (document.status, document.error, document.retryable) == ("pending", None, False)
            assert (job.status, job.attempts, job.last_error) == ("pending", 0, None)


def _failed_document(session: Session, tenant: Tenant) -> uuid.UUID:
    document = Document(organisation_id=tenant.organisation_id, filename="scan-0042.jpg", sha256="ab" * 32,
                        size=1234, media_type="image/jpeg", storage_key="x/ab/abab", status="failed",
                        error="tesseract crashed", retryable=True)  # fmt: skip
    session.add(document)
    session.flush()
    return document.id


def test_a_new_tenant_has_nothing_failed(runtime: Runtime) -> None:
    with unit_of_work(runtime.session_factory) as session:
        tenant = create_tenant(session, name="Fleurs Durand")
        found = failures.failed_jobs(session, tenant.organisation_id, limit=5)

    assert (found.count, found.items) == (0, [])
