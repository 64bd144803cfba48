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

from . import party_labels
from .candidates import Candidate
from .document import Document
from .layout import Phrase
from .name_cleaning import clean_name, is_country, with_form_read_right
from .ocr_accents import name_language, with_accents
from .party_letterhead import legal_mention_names, sender_lines, top_names
from .party_name_lines import completed
from .party_name_shapes import (
    HAS_FORM,
    block_kind,
    is_name_like,
    is_town,
    is_value_label,
    name_in,
    raised,
    rejoined,
)
from .party_payment import payment_names
from .party_sections import Role, Sections, anchor_role, is_field_label
from .swiss_forms import with_swiss_form

__all__ = ["identifier_block_name", "is_name_like", "locate_names", "spell_names"]


def locate_names(found: dict[str, Candidate], document: Document, sections: Sections) -> None:
    sellers = _candidates(found, document, sections, "seller")
    buyers = _candidates(found, document, sections, "buyer")
    for sender in sender_lines(document):
        sellers += sender.seller
        buyers += sender.buyer
    sellers += _beside_identifiers(found, document, legal_mention_names(document))
    bare: list[Candidate] = []
    sellers += top_names(document, sections, bare)
    payment = payment_names(document)
    sellers += payment.seller
    buyers += payment.buyer
    seller, buyer = _choose_pair(_voted(_web_names_last(sellers)), _voted(buyers))
    if seller is None and buyer is not None:
        seller = _namesake(sellers, buyer, document)
    if seller is None:
        # No letterhead, legal mention or caption names the issuer: of the bare address blocks at the top,
        # the one that is not the buyer's is the sender's.
        seller = _best([c for c in bare if _heads_another_block(c, buyer, document)])
    if buyer is not None:
        buyer = completed(_fuller_name(rejoined(buyer), buyers), document)
        found.setdefault("buyer_name", _form_read_right(buyer))
    if seller is not None:
        # A bare block's name may spell out the logo's ("Pioneer Analytics Inc." for "Pioneer Inc.").
        seller = _spelled_out(_fuller_name(rejoined(seller), sellers + bare), document)
        seller = completed(seller, document)
        found.setdefault("seller_name", _form_read_right(seller))


# A shop's web address set as its logo ("COMPTOIR.com", "boutique-lumen.fr"): a brand, not a legal name.
_WEB_NAME = re.compile(
    r"^[^\W_][\w-]*\.(?:com|fr|de|eu|net|org|io|shop|store|co\.uk|be|ch|es|it|nl)$", re.IGNORECASE
)


def _web_names_last(candidates: list[Candidate]) -> list[Candidate]:
    """A web address names the seller only when nothing else does: the legal mentions' name comes first."""
    return [raised(c, -0.2) if _WEB_NAME.match(c.value) else c for c in candidates]


def spell_names(found: dict[str, Candidate], document: Document) -> None:
    """Once the roles are settled: the accents OCR dropped from each name read on a scan, put back where
    the name's language (its legal form's, else its own VAT number's) leaves no choice."""
    for role in ("seller", "buyer"):
        name, vat_id = found.get(f"{role}_name"), found.get(f"{role}_vat_id")
        if name is None or document.pages[name.phrase.page].method != "ocr":
            continue
        value = with_accents(name.value, name_language(name.value, None if vat_id is None else vat_id.value))
        value = with_swiss_form(value, name.phrase, document)
        if value != name.value:
            found[f"{role}_name"] = Candidate(
                value, name.score, name.phrase, name.start, name.end, name.order
            )


def _form_read_right(candidate: Candidate) -> Candidate:
    value = with_form_read_right(candidate.value)
    if value == candidate.value:
        return candidate
    return Candidate(
        value, candidate.score, candidate.phrase, candidate.start, candidate.end, candidate.order
    )


def _heads_another_block(candidate: Candidate, buyer: Candidate | None, document: Document) -> bool:
    """`candidate` opens an address block of its own, neither the buyer's nor a line inside it."""
    if document.block_start(candidate.phrase) is not candidate.phrase:
        return False
    if buyer is None:
        return True
    return not _same_party(candidate, buyer) and document.block_start(buyer.phrase) is not candidate.phrase


