"""Frozen request and result types. Money is integer minor units plus an ISO 4217 currency."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

Provider = Literal["stripe", "gocardless"]
Mode = Literal["test", "live"]


@dataclass(frozen=True)
class Money:
    amount: int  # minor units (cents for EUR)
    currency: str  # ISO 4217, upper case

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("amounts are never negative")
        if len(self.currency) != 3 or not self.currency.isupper():
            raise ValueError(f"not an ISO 4217 code: {self.currency!r}")


@dataclass(frozen=True)
class ProviderConfig:
    """One organisation's credentials for one provider, decrypted for the duration of a call."""

    provider: Provider
    secret: str  # Stripe secret key, or GoCardless access token
    mode: Mode = "test"
    base_url: str | None = None  # None: the provider's real API for `mode`; tests point it at a local server
    timeout_seconds: float = 20.0


@dataclass(frozen=True)
class CheckoutRequest:
    """One payment of `amount` by card or SEPA debit, on the provider's hosted page."""

    organisation_id: str
    invoice_ids: tuple[str, ...]
    attempt_id: str  # ours; the idempotency key is derived from it, so a double click makes one session
    amount: Money
    description: str
    methods: tuple[Literal["card", "sepa_debit"], ...]
    success_url: str
    cancel_url: str
    customer_email: str | None = None
    locale: str = "fr"


@dataclass(frozen=True)
class HostedRedirect:
    provider: Provider
    reference: str  # Checkout Session id, or Billing Request id
    url: str
    expires_at: datetime | None = None


@dataclass(frozen=True)
class MandateRequest:
    """A reusable SEPA mandate the payer signs once on the provider's hosted page."""

    organisation_id: str
    client_id: str
    attempt_id: str
    redirect_url: str
    exit_url: str
    currency: str = "EUR"
    customer_email: str | None = None
    customer_name: str | None = None
    one_off_payment: Money | None = None  # GoCardless: also collect this once the mandate is signed
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Mandate:
    provider: Provider
    reference: str  # provider's mandate id
    status: str  # ours: pending, active, cancelled, failed, expired
    scheme_reference: str | None = None  # the RUM printed on pre-notifications
    next_possible_charge_date: date | None = None


@dataclass(frozen=True)
class CollectionRequest:
    """Debit `amount` on an active mandate, no earlier than `charge_date`."""

    mandate_reference: str
    amount: Money
    charge_date: date
    idempotency_key: str
    description: str
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Collection:
    provider: Provider
    reference: str
    status: str  # ours: pending, submitted, confirmed, failed, cancelled
    charge_date: date | None


@dataclass(frozen=True)
class InstalmentPlanRequest:
    mandate_reference: str
    name: str
    instalments: tuple[tuple[Money, date], ...]
    idempotency_key: str
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class InstalmentPlan:
    provider: Provider
    reference: str
    status: str  # ours: pending, active, completed, cancelled, errored


@dataclass(frozen=True)
class ProviderPayment:
    """One payment as the provider sees it now: what a catch-up compares with what webhooks told us."""

    provider: Provider
    reference: str  # PaymentIntent id (pi_…), or GoCardless payment id (PM…)
    amount: Money
    status: str  # ours: pending, submitted, confirmed, paid_out, failed, cancelled, charged_back
    charge_date: date | None  # when the provider debits (debited); Stripe only knows a SEPA target date
    mandate_reference: str | None
    schedule_reference: str | None  # the instalment schedule the payment belongs to (GoCardless only)
    metadata: Mapping[str, str]


@dataclass(frozen=True)
class ScheduleState:
    provider: Provider
    reference: str
    status: str  # ours, as InstalmentPlan.status
    payment_references: tuple[str, ...]  # in schedule order
