"""The issuer's name where its letterhead and footer print it: the sender line above an envelope window,
the legal mentions, the largest name at the top of page 1."""

from __future__ import annotations

import re
from statistics import median

from . import party_labels
from .candidates import Candidate
from .document import Document, Line
from .layout import Phrase
from .name_cleaning import clean_name, is_address_line, is_country
from .party_name_shapes import (
    HAS_FORM,
    STARTS_WITH_FORM,
    Names,
    aligned_block,
    block_kind,
    is_name_like,
    is_value_label,
    name_in,
    raised,
    type_size,
)
from .party_sections import Sections, anchor_role


def sender_lines(document: Document) -> list[Names]:
    """The issuer's one-line address in small print ("Acme Ltd. • 42 Milky Way • Faraway") right above an
    address block: the envelope's return address over its window. The line names the seller, the block
    under it the buyer."""
    found: list[Names] = []
    height = document.page_height(1) if 1 in document.pages else 0.0
    for line in document.lines:
        if line.page != 1 or line.y0 > height * 0.45:
            break
        for phrase in line.phrases:
            sender = _sender_at(document, phrase)
            if sender is not None:
                found.append(sender)
    return found


def _sender_at(document: Document, phrase: Phrase) -> Names | None:
    run = _run_from(document, phrase)
    name = clean_name(run)
    if not name or name == run.strip() or not is_name_like(name) or not _has_address(run[len(name) :]):
        return None
    block = _window_block(document, phrase)
    if len(block) < 2 or not any(is_address_line(p.text) for p in block):
        return None
    if type_size(phrase) > 0.95 * median(type_size(p) for p in block):
        return None  # a return address is printed smaller than the address in the window
    order = document.line_of(phrase).index
    start = phrase.text.find(name)
    seller = (
        [Candidate(name, 0.75, phrase, max(start, 0), max(start, 0) + len(name), order)] if start >= 0 else []
    )
    for line in block:
        named = name_in(line, 0.8, document.line_of(line).index)
        if named is not None:
            return Names(seller, [named])
    return Names(seller, [])


def _window_block(document: Document, phrase: Phrase) -> list[Phrase]:
    """The address block under a sender line; when OCR lost one of its lines (a street read as "99" off
    the margin), the gap is a line wide and the town line under it still closes the block."""
    block = document.block_after(phrase, max_lines=6)
    if not block or any(is_address_line(p.text) for p in block):
        return block
    last = block[-1]
    height = max(last.y1 - last.y0, 6.0)
    for line in document.lines[document.line_of(last).index + 1 : document.line_of(last).index + 4]:
        if line.page != last.page or line.y0 - last.y1 > 3.2 * height:
            break
        aligned = [p for p in line.phrases if abs(p.x0 - last.x0) <= height]
        if aligned and is_address_line(aligned[0].text):
            return [*block, aligned[0]]
    return block


def _run_from(document: Document, phrase: Phrase) -> str:
    """`phrase` and the phrases close to its right on the same line, as one piece of text."""
    parts, current = [phrase.text], phrase
    width = document.pages[phrase.page].width
    while (neighbour := document.right_of(current)) is not None and neighbour.x0 - current.x1 < 0.06 * width:
        parts.append(neighbour.text)
        current = neighbour
    return " • ".join(parts)


def _has_address(text: str) -> bool:
    pieces = re.split(r"\s+[•·|+*–—-]\s+|\s*[•·|]\s*|,\s+", text)
    return any(is_address_line(p) for p in pieces if p.strip())


def legal_mention_names(document: Document) -> list[Candidate]:
    """The issuer's name as its header/footer prints it: "Name SARL - 12 rue ... - SIRET ...", or the
    name line right above the legal mentions at the foot of the page."""
    found: list[Candidate] = []
    for line in document.lines:
        mentions = bool(party_labels.LEGAL_MENTION.search(line.text))
        for position, phrase in enumerate(line.phrases):
            glued = clean_name(phrase.text) != phrase.text.strip() or _heads_mentions(line.phrases, position)
            # Or in a column of its own beside them: "Acme Ltd || Company No. 0123 || VAT GB...".
            beside = mentions and not glued and HAS_FORM.search(phrase.text)
            if _looks_like_header(line.text) and (glued or beside):
                # A company name carries its legal form; the head of a footer piece may be a town.
                named = name_in(phrase, 0.7 if HAS_FORM.search(clean_name(phrase.text)) else 0.55, line.index)
                if named is not None:
                    found.append(named)
        above = document.lines[line.index - 1] if line.index else None
        # The name line right above them, not the last line of the page's body further up.
        if above is not None and above.page == line.page and mentions and _right_above(above, line):
            found += [c for p in above.phrases if (c := name_in(p, 0.6, above.index)) is not None]
    return found


def _right_above(above: Line, line: Line) -> bool:
    return line.y0 - above.y1 <= 2.5 * max(line.y1 - line.y0, above.y1 - above.y0)


_SEPARATOR_ONLY = re.compile(r"[\s•·|+*–—\-,;/]*")


