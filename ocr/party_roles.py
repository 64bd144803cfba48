"""A last consistency pass over the party fields, on evidence that holds whatever software printed the page.

- A caption word ("Expédier à", "Adresse", "Von", "Ship to") is never part of a name: a name read together
  with the caption line over it loses the caption.
- A person's name line over a company line in the buyer's block is a contact ("Sophie Chevalier" over
  "Cabinet Castel SASU"): the company is the buyer.
- An identifier printed inside an address block belongs to the party that block names: the VAT number
  under the buyer's name and address is the buyer's, even when a caption in the next column, or the
  order of the page, gave it to the seller.
- The seller's identity is the block that holds the issuer's own identifier (letterhead, legal mentions);
  a name that heads the block of another identifier is the buyer's, and the buyer is the addressed block
  that is not the seller's identity.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import party_labels
from .candidates import Candidate
from .document import Document
from .layout import Phrase
from .name_cleaning import is_address_line
from .party_name_shapes import ENDS_WITH_FORM, HAS_FORM, block_kind, is_town, name_in
from .party_sections import Role, Sections, anchor_role

__all__ = ["settle_roles"]

# Captions that introduce an address, in FR, EN, DE, ES, IT, NL: shipping, billing, address, from, to.
_CAPTION = re.compile(
    r"^(?:exp[ée]di(?:er|[ée])\s+[àa]|livr(?:er|[ée])\s+[àa]|factur(?:er|[ée])\s+[àa]|adress[ée]\s+[àa]|"
    r"adresse(?:\s+de\s+(?:facturation|livraison))?|[ée]metteur|destinataire|de|[àa]|"
    r"ship(?:ped)?\s+to|bill(?:ed)?\s+to|sold\s+to|deliver(?:ed)?\s+to|invoice(?:d)?\s+to|address|from|to|"
    r"von|an|adresse|anschrift|lieferadresse|rechnungsadresse|lieferung\s+an|"
    r"enviar\s+a|facturar\s+a|direcci[óo]n|para|"
    r"spedire\s+a|fatturare\s+a|indirizzo|da|"
    r"verzenden\s+naar|factuur\s+aan|factuuradres|afleveradres|adres|van|aan)\s*[:,.]?$",
    re.IGNORECASE,
)
# The two captions of a letter's parties: who it comes from, who it goes to.
_FROM = re.compile(r"^(?:von|from|de|van|da|absender|remitente|mittente|afzender)\s*[:,.]?$", re.IGNORECASE)
_TO = re.compile(r"^(?:an|to|[àa]|aan|para|per|empf[äa]nger)\s*[:,.]?$", re.IGNORECASE)
_WORD = r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
_PERSON = re.compile(rf"^(?:{_WORD}\s){{1,2}}{_WORD}$")  # "Sophie Chevalier", "Jean-Luc Moreau"
_BLOCK_LINES = 6


def settle_roles(
    found: dict[str, Candidate],
    document: Document,
    sections: Sections,
    vat_candidates: Callable[[Document], list[Candidate]],
) -> None:
    """Set right the party fields the layout evidence contradicts; `vat_candidates` reads every VAT number
    the document prints (the same reading `locate_parties` shared out by captions)."""
    for role in ("seller", "buyer"):
        _without_caption(found, f"{role}_name", document)
    _without_contact(found, document)
    _by_captions(found, document)
    blocks = _identifier_blocks(vat_candidates(document), document, sections)
    _identifiers_in_blocks(found, blocks)
    _seller_identity(found, blocks)
    _buyer_from_blocks(found, blocks)
    _addressed_buyer(found, document)
    _buyer_identifier(found, blocks)
    _footer_identity(found, blocks, document)


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^\w&]", " ", name.casefold()).split())


def _same(a: Candidate | None, b: Candidate | None) -> bool:
    """One party's name, as two places print it: the same words, or all of the shorter's words among the
    longer's ("Atelier Castel" with its form stated apart, "ACME" in a logo over "Acme Services SAS")."""
    if a is None or b is None:
        return False
    short, long = sorted((_key(a.value).split(), _key(b.value).split()), key=len)
    return short == long or (any(len(w) >= 4 for w in short) and set(short) <= set(long))


