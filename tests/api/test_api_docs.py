"""The JSON API's interactive docs (`/docs`, api/api_docs.py) work offline under the strict page policy.

Before: FastAPI's default page loaded Swagger UI from cdn.jsdelivr.net and started it with an inline
`<script>`, which `script-src 'self'` blocks: a blank page, and a CDN fetched at run time. `/redoc` (also
a CDN page, whose `<style>` injection the policy forbids) was on too."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient

from api.security_headers import PAGE_POLICY

ASSET_TYPES = {"script": "text/javascript", "link": "text/css"}
ABSOLUTE_URL = re.compile(r"""(?:https?:)?//[^\s"'<>]+""", re.IGNORECASE)


class Assets(HTMLParser):
    """The URLs a page loads (`<script src>`, `<link href>`, `<img src>`; `data:` aside, a URL loads
    nothing) and its inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.inline_scripts = 0
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        url = found.get("src") if tag in {"script", "img", "iframe"} else found.get("href")
        if tag in {"script", "link", "img", "iframe"} and url and not url.startswith("data:"):
            self.urls.append((tag, url))
        self._in_inline_script = tag == "script" and not found.get("src")

    def handle_data(self, data: str) -> None:
        if self._in_inline_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        self._in_inline_script = False


def test_docs_page_loads_only_our_own_assets_under_the_strict_policy(client: TestClient) -> None:
    page = client.get("/docs")

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == PAGE_POLICY
    assert ABSOLUTE_URL.findall(page.text) == []  # no CDN, no other host: every URL is a path of ours
    assets = Assets()
    assets.feed(page.text)
    assert assets.inline_scripts == 0
    assert 'data-openapi-url="/openapi.json"' in page.text
    kinds = sorted(tag for tag, _ in assets.urls)
    assert kinds == ["link", "script", "script"], assets.urls  # the style sheet, the bundle, our init
    for tag, url in assets.urls:
        assert url.startswith("/"), url
        assert not url.startswith("//"), url
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert asset.headers["content-type"].split(";")[0] == ASSET_TYPES[tag], url
        assert len(asset.content) > 0
    assert "SwaggerUIBundle" in client.get("/api-docs-assets/init.js").text
    assert client.get("/openapi.json").json()["info"]["title"] == "Encaisse"


def test_only_the_named_swagger_files_are_served(client: TestClient) -> None:
    """The package's other files (ReDoc's bundle, its favicon) are not exposed, and nothing outside it."""
    for path in ("redoc.standalone.js", "favicon.png", "../__init__.py", "%2e%2e/__init__.py"):
        assert client.get(f"/api-docs-assets/{path}").status_code == 404, path


def test_fastapis_cdn_pages_are_off(client: TestClient) -> None:
    for path in ("/redoc", "/docs/oauth2-redirect"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 404, path
        assert "cdn.jsdelivr.net" not in answer.text, path
