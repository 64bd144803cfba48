"""Prélèvement automatique on the pay page: sign a reusable mandate, come back, revoke it."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Form, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import DbSession, get_runtime
from api.mandates import service as mandates


def start_mandate(request: Request, token: str, db: DbSession, email: str) -> Response:
    settings = get_runtime(request).settings
    url = mandates.start(
        db,
        token,
        email=email.strip() or None,
        secret_key=settings.secret_key,
        base_url=settings.base_url,
        timeout=settings.provider_timeout_seconds,
    )
    return RedirectResponse(url, status_code=303)


def add_mandate_routes(app: FastAPI) -> None:
    @app.get("/pay/{token}/mandate/return")
    def returned(request: Request, token: str, db: DbSession) -> Response:
        # Coming back proves nothing: the provider is asked where the mandate stands.
        settings = get_runtime(request).settings
        mandates.refresh_after_return(
            db, token, secret_key=settings.secret_key, timeout=settings.provider_timeout_seconds
        )
        return RedirectResponse(f"/pay/{token}#mandate", status_code=303)

    @app.post("/pay/{token}/mandate/revoke")
    def revoke(request: Request, token: str, db: DbSession, confirm: Annotated[str, Form()] = "") -> Response:
        settings = get_runtime(request).settings
        mandates.revoke(
            db,
            token,
            confirmed=confirm == "yes",
            secret_key=settings.secret_key,
            timeout=settings.provider_timeout_seconds,
        )
        return RedirectResponse(f"/pay/{token}#mandate", status_code=303)