def _candidates(
    found: dict[str, Candidate], document: Document, sections: Sections, role: Role
) -> list[Candidate]:
    candidates = _section_names(document, sections, role)
    ids = [found[f"{role}_{k}"] for k in ("vat_id", "siret") if f"{role}_{k}" in found]
    # "TVA : FR38500003710" inside an address block: the block's first line names the party.
    for identifier in ids:
        named = identifier_block_name(document, identifier)
        if named is not None:
            candidates.append(named)
    return candidates + _address_block_names(document, sections, role)


def _beside_identifiers(
    found: dict[str, Candidate], document: Document, candidates: list[Candidate]
) -> list[Candidate]:
    """A legal-mention name printed on the line that holds the seller's own identifiers ("Name - SAS au
    capital ... - TVA FR73...") is the issuer's name twice over: the identifiers and the name agree."""
    lines = {
        document.line_of(found[f"seller_{kind}"].phrase).index
        for kind in ("vat_id", "siret", "siren")
        if f"seller_{kind}" in found
    }
    return [raised(c, 0.1) if document.line_of(c.phrase).index in lines else c for c in candidates]


def identifier_block_name(document: Document, identifier: Candidate) -> Candidate | None:
    """The name heading the address block an identifier is printed in; the label's phrase when the number
    stands apart from it ("USt-IdNr. || DE136695976")."""
    phrase = identifier.phrase if identifier.start > 0 else _left_of(document, identifier.phrase)
    return None if phrase is None else _block_name(document, phrase, 0.75)


def _left_of(document: Document, phrase: Phrase) -> Phrase | None:
    """The phrase to the left, past a colon or dash OCR set apart ("USt.-Id.-Nr. || : || DE123456789")."""
    phrases = document.line_of(phrase).phrases
    position = next(i for i, p in enumerate(phrases) if p is phrase)
    before = [p for p in phrases[:position] if any(c.isalnum() for c in p.text)]
    return before[-1] if before else None


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


def _namesake(sellers: list[Candidate], buyer: Candidate, document: Document) -> Candidate | None:
    """The buyer's name printed again as the head of an address block of its own, above the buyer's (a
    letterhead): a company invoicing itself at another address, the seller named as the buyer is."""
    top = document.line_of(buyer.phrase).index
    own = [
        c for c in sellers
        if _key(c.value) == _key(buyer.value) and c.start == 0 and document.line_of(c.phrase).index < top
        and block_kind(document, c.phrase) is not None
    ]  # fmt: skip
    return _best(own)


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
            value = _unsplit(value, counts)
            score = min(1.0, c.score + 0.1 * (len(group) - 1))
            start = c.phrase.text.find(value)
            span = (start, start + len(value)) if start >= 0 else (c.start, c.end)
            voted.append(Candidate(value, score, c.phrase, span[0], span[1], c.order))
    return voted


def _unsplit(value: str, spellings: dict[str, int]) -> str:
    """ "Atelier Lemar chand" when another place reads "Atelier Lemarchand": OCR breaks a word with a space
    far more often than it glues two, so of spellings that differ only by spaces the fewest spaces wins."""
    joined = value.replace(" ", "")
    same = [v for v in spellings if v.replace(" ", "") == joined]
    return min(same, key=lambda v: (v.count(" "), -spellings[v]))


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
        uncut = _uncut(chosen, candidates)
        return uncut if uncut is not chosen else _with_middle(chosen, candidates)
    word = re.compile(rf"\b{re.escape(chosen.value)}\b", re.IGNORECASE)
    fuller = [c for c in candidates if len(c.value) > len(chosen.value) and word.search(c.value)]
    if not fuller:
        return chosen
    found = max(fuller, key=lambda c: c.score)
    return Candidate(found.value, chosen.score, found.phrase, found.start, found.end, found.order)


