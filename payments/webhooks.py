"""Webhook verification: raw body + signature header + endpoint secret → normalised `ProviderEvent`s.

The first step of "verify → inbox → enqueue → 2xx". Verify the signature on the raw bytes, before any JSON
parsing; an empty secret means the endpoint is disabled and every delivery is refused. Failures raise
`WebhookRejected` carrying the HTTP status the endpoint answers with:
- Stripe: 401 for a missing, invalid or expired signature (or no secret), 400 for a signed body that is
  not an event;
- GoCardless: 498 ("Token Invalid", as GoCardless asks) for a bad signature (or no secret), 400 for a
  signed body that is not a batch of at most 250 events.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import time
from collections.abc import Mapping
from typing import Any

import stripe

from payments.events import MalformedEvent, ProviderEvent, normalise_gocardless, normalise_stripe

STRIPE_TOLERANCE_SECONDS = 300  # Stripe's own default
GOCARDLESS_MAX_EVENTS = 250  # per delivery, documented by GoCardless

STRIPE_BAD_SIGNATURE = 401
GOCARDLESS_BAD_SIGNATURE = 498
MALFORMED = 400
MAX_DEPTH = 32  # Stripe's events nest about ten levels deep
MAX_STRING = 10_000  # characters of any key or string value (Stripe's longest fields are about 5,000)


class WebhookRejected(Exception):
    """A delivery we refuse; `status` is the HTTP answer, `reason` is for our logs (never for the caller)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"{status}: {reason}")
        self.status = status
        self.reason = reason


# --- Stripe --------------------------------------------------------------------------------------------


def verify_stripe(
    payload: bytes,
    signature_header: str | None,
    secret: str,
    *,
    tolerance: int = STRIPE_TOLERANCE_SECONDS,
    now: int | None = None,
) -> ProviderEvent:
    """Check `Stripe-Signature: t=…,v1=…[,v1=…]` with the SDK, then the age of `t` against `now`."""
    if not secret.strip():
        raise WebhookRejected(STRIPE_BAD_SIGNATURE, "the Stripe webhook secret is empty: endpoint disabled")
    if not signature_header:
        raise WebhookRejected(STRIPE_BAD_SIGNATURE, "no Stripe-Signature header")
    if not signature_header.isascii():  # the SDK's compare_digest raises TypeError on non-ASCII text
        raise WebhookRejected(STRIPE_BAD_SIGNATURE, "the Stripe-Signature header is not ASCII")
    try:
        body = payload.decode("utf-8")
    except UnicodeDecodeError as err:
        raise WebhookRejected(MALFORMED, "the Stripe payload is not UTF-8") from err
    try:
        # The SDK's age check reads the wall clock; ours below takes `now`, so the SDK checks only the HMAC.
        stripe.WebhookSignature.verify_header(body, signature_header, secret, tolerance=None)
    except stripe.SignatureVerificationError as err:
        raise WebhookRejected(STRIPE_BAD_SIGNATURE, f"Stripe signature: {err.user_message or err}") from err
    timestamp = _stripe_timestamp(signature_header)
    current = int(time.time()) if now is None else now
    if timestamp < current - tolerance:  # same rule as the SDK; Stripe sets no upper bound
        raise WebhookRejected(
            STRIPE_BAD_SIGNATURE, f"Stripe signature timestamp {timestamp} is older than {tolerance} s"
        )
    event = _json_object(body, "Stripe")
    try:
        return normalise_stripe(event)
    except MalformedEvent as err:
        raise WebhookRejected(MALFORMED, f"Stripe payload: {err}") from err


def _stripe_timestamp(header: str) -> int:
    # verify_header already parsed this header successfully, so `t` is present and an integer.
    for item in header.split(","):
        key, _, value = item.partition("=")
        if key.strip() == "t":
            return int(value)
    raise WebhookRejected(STRIPE_BAD_SIGNATURE, "no timestamp in the Stripe-Signature header")


# --- GoCardless ----------------------------------------------------------------------------------------


