"""What a party's name looks like on the page: the shapes that rule a phrase in or out as a name, legal
forms, labels whose value sits beside them, and the kind of address block under a name."""

from __future__ import annotations

import re

from . import labels, party_labels
from .candidates import Candidate
from .dates import DATE_PATTERN, date_from_match
from .document import Document
from .layout import Phrase
from .name_cleaning import NOT_A_TOWN, clean_name, has_contact, is_address_line, is_country, is_town_line
from .party_sections import anchor_role

NOT_A_NAME = re.compile(
    r"[:@_]|https?:|www\.|\d{4,}|^\d|^\+|€|\b(?:t[ée]l|t[ée]l[ée]phone|fax|page|mobile|portable|e-?mail|courriel)\b|"
    r"^(?:EUR|USD|GBP|CHF|CAD)$|"
    # A file name printed by the generator ("Sammelrechnung.xmi", "report.pdf").
    r"\.(?:xml|xmi|xsl|pdf|docx?|xlsx?|odt|csv|txt|html?|json|png|jpe?g|tiff?)\b",
    re.IGNORECASE,
)

_LEGAL_FORM = party_labels.LEGAL_FORM
ENDS_WITH_FORM = re.compile(rf"(?:^|\s)(?:{_LEGAL_FORM})$", re.IGNORECASE)
STARTS_WITH_FORM = re.compile(rf"^(?:{_LEGAL_FORM})(?:\s|$)", re.IGNORECASE)
HAS_FORM = re.compile(rf"(?:^|\s)(?:{_LEGAL_FORM})(?=\s|$)", re.IGNORECASE)
ONLY_FORM = re.compile(rf"(?:{_LEGAL_FORM})", re.IGNORECASE)
CONNECTOR_END = re.compile(r"(?:\s(?:de|du|des|d'|et|&|und|and|of|the|la|le|les|van|der|di|del|y|e)|[-&,])$",
                            re.IGNORECASE)  # fmt: skip


def is_name_like(text: str, *, caption_ok: bool = False) -> bool:
    letters = sum(c.isalpha() for c in text)
    if letters < 3 or len(text) > 70 or NOT_A_NAME.search(text):
        return False
    if not any(c.isupper() for c in text):
        return False  # names are printed capitalised; "vom", "und" are words read out of a sentence
    if is_address_line(text) or party_labels.SALUTATION.match(text) or _is_sentence(text):
        return False
    if _letter_spaced(text):
        return False  # "T AX INV Ol CE": a spaced-out title read by OCR in pieces
    if ONLY_FORM.fullmatch(text.strip()):
        return False  # "SASU" read apart from the name it follows
    if is_country(text) or party_labels.is_heading(text) or party_labels.LABEL_SHAPE.search(text):
        return False  # the last line of an address block; a field label or a column heading
    return not (
        labels.DOCUMENT_TITLE.search(text)
        or (not caption_ok and anchor_role(text))
        or party_labels.LEGAL_MENTION.search(text)
    )


# Short words a name may hold: connectors and two-letter legal forms ("Bar & Co de la Mer SA").
_SHORT_WORDS = frozenset(
    "& + - de du la le et of y e di da el al an am im en co sa ag kg ug sl bv nv ab as se oy".split()
)


def _letter_spaced(text: str) -> bool:
    """Three or more pieces of one or two letters that are no connector, making half the words or more."""
    words = text.split()
    pieces = sum(len(w.strip(".,")) <= 2 and w.strip(".,").casefold() not in _SHORT_WORDS for w in words)
    return pieces >= 3 and pieces * 2 >= len(words)


def _is_sentence(text: str) -> bool:
    """ "We take the liberty of invoicing you": names capitalise most of their words and are short."""
    words = text.split()
    lower = sum(w[:1].islower() for w in words)
    return len(words) > 8 or (len(words) >= 5 and lower * 2 >= len(words))


def name_in(phrase: Phrase, score: float, order: int = 0, *, caption_ok: bool = False) -> Candidate | None:
    """The name at the head of `phrase`, cleaned of what is glued to it, or None."""
    if is_address_line(phrase.text):
        return None
    name = clean_name(phrase.text)
    if not is_name_like(name, caption_ok=caption_ok):
        return None
    start = phrase.text.find(name)
    if _holds_date(phrase.text, start, start + len(name)):
        return None  # "Date of issue January 7, 2026": a dated field, whatever cleaning left of it
    if phrase.text[start + len(name) :].startswith(":") and not HAS_FORM.search(name):
        return None  # "Indirizzo: Via Roma 150", "Cap: 20121": a label before its value, no name
    if _PLACE_AND_DATE.match(phrase.text[start + len(name) :]) and _holds_date(
        phrase.text, 0, len(phrase.text)
    ):
        return None  # "Strasbourg, le 26 janvier 2026": where and when a letter was written, no name
    return Candidate(name, score, phrase, start, start + len(name), order)


# After a town, the date a letter was written: "Lyon, le 3 mars 2026", "Köln, den 03.03.2026".
_PLACE_AND_DATE = re.compile(r"\s*,\s*(?:(?:le|den|am|il|el|on|the)\s+)?\d", re.IGNORECASE)


def _holds_date(text: str, start: int, end: int) -> bool:
    if not any(c.isdigit() for c in text[start:end]):
        return False
    return any(
        m.start() < end and start < m.end() and date_from_match(m) is not None
        for m in DATE_PATTERN.finditer(text)
    )


