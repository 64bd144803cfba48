"""Checkout Session parameters, typed by stripe-python's own TypedDicts so mypy catches a parameter the API
version removed (endive removed `payment_method_types`; we send `allowed_payment_method_types`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from stripe.params.checkout import SessionCreateParams

from payments.types import CheckoutRequest, MandateRequest

LIFETIME = timedelta(hours=1)
ROUNDING_SECONDS = 15 * 60


def expiry_candidates(now: datetime) -> tuple[int, int]:
    """`expires_at` for a session created now, and the value one rounding step earlier.

    Stripe replays a saved response only when a retry sends the same parameters under the same key, so a
    double click two seconds later must compute the same `expires_at`: we round now + 1 h up to the next
    quarter hour (60 to 75 minutes, inside Stripe's 30 min–24 h window). The earlier value serves a retry
    that lands just after a rounding boundary.
    """
    target = int((now + LIFETIME).timestamp())
    rounded = -(-target // ROUNDING_SECONDS) * ROUNDING_SECONDS
    return rounded, rounded - ROUNDING_SECONDS


def checkout_params(request: CheckoutRequest, expires_at: int) -> SessionCreateParams:
    invoice_ids = ",".join(request.invoice_ids)
    metadata = {
        "organisation_id": request.organisation_id,
        "invoice_ids": invoice_ids,
        "attempt_id": request.attempt_id,
    }
    params: SessionCreateParams = {
        "mode": "payment",
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": request.amount.currency.lower(),
                    "unit_amount": request.amount.amount,
                    "product_data": {"name": request.description},
                },
            }
        ],
        "allowed_payment_method_types": list(request.methods),
        "client_reference_id": invoice_ids,
        "metadata": metadata,
        # Refund and dispute events arrive on the PaymentIntent and its Charge, not on the session.
        "payment_intent_data": {"metadata": metadata, "description": request.description},
        "locale": request.locale,
        "success_url": request.success_url,
        "cancel_url": request.cancel_url,
        "expires_at": expires_at,
    }
    if request.customer_email:
        params["customer_email"] = request.customer_email
    return params


def setup_params(request: MandateRequest, customer_id: str, expires_at: int) -> SessionCreateParams:
    metadata = {
        "organisation_id": request.organisation_id,
        "client_id": request.client_id,
        "attempt_id": request.attempt_id,
        **request.metadata,
    }
    return {
        "mode": "setup",
        "currency": request.currency.lower(),
        "customer": customer_id,
        "allowed_payment_method_types": ["sepa_debit"],
        "metadata": metadata,
        "setup_intent_data": {"metadata": metadata},
        "locale": "fr",
        "success_url": request.redirect_url,
        "cancel_url": request.exit_url,
        "expires_at": expires_at,
    }
