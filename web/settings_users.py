"""Settings → users (list, add, deactivate / reactivate) and API keys (list, create, revoke).

A generated password and a new key are shown once, in the answer to the form that created them: they are
never stored in clear, so there is no page to come back to (the answer is marked `no-store`)."""

from __future__ import annotations

import uuid

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from api.deps import DbSession
from api.models import User
from api.organisations import policy
from api.organisations import service as organisations
from api.organisations.policy import InvalidFields
from web.common import T, Viewer, posted, render
from web.settings_identity import field_errors

NO_STORE = {"Cache-Control": "no-store"}


def add_settings_users_routes(app: FastAPI) -> None:
    @app.get("/settings/users", response_class=HTMLResponse)
    def users_page(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        return _users(request, t, db, viewer)

    @app.post("/settings/users", response_class=HTMLResponse)
    async def add_user(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        form = await posted(request, viewer)
        email, password = form.get("email", ""), form.get("password", "")
        try:
            user, initial = organisations.add_user(db, viewer, email, password or None)
        except InvalidFields as exc:
            db.rollback()
            return _users(request, t, db, viewer, status_code=400, typed=email, errors=field_errors(t, exc))
        created = {"email": user.email, "password": None if password else initial}
        response = _users(request, t, db, viewer, created=created)
        response.headers.update(NO_STORE)
        return response

    @app.post("/settings/users/{user_id}/{action}", response_class=HTMLResponse)
    async def set_active(
        request: Request, user_id: uuid.UUID, action: str, t: T, db: DbSession, viewer: Viewer
    ) -> Response:
        await posted(request, viewer)
        if action not in ("deactivate", "reactivate"):
            raise HTTPException(status_code=404)
        try:
            user = organisations.set_user_active(db, viewer, user_id, active=action == "reactivate")
        except InvalidFields as exc:
            db.rollback()
            errors = {f"user-{user_id}": message for message in field_errors(t, exc).values()}
            return _users(request, t, db, viewer, status_code=400, errors=errors)
        return RedirectResponse(f"/settings/users?{action}d={user.id}#user-{user.id}", status_code=303)

    _add_api_key_routes(app)


def _add_api_key_routes(app: FastAPI) -> None:
    @app.get("/settings/api-keys", response_class=HTMLResponse)
    def api_keys_page(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        return _keys(request, t, db, viewer)

    @app.post("/settings/api-keys", response_class=HTMLResponse)
    async def create_key(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        form = await posted(request, viewer)
        name = form.get("name", "")
        try:
            row, key = organisations.add_api_key(db, viewer, name)
        except InvalidFields as exc:
            db.rollback()
            return _keys(request, t, db, viewer, status_code=400, typed=name, errors=field_errors(t, exc))
        response = _keys(request, t, db, viewer, created={"name": row.name, "key": key, "id": str(row.id)})
        response.headers.update(NO_STORE)
        return response

    @app.post("/settings/api-keys/{key_id}/revoke", response_class=HTMLResponse)
    async def revoke_key(request: Request, key_id: uuid.UUID, db: DbSession, viewer: Viewer) -> Response:
        await posted(request, viewer)
        row = organisations.revoke_api_key(db, viewer, key_id)
        return RedirectResponse(f"/settings/api-keys?revoked={row.id}#key-{row.id}", status_code=303)


def _users(
    request: Request,
    t: T,
    db: DbSession,
    viewer: Viewer,
    *,
    status_code: int = 200,
    typed: str = "",
    errors: dict[str, str] | None = None,
    created: dict[str, str | None] | None = None,
) -> Response:
    users = organisations.list_users(db, viewer)
    return render(
        request, t, "settings_users.html", status_code=status_code, viewer=viewer, users=users,
        typed=typed, errors=errors or {}, created=created, changed=_changed(request, users),
        limits={"email": policy.EMAIL_MAX, "password": policy.MAX_PASSWORD_LENGTH},
    )  # fmt: skip


def _changed(request: Request, users: list[User]) -> tuple[str, str] | None:
    """After a redirect: which user was deactivated or reactivated, to say so."""
    for action in ("deactivated", "reactivated"):
        wanted = request.query_params.get(action)
        for user in users:
            if wanted and str(user.id) == wanted:
                return action, user.email
    return None


def _keys(
    request: Request,
    t: T,
    db: DbSession,
    viewer: Viewer,
    *,
    status_code: int = 200,
    typed: str = "",
    errors: dict[str, str] | None = None,
    created: dict[str, str] | None = None,
) -> Response:
    keys = organisations.list_api_keys(db, viewer)
    revoked = request.query_params.get("revoked")
    revoked_name = next((k.name for k in keys if revoked and str(k.id) == revoked), None)
    return render(
        request, t, "settings_api_keys.html", status_code=status_code, viewer=viewer, keys=keys,
        typed=typed, errors=errors or {}, created=created, revoked_name=revoked_name,
        name_max=policy.API_KEY_NAME_MAX,
    )  # fmt: skip
