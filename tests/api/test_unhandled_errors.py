"""An error nobody handled: the JSON API answers 500 {"error", "detail"}, a page answers with the styled
error page, and either way the request log has its line (status 500, the request id sent back in
`x-request-id`) and the error is logged once, with the same request id."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Mount
from structlog.testing import capture_logs


def boom() -> None:
    raise RuntimeError("boom: a bug nobody handled")


def add_first(app: FastAPI, path: str) -> None:
    """A test-only route, matched before the web app mounted on "/"."""
    app.add_api_route(path, boom)
    app.router.routes.insert(0, app.router.routes.pop())


def web_app(app: FastAPI) -> FastAPI:
    [mount] = [route for route in app.router.routes if isinstance(route, Mount) and route.path == ""]
    assert isinstance(mount.app, FastAPI)
    return mount.app


def call(app: FastAPI, path: str) -> tuple[Any, list[dict[str, Any]]]:
    with capture_logs() as logs, TestClient(app, raise_server_exceptions=False) as client:
        response = client.get(path, headers={"x-request-id": "req-4242"})
    return response, logs


def assert_logged_once_with_the_request_id(logs: list[dict[str, Any]], path: str) -> None:
    lines = [(e["path"], e["status"], e["request_id"]) for e in logs if e["event"] == "request"]
    assert lines == [(path, 500, "req-4242")]
    errors = [e for e in logs if e["event"] == "request.unexpected_error"]
    assert len(errors) == 1
    assert errors[0]["request_id"] == "req-4242"
    assert errors[0]["path"] == path


def test_an_unhandled_api_error_is_a_json_500_logged_with_its_request_id(app: FastAPI) -> None:
    add_first(app, "/api/v1/test-boom")

    response, logs = call(app, "/api/v1/test-boom")

    assert response.status_code == 500
    assert response.json() == {"error": "internal_error", "detail": "An unexpected error occurred."}
    assert response.headers["x-request-id"] == "req-4242"
    assert_logged_once_with_the_request_id(logs, "/api/v1/test-boom")


@pytest.mark.parametrize(("language", "title"), [("fr", "Erreur"), ("en", "Error")])
def test_an_unhandled_page_error_is_the_styled_error_page_with_the_reference(
    app: FastAPI, language: str, title: str
) -> None:
    add_first(web_app(app), "/test-boom")

    with capture_logs() as logs, TestClient(app, raise_server_exceptions=False) as client:
        client.cookies.set("encaisse_lang", language)
        response = client.get("/test-boom", headers={"x-request-id": "req-4242"})

    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["x-request-id"] == "req-4242"
    assert f"<h1>{title}</h1>" in response.text
    assert 'data-testid="error-detail"' in response.text
    assert "req-4242" in response.text
    assert "boom" not in response.text  # the bug's text stays in the log
    assert_logged_once_with_the_request_id(logs, "/test-boom")
