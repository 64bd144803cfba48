from __future__ import annotations

import asyncio
import uuid
from typing import Annotated
from weakref import WeakKeyDictionary

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from api.db import unit_of_work
from api.deps import CurrentPrincipal, DbSession, get_runtime
from api.errors import PayloadTooLarge
from api.pagination import Offset
from api.provider_events import service
from api.provider_events.schemas import InboxEventOut, InboxPage, WebhookAck, WebhookSecretIn
from api.runtime import Runtime

webhooks = APIRouter(prefix="/webhooks", tags=["webhooks"])
router = APIRouter(prefix="/api/v1", tags=["webhooks"])

MAX_WEBHOOK_BYTES = 2 * 1024 * 1024  # 250 GoCardless events fit many times over
# Deliveries being stored at once in a process (the others wait their turn in the event loop). The work is
# short and mostly Python: with the default pool of 40 threads they only contend for the GIL, and the
# benchmark took 15 % more deliveries a second with 8.
INTAKE_THREADS = 8
_LIMITERS: WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = WeakKeyDictionary()


async def _raw_body(request: Request) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_WEBHOOK_BYTES:
            raise PayloadTooLarge("The webhook body is larger than 2 MiB.")
    return bytes(body)


# The raw body is read (its signature is checked before any parsing), so FastAPI cannot document it.
DELIVERY_BODY = {
    "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}
}


@webhooks.post(
    "/stripe/{endpoint_id}",
    response_model=WebhookAck,
    responses={400: {}, 401: {}, 404: {}, 413: {}, 503: {}},
    openapi_extra=DELIVERY_BODY,
)
async def stripe_webhook(endpoint_id: str, request: Request) -> JSONResponse:
    """Stripe-Signature checked on the raw body (300 s tolerance); stored once, processed by a job."""
    body = await _raw_body(request)
    return await _intake(request, "stripe", endpoint_id, body, request.headers.get("stripe-signature"))


@webhooks.post(
    "/gocardless/{endpoint_id}",
    response_model=WebhookAck,
    responses={400: {}, 404: {}, 413: {}, 498: {}, 503: {}},
    openapi_extra=DELIVERY_BODY,
)
async def gocardless_webhook(endpoint_id: str, request: Request) -> JSONResponse:
    """Webhook-Signature (HMAC-SHA256 of the body) checked; up to 250 events, each stored once."""
    body = await _raw_body(request)
    return await _intake(request, "gocardless", endpoint_id, body, request.headers.get("webhook-signature"))


async def _intake(
    request: Request, provider: str, endpoint_id: str, body: bytes, signature: str | None
) -> JSONResponse:
    """The answer is built here rather than by the route's `response_model` (which still documents it):
    validating and serialising a two-field model was a measurable part of a delivery's CPU."""
    runtime = get_runtime(request)
    ack = await anyio.to_thread.run_sync(
        _receive, runtime, provider, endpoint_id, body, signature, limiter=_limiter()
    )
    return JSONResponse({"received": ack.received, "new": ack.new})


def _limiter() -> anyio.CapacityLimiter:
    """One per event loop (the tests run several): a limiter's waiters belong to the loop they wait in."""
    loop = asyncio.get_running_loop()
    if loop not in _LIMITERS:
        _LIMITERS[loop] = anyio.CapacityLimiter(INTAKE_THREADS)
    return _LIMITERS[loop]


def _receive(
    runtime: Runtime, provider: str, endpoint_id: str, body: bytes, signature: str | None
) -> service.Intake:
    """The delivery's own unit of work, in one trip to the thread pool (the `DbSession` dependency would
    add two more): committed before the answer is sent, so a failed commit is a 5xx and the provider
    retries; the jobs are dispatched once the commit succeeded. On PostgreSQL the events and their jobs
    are one statement, committed on its own (`Runtime.intake_session_factory`)."""
    with unit_of_work(runtime.intake_session_factory) as session:
        return service.receive_webhook(
            session, provider, endpoint_id, body, signature, secret_key=runtime.settings.secret_key
        )


@router.get("/provider-events", response_model=InboxPage)
def list_events(
    db: DbSession,
    principal: CurrentPrincipal,
    status: Annotated[str | None, Query(pattern="^(received|processed|ignored|unmatched|failed)$")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> InboxPage:
    """The webhook inbox: every event received, its processing status and last error."""
    rows, total = service.page(db, principal, status=status, limit=limit, offset=offset)
    items = [InboxEventOut.model_validate(r) for r in rows]
    return InboxPage(
        items=items, total=total, counts=service.counts(db, principal), limit=limit, offset=offset
    )


@router.post("/provider-events/{row_id}/retry", response_model=InboxEventOut, responses={404: {}, 409: {}})
def retry_event(row_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal) -> InboxEventOut:
    return InboxEventOut.model_validate(service.retry(db, principal, row_id))


@router.put("/settings/providers/{provider}/webhook", status_code=204, responses={400: {}, 404: {}, 409: {}})
def put_webhook_secret(
    request: Request, provider: str, body: WebhookSecretIn, db: DbSession, principal: CurrentPrincipal
) -> None:
    """The signing secret of this organisation's endpoint at the provider; an empty one disables it."""
    service.set_webhook_secret(db, principal, get_runtime(request).settings.secret_key, provider, body.secret)