def _with_middle(chosen: Candidate, candidates: list[Candidate]) -> Candidate:
    """ "Pioneer Inc." in a logo while the letterhead prints "Pioneer Analytics Inc.": a name that opens and
    closes with the same words, all of the chosen one's among its own, is the name the logo shortens."""
    words = _key(chosen.value).split()
    if len(words) > 3:
        return chosen
    fuller = []
    for candidate in candidates:
        other = _key(candidate.value).split()
        if (
            len(other) > len(words)
            and other[0] == words[0]
            and other[-1] == words[-1]
            and set(words) <= set(other)
        ):
            fuller.append(candidate)
    if not fuller:
        return chosen
    found = max(fuller, key=lambda c: c.score)
    return Candidate(found.value, chosen.score, found.phrase, found.start, found.end, found.order)


def _uncut(chosen: Candidate, candidates: list[Candidate]) -> Candidate:
    """ "Société Nouvelle des Fonderies d'Ardè" when the legal mentions print "... d'Ardèche": OCR lost the
    end of the letterhead's line (an accented letter, the title glued to it); the name another place reads
    in full, starting with every letter of the chosen one, is the name."""
    key = _key(chosen.value)
    fuller = [
        c for c in candidates
        if len(_key(c.value)) > len(key) and _key(c.value).startswith(key) and c.score >= chosen.score - 0.2
    ]  # fmt: skip
    if not fuller:
        return chosen
    found = max(fuller, key=lambda c: (c.score, len(c.value)))
    return Candidate(found.value, chosen.score, found.phrase, found.start, found.end, found.order)


def _spelled_out(chosen: Candidate, document: Document) -> Candidate:
    """A logo word ("MOULIN") that no candidate spells out, but a name line printed in the letterhead of the
    same page does ("Électricité Générale Moulin", flush right over its address): that name."""
    if len(chosen.value.split()) > 1:
        return chosen
    word = re.compile(rf"\b{re.escape(chosen.value)}\b", re.IGNORECASE)
    top = document.page_height(chosen.phrase.page) * 0.2
    for line in document.lines:
        if line.page != chosen.phrase.page or line.phrases[0].y0 > top:
            continue
        for phrase in line.phrases:
            named = None if phrase is chosen.phrase else name_in(phrase, chosen.score, line.index)
            if named is not None and len(named.value.split()) > 1 and word.search(named.value):
                return named
    return chosen


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
            # "Client : Cabinet Brunet Conseil" read whole is no name; its value is, not the phrase beside.
            # Scored under a caption's block: a hotel folio's "Client : M. Kaplan" is the guest, while
            # "Facturer à" over a block names who pays.
            named = _value_after_colon(anchor, order)
            if named is not None:
                found.append(named)
                continue
        named = _name_right_of(document, anchor, order)
        if named is not None:
            # "Vendeur || Oliver Smith" in a grid of fields: the salesperson, weak evidence of the seller.
            field = role == "seller" and is_field_label(document, anchor)
            found.append(raised(named, -0.3) if field else named)
            continue
        for phrase in document.block_after(anchor) or _centred_over(document, anchor):
            named = _name_field(document, phrase)
            if named is None and not is_value_label(document, phrase) and not sections.is_caption(phrase):
                named = name_in(phrase, 0.9, order, caption_ok=True)
            if named is not None:
                found.append(named)
                break
    return found


def _centred_over(document: Document, caption: Phrase) -> list[Phrase]:
    """ "ÉMETTEUR || DESTINATAIRE" centred over two blocks set flush left in their columns: under each
    caption, the first line of the block that starts left of it, past the caption before it on its line."""
    line = document.line_of(caption)
    height = max(caption.y1 - caption.y0, 6.0)
    before = [p.x1 for p in line.phrases if p.x1 <= caption.x0]
    floor = max(before, default=0.0)
    for following in document.lines[line.index + 1 : line.index + 3]:
        if following.page != line.page or following.y0 - caption.y1 > 3.0 * height:
            return []
        starts = [p for p in following.phrases if floor <= p.x0 <= caption.x1]
        if starts:
            return [max(starts, key=lambda p: p.x0)]
    return []


