"""The composition root: builds the runtime, the JSON API and mounts the web UI."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp

from api.api_docs import router as api_docs_router
from api.bank.endpoints import router as bank_router
from api.clients.endpoints import router as clients_router
from api.documents.endpoints import router as documents_router
from api.dunning.endpoints import router as dunning_router
from api.error_handlers import install_error_handlers
from api.health import router as health_router
from api.invoices.endpoints import router as invoices_router
from api.layouts.endpoints import router as layouts_router
from api.provider_events.endpoints import WebhookFastPath
from api.provider_events.endpoints import router as events_router
from api.provider_events.endpoints import webhooks as webhooks_router
from api.providers.endpoints import router as settings_router
from api.reports.endpoints import router as reports_router
from api.request_log import RequestLog
from api.runtime import Runtime
from api.security_headers import SecurityHeaders, hsts_wanted
from api.settings import Settings
from api.transactions.endpoints import router as payments_router
from web.app import create_web_app


def create_app(settings: Settings, *, runtime: Runtime | None = None) -> FastAPI:
    """With `runtime`, the caller owns it (tests, CLI); otherwise the app builds and closes its own."""
    owned = runtime is None
    rt = runtime or Runtime.build(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if owned:
            rt.start_embedded_scheduler()
        yield
        if owned:
            rt.close()

    app = FastAPI(
        title="Encaisse",
        version="0.1.0",
        summary="Receivables: invoice capture, payment links, reminders and reconciliation.",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's pages load a CDN and run inline script: api/api_docs.py serves /docs
        redoc_url=None,
    )
    app.state.runtime = rt
    install_error_handlers(app)
    app.add_middleware(RequestLog)
    app.include_router(webhooks_router)  # first: routes are matched in order; deliveries come most often
    app.include_router(health_router)
    app.include_router(documents_router)
    app.include_router(invoices_router)
    app.include_router(layouts_router)
    app.include_router(settings_router)
    app.include_router(events_router)
    app.include_router(payments_router)
    app.include_router(bank_router)
    app.include_router(dunning_router)
    app.include_router(clients_router)
    app.include_router(reports_router)
    app.include_router(api_docs_router)
    app.mount("/", create_web_app(rt))
    _outermost(app, WebhookFastPath, api=app)  # deliveries skip the middleware and routing they do not need
    _outermost(app, SecurityHeaders, hsts=hsts_wanted(settings.public_url))
    return app


def _outermost(app: FastAPI, middleware: Callable[..., ASGIApp], **options: Any) -> None:
    """Wrap the whole stack, Starlette's own error middleware included, so even a 500 page carries
    the security headers (`add_middleware` would sit inside ServerErrorMiddleware)."""
    build = app.build_middleware_stack

    def build_wrapped() -> ASGIApp:
        return middleware(build(), **options)

    app.build_middleware_stack = build_wrapped  # type: ignore[method-assign]
