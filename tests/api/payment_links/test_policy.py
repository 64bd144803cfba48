from __future__ import annotations

from datetime import date

import pytest

from api.payment_links.policy import (
    InstalmentPolicy,
    InstalmentRefused,
    MethodOffer,
    allowed_instalment_counts,
    early_payment_discount,
    instalment_schedule,
    method_offers,
)

POLICY = InstalmentPolicy(min_count=2, max_count=12, min_amount=5000)


@pytest.mark.parametrize(
    ("due", "bp", "days", "issued", "today", "expected"),
    [
        (100000, 200, 10, date(2026, 11, 1), date(2026, 11, 11), (2000, 98000, date(2026, 11, 11))),
        (100000, 200, 10, date(2026, 11, 1), date(2026, 11, 12), None),
        (
            12345,
            200,
            10,
            date(2026, 11, 1),
            date(2026, 11, 1),
            (247, 12098, date(2026, 11, 11)),
        ),  # 246.9 → 247
        (
            12325,
            200,
            10,
            date(2026, 11, 1),
            date(2026, 11, 1),
            (247, 12078, date(2026, 11, 11)),
        ),  # 246.5 → 247
        (100000, 0, 10, date(2026, 11, 1), date(2026, 11, 2), None),
        (100000, 200, 10, None, date(2026, 11, 2), None),
        (0, 200, 10, date(2026, 11, 1), date(2026, 11, 2), None),
    ],
)
def test_early_payment_discount(
    due: int, bp: int, days: int, issued: date | None, today: date, expected: tuple[int, int, date] | None
) -> None:
    found = early_payment_discount(due, basis_points=bp, days=days, issue_date=issued, today=today)
    assert (None if found is None else (found.amount_off, found.pay_amount, found.deadline)) == expected


@pytest.mark.parametrize(
    ("total", "count", "amounts"),
    [
        (100000, 4, [25000, 25000, 25000, 25000]),
        (100001, 3, [33335, 33333, 33333]),  # the cents that do not divide go to the first instalment
        (123457, 12, [10289] + [10288] * 11),
    ],
)
def test_instalments_add_up_exactly(total: int, count: int, amounts: list[int]) -> None:
    schedule = instalment_schedule(total, count, first_date=date(2026, 1, 31), policy=POLICY)

    assert [a for a, _ in schedule] == amounts
    assert sum(a for a, _ in schedule) == total


def test_instalments_are_monthly_and_clamped_to_the_month_end() -> None:
    schedule = instalment_schedule(30000, 3, first_date=date(2026, 1, 31), policy=POLICY)
    assert [d for _, d in schedule] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]


@pytest.mark.parametrize(
    ("total", "count", "message"),
    [(100000, 1, "between 2 and 12"), (100000, 13, "between"), (9999, 2, "at least 5000")],
)
def test_instalments_outside_the_policy_are_refused(total: int, count: int, message: str) -> None:
    with pytest.raises(InstalmentRefused, match=message):
        instalment_schedule(total, count, first_date=date(2026, 1, 1), policy=POLICY)


def test_allowed_counts_respect_the_minimum_instalment() -> None:
    assert allowed_instalment_counts(20000, POLICY) == [2, 3, 4]
    assert allowed_instalment_counts(9999, POLICY) == []


def offers(**overrides: object) -> dict[str, MethodOffer]:
    args: dict[str, object] = {
        "enabled": {"card": True, "sepa_debit": True, "mandate": True, "instalments": False},
        "provider_for": {"card": "stripe", "sepa_debit": "gocardless", "mandate": "gocardless",
                         "instalments": "gocardless"},
        "configured": {"stripe", "gocardless"},
        "currency": "EUR",
        "has_bank_details": True,
        **overrides,
    }  # fmt: skip
    return {o.method: o for o in method_offers(**args)}  # type: ignore[arg-type]


def test_every_method_says_why_it_is_hidden() -> None:
    assert offers()["card"] == MethodOffer("card", True, provider="stripe")
    assert offers()["instalments"].reason == "disabled in the organisation's settings"
    assert offers(configured={"gocardless"})["card"].reason == "stripe is not configured"
    assert offers(currency="USD")["sepa_debit"].reason == "SEPA debits are only in EUR, not USD"
    assert offers(currency="USD")["card"].available is True
    assert offers(has_bank_details=False)["transfer"] == MethodOffer(
        "transfer", False, "no IBAN in the settings", "no_iban"
    )
    # the same reasons as codes, for the pages to say in their reader's language
    assert offers()["instalments"].why == "disabled"
    assert (
        offers(configured={"gocardless"})["card"].why,
        offers(configured={"gocardless"})["card"].provider,
    ) == ("not_configured", "stripe")
    assert (offers(currency="USD")["sepa_debit"].why, offers(currency="USD")["sepa_debit"].currency) == (
        "currency",
        "USD",
    )
