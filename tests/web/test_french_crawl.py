"""Every sentence a user or a payer reads is French from the catalogue, proven by a crawl.

The test seeds an organisation (invoices in several states, a client, reminders, a bank import, no payment
provider), logs in, follows every same-origin link from the navigation (bounded), submits every form it finds
once empty and once with bad values, opens the payer pages (a live link, a revoked one, the return page), and
reads each page as a person would: text outside script/style plus the attributes a screen reader or a tooltip
shows. A sentence passes when, once the French catalogue's sentences (each `{param}` a wildcard) and the data
the test seeded are taken out, no word is left. The CSV export is read the same way."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx2
import lxml.html
import pytest
from fastapi.testclient import TestClient

from api.dunning.default_templates import BUILT_IN
from api.models import ReminderStatus
from api.runtime import Runtime
from tests.api.invoices.test_listing import add_invoices
from tests.api.payment_links.test_pay_page import ready_invoice, token_of
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.files import text_pdf_bytes
from tests.support.web import log_in
from tests.web.test_bank_pages import CSV_MAPPING, upload
from tests.web.test_dunning_pages import chase, sent_reminder
from web.capture_warnings import capture_failure, capture_warning
from web.i18n import LANGUAGE_COOKIE, Translator, catalogue

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # text is tested, not SQL

MAX_PAGES = 260
MAX_PER_SHAPE = 10  # pages of one shape (same path with ids blanked, same query names) worth reading
BAD_VALUE = "x"  # not a date, an amount, an email, an IBAN or a number; one letter is never a "word"

# What the test seeds: data, shown as typed, never translated.
CAPTURED_NUMBER = "F-2026-0042"
SEEDED_DATA = [
    "Boulangerie Martin SARL", "Boulangerie Martin", "Atelier Lenoir SAS", "12 rue des Lilas, 75011 Paris",
    "3 place du Marché, 69002 Lyon", "Garage Dupont", "Café du Port", "f.pdf", "releve.csv", "factures.csv",
    # the bank statement's lines
    "BOULANGERIE MARTIN", "VIR SEPA FACTURE", "PRLV SEPA ABONNEMENT", "ORANGE", "INCONNU", "VIR SEPA",
    "ligne tronquée", "date impossible",
    # a reminder as the sender left it, with the mail server's own answer
    "Facture <b>F-2026-0042</b>", "Bonjour,", "votre facture…", "F-2026-0042.pdf",
    "SMTP 550: mailbox unavailable", "compta@martin.example",
    "doute.pdf", "autre.xml", "F-2026-0099", "732 829 320 00011", "73282932000011",
    "FR7630006000011234567890188",
    "chèque n° 1234567", "chèque sans provision",
    "tests",  # the API key's name (tests/factories.py)
    "zz",  # what the crawl picks in a list that does not offer it
]  # fmt: skip
# Names and codes shown as they are in every language.
PROPER_NOUNS = ["Encaisse", "Stripe", "GoCardless", "SEPA", "IBAN", "BIC", "FR", "EN", "EUR", "CSV", "PDF"]
DATA_PATTERNS = [
    r"https?://\S+",  # addresses
    r"(?<!\w)/[\w./?=&%#-]*",  # paths
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # emails
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",  # ids
    r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b",  # IBANs
    r"\b(?=[\w-]*\d)[\w-]{8,}",  # long references with a digit: invoice numbers, keys, tokens
    r"\benc_[\w-]+",  # an API key's visible start
    r"\{\{ ?\w+ ?\}\}",  # a reminder template's variable, typed as shown
]
WORD = re.compile(r"[\w'’-]*[^\W\d_][\w'’-]*")
PLACEHOLDER = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{[^{}]*\}", re.DOTALL)  # catalogue and Jinja placeholders
MARKUP = re.compile(r"<[^>]+>")
UUID_OR_TOKEN = re.compile(r"^(?:[0-9a-f]{8}-[0-9a-f-]{27}|[A-Za-z0-9_-]{20,})$")
SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "data-busy", "data-copied",
                    "data-copy-label", "data-html-title", "data-preview-title")  # fmt: skip
NEVER_FOLLOWED = ("/lang/", "/static/", "/api/", "/docs", "/openapi")
NEVER_SUBMITTED = ("/logout", "/account/logout-everywhere")  # they would end the crawl's own session


# ------------------------------------------------------------------ what a sentence may be made of


def _pieces(text: str) -> Iterator[str]:
    """A catalogue sentence's fixed parts: split at its placeholders and at any markup it carries."""
    for part in PLACEHOLDER.split(html.unescape(MARKUP.sub("\n", text))):
        for piece in part.split("\n"):
            piece = " ".join(piece.split())
            if any(character.isalpha() for character in piece):
                yield piece


