"""The navigation in a real Chromium: one line on a 1280 px screen, behind a menu button on a phone."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2
import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.web.conftest import BROWSER_TIMEOUT_MS, LiveServer
from tests.web.test_browser import DESKTOP, PHONE, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def open_at(chromium_browser: Browser, live_server: LiveServer) -> Iterator[object]:
    contexts = []

    def open_page(viewport: ViewportSize) -> Page:
        context = chromium_browser.new_context(base_url=live_server.url, viewport=viewport, locale="fr-FR")
        context.set_default_timeout(BROWSER_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        log_in(page, live_server, "/invoices")
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_on_a_desktop_every_link_sits_on_one_line_and_the_invoice_table_fits(open_at) -> None:  # type: ignore[no-untyped-def]
    page: Page = open_at(DESKTOP)

    tops = page.locator("#main-nav a").evaluate_all("links => links.map(a => a.getBoundingClientRect().top)")
    assert len(tops) >= 8
    assert max(tops) - min(tops) < 2, tops
    topbar = page.locator(".topbar").bounding_box()
    assert topbar is not None
    assert topbar["height"] < 70
    expect(page.locator(".menu-toggle")).to_be_hidden()
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0  # every column of the invoice table is on the screen


def test_on_a_phone_the_links_open_from_a_menu_button(open_at) -> None:  # type: ignore[no-untyped-def]
    page: Page = open_at(PHONE)
    menu = page.locator(".menu-toggle")
    invoices = page.locator("#main-nav a[href='/clients']")

    base = page.url.split("/invoices")[0]
    expect(menu).to_be_visible()
    expect(invoices).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(invoices).to_be_visible()
    invoices.click()
    expect(page).to_have_url(base + "/clients")


def test_the_favicon_is_served_from_our_origin(live_server: LiveServer) -> None:
    response = httpx2.get(live_server.url + "/static/favicon.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in response.content
