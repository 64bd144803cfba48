"""Clients: the list (search, segment filter, sort, pages) with what each client owes and how it pays, and a
client's page: its record (editable, each refused value explained next to its field), its figures against
its credit limit, its payment behaviour and segment, its active mandate, open invoices and history."""

from __future__ import annotations

import uuid
from typing import Annotated
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.clients import policy, service
from api.deps import DbSession
from api.dunning import follow_up
from api.dunning import policy as dunning_policy
from api.organisations.service import Principal
from web.common import T, Viewer, amount_input, posted, render
from web.dunning_view import to_minor
from web.i18n import Translator

PER_PAGE = 50
SORTS = ("name", "-owed", "-overdue", "-days_late")  # offered; the others of policy.SORTS work too
TEXT_FIELDS = ("name", "contact_name", "email", "phone", "address", "siren", "vat_id")
CREDIT_LIMIT_MAX_CHARS = 20
SAVED = ("record", "segment")


def add_client_routes(app: FastAPI) -> None:
    @app.get("/clients", response_class=HTMLResponse)
    def clients_page(
        request: Request,
        t: T,
        db: DbSession,
        viewer: Viewer,
        q: Annotated[str, Query(max_length=200)] = "",
        segment: str = "",
        sort: str = "name",
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    ) -> Response:
        segment = segment if segment in dunning_policy.SEGMENTS else ""
        sort = sort if sort in policy.SORTS else "name"
        rows, total = service.list_clients(db, viewer, search=q or None, segment=segment or None, sort=sort,
                                           limit=PER_PAGE, offset=(page - 1) * PER_PAGE)  # fmt: skip
        kept = {name: value for name, value in (("q", q), ("segment", segment), ("sort", sort)) if value}
        return render(
            request, t, "clients.html", viewer=viewer, rows=rows, total=total, page=page,
            has_next=page * PER_PAGE < total, q=q, segment=segment, sort=sort, sorts=SORTS,
            segments=dunning_policy.SEGMENTS, pager_extra=("&" + urlencode(kept)) if kept else "",
            currency=policy.CURRENCY,
        )  # fmt: skip

    @app.get("/clients/{client_id}", response_class=HTMLResponse)
    def client_page(request: Request, client_id: uuid.UUID, t: T, db: DbSession, viewer: Viewer) -> Response:
        saved = request.query_params.get("saved")
        return _page(request, t, db, viewer, client_id, saved=saved if saved in SAVED else None)

    @app.post("/clients/{client_id}", response_class=HTMLResponse)
    async def save_client(
        request: Request, client_id: uuid.UUID, t: T, db: DbSession, viewer: Viewer
    ) -> Response:
        form = await posted(request, viewer)
        typed = {name: form.get(name, "") for name in (*TEXT_FIELDS, "credit_limit")}
        service.get_client(db, viewer, client_id)  # another organisation's client: 404 before anything else
        changes: dict[str, str | int | None] = {name: typed[name] for name in TEXT_FIELDS}
        errors: dict[str, str] = {}
        limit_text = typed["credit_limit"].strip()
        if len(limit_text) > CREDIT_LIMIT_MAX_CHARS:
            errors["credit_limit"] = t("clients.error.too_long", max=CREDIT_LIMIT_MAX_CHARS)
        elif limit_text:
            minor = to_minor(limit_text, policy.CURRENCY)
            if minor is None:
                errors["credit_limit"] = t("clients.error.amount")
            else:
                changes["credit_limit"] = minor
        else:
            changes["credit_limit"] = None
        if errors:  # the other fields are checked too, so every message shows at once
            errors.update(_messages(policy.checked_changes(changes)[1], t))
        else:
            try:
                service.update_client(db, viewer, client_id, changes)
                return RedirectResponse(f"/clients/{client_id}?saved=record", status_code=303)
            except service.InvalidClient as exc:
                errors = _messages(exc.fields, t)
        db.rollback()
        return _page(request, t, db, viewer, client_id, status_code=400, typed=typed, errors=errors)

    @app.post("/clients/{client_id}/segment")
    async def save_segment(request: Request, client_id: uuid.UUID, db: DbSession, viewer: Viewer) -> Response:
        form = await posted(request, viewer)
        chosen = form.get("segment") or None
        follow_up.set_segment(db, viewer, client_id, chosen)  # an unknown segment is refused there (400)
        return RedirectResponse(f"/clients/{client_id}?saved=segment#behaviour", status_code=303)


def _messages(fields: dict[str, policy.FieldError], t: Translator) -> dict[str, str]:
    return {
        name: t(f"clients.error.{code}", max=policy.MAX_LENGTHS.get(name, CREDIT_LIMIT_MAX_CHARS))
        for name, code in fields.items()
    }


def _record_form(row: service.ClientRow, language: str) -> dict[str, str]:
    client = row.client
    values = {name: getattr(client, name) or "" for name in TEXT_FIELDS}
    limit = client.credit_limit
    values["credit_limit"] = "0" if limit == 0 else amount_input(limit, policy.CURRENCY, language)
    return values


def _page(
    request: Request,
    t: T,
    db: DbSession,
    viewer: Principal,
    client_id: uuid.UUID,
    *,
    status_code: int = 200,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    saved: str | None = None,
) -> Response:
    found = service.client_page(db, viewer, client_id)
    return render(
        request, t, "client.html", status_code=status_code, viewer=viewer, page=found, row=found.row,
        client=found.row.client, form=typed or _record_form(found.row, t.language), errors=errors or {},
        saved=saved, segments=dunning_policy.SEGMENTS, currency=policy.CURRENCY, text_fields=TEXT_FIELDS,
        max_lengths={**policy.MAX_LENGTHS, "credit_limit": CREDIT_LIMIT_MAX_CHARS},
    )  # fmt: skip
