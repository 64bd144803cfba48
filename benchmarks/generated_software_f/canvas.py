"""A thin drawing layer over reportlab for the templates: text, label/value blocks, boxes, and a line table
that flows onto further pages, each page getting the template's own header and footer again.

Coordinates are millimetres from the TOP-left corner, as the PHP/HTML templates being modelled place things.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}
W_MM = A4[0] / mm
H_MM = A4[1] / mm


@dataclass
class Column:
    header: str
    width: float
    align: str = "l"  # l, r, c


class Doc:
    """One PDF being drawn; `on_page(doc, page_no)` redraws the repeated header/footer of a new page."""

    def __init__(self, path: Path, on_page: Callable[[Doc, int], None] | None = None) -> None:
        self.c = Canvas(str(path), pagesize=A4)
        self.page = 1
        self.on_page = on_page
        self.font = "Helvetica"
        if on_page:
            on_page(self, 1)

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float = 9,
        bold: bool = False,
        align: str = "l",
        color: tuple[float, float, float] = (0, 0, 0),
    ) -> None:
        self.c.setFillColorRGB(*color)
        self.c.setFont(BOLD.get(self.font, self.font) if bold else self.font, size)
        px, py = x * mm, (H_MM - y) * mm
        if align == "r":
            self.c.drawRightString(px, py, s)
        elif align == "c":
            self.c.drawCentredString(px, py, s)
        else:
            self.c.drawString(px, py, s)
        self.c.setFillColorRGB(0, 0, 0)

    def lines(
        self, x: float, y: float, rows: Sequence[str], size: float = 9, lead: float = 4.2, **kw: object
    ) -> float:
        """Draw rows downwards from y; returns the y below the last one."""
        for i, row in enumerate(rows):
            self.text(x, y + i * lead, row, size, **kw)  # type: ignore[arg-type]
        return y + len(rows) * lead

    def pairs(
        self,
        x: float,
        y: float,
        rows: Sequence[tuple[str, str]],
        value_x: float,
        size: float = 9,
        lead: float = 4.6,
        value_align: str = "l",
        bold_values: bool = False,
    ) -> float:
        """Label at x, value at value_x (left- or right-aligned): the usual invoice detail block."""
        for i, (label, value) in enumerate(rows):
            self.text(x, y + i * lead, label, size)
            self.text(value_x, y + i * lead, value, size, bold=bold_values, align=value_align)
        return y + len(rows) * lead

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: tuple[float, float, float] | None = None,
        stroke: bool = True,
    ) -> None:
        if fill:
            self.c.setFillColorRGB(*fill)
        self.c.rect(
            x * mm, (H_MM - y - h) * mm, w * mm, h * mm, stroke=int(stroke), fill=int(fill is not None)
        )
        self.c.setFillColorRGB(0, 0, 0)

    def hline(self, x1: float, x2: float, y: float, width: float = 0.4) -> None:
        self.c.setLineWidth(width)
        self.c.line(x1 * mm, (H_MM - y) * mm, x2 * mm, (H_MM - y) * mm)

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        if self.on_page:
            self.on_page(self, self.page)

    def table(
        self,
        x: float,
        y: float,
        cols: Sequence[Column],
        rows: Sequence[Sequence[str]],
        *,
        bottom: float = 250,
        top_next: float = 40,
        size: float = 8.5,
        lead: float = 6,
        head_fill: tuple[float, float, float] | None = None,
        head_color: tuple[float, float, float] = (0, 0, 0),
        grid: bool = False,
    ) -> float:
        """Header row then body rows; a row that would pass `bottom` starts a new page (header repeated)."""

        def header(at: float) -> float:
            total = sum(c.width for c in cols)
            if head_fill:
                self.rect(x, at - 4.5, total, 6.5, fill=head_fill, stroke=False)
            else:
                self.hline(x, x + total, at + 2)
            self._row(x, at, cols, [c.header for c in cols], size, bold=True, color=head_color)
            return at + lead + 1

        y = header(y)
        for row in rows:
            if y > bottom:
                self.new_page()
                y = header(top_next)
            self._row(x, y, cols, row, size)
            if grid:
                self.hline(x, x + sum(c.width for c in cols), y + 2, 0.2)
            y += lead
        return y

    def _row(
        self,
        x: float,
        y: float,
        cols: Sequence[Column],
        cells: Sequence[str],
        size: float,
        bold: bool = False,
        color: tuple[float, float, float] = (0, 0, 0),
    ) -> None:
        at = x
        for col, cell in zip(cols, cells, strict=True):
            if col.align == "r":
                self.text(at + col.width - 1.5, y, cell, size, bold, "r", color)
            elif col.align == "c":
                self.text(at + col.width / 2, y, cell, size, bold, "c", color)
            else:
                self.text(at + 1.5, y, cell, size, bold, "l", color)
            at += col.width

    def save(self) -> None:
        self.c.showPage()
        self.c.save()
