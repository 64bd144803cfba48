"""The outbox page's pages (/relances/envoyees): newest first, OUTBOX_LIMIT a page, each link carrying a
keyset cursor, the (written, id) of the row next to the page it opens (api/pagination.py), so an older page
is read from there along the reminders' index however far back it is, and a reminder written meanwhile
never shows twice or pushes one out of sight."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol, TypeVar
from urllib.parse import urlencode

from fastapi import Request

from api import pagination


class Keyed(Protocol):
    """A row of the list (api.dunning.repository.OutboxRow): what its cursor holds."""

    @property
    def written(self) -> datetime: ...

    @property
    def id(self) -> uuid.UUID: ...


Row = TypeVar("Row", bound=Keyed)


def seek_of(request: Request) -> pagination.Seek | None:
    """The rows older than `after`'s, or newer than `before`'s; None (the newest) without a cursor or with
    one that is not ours (hand-edited, truncated)."""
    for name, forward in (("after", True), ("before", False)):
        values = pagination.decode_cursor(request.query_params.get(name, ""))
        if values is not None and _is_key(values):
            return pagination.Seek(values, forward)
    return None


def paged(
    found: list[Row], *, limit: int, seek: pagination.Seek | None, status: str | None
) -> tuple[list[Row], dict[str, str]]:
    """The page's rows out of the `limit` + 1 read (the extra one says there is more that way), and the
    links to the newer ("prev") and older ("next") pages that exist."""
    newer_side = seek is not None and not seek.forward
    more = len(found) > limit
    rows = (found[1:] if newer_side else found[:limit]) if more else found
    kept = {"status": status} if status else {}
    links = {}
    if rows and (more if newer_side else seek is not None):
        links["prev"] = "?" + urlencode(kept | {"before": _cursor(rows[0])})
    elif not rows and seek is not None:  # past either end (rows deleted meanwhile): back to the newest
        links["prev"] = "?" + urlencode(kept)
    if rows and (newer_side or more):
        links["next"] = "?" + urlencode(kept | {"after": _cursor(rows[-1])})
    return rows, links


def _cursor(row: Keyed) -> str:
    return pagination.encode_cursor((row.written, row.id))


def _is_key(values: tuple[pagination.CursorValue, ...]) -> bool:
    return (
        len(values) == 2
        and isinstance(values[0], datetime)
        and values[0].tzinfo is not None
        and isinstance(values[1], uuid.UUID)
    )
