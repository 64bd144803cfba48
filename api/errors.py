"""One base error with an HTTP status; rendered everywhere as {"error", "detail"}.

`detail` is the English reason the JSON API returns. `reason` (with `params`) names the sentence in the UI
catalogues (`reason.<reason>`) that pages and payer pages show instead, in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping


class EncaisseError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(
        self,
        detail: str,
        *,
        status_code: int | None = None,
        code: str | None = None,
        reason: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.reason = reason
        self.params = dict(params or {})
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
