"""Local stateful fakes of the payment providers, for driving the real SDKs through our adapters.

    with running_fake_stripe() as stripe_fake:
        provider = StripeProvider(ProviderConfig("stripe", stripe_fake.api_key, base_url=stripe_fake.url))

The service is pointed at them by the server's settings, never by a tenant: `point_settings_at` (in-process
tests) or `api_base_environment` (a served subprocess), i.e. ENCAISSE_STRIPE_API_BASE /
ENCAISSE_GOCARDLESS_API_BASE.

Both bind 127.0.0.1 on an ephemeral port, keep state in memory, and offer test-control routes under
`/_test/` (pay a checkout, fulfil a billing request, advance a payment, configure webhooks, inject faults).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from api.settings import Settings
from tests.support.fakes._http import Delivery, FakeServer, Request
from tests.support.fakes.fake_gocardless import FakeGoCardless
from tests.support.fakes.fake_stripe import FakeStripe


@contextmanager
def running_fake_stripe() -> Iterator[FakeStripe]:
    with FakeStripe() as fake:
        yield fake
    assert fake.crashes == [], f"the fake Stripe crashed: {fake.crashes}"


@contextmanager
def running_fake_gocardless() -> Iterator[FakeGoCardless]:
    with FakeGoCardless() as fake:
        yield fake
    assert fake.crashes == [], f"the fake GoCardless crashed: {fake.crashes}"


def point_settings_at(settings: Settings, fake: FakeStripe | FakeGoCardless) -> None:
    """The server-level setting that sends the provider's SDK calls to `fake` (read at each call)."""
    if isinstance(fake, FakeStripe):
        settings.stripe_api_base = fake.url
    else:
        settings.gocardless_api_base = fake.url


def api_base_environment(*fakes: FakeStripe | FakeGoCardless) -> dict[str, str]:
    """The same setting for an `encaisse` subprocess's environment."""
    return {
        f"ENCAISSE_{'STRIPE' if isinstance(fake, FakeStripe) else 'GOCARDLESS'}_API_BASE": fake.url
        for fake in fakes
    }


__all__ = [
    "Delivery",
    "FakeGoCardless",
    "FakeServer",
    "FakeStripe",
    "Request",
    "api_base_environment",
    "point_settings_at",
    "running_fake_gocardless",
    "running_fake_stripe",
]
