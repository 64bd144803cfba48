"""The invoice page's payments section: the ledger as the reader sees it, and the "mark as paid" form."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from api.clock import paris_today
from api.dates import DateError, parse_date
from api.deps import DbSession
from api.errors import BadRequest, Conflict
from api.models import Invoice
from api.money import format_money, parse_amount
from api.transactions import service as transactions
from web.common import Viewer
from web.i18n import Translator

FORM_FIELDS = ("amount", "paid_on", "method", "note", "confirm_overpayment")
NOTE_MAX = 500


def payments_context(
    db: DbSession, invoice: Invoice, *, errors: dict[str, str], submitted: dict[str, str]
) -> dict[str, Any]:
    """What the template needs: the ledger, its anomalies and the form (kept as typed after an error)."""
    entries = transactions.entries(db, invoice.id)
    return {
        "entries": entries,
        "reversed_ids": {e.reverses_id for e in entries if e.reverses_id is not None},
        "anomalies": [a for a in transactions.anomalies(db, invoice.id) if a.resolved_at is None],
        "manual_methods": transactions.MANUAL_METHODS,
        "payment_errors": errors,
        "payment_form": submitted,
        "today": paris_today().isoformat(),
    }


def parse_day(raw: str) -> date | None:
    """The date input's 2026-03-31, or a date typed the French way where a browser has no date picker
    (31/03/2026, 31.03.26, 31 mars 2026: `api.dates.parse_date`, the one reader of typed dates)."""
    try:
        return parse_date(raw)
    except DateError:
        return None


def mark_paid(
    db: DbSession, viewer: Viewer, invoice_id: uuid.UUID, form: dict[str, str], t: Translator
) -> dict[str, str]:
    """Record the payment typed in the form; returns the errors to show next to its fields (none: done).
    An amount above what remains due comes back as a confirmation step (the `overpayment` entry, with the
    excess); the form then carries the confirmed amount, and a changed amount is asked about again."""
    errors: dict[str, str] = {}
    amount = form["amount"]
    minor = None
    try:
        minor = parse_amount(amount)  # checked again, in the invoice's currency, by the ledger
    except ValueError:
        errors["amount"] = t("payments.bad_amount")
    paid_on = parse_day(form["paid_on"])
    if paid_on is None:
        errors["paid_on"] = t("payments.bad_date")
    elif paid_on > paris_today():
        errors["paid_on"] = t("payments.future_date")
    if form["method"] not in transactions.MANUAL_METHODS:
        errors["method"] = t("payments.bad_method")
    if errors or paid_on is None:
        return errors
    confirmed = minor is not None and form.get("confirm_overpayment", "") == str(minor)
    try:
        transactions.mark_paid(db, viewer, invoice_id, amount=amount, paid_on=paid_on, method=form["method"],
                               note=form["note"][:NOTE_MAX] or None,
                               confirm_overpayment=confirmed)  # fmt: skip
    except transactions.OverpaymentNeedsConfirmation as exc:
        money = [format_money(v, exc.currency, t.language) for v in (exc.amount, exc.due, exc.excess)]
        errors["overpayment"] = t("reversals.overpayment_confirm", amount=money[0], due=money[1],
                                  excess=money[2])  # fmt: skip
        errors["overpayment_amount"] = str(exc.amount)
    except BadRequest:  # the method and the date were checked above: what is left is the amount (0…)
        errors["amount"] = t("payments.bad_amount")
    except Conflict:
        errors["form"] = t("payments.cancelled_invoice")
    return errors


def reverse_payment(
    db: DbSession, viewer: Viewer, invoice_id: uuid.UUID, entry_id: uuid.UUID, reason: str, t: Translator
) -> dict[str, str]:
    """Reverse a manual payment from the ledger table; returns the errors to show (none: done)."""
    if not reason.strip():
        return {"reverse": t("reversals.reason_required"), "reverse_entry": str(entry_id)}
    try:
        transactions.reverse_payment(db, viewer, invoice_id, entry_id, reason=reason[:NOTE_MAX])
    except Conflict:
        return {"reverse": t("reversals.not_reversible"), "reverse_entry": str(entry_id)}
    return {}
