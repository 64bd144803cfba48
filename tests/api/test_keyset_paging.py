"""Keyset pages of the invoice list (api/pagination.py, InvoiceRepository.search), on SQLite and PostgreSQL:
walked forwards and backwards with each page's cursor, every sort gives the rows of the whole sorted list,
each once, including ties, empty values and invoices created in the same instant; a cursor that is not
one of ours is refused or ignored, never an error."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db import unit_of_work
from api.invoices import service as invoices
from api.invoices.policy import SORTS, ListFilters
from api.models import Invoice
from api.organisations.service import Principal
from api.pagination import Seek, decode_cursor, encode_cursor, page_count
from api.runtime import Runtime
from tests.api.invoices.test_listing import TODAY, add_invoices
from tests.factories import Tenant

SAME_MOMENT = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def _rows() -> list[dict[str, Any]]:
    """23 invoices with repeated amounts, numbers, clients and due dates, some of them empty; a third
    created in the same instant (the tie-break is then the id)."""
    return [
        {
            "number": f"K-{n % 7:02}" if n % 5 else None,
            "client": ("Alpha", "beta", "Gamma")[n % 3],
            "total_incl_tax": None if n % 6 == 0 else 1000 * (n % 4),
            "due_in": None if n % 8 == 0 else (n % 5) * 10 - 20,
            "created_at": SAME_MOMENT if n % 3 == 0 else SAME_MOMENT + timedelta(minutes=n),
        }
        for n in range(23)
    ]


def _add(runtime: Runtime, tenant: Tenant, rows: list[dict[str, Any]]) -> None:
    """add_invoices (one minute apart, in the rows' order), then each row's own creation moment where it
    gives one."""
    moments = [row.pop("created_at", None) for row in rows]
    ours = select(Invoice).where(Invoice.organisation_id == tenant.organisation_id)
    with unit_of_work(runtime.session_factory) as session:
        before = {invoice.id for invoice in session.scalars(ours)}
    add_invoices(runtime, tenant, rows)
    with unit_of_work(runtime.session_factory) as session:
        added = [i for i in session.scalars(ours.order_by(Invoice.created_at)) if i.id not in before]
        for invoice, moment in zip(added, moments, strict=True):
            if moment is not None:
                invoice.created_at = moment


def _all(db: Session, tenant: Tenant, filters: ListFilters) -> list[uuid.UUID]:
    found = invoices.search_invoices(db, Principal(tenant.organisation_id), filters, limit=100, today=TODAY)
    return [row.invoice.id for row in found.rows]


def _walk(db: Session, tenant: Tenant, filters: ListFilters, size: int) -> list[invoices.SearchPage]:
    """The pages one after the other, each read from the previous page's last row (the "next" link)."""
    principal, seek = Principal(tenant.organisation_id), None
    pages: list[invoices.SearchPage] = []
    while True:
        found = invoices.search_invoices(db, principal, filters, limit=size, seek=seek, today=TODAY)
        if not found.rows:
            return pages
        pages.append(found)
        assert found.last is not None
        seek = Seek(found.last)


def _ids(page: invoices.SearchPage) -> list[uuid.UUID]:
    return [row.invoice.id for row in page.rows]


SORTED = [ListFilters()] + [ListFilters(sort=s, descending=d) for s in SORTS for d in (False, True)]


@pytest.mark.parametrize("filters", SORTED, ids=lambda f: f"{f.sort}-{'desc' if f.descending else 'asc'}")
def test_keyset_pages_walked_forwards_then_backwards_are_the_sorted_list(
    runtime: Runtime, tenant: Tenant, db: Session, filters: ListFilters
) -> None:
    _add(runtime, tenant, _rows())
    everything = _all(db, tenant, filters)

    pages = _walk(db, tenant, filters, size=4)

    assert [i for page in pages for i in _ids(page)] == everything
    assert [len(page.rows) for page in pages] == [4, 4, 4, 4, 4, 3]
    principal = Principal(tenant.organisation_id)
    for before, page in zip(pages, pages[1:], strict=False):  # "previous" from each page's first row
        assert page.first is not None
        seek = Seek(page.first, forward=False)
        found = invoices.search_invoices(db, principal, filters, limit=4, seek=seek, today=TODAY)
        assert _ids(found) == _ids(before)


def test_a_typed_page_number_is_counted_and_agrees_with_the_keyset_pages(
    runtime: Runtime, tenant: Tenant, db: Session
) -> None:
    _add(runtime, tenant, _rows())
    filters = ListFilters(sort="amount", descending=True)
    pages = _walk(db, tenant, filters, size=5)
    principal = Principal(tenant.organisation_id)

    by_offset = [
        _ids(invoices.search_invoices(db, principal, filters, limit=5, offset=o, today=TODAY))
        for o in range(0, 25, 5)
    ]

    assert by_offset == [_ids(page) for page in pages]


def test_an_invoice_added_between_two_pages_neither_repeats_a_row_nor_hides_one(
    runtime: Runtime, tenant: Tenant, db: Session
) -> None:
    add_invoices(runtime, tenant, [{"number": f"A-{n}"} for n in range(6)])
    principal, filters = Principal(tenant.organisation_id), ListFilters()
    first = invoices.search_invoices(db, principal, filters, limit=3, today=TODAY)
    db.rollback()
    _add(runtime, tenant, [{"number": "NEW", "created_at": datetime(2026, 3, 1, tzinfo=UTC)}])
    assert first.last is not None

    second = invoices.search_invoices(db, principal, filters, limit=3, seek=Seek(first.last), today=TODAY)

    listed = [r.invoice.number for r in first.rows + second.rows]
    assert listed == ["A-5", "A-4", "A-3", "A-2", "A-1", "A-0"]  # newest first; NEW is on page 1 now
    assert second.total == 7


@pytest.mark.parametrize(
    "values",
    [
        ("K-01",),  # too few values for the default order
        (datetime(2026, 1, 1, tzinfo=UTC), "not an id"),  # a text where an id goes
        (date(2026, 1, 1), datetime(2026, 1, 1, tzinfo=UTC), uuid.uuid4()),  # a date where no key is
    ],
)
def test_a_cursor_of_another_order_is_ignored_and_the_page_counted(
    runtime: Runtime, tenant: Tenant, db: Session, values: tuple[Any, ...]
) -> None:
    add_invoices(runtime, tenant, [{"number": f"A-{n}"} for n in range(5)])
    principal = Principal(tenant.organisation_id)

    found = invoices.search_invoices(
        db, principal, ListFilters(), limit=2, offset=2, seek=Seek(values), today=TODAY
    )

    assert [r.invoice.number for r in found.rows] == ["A-2", "A-1"]


def test_a_cursor_comes_back_with_its_types_and_junk_is_no_cursor() -> None:
    values = (
        date(2026, 5, 1),
        datetime(2026, 1, 1, 8, 30, 0, 123456, tzinfo=UTC),
        uuid.uuid4(),
        12,
        "é",
        None,
    )

    assert decode_cursor(encode_cursor(values)) == values
    assert decode_cursor(encode_cursor(values) + "x") is None  # no longer base64 of JSON
    for junk in ("", "%%%", "W10" * 300, encode_cursor(("x",))[:-3], "eyJhIjoxfQ"):  # the last: {"a":1}
        assert decode_cursor(junk) is None
    naive = encode_cursor((datetime(2026, 1, 1, tzinfo=UTC).replace(tzinfo=None),))
    assert decode_cursor(naive) is None  # a moment without its offset could be read two ways
    assert decode_cursor(encode_cursor((2**63,))) is None  # no database integer holds it


def test_page_count() -> None:
    assert [page_count(n, 50) for n in (0, 1, 50, 51, 100_000)] == [1, 1, 1, 2, 2000]


def test_created_at_ties_break_by_id_the_same_way_in_both_directions(
    runtime: Runtime, tenant: Tenant, db: Session
) -> None:
    _add(runtime, tenant, [{"number": f"T-{n}", "created_at": SAME_MOMENT} for n in range(5)])

    pages = _walk(db, tenant, ListFilters(), size=2)

    ids = [i for page in pages for i in _ids(page)]
    assert ids == sorted(ids, reverse=True)  # newest first, then by id, descending
    assert len(ids) == 5