@cache
def _pattern(piece: str) -> re.Pattern[str]:
    before = r"(?<!\w)" if re.match(r"\w", piece) else ""
    after = r"(?!\w)" if re.search(r"\w$", piece) else ""
    return re.compile(before + re.escape(piece) + after, re.IGNORECASE)


def _sources(language: str) -> Iterator[str]:
    """Where a page's sentences may come from: the UI catalogue, and the built-in reminder messages (a task
    page shows the message a client will get, in the client's language: French here)."""
    yield from catalogue(language).values()
    for subject, body in BUILT_IN["fr"].values():
        yield subject
        yield body


@cache
def _allowed_pieces(language: str) -> tuple[str, ...]:
    pieces = {piece for value in _sources(language) for piece in _pieces(value)}
    pieces |= {" ".join(text.split()) for text in SEEDED_DATA + PROPER_NOUNS}
    return tuple(sorted(pieces, key=len, reverse=True))  # the longest first: a sentence before its words


_DATA = re.compile("|".join(DATA_PATTERNS))


@cache
def leftover_words(text: str, language: str = "fr") -> tuple[str, ...]:
    """The words of `text` that neither the catalogue's sentences nor data account for."""
    rest = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    folded = rest.casefold()
    for piece in _allowed_pieces(language):
        if piece.casefold() in folded:
            rest = _pattern(piece).sub(" ", rest)
            folded = rest.casefold()
    rest = _DATA.sub(" ", rest)
    return tuple(word for word in WORD.findall(rest) if len(word) > 1)


def visible_texts(page: lxml.html.HtmlElement) -> Iterator[str]:
    """What a person reads or hears: text outside script/style, the attributes tooltips and screen readers
    show, button values, and the JSON message lists scripts display. What a user typed (input values, a
    text area's content) is data."""
    for node in page.xpath("//text()[not(ancestor::script or ancestor::style or ancestor::textarea)]"):
        if node.strip():
            yield str(node)
    for name in SHOWN_ATTRIBUTES:
        yield from (str(value) for value in page.xpath(f"//@{name}"))
    yield from (str(value) for value in page.xpath("//input[@type='submit' or @type='button']/@value"))
    for script in page.xpath("//script[@type='application/json']"):
        yield from _strings(json.loads(script.text or "{}"))


def _strings(messages: object) -> Iterator[str]:
    if isinstance(messages, str):
        yield messages
    elif isinstance(messages, dict):
        for value in messages.values():
            yield from _strings(value)


# ------------------------------------------------------------------ the crawl


