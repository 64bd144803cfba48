"""Words with positions from a PDF's text layer, through pdfium's character boxes (~3 ms a page).

pdfplumber gives the same words in ~85 ms a page; it is kept for table finding only. The raw pdfium
calls are used per character because the Python wrappers cost more than the work itself.
"""

from __future__ import annotations

import ctypes
import unicodedata

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .layout import PageText, Word

# A page whose text layer holds fewer visible characters than this is treated as an image (scanned
# pages often carry a few stray characters: a page number, an invisible watermark).
MIN_TEXT_CHARS = 20


def has_text_layer(page: pdfium.PdfPage) -> bool:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    return sum(1 for c in text if not c.isspace()) >= MIN_TEXT_CHARS


def read_text_page(page: pdfium.PdfPage, number: int) -> PageText:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        words = _words(textpage, height)
    finally:
        textpage.close()
    return PageText(number=number, words=words, method="text", width=width, height=height)


def _words(textpage: pdfium.PdfTextPage, page_height: float) -> list[Word]:
    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    words: list[Word] = []
    chars: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]
    for index in range(pdfium_c.FPDFText_CountChars(raw)):
        char = chr(pdfium_c.FPDFText_GetUnicode(raw, index))
        if char.isspace() or char == "\x00" or _is_symbol(char):
            _flush(words, chars, box)
            continue
        # The loose box spans the font's ascent to descent: a dash is as tall as the letters beside it,
        # which keeps line grouping simple.
        pdfium_c.FPDFText_GetLooseCharBox(raw, index, ctypes.byref(rect))
        # pdfium's y axis points up; ours points down like an image's.
        x0, x1, y0, y1 = rect.left, rect.right, page_height - rect.top, page_height - rect.bottom
        line_height = box[3] - box[1]
        # Kerning may pull a letter slightly left of its neighbour ("To"); a jump of more than half a
        # line height back, or to another line, starts a new word.
        if chars and (x0 < box[2] - line_height / 2 or abs(y0 - box[1]) > line_height / 2):
            _flush(words, chars, box)
        if not chars:
            box[:] = [x0, y0, x1, y1]
        else:
            box[:] = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
        chars.append(char)
    _flush(words, chars, box)
    return words


def _flush(words: list[Word], chars: list[str], box: list[float]) -> None:
    if chars:
        # NFKC: decomposed accents and ligatures ("ﬁ") compare like typed text.
        words.append(Word(unicodedata.normalize("NFKC", "".join(chars)), box[0], box[1], box[2], box[3]))
        chars.clear()


def _is_symbol(char: str) -> bool:
    """Icon-font glyphs (private-use area) and emoji (UTF-16 surrogate halves here) are not text."""
    return 0xE000 <= ord(char) <= 0xF8FF or 0xD800 <= ord(char) <= 0xDFFF
