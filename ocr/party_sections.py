"""Which party a place on the page belongs to: the captions that open a party's block ("Client", "Bill to",
"Verkäufer", "Factuuradres") and the role hints in identifier labels ("N° TVA client", "Your VAT ID")."""

from __future__ import annotations

import re
from typing import Literal

from . import party_labels
from .document import Document
from .layout import Phrase

Role = Literal["seller", "buyer", "other"]
_ANCHOR_REACH_LINES = 12
_ANCHOR_REACH_PAGE = 0.3  # of the page's height


def anchor_role(text: str) -> Role | None:
    """The role a caption introduces, from its words alone; OCR may break a caption's word with a space
    ("Spett.l e", "Cli ent"), even reading the letter at the break twice ("Spett.l le"), so a short phrase
    is also read with a short fragment joined back."""
    role = _caption_role(text)
    if role is not None or len(text) > 24:
        return role
    words = text.split()
    if 1 < len(words) <= 3 and all(_NOISE.fullmatch(w) for w in words[:-1]):
        # "[ Fournisseur", "is f Purchaser": an icon before the caption read by OCR as a mark or a letter.
        return _caption_role(words[-1])
    for i in range(1, min(len(words), 4)):
        first, second = words[i - 1], words[i]
        if min(len(first), len(second)) > 3:
            continue
        pieces = {first + second, first + second[1:] if first[-1:] == second[:1] else first + second}
        for piece in sorted(pieces):
            if (role := _caption_role(" ".join([*words[: i - 1], piece, *words[i + 1 :]]))) is not None:
                return role
    return None


_NOISE = re.compile(r"[^\w\s]{1,2}|(?!no)[a-zà-ÿ]{1,2}")


def _caption_role(text: str) -> Role | None:
    if party_labels.OTHER_SECTION.search(text):
        return "other"
    if party_labels.BUYER_SECTION.search(text) and len(text) < 60 and not any(c.isdigit() for c in text):
        return "buyer"
    if party_labels.SELLER_SECTION.search(text):
        return "seller"
    return None


def slip_lines(document: Document) -> set[int]:
    """A payment slip's lines: from its heading ("PAYMENT ADVICE", "Empfangsschein") to its page's end."""
    lines: set[int] = set()
    page = None
    for line in document.lines:
        if line.page == page:
            lines.add(line.index)
        elif any(party_labels.SLIP_TITLE.search(p.text) and len(p.text.split()) <= 5 for p in line.phrases):
            page = line.page
            lines.add(line.index)
    return lines


def _on_slip(caption: Phrase, role: Role) -> Role:
    """On a slip the buyer writes who the payment comes "From:": there the word names the buyer."""
    return "buyer" if role == "seller" and party_labels.SLIP_FROM.match(caption.text) else role


class Sections:
    """Captions that open a party's block, and which block a phrase falls under."""

    def __init__(self, document: Document) -> None:
        self.document = document
        found = [(p, r) for p in document.phrases() if (r := anchor_role(p.text)) is not None]
        captions = {id(p) for p, _ in found}
        # Captions are not stacked: a caption-like line right under a caption is the value it introduces
        # ("Bill To" over "Customer Name").
        stacked = {id(below[0]) for p, _ in found if (below := document.block_after(p, max_lines=1))}
        slip = slip_lines(document)
        self.anchors: list[tuple[Phrase, Role]] = [
            (p, _on_slip(p, r) if document.line_of(p).index in slip else r)
            for p, r in found
            if id(p) not in stacked
        ]
        self._captions = captions - stacked
        self._field_labels = {id(p) for p, r in self.anchors if r == "seller" and is_field_label(document, p)}

    def is_caption(self, phrase: Phrase) -> bool:
        return id(phrase) in self._captions

    def role_of(self, phrase: Phrase, label: str | None = None) -> Role | None:
        """The role of `phrase`: from its own label's words first, else from the caption above it."""
        own = label if label is not None else phrase.text.split(":")[0]
        if party_labels.BUYER_HINT.search(own) and not party_labels.LEGAL_MENTION.search(phrase.text):
            return "buyer"
        line = self.document.line_of(phrase)
        nearest: tuple[int, float, Role] | None = None
        width = self.document.pages[phrase.page].width
        for anchor, role in self.anchors:
            anchor_line = self.document.line_of(anchor)
            distance = line.index - anchor_line.index
            in_column = anchor.x0 - 10 <= phrase.x0 <= anchor.x0 + 0.45 * width
            # Lines are counted, and on a sparse scan twelve lines may span the page: the footer's legal
            # mentions are no part of a block whose caption sits in the page's top half.
            near = phrase.y0 - anchor.y0 <= _ANCHOR_REACH_PAGE * self.document.pages[phrase.page].height
            if id(anchor) in self._field_labels and phrase is not self.document.right_of(anchor):
                continue  # "Vendeur || Oliver Smith": the salesperson beside it, no block under or past it
            if anchor.page == phrase.page and 0 <= distance <= _ANCHOR_REACH_LINES and in_column and near:
                # Two captions side by side as far up: the one whose column the phrase starts in.
                offset = abs(phrase.x0 - anchor.x0)
                if nearest is None or (distance, offset) < nearest[:2]:
                    nearest = (distance, offset, role)
        return None if nearest is None else nearest[2]

    def anchored(self, role: Role) -> list[Phrase]:
        return [phrase for phrase, r in self.anchors if r == role]


def is_field_label(document: Document, caption: Phrase) -> bool:
    """ "Votre commande || CDE 29873" / "Vendeur || Oliver Smith" / "Mode de livraison || Livré chantier": a
    role word used as one label of a grid of labels and values, the next label and its value set in the same
    two columns above or under it. Its value is a field (a salesperson, a contact), not a party's block."""
    value = document.right_of(caption)
    if value is None or _FORM.search(value.text):
        return False  # "Seller || Acme Ltd": a company is named there, whatever the layout
    line = document.line_of(caption)
    height = max(caption.y1 - caption.y0, 6.0)
    for index in (line.index - 1, line.index + 1):
        if not 0 <= index < len(document.lines) or document.lines[index].page != line.page:
            continue
        other = document.lines[index]
        if abs(other.y0 - line.y0) > 3.0 * height:
            continue
        labels = [p for p in other.phrases if abs(p.x0 - caption.x0) <= height]
        values = [p for p in other.phrases if abs(p.x0 - value.x0) <= height]
        if labels and values and labels[0] is not values[0]:
            return True
    return False


_FORM = re.compile(rf"(?:^|\s)(?:{party_labels.LEGAL_FORM})(?=\s|$)", re.IGNORECASE)
