"""The invoice page's "reminders" section: the forms that record a promise to pay, a dispute or a pause, and
the client's pause and segment with its payment behaviour (the timeline is web/invoice_actions.py's)."""

from __future__ import annotations

from typing import Any

from api.clock import paris_today
from api.deps import DbSession
from api.dunning import follow_up, policy
from api.dunning.outlook import outlook
from api.errors import BadRequest
from api.models import HoldKind, Invoice
from web.common import Viewer
from web.dunning_view import day_or_error, to_minor
from web.i18n import Translator

HOLD_FIELDS = ("kind", "until", "promised_amount", "reason")
CLIENT_PAUSE = "client_pause"  # the form's name in the page's errors, beside the invoice's hold kinds
FLASHES = ("promise", "dispute", "pause", "ended", "client_pause", "segment")
REASON_MAX = 1000


def dunning_context(
    db: DbSession,
    viewer: Viewer,
    invoice: Invoice,
    *,
    flash: str | None,
    errors: dict[str, str] | None = None,
    submitted: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What _dunning.html needs; `submitted` keeps what was typed in the form that failed."""
    client_id = invoice.client_id
    return {
        "behaviour": follow_up.client_behaviour(db, viewer, client_id) if client_id else None,
        "client_pauses": follow_up.client_holds(db, viewer, client_id) if client_id else [],
        "invoice_holds": follow_up.invoice_holds(db, viewer, invoice.id),
        "outlook": outlook(db, viewer, invoice.id),
        "segments": policy.SEGMENTS,
        "hold_kinds": follow_up.HOLD_KINDS,
        "hold_errors": errors or {},
        "hold_form": submitted or {},
        "dunning_flash": flash if flash in FLASHES else None,
    }


def record_hold(
    db: DbSession, viewer: Viewer, invoice: Invoice, form: dict[str, str], t: Translator
) -> dict[str, str]:
    """Record the promise, dispute or pause typed in the form; the errors to show beside it (none: done)."""
    if form["kind"] not in follow_up.HOLD_KINDS:
        raise BadRequest(f"kind must be one of {', '.join(follow_up.HOLD_KINDS)}")
    until, error = day_or_error(form["until"], t, today=paris_today())
    errors = {"until": error} if error else {}
    if form["kind"] == HoldKind.promise and not form["until"]:
        errors["until"] = t("dunning.promise_needs_date")
    if form["kind"] == HoldKind.dispute and not form["reason"]:
        errors["reason"] = t("dunning.dispute_needs_reason")
    amount = to_minor(form["promised_amount"], invoice.currency) if form["promised_amount"] else None
    if form["promised_amount"] and not amount:
        errors["promised_amount"] = t("payments.bad_amount")
    if errors:
        return errors
    try:
        follow_up.hold_invoice(db, viewer, invoice.id, kind=form["kind"], until=until,
                               reason=form["reason"][:REASON_MAX] or None,
                               promised_amount=amount)  # fmt: skip
    except BadRequest as exc:  # what the checks above do not cover
        errors["form"] = t.error(exc)
    return errors


def pause_client(
    db: DbSession, viewer: Viewer, invoice: Invoice, form: dict[str, str], t: Translator
) -> dict[str, str]:
    until, error = day_or_error(form["until"], t, today=paris_today())
    if error:
        return {"until": error}
    assert invoice.client_id is not None
    try:
        follow_up.pause_client(
            db, viewer, invoice.client_id, until=until, reason=form["reason"][:REASON_MAX] or None
        )
    except BadRequest as exc:
        return {"form": t.error(exc)}
    return {}
