"""Jobs that failed for good, as a person sees them: what the work was (reading a document, a reminder, a
webhook...), a coded reason (never the Python message, which stays in the job row and the server log), the
invoice or document it concerns, and a retry that puts the job back in the queue as new.

One line per piece of work: when the same task with the same payload runs again (a planner re-enqueues it,
the document's own retry, this retry), the runner marks the older failures `superseded` (api/worker.py), and
the list below keeps only the latest failure of each work anyway. Jobs with no organisation (the periodic
ticks, password reset e-mails, which are asked for before anyone is known) belong to no tenant: they stay in
the server log."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from api.audit.service import record
from api.clock import utc_now
from api.documents.repository import DocumentRepository
from api.errors import NotFound
from api.jobs.repository import JobRepository
from api.mail.errors import Described
from api.mail.errors import parse as parse_mail_failure
from api.models import DocumentStatus, Job, JobStatus
from api.organisations.service import Principal
from api.worker import dispatch_when_committed

SCAN = 500  # failed jobs read per organisation: far more than a person will go through
CAPTURE_TASK = "documents.capture"

# What each task is, for a person (failed_jobs.kind.* in the catalogues); any other task is "other".
KINDS = {
    CAPTURE_TASK: "capture",
    "dunning.chase_invoice": "reminder",
    "dunning.send_reminder": "reminder_email",
    "provider_events.process": "webhook",
    "collections.process": "collection",
    "instalments.process": "instalment",
    "organisations.send_password_reset": "password_email",
}

# Which payload field names the object a task works on, and what that object is.
SUBJECTS = {
    CAPTURE_TASK: ("document", "document_id"),
    "dunning.chase_invoice": ("invoice", "invoice"),
    "dunning.send_reminder": ("reminder", "reminder"),
    "collections.process": ("collection", "collection_id"),
    "instalments.process": ("plan", "plan_id"),
}

# The exception a job last failed with (its qualified class name, which the job's last_error starts with:
# traceback.format_exception_only) -> the reason told to a person (failed_jobs.reason.*). Anything else is
# "unknown", said in a generic sentence.
REASONS = {
    "api.documents.tasks.CaptureInterrupted": "ocr_interrupted",
    "ocr.errors.OcrTimeout": "ocr_interrupted",
    "ocr.errors.OcrFailed": "ocr_interrupted",
    "api.notifications.service.EmailNotSent": "email_not_sent",
    "payments.errors.RetryableProviderError": "provider_unavailable",
    "api.payment_links.service.ProviderUnavailable": "provider_unavailable",
    "payments.errors.FinalProviderError": "provider_refused",
    "api.payment_links.service.PaymentRefused": "provider_refused",
    "api.providers.service.ProviderNotConfigured": "provider_not_configured",
    "api.providers.crypto.SecretUnreadable": "provider_secret_unreadable",
    "api.penalties.policy.RateUnknown": "penalty_rate_unknown",
    "api.pdf_fonts.LetterFontMissing": "letter_font_missing",
    "api.dunning.sandbox.TemplateLimit": "template_failed",
    "api.dunning.templates.InvalidTemplate": "template_failed",
    "sqlalchemy.exc.OperationalError": "database_unavailable",
    "TimeoutError": "timeout",
    "ConnectionError": "network",
    "ConnectionRefusedError": "network",
    "ConnectionResetError": "network",
    "api.worker.UnknownTask": "task_unknown",
}
UNKNOWN = "unknown"


def reason_of(last_error: str | None) -> str:
    """The reason code of a job's last error, from the exception class it names first."""
    if not last_error:
        return UNKNOWN
    head = last_error.split("\n", 1)[0]
    name = head.split(":", 1)[0].strip() if ":" in head else head.strip()
    return REASONS.get(name, UNKNOWN)


def kind_of(task: str) -> str:
    return KINDS.get(task, "other")


@dataclass(frozen=True)
class FailedJob:
    id: uuid.UUID
    kind: str  # failed_jobs.kind.*
    reason: str  # failed_jobs.reason.*
    attempts: int
    failed_at: datetime | None
    invoice_id: uuid.UUID | None = None
    invoice_number: str | None = None
    document_id: uuid.UUID | None = None
    filename: str | None = None
    mail: Described | None = None  # an email the server refused: its coded reason, its answer


@dataclass(frozen=True)
class FailedJobs:
    count: int
    items: list[FailedJob]


