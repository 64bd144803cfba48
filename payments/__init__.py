"""Pure payment-provider layer: one `PaymentProvider` protocol, Stripe and GoCardless adapters on their
official SDKs. Configuration arrives as objects; nothing is set at import time."""

from payments.errors import FinalProviderError, ProviderError, RetryableProviderError
from payments.protocol import PaymentProvider
from payments.types import (
    CheckoutRequest,
    Collection,
    CollectionRequest,
    HostedRedirect,
    InstalmentPlan,
    InstalmentPlanRequest,
    Mandate,
    MandateRequest,
    Money,
    ProviderConfig,
)

__all__ = [
    "CheckoutRequest",
    "Collection",
    "CollectionRequest",
    "FinalProviderError",
    "HostedRedirect",
    "InstalmentPlan",
    "InstalmentPlanRequest",
    "Mandate",
    "MandateRequest",
    "Money",
    "PaymentProvider",
    "ProviderConfig",
    "ProviderError",
    "RetryableProviderError",
]
