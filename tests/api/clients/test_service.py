"""The client list and page figures from the database, on SQLite and PostgreSQL, against the known data set
(tests/api/clients/data.py) worked out by hand; a person's edits, refused whole when one value is wrong."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time

import pytest

from api.clients import service
from api.clients.policy import FieldError, Totals
from api.clock import PARIS
from api.db import unit_of_work
from api.dunning import follow_up
from api.errors import BadRequest, NotFound
from api.models import AuditLog, Client
from api.organisations.service import Principal
from api.runtime import Runtime
from api.transactions import service as transactions
from api.transactions.policy import Fact
from tests.api.clients.data import Clients, day, known_clients, make_client, make_invoice
from tests.factories import Tenant


@pytest.fixture
def known(runtime: Runtime, tenant: Tenant, other_tenant: Tenant) -> Clients:
    return known_clients(runtime, tenant, other_tenant)


def who(tenant: Tenant) -> Principal:
    return Principal(organisation_id=tenant.organisation_id, label="test")


def listed(runtime: Runtime, tenant: Tenant, **options: object) -> tuple[list[service.ClientRow], int]:
    with unit_of_work(runtime.session_factory) as session:
        rows, total = service.list_clients(session, who(tenant), **options)  # type: ignore[arg-type]
        session.expunge_all()
        return rows, total


def names(rows: list[service.ClientRow]) -> list[str]:
    return [r.client.name for r in rows]


def test_every_figure_of_the_list(runtime: Runtime, tenant: Tenant, known: Clients) -> None:
    rows, total = listed(runtime, tenant)

    assert total == 4
    assert names(rows) == ["Alpha Conseil", "Bêta Industries", "Delta Bois", "Gamma Textile"]
    alpha, beta, delta, gamma = rows
    assert alpha.totals == Totals(owed=600_00, overdue=300_00, open_invoices=2, counted=4, paid_late=2,
                                  total_days_late=20, active_mandate=False)  # fmt: skip
    assert (alpha.behaviour.average_days_late, alpha.behaviour.share_late) == (5.0, 0.5)
    assert (alpha.computed_segment, alpha.segment, alpha.over_limit) == ("to_watch", "to_watch", False)
    assert beta.totals == Totals(owed=2_000_00, overdue=2_000_00, open_invoices=1, counted=1, paid_late=1,
                                 total_days_late=45, active_mandate=True)  # fmt: skip
    assert (beta.behaviour.average_days_late, beta.behaviour.share_late) == (45.0, 1.0)
    assert (beta.computed_segment, beta.segment, beta.over_limit) == ("bad_payer", "bad_payer", True)
    assert delta.totals == Totals(counted=1)
    assert (delta.behaviour.average_days_late, delta.segment) == (0.0, "reliable")
    assert gamma.totals == Totals()
    assert (gamma.computed_segment, gamma.segment) == ("reliable", "to_watch")


def test_the_figures_are_those_of_the_dunning_behaviour(
    runtime: Runtime, tenant: Tenant, known: Clients
) -> None:
    rows, _ = listed(runtime, tenant)

    with unit_of_work(runtime.session_factory) as session:
        for row in rows:
            one = follow_up.client_behaviour(session, who(tenant), row.client.id)
            assert (row.behaviour, row.computed_segment, row.segment) == (
                one.behaviour,
                one.computed_segment,
                one.segment,
            ), row.client.name


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Alpha Conseil", "Bêta Industries", "Delta Bois", "Gamma Textile"]),
        ("-name", ["Gamma Textile", "Delta Bois", "Bêta Industries", "Alpha Conseil"]),
        ("owed", ["Delta Bois", "Gamma Textile", "Alpha Conseil", "Bêta Industries"]),
        ("days_late", ["Delta Bois", "Gamma Textile", "Alpha Conseil", "Bêta Industries"]),
        ("-owed", ["Bêta Industries", "Alpha Conseil", "Delta Bois", "Gamma Textile"]),
        ("-overdue", ["Bêta Industries", "Alpha Conseil", "Delta Bois", "Gamma Textile"]),
        ("-days_late", ["Bêta Industries", "Alpha Conseil", "Delta Bois", "Gamma Textile"]),
    ],
)
def test_sorted(runtime: Runtime, tenant: Tenant, known: Clients, sort: str, expected: list[str]) -> None:
    assert names(listed(runtime, tenant, sort=sort)[0]) == expected


@pytest.mark.parametrize(
    ("segment", "expected"),
    [("to_watch", ["Alpha Conseil", "Gamma Textile"]), ("bad_payer", ["Bêta Industries"]),
     ("reliable", ["Delta Bois"])],
)  # fmt: skip
def test_filtered_by_segment_computed_or_set(
    runtime: Runtime, tenant: Tenant, known: Clients, segment: str, expected: list[str]
) -> None:
    rows, total = listed(runtime, tenant, segment=segment)

    assert (names(rows), total) == (expected, len(expected))


@pytest.mark.parametrize(
    ("search", "expected"),
    [("alpha", ["Alpha Conseil"]), ("BETA", ["Bêta Industries"]), ("bêta", ["Bêta Industries"]),
     ("732 829 320", ["Alpha Conseil"]), ("compta@beta", ["Bêta Industries"]),
     ("example", ["Alpha Conseil", "Bêta Industries"]), ("100%", []), ("nobody", [])],
)  # fmt: skip
def test_searched_by_name_siren_or_email(
    runtime: Runtime, tenant: Tenant, known: Clients, search: str, expected: list[str]
) -> None:
    rows, total = listed(runtime, tenant, search=search)

    assert (names(rows), total) == (expected, len(expected))


def test_paginated_in_the_database(runtime: Runtime, tenant: Tenant, known: Clients) -> None:
    first, total = listed(runtime, tenant, sort="-owed", limit=3, offset=0)
    second, _ = listed(runtime, tenant, sort="-owed", limit=3, offset=3)

    assert (names(first), names(second), total) == (
        ["Bêta Industries", "Alpha Conseil", "Delta Bois"],
        ["Gamma Textile"],
        4,
    )


def test_unknown_sort_or_segment_is_refused(runtime: Runtime, tenant: Tenant) -> None:
    with pytest.raises(BadRequest):
        listed(runtime, tenant, sort="siren")
    with pytest.raises(BadRequest):
        listed(runtime, tenant, segment="vip")


def test_the_client_page(runtime: Runtime, tenant: Tenant, known: Clients) -> None:
    with unit_of_work(runtime.session_factory) as session:
        alpha = service.client_page(session, who(tenant), known.alpha)
        beta = service.client_page(session, who(tenant), known.beta)

        assert alpha.row.totals.owed == 600_00
        assert [i.number for i in alpha.open_invoices] == ["A-3", "A-2"]
        assert [(p.invoice.number, p.days_late) for p in alpha.paid_invoices] == [
            ("A-5", 0),
            ("A-1", 10),
            ("A-4", 0),
        ]
        assert alpha.mandate is None
        assert beta.mandate is not None
        assert (beta.mandate.reference, beta.mandate.status) == (
            "BRQ1",
            "active",
        )
        assert beta.row.over_limit is True


def test_a_payment_just_after_midnight_in_paris_is_that_days_everywhere(
    runtime: Runtime, tenant: Tenant
) -> None:
    # Given an invoice due ten days ago, paid at 00:30 Paris time the next day (still the due day in UTC)
    client_id = make_client(runtime, tenant, "Epsilon Verre")
    invoice_id = make_invoice(runtime, tenant, client_id, number="E-1", due=-10, total=500_00)
    moment = datetime.combine(day(-9), time(0, 30), PARIS)
    assert moment.astimezone(UTC).date() == day(-10)
    with unit_of_work(runtime.session_factory) as session:
        fact = Fact("bank", "line-e1", "succeeded", 500_00, "EUR", moment)
        transactions.record(session, tenant.organisation_id, invoice_id, fact, recorded_by="test")

    # Then the list, the client page and the follow-up all count it one day late
    [row], _ = listed(runtime, tenant, search="Epsilon")
    with unit_of_work(runtime.session_factory) as session:
        page = service.client_page(session, who(tenant), client_id)
        behaviour = follow_up.client_behaviour(session, who(tenant), client_id).behaviour
        days_late = [p.days_late for p in page.paid_invoices]

    assert (row.totals.paid_late, row.totals.total_days_late) == (1, 1)
    assert days_late == [1]
    assert (behaviour.paid_late, behaviour.average_days_late) == (1, 1.0)


def test_another_organisations_client_is_not_found(
    runtime: Runtime, tenant: Tenant, other_tenant: Tenant, known: Clients
) -> None:
    with unit_of_work(runtime.session_factory) as session, pytest.raises(NotFound):
        service.client_page(session, who(other_tenant), known.alpha)
    with unit_of_work(runtime.session_factory) as session, pytest.raises(NotFound):
        service.update_client(session, who(other_tenant), known.alpha, {"name": "Pris"})


def test_edits_are_cleaned_and_audited(runtime: Runtime, tenant: Tenant, known: Clients) -> None:
    changes = {"name": "  Gamma Textile SAS ", "siren": "732 829 320", "vat_id": "fr 44 732829320",
               "email": "Paie@Gamma.Example", "phone": "+33 1 23 45 67 89", "contact_name": "Mme Roux",
               "address": "1 rue des Lilas\n75001 Paris", "credit_limit": 12_500_00}  # fmt: skip
    with unit_of_work(runtime.session_factory) as session:
        service.update_client(session, who(tenant), known.gamma, changes)

    with unit_of_work(runtime.session_factory) as session:
        client = session.get(Client, known.gamma)
        assert client is not None
        assert (client.name, client.name_key, client.siren, client.vat_id, client.email, client.phone,
                client.contact_name, client.address, client.credit_limit) == (
            "Gamma Textile SAS", "gamma textile sas", "732829320", "FR44732829320", "Paie@gamma.example",
            "+33 1 23 45 67 89", "Mme Roux", "1 rue des Lilas\n75001 Paris", 12_500_00,
        )  # fmt: skip
        logged = session.query(AuditLog).filter_by(object_id=known.gamma).one()
        assert (logged.action, logged.data["fields"]) == ("client.updated", sorted(changes))


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"name": "   "}, {"name": FieldError.required}),
        ({"name": "x" * 301}, {"name": FieldError.too_long}),
        ({"email": "pas-une-adresse"}, {"email": FieldError.email}),
        ({"phone": "12 34"}, {"phone": FieldError.phone}),
        ({"phone": "01 23 45 67 89 (standard)"}, {"phone": FieldError.phone}),
        ({"siren": "732 829 321"}, {"siren": FieldError.siren}),
        ({"vat_id": "FR00732829320"}, {"vat_id": FieldError.vat}),
        ({"credit_limit": -1}, {"credit_limit": FieldError.amount}),
        ({"name": "Ok", "email": "a@b"}, {"email": FieldError.email}),
    ],
)
def test_a_wrong_value_changes_nothing(
    runtime: Runtime,
    tenant: Tenant,
    known: Clients,
    changes: dict[str, object],
    errors: dict[str, FieldError],
) -> None:
    with unit_of_work(runtime.session_factory) as session, pytest.raises(service.InvalidClient) as refused:
        service.update_client(session, who(tenant), known.alpha, changes)

    assert refused.value.fields == errors
    with unit_of_work(runtime.session_factory) as session:
        client = session.get(Client, known.alpha)
        assert client is not None
        assert (client.name, client.email, client.phone, client.siren, client.credit_limit) == (
            "Alpha Conseil",
            "compta@alpha.example",
            None,
            "732829320",
            5_000_00,
        )
        assert session.query(AuditLog).filter_by(object_id=known.alpha).count() == 0


def test_empty_optional_fields_are_cleared(runtime: Runtime, tenant: Tenant, known: Clients) -> None:
    with unit_of_work(runtime.session_factory) as session:
        service.update_client(
            session, who(tenant), known.alpha, {"email": "", "siren": " ", "credit_limit": None}
        )

    with unit_of_work(runtime.session_factory) as session:
        client = session.get(Client, known.alpha)
        assert client is not None
        assert (client.email, client.siren, client.credit_limit) == (None, None, None)


def test_unknown_client_id(runtime: Runtime, tenant: Tenant) -> None:
    with unit_of_work(runtime.session_factory) as session, pytest.raises(NotFound):
        service.client_row(session, who(tenant), uuid.uuid4())