def failed_jobs(session: Session, organisation_id: uuid.UUID, *, limit: int) -> FailedJobs:
    """How many pieces of work of the organisation failed for good, and the latest `limit` failures."""
    rows = _latest_per_work(JobRepository(session).failed_of(organisation_id, limit=SCAN))
    return FailedJobs(len(rows), _described(session, organisation_id, rows[:limit]))


def failed_jobs_of_invoice(
    session: Session, organisation_id: uuid.UUID, invoice_id: uuid.UUID
) -> list[FailedJob]:
    """The failures that concern one invoice (its capture, reminders, debits, instalments)."""
    rows = _latest_per_work(JobRepository(session).failed_of(organisation_id, limit=SCAN))
    concerned = [row for row in rows if row.name in SUBJECTS]
    return [job for job in _described(session, organisation_id, concerned) if job.invoice_id == invoice_id]


def retry(session: Session, principal: Principal, job_id: uuid.UUID) -> bool:
    """Put a job of the organisation that failed for good back in the queue, attempts reset; dispatched when
    the caller commits. False when it is no longer failed (retried already, or the work ran again)."""
    repository = JobRepository(session)
    job = repository.get_in(principal.organisation_id, job_id)
    if job is None:
        raise NotFound("No such job.")
    if job.status != JobStatus.failed:
        return False
    if job.name == CAPTURE_TASK:  # the capture only works on a document waiting for it
        _reopen_document(session, principal.organisation_id, _subject_id(job))
    if not repository.reopen_failed(principal.organisation_id, job_id, now=utc_now()):
        return False
    dispatch_when_committed(session, [job_id])
    record(
        session, principal.organisation_id, principal.actor, "job.retried", "job", job_id, {"task": job.name}
    )
    return True


def _reopen_document(session: Session, organisation_id: uuid.UUID, document_id: uuid.UUID | None) -> None:
    document = DocumentRepository(session).get(organisation_id, document_id) if document_id else None
    if document is not None and document.status == DocumentStatus.failed:
        document.status, document.error, document.retryable = DocumentStatus.pending, None, False


def _latest_per_work(rows: Iterable[Job]) -> list[Job]:
    """The first (latest) failure of each task and payload: older ones say nothing more."""
    seen: list[tuple[str, dict[str, object]]] = []
    kept = []
    for row in rows:
        work = (row.name, dict(row.payload))
        if work not in seen:
            seen.append(work)
            kept.append(row)
    return kept


def _subject_id(job: Job) -> uuid.UUID | None:
    subject = SUBJECTS.get(job.name)
    value = job.payload.get(subject[1]) if subject else None
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _described(session: Session, organisation_id: uuid.UUID, rows: list[Job]) -> list[FailedJob]:
    """Each failure with what it concerns: a few queries for the whole list, one per kind of object."""
    repository = JobRepository(session)
    subjects = {row.id: (SUBJECTS[row.name][0], _subject_id(row)) for row in rows if row.name in SUBJECTS}
    invoice_of: dict[uuid.UUID, uuid.UUID] = {}  # job id -> invoice id
    for kind in ("document", "invoice", "reminder", "collection", "plan"):
        ids = {job_id: subject for job_id, (k, subject) in subjects.items() if k == kind and subject}
        if kind == "invoice":
            invoice_of.update(ids)
        elif ids:
            found = repository.invoices_of(organisation_id, kind, list(set(ids.values())))
            invoice_of.update({job_id: found[subject] for job_id, subject in ids.items() if subject in found})
    numbers = repository.invoice_numbers(organisation_id, list(set(invoice_of.values())))
    document_ids = [subject for kind, subject in subjects.values() if kind == "document" and subject]
    documents = repository.documents(organisation_id, document_ids)
    described = []
    for row in rows:
        invoice_id = invoice_of.get(row.id)
        if invoice_id not in numbers:
            invoice_id = None  # not (or no longer) an invoice of the organisation
        subject = subjects.get(row.id, (None, None))[1]
        document = documents.get(subject) if subject else None
        described.append(
            FailedJob(
                row.id, kind_of(row.name), reason_of(row.last_error), row.attempts,
                row.finished_at or row.run_after, invoice_id, numbers.get(invoice_id) if invoice_id else None,
                document.id if document else None, document.filename if document else None,
                parse_mail_failure(row.last_error),
            )
        )  # fmt: skip
    return described
