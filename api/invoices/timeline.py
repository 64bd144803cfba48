"""An invoice's whole history on one list, newest first: captured, corrected, approved, its pay link created,
sent, opened and revoked, the reminders, the payments (failed ones, refunds, disputes and chargebacks
included), the holds (promise, dispute, pause) and the cancellation. A fixed number of queries whatever
the length of the history. Never commits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from api.dunning import follow_up
from api.invoices.repository import InvoiceRepository
from api.invoices.service import get_invoice
from api.models import AuditLog, PaymentLink
from api.organisations.repository import OrganisationRepository
from api.organisations.service import Principal

KINDS = (
    "captured", "corrected", "approved", "link_created", "link_sent", "link_opened", "link_revoked",
    "reminder", "payment", "hold", "hold_ended", "cancelled",
)  # fmt: skip
_FROM_AUDIT = {
    "invoice.captured": "captured",
    "invoice.corrected": "corrected",
    "invoice.approved": "approved",
    "invoice.cancelled": "cancelled",
    "invoice.pay_link_sent": "link_sent",
    "payment_link.opened": "link_opened",
}


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: str  # one of KINDS
    summary: str
    detail: dict[str, Any]


def timeline(session: Session, principal: Principal, invoice_id: uuid.UUID) -> list[Entry]:
    """Every dated fact about the invoice, newest first (the same moment keeps the order it happened in)."""
    invoice = get_invoice(session, principal, invoice_id)
    repository = InvoiceRepository(session)
    audit = repository.audit_of(principal.organisation_id, invoice.id)
    links = repository.links_of(principal.organisation_id, invoice.id)
    # Captured when the invoice row was written (its audit row follows the pay link made in the same step).
    captured = next((row for row in audit if row.action == "invoice.captured"), None)
    method = {"method": invoice.capture_method}
    entries = [Entry(invoice.created_at, "captured", "captured", dict(captured.data) if captured else method)]
    entries += [_from_audit(row) for row in audit if row.action != "invoice.captured"]
    entries += _link_entries(links, opened_recorded={r.data.get("link_id") for r in audit})
    chase = follow_up.timeline(session, principal, invoice.id)  # reminders, payments, holds
    entries += [Entry(e.at, e.kind, e.summary, e.detail) for e in chase]
    entries = _with_emails(session, principal.organisation_id, entries)
    ordered = sorted(enumerate(entries), key=lambda pair: (pair[1].at, pair[0]), reverse=True)
    return [entry for _, entry in ordered]


def _from_audit(row: AuditLog) -> Entry:
    kind = _FROM_AUDIT[row.action]
    detail = dict(row.data or {})
    detail["by"] = row.actor
    return Entry(row.created_at, kind, kind, detail)


def _with_emails(session: Session, organisation_id: uuid.UUID, entries: list[Entry]) -> list[Entry]:
    """A person reads who did something by their email ("by_email"), not by "user:<id>"."""
    users = {f"user:{u.id}": u.email for u in OrganisationRepository(session).users_of(organisation_id)}
    for entry in entries:
        if entry.detail.get("by") in users:
            entry.detail["by_email"] = users[entry.detail["by"]]
    return entries


def _link_entries(links: list[PaymentLink], *, opened_recorded: set[Any]) -> list[Entry]:
    entries = []
    for link in links:
        entries.append(Entry(link.created_at, "link_created", "link_created", {"link_id": str(link.id)}))
        if link.revoked_at is not None:
            entries.append(Entry(link.revoked_at, "link_revoked", "link_revoked", {"link_id": str(link.id)}))
        # Openings are recorded as they happen (at most one an hour a link); a link opened before that was
        # recorded still shows its last opening.
        if link.last_opened_at is not None and str(link.id) not in opened_recorded:
            opened = {"link_id": str(link.id)}
            entries.append(Entry(link.last_opened_at, "link_opened", "link_opened", opened))
    return entries
