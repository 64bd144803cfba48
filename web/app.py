"""The browser UI: login, upload, document list (the home page: web/home.py). Pages call api services only."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Annotated
from urllib.parse import quote

from fastapi import FastAPI, Form, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from api.deps import SESSION_COOKIE, DbSession, get_runtime
from api.documents import service as documents
from api.error_handlers import UNSTORABLE_ERRORS
from api.errors import EncaisseError, Unauthorized
from api.organisations import service as organisations
from api.runtime import Runtime
from web.account_pages import add_account_routes
from web.bank_pages import add_bank_routes
from web.clients_pages import add_client_routes
from web.common import HERE, LoginRequired, T, Viewer, form_csrf_ok, render, translator, with_form_csrf
from web.dunning_pages import add_dunning_routes
from web.dunning_settings import add_dunning_settings_routes
from web.events_pages import add_events_routes
from web.home import add_home_routes
from web.i18n import LANGUAGE_COOKIE, LANGUAGES
from web.invoices import add_invoice_routes
from web.pay import add_pay_routes
from web.settings_email import add_settings_email_routes
from web.settings_identity import add_settings_identity_routes
from web.settings_layouts import add_settings_layouts_routes
from web.settings_pages import add_settings_routes
from web.settings_users import add_settings_users_routes

LOGIN_CSRF_COOKIE = "encaisse_login_csrf"


def create_web_app(runtime: Runtime) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.runtime = runtime
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_handlers(app)
    _add_auth_routes(app)
    _add_page_routes(app)
    add_home_routes(app)
    add_invoice_routes(app)
    add_pay_routes(app)
    add_settings_routes(app)
    add_settings_identity_routes(app)
    add_settings_users_routes(app)
    add_settings_layouts_routes(app)
    add_settings_email_routes(app)
    add_events_routes(app)
    add_dunning_routes(app)
    add_dunning_settings_routes(app)
    add_bank_routes(app)
    add_client_routes(app)
    add_account_routes(app)
    return app


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _to_login(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, LoginRequired)
        return RedirectResponse(f"/login?next={quote(exc.next_path)}", status_code=303)

    @app.exception_handler(EncaisseError)
    async def _service_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, EncaisseError)
        t = translator(request)
        message = t.error(exc)
        if request.url.path.startswith("/pay/"):  # a payer: their language, nothing of our dashboard
            return render(request, t, "pay_error.html", status_code=exc.status_code, message=message)
        # Without a coded reason the English detail stays in the JSON API: a headline says what failed.
        headline = None if exc.reason else t.get(f"error.code.{exc.code}")
        return render(request, t, "error.html", status_code=exc.status_code, message=message,
                      headline=headline)  # fmt: skip

    @app.exception_handler(RequestValidationError)
    async def _bad_query(request: Request, exc: Exception) -> Response:
        t = translator(request)
        return render(request, t, "error.html", status_code=400, message=t("error.bad_request"))

    async def _unstorable(request: Request, _exc: Exception) -> Response:
        """A NUL character typed in a field: the input's fault; nothing was saved."""
        t = translator(request)
        return render(request, t, "error.html", status_code=400, message=t("fuzz_errors.unstorable"))

    for unstorable in UNSTORABLE_ERRORS:
        app.add_exception_handler(unstorable, _unstorable)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        """The styled page, with the reference of the log line (api.request_log logs the error)."""
        t = translator(request)
        reference = getattr(request.state, "request_id", "—")
        return render(request, t, "error.html", status_code=500,
                      message=t("fuzz_errors.unexpected", request_id=reference))  # fmt: skip

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        t = translator(request)
        return render(request, t, "error.html", status_code=exc.status_code, message=t("error.not_found"))


def _safe_next(next_path: str | None) -> str:
    # Only local paths: never let the login form redirect to another site.
    if next_path and next_path.startswith("/") and not next_path.startswith("//"):
        return next_path
    return "/"


