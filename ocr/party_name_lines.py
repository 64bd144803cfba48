"""A party's name wrapped on two lines: "Société Hôtelière du" / "Pacano", "Menuiserie" / "Moreau & Fils
EURL", a centred letterhead "Bâtiment" / "Blanc & Fils SAS". The two lines are set in the same size, one
right under the other (flush left, flush right or centred), and one of them says the name goes on: a connector
at the end of the first, a lower-case start or a legal form opening the second, or a legal form closing
the second when the first has none (a company's name ends with its form, so a line before it that is a
name too is its start)."""

from __future__ import annotations

import re

from . import party_labels
from .candidates import Candidate
from .document import Document
from .layout import Phrase
from .name_cleaning import clean_name, has_contact, is_address_line
from .party_name_shapes import (
    CONNECTOR_END,
    ENDS_WITH_FORM,
    HAS_FORM,
    NOT_A_NAME,
    STARTS_WITH_FORM,
    is_name_like,
)
from .party_sections import anchor_role

# OCR boxes follow the letters: a line with descenders ("Plomberie Chauffage") reads up to a fifth taller
# than one without ("Roussel & Fils EURL") in the same type; a tagline is set a quarter smaller or more.
_SIZE_TOLERANCE = 0.2
_MAX_WORDS_ABOVE = 3  # the start of a name over its line with the form: a word or two ("Menuiserie")


def completed(candidate: Candidate, document: Document) -> Candidate:
    """The whole name when `candidate` is one line of a name wrapped on two."""
    if candidate.start != 0:
        return candidate
    if not ENDS_WITH_FORM.search(candidate.value):
        return _with_next_line(candidate, document)
    return _with_line_above(candidate, document)


def _with_next_line(candidate: Candidate, document: Document) -> Candidate:
    # The line right under, set flush right or centred ("Cabinet Fontaine" / "SAS"), before a left-aligned
    # line further down that block_after would reach past it.
    following = _stacked(document, candidate.phrase, below=True)
    if following is None:
        block = document.block_after(candidate.phrase, max_lines=1)
        following = block[0] if block else None
    if following is None or is_address_line(following.text) or has_contact(following.text):
        return candidate  # an address, or an e-mail whose cleaning would leave "jaxson.vandoorn"
    rest = clean_name(following.text)
    height, next_height = candidate.phrase.y1 - candidate.phrase.y0, following.y1 - following.y0
    if abs(height - next_height) > _SIZE_TOLERANCE * max(height, next_height) and not _ends_name(rest):
        return candidate
    if not rest or any(c.isdigit() for c in rest) or NOT_A_NAME.search(rest) or _ATTENTION.match(rest):
        return candidate
    carries_on = CONNECTOR_END.search(candidate.value) or rest[:1].islower() or STARTS_WITH_FORM.match(rest)
    # "Menuiserie" / "Moreau & Fils EURL": the line the form closes is the name's end.
    closes = ENDS_WITH_FORM.search(rest) and _starts_a_name(candidate.value) and is_name_like(rest)
    if not (carries_on or closes) or _repeats(candidate.value, rest):
        return candidate
    return Candidate(f"{candidate.value} {rest}", candidate.score, candidate.phrase, candidate.start,
                     candidate.end, candidate.order)  # fmt: skip


# A contact line under the name: "z. Hd. Sophie Laurent", "Attn: J. Smith", "À l'attention de ...".
_ATTENTION = re.compile(
    r"^(?:z\.\s?hd\.?|zu\s+h[äa]nden|attn\.?|attention|[àa]\s+l['’]att(?:ention|\.)|c/o|t\.?\s?a\.?\s?v\.?|"
    r"all['’]att(?:enzione|\.)|a\s+la\s+atenci[óo]n|atn\.?)(?=[\s:.]|$)",
    re.IGNORECASE,
)
_CONNECTOR_START = re.compile(r"^(?:et|und|and|y|e|en|&)\s", re.IGNORECASE)


def _ends_name(rest: str) -> bool:
    """ "Menuiserie Rabier" / "et Fils SARL" set smaller: a line opening on a connector and closed by a legal
    form can only be the end of the name above it, whatever its size (a tagline opens on no connector)."""
    return bool(_CONNECTOR_START.match(rest) and ENDS_WITH_FORM.search(rest))


def _with_line_above(candidate: Candidate, document: Document) -> Candidate:
    """ "Bâtiment" over "Blanc & Fils SAS": a short name-like line with no form right above the one the form
    closes is the name's start."""
    if candidate.phrase.text.strip() != candidate.value:
        return candidate  # the name is part of a longer line (a header run), not a letterhead line
    above = _stacked(document, candidate.phrase, below=False)
    if above is None:
        return candidate
    start = above.text.strip()
    if not _starts_a_name(start) or not is_name_like(start) or _repeats(start, candidate.value):
        return candidate
    return Candidate(f"{start} {candidate.value}", candidate.score, candidate.phrase, candidate.start,
                     candidate.end, candidate.order)  # fmt: skip


def _starts_a_name(text: str) -> bool:
    """A line that may open a name whose form closes the next line: a word or two, no digits ("Table 20"),
    no form of its own, not a caption ("Locataire", "Zahlbar durch")."""
    return (
        len(text.split()) <= _MAX_WORDS_ABOVE
        and not any(c.isdigit() for c in text)
        and not HAS_FORM.search(text)
        and not anchor_role(text)
        # A payment part's captions ("Zahlbar durch", "Payable to") introduce a name; they never open one.
        and not party_labels.PAYER.match(text)
        and not party_labels.PAYEE.match(text)
    )


def _stacked(document: Document, phrase: Phrase, *, below: bool) -> Phrase | None:
    """The one phrase on the next line down (or up) set in the same size right against `phrase`, with its
    left edge or its centre aligned."""
    line = document.line_of(phrase)
    index = line.index + (1 if below else -1)
    if not 0 <= index < len(document.lines) or document.lines[index].page != line.page:
        return None
    height = phrase.y1 - phrase.y0
    over = [p for p in document.lines[index].phrases if p.x0 < phrase.x1 and phrase.x0 < p.x1]
    if len(over) != 1:
        return None
    other = over[0]
    other_height = other.y1 - other.y0
    gap = other.y0 - phrase.y1 if below else phrase.y0 - other.y1
    if abs(height - other_height) > _SIZE_TOLERANCE * max(height, other_height) or gap > 0.9 * max(
        height, 1.0
    ):
        return None
    centres = abs((phrase.x0 + phrase.x1) - (other.x0 + other.x1)) / 2
    edges = min(abs(phrase.x0 - other.x0), abs(phrase.x1 - other.x1))  # flush left or flush right
    return other if min(edges, centres) <= 0.5 * height else None


def _repeats(first: str, second: str) -> bool:
    """ "ACME" over "Acme Services SAS": a logo word repeated by the name, not the name's start."""
    return first.casefold() in second.casefold() or second.casefold() in first.casefold()
