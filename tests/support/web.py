"""Browser-page test helpers: log a test client in through the real login form, read the HTML it gets."""

from __future__ import annotations

import re

import httpx2
import lxml.html
from fastapi.testclient import TestClient

from tests.factories import Tenant


def log_in(client: TestClient, tenant: Tenant) -> TestClient:
    log_in_response(client, tenant)
    return client


def log_in_response(client: TestClient, tenant: Tenant) -> httpx2.Response:
    """The answer to a successful login through the form (its cookies, its headers)."""
    page = client.get("/login").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf
    form = {"email": tenant.email, "password": tenant.password, "csrf_token": csrf.group(1), "next": "/"}
    response = client.post("/login", data=form, follow_redirects=False)
    assert response.status_code == 303
    return response


def csrf_of(html: str) -> str:
    found = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert found
    return found.group(1)


def parse(response: httpx2.Response) -> lxml.html.HtmlElement:
    assert response.headers["content-type"].startswith("text/html"), response.headers["content-type"]
    return lxml.html.fromstring(response.text)


def text_of(page: lxml.html.HtmlElement, xpath: str) -> str:
    """The one element's text, whitespace collapsed (non-breaking spaces become plain ones)."""
    (element,) = page.xpath(xpath)
    return " ".join(element.text_content().split())


def texts_of(page: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(element.text_content().split()) for element in page.xpath(xpath)]
