"""The pure rules of instalment plans."""

from __future__ import annotations

from datetime import date

from api.instalments import policy
from api.instalments.notice import schedule_notice


def test_the_first_date_is_the_due_date_unless_the_notice_period_needs_longer() -> None:
    today = date(2026, 11, 22)
    assert policy.first_date(due_date=date(2026, 12, 13), today=today, prenotice_days=3) == date(2026, 12, 13)
    assert policy.first_date(due_date=date(2026, 11, 1), today=today, prenotice_days=3) == date(2026, 11, 25)
    assert policy.first_date(due_date=None, today=today, prenotice_days=3) == date(2026, 11, 25)


def test_dates_move_after_the_next_possible_charge_date_keeping_the_monthly_spacing() -> None:
    dates = [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]

    moved = policy.moved_dates(
        dates, next_possible=date(2026, 2, 3), today=date(2026, 1, 20), prenotice_days=3
    )

    assert moved == [date(2026, 2, 3), date(2026, 3, 3), date(2026, 4, 3)]
    assert policy.moved_dates(
        dates, next_possible=date(2026, 1, 5), today=date(2026, 1, 2), prenotice_days=3
    ) == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
    ]


def test_one_key_per_plan() -> None:
    assert policy.idempotency_key("abc") == "encaisse-instalments-abc"


def test_the_notice_lists_every_instalment_in_both_languages() -> None:
    instalments = [(41153, date(2026, 12, 13)), (41152, date(2027, 1, 13))]
    common = {
        "creditor": "Atelier Lenoir",
        "invoice_number": "F-1",
        "instalments": instalments,
        "currency": "EUR",
        "mandate_reference": "RUM-1",
        "pay_url": None,
    }

    french = schedule_notice(language="fr", **common).text.replace("\u202f", " ").replace("\xa0", " ")
    english = schedule_notice(language="en", **common).text

    assert "1. 13/12/2026 : 411,53 €" in french
    assert "2. 13/01/2027 : 411,52 €" in french
    assert "823,05 €" in french
    assert "1. 13/12/2026: €411.53" in english
    assert "RUM-1" in english
