"""A thin reportlab canvas with top-down millimetre coordinates, the way one thinks of a Word page."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

Colour = tuple[float, float, float]
BLACK: Colour = (0, 0, 0)


class Page:
    """Write text, lines and boxes at (x, y) millimetres from the top-left corner; `new_page` flows on."""

    def __init__(self, path: Path, font: str = "Helvetica") -> None:
        self.canvas = Canvas(str(path), pagesize=A4)
        self.font = font
        self.height = A4[1] / mm
        self.pages = 1

    def _font(self, size: float, bold: bool, italic: bool) -> None:
        base = self.font
        if base == "Times":
            name = {
                (0, 0): "Times-Roman",
                (1, 0): "Times-Bold",
                (0, 1): "Times-Italic",
                (1, 1): "Times-BoldItalic",
            }
        elif base == "Courier":
            name = {
                (0, 0): "Courier",
                (1, 0): "Courier-Bold",
                (0, 1): "Courier-Oblique",
                (1, 1): "Courier-Bold",
            }
        else:
            name = {
                (0, 0): "Helvetica",
                (1, 0): "Helvetica-Bold",
                (0, 1): "Helvetica-Oblique",
                (1, 1): "Helvetica-BoldOblique",
            }
        self.canvas.setFont(name[(int(bold), int(italic))], size)

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float = 9,
        *,
        bold: bool = False,
        italic: bool = False,
        align: str = "l",
        colour: Colour = BLACK,
    ) -> None:
        self._font(size, bold, italic)
        self.canvas.setFillColorRGB(*colour)
        yy = (self.height - y) * mm
        if align == "r":
            self.canvas.drawRightString(x * mm, yy, s)
        elif align == "c":
            self.canvas.drawCentredString(x * mm, yy, s)
        else:
            self.canvas.drawString(x * mm, yy, s)
        self.canvas.setFillColorRGB(*BLACK)

    def lines(
        self, x: float, y: float, rows: list[str], size: float = 9, lead: float = 4.2, **kw: object
    ) -> float:
        """Write rows one under the other; returns the y below the last one."""
        for row in rows:
            self.text(x, y, row, size, **kw)  # type: ignore[arg-type]
            y += lead
        return y

    def hline(self, x1: float, x2: float, y: float, width: float = 0.5, colour: Colour = BLACK) -> None:
        self.canvas.setStrokeColorRGB(*colour)
        self.canvas.setLineWidth(width)
        self.canvas.line(x1 * mm, (self.height - y) * mm, x2 * mm, (self.height - y) * mm)
        self.canvas.setStrokeColorRGB(*BLACK)

    def vline(self, x: float, y1: float, y2: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x * mm, (self.height - y1) * mm, x * mm, (self.height - y2) * mm)

    def box(
        self, x: float, y: float, w: float, h: float, *, fill: Colour | None = None, stroke: bool = True
    ) -> None:
        if fill is not None:
            self.canvas.setFillColorRGB(*fill)
        self.canvas.setLineWidth(0.5)
        self.canvas.rect(
            x * mm, (self.height - y - h) * mm, w * mm, h * mm, stroke=int(stroke), fill=int(fill is not None)
        )
        self.canvas.setFillColorRGB(*BLACK)

    def grid(
        self,
        x: float,
        y: float,
        widths: list[float],
        rows: list[list[str]],
        h: float = 6,
        size: float = 8.5,
        aligns: str = "",
        head_fill: Colour | None = None,
    ) -> float:
        """An Excel-like ruled grid; the first row is the header. Returns the y below the grid."""
        aligns = aligns or "l" * len(widths)
        for r, row in enumerate(rows):
            cx = x
            if r == 0 and head_fill is not None:
                self.box(x, y, sum(widths), h, fill=head_fill)
            for w, cell, a in zip(widths, row, aligns, strict=False):
                self.box(cx, y, w, h)
                tx = cx + 1.5 if a == "l" else (cx + w - 1.5 if a == "r" else cx + w / 2)
                self.text(tx, y + h - 1.8, cell, size, bold=(r == 0), align=a)
                cx += w
            y += h
        return y

    def new_page(self) -> None:
        self.canvas.showPage()
        self.pages += 1

    def save(self) -> None:
        self.canvas.save()

    def table(
        self,
        x: float,
        y: float,
        widths: list[float],
        aligns: str,
        header: list[str],
        rows: list[list[str]],
        *,
        size: float = 8.5,
        lead: float = 5.5,
        bottom: float = 255,
        head_fill: Colour | None = None,
        rules: bool = True,
        top_after_break: float = 25,
    ) -> float:
        """Header and rows; rows past `bottom` continue on a new page under a repeated header."""

        def head(yy: float) -> float:
            if head_fill is not None:
                self.box(x, yy - 4, sum(widths), lead, fill=head_fill, stroke=False)
            self._cells(x, yy, widths, aligns, header, size, bold=True)
            if rules:
                self.hline(x, x + sum(widths), yy + 1.8, 0.6)
            return yy + lead + 0.5

        y = head(y)
        for row in rows:
            if y > bottom:
                self.text(x + sum(widths), bottom + 8, "./..", 8, align="r")
                self.new_page()
                y = head(top_after_break)
            self._cells(x, y, widths, aligns, row, size)
            if rules:
                self.hline(x, x + sum(widths), y + 1.8, 0.2, (0.6, 0.6, 0.6))
            y += lead
        return y

    def _cells(
        self,
        x: float,
        y: float,
        widths: list[float],
        aligns: str,
        cells: list[str],
        size: float,
        bold: bool = False,
    ) -> None:
        for w, cell, a in zip(widths, cells, aligns, strict=False):
            tx = x + 1 if a == "l" else (x + w - 1 if a == "r" else x + w / 2)
            self.text(tx, y, cell, size, bold=bold, align=a)
            x += w
