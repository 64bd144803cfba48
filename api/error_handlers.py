"""Every error leaves the API as {"error": <code>, "detail": <reason>}."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from starlette.exceptions import HTTPException

from api.errors import EncaisseError
from api.logging import get_logger
from api.openapi_errors import document_errors
from api.request_log import UNEXPECTED_LOGGED

log = get_logger(__name__)

_HTTP_CODES = {
    400: "bad_request",  # a body that cannot be read: not UTF-8 JSON, a broken multipart
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
}


def error_body(code: str, detail: Any) -> dict[str, Any]:
    return {"error": code, "detail": detail}


async def _encaisse_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, EncaisseError)
    extra = getattr(exc, "extra", {})  # e.g. an invalid field's coded reason: {field, reason, params}
    return JSONResponse({**error_body(exc.code, exc.detail), **extra}, status_code=exc.status_code)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    return JSONResponse(error_body(code, exc.detail), status_code=exc.status_code, headers=exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
    return JSONResponse(error_body("validation_error", detail), status_code=422)


async def _database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("request.database_unavailable", path=request.url.path, error=str(exc).splitlines()[0])
    return JSONResponse(
        error_body("service_unavailable", "The database is unavailable; nothing was changed. Try again."),
        status_code=503,
        headers={"Retry-After": "5"},
    )


UNSTORABLE = (
    "A value cannot be stored (a NUL character in a text, or a number out of range); nothing was changed."
)


# A value the database refuses (PostgreSQL: a NUL character in a text, a number out of range): the input's
# fault, a 422, and the unit of work has rolled back. Named here for the pages, which import no sqlalchemy.
UNSTORABLE_ERRORS: tuple[type[Exception], ...] = (DataError,)


async def _unstorable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("request.unstorable_value", path=request.url.path, error=str(exc).splitlines()[0])
    return JSONResponse(error_body("unstorable_value", UNSTORABLE), status_code=422)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    if not request.scope.get(UNEXPECTED_LOGGED):  # RequestLog logs it with the request id
        log.exception("request.unexpected_error", path=request.url.path, exc_info=exc)
    return JSONResponse(error_body("internal_error", "An unexpected error occurred."), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(EncaisseError, _encaisse_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(DBAPIError, _dbapi_error)
    for unstorable in UNSTORABLE_ERRORS:  # DBAPIErrors: the most specific handler wins
        app.add_exception_handler(unstorable, _unstorable)
    app.add_exception_handler(Exception, _unexpected)
    document_errors(app)


async def _dbapi_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    if exc.connection_invalidated:
        return await _database_unavailable(request, exc)
    return await _unexpected(request, exc)