def _without_caption(found: dict[str, Candidate], field: str, document: Document) -> None:
    """ "Von" over "Ingenieurbüro Becker GmbH" read as one name: the caption line is no part of it. Only a
    caption printed on a line of its own is dropped: "Van Dijk B.V." on one line keeps its "Van"."""
    name = found.get(field)
    if name is None:
        return
    if _CAPTION.match(name.value):
        _name_under_caption(found, field, document)
        return
    words = name.value.split(" ")
    cut = next((n for n in (1, 2, 3) if n < len(words) and _CAPTION.match(" ".join(words[:n]))), None)
    if cut is None:
        return
    caption, rest = " ".join(words[:cut]), " ".join(words[cut:])
    text = name.phrase.text.strip()
    if text.rstrip(":,. ") == caption.rstrip(":,. "):
        below = document.block_after(name.phrase, max_lines=1)  # the name line under the caption's
        phrase = below[0] if below else None
    else:
        phrase = name.phrase if text.startswith(rest) and not text.startswith(caption) else None
    named = None if phrase is None else name_in(phrase, name.score, document.line_of(phrase).index)
    if named is not None and named.value == rest:
        found[field] = named


def _by_captions(found: dict[str, Candidate], document: Document) -> None:
    """ "Von" over one block and "An" over the other: the names swap when each stands under the other
    role's caption (which block comes first on the page says nothing then)."""
    seller, buyer = found.get("seller_name"), found.get("buyer_name")
    if seller is None or buyer is None:
        return
    over_seller, over_buyer = _caption_over(document, seller.phrase), _caption_over(document, buyer.phrase)
    if _TO.match(over_seller) and _FROM.match(over_buyer):
        found["seller_name"], found["buyer_name"] = buyer, seller


def _caption_over(document: Document, phrase: Phrase) -> str:
    above = document.chain_above(phrase, max_lines=1)
    return above[0].text.strip() if above else ""


def _name_under_caption(found: dict[str, Candidate], field: str, document: Document) -> None:
    """ "Von" read as the seller's name: the name is the first line of the block the caption opens."""
    caption = found[field]
    below = document.block_after(caption.phrase, max_lines=1)
    named = name_in(below[0], caption.score, document.line_of(below[0]).index) if below else None
    if named is not None:
        found[field] = named
    else:
        del found[field]


def _without_contact(found: dict[str, Candidate], document: Document) -> None:
    """ "Sophie Chevalier" over "Cabinet Castel SASU" read as one name: a first name and a surname with no
    legal form, over a line that is a whole company name (its form closes it), is the contact person."""
    name = found.get("buyer_name")
    if name is None or name.start != 0:
        return
    first = name.phrase.text.strip()
    if not _PERSON.match(first) or HAS_FORM.search(first) or not name.value.startswith(first + " "):
        return
    rest = name.value[len(first) :].strip()
    if not ENDS_WITH_FORM.search(rest) or len(HAS_FORM.sub("", rest).split()) < 2:
        return
    below = document.block_after(name.phrase, max_lines=1)
    if below and below[0].text.strip().startswith(rest):
        named = name_in(below[0], name.score, document.line_of(below[0]).index)
        if named is not None and named.value == rest:
            found["buyer_name"] = named


class _Block:
    """One VAT number, the name heading the address block it is printed in (None: no such block) and the
    role of the caption right over that block, if any."""

    def __init__(
        self, candidate: Candidate, head: Candidate | None, caption: Role | None, legal: bool
    ) -> None:
        self.candidate, self.head, self.caption, self.legal = candidate, head, caption, legal


def _identifier_blocks(candidates: list[Candidate], document: Document, sections: Sections) -> list[_Block]:
    blocks: list[_Block] = []
    seen: set[str] = set()
    for candidate in candidates:
        if candidate.value in seen:
            continue
        if sections.role_of(candidate.phrase, _own_label(candidate)) == "other":
            continue  # a delivery address or a tax representative: a third party
        seen.add(candidate.value)
        line = document.line_of(candidate.phrase)
        head, caption = _block_head(document, candidate)
        # A number in an address block is no legal mention, whatever the next column's line says.
        legal = head is None and bool(party_labels.LEGAL_MENTION.search(line.text)) and len(line.text) > 30
        blocks.append(_Block(candidate, head, caption if head is not None else None, legal))
    return blocks


def _own_label(candidate: Candidate) -> str:
    return candidate.phrase.text[: candidate.start].split(":")[0]


def _block_head(document: Document, identifier: Candidate) -> tuple[Candidate | None, Role | None]:
    """The name at the top of the lines stacked over an identifier, flush left or flush right with it,
    each right under the next (an address block, not a table of labelled values or a page's text), and
    the role of the caption over the block."""
    phrase = identifier.phrase if identifier.start > 0 else _left_of(document, identifier.phrase)
    if phrase is None:
        return None, None
    head: Candidate | None = None
    current = phrase
    line = document.line_of(phrase)
    for previous in reversed(document.lines[max(0, line.index - _BLOCK_LINES) : line.index]):
        height = max(current.y1 - current.y0, 6.0)
        gap = current.y0 - previous.y1
        # A caption is often set further apart from its block than the block's own lines.
        if previous.page != line.page or gap > height * 3.0:
            break
        over = [p for p in previous.phrases if _stacked(p, current, height)]
        if not over and not any(p.x0 <= current.x1 and p.x1 >= current.x0 for p in previous.phrases):
            continue  # a line of another column only: look through it
        if over and anchor_role(over[0].text):
            return head, anchor_role(over[0].text)  # the caption over the block
        if not over or gap > height * 1.2 or _CAPTION.match(over[0].text.strip()):
            break  # something else right above
        beside = document.right_of(over[0])
        if beside is not None and beside.x0 <= identifier.phrase.x1:
            return None, None  # "Échéance || 23/09/2026" over "N° TVA || FR41...": a table of values
        current = over[0]
        named = name_in(current, 0.8, previous.index)
        if named is not None and named.start == 0:
            head = named
    return head, None


