"""Invoice pages: the invoice page (page image with field boxes, editable fields, approve, payments and
"mark as paid", reminders, the timeline and the actions); the list is in web/invoice_list.py."""

from __future__ import annotations

import uuid

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import DbSession
from api.errors import Conflict
from api.invoices import service as invoices
from api.invoices.policy import EDITABLE_FIELDS
from api.organisations import service as organisations
from web.common import T, Viewer
from web.invoice_actions import add_action_routes
from web.invoice_list import add_list_routes
from web.invoice_page import in_language, render_review, shown_values
from web.invoice_payments import FORM_FIELDS, mark_paid, reverse_payment


def add_invoice_routes(app: FastAPI) -> None:
    add_list_routes(app)
    add_action_routes(app)

    @app.get("/invoices/{invoice_id}/review", response_class=HTMLResponse)
    def review_page(request: Request, invoice_id: uuid.UUID, t: T, db: DbSession, viewer: Viewer) -> Response:
        invoice = invoices.get_invoice(db, viewer, invoice_id)
        return render_review(request, t, db, viewer, invoice, errors={}, submitted={})

    @app.post("/invoices/{invoice_id}/review", response_class=HTMLResponse)
    async def save_review(
        request: Request, invoice_id: uuid.UUID, t: T, db: DbSession, viewer: Viewer
    ) -> Response:
        form = await request.form()
        organisations.check_csrf(viewer, str(form.get("csrf_token", "")))
        invoice = invoices.get_invoice(db, viewer, invoice_id)
        already_approved = invoice.status == "ready"
        submitted = {name: str(form.get(name, "")) for name in EDITABLE_FIELDS if name in form}
        changes = _changes(shown_values(invoice, t.language), submitted)
        errors = _localised(t, invoices.field_errors(changes))
        if errors:
            return render_review(
                request, t, db, viewer, invoice, errors=errors, submitted=changes, status_code=400
            )
        if changes:
            invoices.correct_fields(db, viewer, invoice_id, changes)
        # An approved invoice has nothing left to approve: its one button saves the correction and the invoice
        # stays approved (no second approval stamp), even from a page opened before someone else approved it.
        if form.get("action") == "approve" and not already_approved:
            return _approve(request, t, db, viewer, invoice_id)
        return RedirectResponse(f"/invoices/{invoice_id}/review?saved=1", status_code=303)

    @app.post("/invoices/{invoice_id}/payments", response_class=HTMLResponse)
    async def record_payment(
        request: Request, invoice_id: uuid.UUID, t: T, db: DbSession, viewer: Viewer
    ) -> Response:
        form = await request.form()
        organisations.check_csrf(viewer, str(form.get("csrf_token", "")))
        invoice = invoices.get_invoice(db, viewer, invoice_id)
        submitted = {name: str(form.get(name, "")).strip() for name in FORM_FIELDS}
        errors = mark_paid(db, viewer, invoice_id, submitted, t)
        if errors:
            db.rollback()
            status = 409 if "overpayment" in errors else 400  # 409: confirm the overpayment first
            return render_review(request, t, db, viewer, invoice, errors={}, submitted={}, status_code=status,
                           payment_errors=errors, payment_form=submitted)  # fmt: skip
        return RedirectResponse(f"/invoices/{invoice.id}/review?paid=1#payments", status_code=303)

    @app.post("/invoices/{invoice_id}/payments/{entry_id}/reverse", response_class=HTMLResponse)
    async def reverse(
        request: Request, invoice_id: uuid.UUID, entry_id: uuid.UUID, t: T, db: DbSession, viewer: Viewer
    ) -> Response:
        form = await request.form()
        organisations.check_csrf(viewer, str(form.get("csrf_token", "")))
        invoice = invoices.get_invoice(db, viewer, invoice_id)
        reason = str(form.get("reason", ""))
        errors = reverse_payment(db, viewer, invoice_id, entry_id, reason, t)
        if errors:
            db.rollback()
            status = 409 if reason.strip() else 400  # 409: already reversed, or not reversible here
            return render_review(request, t, db, viewer, invoice, errors={}, submitted={}, status_code=status,
                                 payment_errors=errors)  # fmt: skip
        return RedirectResponse(f"/invoices/{invoice.id}/review?reversed=1#payments", status_code=303)


def _localised(t: T, errors: dict[str, invoices.InvalidFieldValue]) -> dict[str, str]:
    """Each refusal in the reader's language, from its code (review_formats.<code>), amounts and dates in
    the parameters written their way; the English detail only for a code no catalogue has."""
    localised = {}
    for name, exc in errors.items():
        key = f"review_formats.{exc.reason}"
        text = t(key, **in_language(exc.params, t.language))
        localised[name] = text if text != key else exc.detail.removeprefix(f"{name}: ")
    return localised


def _changes(shown: dict[str, str], submitted: dict[str, str]) -> dict[str, str | None]:
    """Only what the person actually changed, compared with what the form showed ("31/01/2026" for a
    stored "2026-01-31"); an emptied input clears the field."""
    changes: dict[str, str | None] = {}
    for name, raw in submitted.items():
        if raw.strip() != shown.get(name, "").strip():
            changes[name] = raw.strip() or None
    return changes


def _approve(request: Request, t: T, db: DbSession, viewer: Viewer, invoice_id: uuid.UUID) -> Response:
    try:
        invoices.approve(db, viewer, invoice_id)
    except Conflict as exc:
        invoice = invoices.get_invoice(db, viewer, invoice_id)
        return render_review(
            request,
            t,
            db,
            viewer,
            invoice,
            errors={"form": _approval_refused(t, exc)},
            submitted={},
            status_code=409,
        )
    following = invoices.next_to_review(db, viewer, after=invoice_id)
    target = f"/invoices/{following.id}/review" if following else "/invoices?status=to_review"
    return RedirectResponse(target, status_code=303)


def _approval_refused(t: T, exc: Conflict) -> str:
    """Which fields still stop the approval, named by their labels."""
    fields = exc.params.get("fields") if exc.reason == "invoice.cannot_approve" else None
    if not isinstance(fields, list):
        return t.error(exc)
    return t("french_everywhere.cannot_approve", fields=", ".join(t.code("field.", name) for name in fields))
