"""Paging of lists. Offsets have bounds: an offset beyond them is a 422 with the reason, never a query the
database cannot run (SQLite and PostgreSQL both refuse an OFFSET past 2**63 - 1: that was a 500).

Long lists page by keyset instead: a page link carries a cursor, the sort values of the row next to the
page it opens, and the page starts right after (or ends right before) that row: what the database reads
does not grow with the page number, and a row added meanwhile never shows twice or pushes one out of sight.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated

from fastapi import Query

MAX_OFFSET = 1_000_000  # far beyond any organisation's rows; a bigger offset is a client's mistake

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"rows to skip, at most {MAX_OFFSET}")]

CursorValue = str | int | date | datetime | uuid.UUID | None
BIGGEST = 2**63 - 1  # what SQLite and PostgreSQL integers hold
CURSOR_MAX_CHARS = 600  # a cursor holds a few sort values; anything longer is not one of ours


@dataclass(frozen=True)
class Seek:
    """A keyset page: the rows after `values` in the list's order (forward), or the ones just before."""

    values: tuple[CursorValue, ...]
    forward: bool = True


def encode_cursor(values: tuple[CursorValue, ...]) -> str:
    """Sort values as a short URL-safe text (typed, so that a date comes back as a date)."""
    typed = [_tagged(value) for value in values]
    text = json.dumps(typed, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(text).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[CursorValue, ...] | None:
    """The values of `encode_cursor`, or None for anything else (a hand-edited or truncated link)."""
    if not token or len(token) > CURSOR_MAX_CHARS:
        return None
    try:
        typed = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        return tuple(_untagged(tag, text) for tag, text in typed)
    except (binascii.Error, ValueError, TypeError, KeyError, OverflowError):  # JSON errors are ValueErrors
        return None


def page_count(total: int, per_page: int) -> int:
    """How many pages `total` rows fill (one, empty, when there are none)."""
    return max(math.ceil(total / per_page), 1)


def _tagged(value: CursorValue) -> list[str | None]:
    if value is None:
        return ["n", None]
    if isinstance(value, bool):
        raise TypeError("a cursor holds no booleans")
    if isinstance(value, datetime):  # before date: a datetime is a date
        return ["t", value.isoformat()]
    if isinstance(value, date):
        return ["d", value.isoformat()]
    if isinstance(value, uuid.UUID):
        return ["u", str(value)]
    if isinstance(value, int):
        return ["i", str(value)]
    return ["s", value]


def _untagged(tag: str, text: str | None) -> CursorValue:
    if tag == "n":
        return None
    if not isinstance(text, str) or len(text) > CURSOR_MAX_CHARS:
        raise TypeError("a cursor value is a short text")
    parse: dict[str, Callable[[str], CursorValue]] = {
        "t": datetime.fromisoformat, "d": date.fromisoformat, "u": uuid.UUID, "i": int, "s": str,
    }  # fmt: skip
    value = parse[tag](text)
    if tag == "t" and isinstance(value, datetime) and value.tzinfo is None:
        raise ValueError("a cursor's moment carries its offset")
    if isinstance(value, int) and not -BIGGEST <= value <= BIGGEST:
        raise ValueError("a cursor's number fits a database integer")
    return value
