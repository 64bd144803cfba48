"""Every form date (a payment's day, a promise or a pause's end) reads what people type, through the one
reader of typed dates: the browser's ISO value, or the French writings typed where there is no picker."""

from __future__ import annotations

from datetime import date

import pytest

from web.dunning_view import day_or_error
from web.i18n import Translator
from web.invoice_payments import parse_day


@pytest.mark.parametrize(
    "typed",
    [
        "2027-02-01",
        "01/02/2027",
        "1/2/2027",
        "01.02.27",
        "1er février 2027",
        " 1 février 2027 ",
        "01-02-2027",
    ],
)
def test_a_day_typed_any_french_way_is_read(typed: str) -> None:
    assert parse_day(typed) == date(2027, 2, 1)


@pytest.mark.parametrize("typed", ["31/02/2027", "02/31/2027", "demain", "", "2027-13-01"])
def test_what_is_no_date_is_refused(typed: str) -> None:
    assert parse_day(typed) is None


def test_a_promise_date_in_the_past_or_unreadable_is_explained_in_french() -> None:
    t, today = Translator("fr"), date(2026, 12, 7)

    assert day_or_error("15 janvier 2027", t, today=today) == (date(2027, 1, 15), None)
    assert day_or_error("", t, today=today) == (None, None)
    past, unreadable = day_or_error("01/12/2026", t, today=today), day_or_error("bientôt", t, today=today)
    assert past[0] is None
    assert past[1] == t("dunning.past_date")
    assert unreadable[0] is None
    assert unreadable[1] == t("payments.bad_date")
