"""Settings → learned layouts ("Modèles appris"): the invoice layouts capture learned from this
organisation's corrections, how often each was used, and deleting one (capture then reads that layout
from scratch again until the next correction)."""

from __future__ import annotations

import uuid

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import DbSession
from api.layouts import service as layouts
from web.common import T, Viewer, posted, render

LAYOUTS = "/settings/layouts"


def add_settings_layouts_routes(app: FastAPI) -> None:
    @app.get(LAYOUTS, response_class=HTMLResponse)
    def layouts_page(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        rows = layouts.list_layouts(db, viewer)
        deleted = request.query_params.get("deleted") == "1"
        return render(request, t, "settings_layouts.html", viewer=viewer, layouts=rows, deleted=deleted)

    @app.post(LAYOUTS + "/{layout_id}/delete", response_class=HTMLResponse)
    async def delete_layout(
        request: Request, layout_id: uuid.UUID, db: DbSession, viewer: Viewer
    ) -> Response:
        await posted(request, viewer)
        layouts.delete_layout(db, viewer, layout_id)
        return RedirectResponse(LAYOUTS + "?deleted=1", status_code=303)
