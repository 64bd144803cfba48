"""The limitation period (prescription) of a debt between traders: article L110-4 of the Code de commerce,
five years. It runs from the due date, or from the issue date when the invoice names no due date. Under
articles 2228-2229 of the Code civil the starting day itself is not counted and the period ends when its last
day is over: an invoice due on 15 March 2020 can be claimed up to 15 March 2025 included, and is time-barred
("prescrite") from 16 March 2025. A period that starts on 29 February ends on 28 February.

Only business dates in Europe/Paris are compared here; callers pass `paris_today()`. A time-barred invoice
still owed is flagged (its page, the home page's "À faire" list) and no reminder goes out for it
automatically (api.dunning.service.blocked); a person can still act on it (an acknowledgement of the debt
interrupts the period, article 2240 of the Code civil, which this module cannot know about)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from api.invoices.repository import InvoiceRepository
from api.models import Invoice
from api.transactions.policy import OWED

LIMITATION_YEARS = 5


def period_start(*, due_date: date | None, issue_date: date | None) -> date | None:
    """The day the period runs from: the due date, else the issue date (None: neither is known)."""
    return due_date if due_date is not None else issue_date


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, in a year that has none
        return day.replace(year=day.year + years, day=28)


def last_claimable_day(start: date) -> date:
    """The last day on which a debt whose period runs from `start` can still be claimed."""
    return _years_later(start, LIMITATION_YEARS)


def is_time_barred(*, due_date: date | None, issue_date: date | None, today: date) -> bool:
    start = period_start(due_date=due_date, issue_date=issue_date)
    return start is not None and today > last_claimable_day(start)


def earliest_live_start(today: date) -> date:
    """The first starting day whose period has not run out on `today`: an invoice is time-barred exactly
    when its start is before it (what the database query compares with)."""
    candidate = _years_later(today, -LIMITATION_YEARS) - timedelta(days=1)
    while last_claimable_day(candidate) < today:  # one or two steps: 29 February on either side
        candidate += timedelta(days=1)
    return candidate


def still_owed(invoice: Invoice) -> bool:
    return invoice.cancelled_at is None and invoice.collection_status in OWED


def barred_since(invoice: Invoice, today: date) -> date | None:
    """The first day the invoice was time-barred, if it is flagged on `today` (still owed, its period run
    out); None otherwise."""
    start = period_start(due_date=invoice.due_date, issue_date=invoice.issue_date)
    if start is None or not still_owed(invoice) or today <= last_claimable_day(start):
        return None
    return last_claimable_day(start) + timedelta(days=1)


@dataclass(frozen=True)
class BarredInvoice:
    invoice_id: uuid.UUID
    number: str | None
    party: str | None
    amount: int | None
    currency: str
    since: date  # the first day it was time-barred


@dataclass(frozen=True)
class BarredInvoices:
    count: int
    items: list[BarredInvoice]


def time_barred(session: Session, organisation_id: uuid.UUID, today: date, *, limit: int) -> BarredInvoices:
    """The organisation's invoices still owed whose period has run out on `today`, the oldest first."""
    count, invoices = InvoiceRepository(session).started_before(
        organisation_id, earliest_live_start(today), owed=OWED, limit=limit
    )
    items = []
    for invoice in invoices:
        start = period_start(due_date=invoice.due_date, issue_date=invoice.issue_date)
        assert start is not None  # the query only finds invoices with a start before the cut-off
        items.append(
            BarredInvoice(invoice.id, invoice.number, invoice.buyer_name, invoice.total_incl_tax,
                          invoice.currency, last_claimable_day(start) + timedelta(days=1))
        )  # fmt: skip
    return BarredInvoices(count, items)
