"""The request log middleware: one line per request, the request id echoed back."""

from __future__ import annotations

from fastapi.testclient import TestClient
from structlog.testing import capture_logs


def test_each_response_carries_the_request_id_given_or_made_and_is_logged_once(client: TestClient) -> None:
    with capture_logs() as logs:
        given = client.get("/healthz", headers={"x-request-id": "abc123"})
        made = client.get("/healthz")
        missing = client.get("/api/v1/no-such-thing")

    assert (given.status_code, given.headers["x-request-id"]) == (200, "abc123")
    assert made.status_code == 200
    assert len(made.headers["x-request-id"]) == 32
    assert missing.status_code == 404
    assert len(missing.headers["x-request-id"]) == 32
    requests = [
        (e["method"], e["path"], e["status"], e["request_id"]) for e in logs if e["event"] == "request"
    ]
    assert requests == [
        ("GET", "/healthz", 200, "abc123"),
        ("GET", "/healthz", 200, made.headers["x-request-id"]),
        ("GET", "/api/v1/no-such-thing", 404, missing.headers["x-request-id"]),
    ]
