from __future__ import annotations

import asyncio
import contextvars
import json
import threading
import uuid
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Receive, Scope, Send

from api.deps import CurrentPrincipal, DbSession, get_runtime
from api.errors import PayloadTooLarge
from api.pagination import Offset
from api.provider_events import service
from api.provider_events.schemas import InboxEventOut, InboxPage, WebhookAck, WebhookSecretIn
from api.provider_events.tasks import wake_drain
from api.request_log import RequestLog
from api.runtime import Runtime

webhooks = APIRouter(prefix="/webhooks", tags=["webhooks"])
router = APIRouter(prefix="/api/v1", tags=["webhooks"])

MAX_WEBHOOK_BYTES = 2 * 1024 * 1024  # 250 GoCardless events fit many times over
# Deliveries being stored at once in a process (the others wait their turn in the event loop). The work is
# short and mostly Python: with the default pool of 40 threads they only contend for the GIL, and the
# benchmark took 15 % more deliveries a second with 8.
INTAKE_THREADS = 8
_POOL: list[ThreadPoolExecutor] = []
_POOL_LOCK = threading.Lock()


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
    ack = await _in_thread(runtime, provider, endpoint_id, body, signature)
    return JSONResponse({"received": ack.received, "new": ack.new})


async def _in_thread(
    runtime: Runtime, provider: str, endpoint_id: str, body: bytes, signature: str | None
) -> service.Intake:
    """`_receive` on the intake's own threads, with the request's context (its request id in the logs).
    A plain executor: anyio's `to_thread` hands work over through a `queue.Queue`, whose Python condition
    variable was 9 % of the server's CPU per delivery in the benchmark's profile."""
    if not _POOL:
        with _POOL_LOCK:
            if not _POOL:
                _POOL.append(ThreadPoolExecutor(INTAKE_THREADS, thread_name_prefix="encaisse-intake"))
    context = contextvars.copy_context()
    work = partial(context.run, _receive, runtime, provider, endpoint_id, body, signature)
    return await asyncio.get_running_loop().run_in_executor(_POOL[0], work)


def _receive(
    runtime: Runtime, provider: str, endpoint_id: str, body: bytes, signature: str | None
) -> service.Intake:
    """The delivery's own unit of work, in one trip to the thread pool (the `DbSession` dependency would
    add two more): committed before the answer is sent, so a failed commit is a 5xx and the provider
    retries; then a drain of the inbox is made sure of. On PostgreSQL the events are stored by one
    statement, committed on its own (`Runtime.intake_session_factory`)."""
    session = runtime.intake_session_factory()
    try:
        ack = service.receive_webhook(
            session, provider, endpoint_id, body, signature, secret_key=runtime.settings.secret_key
        )
        # What the session began is committed. The usual delivery on PostgreSQL began nothing (its one
        # statement committed on its own, on a connection of its own), and committing a session that
        # began nothing still costs ~30 µs of SQLAlchemy bookkeeping, as much as the statement's trip.
        if session.in_transaction():
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    wake_drain(runtime.intake_session_factory)
    return ack


# --- the same deliveries, taken before the application's middleware and routing ---------------------------

PROVIDERS = ("stripe", "gocardless")
SIGNATURE_HEADERS = {"stripe": b"stripe-signature", "gocardless": b"webhook-signature"}
ExceptionHandler = Callable[[Request, Any], Response | Awaitable[Response]]


class WebhookFastPath:
    """`POST /webhooks/{provider}/{endpoint_id}`, answered by a plain ASGI handler in front of the app:
    FastAPI's routing, dependency solving and the middleware that has nothing to do with a delivery were
    about a third of the server's CPU per delivery in the benchmark's profile. What applies still does: the
    request log with its request id (`RequestLog` around the handler), the security headers (installed
    outside this), the same errors as the routes (the app's own exception handlers). Everything else goes
    to the app, which keeps the routes above for the same requests (the OpenAPI document, and a mounted
    app without this in front)."""

    def __init__(self, app: ASGIApp, *, api: FastAPI) -> None:
        self.app = app
        self.api = api
        self.logged = RequestLog(self._deliver)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and _webhook_route(scope["path"]):
            await self.logged(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _deliver(self, scope: Scope, receive: Receive, send: Send) -> None:
        provider, endpoint_id = _webhook_route(scope["path"]) or ("", "")
        try:
            body = await _read_body(receive)
            signature = _header(scope, SIGNATURE_HEADERS[provider])
            runtime: Runtime = self.api.state.runtime
            ack = await _in_thread(runtime, provider, endpoint_id, body, signature)
        except Exception as exc:
            handler = _handler_for(self.api.exception_handlers, exc)
            if handler is None:
                raise
            response = handler(Request(scope, receive), exc)
            if not isinstance(response, Response):
                response = await response
            await response(scope, receive, send)
            return
        answer = json.dumps({"received": ack.received, "new": ack.new}, separators=(",", ":")).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(answer)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": answer})


def _webhook_route(path: str) -> tuple[str, str] | None:
    """(provider, endpoint id) of a delivery's path, as the routes above match it."""
    parts = path.split("/")
    if len(parts) == 4 and parts[1] == "webhooks" and parts[2] in PROVIDERS and parts[3]:
        return parts[2], parts[3]
    return None


async def _read_body(receive: Receive) -> bytes:
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        body += message.get("body", b"")
        if len(body) > MAX_WEBHOOK_BYTES:
            raise PayloadTooLarge("The webhook body is larger than 2 MiB.")
        if not message.get("more_body", False):
            return bytes(body)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            text: str = value.decode("latin-1")
            return text
    return None


def _handler_for(handlers: Mapping[Any, ExceptionHandler], exc: Exception) -> ExceptionHandler | None:
    """The handler the app's ExceptionMiddleware would pick: the first class of the exception's MRO."""
    for cls in type(exc).__mro__:
        if cls in handlers:
            return handlers[cls]
    return None


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
