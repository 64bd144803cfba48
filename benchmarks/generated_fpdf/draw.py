"""A thin drawing layer over fpdf2: fonts by short name, text at a point, boxes, and a line-item table that
flows onto a second page the way invoicing software breaks long tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from fpdf import FPDF

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
# short name -> (regular file, bold file); the core PDF fonts (helvetica, times, courier) need no file.
TTF = {
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "cond": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    "scond": ("DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf"),
    "mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
    "light": ("DejaVuSans-ExtraLight.ttf", "DejaVuSans.ttf"),
}
CORE = ("helvetica", "times", "courier")
# The core fonts are Latin-1: software printing with them writes EUR rather than the euro sign.
_LATIN1 = str.maketrans(
    {"€": "EUR", "—": "-", "•": "*", "Œ": "OE", "\u202f": " ", "’": "'", "–": "-", "…": "...", "œ": "oe"}
)


class Sheet(FPDF):
    def __init__(self, font: str = "sans") -> None:
        super().__init__(unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self.base = font
        self.add_page()
        self.f(9)

    def f(self, size: float, bold: bool = False, family: str | None = None) -> None:
        family = family or self.base
        style = "B" if bold else ""
        # Fonts are loaded on first use: parsing every TrueType file for every invoice would dominate.
        if family in TTF and family.lower() + style not in self.fonts:
            self.add_font(family, style, str(DEJAVU / TTF[family][1 if bold else 0]))
        self.set_font(family, style, size)

    def _clean(self, s: str) -> str:
        return s.translate(_LATIN1) if self.font_family in CORE else s

    def at(self, x: float, y: float, s: str, align: str = "L", w: float = 0) -> None:
        """Text whose top-left (or right edge for 'R', centre for 'C' with width w) is at x, y."""
        s = self._clean(s)
        width = self.get_string_width(s)
        if align == "R":
            x -= width
        elif align == "C":
            x += (w - width) / 2
        self.text(x, y + self.font_size * 0.8, s)

    def lines(self, x: float, y: float, rows: Sequence[str], step: float = 4.2, align: str = "L") -> float:
        for i, row in enumerate(rows):
            self.at(x, y + i * step, row, align)
        return y + len(rows) * step

    def para(self, x: float, y: float, w: float, s: str, step: float = 3.8) -> float:
        self.set_xy(x, y)
        self.multi_cell(w, step, self._clean(s), new_x="LMARGIN", new_y="NEXT")
        return self.get_y()

    def box(self, x: float, y: float, w: float, h: float, fill: tuple[int, int, int] | None = None) -> None:
        if fill:
            self.set_fill_color(*fill)
            self.rect(x, y, w, h, "DF" if self.draw_color else "F")
        else:
            self.rect(x, y, w, h)

    def hline(self, x1: float, x2: float, y: float, width: float = 0.2) -> None:
        self.set_line_width(width)
        self.line(x1, y, x2, y)


Row = Sequence[str]


def table(
    sheet: Sheet,
    x: float,
    y: float,
    widths: Sequence[float],
    header: Row,
    rows: Sequence[Row],
    aligns: str,
    *,
    step: float = 5.0,
    size: float = 8.5,
    bottom: float = 250,
    grid: bool = False,
    shade: tuple[int, int, int] | None = None,
    on_new_page: Callable[[Sheet], float] | None = None,
) -> float:
    """Draw the header and rows; past `bottom`, start a new page (whose top `on_new_page` draws and returns
    the y to continue at) and repeat the header. Returns the y under the last row."""

    def head(top: float) -> float:
        sheet.f(size, bold=True)
        if shade:
            sheet.box(x, top - 1, sum(widths), step + 1, fill=shade)
        cx = x
        for w, text, a in zip(widths, header, aligns, strict=True):
            sheet.at(cx + (w - 1.5 if a == "R" else 1.5), top, text, "R" if a == "R" else "L")
            cx += w
        sheet.hline(x, x + sum(widths), top + step)
        return top + step + 1.5

    y = head(y)
    sheet.f(size)
    for row in rows:
        if y + step > bottom:
            sheet.add_page()
            y = head(on_new_page(sheet) if on_new_page else 20)
            sheet.f(size)
        cx = x
        for w, text, a in zip(widths, row, aligns, strict=True):
            sheet.at(cx + (w - 1.5 if a == "R" else 1.5), y, text, "R" if a == "R" else "L")
            cx += w
        if grid:
            sheet.hline(x, x + sum(widths), y + step - 0.8, 0.1)
        y += step
    return y + 1


def stack(
    sheet: Sheet,
    right: float,
    y: float,
    rows: Sequence[tuple[str, str]],
    label_w: float = 45,
    step: float = 5.5,
    bold_last: bool = True,
    size: float = 9,
) -> float:
    """A right-aligned stack of totals: label then amount, the last row bold."""
    for i, (label, amount) in enumerate(rows):
        sheet.f(size, bold=bold_last and i == len(rows) - 1)
        sheet.at(right - label_w - 30, y, label)
        sheet.at(right, y, amount, "R")
        y += step
    return y


# What a template returns (its page and its truth) and the fields every template prints.
Result = tuple[Sheet, dict[str, str]]
BASE = (
    "invoice_number",
    "issue_date",
    "currency",
    "total_excl_tax",
    "total_tax",
    "total_incl_tax",
    "seller_name",
    "buyer_name",
)
