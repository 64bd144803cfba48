"""Issue 14, part 1, in a real Chromium: uploaded content never runs on our origin.

Organisation B uploads a UBL invoice carrying an XHTML <script> (and an onerror handler) and a PDF that
opens with JavaScript. A user of organisation A, logged in, opens every URL that serves them (the public
pay links' invoice views and originals, the documents API); B's own user opens its files and page images
too. Had any script run as the viewer, it would have created an API key named "stolen-by-..." and called
the marker server; a PDF's JavaScript would have raised an alert dialog.

Before the fix, Chromium ran the XML's script on `/pay/{token}/invoice` (served `application/xml`, inline,
no CSP): it read the viewer's CSRF token and created an API key (measured in the issue)."""

from __future__ import annotations

import http.server
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Error, Page

from tests.support.hostile import hostile_ubl, javascript_pdf
from tests.web.conftest import BROWSER_TIMEOUT_MS, LiveServer, _encaisse_executable

pytestmark = pytest.mark.browser

ORG_B = "Fournitures Pirates"
B_EMAIL = "pirate@fournitures-pirates.example.com"
B_PASSWORD = "Corsaire-Lanterne-7319-Hublot"
SETTLE_MS = 1500  # time for a script (or a PDF's OpenAction) to run after the page loaded


