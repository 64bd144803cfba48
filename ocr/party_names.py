"""Seller and buyer names, chosen on layout evidence.

Each place that can name a party proposes a candidate with a score: the block under a caption ("Client",
"Bill to", "Verkäufer"), a "Name:" field, the block that holds a party's identifiers, the one-line sender
address printed above an envelope window (seller) and the window block under it (buyer), the issuer's
legal mentions, the largest name at the top of page 1. Places that agree raise each other; then the
seller and the buyer are chosen together so that one block never names both.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from statistics import median

from . import labels, party_labels
from .candidates import Candidate
from .document import Document
from .layout import Phrase
from .name_cleaning import clean_name, has_contact, is_address_line, is_country, is_town_line
from .party_sections import Role, Sections, anchor_role, slip_lines

_NOT_A_NAME = re.compile(
    r"[:@_]|https?:|www\.|\d{4,}|^\d|^\+|€|\b(?:tel|t[ée]l[ée]phone|fax|page)\b|"
    r"^(?:EUR|USD|GBP|CHF|CAD)$|"
    # A file name printed by the generator ("Sammelrechnung.xmi", "report.pdf").
    r"\.(?:xml|xmi|xsl|pdf|docx?|xlsx?|odt|csv|txt|html?|json|png|jpe?g|tiff?)\b",
    re.IGNORECASE,
)
_LEGAL_FORM = party_labels.LEGAL_FORM
_ENDS_WITH_FORM = re.compile(rf"(?:^|\s)(?:{_LEGAL_FORM})$", re.IGNORECASE)
_STARTS_WITH_FORM = re.compile(rf"^(?:{_LEGAL_FORM})(?:\s|$)", re.IGNORECASE)
_HAS_FORM = re.compile(rf"(?:^|\s)(?:{_LEGAL_FORM})(?=\s|$)", re.IGNORECASE)
_ONLY_FORM = re.compile(rf"(?:{_LEGAL_FORM})", re.IGNORECASE)
_CONNECTOR_END = re.compile(r"(?:\s(?:de|du|des|d'|et|&|und|and|of|the|la|le|les|van|der|di|del|y|e)|[-&,])$",
                            re.IGNORECASE)  # fmt: skip


def is_name_like(text: str, *, caption_ok: bool = False) -> bool:
    letters = sum(c.isalpha() for c in text)
    if letters < 3 or len(text) > 70 or _NOT_A_NAME.search(text):
        return False
    if not any(c.isupper() for c in text):
        return False  # names are printed capitalised; "vom", "und" are words read out of a sentence
    if is_address_line(text) or party_labels.SALUTATION.match(text) or _is_sentence(text):
        return False
    if _ONLY_FORM.fullmatch(text.strip()):
        return False  # "SASU" read apart from the name it follows
    if is_country(text) or party_labels.is_heading(text) or party_labels.LABEL_SHAPE.search(text):
        return False  # the last line of an address block; a field label or a column heading
    return not (
        labels.DOCUMENT_TITLE.search(text)
        or (not caption_ok and anchor_role(text))
        or party_labels.LEGAL_MENTION.search(text)
    )


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
    return Candidate(name, score, phrase, start, start + len(name), order)


def locate_names(found: dict[str, Candidate], document: Document, sections: Sections) -> None:
    sellers = _candidates(found, document, sections, "seller")
    buyers = _candidates(found, document, sections, "buyer")
    for sender in _sender_lines(document):
        sellers += sender.seller
        buyers += sender.buyer
    sellers += _legal_mention_names(document) + _top_names(document, sections)
    payment = _payment_names(document)
    sellers += payment.seller
    buyers += payment.buyer
    seller, buyer = _choose_pair(_voted(sellers), _voted(buyers))
    if buyer is not None:
        found.setdefault("buyer_name", _completed(_fuller_name(buyer, buyers), document))
    if seller is not None:
        seller = _without_stated_legal_form(_completed(_fuller_name(seller, sellers), document), document)
        found.setdefault("seller_name", seller)


def _candidates(
    found: dict[str, Candidate], document: Document, sections: Sections, role: Role
) -> list[Candidate]:
    candidates = _section_names(document, sections, role)
    ids = [found[f"{role}_{k}"] for k in ("vat_id", "siret") if f"{role}_{k}" in found]
    # "TVA : FR38500003710" inside an address block: the block's first line names the party.
    for identifier in ids:
        # The label's phrase when the number stands apart from it ("USt-IdNr. || DE136695976").
        phrase = identifier.phrase if identifier.start > 0 else _left_of(document, identifier.phrase)
        named = None if phrase is None else _block_name(document, phrase, 0.75)
        if named is not None:
            candidates.append(named)
    return candidates + _address_block_names(document, sections, role)


def _left_of(document: Document, phrase: Phrase) -> Phrase | None:
    phrases = document.line_of(phrase).phrases
    position = next(i for i, p in enumerate(phrases) if p is phrase)
    return phrases[position - 1] if position > 0 else None


def _choose_pair(
    sellers: list[Candidate], buyers: list[Candidate]
) -> tuple[Candidate | None, Candidate | None]:
    """The seller and the buyer, never the same party (a block names one party only): the role whose best
    name has the stronger evidence takes it, the other role takes its best among the rest."""
    seller, buyer = _best(sellers), _best(buyers)
    if seller is None or buyer is None or not _same_party(seller, buyer):
        return seller, buyer
    if _rank(seller) >= _rank(buyer):
        return seller, _best([b for b in buyers if not _same_party(seller, b)])
    return _best([s for s in sellers if not _same_party(s, buyer)]), buyer


def _best(candidates: list[Candidate]) -> Candidate | None:
    return max(candidates, key=_rank, default=None)


def _rank(candidate: Candidate | None) -> tuple[float, float]:
    return (-1.0, 0.0) if candidate is None else (round(candidate.score, 2), -candidate.order)


def _same_party(a: Candidate, b: Candidate) -> bool:
    if a.phrase is b.phrase and a.start < b.end and b.start < a.end:
        return True
    key_a, key_b = _key(a.value), _key(b.value)
    if key_a == key_b:
        return True
    # A logo word ("PACANO") and the full name it stands for ("Société Hôtelière du Pacano").
    short, long = sorted((key_a, key_b), key=len)
    return " " not in short and len(short) >= 4 and short in long.split()


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^\w&]", " ", name.casefold()).split())


def _voted(candidates: list[Candidate]) -> list[Candidate]:
    """Scores raised when several places agree on the same name; OCR variants of one name ("Acme lta."
    in a logo, "Acme Ltd." twice in small print) take the spelling most places read."""
    groups: list[list[Candidate]] = []
    for candidate in candidates:
        group = next((g for g in groups if _same_spelling(g[0].value, candidate.value)), None)
        if group is None:
            groups.append([candidate])
        else:
            group.append(candidate)
    voted: list[Candidate] = []
    for group in groups:
        counts: dict[str, int] = {}
        for c in group:
            counts[c.value] = counts.get(c.value, 0) + 1
        top = max(counts.values())
        for c in group:
            value = c.value if counts[c.value] == top else next(v for v, n in counts.items() if n == top)
            score = min(1.0, c.score + 0.1 * (len(group) - 1))
            start = c.phrase.text.find(value)
            span = (start, start + len(value)) if start >= 0 else (c.start, c.end)
            voted.append(Candidate(value, score, c.phrase, span[0], span[1], c.order))
    return voted


def _same_spelling(a: str, b: str) -> bool:
    """The same name, or an OCR misreading of it (one or two letters off in a name of some length)."""
    key_a, key_b = _key(a), _key(b)
    if key_a == key_b:
        return True
    if min(len(key_a), len(key_b)) < 6 or abs(len(key_a) - len(key_b)) > 1:
        return False
    return SequenceMatcher(None, key_a, key_b).ratio() >= 0.85


def _fuller_name(chosen: Candidate, candidates: list[Candidate]) -> Candidate:
    """A one-word name (a logo: "PACANO") that another candidate spells out in full ("Société Hôtelière du
    Pacano", from an address block or the legal mentions) is that fuller name."""
    if len(chosen.value.split()) > 1:
        return chosen
    word = re.compile(rf"\b{re.escape(chosen.value)}\b", re.IGNORECASE)
    fuller = [c for c in candidates if len(c.value) > len(chosen.value) and word.search(c.value)]
    if not fuller:
        return chosen
    found = max(fuller, key=lambda c: c.score)
    return Candidate(found.value, chosen.score, found.phrase, found.start, found.end, found.order)


def _completed(candidate: Candidate, document: Document) -> Candidate:
    """A name wrapped on two lines of its block: the second line carries on the first ("Société
    Hôtelière du" / "Pacano", "Lieferant" / "GmbH & Co. KG") and is set in the same size."""
    if candidate.start != 0 or _ENDS_WITH_FORM.search(candidate.value):
        return candidate
    block = document.block_after(candidate.phrase, max_lines=1)
    if not block:
        return candidate
    following = block[0]
    height, next_height = candidate.phrase.y1 - candidate.phrase.y0, following.y1 - following.y0
    if abs(height - next_height) > 0.15 * max(height, next_height) or is_address_line(following.text):
        return candidate
    rest = clean_name(following.text)
    carries_on = _CONNECTOR_END.search(candidate.value) or rest[:1].islower() or _STARTS_WITH_FORM.match(rest)
    if not carries_on or not rest or any(c.isdigit() for c in rest) or _NOT_A_NAME.search(rest):
        return candidate
    return Candidate(f"{candidate.value} {rest}", candidate.score, candidate.phrase, candidate.start,
                     candidate.end, candidate.order)  # fmt: skip


def _without_stated_legal_form(candidate: Candidate, document: Document) -> Candidate:
    """ "Au bon moulin SARL" when the legal mentions say "SARL au capital de ...": the company's name
    (dénomination) is "Au bon moulin"; the form is printed beside it, not part of it."""
    match = re.search(
        r"\s+(SARL|SASU|SAS|SA|EURL|SNC|SCI|SCOP|SELARL|SELAS)\.?$", candidate.value, re.IGNORECASE
    )
    if match is None:
        return candidate
    form = re.compile(rf"\b{match.group(1)}\b", re.IGNORECASE)
    name = candidate.value[: match.start()]
    # The form stated on its own in a legal-mention line (the capital may be read onto the next line).
    stated = any(
        form.search(line.text) and party_labels.LEGAL_MENTION.search(line.text) and name not in line.text
        for line in document.lines
    ) or any(re.search(rf"\b{match.group(1)}\s+au\s+capital\b", line.text, re.I) for line in document.lines)
    if not stated:
        return candidate
    return Candidate(name, candidate.score, candidate.phrase, candidate.start, candidate.start + len(name),
                     candidate.order)  # fmt: skip


def _section_names(document: Document, sections: Sections, role: Role) -> list[Candidate]:
    found: list[Candidate] = []
    for anchor in sections.anchored(role):
        order = document.line_of(anchor).index
        # "Client : Ma jolie boutique": the name may follow the caption in the same phrase.
        if ":" in anchor.text and anchor.text.split(":", 1)[1].strip():
            named = name_in(anchor, 0.9, order)
            rest = anchor.text.split(":", 1)[1].strip()
            if named is not None and rest.startswith(named.value[:3]):
                found.append(named)
                continue
        named = _name_right_of(document, anchor, order)
        if named is not None:
            found.append(named)
            continue
        for phrase in document.block_after(anchor):
            named = _name_field(document, phrase)
            if named is None and not _is_caption(document, phrase) and not sections.is_caption(phrase):
                named = name_in(phrase, 0.9, order, caption_ok=True)
            if named is not None:
                found.append(named)
                break
    return found


def _name_right_of(document: Document, caption: Phrase, order: int) -> Candidate | None:
    """ "Customer || Harbor Analytics LLC", "Kunde: || Berghof GmbH": a caption with its value beside it on
    the line; not a row of column headings ("Kunde || Kundennummer || Datum")."""
    value = document.right_of(caption)
    if value is None or value.x0 - caption.x1 > 0.3 * document.pages[caption.page].width:
        return None
    return name_in(value, 0.9, order)


def _is_caption(document: Document, phrase: Phrase) -> bool:
    """A label whose value sits to its right: "Nummer || : 123", "Nummer || 549910"."""
    neighbour = document.right_of(phrase)
    if phrase.text.endswith(":") or (neighbour is not None and neighbour.text.startswith(":")):
        return True
    if neighbour is None or len(phrase.words) > 3:
        return False
    near = neighbour.x0 - phrase.x1 < 0.15 * document.pages[phrase.page].width
    return near and any(c.isdigit() for c in neighbour.text)


def _name_field(document: Document, phrase: Phrase) -> Candidate | None:
    """ "Name: || MUSTER-KUNDE GMBH": the value to the right, maybe set a little lower or higher."""
    if not any(label.search(phrase.text) for label in party_labels.NAME):
        return None
    value = document.right_of(phrase) or _beside(document, phrase)
    if value is None:
        return None
    named = name_in(value, 0.95, document.line_of(value).index, caption_ok=True)
    return named


def _beside(document: Document, phrase: Phrase) -> Phrase | None:
    """The nearest phrase to the right whose middle lies within `phrase`'s height (an adjacent line)."""
    line = document.line_of(phrase)
    height = max(phrase.y1 - phrase.y0, 1.0)
    middle = (phrase.y0 + phrase.y1) / 2
    near = [
        p
        for other in document.lines[max(0, line.index - 1) : line.index + 2]
        if other.page == line.page and other is not line
        for p in other.phrases
        if p.x0 > phrase.x1 and abs((p.y0 + p.y1) / 2 - middle) <= height
    ]
    return min(near, key=lambda p: p.x0, default=None)


def _column_above(document: Document, phrase: Phrase, max_lines: int = 8) -> list[Phrase]:
    """The phrases stacked above `phrase` in its column, nearest first. Looser than chain_above: OCR boxes
    are tighter than the type, so gaps are measured against at least a 9-point line."""
    chain: list[Phrase] = []
    current = phrase
    line = document.line_of(phrase)
    for previous in reversed(document.lines[max(0, line.index - max_lines * 2) : line.index]):
        height = max(current.y1 - current.y0, 9.0)
        if previous.page != line.page or current.y0 - previous.y1 > height * 2.6:
            break
        aligned = [p for p in previous.phrases if abs(p.x0 - phrase.x0) <= max(height, 6.0)]
        if aligned:
            chain.append(aligned[0])
            current = aligned[0]
            if len(chain) >= max_lines:
                break
        elif any(p.x0 <= phrase.x1 and p.x1 >= phrase.x0 for p in previous.phrases):
            break  # something else sits right above: the block ends here
    return chain


def _block_name(document: Document, phrase: Phrase, score: float) -> Candidate | None:
    """The name heading the address block an identifier is printed in (not a table of references)."""
    chain = _column_above(document, phrase)
    if not any(_is_town(p.text) for p in chain[:3]):
        return None  # the postcode line sits just above the identifiers in an address block
    for candidate in reversed(chain):
        named = name_in(candidate, score, document.line_of(candidate).index)
        if named is not None:
            return named
    return None


_POSTAL_LINE = re.compile(r"(?:^|\s)(?:[A-Z]{1,2}[- ]?)?\d{4,5}\s+[^\W\d]{2,}")


def _is_town(text: str) -> bool:
    """The postcode and town line of an address: "75008 Paris", "Portland, OR 97201", "London WC2B 6XF"."""
    return bool(_POSTAL_LINE.search(text)) or is_town_line(text)


def _ends_address(document: Document, phrase: Phrase) -> bool:
    """The last line of an address block: its town, or the country printed under the town."""
    if len(phrase.text) > 40:
        return False
    if _is_town(phrase.text):
        return True
    if not is_country(phrase.text):
        return False
    above = document.chain_above(phrase, max_lines=1)
    return not (above and _is_town(above[0].text))  # else the town line already stands for the block


def _block_kind(document: Document, head: Phrase) -> str | None:
    """ "identity" when the block under a name carries the issuer's details (phone, e-mail, identifiers,
    legal mentions), "plain" for a bare postal address (a recipient's), None when no address follows."""
    block = document.block_after(head, max_lines=8)
    if not any(is_address_line(p.text) for p in block):
        return None
    details = (party_labels.LEGAL_MENTION, *party_labels.VAT_ID[:1], *party_labels.SIRET, *party_labels.IBAN)
    if any(has_contact(p.text) or any(d.search(p.text) for d in details) for p in block):
        return "identity"
    return "plain"


def _address_block_names(document: Document, sections: Sections, role: Role) -> list[Candidate]:
    """First line of an address block (name, street, postcode + town) on page 1, under its caption if any.
    Without a caption, the first block on the page is more likely the issuer's, later ones the buyer's."""
    found: list[Candidate] = []
    blocks = 0
    for line in document.lines:
        if line.page != 1:
            break
        for phrase in line.phrases:
            if not _ends_address(document, phrase):
                continue
            chain = document.chain_above(phrase, max_lines=4)
            captions = [i for i, p in enumerate(chain) if anchor_role(p.text) and sections.is_caption(p)]
            score = 0.5
            if captions:
                caption = chain[captions[0]]
                chain = chain[: captions[0]]
                if anchor_role(caption.text) != role:
                    continue
            elif sections.role_of(phrase, label="") not in (None, role):
                continue
            else:
                blocks += 1
                score = 0.5 if (blocks == 1) == (role == "seller") else 0.48
            for start in reversed(chain):
                named = name_in(start, score, document.line_of(start).index, caption_ok=bool(captions))
                if named is not None and not captions:
                    kind = _block_kind(document, start)
                    if kind is not None and (kind == "identity") != (role == "seller"):
                        named = _raised(named, -0.04)
                if named is not None:
                    found.append(named)
                    break
    return found


class _Names:
    def __init__(self, seller: list[Candidate], buyer: list[Candidate]) -> None:
        self.seller, self.buyer = seller, buyer


def _sender_lines(document: Document) -> list[_Names]:
    """The issuer's one-line address in small print ("Acme Ltd. • 42 Milky Way • Faraway") right above an
    address block: the envelope's return address over its window. The line names the seller, the block
    under it the buyer."""
    found: list[_Names] = []
    height = document.page_height(1) if 1 in document.pages else 0.0
    for line in document.lines:
        if line.page != 1 or line.y0 > height * 0.45:
            break
        for phrase in line.phrases:
            sender = _sender_at(document, phrase)
            if sender is not None:
                found.append(sender)
    return found


def _sender_at(document: Document, phrase: Phrase) -> _Names | None:
    run = _run_from(document, phrase)
    name = clean_name(run)
    if not name or name == run.strip() or not is_name_like(name) or not _has_address(run[len(name) :]):
        return None
    block = document.block_after(phrase, max_lines=6)
    if len(block) < 2 or not any(is_address_line(p.text) for p in block):
        return None
    size = phrase.y1 - phrase.y0
    if size > 0.95 * median(p.y1 - p.y0 for p in block):
        return None  # a return address is printed smaller than the address in the window
    order = document.line_of(phrase).index
    start = phrase.text.find(name)
    seller = (
        [Candidate(name, 0.75, phrase, max(start, 0), max(start, 0) + len(name), order)] if start >= 0 else []
    )
    for line in block:
        named = name_in(line, 0.8, document.line_of(line).index)
        if named is not None:
            return _Names(seller, [named])
    return _Names(seller, [])


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


def _legal_mention_names(document: Document) -> list[Candidate]:
    """The issuer's name as its header/footer prints it: "Name SARL - 12 rue ... - SIRET ...", or the
    name line right above the legal mentions at the foot of the page."""
    found: list[Candidate] = []
    for line in document.lines:
        mentions = bool(party_labels.LEGAL_MENTION.search(line.text))
        for phrase in line.phrases:
            glued = clean_name(phrase.text) != phrase.text.strip()
            # Or in a column of its own beside them: "Acme Ltd || Company No. 0123 || VAT GB...".
            beside = mentions and not glued and _HAS_FORM.search(phrase.text)
            if _looks_like_header(line.text) and (glued or beside):
                # A company name carries its legal form; the head of a footer piece may be a town.
                named = name_in(
                    phrase, 0.7 if _HAS_FORM.search(clean_name(phrase.text)) else 0.55, line.index
                )
                if named is not None:
                    found.append(named)
        above = document.lines[line.index - 1] if line.index else None
        if above is not None and above.page == line.page and mentions:
            found += [c for p in above.phrases if (c := name_in(p, 0.6, above.index)) is not None]
    return found


def _looks_like_header(text: str) -> bool:
    return bool(party_labels.LEGAL_MENTION.search(text) or re.search(r"\b\d{5}\b", text))


def _top_names(document: Document, sections: Sections) -> list[Candidate]:
    """Name-like phrases at the top of page 1 that no caption assigns to someone else (first ones best,
    the one set largest a little better: a letterhead)."""
    height = document.page_height(1) if 1 in document.pages else 0.0
    found: list[Candidate] = []
    for line in document.lines:
        if line.page != 1 or line.y0 > height * 0.3 or len(found) >= 3:
            break
        for phrase in line.phrases:
            if sections.role_of(phrase, label="") not in (None, "seller") or _is_caption(document, phrase):
                continue
            if _over_country(document, phrase):
                continue  # the town of an address ("Dublin 2" over "Ireland")
            named = name_in(phrase, 0.6 if not found else 0.5, line.index)
            if named is not None and _HAS_FORM.search(named.value):
                named = _raised(named, 0.12)  # a legal form names a company, a tagline or a person has none
            kind = None if named is None else _block_kind(document, phrase)
            if named is not None and kind == "plain" and not _set_larger(document, phrase):
                continue  # a bare postal address in body type: the recipient's window, not a letterhead
            if named is not None:
                found.append(_raised(named, 0.05) if kind == "identity" else named)
    if len(found) > 1:
        largest = max(found, key=lambda c: c.phrase.y1 - c.phrase.y0)
        others = max(c.phrase.y1 - c.phrase.y0 for c in found if c is not largest)
        if largest.phrase.y1 - largest.phrase.y0 > 1.3 * others:
            found = [_raised(c, 0.05) if c is largest else c for c in found]
    return found


def _over_country(document: Document, phrase: Phrase) -> bool:
    following = document.block_after(phrase, max_lines=1)
    return bool(following) and is_country(following[0].text)


def _set_larger(document: Document, phrase: Phrase) -> bool:
    block = document.block_after(phrase, max_lines=4)
    return bool(block) and phrase.y1 - phrase.y0 > 1.2 * median(p.y1 - p.y0 for p in block)


def _raised(candidate: Candidate, by: float) -> Candidate:
    return Candidate(candidate.value, min(1.0, candidate.score + by), candidate.phrase, candidate.start,
                     candidate.end, candidate.order)  # fmt: skip


def _payment_names(document: Document) -> _Names:
    """Names printed for the payment: the account's holder, a cheque's or a QR bill's payee (seller), a QR
    bill's debtor (buyer), who a tear-off slip's payment goes "To:" (seller). Evidence that votes with
    the letterhead's blocks; alone it is weaker than a letterhead (a factor may hold the account)."""
    found = _Names([], [])
    slip = slip_lines(document)
    for line in document.lines:
        for phrase in line.phrases:
            for label, names, score in (
                (party_labels.PAYEE, found.seller, 0.55),
                (party_labels.PAYER, found.buyer, 0.55),
                (party_labels.SLIP_TO if line.index in slip else None, found.seller, 0.6),
            ):
                hit = label.match(phrase.text) if label is not None else None
                named = None if hit is None else _labelled_name(document, phrase, hit.end(), score)
                if named is not None:
                    names.append(named)
    return found


def _labelled_name(document: Document, label: Phrase, end: int, score: float) -> Candidate | None:
    """The name after a label: in its phrase, else beside it, else under it (past an account number)."""
    order = document.line_of(label).index
    rest = label.text[end:].strip(" :")
    if rest:
        name = clean_name(rest)
        start = label.text.find(name, end)
        if not name or start < 0 or not is_name_like(name):
            return None
        return Candidate(name, score, label, start, start + len(name), order)
    right = document.right_of(label)
    if right is not None and right.x0 - label.x1 < 0.3 * document.pages[label.page].width:
        return name_in(right, score, order)
    for under in document.block_after(label, max_lines=3):
        if not any(c.isdigit() for c in under.text):
            return name_in(under, score, order)
    return None
