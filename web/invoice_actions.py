"""The invoice page's timeline and actions: send the pay link now, cancel (after a confirmation page, with an
optional reason); pause, promise, dispute and "mark as paid" are the forms of the sections below it."""

from __future__ import annotations

import uuid

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import DbSession, get_runtime
from api.errors import Conflict
from api.invoices import service as invoices
from api.mail import errors as mail_errors
from api.mail import service as mail
from api.models import Invoice
from api.notifications.service import EmailNotSent
from web.common import T, Viewer, posted, render
from web.invoice_page import render_review
from web.reminder_errors import mail_failure


def add_action_routes(app: FastAPI) -> None:
    @app.post("/invoices/{invoice_id}/send-pay-link", response_class=HTMLResponse)
    async def send_pay_link(
        request: Request, invoice_id: uuid.UUID, t: T, db: DbSession, viewer: Viewer
    ) -> Response:
        await posted(request, viewer)
        invoice = invoices.get_invoice(db, viewer, invoice_id)
        settings = get_runtime(request).settings
        try:
            invoices.send_pay_link(db, viewer, invoice.id, settings=settings)
        except (invoices.NoEmailAddress, invoices.NotPayable, EmailNotSent) as exc:
            db.rollback()
            code = exc.code if isinstance(exc, Conflict) else "email_not_sent"
            return render_review(request, t, db, viewer, invoice, errors={}, submitted={},
                                 status_code=exc.status_code if code != "email_not_sent" else 503,
                                 action_errors={"send": _not_sent(t, code, exc)})  # fmt: skip
        done = "written" if mail.goes_to_outbox(db, settings, viewer.organisation_id) else "sent"
        return RedirectResponse(f"/invoices/{invoice.id}/review?done={done}#actions", status_code=303)

    @app.get("/invoices/{invoice_id}/cancel", response_class=HTMLResponse)
    def cancel_page(request: Request, invoice_id: uuid.UUID, t: T, db: DbSession, viewer: Viewer) -> Response:
        invoice = invoices.get_invoice(db, viewer, invoice_id)
        return _cancel_page(request, t, viewer, invoice, errors={}, reason="")

    @app.post("/invoices/{invoice_id}/cancel", response_class=HTMLResponse)
    async def cancel(
        request: Request, invoice_id: uuid.UUID, t: T, db: DbSession, viewer: Viewer
    ) -> Response:
        form = await posted(request, viewer)
        invoice = invoices.get_invoice(db, viewer, invoice_id)
        reason = form.get("reason", "").strip()
        if len(reason) > invoices.CANCEL_REASON_MAX:
            errors = {"reason": t("inv.cancel.reason_too_long", max=invoices.CANCEL_REASON_MAX)}
            return _cancel_page(request, t, viewer, invoice, errors=errors, reason=reason, status_code=400)
        try:
            invoices.cancel(db, viewer, invoice.id, reason=reason or None)
        except Conflict:
            db.rollback()
            errors = {"form": t("inv.cancel.paid")}
            return _cancel_page(request, t, viewer, invoice, errors=errors, reason=reason, status_code=409)
        return RedirectResponse(f"/invoices/{invoice.id}/review?done=cancelled#actions", status_code=303)


def _cancel_page(
    request: Request,
    t: T,
    viewer: Viewer,
    invoice: Invoice,
    *,
    errors: dict[str, str],
    reason: str,
    status_code: int = 200,
) -> Response:
    return render(request, t, "invoice_cancel.html", status_code=status_code, viewer=viewer, invoice=invoice,
                  errors=errors, reason=reason, max_reason=invoices.CANCEL_REASON_MAX)  # fmt: skip


def _not_sent(t: T, code: str, exc: Exception) -> str:
    """Why the link did not leave: a mail server's refusal says its reason then its answer (a wrong address
    is not worth trying again in a few minutes); anything else its own sentence."""
    refused = mail_errors.parse(exc.detail) if isinstance(exc, EmailNotSent) else None
    if refused is None:
        return t("inv.send." + code)
    return t("mail_errors.not_sent", reason=mail_failure(t, refused))
