"""`encaisse penalties` (what a late invoice owes today) and `encaisse penalty-rate` (enter a half-year's
published rates)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

import typer
from babel.numbers import get_currency_precision, list_currencies
from sqlalchemy.orm import Session

from api.clock import paris_today
from api.money import format_money
from api.penalties import policy, service
from api.settings import Settings

SessionFor = Callable[[Settings], AbstractContextManager[Session]]  # cli.session_for
LoadSettings = Callable[[Path | None], Settings]  # cli.load_settings

SPACES = (" ", "\u00a0", "\u202f")  # what people and French formatting put between thousands


def parse_decimal(text: str) -> Decimal:
    """ "1000", "1000.50", "1 000,50" → Decimal. A comma and a point together are refused: "1.000,50" and
    "1,000.50" mean different things to different readers."""
    compact = text.strip()
    for space in SPACES:
        compact = compact.replace(space, "")
    if "," in compact and "." in compact:
        raise typer.BadParameter(f"{text!r}: use one decimal separator and spaces between thousands")
    try:
        value = Decimal(compact.replace(",", "."))
    except InvalidOperation:
        raise typer.BadParameter(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise typer.BadParameter(f"{text!r} is not a number")
    return value


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date (YYYY-MM-DD)") from None


def parse_currency(text: str) -> str:
    code = text.strip().upper()
    if code not in list_currencies():
        raise typer.BadParameter(f"{text!r} is not an ISO 4217 currency code such as EUR")
    return code


def to_minor(amount: Decimal, currency: str) -> int:
    scaled = amount.scaleb(get_currency_precision(currency))
    if amount < 0:
        raise typer.BadParameter(f"{amount} is negative", param_hint="'--amount'")
    if scaled != scaled.to_integral_value():
        raise typer.BadParameter(
            f"{amount} has more decimals than {currency} allows", param_hint="'--amount'"
        )
    return int(scaled)


DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Where the embedded database and files live (ENCAISSE_DATA_DIR)."),
]
AmountOption = Annotated[
    Decimal,
    typer.Option(
        "--amount",
        parser=parse_decimal,
        metavar="AMOUNT",
        help="Unpaid amount including tax: 1000, 1000.50, '1 000,50'.",
    ),
]
DueOption = Annotated[
    date, typer.Option("--due", parser=parse_date, metavar="DATE", help="Due date (YYYY-MM-DD).")
]
OnOption = Annotated[
    date | None,
    typer.Option("--on", parser=parse_date, metavar="DATE", help="Compute as of this date (default: today)."),
]
ContractOption = Annotated[
    Decimal | None,
    typer.Option(
        "--contract-rate", parser=parse_decimal, metavar="PERCENT", help="Contractual rate, percent a year."
    ),
]
ConsumerOption = Annotated[bool, typer.Option("--consumer", help="The client is a consumer (B2C).")]
CurrencyOption = Annotated[
    str, typer.Option("--currency", parser=parse_currency, metavar="CODE", help="ISO 4217 code.")
]
SemesterOption = Annotated[
    date,
    typer.Option(
        "--semester", parser=parse_date, metavar="DATE", help="Half-year start: YYYY-01-01 or YYYY-07-01."
    ),
]


def _rate(flag: str, what: str) -> Any:
    return typer.Option(flag, parser=parse_decimal, metavar="PERCENT", help=f"{what}, percent.")


EcbOption = Annotated[
    Decimal, _rate("--ecb", "ECB main refinancing rate in force on the half-year's first day")
]
ProOption = Annotated[Decimal, _rate("--legal-professional", "Legal interest rate, professional creditors")]
ConsumerRateOption = Annotated[Decimal, _rate("--legal-consumer", "Legal interest rate, consumer creditors")]
SourceOption = Annotated[
    str | None, typer.Option("--source", help="Where the figures come from (URL, JORF).")
]


def register(app: typer.Typer, load_settings: LoadSettings, session_for: SessionFor) -> None:
    """The CLI's settings loader and session come in, so this module never imports api.cli (which imports
    it)."""

    def penalties(
        amount: AmountOption,
        due: DueOption,
        on: OnOption = None,
        contract_rate: ContractOption = None,
        consumer: ConsumerOption = False,
        currency: CurrencyOption = "EUR",
        data_dir: DataDir = None,
    ) -> None:
        """Late-payment penalties (L441-10) and the 40 EUR indemnity owed on an unpaid invoice."""
        minor = to_minor(amount, currency)
        with session_for(load_settings(data_dir)) as session:
            result = service.compute(
                session,
                amount=minor,
                currency=currency,
                due=due,
                on=on or paris_today(),
                contract_rate=contract_rate,
                consumer=consumer,
            )
        typer.echo("\n".join(report(result, minor)))

    def penalty_rate(
        semester: SemesterOption,
        ecb: EcbOption,
        legal_professional: ProOption,
        legal_consumer: ConsumerRateOption,
        source: SourceOption = None,
        data_dir: DataDir = None,
    ) -> None:
        """Enter a half-year's published rates (ECB, legal interest); they count as verified."""
        with session_for(load_settings(data_dir)) as session:
            service.set_rates(session, semester, ecb, legal_professional, legal_consumer, source)
        default = policy.percent(ecb + policy.DEFAULT_MARGIN)
        typer.echo(
            f"rates for the half-year from {semester.isoformat()} saved: default penalty rate {default} %"
        )

    def penalty_rates(
        store: Annotated[
            bool,
            typer.Option("--store", help="Copy the published half-years missing from the table into it."),
        ] = False,
        data_dir: DataDir = None,
    ) -> None:
        """The rates in force for every known half-year (ECB, default penalty rate, legal interest rates) and
        where each comes from."""
        with session_for(load_settings(data_dir)) as session:
            added = service.seed_history(session) if store else None
            listing = service.rates_in_force(session)
        typer.echo("\n".join(rates_report(listing)))
        if added is not None:
            typer.echo(f"{added} half-year(s) stored")

    app.command("penalties")(penalties)
    app.command("penalty-rate")(penalty_rate)
    app.command("penalty-rates")(penalty_rates)


