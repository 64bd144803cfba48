"""One log line per HTTP request, with a request id (taken from `x-request-id` or made) bound to every log
line the request writes and sent back in the `x-request-id` header.

A plain ASGI middleware: Starlette's `BaseHTTPMiddleware` (what `@app.middleware("http")` builds) runs the
rest of the app in a task and pipes the response through memory streams, which was about a sixth of the
server's CPU per webhook delivery in the benchmark's profile."""

from __future__ import annotations

import json
import time
import uuid

import structlog
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.logging import get_logger

log = get_logger("api.http")
UNEXPECTED_LOGGED = "encaisse.unexpected_logged"  # a scope key


class RequestLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _header(scope, b"x-request-id") or uuid.uuid4().hex
        started = time.perf_counter()
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["x-request-id"] = request_id
            await send(message)

        scope.setdefault("state", {})["request_id"] = request_id  # request.state.request_id, for pages
        structlog.contextvars.bind_contextvars(request_id=request_id)
        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # Unhandled: logged here, while the request id is bound; answered here when nothing was sent
            # yet (a web page's error handler has already sent the styled page). Raised on, as Starlette
            # does, for the server's own log and for test clients; `scope[UNEXPECTED_LOGGED]` tells the
            # app's last-resort handler not to log it twice.
            log.exception("request.unexpected_error", method=scope["method"], path=scope["path"],
                          request_id=request_id)  # fmt: skip
            scope[UNEXPECTED_LOGGED] = True
            if status == 0:
                await _internal_error(send_with_id)
            raise
        finally:
            structlog.contextvars.unbind_contextvars("request_id")
            log.info(
                "request",
                method=scope["method"],
                path=scope["path"],
                status=status,
                ms=round((time.perf_counter() - started) * 1000, 1),
                request_id=request_id,
            )


async def _internal_error(send: Send) -> None:
    body = json.dumps({"error": "internal_error", "detail": "An unexpected error occurred."}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 500, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            text: str = value.decode("latin-1")
            return text
    return None
