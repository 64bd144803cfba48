"""Indexes of the lists (invoices, clients) and of the home page's "to do" queries, declared apart from
the tables they index: they serve reads only, and each one is one more write for every invoice saved.

- ix_invoices_org_created: the invoice list's default order (newest first) and its keyset pages;
- ix_invoices_org_due_issue: due-date ranges (aging filters, the limitation period, falling due);
- ix_invoices_org_review: the captured invoices waiting for review, oldest first (a few per cent);
- ix_invoices_org_disputed: the contested invoices (a few per cent);
- ix_payment_entries_org_failed: refused debits and chargebacks, newest first (the home page's list);
- ix_reminders_org_created, ix_reminders_org_status_created: the reminders sent, newest first, all of them
  or of one status (the outbox page, /relances/envoyees);
- the trigram indexes (PostgreSQL's pg_trgm; none on SQLite, which keeps scanning for its LIKE) let a
  text search find '%words%' in invoice numbers, buyer names and client names without reading every row.
"""

from __future__ import annotations

from sqlalchemy import Index

from api.models.client import Client
from api.models.dunning import Reminder
from api.models.invoice import Invoice, InvoiceStatus
from api.models.payment_entry import PaymentEntry

Index("ix_invoices_org_created", Invoice.organisation_id, Invoice.created_at, Invoice.id)
Index("ix_invoices_org_due_issue", Invoice.organisation_id, Invoice.due_date, Invoice.issue_date)
_needs_review = Invoice.status == InvoiceStatus.needs_review.value
Index(
    "ix_invoices_org_review",
    Invoice.organisation_id,
    Invoice.created_at,
    Invoice.id,
    postgresql_where=_needs_review,
    sqlite_where=_needs_review,
)
Index(
    "ix_invoices_org_disputed",
    Invoice.organisation_id,
    Invoice.due_date,
    postgresql_where=Invoice.disputed.is_(True),
    sqlite_where=Invoice.disputed.is_(True),
)
_failed = PaymentEntry.kind.in_(("failed", "charged_back"))  # reports.repository.FAILED_KINDS
Index(
    "ix_payment_entries_org_failed",
    PaymentEntry.organisation_id,
    PaymentEntry.occurred_at,
    postgresql_where=_failed,
    sqlite_where=_failed,
)
Index("ix_reminders_org_created", Reminder.organisation_id, Reminder.created_at, Reminder.id)
Index(
    "ix_reminders_org_status_created",
    Reminder.organisation_id,
    Reminder.status,
    Reminder.created_at,
    Reminder.id,
)

# (index name, table, column): a GIN trigram index each, on PostgreSQL only.
TRIGRAM_INDEXES = (
    ("ix_invoices_number_trgm", Invoice, "number"),
    ("ix_invoices_buyer_name_trgm", Invoice, "buyer_name"),
    ("ix_clients_name_trgm", Client, "name"),
)
for _name, _model, _column in TRIGRAM_INDEXES:
    Index(
        _name,
        getattr(_model, _column),
        postgresql_using="gin",
        postgresql_ops={_column: "gin_trgm_ops"},
    ).ddl_if(dialect="postgresql")
