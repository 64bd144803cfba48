"""The pay page of an invoice: what it shows, and sending the payer to a provider. Never commits."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from segno import helpers
from sqlalchemy.orm import Session

from api.audit.service import record
from api.clock import paris_today, utc_now
from api.errors import BadRequest, EncaisseError, NotFound
from api.models import Invoice, InvoiceStatus, Organisation, PaymentAttempt, PaymentLink, PaymentSettings
from api.organisations.service import Principal
from api.payment_links import policy
from api.payment_links.repository import PaymentLinkRepository
from api.providers import service as providers
from payments import CheckoutRequest, Money, ProviderError

TOKEN_BYTES = 24  # 192 random bits
ATTEMPT_LIFETIME = timedelta(minutes=50)  # the provider's session lives an hour; hand out a fresh one before
COLLECTABLE = InvoiceStatus.ready


class ProviderUnavailable(EncaisseError):
    status_code = 503
    code = "provider_unavailable"


class PaymentRefused(EncaisseError):
    status_code = 422
    code = "payment_refused"


def ensure_link(session: Session, invoice: Invoice) -> PaymentLink | None:
    """Every invoice that is ready to collect has one active link."""
    if invoice.status != COLLECTABLE:
        return None
    repository = PaymentLinkRepository(session)
    link = repository.active_for_invoice(invoice.id)
    if link is None:
        link = PaymentLink(
            organisation_id=invoice.organisation_id,
            invoice_id=invoice.id,
            token=secrets.token_urlsafe(TOKEN_BYTES),
        )
        repository.add(link)
    return link


def revoke(session: Session, invoice: Invoice) -> PaymentLink | None:
    """Retire the current token (e.g. sent to the wrong person) and issue a new one."""
    link = PaymentLinkRepository(session).active_for_invoice(invoice.id)
    if link is not None:
        link.revoked_at = utc_now()
        session.flush()
    return ensure_link(session, invoice)


def pay_urls(session: Session, invoices: list[Invoice]) -> dict[uuid.UUID, str]:
    tokens = PaymentLinkRepository(session).active_tokens([i.id for i in invoices])
    return {invoice_id: f"/pay/{token}" for invoice_id, token in tokens.items()}


@dataclass(frozen=True)
class PayPage:
    token: str
    organisation: Organisation
    invoice: Invoice
    state: str  # payable, processing, paid, cancelled
    amount_due: int
    discount: policy.Discount | None
    offers: list[policy.MethodOffer]
    settings: PaymentSettings
    instalment_counts: list[int]
    transfer_qr_svg: str | None


def pay_page(session: Session, token: str, *, today: date | None = None) -> PayPage:
    found = PaymentLinkRepository(session).by_token(token)
    if found is None:
        raise NotFound("This payment link does not exist or has been replaced.", reason="pay.link_not_found")
    link, invoice, organisation = found
    _opened(session, link)
    settings = providers.payment_settings(session, organisation.id)
    due = _amount_due(invoice)
    discount = policy.early_payment_discount(
        due,
        basis_points=settings.discount_basis_points,
        days=settings.discount_days,
        issue_date=invoice.issue_date,
        today=today or paris_today(),
    )
    pay_amount = discount.pay_amount if discount else due
    counts = policy.allowed_instalment_counts(due, instalment_policy(settings))
    return PayPage(
        token=token,
        organisation=organisation,
        invoice=invoice,
        state=_state(invoice),
        amount_due=due,
        discount=discount,
        offers=_offers(session, organisation.id, settings, invoice.currency),
        settings=settings,
        instalment_counts=counts,
        transfer_qr_svg=_transfer_qr(settings, organisation, invoice, pay_amount),
    )


OPENING_RECORDED_EVERY = timedelta(hours=1)


def _opened(session: Session, link: PaymentLink) -> None:
    """The payer opened the page: the link keeps the last moment, and the invoice's timeline gets an entry
    at most once an hour a link (reloads and the clicks that follow add nothing)."""
    now = utc_now()
    last = link.last_opened_at
    link.last_opened_at = now
    if last is None or now - last >= OPENING_RECORDED_EVERY:
        record(session, link.organisation_id, "payer", "payment_link.opened", "invoice", link.invoice_id,
               {"link_id": str(link.id)})  # fmt: skip


def _state(invoice: Invoice) -> str:
    if invoice.cancelled_at is not None or invoice.collection_status == "cancelled":
        return "cancelled"
    return invoice.collection_status if invoice.collection_status in ("paid", "processing") else "payable"


def _amount_due(invoice: Invoice) -> int:
    due = invoice.amount_due if invoice.amount_due is not None else invoice.total_incl_tax
    return max(due or 0, 0)


def instalment_policy(settings: PaymentSettings) -> policy.InstalmentPolicy:
    return policy.InstalmentPolicy(
        settings.instalments_min_count, settings.instalments_max_count, settings.instalment_min_amount
    )


def _offers(
    session: Session, organisation_id: uuid.UUID, settings: PaymentSettings, currency: str
) -> list[policy.MethodOffer]:
    return policy.method_offers(
        enabled={
            policy.CARD: settings.card_enabled,
            policy.SEPA: settings.sepa_enabled,
            policy.MANDATE: settings.mandate_enabled,
            policy.INSTALMENTS: settings.instalments_enabled,
        },
        provider_for={
            policy.CARD: "stripe",
            policy.SEPA: settings.sepa_provider,
            policy.MANDATE: "gocardless",
            policy.INSTALMENTS: "gocardless",
        },
        configured=providers.configured(session, organisation_id),
        currency=currency,
        has_bank_details=bool(settings.iban),
    )


def offers_for(session: Session, principal: Principal, currency: str = "EUR") -> list[policy.MethodOffer]:
    """For the admin UI: every method, and why a hidden one is hidden."""
    settings = providers.payment_settings(session, principal.organisation_id)
    return _offers(session, principal.organisation_id, settings, currency)


def _transfer_qr(
    settings: PaymentSettings, organisation: Organisation, invoice: Invoice, amount: int
) -> str | None:
    """An EPC (SEPA credit transfer) QR code a banking app scans: beneficiary, IBAN, amount, reference."""
    if not settings.iban or invoice.currency != "EUR" or amount <= 0:
        return None
    qr = helpers.make_epc_qr(
        name=(settings.account_holder or organisation.payer_name)[:70],
        iban=settings.iban,
        amount=amount / 100,  # segno wants euros; 2 decimals are kept exactly at this size
        text=f"Facture {invoice.number or invoice.id}"[:140],
        bic=settings.bic,
    )
    svg: str = qr.svg_inline(scale=4, dark="#1d2433", omitsize=True)
    return svg


def start_checkout(
    session: Session, token: str, *, method: str, secret_key: str, base_url: str, timeout: float = 20.0
) -> str:
    """The provider URL to send the payer to. Clicking twice reuses the same provider session."""
    found = PaymentLinkRepository(session).by_token(token, lock=True)
    if found is None:
        raise NotFound("This payment link does not exist or has been replaced.", reason="pay.link_not_found")
    link, invoice, organisation = found
    page = pay_page(session, token)
    if page.state != "payable":
        raise PaymentRefused("This invoice cannot be paid online any more.", reason="pay.not_payable")
    offer = next((o for o in page.offers if o.method == method), None)
    if offer is None or not offer.available or method not in (policy.CARD, policy.SEPA):
        raise BadRequest(
            "This payment method is not available for this invoice.", reason="pay.method_unavailable"
        )
    amount = page.discount.pay_amount if page.discount else page.amount_due
    if amount <= 0:
        raise PaymentRefused("Nothing is left to pay on this invoice.", reason="pay.nothing_left")
    repository = PaymentLinkRepository(session)
    now = utc_now()
    if reusable := repository.reusable_attempt(invoice.id, method=method, amount=amount, now=now):
        assert reusable.redirect_url is not None
        return reusable.redirect_url
    provider = "stripe" if method == policy.CARD else page.settings.sepa_provider
    # Derived from committed state only: a retry after a failed or lost call asks the provider with the same
    # idempotency key, so it cannot create a second session.
    attempt_key = f"{invoice.id}-{method}-{amount}-{repository.count_attempts(invoice.id, method)}"
    attempt = PaymentAttempt(
        organisation_id=organisation.id,
        invoice_id=invoice.id,
        method=method,
        provider=provider,
        amount=amount,
        currency=invoice.currency,
        expires_at=now + ATTEMPT_LIFETIME,
    )
    repository.add(attempt)
    request = CheckoutRequest(
        organisation_id=str(organisation.id),
        invoice_ids=(str(invoice.id),),
        attempt_id=attempt_key,
        amount=Money(amount, invoice.currency),
        description=f"Facture {invoice.number or ''}".strip(),
        methods=(method,),  # type: ignore[arg-type]
        success_url=f"{base_url}/pay/{token}/return",
        cancel_url=f"{base_url}/pay/{token}",
    )
    try:
        redirect = providers.adapter(
            session, secret_key, organisation.id, provider, timeout=timeout
        ).create_checkout(request)
    except ProviderError as exc:
        attempt.status, attempt.error = "failed", exc.message[:500]
        if exc.retryable:
            raise ProviderUnavailable(
                "The payment service is not answering; please try again in a minute.",
                reason="pay.provider_unavailable",
            ) from exc
        raise PaymentRefused(
            f"The payment could not be started: {exc.message}", reason="pay.provider_refused"
        ) from exc
    attempt.provider_reference, attempt.redirect_url = redirect.reference, redirect.url
    return redirect.url
