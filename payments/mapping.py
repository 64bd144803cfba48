"""Each provider's status words mapped to ours (the words documented in payments/types.py).

One table per provider object. A word missing from a table is a provider change we have not reviewed, so
`to_ours` raises instead of guessing: a wrong "confirmed" would stop dunning on an unpaid invoice.
"""

from __future__ import annotations

from collections.abc import Mapping

from payments.errors import FinalProviderError

# --- Stripe --------------------------------------------------------------------------------------------

# Mandate.status: https://docs.stripe.com/api/mandates/object#mandate_object-status
STRIPE_MANDATE: Mapping[str, str] = {
    "pending": "pending",
    "active": "active",
    "inactive": "cancelled",  # detached payment method or revoked by the payer
}

# A SetupIntent that has no mandate yet: the payer has not finished the hosted page.
STRIPE_SETUP_INTENT: Mapping[str, str] = {
    "requires_payment_method": "pending",
    "requires_confirmation": "pending",
    "requires_action": "pending",
    "processing": "pending",
    "succeeded": "active",
    "canceled": "cancelled",
}

# A Checkout Session in setup mode before any SetupIntent exists.
STRIPE_CHECKOUT_SETUP: Mapping[str, str] = {
    "open": "pending",
    "complete": "pending",  # the SetupIntent carries the real state once the session completes
    "expired": "expired",
}

# PaymentIntent.status → Collection.status. SEPA debits sit in `processing` for ~5 business days.
STRIPE_PAYMENT_INTENT: Mapping[str, str] = {
    "requires_payment_method": "failed",  # after a confirm, this is how Stripe reports a failed attempt
    "requires_confirmation": "pending",
    "requires_action": "pending",
    "requires_capture": "pending",
    "processing": "submitted",
    "succeeded": "confirmed",
    "canceled": "cancelled",
}

# --- GoCardless ----------------------------------------------------------------------------------------

GOCARDLESS_MANDATE: Mapping[str, str] = {
    "pending_customer_approval": "pending",
    "pending_submission": "pending",
    "submitted": "pending",
    "active": "active",
    "suspended_by_payer": "cancelled",
    "failed": "failed",
    "blocked": "failed",
    "cancelled": "cancelled",
    "expired": "expired",
    "consumed": "expired",  # a single-use mandate after its payment
}

# A Billing Request whose mandate does not exist yet (the payer has not signed).
GOCARDLESS_BILLING_REQUEST: Mapping[str, str] = {
    "pending": "pending",
    "ready_to_fulfil": "pending",
    "fulfilling": "pending",
    "fulfilled": "pending",  # fulfilled without a mandate request: nothing reusable was signed
    "cancelled": "cancelled",
    "failed": "failed",
}

GOCARDLESS_PAYMENT: Mapping[str, str] = {
    "pending_customer_approval": "pending",
    "pending_submission": "pending",
    "submitted": "submitted",
    "confirmed": "confirmed",
    "paid_out": "confirmed",  # money already confirmed; paid_out only concerns our payout
    "failed": "failed",
    "charged_back": "failed",
    "customer_approval_denied": "failed",
    "cancelled": "cancelled",
}

GOCARDLESS_INSTALMENT_SCHEDULE: Mapping[str, str] = {
    "pending": "pending",
    "active": "active",
    "creation_failed": "errored",
    "completed": "completed",
    "cancelled": "cancelled",
    "errored": "errored",
}


def to_ours(provider: str, table: Mapping[str, str], word: str | None, what: str) -> str:
    if word is None or word not in table:
        raise FinalProviderError(provider, f"unknown {what} status {word!r}", code="unknown_status")
    return table[word]
