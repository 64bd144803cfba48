"""No request forgery through provider settings: a tenant never chooses the address the server sends its
provider key to. Only the server's settings (ENCAISSE_STRIPE_API_BASE / ENCAISSE_GOCARDLESS_API_BASE, for
local fakes) may move the SDKs off the providers' official hosts, and never in production."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli
from api.db import unit_of_work
from api.models import ProviderAccount
from api.providers import hosts
from api.providers import service as providers
from api.runtime import Runtime
from api.settings import Settings
from tests.conftest import make_settings
from tests.factories import Tenant, create_tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeGoCardless
from tests.support.web import log_in
from tests.support.webhooks import enable_webhooks, inbox, send_gocardless

STRIPE_KEY = "sk_live_" + "k" * 24 + "LIVE"
GOCARDLESS_TOKEN = "live_" + "t" * 30
PRODUCTION_SECRET = "p" * 48


class Listener:
    """An address a tenant would like the server to call (an internal service, say): records every request."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, str | None]] = []  # (method, path, Authorization)
        requests = self.requests

        class _Handler(BaseHTTPRequestHandler):
            def _record(self) -> None:
                requests.append((self.command, self.path, self.headers.get("Authorization")))
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = do_PUT = _record

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> Listener:
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    with Listener() as running:
        yield running


def accounts(db: Session) -> list[tuple[str, str]]:
    found = [(a.provider, a.secret_hint) for a in db.scalars(select(ProviderAccount))]
    db.commit()
    return found


class TestTenantCannotChooseTheAddress:
    def test_a_base_url_in_the_provider_settings_is_refused_and_nothing_is_stored(
        self, tenant: Tenant, client: TestClient, db: Session, listener: Listener
    ) -> None:
        body = {"secret": GOCARDLESS_TOKEN, "mode": "test", "base_url": listener.url}

        response = client.put("/api/v1/settings/providers/gocardless", headers=tenant.headers, json=body)

        assert response.status_code == 422
        assert "base_url" in response.text  # the client is told which field is not accepted
        assert accounts(db) == []

    def test_a_base_url_does_not_change_an_account_already_configured(
        self, tenant: Tenant, client: TestClient, db: Session, listener: Listener
    ) -> None:
        first = {"secret": "sk_test_" + "a" * 24 + "AAAA", "mode": "test"}
        assert client.put("/api/v1/settings/providers/stripe", headers=tenant.headers, json=first).is_success
        forged = {"secret": "sk_test_" + "b" * 24 + "BBBB", "mode": "test", "base_url": listener.url}

        response = client.put("/api/v1/settings/providers/stripe", headers=tenant.headers, json=forged)

        assert response.status_code == 422
        assert accounts(db) == [("stripe", "…AAAA")]
        shown = client.get("/api/v1/settings/payments", headers=tenant.headers).json()["providers"]
        assert [sorted(account) for account in shown] == [
            ["mode", "provider", "secret_hint", "webhook_enabled", "webhook_url"]
        ]  # no address is shown either: there is none to show

    def test_the_settings_page_form_has_no_address_field(
        self, tenant: Tenant, client: TestClient, db: Session, listener: Listener
    ) -> None:
        log_in(client, tenant)
        page = client.get("/settings/payments")

        assert page.status_code == 200
        assert 'name="base_url"' not in page.text
        assert listener.url not in page.text


@pytest.mark.usefixtures("quick_providers")
def test_a_signed_event_never_makes_the_server_call_a_tenant_chosen_address(
    capture: Capture, tenant: Tenant, client: TestClient, fake_gocardless: FakeGoCardless, listener: Listener
) -> None:
    """The measured attack: the tenant's key and a forged address, then a signed event about a payment we do
    not know, which makes the server look the payment up at the provider."""
    path = enable_webhooks(client, tenant, "gocardless", fake_gocardless)  # the server's fake, by setting
    forged = {"secret": fake_gocardless.access_token, "mode": "test", "base_url": listener.url}
    refused = client.put("/api/v1/settings/providers/gocardless", headers=tenant.headers, json=forged)
    event = {
        "id": "EVSSRF0001", "created_at": "2026-12-07T09:00:00.000Z", "resource_type": "payments",
        "action": "confirmed", "links": {"payment": "PMSSRF0001"},
        "details": {"origin": "gocardless", "cause": "payment_confirmed", "description": "confirmed"},
        "metadata": {}, "resource_metadata": {},
    }  # fmt: skip

    answer = send_gocardless(client, path, [event])
    capture.wait()

    assert refused.status_code == 422
    assert answer.status_code == 200
    assert answer.json()["new"] == 1
    assert [row["event_id"] for row in inbox(client, tenant)["items"]] == ["EVSSRF0001"]
    assert listener.requests == []  # the forged address was never called
    # The lookup went where the server's setting points (in production: GoCardless's own API).
    lookups = fake_gocardless.requests_to("GET", "/payments/PMSSRF0001")
    assert lookups
    assert lookups[0].headers["authorization"] == f"Bearer {fake_gocardless.access_token}"


