"""Fakes of both providers, started per test (a fresh state costs a few milliseconds), and adapters on the
real SDKs pointed at them. Client timeouts are short so that "timeout" faults stay quick."""

from __future__ import annotations

import pytest

from api import clock
from payments.gocardless_provider import GoCardlessProvider
from payments.stripe_provider import StripeProvider
from payments.types import ProviderConfig
from tests.support.fakes import FakeGoCardless, FakeStripe

CLIENT_TIMEOUT = 0.5  # seconds; a "timeout" fault holds the answer for FakeServer.fault_delay_seconds (2 s)


def stripe_config(fake: FakeStripe, *, secret: str | None = None) -> ProviderConfig:
    return ProviderConfig(
        provider="stripe", secret=secret or fake.api_key, base_url=fake.url, timeout_seconds=CLIENT_TIMEOUT
    )


def gocardless_config(fake: FakeGoCardless, *, secret: str | None = None) -> ProviderConfig:
    return ProviderConfig(
        provider="gocardless",
        secret=secret or fake.access_token,
        base_url=fake.url,
        timeout_seconds=CLIENT_TIMEOUT,
    )


@pytest.fixture
def stripe_provider(fake_stripe: FakeStripe) -> StripeProvider:
    return StripeProvider(stripe_config(fake_stripe), max_network_retries=1, clock=clock.utc_now)


@pytest.fixture
def gocardless_provider(fake_gocardless: FakeGoCardless) -> GoCardlessProvider:
    return GoCardlessProvider(gocardless_config(fake_gocardless))