def _stacked(phrase: Phrase, under: Phrase, height: float) -> bool:
    return min(abs(phrase.x0 - under.x0), abs(phrase.x1 - under.x1)) <= height


def _left_of(document: Document, phrase: Phrase) -> Phrase | None:
    phrases = document.line_of(phrase).phrases
    position = next(i for i, p in enumerate(phrases) if p is phrase)
    return phrases[position - 1] if position > 0 else None


def _identifiers_in_blocks(found: dict[str, Candidate], blocks: list[_Block]) -> None:
    """The VAT number printed under the buyer's name is the buyer's; the seller's is then the one its own
    block or the legal mentions hold, else none."""
    buyer, seller = found.get("buyer_name"), found.get("seller_name")
    if _same(buyer, seller):
        buyer = None  # one name read for both parties says nothing of whose block is whose
    mine = [b for b in blocks if not b.legal and (_same(b.head, buyer) or b.caption == "buyer")]
    if not mine:
        return
    values = {b.candidate.value for b in mine}
    if found.get("buyer_vat_id") is None or found["buyer_vat_id"].value not in values:
        found["buyer_vat_id"] = mine[0].candidate
    seller_vat = found.get("seller_vat_id")
    if seller_vat is None or seller_vat.value not in values:
        return
    rest = [b for b in blocks if b.candidate.value not in values]
    # Its own block or the legal mentions, else a number no block names (a footer's national mentions).
    theirs = [b for b in rest if b.legal or b.caption == "seller" or _same(b.head, seller)] or [
        b for b in rest if b.head is None
    ]
    if theirs:
        found["seller_vat_id"] = theirs[0].candidate
    else:
        del found["seller_vat_id"]


def _seller_identity(found: dict[str, Candidate], blocks: list[_Block]) -> None:
    """The seller's VAT number printed under a name (its letterhead) while the seller's name read heads the
    block of another VAT number: that name is the buyer's, the letterhead's is the seller's."""
    seller, seller_vat = found.get("seller_name"), found.get("seller_vat_id")
    if seller is None or seller_vat is None:
        return
    own = next((b for b in blocks if b.candidate.value == seller_vat.value), None)
    if own is None or own.head is None or _same(own.head, seller):
        return
    other = next((b for b in blocks if b is not own and _same(b.head, seller) and not b.legal), None)
    buyer = found.get("buyer_name")
    if other is None or not (buyer is None or _same(buyer, own.head)):
        return
    found["seller_name"] = own.head
    found["buyer_name"] = seller
    found["buyer_vat_id"] = other.candidate


def _no_buyer(found: dict[str, Candidate]) -> bool:
    buyer, seller = found.get("buyer_name"), found.get("seller_name")
    return seller is not None and (buyer is None or _same(buyer, seller))


def _buyer_from_blocks(found: dict[str, Candidate], blocks: list[_Block]) -> None:
    """Two address blocks each with its VAT number and no caption over either: the one that is not the
    seller's names the buyer, and its number is the buyer's."""
    if not _no_buyer(found):
        return
    seller, seller_vat = found["seller_name"], found.get("seller_vat_id")
    captioned = next((b for b in blocks if b.caption == "buyer"), None)
    if captioned is not None and captioned.head is not None:
        if seller_vat is None or captioned.candidate.value != seller_vat.value:
            # Under the buyer's caption with a number of its own: the buyer, even named as the seller is
            # (companies of one group invoicing each other).
            found["buyer_name"], found["buyer_vat_id"] = captioned.head, captioned.candidate
            return
    for block in blocks:
        if block.head is None or block.legal or _same(block.head, seller):
            continue
        if seller_vat is not None and block.candidate.value == seller_vat.value:
            continue
        own = next((b for b in blocks if b.head is not None and _same(b.head, seller) and not b.legal), None)
        if own is not None and _letterhead_over(block.head.phrase, own.head.phrase if own.head else None):
            # The seller read is a block printed under another one with its own number: the letterhead
            # over it is the issuer's identity, and the block read as the seller's is the buyer's.
            found["seller_name"], found["seller_vat_id"] = block.head, block.candidate
            found["buyer_name"], found["buyer_vat_id"] = seller, own.candidate
            return
        found["buyer_name"] = block.head
        found.setdefault("buyer_vat_id", block.candidate)
        return