@dataclass
class Reading:
    """Pages read so far, and every sentence that is not from the catalogue of the reader's language."""

    client: TestClient
    tenant: Tenant
    language: str = "fr"
    pages: dict[str, lxml.html.HtmlElement] = field(default_factory=dict)
    offending: dict[str, list[str]] = field(default_factory=dict)  # sentence -> pages

    def read(self, label: str, response: httpx2.Response) -> lxml.html.HtmlElement | None:
        if not response.headers.get("content-type", "").startswith("text/html"):
            return None
        page = lxml.html.fromstring(response.text)
        self.pages[label] = page
        assert page.get("lang") == self.language, f"{label}: <html lang={page.get('lang')!r}>"
        for text in visible_texts(page):
            if leftover_words(text, self.language):
                self.offending.setdefault(" ".join(text.split()), []).append(label)
        return page

    def get(self, url: str) -> lxml.html.HtmlElement | None:
        response = self.client.get(url)
        if urlsplit(str(response.url)).path == "/login" and not url.startswith("/login"):
            log_in(self.client, self.tenant)  # a form ended the session (a password change): back in
            response = self.client.get(url)
        return self.read(f"GET {url} ({response.status_code})", response)

    def report(self) -> str:
        lines = [f"{len(self.offending)} sentence(s) not from the {self.language!r} catalogue:"]
        for sentence, where in sorted(self.offending.items()):
            words = ", ".join(leftover_words(sentence, self.language))
            lines.append(
                f"  {sentence[:160]!r}  [{words}]  on {where[0]}"
                + (f" (+{len(where) - 1})" if len(where) > 1 else "")
            )
        return "\n".join(lines)


def _shape(url: str) -> tuple[str, tuple[str, ...]]:
    parts = urlsplit(url)
    path = "/".join("{id}" if UUID_OR_TOKEN.match(part) else part for part in parts.path.split("/"))
    names = tuple(sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair}))
    return path, names


def _local(base: str, href: str) -> str | None:
    target = urlsplit(urljoin("http://testserver" + base, href))
    if target.netloc != "testserver" or target.scheme not in ("http", "https"):
        return None
    local = target.path + (f"?{target.query}" if target.query else "")
    return None if any(local.startswith(prefix) for prefix in NEVER_FOLLOWED) else local


def crawl(reading: Reading, starts: Iterable[str]) -> None:
    queue, seen, shapes = deque(starts), set[str](), dict[tuple[str, tuple[str, ...]], int]()
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        shape = _shape(url)
        if url in seen or shapes.get(shape, 0) >= MAX_PER_SHAPE:
            continue
        seen.add(url)
        shapes[shape] = shapes.get(shape, 0) + 1
        page = reading.get(url)
        if page is None:
            continue
        for href in page.xpath("//a/@href"):
            local = _local(url, str(href))
            if local and local not in seen:
                queue.append(local)


def _form_data(form: lxml.html.FormElement, bad: bool) -> tuple[dict[str, str], dict[str, Any]]:
    """The form as a hurried user sends it: hidden fields kept, every typed field empty or `BAD_VALUE`,
    every list on a value it does not offer, boxes unticked; a file field gets a file that is no statement."""
    data: dict[str, str] = {}
    files: dict[str, Any] = {}
    for element in form.inputs:
        name = element.get("name")
        if not name:
            continue
        kind = (element.get("type") or "text").lower() if element.tag == "input" else element.tag
        if kind in ("hidden",):
            data[name] = element.get("value") or ""
        elif kind == "file":
            files[name] = ("notes.txt", b"x" if bad else b"", "text/plain")
        elif kind == "select":
            data[name] = "zz" if bad else (element.value or "")
        elif kind in ("checkbox", "radio", "submit", "button", "reset", "image"):
            continue
        else:
            data[name] = BAD_VALUE if bad else ""
    return data, files


def submit_forms(reading: Reading) -> None:
    """Each form once per shape: the same action with other fields (a review form on another invoice's
    state) is another form."""
    done: set[tuple[object, ...]] = set()
    for label, page in list(reading.pages.items()):
        base = label.split(" ")[1]
        for form in page.forms:
            action = _local(base, form.get("action") or base)
            if action is None or any(action.startswith(prefix) for prefix in NEVER_SUBMITTED):
                continue
            method = (form.get("method") or "get").lower()
            key = (method, _shape(action), tuple(sorted(name for name in form.fields.keys() if name)))
            if key not in done:
                done.add(key)
                for bad in (False, True):
                    _submit(reading, form, method, action, bad)


