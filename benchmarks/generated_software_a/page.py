"""A top-left-origin, millimetre drawing surface over reportlab, like the TCPDF/mPDF calls PHP tools make."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.lib.utils import simpleSplit  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

RGB = tuple[float, float, float]
BLACK: RGB = (0, 0, 0)


@dataclass
class Col:
    header: str
    width: float
    align: str = "L"


class Page:
    """Coordinates in mm from the top-left corner; A4 portrait (210 x 297)."""

    width = 210.0
    height = 297.0

    def __init__(self, path: Path, font: str = "Helvetica", title: str = "") -> None:
        self.canvas = Canvas(str(path), pagesize=A4, invariant=1)
        self.canvas.setTitle(title)
        self.font = font
        self.bold_font = {
            "Helvetica": "Helvetica-Bold",
            "Times-Roman": "Times-Bold",
            "Courier": "Courier-Bold",
        }[font]
        self.page_no = 1

    def _font(self, size: float, bold: bool, color: RGB) -> None:
        self.canvas.setFont(self.bold_font if bold else self.font, size)
        self.canvas.setFillColorRGB(*color)

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float = 9,
        bold: bool = False,
        align: str = "L",
        color: RGB = BLACK,
    ) -> None:
        """y is the top of the text line, as in a TCPDF cell."""
        self._font(size, bold, color)
        base = (self.height - y) * mm - size * 0.8
        if align == "R":
            self.canvas.drawRightString(x * mm, base, s)
        elif align == "C":
            self.canvas.drawCentredString(x * mm, base, s)
        else:
            self.canvas.drawString(x * mm, base, s)

    def block(
        self,
        x: float,
        y: float,
        lines: Sequence[str],
        size: float = 9,
        leading: float | None = None,
        bold_first: bool = False,
        align: str = "L",
        color: RGB = BLACK,
    ) -> float:
        """Print lines one under the other; returns the y under the last one."""
        step = leading if leading is not None else size * 0.45
        for i, line in enumerate(lines):
            self.text(x, y, line, size, bold=bold_first and i == 0, align=align, color=color)
            y += step
        return y

    def wrap(self, s: str, width: float, size: float = 9, bold: bool = False) -> list[str]:
        return list(simpleSplit(s, self.bold_font if bold else self.font, size, width * mm)) or [""]

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: RGB | None = None,
        stroke: RGB | None = (0.5, 0.5, 0.5),
    ) -> None:
        if fill is not None:
            self.canvas.setFillColorRGB(*fill)
        if stroke is not None:
            self.canvas.setStrokeColorRGB(*stroke)
        self.canvas.rect(
            x * mm,
            (self.height - y - h) * mm,
            w * mm,
            h * mm,
            fill=int(fill is not None),
            stroke=int(stroke is not None),
        )

    def hline(self, x1: float, x2: float, y: float, color: RGB = (0.5, 0.5, 0.5), width: float = 0.5) -> None:
        self.canvas.setStrokeColorRGB(*color)
        self.canvas.setLineWidth(width)
        self.canvas.line(x1 * mm, (self.height - y) * mm, x2 * mm, (self.height - y) * mm)

    def vline(self, x: float, y1: float, y2: float, color: RGB = (0.5, 0.5, 0.5)) -> None:
        self.canvas.setStrokeColorRGB(*color)
        self.canvas.setLineWidth(0.5)
        self.canvas.line(x * mm, (self.height - y1) * mm, x * mm, (self.height - y2) * mm)

    def logo(self, x: float, y: float, name: str, color: RGB) -> None:
        """A stand-in logo: a coloured square with the initials and the name beside it, like a bitmap logo."""
        self.rect(x, y, 12, 12, fill=color, stroke=None)
        initials = "".join(w[0] for w in name.split()[:2]).upper()
        self.text(x + 6, y + 3.5, initials, 11, bold=True, align="C", color=(1, 1, 1))

    def new_page(self) -> None:
        self.canvas.showPage()
        self.page_no += 1

    def save(self) -> None:
        self.canvas.save()


def table(
    page: Page,
    x: float,
    y: float,
    cols: Sequence[Col],
    rows: Sequence[Sequence[str]],
    *,
    size: float = 8.5,
    row_h: float = 5.0,
    header_fill: RGB | None = (0.9, 0.9, 0.9),
    header_color: RGB = BLACK,
    grid: bool = False,
    bottom: float = 250.0,
    pad: float = 1.6,
    on_new_page: Callable[[Page], float] | None = None,
    on_page_end: Callable[[Page, float], None] | None = None,
) -> float:
    """Draw a line table with a header row; flows to a new page under `bottom`. Returns the y under it."""

    def header(y0: float) -> float:
        width = sum(c.width for c in cols)
        if header_fill is not None:
            page.rect(x, y0, width, row_h + 0.5, fill=header_fill, stroke=None)
        cx = x
        for c in cols:
            tx = cx + 1.2 if c.align == "L" else (cx + c.width - 1.2 if c.align == "R" else cx + c.width / 2)
            page.text(tx, y0 + 1.3, c.header, size, bold=True, align=c.align, color=header_color)
            cx += c.width
        return y0 + row_h + 1.5

    y = header(y)
    for row in rows:
        wrapped = [
            page.wrap(cell, c.width - 2.4, size) if c.align == "L" else [cell]
            for c, cell in zip(cols, row, strict=True)
        ]
        height = max(len(w) for w in wrapped) * size * 0.42 + pad
        if y + height > bottom:
            if on_page_end is not None:
                on_page_end(page, y)
            page.new_page()
            y = on_new_page(page) if on_new_page else 20.0
            y = header(y)
        cx = x
        for c, lines in zip(cols, wrapped, strict=True):
            tx = cx + 1.2 if c.align == "L" else (cx + c.width - 1.2 if c.align == "R" else cx + c.width / 2)
            page.block(tx, y, lines, size, leading=size * 0.42, align=c.align)
            cx += c.width
        y += height
        if grid:
            page.hline(x, x + sum(c.width for c in cols), y - 0.6, color=(0.8, 0.8, 0.8), width=0.3)
    return y


def label_rows(
    page: Page,
    x_label: float,
    x_value: float,
    y: float,
    rows: Sequence[tuple[str, str]],
    size: float = 9,
    step: float = 5.0,
    bold_last: bool = False,
    label_align: str = "L",
    fill_last: RGB | None = None,
    width: float = 0.0,
) -> float:
    """label ... value rows as in every totals box (value right-aligned at x_value)."""
    for i, (label, value) in enumerate(rows):
        last = i == len(rows) - 1
        if last and fill_last is not None:
            page.rect(x_label - 1, y - 0.8, width, step, fill=fill_last, stroke=None)
        page.text(x_label, y, label, size, bold=bold_last and last, align=label_align)
        page.text(x_value, y, value, size, bold=bold_last and last, align="R")
        y += step
    return y
