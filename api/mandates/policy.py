"""Pure rules of the reusable mandate and of automatic collections: plain values in and out."""

from __future__ import annotations

from datetime import date, datetime, timedelta

PENDING, ACTIVE, CANCELLED, FAILED, EXPIRED = "pending", "active", "cancelled", "failed", "expired"
MANDATE_STATUSES = (PENDING, ACTIVE, CANCELLED, FAILED, EXPIRED)
LIVE = (PENDING, ACTIVE)  # a client has at most one of these at a time
ENDED = (CANCELLED, FAILED, EXPIRED)

PLANNED, NOTIFIED, SUBMITTED, COLLECTION_FAILED, COLLECTION_CANCELLED = (
    "planned",
    "notified",
    "submitted",
    "failed",
    "cancelled",
)

# An unsigned mandate (the payer left the provider's page) is given up after this long.
ABANDONED_AFTER = timedelta(days=30)
# GoCardless cancels a payment together with its mandate while it is "pending_submission"; it submits SEPA
# payments to the bank a few business days before the charge date. Further away than this, a submitted
# collection is surely still cancellable; nearer, it may already be at the bank and stays as it is until the
# provider tells us (its events come in a later issue).
SURELY_NOT_AT_THE_BANK = timedelta(days=6)


def charge_date(*, due_date: date, next_possible: date | None, today: date, prenotice_days: int) -> date:
    """The due date, but never before the mandate allows nor before the payer can have read the notice."""
    earliest = today + timedelta(days=prenotice_days)
    return max(due_date, next_possible or earliest, earliest)


def status_after_refresh(current: str, provider_status: str, *, created_at: datetime, now: datetime) -> str:
    """What we record after asking the provider. A mandate we cancelled stays cancelled whatever a stale
    answer says; an unsigned one is given up after ABANDONED_AFTER."""
    if provider_status not in MANDATE_STATUSES:
        raise ValueError(f"unknown mandate status {provider_status!r}")
    if current == CANCELLED:
        return CANCELLED
    if provider_status == PENDING and now - created_at > ABANDONED_AFTER:
        return EXPIRED
    return provider_status


def may_collect(mandate_status: str) -> bool:
    return mandate_status == ACTIVE


def collection_after_revocation(status: str, charge: date, today: date) -> str:
    """Revoking the mandate cancels what is still ours to cancel: planned and notified collections, and a
    submitted one whose charge date is far enough away that the provider cancels it with the mandate."""
    if status in (PLANNED, NOTIFIED):
        return COLLECTION_CANCELLED
    if status == SUBMITTED and charge - today >= SURELY_NOT_AT_THE_BANK:
        return COLLECTION_CANCELLED
    return status


def should_notify(status: str) -> bool:
    return status == PLANNED


def should_submit(status: str, mandate_status: str) -> bool:
    """Only after the pre-notification went out, and only on an active mandate."""
    return status == NOTIFIED and may_collect(mandate_status)


def idempotency_key(collection_id: str) -> str:
    """One collection is one provider payment, however often we retry."""
    return f"encaisse-collection-{collection_id}"
