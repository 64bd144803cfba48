"""Local stateful fakes of the payment providers, for driving the real SDKs through our adapters.

    with running_fake_stripe() as stripe_fake:
        provider = StripeProvider(ProviderConfig("stripe", stripe_fake.api_key, base_url=stripe_fake.url))

Both bind 127.0.0.1 on an ephemeral port, keep state in memory, and offer test-control routes under
`/_test/` (pay a checkout, fulfil a billing request, advance a payment, configure webhooks, inject faults).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

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


__all__ = [
    "Delivery",
    "FakeGoCardless",
    "FakeServer",
    "FakeStripe",
    "Request",
    "running_fake_gocardless",
    "running_fake_stripe",
]
