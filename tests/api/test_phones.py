"""Phone numbers as people type them (api/phones.py): the one check of the client record and the
organisation's identity."""

from __future__ import annotations

import pytest

from api.phones import valid_phone


@pytest.mark.parametrize(
    "typed",
    ["01 23 45 67 89", "(01) 23.45.67.89", "01/23/45/67/89", "+33 6 12 34 56 78", "0033 1 23 45 67 89",
     "04 78 00 00 00", "+44 20 7946 0958"],
)  # fmt: skip
def test_numbers_written_the_usual_ways_are_valid(typed: str) -> None:
    assert valid_phone(typed) is True


@pytest.mark.parametrize(
    "typed",
    ["06 12 34 56 7", "01 23 45 67 89 0", "12 34", "1", "phone me", "01 23 45 67 89 ext",
     "+33 0 12 34 56 78"],
)  # fmt: skip
def test_a_digit_too_many_or_too_few_or_letters_are_refused(typed: str) -> None:
    assert valid_phone(typed) is False
