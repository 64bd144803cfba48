"""HTML to PDF with Debian's Chromium through Playwright; nothing is fetched from the network."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("ENCAISSE_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Web apps print their page numbers through the browser's footer template.
PAGE_FOOTER = (
    '<div style="font-size:7pt;font-family:DejaVu Sans;width:100%;text-align:right;'
    'margin-right:12mm;color:#555">{label} <span class="pageNumber"></span> / '
    '<span class="totalPages"></span></div>'
)


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def html_to_pdf(browser: Any, html: str, page_label: str = "") -> bytes:
    page = browser.new_page()
    try:
        page.route(
            "**/*",
            lambda route: route.abort() if not route.request.url.startswith("data:") else route.continue_(),
        )
        page.set_content(html, wait_until="load")
        options: dict[str, Any] = {"format": "A4", "print_background": True, "prefer_css_page_size": True}
        if page_label:
            options |= {
                "display_header_footer": True,
                "header_template": "<div></div>",
                "footer_template": PAGE_FOOTER.format(label=page_label),
                "margin": {"top": "12mm", "bottom": "16mm", "left": "0", "right": "0"},
            }
        pdf: bytes = page.pdf(**options)
        return pdf
    finally:
        page.close()
