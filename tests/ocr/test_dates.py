from __future__ import annotations

from datetime import date

import pytest

from ocr.dates import parse_date, parse_xml_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13/11/2017", date(2017, 11, 13)),
        ("13.11.17", date(2017, 11, 13)),
        ("2017-11-13", date(2017, 11, 13)),
        ("Date : 05-03-2018", date(2018, 3, 5)),
        ("13 novembre 2017", date(2017, 11, 13)),
        ("1er janvier 2020", date(2020, 1, 1)),
        ("13 décembre 2017", date(2017, 12, 13)),
        ("13. März 2017", date(2017, 3, 13)),
        ("5 Februar 2018", date(2018, 2, 5)),
        ("November 13, 2017", date(2017, 11, 13)),
        ("13 Nov. 2017", date(2017, 11, 13)),
        ("11/13/2017", date(2017, 11, 13)),  # only a month-first reading is possible
    ],
)
def test_parse_date_reads_numeric_and_named_months(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["30/02/2020", "13/13/2017", "no date here", "31 brumaire 2017"])
def test_parse_date_refuses_impossible_dates(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("20171113", date(2017, 11, 13)), ("2026-08-15", date(2026, 8, 15)), ("20200230", None), ("2017", None)],
)
def test_parse_xml_date_reads_format_102_and_iso(text: str, expected: date | None) -> None:
    assert parse_xml_date(text) == expected
