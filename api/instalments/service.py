"""Échéancier from the pay page: the payer picks a number of monthly instalments within the organisation's
policy and signs (or already has) a GoCardless mandate; once it is active, one notice announces the whole
schedule, then the provider's instalment schedule is created. Never commits: the task commits between
notice and submission."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from api.clock import paris_today, utc_now
from api.collections.repository import CollectionRepository
from api.dunning import notices
from api.errors import BadRequest, Conflict
from api.instalments import notice, policy
from api.instalments.repository import InstalmentRepository
from api.logging import get_logger
from api.mandates import service as mandates
from api.mandates.repository import MandateRepository
from api.models import Instalment, InstalmentPlan, Mandate
from api.notifications.service import EmailNotSent
from api.payment_links import policy as pay_policy
from api.payment_links import service as payment_links
from api.payment_links.service import PaymentRefused, PayPage, pay_page
from api.providers import service as providers
from api.settings import Settings
from api.transactions import service as transactions
from api.worker import enqueue
from payments import InstalmentPlanRequest, Money, ProviderError

log = get_logger(__name__)

PROVIDER = "gocardless"


@dataclass(frozen=True)
class InstalmentView:
    number: int
    amount: int
    due_date: date
    status: str


@dataclass(frozen=True)
class PlanView:
    """What the payer sees of their plan on the pay page."""

    status: str
    count: int
    total: int
    currency: str
    instalments: list[InstalmentView]


def start(
    session: Session,
    token: str,
    *,
    count: str,
    email: str | None,
    secret_key: str,
    base_url: str,
    prenotice_days: int,
    timeout: float = 20.0,
    today: date | None = None,
) -> str:
    """Record the chosen plan and send the payer where the mandate is signed (the same hosted page as the
    prélèvement automatique). With an active mandate already, the schedule is set up straight away."""
    page = pay_page(session, token)
    if page.state != "payable":
        raise PaymentRefused("This invoice cannot be paid online any more.", reason="pay.not_payable")
    offer = next((o for o in page.offers if o.method == pay_policy.INSTALMENTS), None)
    if offer is None or not offer.available or not page.instalment_counts:
        raise BadRequest("Payment in instalments is not available for this invoice.",
                         reason="pay.method_unavailable")  # fmt: skip
    chosen = _chosen_count(count, page.instalment_counts)
    today = today or paris_today()
    first = policy.first_date(due_date=page.invoice.due_date, today=today, prenotice_days=prenotice_days)
    try:
        schedule = pay_policy.instalment_schedule(
            page.amount_due, chosen, first_date=first, policy=payment_links.instalment_policy(page.settings)
        )
    except pay_policy.InstalmentRefused as exc:
        raise BadRequest(f"This plan is not possible: {exc}.", reason="instalments.impossible") from exc
    client = mandates.client_of(session, page)
    address = mandates.checked_email(email or client.email)
    organisation_id, invoice = page.organisation.id, page.invoice
    if CollectionRepository(session).active_for_invoice(organisation_id, invoice.id) is not None:
        raise Conflict("This invoice is already debited in one payment on your mandate.",
                       reason="instalments.debited_at_once")  # fmt: skip
    repository = InstalmentRepository(session)
    plan = repository.live_for_invoice(organisation_id, invoice.id, lock=True)
    if plan is not None and (plan.status != policy.PENDING or plan.notified_at is not None):
        raise Conflict("This invoice already has an instalment plan.", reason="instalments.already_planned")
    if plan is None:
        plan = InstalmentPlan(
            organisation_id=organisation_id,
            invoice_id=invoice.id,
            client_id=client.id,
            provider=PROVIDER,
            count=chosen,
            total=page.amount_due,
            currency=invoice.currency,
        )
        repository.add(plan)
    else:  # chosen again before the mandate was signed: the new choice replaces the old one
        repository.delete_instalments(plan)
        plan.count, plan.total = chosen, page.amount_due
    for number, (amount, due_date) in enumerate(schedule, start=1):
        repository.add(
            Instalment(
                organisation_id=organisation_id,
                plan_id=plan.id,
                number=number,
                amount=amount,
                due_date=due_date,
            )
        )
    mandate_repository = MandateRepository(session)
    active = mandate_repository.latest_for_client(organisation_id, client.id, ("active",))
    if active is not None:
        plan.mandate_id = active.id
        enqueue(session, "instalments.plan")
        return f"/pay/{token}#instalments"
    url = mandates.start(
        session,
        token,
        email=address,
        secret_key=secret_key,
        base_url=base_url,
        timeout=timeout,
        method=pay_policy.INSTALMENTS,
    )
    pending = mandate_repository.latest_for_client(organisation_id, client.id, ("pending",))
    plan.mandate_id = None if pending is None else pending.id
    return url


def _chosen_count(value: str, allowed: list[int]) -> int:
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count not in allowed:
        raise BadRequest(
            f"Choose between {min(allowed)} and {max(allowed)} instalments for this invoice"
            f" (each at least the organisation's minimum).",
            reason="instalments.count",
            params={"low": min(allowed), "high": max(allowed)},
        )
    return count


def waiting(session: Session) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(organisation, plan) of every plan still to set up whose client's mandate is active."""
    return InstalmentRepository(session).waiting_on_active_mandates()


