"""The owner's first hours, in French, in a real Chromium against its own `encaisse serve` (fresh data dir):

log in with the first-start credentials → the home page's set-up checklist → the identity → an IBAN →
Settings → E-mails pointing at a local mail server, and its test email received → an invoice due in June 2017
uploaded → reviewed with French-format corrections (`09/06/2017`, `1 234,56`) → approved → the first reminder
goes out and states the 2017 late-payment rate (ECB 0.00 % + 10 points = 10,00 %).

The server's clock is pinned to 20 June 2017 (an invoice due in 2017 is time-barred in 2026: nothing would be
sent). Every page visited must hold no English sentence from the catalogues, and each step is kept as a
screenshot at 390 px and 1280 px (test-artifacts/screenshots/journey-fr-*).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from api import clock
from api.dunning.tasks import fan_out
from tests.support.browser import shoot_fitting
from tests.support.files import text_pdf_bytes
from tests.support.processes import wait_until
from tests.support.smtp import Inbox, running_smtp
from tests.web.conftest import BROWSER_TIMEOUT_MS, LiveServer, serving

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
SERVER_NOW = datetime(2017, 6, 20, 8, 0, tzinfo=UTC)  # a Tuesday: J+11 after the due date
CLIENT_EMAIL = "compta@boulangerie-martin.example"
LOCALES = Path(__file__).resolve().parents[2] / "web" / "locales"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
STARTED_AT: list[datetime] = []  # the wall-clock instant the server's clock reads SERVER_NOW


def english_sentences() -> list[str]:
    """The pieces of the English catalogues, between placeholders, of three words or more that no French
    text contains: seeing one on a French page means a sentence was not translated."""

    def pieces(language: str) -> Iterator[str]:
        for path in sorted((LOCALES / language).glob("*.json")):
            for text in json.loads(path.read_text()).values():
                for piece in PLACEHOLDER.split(str(text)):
                    yield " ".join(piece.split()).strip(" .:;,()—-")

    french = " \n".join(pieces("fr")).casefold()
    return sorted({p for p in pieces("en") if len(p.split()) >= 3 and p.casefold() not in french})


ENGLISH = english_sentences()


def english_on(page: Page) -> list[str]:
    text = " ".join(page.locator("body").inner_text().split()).casefold()
    return [sentence for sentence in ENGLISH if sentence.casefold() in text]


@pytest.fixture(scope="module")
def smtp() -> Iterator[tuple[Inbox, int]]:
    with running_smtp() as running:
        yield running


FAKETIME_KEYS = ("LD_PRELOAD", "FAKETIME")


def under_faketime() -> bool:
    return "faketime" in os.environ.get("LD_PRELOAD", "")


def faked_ahead() -> timedelta:
    """How far libfaketime moves this process's wall clock from the machine's (the moved-clock pass of
    scripts/test.sh): a process started without it reads the machine's. Read a little too far (by the
    time that process takes to exit), so the server's clock is never behind this test's."""
    machine = {key: value for key, value in os.environ.items() if not key.startswith(FAKETIME_KEYS)}
    said = subprocess.run(
        [sys.executable, "-c", "import time; print(time.time())"],
        env=machine, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return clock.wall_now() - datetime.fromtimestamp(float(said.stdout), UTC)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The server's clock is pinned to SERVER_NOW, so libfaketime moves nothing it reads: under it (the
    moved-clock pass) the server runs without it, like redis-server. libfaketime 0.9.10 fakes the monotonic
    clock but not `sem_clockwait`, by which CPython 3.11 times its waits: there `Event.wait(1)` never times
    out, and the server's scheduler, which waits so between sweeps, swept once, at start, never the reminder
    job this test queues. The pinned moment is then handed over on the machine's clock."""
    STARTED_AT.append(clock.wall_now())
    moved = under_faketime()
    since = STARTED_AT[0] - (faked_ahead() if moved else timedelta(0))
    pinned = {
        "ENCAISSE_CLOCK_AT": SERVER_NOW.isoformat(),
        "ENCAISSE_CLOCK_AT_SINCE": since.isoformat(),
        "ENCAISSE_TENANT_SMTP_ALLOW_PRIVATE": "true",
        "ENCAISSE_SWEEP_INTERVAL_SECONDS": "1",  # jobs put in the queue by the test are picked up at once
    }
    with ExitStack() as stack:
        # Only while the server starts, and only LD_PRELOAD: libfaketime, loaded here, rereads FAKETIME.
        with pytest.MonkeyPatch.context() as environment:
            if moved:
                environment.delenv("LD_PRELOAD")
            running = stack.enter_context(serving(tmp_path_factory.mktemp("journey-fr"), **pinned))
        yield running


