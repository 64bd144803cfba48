"""The HTML invoice generator prints what its ground truth says: every truth value is on the page."""

from __future__ import annotations

import datetime as dt
import random
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from benchmarks.generated_html.catalog import Template, truth
from benchmarks.generated_html.formats import MONTHS, SYMBOLS, format_date, group
from benchmarks.generated_html.generate import render_html, seed_for
from benchmarks.generated_html.model import build
from benchmarks.generated_html.registry import TEMPLATES
from benchmarks.generated_html.render import CHROMIUM, chromium, html_to_pdf

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}")
DATE_STYLES = ("slash", "dot", "dash", "iso", "long", "short", "us_long", "us_slash")
SEPARATORS = (("", ","), ("", "."), (" ", ","), (".", ","), (",", "."), ("'", "."))


def compact(text: str) -> str:
    return "".join(text.split()).casefold()


def printed_forms(field: str, value: str) -> set[str]:
    """The ways a stored truth value may be printed, compacted like the page text."""
    if field.endswith("_date"):
        day = dt.date.fromisoformat(value)
        return {compact(format_date(day, style, lang)) for style in DATE_STYLES for lang in MONTHS}
    if field.startswith("total") or field == "amount_due":
        return {compact(group(Decimal(value), thousands, decimal)) for thousands, decimal in SEPARATORS}
    if field == "currency":
        return {compact(value), compact(SYMBOLS[value])}
    return {compact(value)}


def page_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def missing_fields(tpl: Template, browser: object) -> list[str]:
    rng = random.Random(seed_for(tpl.name, 1, 15))
    invoice = build(tpl.recipe, rng)
    text = compact(page_text(html_to_pdf(browser, render_html(invoice, tpl, rng), tpl.page_label)))
    return [
        f"{name}={value}"
        for name, value in truth(invoice, tpl).items()
        if not any(form in text for form in printed_forms(name, value))
    ]


def every_template_missing() -> dict[str, list[str]]:
    with chromium() as browser:
        return {tpl.name: missing_fields(tpl, browser) for tpl in TEMPLATES}


def test_every_truth_value_is_printed_on_its_invoice() -> None:
    assert len({t.name for t in TEMPLATES}) == len(TEMPLATES) >= 24
    # On a thread of its own: Playwright's sync API refuses a thread whose event loop is running, as the
    # main thread's is once a browser test of pytest-playwright ran earlier in the same worker.
    with ThreadPoolExecutor(max_workers=1) as pool:
        missing = pool.submit(every_template_missing).result()
    assert {name: fields for name, fields in missing.items() if fields} == {}
