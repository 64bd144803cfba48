"""The client's reusable mandate, from the pay page: sign it on the provider's page, see it, revoke it.
Never trusts a redirect: the provider is asked. Never commits."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.orm import Session

from api.audit.service import record as audit
from api.clock import paris_today, utc_now
from api.collections.repository import CollectionRepository
from api.errors import BadRequest, Conflict, EncaisseError, NotFound
from api.instalments.repository import InstalmentRepository
from api.logging import get_logger
from api.mandates import policy
from api.mandates.repository import MandateRepository
from api.models import Client, Mandate, MandateRevocation
from api.payment_links import policy as pay_policy
from api.payment_links.service import PaymentRefused, PayPage, ProviderUnavailable, pay_page
from api.providers import service as providers
from api.transactions import service as transactions
from api.worker import enqueue
from payments import Mandate as ProviderMandate
from payments import MandateRequest, ProviderError

log = get_logger(__name__)

PROVIDER = "gocardless"
FLOW_LIFETIME = timedelta(minutes=50)  # reuse the hosted page on a double click, not once it may be stale


@dataclass(frozen=True)
class MandateView:
    """What the payer sees of their mandate on a pay page."""

    status: str
    scheme_reference: str | None
    debit_date: date | None  # when this invoice will be (or was asked to be) debited
    collection_status: str | None


def client_of(session: Session, page: PayPage) -> Client:
    client_id = page.invoice.client_id
    client = None if client_id is None else MandateRepository(session).client(page.organisation.id, client_id)
    if client is None:
        raise BadRequest("This invoice names no client to sign a mandate for.")
    return client


def start(
    session: Session,
    token: str,
    *,
    email: str | None,
    secret_key: str,
    base_url: str,
    timeout: float = 20.0,
    method: str = pay_policy.MANDATE,
) -> str:
    """The provider's page where the payer signs a reusable mandate. A double click reuses it. `method` is
    what the payer chose on the pay page: the mandate itself, or instalments on it."""
    page = pay_page(session, token)
    if page.state != "payable":
        raise PaymentRefused("This invoice cannot be paid online any more.", reason="pay.not_payable")
    offer = next((o for o in page.offers if o.method == method), None)
    if offer is None or not offer.available:
        raise BadRequest(
            "This payment method is not available for this invoice.", reason="pay.method_unavailable"
        )
    client = client_of(session, page)
    address = checked_email(email or client.email)
    repository = MandateRepository(session)
    current = repository.latest_for_client(page.organisation.id, client.id, policy.LIVE, lock=True)
    now = utc_now()
    if current is not None and current.status == policy.ACTIVE:
        raise Conflict("This client already has an active mandate.")
    if (
        current is not None
        and current.redirect_url
        and current.redirect_expires_at is not None
        and current.redirect_expires_at > now
    ):
        current.email = address
        return current.redirect_url
    # Derived from committed state: a retry after a lost answer reaches the same Billing Request.
    attempt_id = f"{client.id}-mandate-{repository.count_for_client(page.organisation.id, client.id)}"
    request = MandateRequest(
        organisation_id=str(page.organisation.id),
        client_id=str(client.id),
        attempt_id=attempt_id,
        redirect_url=f"{base_url}/pay/{token}/mandate/return",
        exit_url=f"{base_url}/pay/{token}",
        currency=page.invoice.currency,
        customer_email=address,
        customer_name=client.name,
        metadata={"invoice_id": str(page.invoice.id)},
    )
    try:
        redirect = providers.adapter(
            session, secret_key, page.organisation.id, PROVIDER, timeout=timeout
        ).create_mandate_flow(request)
    except ProviderError as exc:
        raise _provider_problem(exc) from exc
    if current is not None:  # an unsigned one whose page went stale: this one replaces it
        current.status = policy.EXPIRED
    repository.add(
        Mandate(
            organisation_id=page.organisation.id,
            client_id=client.id,
            provider=PROVIDER,
            reference=redirect.reference,
            email=address,
            redirect_url=redirect.url,
            redirect_expires_at=min(redirect.expires_at or now + FLOW_LIFETIME, now + FLOW_LIFETIME),
        )
    )
    if not client.email:
        client.email = address
    return redirect.url


def checked_email(value: str | None) -> str:
    if not value:
        raise BadRequest("An email address is needed to send you the notice before each debit.",
                         reason="mandate.email_needed")  # fmt: skip
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise BadRequest(f"Invalid email address: {exc}", reason="mandate.email_invalid") from exc


def _provider_problem(exc: ProviderError) -> Exception:
    if exc.retryable:
        return ProviderUnavailable(
            "The payment service is not answering; please try again in a minute.",
            reason="pay.provider_unavailable",
        )
    return PaymentRefused(f"The mandate could not be set up: {exc.message}", reason="pay.mandate_refused")


def refresh(session: Session, mandate: Mandate, *, secret_key: str, timeout: float = 20.0) -> Mandate:
    """Ask the provider where the mandate stands and record it. Provider errors propagate."""
    reference = mandate.mandate_reference or mandate.reference
    found = providers.adapter(
        session, secret_key, mandate.organisation_id, mandate.provider, timeout=timeout
    ).get_mandate(reference)
    _record(mandate, found)
    return mandate


def _record(mandate: Mandate, found: ProviderMandate) -> None:
    now = utc_now()
    mandate.status = policy.status_after_refresh(
        mandate.status, found.status, created_at=mandate.created_at, now=now
    )
    if found.reference != mandate.reference:  # followed from the Billing Request to the signed mandate
        mandate.mandate_reference = found.reference
    mandate.scheme_reference = found.scheme_reference or mandate.scheme_reference
    mandate.next_possible_charge_date = found.next_possible_charge_date or mandate.next_possible_charge_date
    mandate.refreshed_at = now
    if mandate.status != policy.PENDING:
        mandate.redirect_url = None


def _wake_instalment_plans(session: Session, mandate: Mandate) -> None:
    """A plan chosen with this mandate waits for it: its schedule is created now, not at the next tick.
    Called outside any savepoint, so the job is dispatched when the caller commits."""
    if mandate.status == policy.ACTIVE and InstalmentRepository(session).pending_for_client(
        mandate.organisation_id, mandate.client_id
    ):
        enqueue(session, "instalments.plan")


def refresh_after_return(session: Session, token: str, *, secret_key: str, timeout: float = 20.0) -> None:
    """The payer came back from the provider's page: that proves nothing, so ask the provider. A provider
    that does not answer leaves the mandate pending for the periodic refresh."""
    page = pay_page(session, token)
    client = client_of(session, page)
    mandate = MandateRepository(session).latest_for_client(
        page.organisation.id, client.id, (policy.PENDING,), lock=True
    )
    if mandate is None:
        return
    try:
        refresh(session, mandate, secret_key=secret_key, timeout=timeout)
    except ProviderError as exc:
        log.warning("mandate.refresh_failed", mandate_id=str(mandate.id), error=exc.message)
        return
    _wake_instalment_plans(session, mandate)


def refresh_pending(session: Session, *, secret_key: str, timeout: float = 20.0) -> int:
    """For the periodic task (until webhooks arrive): every pending mandate asked about once."""
    changed = 0
    for mandate in MandateRepository(session).pending():
        try:
            with session.begin_nested():
                refresh(session, mandate, secret_key=secret_key, timeout=timeout)
        except ProviderError as exc:
            log.warning("mandate.refresh_failed", mandate_id=str(mandate.id), error=exc.message)
            continue
        changed += mandate.status != policy.PENDING
        _wake_instalment_plans(session, mandate)
    return changed


# ------------------------------------------------------------------ revoking, confirmed by email

REVOCATION_LIFETIME = timedelta(hours=24)  # how long the emailed confirmation link works
REVOCATIONS_OPEN_MAX = 3  # unconfirmed requests per mandate at once: a pay link cannot flood the inbox


class RevocationLinkInvalid(EncaisseError):
    """The confirmation link is not one, or not for this pay page's client (a 404 says no more)."""

    status_code = 404
    code = "revocation_link_invalid"


