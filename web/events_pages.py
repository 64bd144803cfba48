"""The provider events page: the webhook inbox, filtered by status, with a retry for what went wrong."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import DbSession
from api.jobs.failures import reason_of
from api.models import InboxStatus
from api.organisations import service as organisations
from api.provider_events import service as provider_events
from web.common import T, Viewer, render

PER_PAGE = 50
STATUSES = (
    InboxStatus.failed,
    InboxStatus.unmatched,
    InboxStatus.received,
    InboxStatus.processed,
    InboxStatus.ignored,
)
RETRIABLE = (InboxStatus.failed, InboxStatus.unmatched)
REFUSED_PREFIX = "InvalidEvent:"  # api/provider_events/processing.py: a payload that cannot be acted on


def error_key(stored: str) -> str:
    """The catalogue sentence for an event's stored error (English, for the logs): a refused payload, or the
    failed-job reason of the exception it names, never the text itself."""
    if stored.startswith(REFUSED_PREFIX):
        return "events_errors.invalid_event"
    return f"failed_jobs.reason.{reason_of(stored)}"


STATUS_PATTERN = f"^({'|'.join(STATUSES)})$"


def add_events_routes(app: FastAPI) -> None:
    @app.get("/events", response_class=HTMLResponse)
    def events_page(
        request: Request,
        t: T,
        db: DbSession,
        viewer: Viewer,
        status: Annotated[str | None, Query(pattern=STATUS_PATTERN)] = None,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,  # beyond: a 400 page, not an OFFSET overflow
    ) -> Response:
        rows, total = provider_events.page(
            db, viewer, status=status, limit=PER_PAGE, offset=(page - 1) * PER_PAGE
        )
        return render(
            request, t, "events.html", viewer=viewer, events=rows, total=total, status=status, page=page,
            error_key=error_key,
            has_next=page * PER_PAGE < total, counts=provider_events.counts(db, viewer), statuses=STATUSES,
            retriable=RETRIABLE, retried=request.query_params.get("retried") == "1",
        )  # fmt: skip

    @app.post("/events/{row_id}/retry")
    async def retry_event(request: Request, row_id: uuid.UUID, db: DbSession, viewer: Viewer) -> Response:
        form = await request.form()
        organisations.check_csrf(viewer, str(form.get("csrf_token", "")))
        provider_events.retry(db, viewer, row_id)
        back = str(form.get("status", ""))
        return RedirectResponse(
            f"/events?retried=1{f'&status={back}' if back in STATUSES else ''}", status_code=303
        )