def _heads_mentions(phrases: list[Phrase], position: int) -> bool:
    """ "Name || - || SAS au capital de ... || - || RCS ...": OCR sets a footer's separators apart, so the
    name heads the legal mentions (or the address) as a phrase of its own; glued to them in the text
    layer."""
    if position != 0:
        return False
    rest = [p.text for p in phrases[1:] if not _SEPARATOR_ONLY.fullmatch(p.text)]
    separated = len(rest) < len(phrases) - 1
    # Or a company's footer address ("Acme SARL || - || 5 boulevard Voltaire || - || 67000 Strasbourg"):
    # the text layer's one phrase "Acme SARL - 5 boulevard Voltaire - ..." has the name cut before it.
    address = bool(rest) and is_address_line(rest[0]) and bool(HAS_FORM.search(phrases[0].text))
    return separated and bool(rest) and bool(party_labels.LEGAL_MENTION.search(rest[0]) or
                                            STARTS_WITH_FORM.match(rest[0]) or address)  # fmt: skip


def _looks_like_header(text: str) -> bool:
    return bool(party_labels.LEGAL_MENTION.search(text) or re.search(r"\b\d{5}\b", text))


def top_names(document: Document, sections: Sections, bare: list[Candidate] | None = None) -> list[Candidate]:
    """Name-like phrases at the top of page 1 that no caption assigns to someone else (first ones best,
    the one set largest a little better: a letterhead). Names over a bare postal address are left out (a
    recipient's window) and put in `bare`: the seller's when nothing else names one."""
    height = document.page_height(1) if 1 in document.pages else 0.0
    found: list[Candidate] = []
    captioned = bool(sections.anchored("buyer"))
    for line in document.lines:
        if line.page != 1 or line.y0 > height * 0.3 or len(found) >= 3 or _is_table_heading(line.phrases):
            break  # the lines under a table's headings are its items, never a letterhead
        for phrase in line.phrases:
            if sections.role_of(phrase, label="") not in (None, "seller") or is_value_label(document, phrase):
                continue
            if _labelled_value(document, phrase):
                continue  # "Payment Terms: || Net 15": a field's value, no letterhead
            if _over_country(document, phrase):
                continue  # the town of an address ("Dublin 2" over "Ireland")
            score = 0.6 if not found else 0.5
            named = name_in(phrase, score, line.index) or _spaced_logo(phrase, score, line.index)
            if named is not None and HAS_FORM.search(named.value):
                named = raised(named, 0.12)  # a legal form names a company, a tagline or a person has none
            kind = None if named is None else block_kind(document, phrase)
            if named is not None and kind == "plain" and not _set_larger(document, phrase) and not captioned:
                # A bare postal address in body type: the recipient's window, not a letterhead (unless a
                # caption already says where the buyer is).
                if bare is not None:
                    bare.append(named)
                continue
            if named is not None:
                found.append(raised(named, 0.05) if kind == "identity" else named)
    if len(found) > 1:
        largest = max(found, key=lambda c: c.phrase.y1 - c.phrase.y0)
        others = max(c.phrase.y1 - c.phrase.y0 for c in found if c is not largest)
        if largest.phrase.y1 - largest.phrase.y0 > 1.3 * others:
            found = [raised(c, 0.05) if c is largest else c for c in found]
    return found


def _labelled_value(document: Document, phrase: Phrase) -> bool:
    """The value of a field whose label, ending with a colon, stands right before it on the line."""
    phrases = document.line_of(phrase).phrases
    position = next(i for i, p in enumerate(phrases) if p is phrase)
    if position == 0 or not phrases[position - 1].text.endswith(":"):
        return False
    return anchor_role(phrases[position - 1].text) is None


def _spaced_logo(phrase: Phrase, score: float, order: int) -> Candidate | None:
    """ "M O U LI N": a logo set with wide letter spacing, which OCR reads letter by letter. Capitals only,
    so a spaced-out title read in pieces ("T AX INV Ol CE") stays out; the word joined must be a name."""
    pieces = phrase.text.split()
    if len(pieces) < 3 or any(len(p) > 2 for p in pieces):
        return None
    word = "".join(pieces)
    if not (word.isalpha() and word.isupper() and len(word) >= 4 and is_name_like(word)):
        return None
    return Candidate(word, score, phrase, 0, len(phrase.text), order)


def _is_table_heading(phrases: list[Phrase]) -> bool:
    """ "Description || Qté || Prix unitaire || Montant": three or more column headings on one line."""
    return len(phrases) >= 3 and sum(party_labels.is_heading(p.text) for p in phrases) >= 3


def _over_country(document: Document, phrase: Phrase) -> bool:
    following = document.block_after(phrase, max_lines=1)
    return bool(following) and is_country(following[0].text)


def _set_larger(document: Document, phrase: Phrase) -> bool:
    block = max(document.block_after(phrase, max_lines=4), aligned_block(document, phrase, 4), key=len)
    # OCR boxes follow the letters: capitals and descenders make a body-size line read a fifth taller.
    ratio = 1.3 if document.pages[phrase.page].method == "ocr" else 1.2
    return bool(block) and phrase.y1 - phrase.y0 > ratio * median(p.y1 - p.y0 for p in block)