def _value_after_colon(caption: Phrase, order: int) -> Candidate | None:
    start = caption.text.index(":") + 1
    start += len(caption.text[start:]) - len(caption.text[start:].lstrip())
    name = clean_name(caption.text[start:])
    if not name or not caption.text.startswith(name, start) or not is_name_like(name):
        return None
    return Candidate(name, 0.85, caption, start, start + len(name), order)


def _name_right_of(document: Document, caption: Phrase, order: int) -> Candidate | None:
    """ "Customer || Harbor Analytics LLC", "Kunde: || Berghof GmbH": a caption with its value beside it on
    the line; not a row of column headings ("Kunde || Kundennummer || Datum")."""
    value = document.right_of(caption)
    if value is None or value.x0 - caption.x1 > 0.3 * document.pages[caption.page].width:
        return None
    return name_in(value, 0.9, order)


def _name_field(document: Document, phrase: Phrase) -> Candidate | None:
    """ "Name: || MUSTER-KUNDE GMBH": the value to the right, maybe set a little lower or higher."""
    if party_labels.NAME_WITH_VALUE.match(phrase.text):
        return _value_after_colon(phrase, document.line_of(phrase).index)
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
    if not any(is_town(p.text) for p in chain[:3]):
        return None  # the postcode line sits just above the identifiers in an address block
    names = [n for c in reversed(chain) if (n := name_in(c, score, document.line_of(c).index)) is not None]
    # A company's name carries its legal form: it heads the block over a word OCR cut from a caption above
    # ("Verkä" for "Verkäufer:"), a department or a contact person.
    return next((n for n in names if HAS_FORM.search(n.value)), names[0] if names else None)


def _ends_address(document: Document, phrase: Phrase) -> bool:
    """The last line of an address block: its town, or the country printed under the town."""
    if len(phrase.text) > 40:
        return False
    if is_town(phrase.text):
        return True
    if not is_country(phrase.text):
        return False
    above = document.chain_above(phrase, max_lines=1)
    return not (above and is_town(above[0].text))  # else the town line already stands for the block


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
            for start in reversed(_within_spacing(phrase, chain)):
                if _heads_table_column(document, start):
                    break
                if is_value_label(document, start) and start is not chain[0]:
                    continue  # "Code client || C254001" set over the block: a field, the name is under it
                named = name_in(start, score, document.line_of(start).index, caption_ok=bool(captions))
                if named is not None and not captions:
                    kind = block_kind(document, start)
                    if kind is not None and (kind == "identity") != (role == "seller"):
                        named = raised(named, -0.04)
                if named is not None:
                    found.append(named)
                    break
    return found


def _heads_table_column(document: Document, head: Phrase) -> bool:
    """ "Prestation || TVA || Montant HT", "Date || Index Type": a column heading in a row of headings. The
    rows under it may read like a postcode and town ("Messagerie 1377 Kg", "27138 relevé réel"), but an
    address block's first line is never set beside column headings only, over rows that fill them."""
    others = [p for p in document.line_of(head).phrases if p is not head]
    if not others or not all(party_labels.is_heading(p.text) for p in others):
        return False
    # A table's other columns go on under their headings; a title beside a letterhead ("FACTURE") does not.
    return any(next(document.below(p, max_lines=1), None) is not None for p in others)


def _within_spacing(last: Phrase, chain: list[Phrase]) -> list[Phrase]:
    """The lines of `chain` (nearest first, above `last`) set at the block's own spacing: a line of the same
    size whose line pitch is well over the block's tightest ("Table 20 - 30 couverts" a blank line above
    a guest's address) heads another block. A letterhead name set larger keeps its wider spacing."""
    pitches: list[float] = []
    below = last
    for position, above in enumerate(chain):
        pitch = below.y0 - above.y0
        size, below_size = above.y1 - above.y0, below.y1 - below.y0
        same_size = abs(size - below_size) <= 0.25 * max(size, below_size)
        if pitches and same_size and pitch > 1.7 * min(pitches):
            return chain[:position]
        pitches.append(pitch)
        below = above
    return chain