def _active_mandate(session: Session, plan: InstalmentPlan) -> Mandate | None:
    return MandateRepository(session).latest_for_client(plan.organisation_id, plan.client_id, ("active",))


def notify(
    session: Session, organisation_id: uuid.UUID, plan_id: uuid.UUID, *, settings: Settings, today: date
) -> bool:
    """Send the one notice of the whole schedule; True when it went out now. The dates are first moved,
    monthly spacing kept, so the first is on or after the mandate's next possible charge date. A notice
    already sent for these very dates is not sent again."""
    repository = InstalmentRepository(session)
    found = repository.for_processing(organisation_id, plan_id)
    if found is None:
        return False
    plan, invoice, client, organisation = found
    mandate = _active_mandate(session, plan)
    if plan.status != policy.PENDING or mandate is None:
        return False
    instalments = repository.instalments(plan)
    dates = policy.moved_dates(
        [i.due_date for i in instalments],
        next_possible=mandate.next_possible_charge_date,
        today=today,
        prenotice_days=settings.sepa_prenotice_days,
    )
    announced = [i.due_date for i in instalments]
    if plan.notified_at is not None and plan.mandate_id == mandate.id and dates == announced:
        return False  # announced already, and still possible
    address = mandate.email or client.email
    if not address:
        plan.error = "no email address for the pre-notification"
        return False
    for instalment, when in zip(instalments, dates, strict=True):
        instalment.due_date = when
    plan.mandate_id = mandate.id
    urls = payment_links.pay_urls(session, [invoice])
    message = notice.schedule_notice(
        language="en" if client.locale == "en" else "fr",
        creditor=organisation.payer_name,
        invoice_number=invoice.number or str(invoice.id),
        instalments=[(i.amount, i.due_date) for i in instalments],
        currency=plan.currency,
        mandate_reference=mandate.scheme_reference or mandate.mandate_reference or mandate.reference,
        pay_url=f"{settings.base_url}{urls[invoice.id]}" if invoice.id in urls else None,
    )
    try:
        schedule = hashlib.sha256(repr(dates).encode()).hexdigest()[:12]  # a new schedule is a new notice
        plan.notice_message_id = notices.send_notice(
            session, settings, invoice, key=f"prenotice:{plan.id}:{schedule}",
            to=address, subject=message.subject, text=message.text,
        )  # fmt: skip
    except EmailNotSent as exc:
        plan.error = exc.detail[:500]
        log.warning("instalments.notice_failed", plan_id=str(plan.id), error=exc.detail)
        return False
    plan.notified_at, plan.error = utc_now(), None
    return True


def submit(
    session: Session, organisation_id: uuid.UUID, plan_id: uuid.UUID, *, secret_key: str, timeout: float
) -> bool:
    """Create the provider's instalment schedule of a notified plan; True when it accepted. A retryable
    failure leaves the plan pending (the next run tries again with the same idempotency key); a final one
    marks it errored."""
    repository = InstalmentRepository(session)
    found = repository.for_processing(organisation_id, plan_id)
    if found is None:
        return False
    plan, invoice, _, _ = found
    mandate = _active_mandate(session, plan)
    if plan.status != policy.PENDING or plan.notified_at is None or mandate is None:
        return False
    if plan.mandate_id != mandate.id:
        return False  # announced on another mandate: the next run announces it again
    instalments = repository.instalments(plan)
    request = InstalmentPlanRequest(
        mandate_reference=mandate.mandate_reference or mandate.reference,
        name=f"Facture {invoice.number or ''}".strip(),
        instalments=tuple((Money(i.amount, plan.currency), i.due_date) for i in instalments),
        idempotency_key=policy.idempotency_key(str(plan.id)),
        metadata={"invoice_id": str(invoice.id), "plan_id": str(plan.id)},
    )
    try:
        result = providers.adapter(
            session, secret_key, organisation_id, mandate.provider, timeout=timeout
        ).create_instalment_plan(request)
    except ProviderError as exc:
        plan.error = exc.message[:500]
        if not exc.retryable:
            plan.status = policy.ERRORED
        log.warning("instalments.submit_failed", plan_id=str(plan.id), error=exc.message)
        return False
    plan.status, plan.provider_reference, plan.error = policy.ACTIVE, result.reference, None
    for instalment in instalments:
        instalment.status = policy.SUBMITTED
    transactions.recompute(session, invoice)  # in flight: reminders pause; only the provider's word pays it
    return True


def pay_page_view(session: Session, page: PayPage) -> PlanView | None:
    repository = InstalmentRepository(session)
    plan = repository.live_for_invoice(page.organisation.id, page.invoice.id)
    if plan is None:
        return None
    return PlanView(
        status=plan.status,
        count=plan.count,
        total=plan.total,
        currency=plan.currency,
        instalments=[
            InstalmentView(i.number, i.amount, i.due_date, i.status) for i in repository.instalments(plan)
        ],
    )
