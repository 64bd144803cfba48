"""The payer's readable view of a structured (UBL / CII XML) invoice: a PDF rendered from the fields we
stored, never the uploaded XML itself (a browser would show its tree, or run an XHTML script in it).

The wording arrives already translated (the web layer takes it from the catalogues); this module only
lays it out, with the DejaVu fonts the reminder letters use (accents, "€")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

from api.pdf_fonts import FONT as _FONT
from api.pdf_fonts import FONT_DIR, add_fonts

_MARGIN = 20.0
_LABEL_WIDTH = 65.0


@dataclass(frozen=True)
class ReadableInvoice:
    title: str
    issuer: str
    rows: Sequence[tuple[str, str]]  # (label, value), in reading order
    note: str
    created: datetime  # fixed in the file, so one invoice always renders to the same bytes


def render_readable_invoice(view: ReadableInvoice, *, font_dir: Path = FONT_DIR) -> bytes:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    add_fonts(pdf, font_dir)
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_title(view.title)
    pdf.set_author(view.issuer)
    pdf.set_creation_date(view.created.astimezone(UTC))
    pdf.add_page()
    pdf.set_font(_FONT, "B", 16)
    pdf.multi_cell(0, 8, view.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FONT, "", 11)
    pdf.multi_cell(0, 6, view.issuer, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for label, value in view.rows:
        top = pdf.get_y()
        pdf.set_font(_FONT, "B", 10)
        pdf.multi_cell(_LABEL_WIDTH, 6, label, new_x="RIGHT", new_y="TOP")
        pdf.set_xy(_MARGIN + _LABEL_WIDTH, top)
        pdf.set_font(_FONT, "", 10)
        pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(pdf.get_y(), top + 6))
    pdf.ln(8)
    pdf.set_font(_FONT, "", 8)
    pdf.multi_cell(0, 4.5, view.note, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
