"""JSON API of learned layouts: the organisation's list, and deleting one."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from api.deps import CurrentPrincipal, DbSession
from api.layouts import service
from api.layouts.schemas import LayoutListOut, LayoutOut

router = APIRouter(prefix="/api/v1", tags=["layouts"])


@router.get("/layouts", response_model=LayoutListOut)
def list_layouts(db: DbSession, principal: CurrentPrincipal) -> LayoutListOut:
    rows = service.list_layouts(db, principal)
    return LayoutListOut(items=[LayoutOut.model_validate(row) for row in rows])


@router.delete("/layouts/{layout_id}", status_code=204, responses={404: {}})
def delete_layout(layout_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal) -> Response:
    service.delete_layout(db, principal, layout_id)
    return Response(status_code=204)
