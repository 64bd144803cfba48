"""Issue 14 (parts 1 and 2): every response carries the security headers; uploaded bytes never render on
our origin; the session cookie is Secure in production.

Before: no CSP anywhere, no nosniff, `/pay/{token}/invoice` and `/api/v1/documents/{id}/file` served a
UBL invoice as `application/xml` inline (its XHTML script ran as the viewer), PDFs inline with their
JavaScript, and the session cookie was never Secure unless configured."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response
from pypdf import PdfReader

from api.app import create_app
from api.db import unit_of_work
from api.runtime import Runtime
from api.settings import Settings
from tests.api.payment_links.test_pay_page import ready_invoice, token_of
from tests.conftest import make_settings
from tests.factories import Tenant, create_tenant
from tests.support.capture import Capture
from tests.support.files import image_bytes, pdf_bytes
from tests.support.hostile import hostile_ubl, javascript_pdf
from tests.support.web import log_in, log_in_response

MARKER = "http://127.0.0.1:9/marker"
REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}


def directives(policy: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


def assert_page_headers(response: Response) -> None:
    """A strict page policy: our scripts only, no inline script, never framed; nosniff; no referrer
    leaves for another site."""
    assert response.headers["content-type"].startswith("text/html")
    policy = directives(response.headers["content-security-policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]  # no <style> element; see style-src-attr
    assert "'unsafe-eval'" not in " ".join(w for ws in policy.values() for w in ws)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] in REFERRER_POLICIES
    assert response.headers["x-frame-options"] == "DENY"


def assert_sandboxed(response: Response) -> None:
    policy = directives(response.headers["content-security-policy"])
    assert policy.get("sandbox") == []  # sandboxed, with no allow-scripts nor allow-same-origin
    assert policy["default-src"] == ["'none'"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] in REFERRER_POLICIES


def disposition(response: Response) -> str:
    return response.headers["content-disposition"].split(";")[0].strip()


def upload(client: TestClient, tenant: Tenant, name: str, data: bytes) -> dict[str, Any]:
    response = client.post("/api/v1/documents", headers=tenant.headers, files={"file": (name, data)})
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()["documents"][0]
    return document


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


# ------------------------------------------------------------------ pages, JSON, errors, static


class TestEveryResponse:
    def test_login_page(self, client: TestClient) -> None:
        assert_page_headers(client.get("/login"))

    def test_pages_of_a_logged_in_user(self, client: TestClient, tenant: Tenant) -> None:
        log_in(client, tenant)
        for path in ("/", "/documents", "/upload", "/invoices", "/settings/api-keys", "/relances"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert_page_headers(response)

    def test_the_pay_page(self, capture: Capture, tenant: Tenant, client: TestClient) -> None:
        response = client.get(f"/pay/{token_of(ready_invoice(capture, tenant))}")
        assert response.status_code == 200
        assert_page_headers(response)

    def test_html_error_pages(self, client: TestClient) -> None:
        missing_link = client.get("/pay/no-such-token")
        assert missing_link.status_code == 404
        assert_page_headers(missing_link)
        unknown_page = client.get("/no/such/page")
        assert unknown_page.status_code == 404
        assert_page_headers(unknown_page)

    def test_json_answers_and_json_errors(self, client: TestClient, tenant: Tenant) -> None:
        for response, status in (
            (client.get("/api/v1/documents", headers=tenant.headers), 200),
            (client.get("/api/v1/documents"), 401),
            (client.get("/api/v1/documents/not-a-uuid", headers=tenant.headers), 422),
            (client.get("/healthz"), 200),
        ):
            assert response.status_code == status
            assert response.headers["content-type"].startswith("application/json")
            assert_sandboxed(response)

    def test_an_unexpected_error_still_carries_the_headers(self, app: FastAPI) -> None:
        def boom() -> None:
            raise RuntimeError("boom")

        app.add_api_route("/api/v1/test-boom", boom)
        app.router.routes.insert(0, app.router.routes.pop())  # before the web app mounted on "/"
        with TestClient(app, raise_server_exceptions=False) as client:
            response = client.get("/api/v1/test-boom")
        assert response.status_code == 500
        assert_sandboxed(response)

    def test_static_files(self, client: TestClient) -> None:
        for path in ("/static/app.css", "/static/upload.js"):
            response = client.get(path)
            assert response.status_code == 200
            assert response.headers["x-content-type-options"] == "nosniff"
            assert_sandboxed(response)

    def test_no_hsts_on_a_plain_http_service(self, client: TestClient) -> None:
        assert "strict-transport-security" not in client.get("/login").headers


# ------------------------------------------------------------------ uploaded and generated files


class TestServedFiles:
    def test_an_uploaded_xml_is_only_ever_a_sandboxed_download(
        self, capture: Capture, client: TestClient, tenant: Tenant
    ) -> None:
        xml = hostile_ubl(MARKER, number="HOSTILE-1")
        document = capture(tenant, "hostile.xml", xml)
        assert document["status"] == "ready"

        served = client.get(f"/api/v1/documents/{document['id']}/file", headers=tenant.headers)

        assert served.status_code == 200
        assert served.content == xml  # the bytes as uploaded, for the owner to keep
        assert disposition(served) == "attachment"
        assert served.headers["content-type"].startswith("application/xml")
        assert_sandboxed(served)

    def test_an_uploaded_pdf_is_a_download_and_an_image_is_shown_sandboxed(
        self, client: TestClient, tenant: Tenant
    ) -> None:
        pdf = javascript_pdf(MARKER, label="api")
        png = image_bytes("PNG")
        pdf_doc, png_doc = upload(client, tenant, "js.pdf", pdf), upload(client, tenant, "i.png", png)

        served_pdf = client.get(f"/api/v1/documents/{pdf_doc['id']}/file", headers=tenant.headers)
        served_png = client.get(f"/api/v1/documents/{png_doc['id']}/file", headers=tenant.headers)

        assert (served_pdf.content, disposition(served_pdf)) == (pdf, "attachment")
        assert (served_png.content, disposition(served_png)) == (png, "inline")
        assert served_png.headers["content-type"] == "image/png"
        assert_sandboxed(served_pdf)
        assert_sandboxed(served_png)

    def test_page_images(self, capture: Capture, client: TestClient, tenant: Tenant) -> None:
        document = capture(tenant, "p.pdf", pdf_bytes(1, label="page-image"))
        response = client.get(f"/api/v1/documents/{document['id']}/pages/1.png", headers=tenant.headers)
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/png"
        assert_sandboxed(response)

    def test_csv_exports(self, client: TestClient, tenant: Tenant) -> None:
        api_export = client.get("/api/v1/invoices/export.csv", headers=tenant.headers)
        log_in(client, tenant)
        page_export = client.get("/invoices.csv")
        for response in (api_export, page_export):
            assert response.status_code == 200, response.text
            assert disposition(response) == "attachment"
            assert_sandboxed(response)


class TestThePayersInvoice:
    def test_an_xml_invoice_is_shown_as_a_pdf_of_its_fields(
        self, capture: Capture, client: TestClient, tenant: Tenant
    ) -> None:
        xml = hostile_ubl(MARKER, number="HOSTILE-2")
        invoice = capture.invoice(tenant, capture(tenant, "hostile.xml", xml))
        token = token_of(invoice)

        page = client.get(f"/pay/{token}")
        view = client.get(f"/pay/{token}/invoice")
        original = client.get(f"/pay/{token}/invoice/original")

        assert f'href="/pay/{token}/invoice/original"' in page.text
        assert view.status_code == 200
        assert view.headers["content-type"] == "application/pdf"
        assert disposition(view) == "inline"
        assert_sandboxed(view)
        assert view.content.startswith(b"%PDF-")
        text = pdf_text(view.content)
        assert "Facture HOSTILE-2" in text
        assert "Fournitures Pirates SAS" in text
        assert re.search(r"120,00\s€", text)
        assert "02/12/2026" in text
        assert b"PWNED" not in view.content
        assert b"fetch(" not in view.content

        assert original.content == xml
        assert disposition(original) == "attachment"
        assert_sandboxed(original)

    def test_a_pdf_invoice_is_shown_without_its_javascript(
        self, capture: Capture, client: TestClient, tenant: Tenant
    ) -> None:
        document = capture(tenant, "js.pdf", javascript_pdf(MARKER, label="pay"))
        invoice = capture.invoice(tenant, document)
        fields = {"invoice_number": "JS-1", "issue_date": "2026-11-01", "total_incl_tax": "10.00",
                  "buyer_name": "Garage Dupont"}  # fmt: skip
        client.patch(f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers, json={"fields": fields})
        approved = client.post(f"/api/v1/invoices/{invoice['id']}/approve", headers=tenant.headers).json()

        view = client.get(f"/pay/{token_of(approved)}/invoice")

        assert view.status_code == 200
        assert disposition(view) == "inline"
        assert_sandboxed(view)
        assert "Facture piegee pay" in pdf_text(view.content)  # still the seller's document
        for marker in (b"/JavaScript", b"/JS", b"/OpenAction", b"/AA", b"app.alert"):
            assert marker not in view.content, marker
        page = client.get(f"/pay/{token_of(approved)}")
        assert "/invoice/original" not in page.text  # only an XML invoice offers its original


# ------------------------------------------------------------------ cookies and HSTS


@pytest.fixture
def production(tmp_path: Path, database_url: str) -> Iterator[tuple[TestClient, Tenant]]:
    yield from _app_with(tmp_path, database_url, env="production", public_url="https://encaisse.example.fr")


def _app_with(tmp_path: Path, database_url: str, **overrides: object) -> Iterator[tuple[TestClient, Tenant]]:
    settings = make_settings(tmp_path / "data", database_url, secret_key="s" * 48, **overrides)
    runtime = Runtime.build(settings)
    try:
        with unit_of_work(runtime.session_factory) as session:
            tenant = create_tenant(session, name="Boulangerie Martin")
        with TestClient(create_app(settings, runtime=runtime)) as client:
            yield client, tenant
    finally:
        runtime.close()


def session_cookie_header(client: TestClient, tenant: Tenant) -> str:
    response = log_in_response(client, tenant)
    cookies = [value for key, value in response.headers.multi_items() if key == "set-cookie"]
    return next(value for value in cookies if value.startswith("encaisse_session="))


class TestCookiesAndTransport:
    def test_production_session_cookie_is_secure_and_hsts_is_sent(
        self, production: tuple[TestClient, Tenant]
    ) -> None:
        client, tenant = production
        cookie = session_cookie_header(client, tenant).lower()
        assert "; secure" in cookie
        assert "httponly" in cookie
        hsts = client.get("/login").headers["strict-transport-security"]
        assert re.fullmatch(r"max-age=(\d+); includeSubDomains", hsts)
        assert int(hsts.split("=")[1].split(";")[0]) >= 180 * 24 * 3600

    def test_development_session_cookie_is_not_secure(self, client: TestClient, tenant: Tenant) -> None:
        assert "secure" not in session_cookie_header(client, tenant).lower()

    def test_an_explicit_setting_wins_in_production(self) -> None:
        base: dict[str, Any] = {"env": "production", "secret_key": "s" * 48}
        assert Settings(_env_file=None, **base).session_cookie_secure is True
        explicit = Settings(_env_file=None, session_cookie_secure=False, **base)
        assert explicit.session_cookie_secure is False
        assert Settings(_env_file=None).session_cookie_secure is False