def _submit(reading: Reading, form: lxml.html.FormElement, method: str, action: str, bad: bool) -> None:
    data, files = _form_data(form, bad)
    if method == "get":
        reading.get(action.split("?")[0] + "?" + "&".join(f"{k}={v}" for k, v in data.items()))
        return
    response = reading.client.post(action, data=data, files=files or None, follow_redirects=False)
    label = f"POST {action} ({'bad' if bad else 'empty'}: {response.status_code})"
    if response.is_redirect:
        location = response.headers["location"]
        if not location.startswith("/login"):
            reading.get(_local(action, location) or "/")
        return
    reading.read(label, response)


# ------------------------------------------------------------------ the organisation the crawl reads


@dataclass(frozen=True)
class Seeded:
    live_token: str
    revoked_token: str
    bank_import: httpx2.Response  # the page that reports the import, with its unreadable lines


# An invoice capture cannot complete, with identifiers whose check digits are wrong: a review with warnings.
DOUBTFUL_INVOICE = [
    "Atelier Lenoir SAS", "SIRET : 732 829 320 00011", "IBAN : FR76 3000 6000 0112 3456 7890 188", "",
    "FACTURE N° F-2026-0099", "Date de facture : 13/11/2026", "Date d'échéance : 01/11/2026", "",
    "Total HT : 100,00 €", "TVA 20 % : 20,00 €", "Total TTC : 150,00 €",
]  # fmt: skip


def seed(client: TestClient, runtime: Runtime, tenant: Tenant, capture: Capture) -> Seeded:
    invoice = ready_invoice(capture, tenant, number=CAPTURED_NUMBER)
    capture(tenant, "doute.pdf", text_pdf_bytes([DOUBTFUL_INVOICE]))
    failed = capture(tenant, "autre.xml", b'<?xml version="1.0"?><Commande><Id>1</Id></Commande>')
    assert (failed["status"], failed["error_code"]) == ("failed", "not_an_invoice")  # the upload page says it
    revoked = token_of(invoice)
    renewed = client.post(f"/api/v1/invoices/{invoice['id']}/pay-link/revoke", headers=tenant.headers)
    assert renewed.status_code == 200, renewed.text
    rows: list[dict[str, Any]] = [
        {"number": "F-2026-0101", "status": "needs_review", "due_in": -10},
        {"number": "F-2026-0102", "due_in": 5},
        {"number": "F-2026-0103", "collection_status": "processing", "due_in": -20},
        {"number": "F-2026-0104", "collection_status": "partially_paid", "due_in": -3,
         "amount_paid": 4000},
        {"number": "F-2026-0105", "collection_status": "paid", "due_in": -40, "amount_paid": 10000},
        {"number": "F-2026-0106", "collection_status": "cancelled", "due_in": -40},
        {"number": "F-2026-0107", "disputed": True, "due_in": -2},
    ]  # fmt: skip
    add_invoices(runtime, tenant, [{**row, "client": "Garage Dupont"} for row in rows])
    add_invoices(runtime, tenant, [{"number": "F-2026-0108", "client": "Café du Port", "due_in": -400}])
    ledger = f"/api/v1/invoices/{invoice['id']}/payments"  # a cheque, then its reversal: the ledger's rows
    paid = client.post(
        ledger,
        headers=tenant.headers,
        json={"amount": "100.00", "date": "2026-12-01", "method": "cheque", "note": "chèque n° 1234567"},
    )
    assert paid.status_code == 201, paid.text
    (entry,) = paid.json()["entries"]
    reversed_ = client.post(f"{ledger}/{entry['id']}/reverse", headers=tenant.headers,
                            json={"reason": "chèque sans provision"})  # fmt: skip
    assert reversed_.status_code == 201, reversed_.text
    chase(runtime, tenant, invoice, date(2026, 12, 14))  # no email for the buyer: a task
    sent_reminder(runtime, tenant, invoice)  # failed, step j5
    sent_reminder(runtime, tenant, invoice, step_key="formal_notice", status=ReminderStatus.sent, error=None)
    statement = (
        "Date;Émetteur;Libellé;Débit;Crédit\n"
        "14/12/2026;BOULANGERIE MARTIN;VIR SEPA FACTURE F-2026-0042;;1 234,56\n"
        "15/12/2026;ORANGE;PRLV SEPA ABONNEMENT;59,90;\n"
        "ligne tronquée\n"
        "32/12/2026;INCONNU;date impossible;;5,00\n"
        "16/12/2026;INCONNU;VIR SEPA;;100,00\n"
    )
    log_in(client, tenant)
    imported = upload(client, statement.encode(), "releve.csv", CSV_MAPPING)
    assert imported.status_code in (200, 303), imported.text
    return Seeded(live_token=token_of(renewed.json()), revoked_token=revoked, bank_import=imported)


