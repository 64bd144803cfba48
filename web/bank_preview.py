"""A CSV statement uploaded without its columns is previewed before anything is stored: the columns the
detector recognised (each changeable), the first rows as written and as they would be read. The file is
held meanwhile (api.bank.preview.PendingUploads); the person imports it with the columns shown, or changes
them and looks again. Also: a credit assigned by hand to the open invoices a person picks (searched by number
or client).

Registered by web.bank_pages.add_bank_routes, whose page (bank.html) shows the preview through the
_bank_preview.html partial.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.bank import assign as assigning
from api.bank import service as bank
from api.bank.formats import StatementError
from api.bank.formats.lines import column_position
from api.bank.preview import ROLES, PendingUploads, mapping_spec, preview
from api.deps import DbSession, get_runtime
from api.errors import BadRequest, Conflict
from api.organisations import service as organisations
from web.common import T, Viewer, render
from web.i18n import Translator

Page = Callable[..., Response]
MAPPED_FIELDS = ("date", "amount", "credit", "debit", "payer", "reference", "currency", "id")


def add_bank_preview_routes(
    app: FastAPI, page_of: Callable[[Request, Translator, Any, Viewer], Page]
) -> None:
    @app.post("/bank/preview/{token}", response_class=HTMLResponse)
    async def confirm_preview(token: str, request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        async with request.form(max_files=0, max_fields=80) as form:
            organisations.check_csrf(viewer, str(form.get("csrf_token", "")))
            roles = {int(key[5:]): str(value) for key, value in form.items()
                     if key.startswith("role_") and key[5:].isdigit() and str(value)}  # fmt: skip
            action = str(form.get("action", "import"))
        pending = PendingUploads(get_runtime(request).settings.data_dir, viewer.organisation_id)
        page = page_of(request, t, db, viewer)
        return await run_in_threadpool(_confirm, page, t, db, viewer, pending, token, roles, action)

    @app.get("/bank/lines/{line_id}/assign", response_class=HTMLResponse)
    def assign_page(
        line_id: uuid.UUID, request: Request, t: T, db: DbSession, viewer: Viewer, q: str = ""
    ) -> Response:
        line = assigning.open_line(db, viewer, line_id)
        found = assigning.invoices_to_assign(db, viewer, line, q)
        return render(request, t, "bank_assign.html", viewer=viewer, line=line, q=q, found=found)

    @app.post("/bank/lines/{line_id}/assign", response_class=HTMLResponse)
    async def assign_line(
        line_id: uuid.UUID, request: Request, t: T, db: DbSession, viewer: Viewer
    ) -> Response:
        async with request.form(max_files=0, max_fields=assigning.MAX_INVOICES + 4) as form:
            organisations.check_csrf(viewer, str(form.get("csrf_token", "")))
            chosen = [str(value) for value in form.getlist("invoice_id")]
            overpayment = form.get("overpayment") == "yes"
            q = str(form.get("q", ""))
        return await run_in_threadpool(_assign, request, t, db, viewer, line_id, chosen, overpayment, q)


def show_preview(page: Page, t: Translator, data_dir: Any, viewer: Viewer, data: bytes,
                 filename: str | None) -> Response:  # fmt: skip
    """The page with the preview of a CSV uploaded without its columns (the file held), or the reason its
    columns could not be recognised."""
    try:
        shown = preview(data)
    except StatementError as exc:
        reason = t.problem(f"bank.file_{exc.code}", exc.params, "bad_request")
        return page(error=t("bank.import_failed", reason=reason), status_code=400)
    token = PendingUploads(data_dir, viewer.organisation_id).hold(data, filename)
    return page(preview=_context(token, filename, shown))


def _confirm(
    page: Page, t: Translator, db: DbSession, viewer: Viewer, pending: PendingUploads, token: str,
    roles: dict[int, str], action: str,
) -> Response:  # fmt: skip
    held = pending.get(token)
    if held is None:
        return page(error=t("bank_import.preview_gone"), status_code=400)
    data, filename = held
    detected = preview(data).detection.mapping
    try:
        mapping = bank.mapping_from(mapping_spec(roles, detected))
    except BadRequest as exc:
        return _again(page, t, token, filename, data, None, t("bank.import_failed", reason=t.error(exc)))
    if action != "import":
        return _again(page, t, token, filename, data, mapping, None)
    try:
        result = bank.import_statement(db, viewer, data, filename=filename, mapping=mapping)
    except BadRequest as exc:
        db.rollback()  # nothing of a failed import is kept
        return _again(page, t, token, filename, data, mapping, t("bank.import_failed", reason=t.error(exc)))
    pending.drop(token)
    return page(result=result)


def _again(page: Page, t: Translator, token: str, filename: str | None, data: bytes, mapping: Any,
           error: str | None) -> Response:  # fmt: skip
    shown = preview(data, mapping)
    return page(preview=_context(token, filename, shown), error=error, status_code=400 if error else 200)


def _context(token: str, filename: str | None, shown: Any) -> dict[str, Any]:
    """What _bank_preview.html shows: the columns with the role each has now, the rows, the lines read."""
    roles: dict[int, str] = {}
    for field in MAPPED_FIELDS:
        position = column_position(getattr(shown.mapping, field))
        if position is not None:
            roles[position + 1] = field
    for column in shown.detection.columns:
        if column.role == "balance" and column.position not in roles:
            roles[column.position] = "balance"
    return {"token": token, "filename": filename or "", "columns": shown.detection.columns, "roles": roles,
            "rows": shown.detection.lines, "lines": shown.lines, "rejected": shown.rejected,
            "error": shown.error, "choices": ROLES}  # fmt: skip


def _assign(
    request: Request, t: Translator, db: DbSession, viewer: Viewer, line_id: uuid.UUID, chosen: list[str],
    overpayment: bool, q: str,
) -> Response:  # fmt: skip
    try:
        ids = [uuid.UUID(value) for value in chosen]
        assigning.assign(db, viewer, line_id, ids, overpayment=overpayment)
    except ValueError:
        error = t("bank_import.assign_choose")
    except (BadRequest, Conflict) as exc:
        db.rollback()
        error = t.error(exc)
    else:
        return RedirectResponse("/bank?done=assigned", status_code=303)
    line = assigning.open_line(db, viewer, line_id)
    found = assigning.invoices_to_assign(db, viewer, line, q)
    return render(request, t, "bank_assign.html", status_code=400, viewer=viewer, line=line, q=q, found=found,
                  error=error, chosen=chosen)  # fmt: skip
