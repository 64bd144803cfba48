"""A credit a person assigns by hand to one or several invoices (one the matching found nothing for, or one it
was unsure of). Never commits.

The credit pays the invoices in the order given, each its balance in turn (as `service._apply` allocates). An
invoice it cannot reach (the credit spent before it) is refused; what is left once every invoice is paid is
refused too, unless the person says to keep it as an overpayment, which the last invoice then carries.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy.orm import Session

from api.audit.service import record as audit
from api.bank.formats.lines import get_currency_precision
from api.bank.repository import BankRepository, open_invoices_matching
from api.bank.service import _apply, _still_open
from api.errors import BadRequest, Conflict, NotFound
from api.invoices.service import get_invoice
from api.models import BankLine, Invoice, InvoiceStatus
from api.organisations.service import Principal

MAX_INVOICES = 50
SEARCH_LIMIT = 20


def assign(
    session: Session, principal: Principal, line_id: uuid.UUID, invoice_ids: list[uuid.UUID], *,
    overpayment: bool = False,
) -> BankLine:  # fmt: skip
    line = BankRepository(session).line(principal.organisation_id, line_id)
    if line is None:
        raise NotFound("No such bank line.", reason="bank.no_line")
    _still_open(line)
    if not invoice_ids:
        raise BadRequest("Name at least one invoice.", reason="bank.assign_none")
    if len(invoice_ids) > MAX_INVOICES:
        raise BadRequest(f"A credit is assigned to {MAX_INVOICES} invoices at most.",
                         reason="bank.assign_many", params={"max": MAX_INVOICES})  # fmt: skip
    if len(set(invoice_ids)) != len(invoice_ids):
        raise BadRequest("An invoice is named twice.", reason="bank.assign_twice")
    invoices = [get_invoice(session, principal, invoice_id) for invoice_id in invoice_ids]
    for invoice in invoices:
        _payable_by(invoice, line)
    left = line.amount
    for invoice in invoices:
        if left <= 0:
            raise BadRequest(f"The credit is spent before invoice {_label(invoice)}.",
                             reason="bank.assign_short", params={"number": _label(invoice)})  # fmt: skip
        left -= min(invoice.balance_due or 0, left)
    if left and not overpayment:
        raise BadRequest(
            f"{_money(left, line.currency)} would be left once the invoices are paid.",
            reason="bank.assign_remainder", params={"remainder": _money(left, line.currency)},
        )  # fmt: skip
    _apply(session, principal, line, invoice_ids)
    line.reason = f"assigned by {principal.actor[:120]}"
    if left:
        line.reason += f"; overpayment of {_money(left, line.currency)} on {_label(invoices[-1])}"[:170]
    audit(session, principal.organisation_id, principal.actor, "bank.line_assigned", "bank_line", line.id,
          {"invoices": [str(i) for i in invoice_ids], "overpayment": left})  # fmt: skip
    return line


def _payable_by(invoice: Invoice, line: BankLine) -> None:
    if invoice.currency != line.currency:
        raise BadRequest("The invoice and the credit are in different currencies.", reason="bank.currencies")
    if (
        invoice.status != InvoiceStatus.ready
        or invoice.cancelled_at is not None
        or (invoice.balance_due or 0) <= 0
    ):
        raise Conflict(f"Invoice {_label(invoice)} has nothing left to pay.", reason="bank.assign_not_open",
                       params={"number": _label(invoice)})  # fmt: skip


def _label(invoice: Invoice) -> str:
    return invoice.number or str(invoice.id)


def _money(minor: int, currency: str) -> str:
    return f"{Decimal(minor).scaleb(-get_currency_precision(currency))} {currency}"


def invoices_to_assign(session: Session, principal: Principal, line: BankLine, text: str) -> list[Invoice]:
    """The open invoices a person may pick for this credit: its currency, number or client holding `text`."""
    text = " ".join(text.split())[:100]
    if not text:
        return []
    return open_invoices_matching(session, principal.organisation_id, line.currency, text, limit=SEARCH_LIMIT)


def open_line(session: Session, principal: Principal, line_id: uuid.UUID) -> BankLine:
    """A credit still to decide (unmatched or proposed), for the page that assigns it."""
    line = BankRepository(session).line(principal.organisation_id, line_id)
    if line is None:
        raise NotFound("No such bank line.", reason="bank.no_line")
    _still_open(line)
    return line
