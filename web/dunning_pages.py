"""Dunning in the browser: the tasks a person works through (calls, registered letters, hand-offs, clients
without an email address), the reminders sent with exactly what each said, and the invoice page's forms
(promise to pay, dispute, pause, the client's pause and segment)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import DbSession, get_runtime
from api.dunning import follow_up
from api.errors import BadRequest, Conflict
from api.invoices import service as invoices
from api.mail import service as mail
from api.models import Invoice, ReminderStatus
from api.security_headers import stored_file
from web import outbox_paging
from web.common import T, Viewer, posted, render
from web.invoice_dunning import CLIENT_PAUSE, HOLD_FIELDS, pause_client, record_hold
from web.invoice_page import render_review

STATUSES = (
    ReminderStatus.sent,
    ReminderStatus.outbox,
    ReminderStatus.failed,
    ReminderStatus.retrying,
    ReminderStatus.task,
    ReminderStatus.cancelled,
    ReminderStatus.skipped,
    ReminderStatus.sending,
)
STATUS_PATTERN = f"^({'|'.join(STATUSES)})$"
OUTBOX_LIMIT = 200


def add_dunning_routes(app: FastAPI) -> None:
    _add_task_routes(app)
    _add_outbox_routes(app)  # before /relances/{reminder_id}: "envoyees" is not an id
    _add_reminder_routes(app)
    _add_invoice_routes(app)


def _add_task_routes(app: FastAPI) -> None:
    @app.get("/relances", response_class=HTMLResponse)
    def tasks_page(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        return _tasks(request, t, db, viewer)

    @app.post("/relances/{reminder_id}/done", response_class=HTMLResponse)
    async def task_done(
        request: Request, reminder_id: uuid.UUID, t: T, db: DbSession, viewer: Viewer
    ) -> Response:
        form = await posted(request, viewer)
        outcome = form.get("outcome", "").strip()
        if not outcome:  # nothing typed, nothing to keep: only the reason, next to the task's form
            errors = {str(reminder_id): t("dunning.outcome_required")}
            return _tasks(request, t, db, viewer, status_code=400, errors=errors)
        try:
            follow_up.complete_task(db, viewer, reminder_id, outcome=outcome)
        except Conflict:  # done meanwhile (a second click, a colleague): what was asked is done
            pass
        return RedirectResponse("/relances?done=1", status_code=303)


def _tasks(
    request: Request,
    t: T,
    db: DbSession,
    viewer: Viewer,
    *,
    status_code: int = 200,
    errors: dict[str, str] | None = None,
) -> Response:
    return render(
        request, t, "dunning_tasks.html", status_code=status_code, viewer=viewer,
        tasks=follow_up.open_tasks(db, viewer), errors=errors or {},
        done=request.query_params.get("done") == "1",
    )  # fmt: skip


def _add_outbox_routes(app: FastAPI) -> None:
    @app.get("/relances/envoyees", response_class=HTMLResponse)
    def outbox_page(
        request: Request,
        t: T,
        db: DbSession,
        viewer: Viewer,
        status: Annotated[str | None, Query(pattern=STATUS_PATTERN)] = None,
    ) -> Response:
        seek = outbox_paging.seek_of(request)
        found = follow_up.outbox(db, viewer, status=status, limit=OUTBOX_LIMIT + 1, seek=seek)
        rows, pager = outbox_paging.paged(found, limit=OUTBOX_LIMIT, seek=seek, status=status)
        outbox = mail.goes_to_outbox(db, get_runtime(request).settings, viewer.organisation_id)
        return render(request, t, "dunning_outbox.html", viewer=viewer, rows=rows, status=status,
                      statuses=STATUSES, limit=OUTBOX_LIMIT, mail_outbox=outbox, pager=pager)  # fmt: skip


def _add_reminder_routes(app: FastAPI) -> None:
    @app.get("/relances/{reminder_id}", response_class=HTMLResponse)
    def reminder_page(
        request: Request, reminder_id: uuid.UUID, t: T, db: DbSession, viewer: Viewer
    ) -> Response:
        reminder = follow_up.reminder_of(db, viewer, reminder_id)
        invoice = invoices.get_invoice(db, viewer, reminder.invoice_id)
        return render(request, t, "dunning_message.html", viewer=viewer, reminder=reminder, invoice=invoice)

    @app.get("/relances/{reminder_id}/letter.pdf")
    def letter(request: Request, reminder_id: uuid.UUID, db: DbSession, viewer: Viewer) -> Response:
        path = follow_up.letter_file(db, viewer, reminder_id, get_runtime(request).settings.data_dir)
        return stored_file(path, "application/pdf", path.name, inline=False)


def _add_invoice_routes(app: FastAPI) -> None:
    @app.post("/invoices/{invoice_id}/holds", response_class=HTMLResponse)
    async def hold(request: Request, invoice_id: uuid.UUID, t: T, db: DbSession, viewer: Viewer) -> Response:
        form = await posted(request, viewer)
        invoice = invoices.get_invoice(db, viewer, invoice_id)
        submitted = {name: form.get(name, "").strip() for name in HOLD_FIELDS}
        errors = record_hold(db, viewer, invoice, submitted, t)
        if errors:
            return _failed(request, t, db, viewer, invoice, errors, submitted)
        return _back(invoice.id, submitted["kind"])

    @app.post("/invoices/{invoice_id}/holds/{hold_id}/end")
    async def end_hold(request: Request, invoice_id: uuid.UUID, hold_id: uuid.UUID, db: DbSession,
                       viewer: Viewer) -> Response:  # fmt: skip
        await posted(request, viewer)
        invoice = invoices.get_invoice(db, viewer, invoice_id)
        try:
            follow_up.end_hold(db, viewer, hold_id)
        except Conflict:  # ended meanwhile: what was asked is done
            pass
        return _back(invoice.id, "ended")

    @app.post("/invoices/{invoice_id}/client/pause", response_class=HTMLResponse)
    async def client_pause(
        request: Request, invoice_id: uuid.UUID, t: T, db: DbSession, viewer: Viewer
    ) -> Response:
        form = await posted(request, viewer)
        invoice = _with_client(db, viewer, invoice_id)
        submitted = {"kind": CLIENT_PAUSE, "until": form.get("until", "").strip(),
                     "reason": form.get("reason", "").strip()}  # fmt: skip
        errors = pause_client(db, viewer, invoice, submitted, t)
        if errors:
            return _failed(request, t, db, viewer, invoice, errors, submitted)
        return _back(invoice.id, CLIENT_PAUSE)

    @app.post("/invoices/{invoice_id}/client/segment")
    async def client_segment(
        request: Request, invoice_id: uuid.UUID, db: DbSession, viewer: Viewer
    ) -> Response:
        form = await posted(request, viewer)
        invoice = _with_client(db, viewer, invoice_id)
        assert invoice.client_id is not None
        follow_up.set_segment(db, viewer, invoice.client_id, form.get("segment") or None)
        return _back(invoice.id, "segment")


def _with_client(db: DbSession, viewer: Viewer, invoice_id: uuid.UUID) -> Invoice:
    invoice = invoices.get_invoice(db, viewer, invoice_id)
    if invoice.client_id is None:
        raise BadRequest("This invoice has no client yet: correct the buyer's name first.")
    return invoice


def _failed(
    request: Request,
    t: T,
    db: DbSession,
    viewer: Viewer,
    invoice: Invoice,
    errors: dict[str, str],
    submitted: dict[str, str],
) -> Response:
    db.rollback()
    return render_review(request, t, db, viewer, invoice, errors={}, submitted={}, status_code=400,
                         dunning_errors=errors, dunning_form=submitted)  # fmt: skip


def _back(invoice_id: uuid.UUID, flash: str) -> Response:
    return RedirectResponse(f"/invoices/{invoice_id}/review?dunning={flash}#dunning", status_code=303)
