"""The set-up checklist in a real Chromium, on a server of its own (a fresh organisation, whatever the other
browser tests save on the shared one): seen on a 1280 px screen and a 390 px phone, the identity link
followed, the identity saved, the item ticked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from tests.support.browser import shoot_fitting
from tests.web.conftest import BROWSER_TIMEOUT_MS, LiveServer, serving
from tests.web.test_browser import DESKTOP, PHONE, log_in

pytestmark = pytest.mark.browser

ITEMS = "[data-testid='setup-checklist'] li.setup-item"


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with serving(tmp_path_factory.mktemp("setup-checklist-server")) as server:
        yield server


@pytest.fixture
def open_home(chromium_browser: Browser, fresh_server: LiveServer) -> Iterator[object]:
    contexts: list[BrowserContext] = []

    def open_page(viewport: ViewportSize) -> Page:
        context = chromium_browser.new_context(base_url=fresh_server.url, viewport=viewport, locale="fr-FR")
        context.set_default_timeout(BROWSER_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        log_in(page, fresh_server, "/")
        return page

    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    yield open_page
    for context in contexts:
        context.close()


def expect_checklist_on_screen(page: Page, viewport: ViewportSize, screenshot: Path) -> None:
    """Six steps, each with its state and its link inside the screen's width; nothing scrolls sideways."""
    expect(page.locator("[data-testid='setup-checklist'] h2")).to_have_text("Bien démarrer")
    items = page.locator(ITEMS)
    expect(items).to_have_count(6)
    for index in range(6):
        link = items.nth(index).locator("a.button")
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= viewport["width"], (index, box)
    shoot_fitting(page, screenshot, viewport)


def test_a_fresh_organisation_is_guided_to_its_identity_and_sees_it_done(  # type: ignore[no-untyped-def]
    open_home, fresh_server: LiveServer, screenshots_dir: Path
) -> None:
    phone: Page = open_home(PHONE)
    expect_checklist_on_screen(phone, PHONE, screenshots_dir / "setup-checklist-phone.png")
    expect(phone.locator("[data-testid='setup-identity']")).to_have_attribute("data-state", "todo")

    page: Page = open_home(DESKTOP)
    expect_checklist_on_screen(page, DESKTOP, screenshots_dir / "setup-checklist-desktop.png")
    identity = page.locator("[data-testid='setup-identity']")
    expect(identity.locator("[data-testid='setup-identity-state']")).to_have_text("À faire")

    identity.get_by_role("link", name="Renseigner l'identité").click()
    expect(page).to_have_url(fresh_server.url + "/settings/organisation#identity")
    form = page.locator("form#identity")
    form.locator("#legal_name").fill("Boulangerie Martin SAS")
    form.locator("#siren").fill("732 829 320")
    form.locator("button[type=submit]").click()
    expect(page.locator("p.notice[role=status]")).to_be_visible()

    page.goto("/")
    expect(identity).to_have_attribute("data-state", "done")
    expect(identity.locator("[data-testid='setup-identity-state']")).to_have_text("Fait")
    expect(page.locator("[data-testid='setup-progress']")).to_have_text("Étapes faites : 1 sur 6")
    phone.reload()
    expect(phone.locator("[data-testid='setup-identity']")).to_have_attribute("data-state", "done")
