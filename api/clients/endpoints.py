"""JSON API of clients: the list with figures (search, segment, sort, pages), one client, and edits."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from api.clients import service
from api.clients.schemas import ClientDetailOut, ClientOut, ClientPageOut, ClientPatch, MandateOut
from api.deps import CurrentPrincipal, DbSession
from api.pagination import Offset

router = APIRouter(prefix="/api/v1", tags=["clients"])


@router.get("/clients", response_model=ClientPageOut, responses={400: {}})
def list_clients(
    db: DbSession,
    principal: CurrentPrincipal,
    q: Annotated[str | None, Query(max_length=200)] = None,
    segment: str | None = None,
    sort: str = "name",
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE_SIZE)] = 50,
    offset: Offset = 0,
) -> ClientPageOut:
    rows, total = service.list_clients(
        db, principal, search=q, segment=segment, sort=sort, limit=limit, offset=offset
    )
    return ClientPageOut(items=[ClientOut.of(r) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/clients/{client_id}", response_model=ClientDetailOut, responses={404: {}})
def get_client(client_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal) -> ClientDetailOut:
    return _detail(db, principal, client_id)


@router.patch("/clients/{client_id}", response_model=ClientDetailOut, responses={404: {}, 422: {}})
def update_client(
    client_id: uuid.UUID, body: ClientPatch, db: DbSession, principal: CurrentPrincipal
) -> ClientDetailOut | JSONResponse:
    try:
        service.update_client(db, principal, client_id, body.model_dump(exclude_unset=True))
    except service.InvalidClient as exc:
        fields = {name: str(code) for name, code in exc.fields.items()}
        return JSONResponse({"error": exc.code, "detail": exc.detail, "fields": fields}, status_code=422)
    db.flush()
    return _detail(db, principal, client_id)


def _detail(db: DbSession, principal: CurrentPrincipal, client_id: uuid.UUID) -> ClientDetailOut:
    page = service.client_page(db, principal, client_id)
    out = ClientDetailOut(**ClientOut.of(page.row).model_dump())
    out.mandate = None if page.mandate is None else MandateOut.model_validate(page.mandate)
    return out