class Journey:
    """One browser page walked through the steps; each step is checked for English and shot at both widths."""

    def __init__(self, page: Page, shots: Path) -> None:
        self.page, self.shots, self.english = page, shots, dict[str, list[str]]()

    def step(self, name: str) -> None:
        self.page.wait_for_load_state("load")
        found = english_on(self.page)
        if found:
            self.english[name] = found
        for size, viewport in (("390", PHONE), ("1280", DESKTOP)):
            self.page.set_viewport_size(viewport)
            shoot_fitting(self.page, self.shots / f"journey-fr-{name}-{size}.png", viewport)
        self.page.set_viewport_size(DESKTOP)


def invoice_2017() -> bytes:
    """Its due date and total are not printed: capture leaves it to review, where they are typed."""
    return text_pdf_bytes(
        [
            [
                "Atelier Lenoir SAS",
                "12 rue des Lilas, 75011 Paris",
                "SIREN : 732 829 320",
                "",
                "FACTURE N\u00b0 FA-2017-0031",
                "Date de facture : 10/05/2017",
                "",
                "Client :",
                "Boulangerie Martin SARL",
                "3 place du March\u00e9, 69002 Lyon",
                f"E-mail : {CLIENT_EMAIL}",
                "",
                "Total HT : 1 028,80 \u20ac",
                "TVA 20 % : 205,76 \u20ac",
            ]
        ]
    )


def run_dunning_tick(server: LiveServer) -> None:
    """What the scheduler's dunning tick does, at the server's moment: one job per due invoice in the queue;
    the server's own worker (its sweeper runs every second here) sends the reminder."""
    engine = create_engine(f"sqlite:///{server.data_dir / 'encaisse.db'}")
    try:
        with Session(engine) as session:
            # The queued job's run_after is read from this process's clock: the server's moment, too.
            with clock.pinned(SERVER_NOW + (clock.wall_now() - STARTED_AT[0])):
                assert fan_out(session, now=clock.utc_now()) >= 1
    finally:
        engine.dispose()