class TestProduction:
    def test_the_api_base_settings_are_refused_in_production(self) -> None:
        for name in ("stripe_api_base", "gocardless_api_base"):
            with pytest.raises(ValidationError, match="refused in production"):
                Settings(_env_file=None, env="production", secret_key=PRODUCTION_SECRET,  # type: ignore[call-arg]
                         **{name: "http://127.0.0.1:9"})  # fmt: skip

    def test_the_server_refuses_to_start_in_production_with_an_api_base(self, tmp_path: Path) -> None:
        env = {"ENCAISSE_ENV": "production", "ENCAISSE_SECRET_KEY": PRODUCTION_SECRET,
               "ENCAISSE_GOCARDLESS_API_BASE": "http://127.0.0.1:9"}  # fmt: skip

        result = CliRunner().invoke(cli, ["db", "upgrade", "--data-dir", str(tmp_path)], env=env)

        assert result.exit_code == 1
        assert "ENCAISSE_GOCARDLESS_API_BASE" in result.output
        assert "refused in production" in result.output
        assert not (tmp_path / "encaisse.db").exists()

    def test_outside_production_an_api_base_must_be_an_http_address(self) -> None:
        with pytest.raises(ValidationError):
            Settings(_env_file=None, env="test", secret_key=PRODUCTION_SECRET,  # type: ignore[call-arg]
                     stripe_api_base="file:///etc/passwd")  # fmt: skip

    def test_in_production_the_sdks_are_pointed_at_the_official_hosts(
        self, tmp_path: Path, database_url: str
    ) -> None:
        settings = make_settings(
            tmp_path / "data", database_url, env="production", secret_key=PRODUCTION_SECRET
        )
        runtime = Runtime.build(settings)
        try:
            with unit_of_work(runtime.session_factory) as session:
                tenant = create_tenant(session, name="Imprimerie Roux")
            with TestClient(create_app(settings, runtime=runtime)) as client:
                keys = (("stripe", STRIPE_KEY, "live"), ("gocardless", GOCARDLESS_TOKEN, "live"))
                for provider, secret, mode in keys:
                    answer = client.put(f"/api/v1/settings/providers/{provider}", headers=tenant.headers,
                                        json={"secret": secret, "mode": mode})  # fmt: skip
                    assert answer.status_code == 200, answer.text
            # Even a setting slipped in after start (not through validation) is ignored in production.
            settings.stripe_api_base = settings.gocardless_api_base = "http://127.0.0.1:9"
            with runtime.session_factory() as session:
                stripe = providers.adapter(session, settings.secret_key, tenant.organisation_id, "stripe")
                gocardless = providers.adapter(
                    session, settings.secret_key, tenant.organisation_id, "gocardless"
                )
        finally:
            runtime.close()

        assert hosts.api_base("stripe") is None
        assert hosts.api_base("gocardless") is None
        stripe_addresses = stripe._client._requestor._options.base_addresses  # type: ignore[attr-defined]
        assert stripe_addresses["api"] == "https://api.stripe.com"
        assert gocardless._client._api_client.base_url == "https://api.gocardless.com"  # type: ignore[attr-defined]

    def test_outside_production_the_servers_setting_is_used(
        self, settings: Settings, runtime: Runtime
    ) -> None:
        settings.gocardless_api_base = "http://127.0.0.1:9"

        assert hosts.api_base("gocardless") == "http://127.0.0.1:9"
        assert hosts.api_base("stripe") is None  # not set: Stripe's own API
