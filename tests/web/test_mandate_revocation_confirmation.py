"""Revoking a client's mandate from a public pay page: anyone holding one of the client's links can open the
page, so the page only sends a confirmation link to the mandate's email address; the mandate is revoked when
that link is opened and confirmed. The link works once, expires, and belongs to its client. The real
GoCardless SDK against the local fake, the outbox, on SQLite and PostgreSQL, the clock pinned."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api import clock
from api.db import unit_of_work
from api.models import AuditLog, Mandate, MandateRevocation
from api.runtime import Runtime
from tests.api.mandates.helpers import PAYER_EMAIL, body, outbox, sign_mandate
from tests.api.payment_links.test_checkout import connect
from tests.api.payment_links.test_pay_page import ready_invoice, token_of
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeGoCardless
from tests.support.smtp import Inbox, running_smtp
from tests.support.web import parse, text_of

TODAY = date(2026, 12, 7)
MASKED = "c***@boulangerie-martin.fr"


@pytest.fixture(autouse=True)
def pinned_clock() -> Iterator[None]:
    with clock.pinned(clock.paris_moment(TODAY, hour=10)):
        yield


@pytest.fixture
def signed(
    capture: Capture,
    tenant: Tenant,
    client: TestClient,
    fake_gocardless: FakeGoCardless,
    quick_providers: None,
) -> tuple[str, dict]:
    """The pay token of a ready invoice whose client signed a mandate (active), and the fake's mandate."""
    connect(client, tenant, "gocardless", fake_gocardless)
    token = token_of(ready_invoice(capture, tenant))
    return token, sign_mandate(client, fake_gocardless, token)


def mandate_states(runtime: Runtime, fake: FakeGoCardless, provider_id: str) -> tuple[str, str]:
    """(here, at the provider)"""
    with unit_of_work(runtime.session_factory) as session:
        [mandate] = session.scalars(select(Mandate))
        return mandate.status, fake.one("mandates", provider_id)["status"]


def ask(client: TestClient, token: str) -> str:
    """Press "revoke" on the pay page and confirm there, as the page's form does: returns the page's text."""
    response = client.post(f"/pay/{token}/mandate/revoke", data={"confirm": "yes"}, follow_redirects=False)
    assert response.status_code == 200, response.text
    return text_of(parse(response), "//*[@data-testid='sent-to']")


@pytest.fixture(autouse=True)
def mail_server(runtime: Runtime) -> Iterator[Inbox]:
    """Mail really leaves (a local SMTP server): with only the outbox folder, the page tells the payer no link
    went out (tested below)."""
    with running_smtp() as (inbox, port):
        settings = runtime.settings
        settings.smtp_host, settings.smtp_port, settings.smtp_starttls = "127.0.0.1", port, False
        _MAILBOX["inbox"] = inbox
        yield inbox
    settings.smtp_host = None
    _MAILBOX.clear()


_MAILBOX: dict[str, Inbox] = {}


def links_sent(runtime: Runtime) -> list[str]:
    """The confirmation links in the emails sent so far, as paths."""
    found = []
    for message in [*outbox(runtime), *_MAILBOX["inbox"].parsed()]:
        match = re.search(r"https?://[^/\s]+(/pay/\S+/mandate/revoke/\S+)", body(message))
        if match:
            assert message["To"] == PAYER_EMAIL
            found.append(match.group(1))
    return found