class _Marker(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def _hit(self) -> None:
        self.hits.append(f"{self.command} {self.path}")
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()

    do_GET = do_POST = _hit

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def marker() -> Iterator[tuple[str, list[str]]]:
    """A server of the test's own: any request it receives means a hostile script ran."""
    hits: list[str] = []
    handler = type("Marker", (_Marker,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/marker", hits
    server.shutdown()
    server.server_close()


def _cli(server: LiveServer, *args: str) -> str:
    env = {"PATH": "/usr/bin:/bin", "ENCAISSE_ENV": "development", "HOME": str(server.data_dir)}
    done = subprocess.run(
        [str(_encaisse_executable()), *args, "--data-dir", str(server.data_dir)],
        env=env, capture_output=True, text=True, timeout=60, check=True, cwd=server.data_dir,
    )  # fmt: skip
    return done.stdout


@pytest.fixture(scope="module")
def org_b(live_server: LiveServer) -> dict[str, str]:
    """A second organisation on the live server, with its user and an API key."""
    _cli(live_server, "org", "create", ORG_B)
    _cli(live_server, "user", "create", B_EMAIL, "--org", ORG_B, "--password", B_PASSWORD)
    key = _cli(live_server, "apikey", "create", "--org", ORG_B).strip().splitlines()[-1]
    return {"Authorization": f"Bearer {key}"}


def _api(server: LiveServer, headers: dict[str, str], method: str, path: str, **kwargs: Any) -> Any:
    response = httpx2.request(method, server.url + path, headers=headers, timeout=30, **kwargs)
    assert response.status_code < 300, response.text
    return response.json()


def _captured(server: LiveServer, headers: dict[str, str], name: str, data: bytes) -> dict[str, Any]:
    uploaded = _api(server, headers, "POST", "/api/v1/documents", files={"file": (name, data)})
    document_id = uploaded["documents"][0]["id"]
    deadline = time.monotonic() + 60
    while (document := _api(server, headers, "GET", f"/api/v1/documents/{document_id}"))[
        "status"
    ] == "pending":
        assert time.monotonic() < deadline, "capture did not finish"
        time.sleep(0.2)
    result: dict[str, Any] = document
    return result


def _ready(server: LiveServer, headers: dict[str, str], document: dict[str, Any]) -> dict[str, Any]:
    invoice: dict[str, Any] = _api(server, headers, "GET", f"/api/v1/invoices/{document['invoice_id']}")
    if invoice["pay_url"] is None:
        fields = {"invoice_number": "JS-PDF-1", "issue_date": "2026-11-01", "total_incl_tax": "10.00",
                  "buyer_name": "Atelier"}  # fmt: skip
        _api(server, headers, "PATCH", f"/api/v1/invoices/{invoice['id']}", json={"fields": fields})
        invoice = _api(server, headers, "POST", f"/api/v1/invoices/{invoice['id']}/approve")
    assert invoice["pay_url"], invoice
    return invoice


@dataclass
class Watch:
    """What a browser context did that only a running script could do."""

    dialogs: list[str] = field(default_factory=list)
    popups: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    opened: dict[str, str] = field(default_factory=dict)  # url -> "page" or "download"


def _context(browser: Browser, server: LiveServer, watch: Watch) -> BrowserContext:
    context = browser.new_context(base_url=server.url, locale="fr-FR", accept_downloads=True)
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    return context


def _log_in(page: Page, email: str, password: str) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


def _open(page: Page, url: str, watch: Watch) -> None:
    """Open `url` as a user would (a download is fine), then leave any script the time to run."""

    def dismissed(dialog: Dialog) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismissed)
    page.on("popup", lambda popup: watch.popups.append(popup.url))
    try:
        response = page.goto(url)
        watch.opened[url] = f"page {response.status if response else '?'}"
    except Error as exc:
        if "Download is starting" not in str(exc):
            raise
        watch.opened[url] = "download"
    page.wait_for_timeout(SETTLE_MS)
    watch.titles.append(page.title())


def _stolen_keys(page: Page) -> list[str]:
    page.goto("/settings/api-keys")
    return [line for line in page.inner_text("main").splitlines() if "stolen-by" in line]


def test_hostile_uploads_never_run_as_the_viewer(
    chromium_browser: Browser,
    live_server: LiveServer,
    org_b: dict[str, str],
    marker: tuple[str, list[str]],
    tmp_path: Path,
) -> None:
    marker_url, hits = marker
    stamp = str(time.time_ns() % 10**9)
    xml_doc = _captured(
        live_server, org_b, f"pirate-{stamp}.xml", hostile_ubl(marker_url, number=f"X-{stamp}")
    )
    pdf_doc = _captured(live_server, org_b, f"pirate-{stamp}.pdf", javascript_pdf(marker_url, label=stamp))
    assert xml_doc["status"] == "ready"  # the XML really became an invoice with a public pay link
    xml_pay = _ready(live_server, org_b, xml_doc)["pay_url"]
    pdf_pay = _ready(live_server, org_b, pdf_doc)["pay_url"]

    victim_watch, owner_watch = Watch(), Watch()
    victim = _context(chromium_browser, live_server, victim_watch)
    owner = _context(chromium_browser, live_server, owner_watch)
    try:
        # A user of organisation A, logged in, opens everything that serves B's files.
        page = victim.new_page()
        _log_in(page, live_server.email, live_server.password)
        for url in (
            xml_pay,
            f"{xml_pay}/invoice",
            f"{xml_pay}/invoice/original",
            f"{pdf_pay}/invoice",
            f"{pdf_pay}/invoice/original",
            *(f"/api/v1/documents/{d['id']}/file" for d in (xml_doc, pdf_doc)),
        ):
            _open(victim.new_page(), url, victim_watch)
        a_stolen = _stolen_keys(page)

        # B's own user opens its files and page images (an upload may come from anyone: inbox, API).
        page = owner.new_page()
        _log_in(page, B_EMAIL, B_PASSWORD)
        for url in (
            f"/api/v1/documents/{xml_doc['id']}/file",
            f"/api/v1/documents/{pdf_doc['id']}/file",
            f"/api/v1/documents/{pdf_doc['id']}/pages/1.png",
            f"/invoices/{pdf_doc['invoice_id']}/review",
            f"{xml_pay}/invoice",
            f"{pdf_pay}/invoice",
        ):
            _open(owner.new_page(), url, owner_watch)
        b_stolen = _stolen_keys(page)
    finally:
        victim.close()
        owner.close()

    # The URLs were really opened: the XML views as PDFs, originals as downloads, other org's files 404.
    assert victim_watch.opened[f"{xml_pay}/invoice"] == "page 200"
    assert victim_watch.opened[f"{pdf_pay}/invoice"] == "page 200"
    assert victim_watch.opened[f"{xml_pay}/invoice/original"] == "download"
    assert victim_watch.opened[f"/api/v1/documents/{xml_doc['id']}/file"] == "page 404"
    assert owner_watch.opened[f"/api/v1/documents/{xml_doc['id']}/file"] == "download"
    assert owner_watch.opened[f"/api/v1/documents/{pdf_doc['id']}/pages/1.png"] == "page 200"
    # And nothing ran: no request reached the marker, no key was created, no alert, no window, no title.
    assert hits == [], f"a hostile script ran: {hits}"
    assert a_stolen == []
    assert b_stolen == []
    assert victim_watch.dialogs + owner_watch.dialogs == []
    assert victim_watch.popups + owner_watch.popups == []
    assert "PWNED" not in victim_watch.titles + owner_watch.titles
