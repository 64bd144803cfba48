"""My account (change the password, log out of every session), and the forgotten-password flow: ask for a
link by email, then choose a new password through it. The forms that work without a session carry a CSRF
token that is also set as a cookie (as the login form does)."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import SESSION_COOKIE, DbSession
from api.organisations import policy
from api.organisations import service as organisations
from api.organisations.policy import InvalidFields
from web.common import T, Viewer, form_csrf_ok, posted, render, with_form_csrf
from web.settings_identity import field_errors

ACCOUNT_CSRF_COOKIE = "encaisse_account_csrf"
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def add_account_routes(app: FastAPI) -> None:
    @app.get("/account", response_class=HTMLResponse)
    def account_page(request: Request, t: T, viewer: Viewer, changed: bool = False) -> Response:
        notice = t("account.password.changed") if changed else None
        return render(request, t, "account.html", viewer=viewer, notice=notice, errors={},
                      limit=policy.MAX_PASSWORD_LENGTH)  # fmt: skip

    @app.post("/account/password", response_class=HTMLResponse)
    async def change_password(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        form = await posted(request, viewer)
        try:
            organisations.change_password(
                db,
                viewer,
                request.cookies.get(SESSION_COOKIE, ""),
                form.get("current_password", ""),
                form.get("new_password", ""),
                form.get("confirm_password", ""),
            )
        except organisations.TooManyAttempts as exc:
            errors = {"current_password": t("account.login.throttled", minutes=-(-exc.retry_after // 60))}
            page = render(request, t, "account.html", status_code=429, viewer=viewer, notice=None,
                          errors=errors, limit=policy.MAX_PASSWORD_LENGTH)  # fmt: skip
            page.headers["Retry-After"] = str(exc.retry_after)
            return page
        except InvalidFields as exc:  # nothing changed but a wrong current password counted: committed
            return render(request, t, "account.html", status_code=400, viewer=viewer, notice=None,
                          errors=field_errors(t, exc), limit=policy.MAX_PASSWORD_LENGTH)  # fmt: skip
        return RedirectResponse("/account?changed=1", status_code=303)

    @app.post("/account/logout-everywhere")
    async def logout_everywhere(request: Request, db: DbSession, viewer: Viewer) -> Response:
        await posted(request, viewer)
        organisations.logout_everywhere(db, viewer)
        response = RedirectResponse("/login?logged_out=1", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    _add_reset_routes(app)


def _add_reset_routes(app: FastAPI) -> None:
    @app.get("/forgot-password", response_class=HTMLResponse)
    def forgot_page(request: Request, t: T) -> Response:
        csrf = secrets.token_urlsafe(32)
        return with_form_csrf(
            render(request, t, "forgot_password.html", csrf=csrf, errors={}), ACCOUNT_CSRF_COOKIE, csrf
        )

    @app.post("/forgot-password", response_class=HTMLResponse)
    def forgot(
        request: Request,
        t: T,
        db: DbSession,
        email: Annotated[str, Form()] = "",
        csrf_token: Annotated[str, Form()] = "",
    ) -> Response:
        errors: dict[str, str] = {}
        if not form_csrf_ok(request, ACCOUNT_CSRF_COOKIE, csrf_token):
            errors["form"] = t("login.csrf")
        elif not email.strip():
            errors["email"] = t("login.required")
        if errors:
            csrf = secrets.token_urlsafe(32)
            page = render(request, t, "forgot_password.html", status_code=400, csrf=csrf, errors=errors,
                          email=email)  # fmt: skip
            return with_form_csrf(page, ACCOUNT_CSRF_COOKIE, csrf)
        # The same answer whether or not the email is a user's: the page never tells who has an account.
        organisations.request_password_reset(
            db, email, subject=t("account.reset.email.subject"), text=t("account.reset.email.text")
        )
        return render(request, t, "forgot_password.html", sent=True, errors={})

    @app.get("/reset-password/{token}", response_class=HTMLResponse)
    def reset_page(request: Request, token: str, t: T, db: DbSession) -> Response:
        try:
            user = organisations.check_reset_token(db, token)
        except organisations.InvalidResetLink:
            return _invalid_link(request, t)
        page = render(request, t, "reset_password.html", email=user.email, errors={},
                      limit=policy.MAX_PASSWORD_LENGTH)  # fmt: skip
        page.headers.update(PRIVATE)
        return page

    @app.post("/reset-password/{token}", response_class=HTMLResponse)
    def reset(
        request: Request,
        token: str,
        t: T,
        db: DbSession,
        new_password: Annotated[str, Form()] = "",
        confirm_password: Annotated[str, Form()] = "",
    ) -> Response:
        # No CSRF token: the link's own secret token is what another site cannot know.
        try:
            organisations.reset_password(db, token, new_password, confirm_password)
        except organisations.InvalidResetLink:
            db.rollback()
            return _invalid_link(request, t)
        except InvalidFields as exc:
            db.rollback()
            user = organisations.check_reset_token(db, token)
            page = render(request, t, "reset_password.html", status_code=400, email=user.email,
                          errors=field_errors(t, exc), limit=policy.MAX_PASSWORD_LENGTH)  # fmt: skip
            page.headers.update(PRIVATE)
            return page
        response = RedirectResponse("/login?reset=1", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response


def _invalid_link(request: Request, t: T) -> Response:
    page = render(request, t, "reset_password.html", status_code=400, invalid=True, errors={})
    page.headers.update(PRIVATE)
    return page