def payer_pages(reading: Reading, seeded: Seeded) -> None:
    live, revoked = seeded.live_token, seeded.revoked_token
    for url in (f"/pay/{live}", f"/pay/{revoked}", f"/pay/{live}/return", f"/pay/{revoked}/return",
                f"/pay/{'z' * 32}", f"/pay/{live}/mandate/revoke/{'z' * 32}"):  # fmt: skip
        reading.get(url)
    for method in ("card", "mandate", "instalments", "transfer", "zz", ""):
        response = reading.client.post(f"/pay/{live}/start", data={"method": method, "email": BAD_VALUE},
                                       follow_redirects=False)  # fmt: skip
        reading.read(f"POST /pay/…/start method={method!r} ({response.status_code})", response)
    response = reading.client.post(f"/pay/{live}/mandate/revoke", data={"confirm": "yes"})
    reading.read(f"POST /pay/…/mandate/revoke ({response.status_code})", response)


NOBODY = "00000000-0000-4000-8000-000000000000"  # an id no row has
MISSING = [f"/invoices/{NOBODY}/review", f"/invoices/{NOBODY}/cancel", f"/clients/{NOBODY}",
           f"/relances/{NOBODY}", "/invoices/not-an-id/review", "/no-such-page"]  # fmt: skip


MISSING_ACTIONS = [
    f"/bank/lines/{NOBODY}/confirm",
    f"/bank/lines/{NOBODY}/dismiss",
    f"/events/{NOBODY}/retry",
    f"/invoices/{NOBODY}/payments",
    f"/invoices/{NOBODY}/send-pay-link",
    f"/relances/{NOBODY}/done",
    f"/settings/api-keys/{NOBODY}/revoke",
    f"/settings/users/{NOBODY}/disable",
]


def missing_things(reading: Reading) -> None:
    """What a stale bookmark or another organisation's link opens, and actions on rows that are not there."""
    for url in MISSING:
        reading.get(url)
    (csrf,) = reading.pages["GET / (200)"].xpath("//meta[@name='csrf-token']/@content")
    for action in MISSING_ACTIONS:
        response = reading.client.post(action, data={"csrf_token": str(csrf)}, follow_redirects=False)
        reading.read(f"POST {action} ({response.status_code})", response)


def logged_out_pages(reading: Reading) -> None:
    """The pages before a login, and their forms (the crawl's other forms are not submitted again)."""
    reading.client.cookies.clear()
    reading.client.cookies.set(LANGUAGE_COOKIE, reading.language)
    before = set(reading.pages)
    for url in ("/login", "/forgot-password", f"/reset-password/{'z' * 32}", "/login?logged_out=1"):
        reading.get(url)
    public = {label: page for label, page in reading.pages.items() if label not in before}
    submit_forms(Reading(reading.client, reading.tenant, reading.language, public, reading.offending))


# ------------------------------------------------------------------ the tests


