"""The invoice page itself (page image with field boxes, editable fields, approve, payments, reminders, the
timeline and the actions), rendered by every route that shows it: web/invoices.py (review), the actions
(web/invoice_actions.py) and the reminder forms (web/dunning_pages.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from fastapi import Request
from fastapi.responses import Response

from api.deps import DbSession, get_runtime
from api.invoices import service as invoices
from api.invoices import timeline as invoice_timeline
from api.invoices.policy import AMOUNT_FIELDS, DATE_FIELDS, EDITABLE_FIELDS, checksum_warning
from api.mail import service as mail
from api.models import Invoice
from api.money import format_money, to_minor_units
from web.common import T, Viewer, render
from web.home import invoice_alerts
from web.invoice_dunning import dunning_context
from web.invoice_payments import payments_context

FLASHES = ("sent", "written", "cancelled")  # written: to the outbox folder only


def actions_context(
    db: DbSession, viewer: Viewer, invoice: Invoice, *, flash: str | None, errors: dict[str, str]
) -> dict[str, Any]:
    client = invoices.client_of(db, viewer, invoice)
    return {
        "timeline": invoice_timeline.timeline(db, viewer, invoice.id),
        "client": client,
        "payable": invoices.payable_now(invoice),
        "cancellable": invoice.cancelled_at is None and invoice.collection_status != "paid",
        "action_errors": errors,
        "action_flash": flash if flash in FLASHES else None,
    }


def render_review(
    request: Request,
    t: T,
    db: DbSession,
    viewer: Viewer,
    invoice: Invoice,
    *,
    errors: dict[str, str],
    submitted: dict[str, Any],
    status_code: int = 200,
    payment_errors: dict[str, str] | None = None,
    payment_form: dict[str, str] | None = None,
    dunning_errors: dict[str, str] | None = None,
    dunning_form: dict[str, str] | None = None,
    action_errors: dict[str, str] | None = None,
) -> Response:
    """The invoice page; the *_errors and *_form arguments keep a form that failed as it was typed."""
    settings = get_runtime(request).settings
    pages = invoices.page_counts(db, [invoice]).get(invoice.id, 0)
    threshold = settings.capture_confidence_threshold
    return render(
        request, t, "review.html", status_code=status_code, viewer=viewer, invoice=invoice,
        fields=EDITABLE_FIELDS, pages=range(1, pages + 1), errors=errors, submitted=submitted,
        shown=shown_values(invoice, t.language), field_warnings=field_warnings(invoice),
        threshold=threshold, reasons=invoices.review_reasons(invoice, threshold=threshold),
        saved=request.query_params.get("saved") == "1", paid=request.query_params.get("paid") == "1",
        reversed=request.query_params.get("reversed") == "1",
        pay_url=invoices.pay_urls(db, [invoice]).get(invoice.id), base_url=settings.base_url,
        **payments_context(db, invoice, errors=payment_errors or {}, submitted=payment_form or {}),
        **dunning_context(db, viewer, invoice, flash=request.query_params.get("dunning"),
                          errors=dunning_errors, submitted=dunning_form),
        **actions_context(db, viewer, invoice, flash=request.query_params.get("done"),
                          errors=action_errors or {}),
        **invoice_alerts(request, db, viewer, invoice),
        mail_outbox=mail.goes_to_outbox(db, settings, viewer.organisation_id),
    )  # fmt: skip


def _locale(language: str) -> str:
    return "fr_FR" if language == "fr" else "en_GB"


def shown_values(invoice: Invoice, language: str) -> dict[str, str]:
    """Each field as the form shows it: dates and amounts the reader's way ("31/01/2026", "1 234,56 €"
    in French), while they are stored as "2026-01-31" and "1234.56"; a value that cannot be read so is
    shown as stored."""
    shown = {}
    for name, found in invoice.fields.items():
        value = str(found.get("value") or "")
        try:
            if name in DATE_FIELDS:
                value = format_date(date.fromisoformat(value), "short", locale=_locale(language))
            elif name in AMOUNT_FIELDS:
                value = format_money(to_minor_units(value, invoice.currency), invoice.currency, language)
        except (ValueError, ArithmeticError):
            pass
        shown[name] = value
    return shown


def field_warnings(invoice: Invoice) -> dict[str, str]:
    """The fields saved although their check digits are wrong, with the warning's code; a captured value
    has none recorded, so it is worked out from the value."""
    warnings = {}
    for name, found in invoice.fields.items():
        value = found.get("value")
        code = found.get("warning") or (checksum_warning(name, str(value)) if value else None)
        if code:
            warnings[name] = code
    return warnings


def in_language(params: dict[str, object], language: str) -> dict[str, object]:
    """A reason's parameters written the reader's way: amounts and dates with babel, the rest as they are."""
    locale = _locale(language)
    written: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, Decimal):
            value = format_decimal(value, locale=locale)
        elif isinstance(value, date):
            value = format_date(value, "short", locale=locale)
        written[name] = value
    return written
