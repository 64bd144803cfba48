"""What the Chromium tests share: a full-page screenshot kept as an artifact, and the check that the page
does not scroll sideways (on a phone, the page itself must fit; tables scroll inside their own box)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page, ViewportSize

WIDEST = """() => {
  const clipped = (e) => { for (let p = e.parentElement; p; p = p.parentElement) {
    if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) return true; } return false; };
  return Array.from(document.querySelectorAll("body *"))
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(e))
    .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + "." + e.className);
}"""


def shoot_fitting(page: Page, path: Path, viewport: ViewportSize) -> None:
    """Keep a full-page screenshot at `path`, then fail if the page is wider than the screen, naming the
    first elements past the right edge (outside any scrolling box): what to fix."""
    page.screenshot(path=path, full_page=True)
    overflow: Any = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        wide = page.evaluate(WIDEST)
        raise AssertionError(f"{path.stem} is {overflow}px wider than a {viewport['width']}px screen: {wide}")