class RevocationLinkUsed(EncaisseError):
    status_code = 410
    code = "revocation_link_used"


class RevocationLinkExpired(EncaisseError):
    status_code = 410
    code = "revocation_link_expired"


class TooManyRevocationRequests(EncaisseError):
    status_code = 429
    code = "too_many_revocation_requests"


@dataclass(frozen=True)
class RevocationRequested:
    """What to email: the link's token exists only here and in the email; the database keeps its hash."""

    token: str
    email: str
    masked_email: str
    language: str  # the client's
    organisation_name: str
    reply_to: str | None  # the organisation's contact address
    scheme_reference: str | None
    expires_at_hours: int
    organisation_id: uuid.UUID | None = None  # whose mail settings send it


def mask_email(address: str) -> str:
    """j***@example.com: enough for the payer to recognise their address, not to learn someone else's."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def request_revocation(session: Session, token: str, *, confirmed: bool) -> RevocationRequested:
    """The payer asks, on a public pay page, to revoke the client's mandate. Anyone holding one of the
    client's links can open that page, so nothing is revoked yet: a single-use link that expires is made
    for the mandate's email address (else the client's), and only its hash kept."""
    if not confirmed:
        raise BadRequest(
            "Please confirm that you want to revoke the mandate.", reason="mandate.confirm_revocation"
        )
    page = pay_page(session, token)
    client = client_of(session, page)
    repository = MandateRepository(session)
    mandate = repository.latest_for_client(page.organisation.id, client.id, policy.LIVE, lock=True)
    if mandate is None:
        raise NotFound("There is no mandate to revoke.", reason="mandate.none_to_revoke")
    address = (mandate.email or client.email or "").strip()
    if not address:
        raise Conflict("No email address is on record to confirm the revocation: contact the seller.",
                       reason="mandate.no_email_to_confirm")  # fmt: skip
    now = utc_now()
    if repository.open_revocations(mandate.id, now) >= REVOCATIONS_OPEN_MAX:
        raise TooManyRevocationRequests(
            "A confirmation was already sent several times: use the link in the email, or try again later."
        )
    raw = secrets.token_urlsafe(32)
    repository.add(
        MandateRevocation(
            organisation_id=mandate.organisation_id,
            mandate_id=mandate.id,
            token_hash=token_hash(raw),
            email=address,
            expires_at=now + REVOCATION_LIFETIME,
        )
    )
    audit(session, mandate.organisation_id, "payer", "mandate.revocation_requested", "mandate", mandate.id,
          {"to": mask_email(address), "invoice_id": str(page.invoice.id)})  # fmt: skip
    return RevocationRequested(
        token=raw, email=address, masked_email=mask_email(address),
        language="en" if client.locale == "en" else "fr", organisation_name=page.organisation.payer_name,
        reply_to=page.organisation.contact_email,
        scheme_reference=mandate.scheme_reference,
        expires_at_hours=int(REVOCATION_LIFETIME.total_seconds() // 3600),
        organisation_id=mandate.organisation_id,
    )  # fmt: skip


def revocation_to_confirm(session: Session, token: str, code: str) -> MandateView:
    """The confirmation page: the link must be this client's, unused and unexpired. Changes nothing."""
    page = pay_page(session, token)
    _, mandate = _valid_revocation(session, page, code, lock=False)
    return MandateView(mandate.status, mandate.scheme_reference, None, None)


