"""The OpenAPI says what the error handlers send: every 4xx/5xx answer is `ErrorBody`, {"error", "detail"}
(FastAPI would document its own `HTTPValidationError` for the 422s, a shape we never send), and the
answers any operation can give are documented on every operation: 400 where there is a body to read, 401
under /api/v1 (no or a bad API key), 404 where the path names a resource, 503 when the database is
unavailable. tests/api/test_fuzz_openapi.py holds the app to this document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field
from pydantic.json_schema import models_json_schema

_REF = "#/components/schemas/{model}"
_FASTAPI_ERROR_SCHEMAS = ("HTTPValidationError", "ValidationError")
_DESCRIPTIONS = {
    400: "Bad request: the reason is in `detail`.",
    401: "No API key, or a key that is unknown or revoked.",
    403: "Forbidden.",
    404: "No such resource for this organisation.",
    409: "Conflict with the resource's current state.",
    413: "Payload too large.",
    415: "Unsupported media type.",
    422: "Validation error: `detail` lists each invalid field ({loc, msg}), or gives the reason.",
    503: "Service unavailable (the database): nothing was changed; retry after `Retry-After` seconds.",
}


class ValidationProblem(BaseModel):
    loc: list[str | int] = Field(description="Where: body, query, path or header, then the field names.")
    msg: str


class ErrorBody(BaseModel):
    """What every error answer carries (api/error_handlers.py)."""

    error: str = Field(description="A stable machine-readable code, e.g. not_found, validation_error.")
    detail: str | list[ValidationProblem] = Field(description="The reason, for a person.")


def document_errors(app: FastAPI) -> None:
    """Wrap `app.openapi` so the document it builds (once, then cached) describes our error answers."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = rewrite_errors(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def rewrite_errors(document: dict[str, Any]) -> dict[str, Any]:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name in _FASTAPI_ERROR_SCHEMAS:
        schemas.pop(name, None)
    _, definitions = models_json_schema([(ErrorBody, "serialization")], ref_template=_REF)
    schemas.update(definitions.get("$defs", {}))
    error_content = {"application/json": {"schema": {"$ref": _REF.format(model="ErrorBody")}}}
    for path, operations in document.get("paths", {}).items():
        for operation in operations.values():
            responses: dict[str, Any] = operation.setdefault("responses", {})
            codes = {int(code) for code in responses if code.isdigit()}
            if "requestBody" in operation:
                codes.add(400)  # a body that cannot be read (not UTF-8 JSON, a broken multipart)
            if path.startswith("/api/"):
                codes.add(401)
            if any(p.get("in") == "path" for p in operation.get("parameters", [])):
                codes.add(404)
            codes.add(503)
            for code in sorted(codes):
                if code < 400:
                    continue
                response = responses.setdefault(str(code), {})
                if code in _DESCRIPTIONS and response.get("description") in (None, "", *_GENERIC):
                    response["description"] = _DESCRIPTIONS[code]
                response["content"] = error_content
    return document


_GENERIC = ("Validation Error", "Bad Request", "Not Found", "Conflict", "Unauthorized", "Service Unavailable",
            "Additional Response", "Payload Too Large", "Unsupported Media Type")  # fmt: skip