def test_a_french_owner_goes_from_first_start_to_the_first_reminder(
    chromium_browser: Browser,
    server: LiveServer,
    smtp: tuple[Inbox, int],
    tmp_path: Path,
    screenshots_dir: Path,
) -> None:
    inbox, smtp_port = smtp
    context = chromium_browser.new_context(base_url=server.url, viewport=DESKTOP, locale="fr-FR")
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    page = context.new_page()
    journey = Journey(page, screenshots_dir)
    try:
        # First start: the credentials serve printed.
        page.goto("/")
        expect(page.locator("h1")).to_have_text("Connexion")
        journey.step("01-login")
        page.fill("#email", server.email)
        page.fill("#password", server.password)
        page.click("form[action='/login'] button[type=submit]")
        expect(page).to_have_url(server.url + "/")
        expect(page.locator("[data-testid='setup-checklist'] h2")).to_have_text("Bien démarrer")
        journey.step("02-home-checklist")

        # The identity, then the IBAN.
        page.get_by_test_id("setup-identity").get_by_role("link").click()
        form = page.locator("form#identity")
        form.locator("#legal_name").fill("Atelier Lenoir SAS")
        form.locator("#siren").fill("732 829 320")
        form.locator("button[type=submit]").click()
        expect(page.locator("p.notice[role=status]")).to_be_visible()
        journey.step("03-identity")
        page.goto("/settings/payments")
        page.fill("#account_holder", "Atelier Lenoir SAS")
        page.fill("#iban", "FR76 3000 6000 0112 3456 7890 189")
        page.locator("form[action='/settings/payments'] button[type=submit]").click()
        expect(page.locator("p.notice[role=status]").first).to_be_visible()
        journey.step("04-iban")

        # Settings → E-mails: the local mail server, and its test email.
        page.goto("/settings/email")
        smtp_form = page.locator("form#smtp")
        smtp_form.locator("#host").fill("127.0.0.1")
        smtp_form.locator("#port").fill(str(smtp_port))
        smtp_form.locator("#security").select_option("none")
        smtp_form.locator("#sender_address").fill("factures@atelier-lenoir.example")
        smtp_form.locator("#sender_name").fill("Atelier Lenoir")
        smtp_form.locator("button[type=submit]").click()
        expect(page.get_by_test_id("flash")).to_be_visible()
        page.get_by_test_id("send-test").click()
        expect(page.get_by_test_id("test-outcome")).to_have_attribute("data-outcome", "organisation")
        assert [m for m in inbox.parsed() if m["To"] == server.email], "the test email was not received"
        journey.step("05-emails")

        # Upload the 2017 invoice, then review it with French-format corrections.
        pdf = tmp_path / "FA-2017-0031.pdf"
        pdf.write_bytes(invoice_2017())
        page.goto("/upload")
        page.set_input_files("#file-input", [pdf])
        row = page.locator("#uploads li").first
        expect(row.locator(".review-link")).to_be_visible(timeout=30_000)
        journey.step("06-upload")
        row.locator(".review-link").click()
        expect(page).to_have_url(re.compile(r"/invoices/[0-9a-f-]+/review$"))
        invoice_path = page.url.removeprefix(server.url).removesuffix("/review")
        expect(page.locator("h1")).to_contain_text("Vérification de la facture")
        journey.step("07-review")
        page.fill("#f-due_date", "09/06/2017")
        page.fill("#f-total_incl_tax", "1 234,56")
        page.locator("button[value=save]").click()
        expect(page.locator("#f-due_date")).to_have_value("09/06/2017")
        expect(page.locator("#f-total_incl_tax")).to_have_value(re.compile(r"1\s234,56"))
        page.locator("button[value=approve]").click()
        expect(page).not_to_have_url(re.compile(re.escape(invoice_path) + "/review$"))
        page.goto(invoice_path + "/review")
        expect(page.get_by_test_id("invoice-header")).to_be_visible()
        expect(page.locator("h1")).to_contain_text("Facture FA-2017-0031")
        journey.step("08-invoice-page")

        # The client's email, on the client's page.
        page.get_by_test_id("head-client").click()
        page.fill("#f-email", CLIENT_EMAIL)
        page.locator(".client-form button[type=submit]").click()
        expect(page.get_by_test_id("saved")).to_be_visible()
        journey.step("09-client")

        # The dunning tick: the first reminder goes out.
        run_dunning_tick(server)
        wait_until(lambda: any(m["To"] == CLIENT_EMAIL for m in inbox.parsed()), timeout=30)
        page.goto(invoice_path + "/review")
        expect(page.locator("ol[data-testid='timeline'] li[data-kind='reminder']")).not_to_have_count(0)
        journey.step("10-reminded")
    finally:
        context.close()

    [reminder] = [m for m in inbox.parsed() if m["To"] == CLIENT_EMAIL]
    body = reminder.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "10,00 %" in body.replace("\u00a0", " ").replace("\u202f", " "), body
    assert "Malgré notre précédent rappel" not in body, body
    assert journey.english == {}, f"English on French pages: {journey.english}"
