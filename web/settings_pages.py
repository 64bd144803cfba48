"""Settings page: payment methods (and why one is hidden), bank details, discount, provider keys and
their webhook endpoints."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import DbSession, get_runtime
from api.errors import BadRequest, Conflict, EncaisseError
from api.organisations import service as organisations
from api.payment_links import service as payment_links
from api.provider_events import service as provider_events
from api.providers import service as providers
from web.common import T, Viewer, render

BOOLEANS = ("card_enabled", "sepa_enabled", "mandate_enabled", "instalments_enabled")
INTEGERS = ("discount_basis_points", "discount_days", "instalments_min_count", "instalments_max_count")
TEXTS = ("account_holder", "iban", "bic", "sepa_provider")


def add_settings_routes(app: FastAPI) -> None:
    @app.get("/settings/payments", response_class=HTMLResponse)
    def payments_page(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        return _page(request, t, db, viewer, errors={})

    @app.post("/settings/payments", response_class=HTMLResponse)
    async def save_payments(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        form = await request.form()
        organisations.check_csrf(viewer, str(form.get("csrf_token", "")))
        values: dict[str, Any] = {name: name in form for name in BOOLEANS}
        values |= {name: (str(form.get(name, "")).strip() or None) for name in TEXTS}
        errors: dict[str, str] = {}
        for name in INTEGERS:
            raw = str(form.get(name, "")).strip()
            if not raw.isdigit():
                errors[name] = t("settings.whole_number")
            else:
                values[name] = int(raw)
        if not errors:
            try:
                providers.update_payment_settings(db, viewer, values)
            except EncaisseError as exc:
                errors["form"] = t.error(exc)
        if errors:
            db.rollback()
            return _page(request, t, db, viewer, errors=errors, status_code=400)
        return RedirectResponse("/settings/payments?saved=1", status_code=303)

    @app.post("/settings/providers/{provider}", response_class=HTMLResponse)
    async def save_provider(request: Request, provider: str, t: T, db: DbSession, viewer: Viewer) -> Response:
        form = await request.form()
        organisations.check_csrf(viewer, str(form.get("csrf_token", "")))
        try:
            providers.set_credentials(
                db, viewer, get_runtime(request).settings.secret_key, provider=provider,
                secret=str(form.get("secret", "")), mode=str(form.get("mode", "test")),
            )  # fmt: skip
        except EncaisseError as exc:
            db.rollback()
            errors = {f"provider_{provider}": t.error(exc)}
            return _page(request, t, db, viewer, errors=errors, status_code=400)
        return RedirectResponse("/settings/payments?saved=1", status_code=303)

    @app.post("/settings/providers/{provider}/webhook", response_class=HTMLResponse)
    async def save_webhook(request: Request, provider: str, t: T, db: DbSession, viewer: Viewer) -> Response:
        form = await request.form()
        organisations.check_csrf(viewer, str(form.get("csrf_token", "")))
        disable = form.get("action") == "disable"
        secret = "" if disable else str(form.get("webhook_secret", "")).strip()
        error = _webhook_error(request, t, db, viewer, provider, secret, disable=disable)
        if error:
            db.rollback()
            return _page(request, t, db, viewer, errors={f"webhook_{provider}": error}, status_code=400)
        return RedirectResponse(f"/settings/payments?saved=1#webhook-{provider}", status_code=303)


def _webhook_error(
    request: Request, t: T, db: DbSession, viewer: Viewer, provider: str, secret: str, *, disable: bool
) -> str | None:
    """Save (or, empty, clear) the endpoint's signing secret; the reason in the reader's language if not."""
    if not secret and not disable:
        return t("settings.webhook_secret_required")
    try:
        secret_key = get_runtime(request).settings.secret_key
        provider_events.set_webhook_secret(db, viewer, secret_key, provider, secret)
    except BadRequest:  # the only one: a secret too short
        return t("settings.webhook_secret_short")
    except Conflict:  # the only one: no key for this provider yet
        return t("settings.webhook_needs_key")
    return None


def _page(
    request: Request, t: T, db: DbSession, viewer: Viewer, *, errors: dict[str, str], status_code: int = 200
) -> Response:
    base = get_runtime(request).settings.base_url
    return render(
        request, t, "settings_payments.html", status_code=status_code, viewer=viewer, errors=errors,
        settings=providers.payment_settings(db, viewer.organisation_id),
        offers=payment_links.offers_for(db, viewer),
        accounts={a.provider: a for a in providers.accounts(db, viewer.organisation_id)},
        saved=request.query_params.get("saved") == "1", base_url=base,
    )  # fmt: skip
