"""`encaisse penalties` and `encaisse penalty-rate` on a fresh embedded database (migrated, rates seeded)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from api.cli import app as cli
from api.penalties.command import parse_decimal, to_minor

runner = CliRunner()
NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("ENCAISSE_DATABASE_URL", "ENCAISSE_REDIS_URL", "ENCAISSE_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env
    return tmp_path / "data"


def invoke(data_dir: Path, *args: str) -> tuple[int, list[str]]:
    result = runner.invoke(cli, [*args, "--data-dir", str(data_dir)])
    return result.exit_code, [" ".join(line.split()) for line in result.output.splitlines()]


def test_penalties_of_the_reference_example(data_dir: Path) -> None:
    code, lines = invoke(
        data_dir, "penalties", "--amount", "1000", "--due", "2025-01-15", "--on", "2025-03-01"
    )

    assert code == 0
    assert lines == [
        "amount: 1 000,00 €, 45 days late",
        "2025-01-16 → 2025-03-01: 45 days at 13,15 % (BCE 3,15 % + 10 points = 13,15 %) = 16,21 €",
        "penalty: 16,21 €",
        "recovery indemnity: 40,00 €",
    ]


def test_one_line_per_half_year_and_the_floor_is_said(data_dir: Path) -> None:
    code, lines = invoke(
        data_dir,
        "penalties",
        "--amount",
        "1 000,00",
        "--due",
        "2025-06-15",
        "--on",
        "2025-07-15",
        "--contract-rate",
        "8",
    )

    assert code == 0
    assert lines[1:3] == [
        "2025-06-16 → 2025-06-30: 15 days at 11,13 % (taux contractuel 8,00 % inférieur au plancher légal, "
        "3 × 3,71 % = 11,13 %) = 4,57 €",
        "2025-07-01 → 2025-07-15: 15 days at 8,28 % (taux contractuel 8,00 % inférieur au plancher légal, "
        "3 × 2,76 % = 8,28 %) = 3,41 €",
    ]
    assert lines[3:] == ["penalty: 7,98 €", "recovery indemnity: 40,00 €"]


def test_an_unverified_half_year_prints_a_warning_until_its_rates_are_entered(data_dir: Path) -> None:
    args = ("penalties", "--amount", "1000", "--due", "2026-06-30", "--on", "2026-07-10")
    code, lines = invoke(data_dir, *args)
    assert code == 0
    assert lines[1].endswith("[estimated]")
    assert lines[-1].startswith("warning: some rates are estimated")

    code, lines = invoke(
        data_dir,
        "penalty-rate",
        "--semester",
        "2026-07-01",
        "--ecb",
        "2,40",
        "--legal-professional",
        "2.5",
        "--legal-consumer",
        "6.5",
    )
    assert (code, lines) == (
        0,
        ["rates for the half-year from 2026-07-01 saved: default penalty rate 12,40 %"],
    )

    code, lines = invoke(data_dir, *args)
    assert code == 0
    assert (
        lines[1] == "2026-07-01 → 2026-07-10: 10 days at 12,40 % (BCE 2,40 % + 10 points = 12,40 %) = 3,40 €"
    )
    assert not any(line.startswith("warning") for line in lines)


def test_a_consumer_owes_nothing(data_dir: Path) -> None:
    code, lines = invoke(
        data_dir, "penalties", "--amount", "1000", "--due", "2025-01-15", "--on", "2025-03-01", "--consumer"
    )

    assert code == 0
    assert lines[1].startswith("no penalty: client consommateur")
    assert lines[2:] == ["penalty: 0,00 €", "recovery indemnity: 0,00 €"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--amount", "1.000,50", "--due", "2025-01-15"), "one decimal separator"),
        (("--amount", "mille", "--due", "2025-01-15"), "is not a number"),
        (("--amount", "10.001", "--due", "2025-01-15"), "more decimals than EUR allows"),
        (("--amount", "-5", "--due", "2025-01-15"), "is negative"),
        (("--amount", "100", "--due", "15/01/2025"), "is not a date"),
        (("--amount", "100", "--due", "2025-01-15", "--currency", "EURO"), "ISO 4217"),
        (("--amount", "100", "--due", "2025-01-15", "--contract-rate", "x"), "is not a number"),
    ],
)
def test_bad_input_is_a_usage_error(data_dir: Path, args: tuple[str, ...], message: str) -> None:
    code, lines = invoke(data_dir, "penalties", *args)

    assert code == 2
    assert message in " ".join(lines)
    assert not data_dir.exists()  # refused before the database is touched


def test_no_known_rate_is_an_error(data_dir: Path) -> None:
    code, lines = invoke(
        data_dir, "penalties", "--amount", "100", "--due", "2012-01-15", "--on", "2012-02-01"
    )

    assert code == 1
    assert lines == [
        "error: Cannot compute late-payment penalties: no penalty rate is known for the half-year starting "
        "2012-01-01."
    ]


def test_an_invoice_due_in_2017_owes_ecb_zero_plus_ten_points(data_dir: Path) -> None:
    code, lines = invoke(
        data_dir, "penalties", "--amount", "1000", "--due", "2017-11-13", "--on", "2017-12-13"
    )

    assert code == 0
    # 1 000 € × 10 % × 30 / 365 = 8,219 €
    assert (
        lines[1] == "2017-11-14 → 2017-12-13: 30 days at 10,00 % (BCE 0,00 % + 10 points = 10,00 %) = 8,22 €"
    )


def test_penalty_rate_refuses_a_day_that_starts_no_half_year(data_dir: Path) -> None:
    code, lines = invoke(
        data_dir,
        "penalty-rate",
        "--semester",
        "2026-07-02",
        "--ecb",
        "2",
        "--legal-professional",
        "2",
        "--legal-consumer",
        "6",
    )

    assert code == 1
    assert lines == [
        "error: 2026-07-02 does not start a half-year: penalty rates are set for 1 January or 1 July."
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1000", "1000"),
        ("1000.50", "1000.50"),
        ("1000,50", "1000.50"),
        ("1 000,50", "1000.50"),
        (f"1{NBSP}000,50", "1000.50"),
        (f"1{NNBSP}000,50", "1000.50"),
        (" 12 ", "12"),
    ],
)
def test_amounts_are_read_the_french_or_the_english_way(text: str, value: str) -> None:
    assert parse_decimal(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "1,000.50", "nan", "Infinity", "1e3e"])
def test_unreadable_amounts_are_refused(text: str) -> None:
    with pytest.raises(typer.BadParameter):
        parse_decimal(text)


@pytest.mark.parametrize(("amount", "currency", "minor"), [("1000.5", "EUR", 100050), ("1500", "JPY", 1500)])
def test_amounts_become_minor_units(amount: str, currency: str, minor: int) -> None:
    assert to_minor(Decimal(amount), currency) == minor


def test_penalty_rates_lists_every_half_year_with_its_source_and_stores_the_missing_ones(
    data_dir: Path,
) -> None:
    code, lines = invoke(data_dir, "penalty-rates")
    _, stored = invoke(data_dir, "penalty-rates", "--store")
    _, again = invoke(data_dir, "penalty-rates", "--store")

    assert code == 0
    assert len(lines) == 28  # H1 2013 to H2 2026
    assert lines[0] == (
        "2013-01-01: BCE 0,75 % → 10,75 %, intérêt légal 0,04/0,04 % — BCE : "
        "https://www.banque-france.fr/en/policy-rates ; intérêt légal : "
        "https://www.tresor.economie.gouv.fr/Ressources/taux-de-linteret-legal/Rss/23022018"
    )
    assert lines[8].startswith("2017-01-01: BCE 0,00 % → 10,00 %, intérêt légal 0,90/4,16 % — ")
    assert lines[22].startswith("2024-01-01: BCE 4,50 % → 14,50 %, intérêt légal 5,07/8,01 % [table] — ")
    assert "[estimated] [table]" in lines[27]  # the migration's guess for H2 2026
    assert (stored[-1], again[-1]) == ("22 half-year(s) stored", "0 half-year(s) stored")
    assert all("[table]" in line for line in stored[:-1])
