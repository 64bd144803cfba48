"""Journeys in a real headless Chromium against the real `encaisse serve` (embedded SQLite).

The server is shared by the tests of a process, so each test uploads files of its own (unique bytes)
and counts documents as a difference, never as an absolute number.
"""

from __future__ import annotations

import base64
import re
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx2
import pytest
from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from api.money import format_money
from tests.support.browser import shoot_fitting
from tests.support.files import pdf_bytes
from tests.web.conftest import BROWSER_TIMEOUT_MS, LiveServer

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
READY_TIMEOUT_MS = 20_000
FAKE_PDF = b"Bonjour, ceci n'est pas un PDF.\n" * 10

NewPage = Callable[..., Page]


@pytest.fixture
def new_page(chromium_browser: Browser, live_server: LiveServer) -> Iterator[NewPage]:
    """Opens pages in fresh contexts (no cookies) on the live server; fails a test whose page threw."""
    contexts: list[BrowserContext] = []
    page_errors: list[str] = []

    def open_page(viewport: ViewportSize = DESKTOP) -> Page:
        context = chromium_browser.new_context(base_url=live_server.url, viewport=viewport, locale="fr-FR")
        context.set_default_timeout(BROWSER_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        return page

    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    yield open_page
    for context in contexts:
        context.close()
    assert page_errors == [], f"JavaScript errors in the page: {page_errors}\n{live_server.log_tail()}"


def unique_pdf(tmp_path: Path, name: str, pages: int = 1) -> Path:
    path = tmp_path / name
    path.write_bytes(pdf_bytes(pages, label=secrets.token_hex(8)))
    return path


def unique_png(tmp_path: Path, name: str) -> Path:
    """A photographed receipt: readable text (capture fails on an image without any) and unique bytes."""
    image = Image.new("L", (900, 300), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    draw.text((40, 60), f"Ticket de caisse {secrets.token_hex(4)}", fill=0, font=font)
    draw.text((40, 140), "Total TTC : 12,50 EUR", fill=0, font=font)
    path = tmp_path / name
    image.save(path, format="PNG")
    return path


def log_in(page: Page, server: LiveServer, next_path: str = "/") -> None:
    page.goto(next_path)
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.fill("#email", server.email)
    page.fill("#password", server.password)
    page.click("form[action='/login'] button[type=submit]")
    expect(page).to_have_url(server.url + next_path)
    # The URL changes before the page's deferred scripts run: a file chosen earlier has no handler to see it.
    page.wait_for_load_state("domcontentloaded")


def expect_ready_rows(page: Page, names: list[str]) -> None:
    rows = page.locator("#uploads li")
    expect(rows).to_have_count(len(names))
    expect(rows.locator(".name")).to_have_text(names)
    for index in range(len(names)):
        row = rows.nth(index)
        expect(row).to_have_attribute("data-status", "ready", timeout=READY_TIMEOUT_MS)
        expect(row).to_have_attribute("data-result", "done")
        expect(row.locator(".state")).to_have_class("state ok")
        expect(row.locator("progress")).to_have_js_property("value", 100)


def documents_table(page: Page) -> dict[str, dict[str, str]]:
    """The /documents table: file name -> {column heading: cell text}."""
    page.goto("/documents")
    headings = [" ".join(text.split()) for text in page.locator("thead th").all_inner_texts()]
    table: dict[str, dict[str, str]] = {}
    for row in page.locator("tbody tr").all():
        cells = [" ".join(text.split()) for text in row.locator("td").all_inner_texts()]
        table[cells[0]] = dict(zip(headings, cells, strict=True))
    return table


def test_log_in_through_the_form_reaches_the_dashboard(new_page: NewPage, live_server: LiveServer) -> None:
    page = new_page()
    page.goto("/")
    expect(page).to_have_url(live_server.url + "/login?next=/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text("Connexion")

    page.fill("#email", live_server.email)
    page.fill("#password", "not the password")
    page.click("form[action='/login'] button[type=submit]")
    expect(page.locator("#form-error")).to_have_text("Adresse e-mail ou mot de passe incorrect.")
    expect(page.locator("#email")).to_have_value(live_server.email)

    page.fill("#password", live_server.password)
    page.click("form[action='/login'] button[type=submit]")

    expect(page).to_have_url(live_server.url + "/")
    expect(page.locator("h1")).to_have_text("Tableau de bord")
    expect(page.locator("main")).to_contain_text(f"Bienvenue, {live_server.email}.")
    figures = httpx2.get(f"{live_server.url}/api/v1/reports/home", headers=live_server.api_headers).json()
    outstanding = format_money(figures["outstanding"], "EUR", "fr")
    expect(page.get_by_test_id("kpi-outstanding")).to_have_text(outstanding)
    assert any(
        cookie["name"] == "encaisse_session" and cookie["httpOnly"] for cookie in page.context.cookies()
    )


def test_upload_three_files_through_the_file_input(
    new_page: NewPage, live_server: LiveServer, tmp_path: Path
) -> None:
    files = [
        unique_pdf(tmp_path, "facture-1.pdf"),
        unique_pdf(tmp_path, "facture-2.pdf", 2),
        unique_png(tmp_path, "ticket.png"),
    ]
    before = live_server.api_documents()["total"]
    page = new_page()
    log_in(page, live_server, "/upload")

    page.set_input_files("#file-input", files)

    expect_ready_rows(page, ["facture-1.pdf", "facture-2.pdf", "ticket.png"])
    assert live_server.api_documents()["total"] == before + 3
    table = documents_table(page)
    listed = {name: (table[name]["Type"], table[name]["Pages"], table[name]["État"]) for name in table}
    assert listed["facture-1.pdf"] == ("PDF", "1", "Prêt")
    assert listed["facture-2.pdf"] == ("PDF", "2", "Prêt")
    assert listed["ticket.png"] == ("Image PNG", "1", "Prêt")


def test_drag_and_drop_a_file_on_the_dropzone(new_page: NewPage, live_server: LiveServer) -> None:
    before = live_server.api_documents()["total"]
    page = new_page()
    log_in(page, live_server, "/upload")
    data = base64.b64encode(pdf_bytes(1, label=secrets.token_hex(8))).decode()
    transfer = page.evaluate_handle(
        """([name, data]) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: "application/pdf" }));
            return transfer;
        }""",
        ["glisse.pdf", data],
    )
    zone = page.locator("#dropzone")

    zone.dispatch_event("dragenter", {"dataTransfer": transfer})
    expect(zone).to_have_class(re.compile(r"\bover\b"))
    zone.dispatch_event("drop", {"dataTransfer": transfer})

    expect(zone).not_to_have_class(re.compile(r"\bover\b"))
    expect_ready_rows(page, ["glisse.pdf"])
    assert live_server.api_documents()["total"] == before + 1
    assert documents_table(page)["glisse.pdf"]["État"] == "Prêt"


def test_a_text_file_named_pdf_shows_a_failed_row_with_the_reason(
    new_page: NewPage, live_server: LiveServer, tmp_path: Path
) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_bytes(FAKE_PDF)
    renamed = text_file.rename(tmp_path / "pas-un-pdf.pdf")
    before = live_server.api_documents()["total"]
    page = new_page()
    log_in(page, live_server, "/upload")

    page.set_input_files("#file-input", renamed)

    row = page.locator("#uploads li")
    expect(row).to_have_count(1)
    expect(row).to_have_attribute("data-result", "failed")
    expect(row.locator(".state")).to_have_class("state failed")
    expect(row.locator(".state")).to_have_text(
        "Échec : ce n'est ni un PDF, ni un XML, ni une image JPEG, PNG ou TIFF (d'après son contenu)."
    )
    assert row.get_attribute("data-status") is None
    assert live_server.api_documents()["total"] == before
    assert "pas-un-pdf.pdf" not in documents_table(page)


def test_switch_to_english_and_back(new_page: NewPage, live_server: LiveServer) -> None:
    page = new_page()
    log_in(page, live_server, "/upload")
    nav = page.locator("header nav")
    expect(nav.locator("a[href='/']")).to_have_text("Accueil")
    expect(nav.locator("a[href='/upload']")).to_have_text("Déposer")

    page.click("a[hreflang=en]")

    expect(page).to_have_url(live_server.url + "/upload")  # back where the user was
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(nav.locator("a[href='/']")).to_have_text("Home")
    expect(nav.locator("a[href='/upload']")).to_have_text("Upload")
    expect(nav.locator("a[href='/documents']")).to_have_text("Documents")
    expect(page.locator("header button[type=submit]")).to_have_text("Log out")
    expect(page.locator("h1")).to_have_text("Upload invoices")
    expect(page.locator("#drop-help")).to_have_text("Drag and drop your files here")
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Dashboard")

    page.click("a[hreflang=fr]")

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text("Tableau de bord")


def test_log_out_returns_to_the_login_page(new_page: NewPage, live_server: LiveServer) -> None:
    page = new_page()
    log_in(page, live_server)

    page.get_by_role("button", name="Se déconnecter").click()

    expect(page).to_have_url(live_server.url + "/login?logged_out=1")
    expect(page.locator(".notice")).to_have_text("Vous êtes déconnecté.")
    assert [c for c in page.context.cookies() if c["name"] == "encaisse_session"] == []
    page.goto("/documents")
    expect(page).to_have_url(live_server.url + "/login?next=/documents")


@pytest.mark.parametrize(
    ("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)], ids=["phone", "desktop"]
)
def test_screenshots_of_each_page(
    new_page: NewPage,
    live_server: LiveServer,
    screenshots_dir: Path,
    tmp_path: Path,
    size: str,
    viewport: ViewportSize,
) -> None:
    page = new_page(viewport)

    def shoot(name: str) -> None:
        shoot_fitting(page, screenshots_dir / f"{name}-{size}.png", viewport)

    page.goto("/login")
    expect(page.locator("h1")).to_have_text("Connexion")
    shoot("login")
    log_in(page, live_server)
    shoot("dashboard")
    page.goto("/upload")
    page.set_input_files(
        "#file-input",
        [unique_pdf(tmp_path, f"facture-{size}.pdf"), unique_png(tmp_path, f"photo-{size}.png")],
    )
    expect_ready_rows(page, [f"facture-{size}.pdf", f"photo-{size}.png"])
    page.set_input_files(
        "#file-input", {"name": "faux.pdf", "mimeType": "application/pdf", "buffer": FAKE_PDF}
    )
    expect(page.locator("#uploads li").nth(2)).to_have_attribute("data-result", "failed")
    shoot("upload")
    documents_table(page)
    expect(page.locator("tbody tr").first).to_be_visible()
    shoot("documents")
