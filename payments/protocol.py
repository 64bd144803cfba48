"""What the application asks of a payment provider. Adapters map their SDKs onto it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Protocol

from payments.events import ProviderEvent
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
    ProviderPayment,
    ScheduleState,
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

    def list_events(self, since: datetime, *, until: datetime | None = None) -> Iterator[ProviderEvent]:
        """Every event created at or after `since` (and at or before `until`), oldest first, for catching
        up on webhooks that never arrived. `since` and `until` are aware datetimes. Every page is read
        before the first event is yielded, so a failure raises before the caller has seen anything; an
        event that is not an event (MalformedEvent) is logged and skipped."""
        ...

    def get_payment(self, reference: str) -> ProviderPayment: ...

    def get_schedule(self, reference: str) -> ScheduleState: ...