def is_value_label(document: Document, phrase: Phrase) -> bool:
    """A label whose value sits to its right: "Nummer || : 123", "Nummer || 549910"."""
    neighbour = document.right_of(phrase)
    if phrase.text.endswith(":") or (neighbour is not None and neighbour.text.startswith(":")):
        return True
    # A name closed by its legal form is no label, whatever is beside it ("Thornbury Ltd || +44 113 ...").
    if neighbour is None or len(phrase.words) > 3 or ENDS_WITH_FORM.search(phrase.text):
        return False
    near = neighbour.x0 - phrase.x1 < 0.15 * document.pages[phrase.page].width
    return near and any(c.isdigit() for c in neighbour.text)


_POSTAL_LINE = re.compile(rf"(?:^|\s)(?:[A-Z]{{1,2}}[- ]?)?\d{{4,5}}\s+{NOT_A_TOWN}[^\W\d]{{2,}}")


def is_town(text: str) -> bool:
    """The postcode and town line of an address: "75008 Paris", "Portland, OR 97201", "London WC2B 6XF"."""
    return bool(_POSTAL_LINE.search(text)) or is_town_line(text)


def block_kind(document: Document, head: Phrase) -> str | None:
    """ "identity" when the block under a name carries the issuer's details (phone, e-mail, identifiers,
    legal mentions), "plain" for a bare postal address (a recipient's), None when no address follows."""
    block = document.block_after(head, max_lines=8)
    aligned = aligned_block(document, head, max_lines=8)
    block = aligned if len(aligned) > len(block) else block
    if not any(is_address_line(p.text) for p in block):
        return None
    details = (party_labels.LEGAL_MENTION, *party_labels.VAT_ID[:1], *party_labels.SIRET, *party_labels.IBAN)
    if any(has_contact(p.text) or any(d.search(p.text) for d in details) for p in block):
        return "identity"
    return "plain"


def aligned_block(document: Document, head: Phrase, max_lines: int = 8) -> list[Phrase]:
    """The lines stacked under `head` flush left, flush right or centred on it: a letterhead set right or
    centred ("Jansen Transport B.V." over "Keizersgracht 112" over "1015 CV Amsterdam", all ending at the
    margin) is one block, which `block_after` (left edges only) reads as one line."""
    block: list[Phrase] = []
    current = head
    line = document.line_of(head)
    for following in document.lines[line.index + 1 : line.index + 1 + max_lines * 2]:
        height = max(current.y1 - current.y0, 1.0)
        if following.page != line.page or following.y0 - current.y1 > height * 1.8:
            break
        slack = max(height, 6.0)
        below = [p for p in following.phrases if _aligned(p, head, slack)]
        if below:
            current = below[0]
            block.append(current)
            if len(block) >= max_lines:
                break
    return block


def _aligned(phrase: Phrase, head: Phrase, slack: float) -> bool:
    left, right = abs(phrase.x0 - head.x0), abs(phrase.x1 - head.x1)
    centre = abs((phrase.x0 + phrase.x1) - (head.x0 + head.x1)) / 2
    return min(left, right, centre) <= slack


def type_size(phrase: Phrase) -> float:
    """The height of a phrase's type: the median of its words that hold a letter or digit. OCR boxes a
    misread separator ("·" read as a tall "-") or a word's accents taller than the line's type."""
    heights = sorted(w.y1 - w.y0 for w in phrase.words if any(c.isalnum() for c in w.text))
    return heights[len(heights) // 2] if heights else phrase.y1 - phrase.y0


_CONNECTORS = frozenset("de du des d la le les et of and und von van der den di del y e en zu".split())


def rejoined(candidate: Candidate) -> Candidate:
    """ "Customer Na me" read by OCR, the gap before "me" a fraction of the phrase's spaces: one word split
    where the letters stood apart. A piece starting in lower case (no connector) after a gap under 0.4 of
    the name's widest space and under a quarter of the type's height (a space is about 0.28 em) is glued
    back to the word before it."""
    phrase = candidate.phrase
    if candidate.start < 0 or candidate.value != phrase.text[candidate.start : candidate.end]:
        return candidate
    inside = [i for i, at in enumerate(phrase.starts) if candidate.start <= at < candidate.end]
    gaps = [phrase.words[i].x0 - phrase.words[i - 1].x1 for i in inside[1:]]
    if len(gaps) < 2:
        return candidate
    widest = max(gaps)
    value = candidate.value
    for i, gap in reversed(list(zip(inside[1:], gaps, strict=True))):
        word = phrase.words[i].text
        height = max(w.y1 - w.y0 for w in phrase.words[i - 1 : i + 1])
        narrow = gap < 0.4 * widest and gap < 0.25 * height
        if narrow and word[:1].islower() and word.casefold() not in _CONNECTORS:
            cut = phrase.starts[i] - 1 - candidate.start
            value = value[:cut] + value[cut + 1 :]
    if value == candidate.value:
        return candidate
    return Candidate(value, candidate.score, phrase, candidate.start, candidate.end, candidate.order)


def raised(candidate: Candidate, by: float) -> Candidate:
    return Candidate(candidate.value, min(1.0, candidate.score + by), candidate.phrase, candidate.start,
                     candidate.end, candidate.order)  # fmt: skip


class Names:
    def __init__(self, seller: list[Candidate], buyer: list[Candidate]) -> None:
        self.seller, self.buyer = seller, buyer