class TestRevocationIsConfirmedByEmail:
    def test_the_page_sends_a_link_and_only_confirming_from_it_revokes(
        self, client: TestClient, runtime: Runtime, fake_gocardless: FakeGoCardless, signed: tuple[str, dict]
    ) -> None:
        token, provider_mandate = signed
        assert "Un lien de confirmation sera envoyé" in client.get(f"/pay/{token}").text

        # When someone on the pay page asks to revoke
        said = ask(client, token)

        # Then the page says where the confirmation went (masked), an email with a link went there, and
        # nothing is revoked yet
        assert MASKED in said
        assert PAYER_EMAIL not in said
        [link] = links_sent(runtime)
        assert link.startswith(f"/pay/{token}/mandate/revoke/")
        assert mandate_states(runtime, fake_gocardless, provider_mandate["id"]) == ("active", "active")

        # When the link is opened: a page with a button, still nothing revoked (a mail scanner may open it)
        opened = client.get(link)
        assert opened.status_code == 200
        assert opened.headers["referrer-policy"] == "no-referrer"
        assert parse(opened).xpath("//button[@data-action='confirm-revocation']")
        assert mandate_states(runtime, fake_gocardless, provider_mandate["id"]) == ("active", "active")

        # When the payer confirms there
        confirmed = client.post(link, data={"confirm": "yes"}, follow_redirects=False)

        # Then the mandate is revoked, at the provider and here
        assert confirmed.status_code == 200
        assert parse(confirmed).xpath("//*[@data-testid='revoked']")
        assert mandate_states(runtime, fake_gocardless, provider_mandate["id"]) == ("cancelled", "cancelled")
        # And who and when are on the audit log; only the link's hash is stored
        code = link.rsplit("/", 1)[1]
        with unit_of_work(runtime.session_factory) as session:
            [revocation] = session.scalars(select(MandateRevocation))
            assert revocation.token_hash == hashlib.sha256(code.encode()).hexdigest()
            assert code not in (revocation.token_hash, revocation.email)
            assert revocation.used_at is not None
            audit = session.scalars(select(AuditLog).order_by(AuditLog.created_at))
            actions = [(a.action, a.actor) for a in audit]
            assert ("mandate.revocation_requested", "payer") in actions
            assert ("mandate.revoked", "payer") in actions

    def test_without_confirmation_nothing_is_revoked(
        self, client: TestClient, runtime: Runtime, fake_gocardless: FakeGoCardless, signed: tuple[str, dict]
    ) -> None:
        token, provider_mandate = signed
        # the page's own confirmation is still asked for before any email
        assert client.post(f"/pay/{token}/mandate/revoke", data={}).status_code == 400
        assert links_sent(runtime) == []
        ask(client, token)
        [link] = links_sent(runtime)

        unconfirmed = client.post(link, data={}, follow_redirects=False)
        guessed = client.post(f"/pay/{token}/mandate/revoke/not-the-code", data={"confirm": "yes"})

        assert unconfirmed.status_code == 400
        assert guessed.status_code == 404
        assert mandate_states(runtime, fake_gocardless, provider_mandate["id"]) == ("active", "active")
        assert fake_gocardless.requests_to("POST", f"/mandates/{provider_mandate['id']}/actions/cancel") == []

    def test_the_link_works_once(
        self, client: TestClient, runtime: Runtime, fake_gocardless: FakeGoCardless, signed: tuple[str, dict]
    ) -> None:
        token, provider_mandate = signed
        ask(client, token)
        [link] = links_sent(runtime)
        assert client.post(link, data={"confirm": "yes"}).status_code == 200

        again = client.post(link, data={"confirm": "yes"})
        reopened = client.get(link)

        assert (again.status_code, reopened.status_code) == (410, 410)
        assert parse(again).xpath("//*[@data-testid='link-problem']")
        cancels = fake_gocardless.requests_to("POST", f"/mandates/{provider_mandate['id']}/actions/cancel")
        assert len(cancels) == 1

    def test_an_expired_link_is_refused_and_revokes_nothing(
        self, client: TestClient, runtime: Runtime, fake_gocardless: FakeGoCardless, signed: tuple[str, dict]
    ) -> None:
        token, provider_mandate = signed
        ask(client, token)
        [link] = links_sent(runtime)

        clock.advance(timedelta(hours=24, minutes=1))
        opened = client.get(link)
        confirmed = client.post(link, data={"confirm": "yes"})

        assert (opened.status_code, confirmed.status_code) == (410, 410)
        assert "expiré" in text_of(parse(confirmed), "//*[@data-testid='link-problem']")
        assert mandate_states(runtime, fake_gocardless, provider_mandate["id"]) == ("active", "active")

    def test_another_clients_pay_token_cannot_confirm(
        self,
        capture: Capture,
        tenant: Tenant,
        client: TestClient,
        runtime: Runtime,
        fake_gocardless: FakeGoCardless,
        signed: tuple[str, dict],
    ) -> None:
        token, provider_mandate = signed
        ask(client, token)
        [link] = links_sent(runtime)
        code = link.rsplit("/", 1)[1]
        other = token_of(ready_invoice(capture, tenant, number="F-2026-0099", buyer="Garage Dupont SA"))

        opened = client.get(f"/pay/{other}/mandate/revoke/{code}")
        confirmed = client.post(f"/pay/{other}/mandate/revoke/{code}", data={"confirm": "yes"})

        assert (opened.status_code, confirmed.status_code) == (404, 404)
        assert mandate_states(runtime, fake_gocardless, provider_mandate["id"]) == ("active", "active")
        # and the link still works for its own client
        assert client.post(link, data={"confirm": "yes"}).status_code == 200

    def test_the_page_cannot_flood_the_mailbox(
        self, client: TestClient, runtime: Runtime, signed: tuple[str, dict]
    ) -> None:
        token, _ = signed
        for _ in range(3):
            ask(client, token)

        refused = client.post(f"/pay/{token}/mandate/revoke", data={"confirm": "yes"})

        assert refused.status_code == 429
        assert len(links_sent(runtime)) == 3


def test_with_mail_only_in_the_outbox_folder_the_payer_is_told_no_link_went_out(
    client: TestClient,
    runtime: Runtime,
    signed: tuple[str, dict],  # type: ignore[type-arg]
) -> None:
    runtime.settings.smtp_host = None  # nothing configured: messages are only written to the outbox folder
    token = signed[0]

    response = client.post(f"/pay/{token}/mandate/revoke", data={"confirm": "yes"}, follow_redirects=False)

    page = parse(response)
    assert "n'a pas pu vous être envoyé" in text_of(page, "//*[@data-testid='not-sent']")
    assert not page.xpath("//*[@data-testid='sent-to']")
