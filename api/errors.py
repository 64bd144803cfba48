"""One base error with an HTTP status; rendered everywhere as {"error", "detail"}."""

from __future__ import annotations


class EncaisseError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, detail: str, *, status_code: int | None = None, code: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if status_code is not None:
            self.status_code = status_code
        if code is not None:
            self.code = code


class BadRequest(EncaisseError):
    status_code = 400
    code = "bad_request"


class Unauthorized(EncaisseError):
    status_code = 401
    code = "unauthorized"


class Forbidden(EncaisseError):
    status_code = 403
    code = "forbidden"


class NotFound(EncaisseError):
    status_code = 404
    code = "not_found"


class Conflict(EncaisseError):
    status_code = 409
    code = "conflict"


class PayloadTooLarge(EncaisseError):
    status_code = 413
    code = "payload_too_large"


class UnsupportedMediaType(EncaisseError):
    status_code = 415
    code = "unsupported_media_type"


class UnprocessableDocument(EncaisseError):
    status_code = 422
    code = "unprocessable_document"


class ServiceUnavailable(EncaisseError):
    status_code = 503
    code = "service_unavailable"
