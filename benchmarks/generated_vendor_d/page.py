"""A thin drawing layer over reportlab: millimetres measured from the top-left corner, text, rules, boxes,
and a line table that flows onto further pages with its header repeated, as vendor billing systems do."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

Column = tuple[str, float, str]  # header, width in mm, alignment l/r/c


class Page:
    def __init__(
        self,
        path: Path,
        footer: Callable[[Page, int], None] | None = None,
        letter: bool = False,
        font: str = "Helvetica",
    ) -> None:
        self.size = LETTER if letter else A4
        self.canvas = Canvas(str(path), pagesize=self.size)
        self.width = self.size[0] / mm
        self.height = self.size[1] / mm
        self.footer = footer
        self.number = 1
        self.font = font
        self.bold_font = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}.get(
            font, "Courier-Bold"
        )
        self.canvas.setTitle("Invoice")

    def t(
        self,
        x: float,
        y: float,
        s: str,
        size: float = 9,
        bold: bool = False,
        align: str = "l",
        grey: float = 0,
    ) -> None:
        c = self.canvas
        c.setFont(self.bold_font if bold else self.font, size)
        c.setFillGray(grey)
        px, py = x * mm, (self.height - y) * mm
        if align == "r":
            c.drawRightString(px, py, s)
        elif align == "c":
            c.drawCentredString(px, py, s)
        else:
            c.drawString(px, py, s)
        c.setFillGray(0)

    def lines(
        self, x: float, y: float, rows: Sequence[str], size: float = 9, gap: float = 4.2, **kw: object
    ) -> float:
        """Stack text lines; returns the y below the last one."""
        for row in rows:
            self.t(x, y, row, size, **kw)  # type: ignore[arg-type]
            y += gap
        return y

    def hline(self, x1: float, x2: float, y: float, width: float = 0.5, grey: float = 0) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.setStrokeGray(grey)
        self.canvas.line(x1 * mm, (self.height - y) * mm, x2 * mm, (self.height - y) * mm)
        self.canvas.setStrokeGray(0)

    def box(
        self, x: float, y: float, w: float, h: float, fill: float | None = None, stroke: bool = True
    ) -> None:
        """A rectangle whose top-left corner is (x, y); `fill` is a grey level (1 = white)."""
        c = self.canvas
        c.setLineWidth(0.5)
        if fill is not None:
            c.setFillGray(fill)
        c.rect(
            x * mm, (self.height - y - h) * mm, w * mm, h * mm, stroke=int(stroke), fill=int(fill is not None)
        )
        c.setFillGray(0)

    def kv(
        self,
        x: float,
        y: float,
        pairs: Sequence[tuple[str, str]],
        label_w: float,
        size: float = 9,
        gap: float = 4.6,
        bold_values: bool = False,
        value_align: str = "l",
        value_x: float | None = None,
    ) -> float:
        """Label/value rows; the value either starts at x + label_w or ends at value_x (right-aligned)."""
        for label, value in pairs:
            self.t(x, y, label, size)
            if value_align == "r" and value_x is not None:
                self.t(value_x, y, value, size, bold=bold_values, align="r")
            else:
                self.t(x + label_w, y, value, size, bold=bold_values)
            y += gap
        return y

    def table(
        self,
        x: float,
        y: float,
        cols: Sequence[Column],
        rows: Sequence[Sequence[str]],
        size: float = 8.5,
        gap: float = 5.0,
        bottom: float = 265,
        header_fill: float | None = 0.88,
        grid: bool = False,
        restart_y: float = 25,
    ) -> float:
        """Draw the header and rows; rows past `bottom` continue on a new page under a repeated header."""
        width = sum(w for _, w, _ in cols)

        def header(y0: float) -> float:
            if header_fill is not None:
                self.box(x, y0 - 4, width, gap + 0.5, fill=header_fill, stroke=False)
            self.row(x, y0, cols, [h for h, _, _ in cols], size, bold=True)
            self.hline(x, x + width, y0 + 1.8, 0.4)
            return y0 + gap + 0.5

        y = header(y)
        for row in rows:
            if y > bottom:
                self.new_page()
                y = header(restart_y)
            self.row(x, y, cols, row, size)
            if grid:
                self.hline(x, x + width, y + 1.6, 0.2, grey=0.6)
            y += gap
        self.hline(x, x + width, y - gap + 1.8, 0.4)
        return y

    def row(
        self,
        x: float,
        y: float,
        cols: Sequence[Column],
        cells: Sequence[str],
        size: float,
        bold: bool = False,
    ) -> None:
        for (_, w, align), cell in zip(cols, cells, strict=True):
            if align == "r":
                self.t(x + w - 1.5, y, cell, size, bold, "r")
            elif align == "c":
                self.t(x + w / 2, y, cell, size, bold, "c")
            else:
                self.t(x + 1.5, y, cell, size, bold)
            x += w

    def new_page(self) -> None:
        if self.footer:
            self.footer(self, self.number)
        self.canvas.showPage()
        self.number += 1

    def save(self) -> None:
        if self.footer:
            self.footer(self, self.number)
        self.canvas.showPage()
        self.canvas.save()
