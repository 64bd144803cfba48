"""The JSON API's interactive docs (`/docs`, api/api_docs.py) work offline under the strict page policy.

Before: FastAPI's default page loaded Swagger UI from cdn.jsdelivr.net and started it with an inline
`<script>`, which `script-src 'self'` blocks: a blank page, and a CDN fetched at run time. `/redoc` (also
a CDN page, whose `<style>` injection the policy forbids) was on too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, ConsoleMessage, Request, expect

from api.security_headers import PAGE_POLICY
from tests.web.conftest import BROWSER_TIMEOUT_MS, CHROMIUM, CHROMIUM_ARGS, LiveServer, serving

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


# ---------------------------------------------------------------- in a real Chromium


@pytest.fixture(scope="module")
def docs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with serving(tmp_path_factory.mktemp("docs-server")) as server:
        yield server


@pytest.fixture(scope="module")
def docs_browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run `make setup` (or set ENCAISSE_TEST_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


# Reports every CSP violation of the page (init scripts run outside the page's policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.mark.browser
def test_swagger_ui_renders_the_operations_in_chromium(
    docs_browser: Browser, docs_server: LiveServer
) -> None:
    context = docs_browser.new_context(base_url=docs_server.url)
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    errors: list[str] = []
    requests: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        console.append(f"{message.type}: {message.text}")

    def on_request(request: Request) -> None:
        requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", on_request)
    try:
        response = page.goto("/docs")
        assert response is not None
        assert response.status == 200
        assert response.headers["content-security-policy"] == PAGE_POLICY

        # The first render parses a 1.5 MB bundle: the suite's browser timeout, not expect's 5 s default.
        expect(page.locator(".swagger-ui .info .title")).to_contain_text(
            "Encaisse", timeout=BROWSER_TIMEOUT_MS
        )
        operations = page.locator(".opblock")
        expect(operations.first).to_be_visible()
        assert operations.count() > 10  # the whole API, not one stray block
        expect(page.locator(".opblock-summary-path", has_text="/api/v1/invoices").first).to_be_visible()

        # Opening an operation works too (rendering its parameters and the schemas it answers with).
        page.locator(".opblock-summary", has_text="/healthz").first.click()
        expect(page.locator(".opblock.is-open .responses-wrapper")).to_be_visible()

        violations = page.evaluate("window.__cspViolations")
    finally:
        context.close()

    assert violations == []
    assert [line for line in console if "Content Security Policy" in line] == []
    assert [line for line in console if line.startswith("error")] == [], requests
    assert errors == []
    assert requests, "the page made no request at all"
    assert [url for url in requests if not url.startswith(docs_server.url + "/")] == []
