"""A thin fpdf2 canvas: millimetre coordinates, a few font families, text boxes, rules and tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
TTF = {
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
    "mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansMono-Oblique.ttf"),
    "cond": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf", "DejaVuSansCondensed-Oblique.ttf"),
}
CORE = {"helvetica", "times", "courier"}


@dataclass
class Col:
    """One table column: header text, width in mm, alignment (L/C/R)."""

    title: str
    width: float
    align: str = "L"


class Canvas(FPDF):
    """An A4 (or Letter) page set with named font families and a per-page footer callback."""

    def __init__(self, family: str = "sans", letter: bool = False) -> None:
        super().__init__(unit="mm", format="Letter" if letter else "A4")
        self.core_fonts_encoding = "windows-1252"  # so that core fonts can print the euro sign
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self.c_margin = 1
        self.loaded: set[str] = set()
        self.family = family
        self.on_page: Callable[[Canvas], None] | None = None
        self.bottom = self.h - 25
        self.page_count = 0

    def new_page(self) -> None:
        self.add_page()
        self.page_count += 1
        if self.on_page is not None:
            self.on_page(self)

    def font(self, size: float, style: str = "", family: str | None = None) -> None:
        name = family or self.family
        if name in TTF and name not in self.loaded:  # parsing a TrueType file is slow: only the ones used
            for font_style, file in zip(("", "B", "I"), TTF[name], strict=True):
                self.add_font(name, font_style, str(DEJAVU / file))
            self.loaded.add(name)
        self.set_font(name, style, size)

    def put(
        self,
        x: float,
        y: float,
        text: str,
        size: float = 9,
        style: str = "",
        align: str = "L",
        w: float = 0,
        family: str | None = None,
        color: tuple[int, int, int] = (0, 0, 0),
    ) -> None:
        """Write one line of text whose top is at y; for R/C alignment, w is the box width from x."""
        self.font(size, style, family)
        self.set_text_color(*color)
        self.set_xy(x, y)
        # Too wide for its box: shrink the type a little first (as a browser would wrap), then cut the text.
        while w and size > 5.5 and self.get_string_width(text) > w - 1:
            size -= 0.5
            self.font(size, style, family)
        while w and len(text) > 4 and self.get_string_width(text) > w - 1:
            text = text[:-2].rstrip() + "…" if self.font_family not in CORE else text[:-4].rstrip() + "..."
        width = w or (self.get_string_width(text) + 2 * self.c_margin)
        self.cell(width, size * 0.42, text, align=align)
        self.set_text_color(0, 0, 0)

    def lines_at(
        self, x: float, y: float, texts: Sequence[str], size: float = 9, gap: float = 1.25, **kw: object
    ) -> float:
        """Stack lines from y down; returns the y below the last one."""
        step = size * 0.353 * gap + 0.6
        for t in texts:
            if t:
                self.put(x, y, t, size, **kw)  # type: ignore[arg-type]
                y += step
        return y

    def rule(self, x1: float, y: float, x2: float, width: float = 0.2, gray: int = 0) -> None:
        self.set_draw_color(gray, gray, gray)
        self.set_line_width(width)
        self.line(x1, y, x2, y)
        self.set_draw_color(0, 0, 0)

    def box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: int | None = None,
        stroke: bool = True,
        radius: float = 0,
    ) -> None:
        self.set_line_width(0.2)
        style = ("F" if fill is not None else "") + ("D" if stroke else "")
        if fill is not None:
            self.set_fill_color(fill, fill, fill)
        self.rect(x, y, w, h, style=style or "D", round_corners=radius > 0, corner_radius=radius)

    def grid_table(
        self,
        x: float,
        y: float,
        cols: Sequence[Col],
        rows: Sequence[Sequence[str]],
        size: float = 8.5,
        row_h: float = 6,
        head_fill: int | None = 230,
        head_style: str = "B",
        grid: bool = False,
        zebra: int | None = None,
        rule_gray: int | None = 200,
        top_after_break: float = 20,
        head_color: tuple[int, int, int] = (0, 0, 0),
    ) -> float:
        """Draw a header and rows, moving to a new page (header repeated) past the bottom; returns y."""

        def header(at: float) -> float:
            cx = x
            for c in cols:
                if head_fill is not None:
                    self.box(cx, at, c.width, row_h, fill=head_fill, stroke=grid)
                elif grid:
                    self.box(cx, at, c.width, row_h)
                self.put(
                    cx,
                    at + (row_h - size * 0.42) / 2,
                    c.title,
                    size,
                    head_style,
                    c.align,
                    c.width,
                    color=head_color,
                )
                cx += c.width
            return at + row_h

        y = header(y)
        for i, row in enumerate(rows):
            if y + row_h > self.bottom:
                self.new_page()
                y = header(top_after_break)
            cx = x
            if zebra is not None and i % 2 == 0:
                self.box(x, y, sum(c.width for c in cols), row_h, fill=zebra, stroke=False)
            for c, value in zip(cols, row, strict=False):
                if grid:
                    self.box(cx, y, c.width, row_h)
                self.put(cx, y + (row_h - size * 0.42) / 2, value, size, "", c.align, c.width)
                cx += c.width
            y += row_h
            if rule_gray is not None and not grid:
                self.rule(x, y, x + sum(c.width for c in cols), 0.1, rule_gray)
        return y

    def pairs(
        self,
        x: float,
        y: float,
        items: Sequence[tuple[str, str]],
        label_w: float,
        value_w: float,
        size: float = 9,
        step: float = 5,
        value_align: str = "R",
        bold_last: bool = False,
        label_align: str = "L",
    ) -> float:
        """Label/value rows (totals blocks, reference blocks); returns the y below them."""
        for i, (label, value) in enumerate(items):
            style = "B" if bold_last and i == len(items) - 1 else ""
            self.put(x, y, label, size, style, label_align, label_w)
            self.put(x + label_w, y, value, size, style, value_align, value_w)
            y += step
        return y

    def save(self, path: Path) -> None:
        self.output(str(path))