def confirm_revocation(
    session: Session, token: str, code: str, *, secret_key: str, timeout: float = 20.0
) -> Mandate:
    """The payer opened the emailed link and confirmed: the mandate is revoked (cancelled at the provider
    first, then here, with the collections that can still be stopped); the link is spent."""
    page = pay_page(session, token)
    revocation, mandate = _valid_revocation(session, page, code, lock=True)
    revocation.used_at = utc_now()
    try:
        found = providers.adapter(
            session, secret_key, mandate.organisation_id, mandate.provider, timeout=timeout
        ).cancel_mandate(mandate.mandate_reference or mandate.reference)
    except ProviderError as exc:
        raise _provider_problem(exc) from exc
    _record(mandate, found)
    mandate.status = policy.CANCELLED
    _stop_on_mandate(session, mandate, "mandate revoked by the payer")
    audit(session, mandate.organisation_id, "payer", "mandate.revoked", "mandate", mandate.id,
          {"confirmed_by": mask_email(revocation.email), "revocation_id": str(revocation.id),
           "invoice_id": str(page.invoice.id)})  # fmt: skip
    return mandate


def _valid_revocation(
    session: Session, page: PayPage, code: str, *, lock: bool
) -> tuple[MandateRevocation, Mandate]:
    repository = MandateRepository(session)
    client_id = page.invoice.client_id
    found = repository.revocation(page.organisation.id, token_hash(code), lock=lock) if code else None
    mandate = None if found is None else repository.mandate(page.organisation.id, found.mandate_id, lock=lock)
    if found is None or mandate is None or client_id is None or mandate.client_id != client_id:
        raise RevocationLinkInvalid("This confirmation link is not valid.")
    if found.used_at is not None:
        raise RevocationLinkUsed("This confirmation link was already used.")
    if found.expires_at <= utc_now():
        raise RevocationLinkExpired("This confirmation link has expired: ask again from the payment page.")
    if mandate.status not in policy.LIVE:
        raise RevocationLinkUsed("This mandate is no longer active.")
    return found, mandate


