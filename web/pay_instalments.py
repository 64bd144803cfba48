"""Échéancier on the pay page: choose a number of monthly instalments, then sign the mandate."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from api.deps import DbSession, get_runtime
from api.instalments import service as instalments


def start_instalments(request: Request, token: str, db: DbSession, email: str, count: str) -> Response:
    settings = get_runtime(request).settings
    url = instalments.start(
        db,
        token,
        count=count,
        email=email.strip() or None,
        secret_key=settings.secret_key,
        base_url=settings.base_url,
        prenotice_days=settings.sepa_prenotice_days,
        timeout=settings.provider_timeout_seconds,
    )
    return RedirectResponse(url, status_code=303)
