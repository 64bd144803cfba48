"""The invoice list's filters, sorting, paging and CSV rows, in SQL on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from api.db import unit_of_work
from api.invoices import policy
from api.invoices import service as invoices
from api.invoices.policy import ListFilters
from api.models import Client, Invoice
from api.organisations.service import Principal
from api.runtime import Runtime
from tests.factories import Tenant

TODAY = date(2026, 6, 15)


def add_invoices(runtime: Runtime, tenant: Tenant, rows: list[dict[str, Any]]) -> dict[str, uuid.UUID]:
    """Invoices written directly (no capture): each row's `client` names a client created once. Returns the
    client ids by name."""
    clients: dict[str, uuid.UUID] = {}
    with unit_of_work(runtime.session_factory) as session:
        for number, row in enumerate(rows):
            values = dict(row)
            name = values.pop("client", None)
            if name and name not in clients:
                client = Client(organisation_id=tenant.organisation_id, name=name, name_key=name.lower())
                session.add(client)
                session.flush()
                clients[name] = client.id
            due = values.pop("due_in", None)
            values.setdefault("status", "ready")
            values.setdefault("buyer_name", name)
            values.setdefault("total_incl_tax", 10000)
            session.add(
                Invoice(
                    organisation_id=tenant.organisation_id,
                    client_id=clients.get(name or ""),
                    due_date=None if due is None else TODAY + timedelta(days=due),
                    issue_date=TODAY - timedelta(days=60 - number),
                    created_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=number),
                    **values,
                )
            )
    return clients


def numbers(session: Session, tenant: Tenant, **filters: Any) -> list[str | None]:
    found = invoices.search_invoices(
        session, Principal(tenant.organisation_id), ListFilters(**filters), limit=100, offset=0, today=TODAY
    )
    return [row.invoice.number for row in found.rows]


STATUS_ROWS: list[dict[str, Any]] = [
    {"number": "REVIEW", "status": "needs_review", "due_in": -10},
    {"number": "OPEN", "due_in": 5},
    {"number": "OPEN-NODUE"},
    {"number": "LATE", "due_in": -1},
    {"number": "PROC", "collection_status": "processing", "due_in": -20},
    {"number": "PART-LATE", "collection_status": "partially_paid", "due_in": -3},
    {"number": "PAID", "collection_status": "paid", "due_in": -40},
    {
        "number": "CANCELLED",
        "collection_status": "cancelled",
        "due_in": -40,
        "cancelled_at": datetime(2026, 6, 1, tzinfo=UTC),
    },
    {"number": "DISPUTED", "disputed": True, "due_in": -2},
]


class TestStatusFilter:
    @pytest.mark.parametrize(
        ("status", "expected"),
        [
            ("to_review", {"REVIEW"}),
            ("open", {"OPEN", "OPEN-NODUE"}),
            ("overdue", {"LATE", "PART-LATE", "DISPUTED"}),
            ("processing", {"PROC"}),
            ("partially_paid", {"PART-LATE"}),
            ("paid", {"PAID"}),
            ("cancelled", {"CANCELLED"}),
            ("disputed", {"DISPUTED"}),
        ],
    )
    def test_each_status_as_the_user_sees_it(
        self, runtime: Runtime, tenant: Tenant, db: Session, status: str, expected: set[str]
    ) -> None:
        add_invoices(runtime, tenant, STATUS_ROWS)

        assert set(numbers(db, tenant, status=status)) == expected

    def test_each_row_gets_one_status_and_its_days_overdue(
        self, runtime: Runtime, tenant: Tenant, db: Session
    ) -> None:
        add_invoices(runtime, tenant, STATUS_ROWS)

        page = invoices.search_invoices(
            db,
            Principal(tenant.organisation_id),
            ListFilters(sort="number"),
            limit=100,
            offset=0,
            today=TODAY,
        )

        assert [(r.invoice.number, r.view_status, r.days_overdue) for r in page.rows] == [
            ("CANCELLED", "cancelled", None),
            ("DISPUTED", "disputed", 2),
            ("LATE", "overdue", 1),
            ("OPEN", "open", None),
            ("OPEN-NODUE", "open", None),
            ("PAID", "paid", None),
            ("PART-LATE", "partially_paid", 3),
            ("PROC", "processing", 20),
            ("REVIEW", "to_review", None),
        ]
        assert page.total == 9


class TestOtherFilters:
    def test_aging_buckets_count_days_past_due_from_today(
        self, runtime: Runtime, tenant: Tenant, db: Session
    ) -> None:
        add_invoices(
            runtime,
            tenant,
            [{"number": f"D{days}", "due_in": -days} for days in (-3, 0, 1, 30, 31, 60, 61, 90, 91, 400)]
            + [
                {"number": "PAID-OLD", "collection_status": "paid", "due_in": -100},
                {"number": "REVIEW-OLD", "status": "needs_review", "due_in": -100},
            ],
        )

        by_bucket = {b: sorted(numbers(db, tenant, aging=b)) for b in policy.AGING_BUCKETS}  # type: ignore[type-var]

        assert by_bucket == {
            "not_due": ["D-3", "D0"],
            "1_30": ["D1", "D30"],
            "31_60": ["D31", "D60"],
            "61_90": ["D61", "D90"],
            "over_90": ["D400", "D91"],
        }

    def test_amount_client_and_case_insensitive_text_search(
        self, runtime: Runtime, tenant: Tenant, db: Session
    ) -> None:
        clients = add_invoices(
            runtime,
            tenant,
            [
                {"number": "A-1", "client": "Garage Dupont", "total_incl_tax": 5000},
                {"number": "A-2", "client": "Garage Dupont", "total_incl_tax": 123456},
                {
                    "number": "B-1",
                    "client": "Café du Port",
                    "buyer_name": "SARL Le Port",
                    "total_incl_tax": 99999,
                },
                {"number": "100%_X", "client": "Autre", "total_incl_tax": 200000},
            ],
        )

        assert numbers(db, tenant, amount_min=99999, amount_max=123456, sort="number") == ["A-2", "B-1"]
        assert numbers(db, tenant, client_id=clients["Garage Dupont"], sort="number") == ["A-1", "A-2"]
        assert numbers(db, tenant, search="dUPONT", sort="number") == ["A-1", "A-2"]
        assert numbers(db, tenant, search="le port") == ["B-1"]  # the name on the invoice
        assert numbers(db, tenant, search="b-1") == ["B-1"]
        assert numbers(db, tenant, search="%") == ["100%_X"]  # a wildcard is a plain character
        assert numbers(db, tenant, search="nobody") == []

    def test_another_organisations_invoices_are_never_listed(
        self, runtime: Runtime, tenant: Tenant, other_tenant: Tenant, db: Session
    ) -> None:
        add_invoices(runtime, other_tenant, [{"number": "THEIRS", "client": "Garage Dupont"}])
        add_invoices(runtime, tenant, [{"number": "MINE", "client": "Garage Dupont"}])

        assert numbers(db, tenant) == ["MINE"]
        assert numbers(db, tenant, search="garage") == ["MINE"]


class TestSortingAndPaging:
    ROWS: list[dict[str, Any]] = [
        {"number": "N-2", "client": "beta", "total_incl_tax": 300, "due_in": -5},
        {"number": "N-3", "client": "Alpha", "total_incl_tax": 100, "due_in": 10},
        {"number": "N-1", "client": "Gamma", "total_incl_tax": None, "due_in": -30},
        {"number": "N-4", "client": "Delta", "total_incl_tax": 200},
    ]

    @pytest.mark.parametrize(
        ("sort", "ascending"),
        [
            ("number", ["N-1", "N-2", "N-3", "N-4"]),
            ("client", ["N-3", "N-2", "N-4", "N-1"]),
            ("amount", ["N-3", "N-4", "N-2", "N-1"]),
            ("due_date", ["N-1", "N-2", "N-3", "N-4"]),
            ("issue_date", ["N-2", "N-3", "N-1", "N-4"]),
            ("days_overdue", ["N-4", "N-3", "N-2", "N-1"]),
        ],
    )
    def test_each_column_sorts_both_ways_with_empty_values_last(
        self, runtime: Runtime, tenant: Tenant, db: Session, sort: str, ascending: list[str]
    ) -> None:
        add_invoices(runtime, tenant, self.ROWS)

        up = numbers(db, tenant, sort=sort)
        down = numbers(db, tenant, sort=sort, descending=True)

        assert up == ascending
        empty_last = {"amount": "N-1", "due_date": "N-4"}.get(sort)
        if empty_last:  # nulls stay at the end both ways
            assert down == [n for n in reversed(ascending) if n != empty_last] + [empty_last]
        elif sort == "days_overdue":  # the two invoices not late tie: newest captured first both ways
            assert down == ["N-1", "N-2", "N-4", "N-3"]
        else:
            assert down == list(reversed(ascending))

    def test_pages_and_the_total_count(self, runtime: Runtime, tenant: Tenant, db: Session) -> None:
        add_invoices(runtime, tenant, [{"number": f"P-{n:02}"} for n in range(7)])
        principal = Principal(tenant.organisation_id)

        pages = [
            invoices.search_invoices(
                db, principal, ListFilters(sort="number"), limit=3, offset=offset, today=TODAY
            )
            for offset in (0, 3, 6)
        ]

        assert [[r.invoice.number for r in p.rows] for p in pages] == [
            ["P-00", "P-01", "P-02"],
            ["P-03", "P-04", "P-05"],
            ["P-06"],
        ]
        assert {p.total for p in pages} == {7}


class TestExport:
    def test_every_matching_row_with_decimal_amounts_iso_dates_and_no_formulas(
        self, runtime: Runtime, tenant: Tenant, db: Session
    ) -> None:
        clients = add_invoices(
            runtime,
            tenant,
            [
                {
                    "number": "=HYPERLINK(1)",
                    "client": "@Evil",
                    "total_incl_tax": 123456,
                    "total_excl_tax": 102880,
                    "total_tax": 20576,
                    "balance_due": 123456,
                    "due_in": -31,
                },
                *[{"number": f"E-{n}", "client": "Other", "total_incl_tax": 5} for n in range(3)],
            ],
        )
        principal = Principal(tenant.organisation_id)

        rows = list(invoices.export_rows(db, principal, ListFilters(sort="number"), today=TODAY))
        french = list(
            invoices.export_rows(
                db, principal, ListFilters(amount_min=100000), decimal_separator=",", today=TODAY
            )
        )

        assert len(rows) == 4
        first = dict(zip(invoices.EXPORT_COLUMNS, rows[0], strict=True))
        assert first["number"] == "'=HYPERLINK(1)"
        assert (first["client"], first["buyer_name"]) == ("'@Evil", "'@Evil")
        assert (first["total_excl_tax"], first["total_tax"], first["total_incl_tax"]) == (
            "1028.80",
            "205.76",
            "1234.56",
        )
        assert (first["due_date"], first["issue_date"]) == ("2026-05-15", "2026-04-16")
        assert (first["status"], first["days_overdue"], first["disputed"]) == ("overdue", "31", "0")
        assert first["client_id"] == str(clients["@Evil"])
        assert [r[0] for r in rows[1:]] == ["E-0", "E-1", "E-2"]
        assert [r[8] for r in french] == ["1234,56"]


class TestParsing:
    def test_bad_filters_are_left_out_and_named(self) -> None:
        filters, errors = policy.parse_filters(
            {
                "status": "lost",
                "client": "nope",
                "aging": "2_years",
                "amount_min": "abc",
                "amount_max": "10",
                "q": "x" * 101,
                "sort": "colour",
                "order": "desc",
            }
        )

        assert errors == {
            "status": "bad_status",
            "client": "bad_client",
            "aging": "bad_aging",
            "amount_min": "bad_amount",
            "q": "too_long",
            "sort": "bad_sort",
        }
        assert filters == ListFilters(amount_max=1000, descending=True)

    def test_a_minimum_above_the_maximum_is_refused(self) -> None:
        filters, errors = policy.parse_filters(
            {"amount_min": "20", "amount_max": "10", "status": "needs_review"}
        )

        assert errors == {"amount_max": "amount_range"}
        assert filters == ListFilters(amount_min=2000, status="to_review")
