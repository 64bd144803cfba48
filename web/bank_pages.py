"""The bank statements page: import a CAMT.053, OFX or CSV statement, see what it paid, and decide on the
credits the matching was not sure of (confirm one of the candidate invoices, or ignore the credit)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from functools import partial
from typing import Annotated

from fastapi import FastAPI, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from api.bank import service as bank
from api.bank.endpoints import MAX_STATEMENT_BYTES
from api.bank.preview import is_csv
from api.bank.service import ImportResult
from api.deps import DbSession, get_runtime
from api.errors import BadRequest, NotFound
from api.invoices import service as invoices
from api.models import BankLine, BankLineStatus, Invoice
from api.organisations import service as organisations
from web.bank_preview import add_bank_preview_routes, show_preview
from web.common import T, Viewer, render
from web.i18n import Translator

# The CSV mapping keys offered on the form; CsvMapping accepts a few more (currency, id, date_format...),
# which French exports rarely need.
MAPPING_FIELDS = ("date", "credit", "debit", "amount", "payer", "reference")
# Room for the multipart envelope and the mapping fields around the file itself.
FORM_OVERHEAD_BYTES = 64 * 1024
FLASHES = ("confirmed", "dismissed", "assigned")
MAX_MB = MAX_STATEMENT_BYTES // 2**20


def add_bank_routes(app: FastAPI) -> None:
    add_bank_preview_routes(app, lambda request, t, db, viewer: partial(_page, request, t, db, viewer))

    @app.get("/bank", response_class=HTMLResponse)
    def bank_page(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        flash = request.query_params.get("done")
        return _page(request, t, db, viewer, flash=flash if flash in FLASHES else None)

    @app.post("/bank", response_class=HTMLResponse)
    async def import_statement(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        page = partial(_page, request, t, db, viewer)
        # Refuse a declared oversize body before spooling it; one without a length is measured below.
        if int(request.headers.get("content-length") or 0) > MAX_STATEMENT_BYTES + FORM_OVERHEAD_BYTES:
            return await run_in_threadpool(page, error=t("bank.too_large", max_mb=MAX_MB), status_code=413)
        async with request.form(max_files=1, max_fields=len(MAPPING_FIELDS) + 4) as form:  # closes its files
            organisations.check_csrf(viewer, str(form.get("csrf_token", "")))
            mapping = {name: str(form.get(name, "")).strip() for name in MAPPING_FIELDS}
            upload = _upload(form)
            data = await upload.read(MAX_STATEMENT_BYTES + 1) if upload else b""
        if upload is None or len(data) > MAX_STATEMENT_BYTES:
            error, status = (t("bank.too_large", max_mb=MAX_MB), 413) if upload else (t("bank.no_file"), 400)
            return await run_in_threadpool(page, error=error, mapping=mapping, status_code=status)
        # Parsing and matching a large statement must not hold the event loop.
        data_dir = get_runtime(request).settings.data_dir
        return await run_in_threadpool(_import, page, t, db, viewer, data, upload.filename, mapping, data_dir)

    @app.post("/bank/lines/{line_id}/confirm")
    def confirm_line(
        line_id: uuid.UUID, t: T, request: Request, db: DbSession, viewer: Viewer,
        invoice_id: Annotated[str, Form()] = "", csrf_token: Annotated[str, Form()] = "",
    ) -> Response:  # fmt: skip
        organisations.check_csrf(viewer, csrf_token)
        chosen = _uuid(invoice_id)
        if chosen is None:
            return render(request, t, "error.html", status_code=400, message=t("bank.choose_invoice"))
        bank.confirm(db, viewer, line_id, chosen)
        return RedirectResponse("/bank?done=confirmed", status_code=303)

    @app.post("/bank/lines/{line_id}/dismiss")
    def dismiss_line(
        line_id: uuid.UUID, db: DbSession, viewer: Viewer, csrf_token: Annotated[str, Form()] = ""
    ) -> Response:
        organisations.check_csrf(viewer, csrf_token)
        bank.dismiss(db, viewer, line_id)
        return RedirectResponse("/bank?done=dismissed", status_code=303)


def _upload(form: FormData) -> UploadFile | None:
    upload = form.get("statement")
    return upload if isinstance(upload, UploadFile) and upload.filename else None


def _uuid(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        return None


def _import(
    page: Callable[..., Response], t: Translator, db: DbSession, viewer: Viewer, data: bytes,
    filename: str | None, mapping: dict[str, str], data_dir: object,
) -> Response:  # fmt: skip
    spec = [f"{name}={value}" for name, value in mapping.items() if value]
    if not spec and is_csv(data):  # columns not given: shown to the person before anything is stored
        return show_preview(page, t, data_dir, viewer, data, filename)
    try:
        result = bank.import_statement(db, viewer, data, filename=filename, mapping=bank.mapping_from(spec))
    except BadRequest as exc:  # an unreadable file (UnreadableStatement) or a bad mapping
        db.rollback()  # nothing of a failed import is kept
        error = t("bank.import_failed", reason=t.error(exc))
        return page(error=error, mapping=mapping, status_code=400)
    return page(result=result, mapping=mapping)


def _page(
    request: Request, t: Translator, db: DbSession, viewer: Viewer, *, result: ImportResult | None = None,
    error: str | None = None, flash: str | None = None, mapping: dict[str, str] | None = None,
    status_code: int = 200, preview: dict[str, object] | None = None,
) -> Response:  # fmt: skip
    proposed = bank.lines(db, viewer, status=BankLineStatus.proposed)
    unmatched = bank.lines(db, viewer, status=BankLineStatus.unmatched)
    return render(
        request, t, "bank.html", status_code=status_code, viewer=viewer, result=result, error=error,
        flash=flash, mapping=mapping or {}, mapping_fields=MAPPING_FIELDS, proposed=proposed,
        unmatched=unmatched, statements=bank.statements(db, viewer), max_mb=MAX_MB,
        invoices=_invoices(db, viewer, _invoice_ids(proposed, result)), preview=preview,
    )  # fmt: skip


def _invoice_ids(proposed: list[BankLine], result: ImportResult | None) -> list[str]:
    lines: Iterable[BankLine] = [*proposed, *(result.matched if result else [])]
    return [invoice_id for line in lines for invoice_id in (*line.candidates, *line.invoice_ids)]


def _invoices(db: DbSession, viewer: Viewer, ids: list[str]) -> dict[str, Invoice]:
    """The invoices the page names, by id; one no longer there (or not an id) is left out."""
    found: dict[str, Invoice] = {}
    for invoice_id in dict.fromkeys(ids):
        parsed = _uuid(invoice_id)
        if parsed is None:
            continue
        try:
            found[invoice_id] = invoices.get_invoice(db, viewer, parsed)
        except NotFound:
            continue
    return found