def _letterhead_over(head: Phrase, other: Phrase | None) -> bool:
    """`head` opens a block set clearly higher on the same page than `other`'s (a letterhead over an
    address block), not beside it."""
    if other is None or head.page != other.page:
        return False
    return other.y0 - head.y0 > 3 * max(head.y1 - head.y0, other.y1 - other.y0)


def _addressed_buyer(found: dict[str, Candidate], document: Document) -> None:
    """No buyer read apart from the seller: the first address block on page 1 (a name over a street and a
    town) that is not the seller's, under a billing caption, or a bare postal address with no other
    party's caption over it (a delivery address, a payee are not the buyer)."""
    if not _no_buyer(found):
        return
    seller = found["seller_name"]
    for line in document.lines:
        if line.page != 1:
            return
        for phrase in line.phrases:
            named = name_in(phrase, 0.6, line.index)
            if named is None or named.start != 0 or _same(named, seller) or not _addressed(document, phrase):
                continue
            if _plain_recipient(document, phrase) or _under_billing_caption(document, phrase):
                found["buyer_name"] = named
                return


def _addressed(document: Document, head: Phrase) -> bool:
    block = document.block_after(head, max_lines=3)
    # The street right under the name ("Spett.le" over the name over the street is a caption, not a name).
    return bool(block) and (is_address_line(block[0].text) or is_town(block[0].text))


def _plain_recipient(document: Document, head: Phrase) -> bool:
    # The caption right over the block, not one further up: OCR may have lost the block's own caption.
    if any(anchor_role(p.text) in ("other", "seller") for p in document.chain_above(head, max_lines=2)):
        return False
    return block_kind(document, head) == "plain"


def _under_billing_caption(document: Document, head: Phrase) -> bool:
    above = document.chain_above(head, max_lines=1)
    if not above or anchor_role(above[0].text) in ("other", "seller"):
        return False
    return bool(_CAPTION.match(above[0].text.strip()))


def _buyer_identifier(found: dict[str, Candidate], blocks: list[_Block]) -> None:
    """The seller's VAT number known and one other printed outside the seller's blocks and legal mentions
    (a labelled field of the buyer's): the other is the buyer's."""
    seller, seller_vat = found.get("seller_name"), found.get("seller_vat_id")
    if seller_vat is None or "buyer_vat_id" in found or found.get("buyer_name") is None:
        return
    others = [
        b for b in blocks
        if b.candidate.value != seller_vat.value and not b.legal and not _same(b.head, seller)
        and (b.head is None or _same(b.head, found["buyer_name"]))
    ]  # fmt: skip
    if len(others) == 1:
        found["buyer_vat_id"] = others[0].candidate


def _footer_identity(found: dict[str, Candidate], blocks: list[_Block], document: Document) -> None:
    """One VAT number in an address block no caption names, the other alone in the page's footer: a footer
    carries the issuer's own mentions, so the footer's number is the seller's and the block, with its name,
    the buyer's, where the seller's number or name was read from that block."""
    footers = [b for b in blocks if b.head is None and _footer(b.candidate.phrase, document)]
    headed = [b for b in blocks if b.head is not None and b.caption is None]
    if len(blocks) != 2 or len(footers) != 1 or len(headed) != 1:
        return
    own, seller_vat = headed[0], found.get("seller_vat_id")
    seller, buyer = found.get("seller_name"), found.get("buyer_name")
    named_seller = seller is not None and _same(seller, own.head)
    if not named_seller and (seller_vat is None or seller_vat.value != own.candidate.value):
        return
    found["seller_vat_id"], found["buyer_vat_id"] = footers[0].candidate, own.candidate
    if seller is not None and buyer is not None and named_seller and not _same(buyer, seller):
        found["seller_name"], found["buyer_name"] = buyer, seller


def _footer(phrase: Phrase, document: Document) -> bool:
    """In the bottom band of its page, under a clear gap after the page's content."""
    page = document.pages[phrase.page]
    if page.height <= 0 or phrase.y0 < page.height * 0.85:
        return False
    line = document.line_of(phrase)
    previous = document.lines[line.index - 1] if line.index > 0 else None
    height = max(phrase.y1 - phrase.y0, 6.0)
    return (
        previous is None
        or previous.page != line.page
        or line.y0 - previous.y1 > 3 * height
        or (previous.y0 >= page.height * 0.85)
    )
