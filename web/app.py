"""The browser UI: login, dashboard, upload and document list. Pages call api services only."""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from api.clock import PARIS
from api.deps import SESSION_COOKIE, DbSession, get_runtime
from api.documents import service as documents
from api.errors import Unauthorized
from api.organisations import service as organisations
from api.organisations.service import Principal
from api.runtime import Runtime
from web.i18n import LANGUAGE_COOKIE, LANGUAGES, Translator, choose_language

HERE = Path(__file__).parent
LOGIN_CSRF_COOKIE = "encaisse_login_csrf"
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["local_datetime"] = lambda value: value.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


class LoginRequired(Exception):
    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


def translator(request: Request) -> Translator:
    return Translator(choose_language(request.cookies.get(LANGUAGE_COOKIE)))


T = Annotated[Translator, Depends(translator)]


def page_principal(request: Request, db: DbSession) -> Principal:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise LoginRequired(request.url.path)
    try:
        return organisations.authenticate_session(db, token)
    except Unauthorized as exc:
        raise LoginRequired(request.url.path) from exc


Viewer = Annotated[Principal, Depends(page_principal)]


def render(
    request: Request, t: Translator, name: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        name,
        {"t": t, "lang": t.language, "languages": LANGUAGES, **context},
        status_code=status_code,
    )


def create_web_app(runtime: Runtime) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.runtime = runtime
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_handlers(app)
    _add_auth_routes(app)
    _add_page_routes(app)
    return app


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _to_login(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, LoginRequired)
        return RedirectResponse(f"/login?next={quote(exc.next_path)}", status_code=303)

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
    def login_page(request: Request, t: T, next: str | None = None, logged_out: bool = False) -> Response:
        csrf = secrets.token_urlsafe(32)
        notice = t("login.logged_out") if logged_out else None
        response = render(request, t, "login.html", csrf=csrf, next=_safe_next(next), notice=notice)
        response.set_cookie(LOGIN_CSRF_COOKIE, csrf, httponly=True, samesite="strict")
        return response

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
        expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        if not expected or not secrets.compare_digest(expected, csrf_token):
            errors["form"] = t("login.csrf")
        if not email.strip():
            errors["email"] = t("login.required")
        if not password:
            errors["password"] = t("login.required")
        if not errors:
            try:
                _, token = organisations.login(
                    db, email, password, lifetime=timedelta(seconds=settings.session_max_age_seconds)
                )
            except Unauthorized:
                errors["form"] = t("login.error")
        if errors:
            csrf = secrets.token_urlsafe(32)
            page = render(
                request,
                t,
                "login.html",
                status_code=400,
                csrf=csrf,
                next=_safe_next(next),
                errors=errors,
                email=email,
            )
            page.set_cookie(LOGIN_CSRF_COOKIE, csrf, httponly=True, samesite="strict")
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
    @app.get("/", response_class=HTMLResponse)
    def dashboard(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        _, document_count = documents.list_documents(db, viewer, limit=1, offset=0)
        user = organisations.get_user(db, viewer)
        return render(
            request,
            t,
            "dashboard.html",
            viewer=viewer,
            email=user.email if user else "",
            document_count=document_count,
        )

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
        page: Annotated[int, Query(ge=1)] = 1,
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
