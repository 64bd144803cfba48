from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool

from api.db import unit_of_work
from api.deps import CurrentPrincipal, DbSession, get_runtime
from api.errors import PayloadTooLarge
from api.provider_events import service
from api.provider_events.schemas import InboxEventOut, InboxPage, WebhookAck, WebhookSecretIn
from api.runtime import Runtime

webhooks = APIRouter(prefix="/webhooks", tags=["webhooks"])
router = APIRouter(prefix="/api/v1", tags=["webhooks"])

MAX_WEBHOOK_BYTES = 2 * 1024 * 1024  # 250 GoCardless events fit many times over


async def _raw_body(request: Request) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_WEBHOOK_BYTES:
            raise PayloadTooLarge("The webhook body is larger than 2 MiB.")
    return bytes(body)


@webhooks.post(
    "/stripe/{endpoint_id}", response_model=WebhookAck, responses={400: {}, 401: {}, 404: {}, 503: {}}
)
async def stripe_webhook(endpoint_id: str, request: Request) -> WebhookAck:
    """Stripe-Signature checked on the raw body (300 s tolerance); stored once, processed by a job."""
    body = await _raw_body(request)
    signature = request.headers.get("stripe-signature")
    return await run_in_threadpool(_receive, get_runtime(request), "stripe", endpoint_id, body, signature)


@webhooks.post(
    "/gocardless/{endpoint_id}", response_model=WebhookAck, responses={400: {}, 404: {}, 498: {}, 503: {}}
)
async def gocardless_webhook(endpoint_id: str, request: Request) -> WebhookAck:
    """Webhook-Signature (HMAC-SHA256 of the body) checked; up to 250 events, each stored once."""
    body = await _raw_body(request)
    signature = request.headers.get("webhook-signature")
    return await run_in_threadpool(_receive, get_runtime(request), "gocardless", endpoint_id, body, signature)


def _receive(
    runtime: Runtime, provider: str, endpoint_id: str, body: bytes, signature: str | None
) -> WebhookAck:
    """The delivery's own unit of work, in one trip to the thread pool (the `DbSession` dependency would
    add two more): committed before the answer is sent, so a failed commit is a 5xx and the provider
    retries; the jobs are dispatched once the commit succeeded."""
    with unit_of_work(runtime.session_factory) as session:
        intake = service.receive_webhook(
            session, provider, endpoint_id, body, signature, secret_key=runtime.settings.secret_key
        )
    return WebhookAck(received=intake.received, new=intake.new)


@router.get("/provider-events", response_model=InboxPage)
def list_events(
    db: DbSession,
    principal: CurrentPrincipal,
    status: Annotated[str | None, Query(pattern="^(received|processed|ignored|unmatched|failed)$")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
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
