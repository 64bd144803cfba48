"""What the application asks of a payment provider. Adapters map their SDKs onto it."""

from __future__ import annotations

from typing import Protocol

from payments.types import (
    CheckoutRequest,
    Collection,
    CollectionRequest,
    HostedRedirect,
    InstalmentPlan,
    InstalmentPlanRequest,
    Mandate,
    MandateRequest,
    Provider,
)


class PaymentProvider(Protocol):
    """Every call has a timeout and a deterministic idempotency key derived from our ids; failures raise
    RetryableProviderError or FinalProviderError, never an SDK exception."""

    name: Provider

    def create_checkout(self, request: CheckoutRequest) -> HostedRedirect: ...

    def create_mandate_flow(self, request: MandateRequest) -> HostedRedirect: ...

    def get_mandate(self, reference: str) -> Mandate: ...

    def cancel_mandate(self, reference: str) -> Mandate: ...

    def collect(self, request: CollectionRequest) -> Collection: ...

    def create_instalment_plan(self, request: InstalmentPlanRequest) -> InstalmentPlan: ...