def test_the_matcher_takes_catalogue_sentences_with_their_parameters_and_data_only() -> None:
    assert leftover_words("Relances à faire (3)") == ()
    assert leftover_words("Facture F-2026-0042 — Boulangerie Martin SARL, 1 234,56 €, 13/12/2026") == ()
    assert leftover_words("expected a date as YYYY-MM-DD") == (
        "expected",
        "as",
        "YYYY-MM-DD",
    )  # "date": French too
    assert leftover_words("Statut : needs_review") == ("needs_review",)
    assert leftover_words("j15") == ("j15",)


@SQLITE_ONLY
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_a_user_or_a_payer_reads_is_in_their_language(
    client: TestClient, runtime: Runtime, tenant: Tenant, capture: Capture, language: str
) -> None:
    client.cookies.set(LANGUAGE_COOKIE, language)
    seeded = seed(client, runtime, tenant, capture)
    reading = Reading(client, tenant, language)
    reading.read("POST /bank (the seeded import)", seeded.bank_import)

    crawl(reading, ["/"])
    pages_from_links = len(reading.pages)
    missing_things(reading)
    submit_forms(reading)
    payer_pages(reading, seeded)
    logged_out_pages(reading)

    assert pages_from_links >= 25, sorted(reading.pages)
    assert not reading.offending, reading.report()


@SQLITE_ONLY
def test_the_csv_export_is_french(
    client: TestClient, runtime: Runtime, tenant: Tenant, capture: Capture
) -> None:
    seed(client, runtime, tenant, capture)

    response = client.get("/invoices.csv")

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(body) == 10
    french = catalogue("fr")
    status_columns = [french[f"inv.csv.{name}"] for name in ("status", "review_status", "collection_status")]
    for column in status_columns:
        values = {row[header.index(column)] for row in body}
        assert values <= set(french.values()), f"{column}: {sorted(values - set(french.values()))}"
    english = {
        f"{row[0]} / {name}: {cell!r}"
        for row in body
        for name, cell in zip(header, row, strict=True)
        if leftover_words(cell)
    }
    assert not english, sorted(english)


def test_capture_warnings_are_read_back_into_the_readers_language() -> None:
    french, english = Translator("fr"), Translator("en")
    totals = "totals: 1000.00 + 200.00 = 1200.00, but the total incl. tax reads 1500.00"
    siret = "buyer_siret: '73282932000011' is not a valid SIRET (14 digits, Luhn key)"

    assert capture_warning(french, totals) == (
        "Totaux : 1000,00 + 200,00 = 1200,00, mais le total TTC lu est 1500,00."
    )
    assert capture_warning(english, siret) == (
        "Client SIRET: “73282932000011” is not a valid SIRET (check digits or format)."
    )
    assert capture_warning(french, "due date 2026-11-01 is before the issue date 2026-11-13") == (
        "L'échéance (01/11/2026) est antérieure à la date de facture (13/11/2026)."
    )
    # a shape ocr/ may add one day: a general sentence, never the English
    assert capture_warning(french, "something new happened") == (
        "Une vérification automatique a relevé un doute : relisez les valeurs de cette facture."
    )


def test_why_a_capture_failed_is_said_in_the_readers_language() -> None:
    french = Translator("fr")
    root = "This XML file is not an invoice: its root element is <Commande>, expected a CII or a UBL Invoice."

    assert (
        capture_failure(french, root)
        == "Ce fichier XML n'est pas une facture (CII UN/CEFACT ou UBL attendu)."
    )
    assert capture_failure(french, "The document has 120 pages; at most 100 are accepted.") == (
        "Le document a 120 pages ; 100 au plus sont acceptées."
    )
    assert capture_failure(Translator("en"), "The PDF cannot be opened (Data format error).") == (
        "The file is damaged and cannot be opened."
    )
    assert capture_failure(french, "Tesseract said something unexpected") == "Le document n'a pas pu être lu."
