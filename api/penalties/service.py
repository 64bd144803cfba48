"""Penalties from the half-yearly rates (the published history, overridden by the stored rows), and the
rates' upkeep. Never commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from api.errors import BadRequest
from api.models import PenaltyRate
from api.penalties import history, policy
from api.penalties.repository import PenaltyRateRepository

MAX_RATE = Decimal("999.999")  # what the Numeric(6, 3) columns hold
RATE_UNKNOWN = "penalty.rate_unknown"  # the coded reason a reminder records when it cannot state penalties


class RateMissing(BadRequest):
    """No rate is known for a half-year of the delay: the penalty cannot be stated. `reason` and `params`
    name the sentence the pages show; `semester` is the half-year's first day."""

    def __init__(self, semester: date) -> None:
        super().__init__(
            f"Cannot compute late-payment penalties: no penalty rate is known for the half-year starting "
            f"{semester.isoformat()}.",
            reason=RATE_UNKNOWN,
            # The day in pieces too, so each language writes it its own way.
            params={
                "semester": semester.isoformat(),
                "year": semester.year,
                "month": f"{semester.month:02d}",
            },
        )
        self.semester = semester


def rate_table(session: Session) -> dict[date, policy.Rates]:
    """Every published half-year, a stored row (entered or corrected with `encaisse penalty-rate`) winning
    over the built-in history, unless it is a guess and the history has the published figures: a database
    that was never seeded still knows the law's rates."""
    table = history.rate_table()
    for row in PenaltyRateRepository(session).all():
        rates = _rates(row)
        built_in = table.get(row.semester_start)
        if rates.verified or built_in is None or not built_in.verified:
            table[row.semester_start] = rates
    return table


@dataclass(frozen=True)
class InForce:
    """A half-year's rates as the service uses them, and where they come from."""

    semester: date
    rates: policy.Rates
    source: str | None
    stored: bool  # a row of the table (entered or seeded), not the built-in history


def rates_in_force(session: Session) -> list[InForce]:
    """What `rate_table` uses, half-year by half-year, with each figure's source."""
    stored = {row.semester_start: row for row in PenaltyRateRepository(session).all()}
    published = {row.semester: row for row in history.PUBLISHED}
    table = rate_table(session)
    listing = []
    for semester in sorted(table):
        row = stored.get(semester)
        from_table = row is not None and _rates(row) == table[semester]
        source = row.source if row is not None and from_table else published[semester].source
        listing.append(InForce(semester, table[semester], source, from_table))
    return listing


def seed_history(session: Session) -> int:
    """Store the published half-years that have no row yet; rows already there are never touched. Returns
    how many were added (0 the second time)."""
    repository = PenaltyRateRepository(session)
    known = {row.semester_start for row in repository.all()}
    added = 0
    for row in history.PUBLISHED:
        if row.semester not in known:
            repository.upsert(
                row.semester,
                ecb=Decimal(row.ecb),
                legal_professional=Decimal(row.legal_professional),
                legal_consumer=Decimal(row.legal_consumer),
                source=row.source,
                verified=row.verified,
            )
            added += 1
    return added


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
        raise RateMissing(exc.semester) from exc
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