def verify_gocardless(payload: bytes, signature_header: str | None, secret: str) -> list[ProviderEvent]:
    """Check `Webhook-Signature: hex(HMAC-SHA256(secret, body))`, then normalise every event of the batch.

    Same check as `gocardless_pro.webhooks.parse` (HMAC-SHA256 hex, `hmac.compare_digest`), done here
    because parse fails with a TypeError on a missing or non-ASCII header and returns SDK `Event`
    objects where we keep the raw dicts.
    """
    if not secret.strip():
        raise WebhookRejected(
            GOCARDLESS_BAD_SIGNATURE, "the GoCardless webhook secret is empty: endpoint disabled"
        )
    if not signature_header:
        raise WebhookRejected(GOCARDLESS_BAD_SIGNATURE, "no Webhook-Signature header")
    if not signature_header.isascii():
        raise WebhookRejected(GOCARDLESS_BAD_SIGNATURE, "the Webhook-Signature header is not ASCII")
    expected = hmac.new(secret.encode("utf-8"), payload, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode("ascii"), signature_header.strip().encode("utf-8")):
        raise WebhookRejected(GOCARDLESS_BAD_SIGNATURE, "GoCardless signature does not match the body")
    try:
        body = payload.decode("utf-8")
    except UnicodeDecodeError as err:
        raise WebhookRejected(MALFORMED, "the GoCardless payload is not UTF-8") from err
    document = _json_object(body, "GoCardless")
    events = document.get("events")
    if not isinstance(events, list):
        raise WebhookRejected(MALFORMED, "GoCardless payload has no `events` list")
    if len(events) > GOCARDLESS_MAX_EVENTS:
        raise WebhookRejected(
            MALFORMED, f"GoCardless payload has {len(events)} events, more than {GOCARDLESS_MAX_EVENTS}"
        )
    normalised = []
    for index, event in enumerate(events):
        if not isinstance(event, Mapping):
            raise WebhookRejected(MALFORMED, f"GoCardless event #{index} is not an object")
        try:
            normalised.append(normalise_gocardless(event))
        except MalformedEvent as err:
            raise WebhookRejected(MALFORMED, f"GoCardless event #{index}: {err}") from err
    return normalised


# --- shared --------------------------------------------------------------------------------------------


def _json_object(body: str, provider: str) -> dict[str, Any]:
    """Strict JSON: NaN and Infinity (which Python's json reads) and the NUL character are no JSON a
    provider sends, and a database cannot store them (PostgreSQL's jsonb refuses both). Bounded: nested at
    most MAX_DEPTH deep (looked at before parsing), no string longer than MAX_STRING characters. A number too
    large for a float (1e400) is kept as its text, so that it is stored as sent and refused where it is read
    (`payments.events`: an amount that is no amount)."""
    depth = _depth(body)
    if depth > MAX_DEPTH:
        raise WebhookRejected(MALFORMED, f"the {provider} payload is nested deeper than {MAX_DEPTH} levels")
    try:
        document = json.loads(body, parse_constant=_not_json, parse_float=_float_or_text)
    except (ValueError, RecursionError) as err:
        raise WebhookRejected(MALFORMED, f"the {provider} payload is not JSON") from err
    if not isinstance(document, dict):
        raise WebhookRejected(MALFORMED, f"the {provider} payload is not a JSON object")
    problem = _bad_string(document)
    if problem:
        raise WebhookRejected(MALFORMED, f"the {provider} payload {problem}")
    return document


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


def _float_or_text(text: str) -> float | str:
    value = float(text)
    return value if math.isfinite(value) else text


# A JSON string (escapes included), to be blanked out before the brackets are counted.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


def _depth(body: str) -> int:
    """How deep the document nests (strings left out), stopping as soon as it passes MAX_DEPTH."""
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_JSON_STRING.sub('""', body)):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                break
    return deepest


def _bad_string(document: Any) -> str | None:
    """What is wrong with a key or string value (NUL, length), if anything. Iterative."""
    pending = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return "contains a NUL character"
            if len(value) > MAX_STRING:
                return f"has a string longer than {MAX_STRING} characters"
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return None
