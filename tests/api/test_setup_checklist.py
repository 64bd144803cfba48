"""The set-up checklist (api/setup): each item done by what the real services store, on SQLite and
PostgreSQL; scoped to the organisation; read in a fixed number of queries; hidden and brought back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from api.db import unit_of_work
from api.dunning import configuration
from api.dunning import policy as dunning_policy
from api.mail import service as mail
from api.organisations import service as organisations
from api.organisations.service import Principal
from api.providers import service as providers
from api.runtime import Runtime
from api.setup import policy, service
from api.setup.policy import Checklist, Facts
from tests.api.reports import builders as b
from tests.factories import Tenant

NOTHING = Facts(legal_name=None, siren=None, has_iban=False, has_provider=False, dunning_saved=False,
                has_invoice=False, hidden=False)  # fmt: skip
EVERYTHING = Facts(legal_name="Boulangerie Martin SAS", siren="732829320", has_iban=True, has_provider=True,
                   dunning_saved=True, has_invoice=True, hidden=False)  # fmt: skip
IDENTITY = {"legal_name": "Boulangerie Martin SAS", "siren": "732 829 320"}
IBAN = "FR76 3000 6000 0112 3456 7890 189"


def principal(tenant: Tenant) -> Principal:
    return Principal(organisation_id=tenant.organisation_id, label="test")


def states(checklist: Checklist) -> dict[str, bool]:
    return {item.key: item.done for item in checklist.items}


def read(runtime: Runtime, tenant: Tenant) -> Checklist:
    with unit_of_work(runtime.session_factory) as session:
        return service.checklist(session, runtime.settings, principal(tenant))


def connect_gocardless(session: Session, who: Principal, secret_key: str) -> None:
    providers.set_credentials(session, who, secret_key, provider="gocardless", secret="sandbox_token_0123",
                              mode="test")  # fmt: skip


def change(runtime: Runtime, action: Any) -> None:
    with unit_of_work(runtime.session_factory) as session:
        action(session)


@contextmanager
def statements(runtime: Runtime) -> Iterator[list[str]]:
    executed: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        executed.append(statement)

    event.listen(runtime.engine, "before_cursor_execute", count)
    try:
        yield executed
    finally:
        event.remove(runtime.engine, "before_cursor_execute", count)


# ------------------------------------------------------------------ the rules, from plain facts


@pytest.mark.parametrize(
    ("facts", "mail", "expected_todo"),
    [
        (NOTHING, "outbox", set(policy.ITEMS)),
        (EVERYTHING, "server", set()),
        (EVERYTHING, "organisation", set()),
        (EVERYTHING, "outbox", {"email"}),  # mail dropped in the outbox folder is not sent
        (Facts(**{**EVERYTHING.__dict__, "siren": None}), "server", {"identity"}),
        (Facts(**{**EVERYTHING.__dict__, "legal_name": ""}), "server", {"identity"}),
        (Facts(**{**EVERYTHING.__dict__, "has_iban": False}), "server", {"bank"}),
        (Facts(**{**EVERYTHING.__dict__, "has_provider": False}), "server", {"providers"}),
        (Facts(**{**EVERYTHING.__dict__, "dunning_saved": False}), "server", {"dunning"}),
        (Facts(**{**EVERYTHING.__dict__, "has_invoice": False}), "server", {"invoices"}),
    ],
)
def test_each_item_is_done_by_its_own_fact(
    facts: Facts, mail: policy.MailMode, expected_todo: set[str]
) -> None:
    checklist = policy.checklist(facts, mail)

    assert [item.key for item in checklist.items] == list(policy.ITEMS)
    assert {key for key, done in states(checklist).items() if not done} == expected_todo
    assert checklist.done_count == len(policy.ITEMS) - len(expected_todo)
    assert checklist.complete == (expected_todo == set())
    assert checklist.shown == (expected_todo != set())


def test_the_email_item_says_where_mail_goes_and_every_item_links_to_its_page() -> None:
    checklist = policy.checklist(NOTHING, "outbox")

    assert {item.key: item.state for item in checklist.items} == {
        **dict.fromkeys(policy.ITEMS, None),
        "email": "outbox",
    }
    assert {item.key: item.href for item in checklist.items} == {
        "identity": "/settings/organisation#identity",
        "bank": "/settings/payments#bank",
        "email": "/settings/email",
        "providers": "/settings/payments",
        "dunning": "/settings/dunning#policy",
        "invoices": "/upload",
    }


@pytest.mark.parametrize(
    ("facts", "shown", "resumable"),
    [
        (NOTHING, True, False),
        (Facts(**{**NOTHING.__dict__, "hidden": True}), False, True),
        (EVERYTHING, False, False),  # all done: gone, with nothing to resume
        (Facts(**{**EVERYTHING.__dict__, "hidden": True}), False, False),
    ],
)
def test_hidden_or_complete_the_list_is_not_shown(facts: Facts, shown: bool, resumable: bool) -> None:
    checklist = policy.checklist(facts, "server")

    assert (checklist.shown, checklist.resumable) == (shown, resumable)


# ------------------------------------------------------------------ through the real services


def test_a_new_organisation_has_everything_to_do(runtime: Runtime, tenant: Tenant) -> None:
    checklist = read(runtime, tenant)

    assert states(checklist) == dict.fromkeys(policy.ITEMS, False)
    assert checklist.shown
    assert next(i for i in checklist.items if i.key == "email").state == "outbox"  # tests set no SMTP host


def test_each_page_that_saves_a_step_ticks_its_item(runtime: Runtime, tenant: Tenant) -> None:
    secret_key = runtime.settings.secret_key
    steps: list[tuple[str, Any]] = [
        ("identity", lambda s: organisations.update_identity(s, principal(tenant), IDENTITY)),
        ("bank", lambda s: providers.update_payment_settings(s, principal(tenant), {"iban": IBAN})),
        ("providers", lambda s: connect_gocardless(s, principal(tenant), secret_key)),
        ("dunning", lambda s: configuration.update_policy(s, principal(tenant), {})),  # saved unchanged
        ("invoices", lambda s: b.invoice(s, tenant, total=120_00, due=date(2026, 12, 31))),
    ]  # fmt: skip
    done: set[str] = set()

    for key, action in steps:
        change(runtime, action)
        done.add(key)
        assert {k for k, v in states(read(runtime, tenant)).items() if v} == done, key

    assert not read(runtime, tenant).complete  # mail still goes to the outbox folder
    runtime.settings.smtp_host = "smtp.example.org"
    checklist = read(runtime, tenant)
    assert checklist.complete
    assert not checklist.shown
    assert next(i for i in checklist.items if i.key == "email").state == "server"


def test_a_saved_sequence_also_counts_as_reviewed(runtime: Runtime, tenant: Tenant) -> None:
    steps = [dunning_policy.step_dict(step) for step in dunning_policy.DEFAULT_STEPS]

    change(runtime, lambda s: configuration.save_sequence(s, principal(tenant), "default", name="Standard",
                                                          steps=steps))  # fmt: skip

    assert states(read(runtime, tenant))["dunning"] is True


def test_payment_settings_saved_without_an_iban_leave_the_bank_item_to_do(
    runtime: Runtime, tenant: Tenant
) -> None:
    change(
        runtime, lambda s: providers.update_payment_settings(s, principal(tenant), {"card_enabled": False})
    )
    change(runtime, lambda s: providers.update_payment_settings(s, principal(tenant), {"iban": ""}))

    assert states(read(runtime, tenant))["bank"] is False


def test_what_another_organisation_saved_never_counts(
    runtime: Runtime, tenant: Tenant, other_tenant: Tenant
) -> None:
    secret_key = runtime.settings.secret_key
    other = principal(other_tenant)
    change(runtime, lambda s: organisations.update_identity(s, other, IDENTITY))
    change(runtime, lambda s: providers.update_payment_settings(s, other, {"iban": IBAN}))
    change(runtime, lambda s: connect_gocardless(s, other, secret_key))
    change(runtime, lambda s: configuration.update_policy(s, other, {}))
    change(runtime, lambda s: b.invoice(s, other_tenant, total=120_00, due=None))
    change(runtime, lambda s: service.hide(s, other))

    mine = read(runtime, tenant)

    assert states(mine) == dict.fromkeys(policy.ITEMS, False)
    assert mine.shown
    assert states(read(runtime, other_tenant)) == {**dict.fromkeys(policy.ITEMS, True), "email": False}


def test_the_facts_are_one_query_however_much_is_stored(runtime: Runtime, tenant: Tenant) -> None:
    """One SELECT of EXISTS tests: more invoices, providers or sequences never mean more queries."""

    def store_a_lot(session: Session) -> None:
        for number in range(30):
            b.invoice(session, tenant, total=10_00 + number, due=None)
        for provider, secret in (("gocardless", "sandbox_token_0123"), ("stripe", "sk_test_0123456789")):
            providers.set_credentials(session, principal(tenant), runtime.settings.secret_key,
                                      provider=provider, secret=secret, mode="test")  # fmt: skip
        steps = [dunning_policy.step_dict(step) for step in dunning_policy.DEFAULT_STEPS]
        for segment in ("default", *dunning_policy.SEGMENTS):
            configuration.save_sequence(session, principal(tenant), segment, name=segment, steps=steps)

    with statements(runtime) as before:
        read(runtime, tenant)
    change(runtime, store_a_lot)
    with statements(runtime) as after:
        checklist = read(runtime, tenant)

    assert [states(checklist)[key] for key in ("invoices", "providers", "dunning")] == [True, True, True]
    selects = [s for s in after if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == len([s for s in before if s.lstrip().upper().startswith("SELECT")])
    assert len(selects) <= 2  # the facts, and where the organisation's mail goes


def test_hidden_then_resumed_and_stored_per_organisation(
    runtime: Runtime, tenant: Tenant, other_tenant: Tenant
) -> None:
    change(runtime, lambda s: service.hide(s, principal(tenant)))

    hidden = read(runtime, tenant)
    assert (hidden.shown, hidden.resumable) == (False, True)
    assert read(runtime, other_tenant).shown

    change(runtime, lambda s: service.resume(s, principal(tenant)))

    assert (read(runtime, tenant).shown, read(runtime, tenant).resumable) == (True, False)


def email_item(checklist: Checklist) -> tuple[bool, str | None]:
    item = next(i for i in checklist.items if i.key == "email")
    return item.done, item.state


def test_email_is_done_once_mail_leaves_through_a_server(runtime: Runtime, tenant: Tenant) -> None:
    """Through api.mail: the organisation's saved server, else the server's, else only the outbox folder."""
    assert email_item(read(runtime, tenant)) == (False, "outbox")

    runtime.settings.tenant_smtp_allow_private = True  # a loopback host, so that no name is looked up
    typed = {
        "host": "127.0.0.1",
        "port": "587",
        "security": "starttls",
        "sender_address": "compta@martin.example",
    }
    change(runtime, lambda s: mail.save(s, runtime.settings, principal(tenant), typed))
    assert email_item(read(runtime, tenant)) == (True, "organisation")

    runtime.settings.tenant_smtp = "deny"  # the operator forbids tenant servers: the saved one is ignored
    assert email_item(read(runtime, tenant)) == (False, "outbox")
    runtime.settings.smtp_host = "smtp.example.org"
    assert email_item(read(runtime, tenant)) == (True, "server")
