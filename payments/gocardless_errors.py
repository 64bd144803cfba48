"""gocardless_pro exceptions → our two error kinds, with a message a person can read (never a traceback)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
from gocardless_pro import errors as gc_errors

from payments.errors import FinalProviderError, ProviderError, RetryableProviderError

PROVIDER = "gocardless"


@contextmanager
def translated_gocardless_errors(action: str) -> Iterator[None]:
    """Wrap one SDK call; `action` says what we were doing, for the message ("create the payment")."""
    try:
        yield
    except (requests.Timeout, requests.ConnectionError) as err:
        # The client retried creates 3 times with the same key; the caller may retry later, same key.
        raise RetryableProviderError(
            PROVIDER, f"could not {action}: GoCardless did not answer in time", code="timeout"
        ) from err
    except gc_errors.MalformedResponseError as err:
        # A non-JSON answer comes from a proxy or load balancer in front of the API, not from the API.
        raise RetryableProviderError(
            PROVIDER, f"could not {action}: GoCardless answered garbage (HTTP {err.status_code})"
        ) from err
    except gc_errors.ApiError as err:
        raise translate(err, action) from err
    except gc_errors.GoCardlessProError as err:
        raise FinalProviderError(PROVIDER, f"could not {action}: {err}") from err


def translate(err: Any, action: str) -> ProviderError:
    status = err.code if isinstance(err.code, int) else 0
    reason = _reason(err)
    if isinstance(err, gc_errors.RateLimitError) or status == 429:
        return RetryableProviderError(
            PROVIDER, f"could not {action}: rate limited by GoCardless", code="rate_limit"
        )
    if isinstance(err, gc_errors.GoCardlessInternalError) or status >= 500:
        return RetryableProviderError(
            PROVIDER, f"could not {action}: GoCardless had an internal error (HTTP {status})", code=err.type
        )
    if isinstance(err, gc_errors.AuthenticationError):
        return FinalProviderError(
            PROVIDER, f"could not {action}: GoCardless rejected the access token", code=reason
        )
    return FinalProviderError(PROVIDER, f"could not {action}: {_sentence(err)}", code=reason)


def _reason(err: Any) -> str | None:
    for detail in err.errors or []:
        if isinstance(detail, dict) and detail.get("reason"):
            return str(detail["reason"])
    return str(err.type) if err.type else None


def _sentence(err: Any) -> str:
    """GoCardless's message plus each field error: "Validation failed (charge_date must be on or after…)"."""
    details = []
    for detail in err.errors or []:
        if isinstance(detail, dict):
            field = detail.get("field")
            message = detail.get("message", "")
            details.append(f"{field} {message}" if field else str(message))
    message = str(err.message or "GoCardless refused the request")
    return f"{message} ({'; '.join(details)})" if details else message