def report(result: policy.LatePenalty, amount_minor: int) -> list[str]:
    """The lines the command prints: amounts in French, one line per half-year, then the totals."""

    def money(minor: int, currency: str = result.currency) -> str:
        return format_money(minor, currency, "fr")

    lines = [f"amount: {money(amount_minor)}, {result.days_late} days late"]
    if result.reason:
        lines.append(f"no penalty: {result.reason}")
    for period in result.periods:
        lines.append(
            f"  {period.start.isoformat()} → {period.end.isoformat()}: {period.days} days at "
            f"{policy.percent(period.rate)} % ({period.description}) = {money(period.amount_minor)}"
            + (" [estimated]" if period.estimated else "")
        )
    lines.append(f"penalty: {money(result.penalty_minor)}")
    lines.append(f"recovery indemnity: {money(result.indemnity_minor, result.indemnity_currency)}")
    if result.estimated:
        lines.append("warning: some rates are estimated (half-year not published or not verified yet)")
    return lines


def rates_report(listing: list[service.InForce]) -> list[str]:
    """One line per half-year: ECB, default rate, legal rates (professional / consumer), then the source."""
    lines = []
    for entry in listing:
        rates = entry.rates
        legal = "/".join(
            "?" if value is None else policy.percent(value)
            for value in (rates.legal_professional, rates.legal_consumer)
        )
        flags = ("" if rates.verified else " [estimated]") + (" [table]" if entry.stored else "")
        lines.append(
            f"{entry.semester.isoformat()}: BCE {policy.percent(rates.ecb)} % → "
            f"{policy.percent(rates.ecb + policy.DEFAULT_MARGIN)} %, intérêt légal {legal} %{flags} — "
            f"{entry.source or '?'}"
        )
    return lines
