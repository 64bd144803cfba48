"""Pure money rules of the pay page: early-payment discount, instalment schedules, which methods show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

SEPA_CURRENCY = "EUR"
CARD, SEPA, MANDATE, INSTALMENTS, TRANSFER = "card", "sepa_debit", "mandate", "instalments", "transfer"


@dataclass(frozen=True)
class Discount:
    amount_off: int  # minor units
    pay_amount: int
    deadline: date  # last day the discounted amount may be paid


def early_payment_discount(
    amount_due: int, *, basis_points: int, days: int, issue_date: date | None, today: date
) -> Discount | None:
    """Escompte: `basis_points` off what is due when paid within `days` of issue (deadline included)."""
    if basis_points <= 0 or days <= 0 or issue_date is None or amount_due <= 0:
        return None
    deadline = issue_date + timedelta(days=days)
    if today > deadline:
        return None
    off = int((Decimal(amount_due) * basis_points / 10000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return Discount(amount_off=off, pay_amount=amount_due - off, deadline=deadline)


@dataclass(frozen=True)
class InstalmentPolicy:
    min_count: int
    max_count: int
    min_amount: int  # minor units, per instalment


class InstalmentRefused(ValueError):
    pass


def instalment_schedule(
    total: int, count: int, *, first_date: date, policy: InstalmentPolicy
) -> list[tuple[int, date]]:
    """`count` monthly instalments that add up to `total` exactly. The cents that do not divide evenly go
    to the first instalment, so the later ones are all equal."""
    if not policy.min_count <= count <= policy.max_count:
        raise InstalmentRefused(f"choose between {policy.min_count} and {policy.max_count} instalments")
    base, remainder = divmod(total, count)
    if base < policy.min_amount:
        raise InstalmentRefused(f"each instalment must be at least {policy.min_amount} minor units")
    amounts = [base + remainder] + [base] * (count - 1)
    return [(amount, first_date + relativedelta(months=n)) for n, amount in enumerate(amounts)]


def allowed_instalment_counts(total: int, policy: InstalmentPolicy) -> list[int]:
    return [n for n in range(policy.min_count, policy.max_count + 1) if total // n >= policy.min_amount]


@dataclass(frozen=True)
class MethodOffer:
    method: str
    available: bool
    reason: str | None = None  # why it is hidden, in English for the API
    why: str | None = (
        None  # the same as a code the pages translate: disabled, not_configured, currency, no_iban
    )
    provider: str = ""
    currency: str = ""


def method_offers(
    *,
    enabled: dict[str, bool],
    provider_for: dict[str, str],
    configured: set[str],
    currency: str,
    has_bank_details: bool,
) -> list[MethodOffer]:
    offers = []
    for method in (CARD, SEPA, MANDATE, INSTALMENTS):
        provider = provider_for[method]
        if not enabled.get(method, False):
            offers.append(MethodOffer(method, False, "disabled in the organisation's settings", "disabled"))
        elif provider not in configured:
            offers.append(
                MethodOffer(method, False, f"{provider} is not configured", "not_configured", provider)
            )
        elif method != CARD and currency != SEPA_CURRENCY:
            english = f"SEPA debits are only in EUR, not {currency}"
            offers.append(MethodOffer(method, False, english, "currency", provider, currency))
        else:
            offers.append(MethodOffer(method, True, provider=provider))
    missing = None if has_bank_details else "no IBAN in the settings"
    offers.append(MethodOffer(TRANSFER, has_bank_details, missing, missing and "no_iban"))
    return offers