def apply_provider_status(session: Session, mandate: Mandate, status: str) -> None:
    """The provider says where the mandate stands (a webhook): an ended mandate stays ended whatever a late
    event says; an active one wakes what waited for it; an ended one stops automatic collection, so the
    client's invoices go back to the other methods."""
    if mandate.status in policy.ENDED:
        return
    mandate.status = status
    if status == policy.ACTIVE:
        _wake_instalment_plans(session, mandate)
        enqueue(session, "collections.plan")
    elif status in policy.ENDED:
        _stop_on_mandate(session, mandate, f"mandate {status}")


def _stop_on_mandate(session: Session, mandate: Mandate, reason: str) -> None:
    mandate.redirect_url = None
    today = paris_today()
    live = (policy.PLANNED, policy.NOTIFIED, policy.SUBMITTED)
    for collection, invoice in CollectionRepository(session).of_mandate(mandate, live):
        after = policy.collection_after_revocation(collection.status, collection.charge_date, today)
        if after == collection.status:
            continue
        collection.status = after
        collection.error = reason
        transactions.recompute(session, invoice)
    _stop_instalment_plans(session, mandate, today, reason)


def _stop_instalment_plans(session: Session, mandate: Mandate, today: date, reason: str) -> None:
    """The provider cancels the schedule with the mandate; here the plan ends, its debits that cannot be at
    the bank yet are cancelled, and the invoice is open again unless one may still be collected."""
    repository = InstalmentRepository(session)
    for plan, invoice in repository.live_on_mandate(mandate):
        plan.status = "cancelled"
        plan.error = reason
        for instalment in repository.instalments(plan):
            after = policy.collection_after_revocation(instalment.status, instalment.due_date, today)
            if (
                instalment.status in (policy.PLANNED, policy.SUBMITTED)
                and after == policy.COLLECTION_CANCELLED
            ):
                instalment.status = "cancelled"
        transactions.recompute(session, invoice)


def pay_page_view(session: Session, page: PayPage, *, prenotice_days: int) -> MandateView | None:
    """The client's live mandate, and when this invoice is debited on it; None without one."""
    client_id = page.invoice.client_id
    if client_id is None:
        return None
    mandate = MandateRepository(session).latest_for_client(page.organisation.id, client_id, policy.LIVE)
    if mandate is None:
        return None
    collection = CollectionRepository(session).active_for_invoice(page.organisation.id, page.invoice.id)
    debit_date = None
    if collection is not None and collection.mandate_id == mandate.id:
        debit_date = collection.charge_date
    elif (
        mandate.status == policy.ACTIVE
        and page.state == "payable"
        and page.invoice.due_date is not None
        and InstalmentRepository(session).live_for_invoice(page.organisation.id, page.invoice.id) is None
    ):
        debit_date = policy.charge_date(
            due_date=page.invoice.due_date,
            next_possible=mandate.next_possible_charge_date,
            today=paris_today(),
            prenotice_days=prenotice_days,
        )
    return MandateView(
        status=mandate.status,
        scheme_reference=mandate.scheme_reference,
        debit_date=debit_date,
        collection_status=None if collection is None else collection.status,
    )
