"""stripe-python exceptions → our two error kinds, with a message a person can read (never a traceback)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import stripe

from payments.errors import FinalProviderError, ProviderError, RetryableProviderError

PROVIDER = "stripe"


@contextmanager
def translated_stripe_errors(action: str) -> Iterator[None]:
    """Wrap one SDK call; `action` says what we were doing, for the message ("create the checkout")."""
    try:
        yield
    except stripe.StripeError as err:
        raise translate(err, action) from err


def translate(err: stripe.StripeError, action: str) -> ProviderError:
    status = err.http_status
    detail = _detail(err)
    if isinstance(err, stripe.APIConnectionError):
        # The SDK already retried with the same idempotency key; the caller may retry later, same key.
        return RetryableProviderError(
            PROVIDER, f"could not {action}: Stripe did not answer in time ({detail})"
        )
    if isinstance(err, stripe.RateLimitError) or status == 429:
        return RetryableProviderError(
            PROVIDER, f"could not {action}: rate limited by Stripe", code="rate_limit"
        )
    if status is None or status >= 500:
        return RetryableProviderError(
            PROVIDER, f"could not {action}: Stripe had an internal error (HTTP {status})", code=err.code
        )
    return FinalProviderError(PROVIDER, f"could not {action}: {_final_reason(err, detail)}", code=_code(err))


def _final_reason(err: stripe.StripeError, detail: str) -> str:
    if isinstance(err, stripe.IdempotencyError):
        return f"the idempotency key was already used with other parameters ({detail})"
    if isinstance(err, stripe.CardError):
        return f"the card was declined ({detail})"
    if isinstance(err, stripe.AuthenticationError):
        return "Stripe rejected the secret key (check the organisation's Stripe settings)"
    if isinstance(err, stripe.PermissionError):
        return f"the Stripe key lacks a permission ({detail})"
    return f"Stripe refused the request ({detail})"


def _detail(err: stripe.StripeError) -> str:
    # user_message is Stripe's own one-line explanation from the error body; str(err) adds the request id.
    message = err.user_message or "no message"
    return str(message)


def _code(err: stripe.StripeError) -> str | None:
    if isinstance(err, stripe.IdempotencyError):
        return "idempotency_error"
    return err.code
