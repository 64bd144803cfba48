"""Penalties from the stored half-yearly rates, and the rates' upkeep. Never commits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from api.errors import BadRequest
from api.models import PenaltyRate
from api.penalties import policy
from api.penalties.repository import PenaltyRateRepository

MAX_RATE = Decimal("999.999")  # what the Numeric(6, 3) columns hold


def rate_table(session: Session) -> dict[date, policy.Rates]:
    return {row.semester_start: _rates(row) for row in PenaltyRateRepository(session).all()}


def compute(
    session: Session,
    *,
    amount: int,
    currency: str,
    due: date,
    on: date,
    contract_rate: Decimal | None = None,
    consumer: bool = False,
) -> policy.LatePenalty:
    """The penalty and indemnity owed on `on` for `amount` (minor units, incl. tax) unpaid since `due`."""
    # Consumers and invoices not yet late owe nothing whatever the rates: no need to read them.
    table = {} if consumer or on <= due else rate_table(session)
    try:
        return policy.compute(
            amount_minor=amount,
            currency=currency,
            due=due,
            on=on,
            rate_table=table,
            contract_rate=contract_rate,
            consumer=consumer,
        )
    except policy.RateUnknown as exc:
        raise BadRequest(f"Cannot compute late-payment penalties: {exc}.") from exc
    except ValueError as exc:
        raise BadRequest(str(exc)) from exc


def set_rates(
    session: Session,
    semester_start: date,
    ecb: Decimal,
    legal_professional: Decimal,
    legal_consumer: Decimal,
    source: str | None,
) -> PenaltyRate:
    """Record a half-year's published rates; a person entered them from the official source, so they are
    verified from now on."""
    if not policy.is_semester_start(semester_start):
        raise BadRequest(
            f"{semester_start.isoformat()} does not start a half-year: penalty rates are set for "
            "1 January or 1 July."
        )
    for name, value in (
        ("ECB", ecb),
        ("professional legal", legal_professional),
        ("consumer legal", legal_consumer),
    ):
        _check_rate(name, value)
    return PenaltyRateRepository(session).upsert(
        semester_start,
        ecb=ecb,
        legal_professional=legal_professional,
        legal_consumer=legal_consumer,
        source=source,
        verified=True,
    )


def _check_rate(name: str, value: Decimal) -> None:
    if not value.is_finite() or not Decimal(0) <= value <= MAX_RATE:
        raise BadRequest(f"The {name} rate must be a percentage between 0 and {MAX_RATE}, not {value}.")
    if value != value.quantize(Decimal("0.001")):
        raise BadRequest(f"The {name} rate has more than 3 decimals: {value}.")


def _rates(row: PenaltyRate) -> policy.Rates:
    return policy.Rates(
        ecb=_decimal(row.ecb_rate),
        legal_professional=_optional_decimal(row.legal_rate_professional),
        legal_consumer=_optional_decimal(row.legal_rate_consumer),
        verified=row.verified,
    )


def _decimal(value: Any) -> Decimal:
    # Through str: a driver handing back a float must not leak binary noise into the rates.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _optional_decimal(value: Any) -> Decimal | None:
    return None if value is None else _decimal(value)
