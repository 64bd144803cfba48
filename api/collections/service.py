"""Automatic collections on active mandates: plan one per collectable invoice, send the pre-notification,
and only then ask the provider to debit. Never commits: the task commits between notice and submission."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session

from api.clock import utc_now
from api.collections import notice
from api.collections.repository import CollectionRepository
from api.dunning import notices
from api.logging import get_logger
from api.mandates import policy
from api.models import Collection
from api.notifications.service import EmailNotSent
from api.payment_links import service as payment_links
from api.providers import service as providers
from api.settings import Settings
from api.transactions import service as transactions
from payments import CollectionRequest, Money, ProviderError

log = get_logger(__name__)


def plan(session: Session, *, today: date, prenotice_days: int) -> list[Collection]:
    """One planned collection per collectable invoice of every client with an active mandate."""
    repository = CollectionRepository(session)
    planned = []
    for mandate in repository.active_mandates():
        for invoice in repository.collectable_invoices(mandate):
            assert invoice.due_date is not None
            amount = invoice.amount_due if invoice.amount_due is not None else invoice.total_incl_tax
            if not amount or amount <= 0:
                continue
            collection = Collection(
                organisation_id=mandate.organisation_id,
                invoice_id=invoice.id,
                mandate_id=mandate.id,
                amount=amount,
                currency=invoice.currency,
                charge_date=policy.charge_date(
                    due_date=invoice.due_date,
                    next_possible=mandate.next_possible_charge_date,
                    today=today,
                    prenotice_days=prenotice_days,
                ),
            )
            if repository.insert(collection):
                planned.append(collection)
    return planned


def unfinished(session: Session) -> list[tuple[uuid.UUID, uuid.UUID]]:
    return CollectionRepository(session).unfinished()


def notify(
    session: Session, organisation_id: uuid.UUID, collection_id: uuid.UUID, *, settings: Settings, today: date
) -> bool:
    """Send the pre-notification of a planned collection; True when it went out now. A failure to send is
    recorded and the collection stays planned (retried by the next planning run)."""
    found = CollectionRepository(session).for_processing(organisation_id, collection_id)
    if found is None:
        return False
    collection, invoice, mandate, client, organisation = found
    if not policy.should_notify(collection.status) or not policy.may_collect(mandate.status):
        return False
    address = mandate.email or client.email
    if not address:
        collection.error = "no email address for the pre-notification"
        return False
    # The notice announces the real date: a late run moves the debit, never the notice period.
    collection.charge_date = policy.charge_date(
        due_date=collection.charge_date,
        next_possible=mandate.next_possible_charge_date,
        today=today,
        prenotice_days=settings.sepa_prenotice_days,
    )
    urls = payment_links.pay_urls(session, [invoice])
    message = notice.prenotification(
        language="en" if client.locale == "en" else "fr",
        creditor=organisation.payer_name,
        invoice_number=invoice.number or str(invoice.id),
        amount=collection.amount,
        currency=collection.currency,
        charge_date=collection.charge_date,
        mandate_reference=mandate.scheme_reference or mandate.mandate_reference or mandate.reference,
        pay_url=f"{settings.base_url}{urls[invoice.id]}" if invoice.id in urls else None,
    )
    try:
        collection.notice_message_id = notices.send_notice(
            session, settings, invoice, key=f"prenotice:{collection.id}:{collection.charge_date.isoformat()}",
            to=address, subject=message.subject, text=message.text,
        )  # fmt: skip
    except EmailNotSent as exc:
        collection.error = exc.detail[:500]
        log.warning("collection.notice_failed", collection_id=str(collection.id), error=exc.detail)
        return False
    collection.status, collection.notified_at, collection.error = policy.NOTIFIED, utc_now(), None
    return True


def submit(
    session: Session, organisation_id: uuid.UUID, collection_id: uuid.UUID, *, secret_key: str, timeout: float
) -> bool:
    """Ask the provider to debit a notified collection; True when it accepted. A retryable failure leaves
    it notified (the next planning run tries again with the same idempotency key); a final one fails it."""
    found = CollectionRepository(session).for_processing(organisation_id, collection_id)
    if found is None:
        return False
    collection, invoice, mandate, _, _ = found
    if not policy.should_submit(collection.status, mandate.status):
        return False
    request = CollectionRequest(
        mandate_reference=mandate.mandate_reference or mandate.reference,
        amount=Money(collection.amount, collection.currency),
        charge_date=collection.charge_date,
        idempotency_key=policy.idempotency_key(str(collection.id)),
        description=f"Facture {invoice.number or ''}".strip(),
        metadata={"invoice_id": str(invoice.id), "collection_id": str(collection.id)},
    )
    try:
        result = providers.adapter(
            session, secret_key, organisation_id, mandate.provider, timeout=timeout
        ).collect(request)
    except ProviderError as exc:
        collection.error = exc.message[:500]
        if not exc.retryable:
            collection.status = policy.COLLECTION_FAILED
        log.warning("collection.submit_failed", collection_id=str(collection.id), error=exc.message)
        return False
    collection.status, collection.submitted_at, collection.error = policy.SUBMITTED, utc_now(), None
    collection.provider_reference = result.reference
    collection.charge_date = result.charge_date or collection.charge_date
    transactions.recompute(session, invoice)  # in flight: reminders pause; only the provider's word pays it
    return True
