"""Small drawing helpers over a reportlab canvas (coordinates in mm from the top-left corner)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import Paragraph, Table, TableStyle  # type: ignore[import-untyped]

W, H = A4[0] / mm, A4[1] / mm
__all__ = ["colors", "GREY", "GRID", "box", "canvas", "hline", "lines", "para", "table", "text"]
GRID = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
GREY = colors.Color(0.88, 0.88, 0.88)


def canvas(path: Path) -> Canvas:
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(path.stem)
    return c


def font(c: Canvas, size: float, bold: bool = False, italic: bool = False) -> None:
    name = "Helvetica" + ("-Bold" if bold else "") + ("Oblique" if italic and not bold else "")
    c.setFont(name if name != "Helvetica-BoldOblique" else name, size)


def text(
    c: Canvas, x: float, y: float, s: str, size: float = 9, bold: bool = False, align: str = "l"
) -> None:
    font(c, size, bold)
    X, Y = x * mm, (H - y) * mm
    if align == "r":
        c.drawRightString(X, Y, s)
    elif align == "c":
        c.drawCentredString(X, Y, s)
    else:
        c.drawString(X, Y, s)


def lines(
    c: Canvas,
    x: float,
    y: float,
    rows: Sequence[str],
    size: float = 9,
    lead: float = 4.2,
    bold_first: bool = False,
    align: str = "l",
) -> float:
    for i, row in enumerate(rows):
        if row:
            text(c, x, y + i * lead, row, size, bold_first and i == 0, align)
    return y + len(rows) * lead


def box(c: Canvas, x: float, y: float, w: float, h: float, fill: Any = None, width: float = 0.6) -> None:
    c.setLineWidth(width)
    if fill is not None:
        c.setFillColor(fill)
    c.rect(x * mm, (H - y - h) * mm, w * mm, h * mm, stroke=1, fill=1 if fill is not None else 0)
    c.setFillColor(colors.black)


def hline(c: Canvas, x1: float, x2: float, y: float, width: float = 0.5, dash: bool = False) -> None:
    c.setLineWidth(width)
    if dash:
        c.setDash(3, 2)
    c.line(x1 * mm, (H - y) * mm, x2 * mm, (H - y) * mm)
    c.setDash()


def table(
    c: Canvas,
    x: float,
    y: float,
    data: list[list[Any]],
    widths: Sequence[float],
    style: list[tuple[Any, ...]] | None = None,
    size: float = 8,
    align_right_from: int = 99,
) -> float:
    """Draw a platypus Table with its top-left at (x, y); returns the y of its bottom."""
    base: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", size),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("ALIGN", (align_right_from, 0), (-1, -1), "RIGHT"),
    ]
    t = Table(data, colWidths=[w * mm for w in widths])
    t.setStyle(TableStyle(base + (style or [])))
    _, height = t.wrapOn(c, sum(widths) * mm, H * mm)
    t.drawOn(c, x * mm, (H - y) * mm - height)
    return float(y + height / mm)


def para(c: Canvas, x: float, y: float, w: float, html: str, size: float = 7.5, align: int = 0) -> float:
    style = ParagraphStyle("p", fontName="Helvetica", fontSize=size, leading=size * 1.25, alignment=align)
    p = Paragraph(html, style)
    _, height = p.wrapOn(c, w * mm, H * mm)
    p.drawOn(c, x * mm, (H - y) * mm - height)
    return float(y + height / mm)
