"""A small reportlab drawing kit for the templates: a page cursor, text in three alignments, rules and a line
table that flows onto a next page the way the modelled software does (header row repeated)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

MM = 72 / 25.4
BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}


@dataclass
class Col:
    title: str
    width: float  # mm
    align: str = "l"  # l, r, c


@dataclass
class Doc:
    path: Path
    letter: bool = False
    font: str = "Helvetica"
    footer: Callable[[Doc], None] | None = None
    page_no: int = 1
    canvas: Canvas = field(init=False)

    def __post_init__(self) -> None:
        self.size = LETTER if self.letter else A4
        self.canvas = Canvas(str(self.path), pagesize=self.size)
        self.width_mm = self.size[0] / MM
        self.height_mm = self.size[1] / MM

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float = 9,
        bold: bool = False,
        align: str = "l",
        grey: float = 0,
    ) -> None:
        """Write `s` with its baseline `y` mm from the top of the page."""
        c = self.canvas
        c.setFont(BOLD[self.font] if bold else self.font, size)
        c.setFillGray(grey)
        px, py = x * MM, self.size[1] - y * MM
        if align == "r":
            c.drawRightString(px, py, s)
        elif align == "c":
            c.drawCentredString(px, py, s)
        else:
            c.drawString(px, py, s)
        c.setFillGray(0)

    def lines(
        self, x: float, y: float, rows: Sequence[str], size: float = 9, lead: float = 4.2, **kw: object
    ) -> float:
        for i, row in enumerate(rows):
            self.text(x, y + i * lead, row, size, **kw)  # type: ignore[arg-type]
        return y + len(rows) * lead

    def rule(self, x1: float, y: float, x2: float, width: float = 0.5, grey: float = 0) -> None:
        c = self.canvas
        c.setLineWidth(width)
        c.setStrokeGray(grey)
        c.line(x1 * MM, self.size[1] - y * MM, x2 * MM, self.size[1] - y * MM)
        c.setStrokeGray(0)

    def box(
        self, x: float, y: float, w: float, h: float, fill: float | None = None, stroke: bool = True
    ) -> None:
        c = self.canvas
        if fill is not None:
            c.setFillGray(fill)
        c.rect(
            x * MM,
            self.size[1] - (y + h) * MM,
            w * MM,
            h * MM,
            stroke=int(stroke),
            fill=int(fill is not None),
        )
        c.setFillGray(0)

    def new_page(self) -> None:
        if self.footer:
            self.footer(self)
        self.canvas.showPage()
        self.page_no += 1

    def table(
        self,
        x: float,
        y: float,
        cols: Sequence[Col],
        rows: Sequence[Sequence[str]],
        *,
        size: float = 8.5,
        lead: float = 5.5,
        head_fill: float | None = 0.88,
        bottom: float = 250,
        top_next: float = 25,
        grid: bool = False,
    ) -> float:
        """Draw a header and the rows, past `bottom` mm on a new page; returns the y after the table."""

        def head(y0: float) -> float:
            width = sum(c.width for c in cols)
            if head_fill is not None:
                self.box(x, y0 - 4, width, lead, fill=head_fill, stroke=grid)
            else:
                self.rule(x, y0 + 1.5, x + width)
            self._row(x, y0, cols, [c.title for c in cols], size, bold=True)
            return y0 + lead

        y = head(y)
        for row in rows:
            if y > bottom:
                self.new_page()
                y = head(top_next)
            self._row(x, y, cols, row, size)
            if grid:
                self.rule(x, y + 1.5, x + sum(c.width for c in cols), 0.3, 0.6)
            y += lead
        return y

    def _row(
        self, x: float, y: float, cols: Sequence[Col], cells: Sequence[str], size: float, bold: bool = False
    ) -> None:
        for col, cell in zip(cols, cells, strict=True):
            if col.align == "r":
                self.text(x + col.width - 1.5, y, cell, size, bold, "r")
            elif col.align == "c":
                self.text(x + col.width / 2, y, cell, size, bold, "c")
            else:
                self.text(x + 1.5, y, cell, size, bold)
            x += col.width

    def pairs(
        self,
        x_label: float,
        x_value: float,
        y: float,
        rows: Sequence[tuple[str, str]],
        size: float = 9,
        lead: float = 5,
        bold_last: bool = False,
        align: str = "r",
    ) -> float:
        """Label/value rows (a totals block or a reference block)."""
        for i, (label, value) in enumerate(rows):
            bold = bold_last and i == len(rows) - 1
            self.text(x_label, y, label, size, bold)
            self.text(x_value, y, value, size, bold, align)
            y += lead
        return y

    def save(self) -> None:
        if self.footer:
            self.footer(self)
        self.canvas.save()
