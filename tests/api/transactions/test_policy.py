"""The balance is a function of the set of facts: every arrival order gives the same answer."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from api.transactions.policy import Fact, balance, dedupe_key, owed_now

T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)


def fact(kind: str, at: int, amount: int = 10000, reference: str = "PM1") -> Fact:
    return Fact("gocardless", reference, kind, amount, "EUR", T0 + timedelta(minutes=at))


@pytest.mark.parametrize(
    ("facts", "status", "paid", "processing"),
    [
        ([fact("processing", 0), fact("succeeded", 5)], "paid", 10000, 0),
        ([fact("processing", 0), fact("failed", 5)], "open", 0, 0),
        ([fact("processing", 0), fact("succeeded", 5), fact("failed", 9)], "open", 0, 0),  # late failure
        (
            [fact("processing", 0), fact("failed", 5), fact("processing", 7), fact("succeeded", 9)],
            "paid",
            10000,
            0,
        ),
        ([fact("succeeded", 5), fact("charged_back", 9)], "open", 0, 0),
        (
            [fact("processing", 0, 4000, "PM1"), fact("succeeded", 1, 6000, "PM2")],
            "partially_paid",
            6000,
            4000,
        ),
    ],
)
def test_every_order_of_the_same_facts_gives_the_same_balance(
    facts: list[Fact], status: str, paid: int, processing: int
) -> None:
    results = {balance(10000, list(order)) for order in itertools.permutations(facts)}

    assert len(results) == 1
    [result] = results
    assert (result.status, result.paid, result.processing) == (status, paid, processing)


def test_a_chargeback_or_an_open_dispute_flags_and_reopens() -> None:
    disputed = balance(10000, [fact("succeeded", 0, reference="pi_1"), fact("disputed", 5, reference="dp_1")])
    won = balance(10000, [fact("succeeded", 0, reference="pi_1"), fact("disputed", 5, reference="dp_1"),
                          fact("dispute_won", 9, reference="dp_1")])  # fmt: skip

    assert (disputed.status, disputed.disputed, disputed.balance_due) == ("open", True, 10000)
    assert (won.status, won.disputed, won.balance_due) == ("paid", False, 0)


def test_refunds_are_running_totals_and_each_total_is_its_own_fact() -> None:
    first, second = fact("refunded", 5, 2000), fact("refunded", 6, 5000)
    result = balance(10000, [fact("succeeded", 0), first, second])

    assert dedupe_key(first) != dedupe_key(second)
    assert dedupe_key(fact("succeeded", 0)) == dedupe_key(fact("succeeded", 3))
    assert (result.refunded, result.paid, result.status) == (5000, 5000, "partially_paid")


def test_what_a_reminder_may_ask_for() -> None:
    in_flight = balance(10000, [], in_flight=10000)
    one_failed = balance(
        9000, [fact("succeeded", 0, 3000, "PM1"), fact("failed", 1, 3000, "PM2")], in_flight=3000
    )

    assert (in_flight.status, owed_now(in_flight.status, in_flight.processing, in_flight.balance_due)) == (
        "processing",
        0,
    )
    assert owed_now(one_failed.status, one_failed.processing, one_failed.balance_due) == 3000
    assert owed_now("paid", 0, 0) == 0
    assert owed_now("cancelled", 0, 10000) == 0
