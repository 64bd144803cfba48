"""The JSON API's interactive documentation at `/docs`, served offline and under the strict page policy.

FastAPI's own `/docs` loads Swagger UI from a CDN and starts it with an inline `<script>`: the project never
loads anything from another host at run time, and `api/security_headers.py`'s `PAGE_POLICY` (`script-src
'self'`, no inline script) blocks that script anyway. So `api/app.py` turns FastAPI's pages off
(`docs_url=None`, `redoc_url=None`: ReDoc injects `<style>` elements, which the policy forbids) and
includes this router instead:

- `/docs` is a static HTML page of ours: Swagger UI's style sheet and bundle, then `INIT_JS`, all from
  `ASSETS_PREFIX` on our origin. The OpenAPI document's URL travels in a `data-openapi-url` attribute.
- Swagger UI's files come from the `fastapi-offline` package (Swagger UI 5, which renders the OpenAPI 3.1
  document FastAPI builds; `swagger-ui-bundle` only ships Swagger UI 4, which cannot). Only the two files
  the page needs are served, by name, never the package's whole directory.
- `validatorUrl: null`: Swagger UI would otherwise send the document to validator.swagger.io.
- An empty `data:` icon: the browser would otherwise ask for `/favicon.ico`, which we do not have.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

ASSETS_PREFIX = "/api-docs-assets"
SWAGGER_UI_DIR = Path(str(files("fastapi_offline") / "static"))
ASSET_CACHE = "public, max-age=86400"

# What Swagger UI is started with; the same options as FastAPI's own page, without an inline script.
INIT_JS = """\
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
});
"""

router = APIRouter(include_in_schema=False)


def docs_page(title: str, openapi_url: str, root_path: str = "") -> str:
    assets = escape(root_path + ASSETS_PREFIX, quote=True)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{escape(title)} - Swagger UI</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{assets}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{escape(root_path + openapi_url, quote=True)}"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="{assets}/init.js"></script>
</body>
</html>
"""


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    app = request.app
    openapi_url = app.openapi_url or "/openapi.json"
    return HTMLResponse(docs_page(app.title, openapi_url, request.scope.get("root_path", "")))


@router.get(f"{ASSETS_PREFIX}/swagger-ui.css")
def swagger_ui_css() -> FileResponse:
    return FileResponse(
        SWAGGER_UI_DIR / "swagger-ui.css", media_type="text/css", headers={"Cache-Control": ASSET_CACHE}
    )


@router.get(f"{ASSETS_PREFIX}/swagger-ui-bundle.js")
def swagger_ui_bundle() -> FileResponse:
    return FileResponse(
        SWAGGER_UI_DIR / "swagger-ui-bundle.js",
        media_type="text/javascript",
        headers={"Cache-Control": ASSET_CACHE},
    )


@router.get(f"{ASSETS_PREFIX}/init.js")
def swagger_ui_init() -> Response:
    return Response(INIT_JS, media_type="text/javascript", headers={"Cache-Control": ASSET_CACHE})
