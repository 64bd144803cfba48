"""The DejaVu fonts every PDF we print uses (reminder letters, the payer's view of an XML invoice): the core
PDF fonts have no "€", "œ" or most accents."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVu"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}


class LetterFontMissing(RuntimeError):
    """The TTF fonts needed to print "€", accents and "œ" are not installed."""


def add_fonts(pdf: FPDF, font_dir: Path = FONT_DIR) -> None:
    """Register FONT (regular and bold) on `pdf`, or say which package to install."""
    for style, filename in _FONT_FILES.items():
        path = font_dir / filename
        if not path.is_file():
            raise LetterFontMissing(
                f"font {path} not found: install the DejaVu fonts (Debian package fonts-dejavu-core)"
            )
        pdf.add_font(FONT, style, str(path))