def _add_auth_routes(app: FastAPI) -> None:
    @app.get("/login", response_class=HTMLResponse)
    def login_page(
        request: Request, t: T, next: str | None = None, logged_out: bool = False, reset: bool = False
    ) -> Response:
        csrf = secrets.token_urlsafe(32)
        notice = t("login.logged_out") if logged_out else None
        notice = t("account.reset.done") if reset else notice
        response = render(request, t, "login.html", csrf=csrf, next=_safe_next(next), notice=notice)
        return with_form_csrf(response, LOGIN_CSRF_COOKIE, csrf)

    @app.post("/login", response_class=HTMLResponse)
    def login(
        request: Request,
        t: T,
        db: DbSession,
        email: Annotated[str, Form()] = "",
        password: Annotated[str, Form()] = "",
        csrf_token: Annotated[str, Form()] = "",
        next: Annotated[str, Form()] = "/",
    ) -> Response:
        settings = get_runtime(request).settings
        errors: dict[str, str] = {}
        if not form_csrf_ok(request, LOGIN_CSRF_COOKIE, csrf_token):
            errors["form"] = t("login.csrf")
        if not email.strip():
            errors["email"] = t("login.required")
        if not password:
            errors["password"] = t("login.required")
        retry_after = 0
        if not errors:
            try:
                _, token = organisations.login(
                    db,
                    email,
                    password,
                    lifetime=timedelta(seconds=settings.session_max_age_seconds),
                    address=request.client.host if request.client else None,
                )
            except organisations.TooManyAttempts as exc:
                retry_after = exc.retry_after
                errors["form"] = t("account.login.throttled", minutes=-(-retry_after // 60))
            except Unauthorized:
                errors["form"] = t("login.error")
        if errors:
            csrf = secrets.token_urlsafe(32)
            page = render(
                request,
                t,
                "login.html",
                status_code=429 if retry_after else 400,
                csrf=csrf,
                next=_safe_next(next),
                errors=errors,
                email=email,
            )
            with_form_csrf(page, LOGIN_CSRF_COOKIE, csrf)
            if retry_after:
                page.headers["Retry-After"] = str(retry_after)
            return page
        response = RedirectResponse(_safe_next(next), status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            token,
            max_age=settings.session_max_age_seconds,
            httponly=True,
            samesite="lax",
            secure=settings.session_cookie_secure,
        )
        response.delete_cookie(LOGIN_CSRF_COOKIE)
        return response

    @app.post("/logout")
    def logout(
        request: Request, db: DbSession, viewer: Viewer, csrf_token: Annotated[str, Form()] = ""
    ) -> Response:
        organisations.check_csrf(viewer, csrf_token)
        organisations.logout(db, request.cookies.get(SESSION_COOKIE, ""))
        response = RedirectResponse("/login?logged_out=1", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    @app.get("/lang/{language}")
    def switch_language(language: str, request: Request) -> Response:
        referer = request.headers.get("referer", "/")
        target = referer if referer.startswith(str(request.base_url)) else "/"
        response = RedirectResponse(target, status_code=303)
        if language in LANGUAGES:
            response.set_cookie(LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, samesite="lax")
        return response


def _add_page_routes(app: FastAPI) -> None:
    @app.get("/upload", response_class=HTMLResponse)
    def upload_page(request: Request, t: T, viewer: Viewer) -> Response:
        max_mb = get_runtime(request).settings.max_upload_bytes // (1024 * 1024)
        return render(request, t, "upload.html", viewer=viewer, max_mb=max_mb)

    @app.get("/documents", response_class=HTMLResponse)
    def documents_page(
        request: Request,
        t: T,
        db: DbSession,
        viewer: Viewer,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,  # beyond: a 400 page, not an OFFSET overflow
    ) -> Response:
        per_page = 50
        rows, total = documents.list_documents(db, viewer, limit=per_page, offset=(page - 1) * per_page)
        return render(
            request,
            t,
            "documents.html",
            viewer=viewer,
            documents=rows,
            total=total,
            page=page,
            has_next=page * per_page < total,
        )
