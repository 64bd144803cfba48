"""The JSON API's interactive docs (`/docs`, api/api_docs.py) render in a real Chromium under the strict page
policy, with every request to our own origin (the page's own checks: tests/api/test_api_docs.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Request, expect

from api.security_headers import PAGE_POLICY
from tests.web.conftest import BROWSER_TIMEOUT_MS, LiveServer

# Reports every CSP violation of the page (init scripts run outside the page's policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.mark.browser
def test_swagger_ui_renders_the_operations_in_chromium(
    chromium_browser: Browser, live_server: LiveServer
) -> None:
    context = chromium_browser.new_context(base_url=live_server.url)
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
    assert [url for url in requests if not url.startswith(live_server.url + "/")] == []
