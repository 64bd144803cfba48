"""Seller and buyer: names, VAT numbers, SIREN/SIRET, e-mails, and the seller's bank account.

Which party a value belongs to comes from layout, never from knowing the issuer: a caption above it
("Client", "Bill to", "Käufer"), a hint in its own label ("N° TVA client"), or the legal mentions
(capital, RCS, SIRET...) that French and German law make the issuer print.
"""

from __future__ import annotations

import re
from typing import Literal

from . import labels, party_labels
from .candidates import Candidate, anywhere, best, label_values
from .document import Document
from .layout import Phrase
from .values import (
    find_bic,
    find_digits,
    find_email,
    find_iban,
    find_iban_shape,
    find_text,
    find_vat_id,
    find_vat_shape,
)

Role = Literal["seller", "buyer", "other"]
_ANCHOR_REACH_LINES = 12


class Sections:
    """Captions that open a party's block, and which block a phrase falls under."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.anchors: list[tuple[Phrase, Role]] = []
        for phrase in document.phrases():
            role = _anchor_role(phrase.text)
            if role is not None:
                self.anchors.append((phrase, role))

    def role_of(self, phrase: Phrase) -> Role | None:
        line = self.document.line_of(phrase)
        if party_labels.BUYER_HINT.search(
            phrase.text.split(":")[0]
        ) and not party_labels.LEGAL_MENTION.search(phrase.text):
            return "buyer"
        nearest: tuple[int, Role] | None = None
        width = self.document.pages[phrase.page].width
        for anchor, role in self.anchors:
            anchor_line = self.document.line_of(anchor)
            distance = line.index - anchor_line.index
            in_column = anchor.x0 - 10 <= phrase.x0 <= anchor.x0 + 0.45 * width
            if anchor.page == phrase.page and 0 <= distance <= _ANCHOR_REACH_LINES and in_column:
                if nearest is None or distance < nearest[0]:
                    nearest = (distance, role)
        return None if nearest is None else nearest[1]

    def anchored(self, role: Role) -> list[Phrase]:
        return [phrase for phrase, r in self.anchors if r == role]


def _anchor_role(text: str) -> Role | None:
    if party_labels.OTHER_SECTION.search(text):
        return "other"
    if party_labels.BUYER_SECTION.search(text) and len(text) < 40 and not any(c.isdigit() for c in text):
        return "buyer"
    if party_labels.SELLER_SECTION.search(text):
        return "seller"
    return None


def locate_parties(document: Document) -> dict[str, Candidate]:
    sections = Sections(document)
    found: dict[str, Candidate] = {}
    _assign(found, "vat_id", _vat_candidates(document), sections, document)
    _assign(found, "siret", label_values(document, party_labels.SIRET, find_digits(14)), sections, document)
    _assign(
        found,
        "siren",
        label_values(document, party_labels.SIREN, find_digits(9), below=False),
        sections,
        document,
    )
    _assign(found, "email", anywhere(document, find_email, 0.8), sections, document)
    _put(found, "seller_iban", best(label_values(document, party_labels.IBAN, find_iban_shape) or
                                    anywhere(document, find_iban, 0.8)))  # fmt: skip
    _put(found, "seller_bic", best(label_values(document, party_labels.BIC, find_bic)))
    _derive_sirens(found)
    _locate_names(found, document, sections)
    return found


def _put(found: dict[str, Candidate], name: str, candidate: Candidate | None) -> None:
    if candidate is not None and name not in found:
        found[name] = candidate


def _vat_candidates(document: Document) -> list[Candidate]:
    labelled = label_values(document, party_labels.VAT_ID, find_vat_shape, below=False)
    spans = {(id(c.phrase), c.start) for c in labelled}
    unlabelled = [c for c in anywhere(document, find_vat_id, 0.7) if (id(c.phrase), c.start) not in spans]
    return labelled + unlabelled


def _assign(
    found: dict[str, Candidate],
    kind: str,
    candidates: list[Candidate],
    sections: Sections,
    document: Document,
) -> None:
    """Share one kind of identifier between seller and buyer."""
    by_role: dict[str, list[Candidate]] = {"seller": [], "buyer": [], "unplaced": []}
    for candidate in candidates:
        role = sections.role_of(candidate.phrase)
        if role == "other":
            continue
        if role is None and _in_legal_mentions(candidate.phrase, document):
            role = "seller"
        by_role[role or "unplaced"].append(candidate)
    seller_values = {c.value for c in by_role["seller"]}
    unplaced = [c for c in by_role["unplaced"] if c.value not in seller_values]
    # Issuers print their own numbers in the legal mentions; an unplaced second number is the buyer's.
    if by_role["seller"] and not by_role["buyer"]:
        by_role["buyer"] = unplaced
    else:
        by_role["seller"] += unplaced
    buyer_values = {c.value for c in by_role["buyer"]}
    _put(found, f"seller_{kind}", best([c for c in by_role["seller"] if c.value not in buyer_values]))
    _put(found, f"buyer_{kind}", best(by_role["buyer"]))


def _in_legal_mentions(phrase: Phrase, document: Document) -> bool:
    line = document.line_of(phrase)
    return bool(party_labels.LEGAL_MENTION.search(line.text)) and len(line.text) > 30


def _derive_sirens(found: dict[str, Candidate]) -> None:
    """A SIRET starts with the SIREN, and a French VAT number ends with it: both print the SIREN."""
    for role in ("seller", "buyer"):
        siret, vat = found.get(f"{role}_siret"), found.get(f"{role}_vat_id")
        # Structural, so no checksum is required here; validation flags a SIREN whose key fails.
        if siret is not None and len(siret.value) == 14:
            _put(found, f"{role}_siren", _part(siret, siret.value[:9]))
        if vat is not None and re.fullmatch(r"FR[0-9A-Z]{2}\d{9}", vat.value):
            _put(found, f"{role}_siren", _part(vat, vat.value[4:]))


def _part(candidate: Candidate, value: str) -> Candidate:
    return Candidate(
        value, candidate.score * 0.95, candidate.phrase, candidate.start, candidate.end, candidate.order
    )


_NOT_A_NAME = re.compile(
    r"[:@]|https?:|www\.|\d{4,}|^\d|^\+|€|\b(?:tel|t[ée]l[ée]phone|fax|page)\b|"
    r"^(?:EUR|USD|GBP|CHF|CAD)$",
    re.IGNORECASE,
)


def is_name_like(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    if letters < 3 or len(text) > 70 or _NOT_A_NAME.search(text):
        return False
    if not any(c.isupper() for c in text):
        return False  # names are printed capitalised; "vom", "und" are words read out of a sentence
    return not (
        labels.DOCUMENT_TITLE.search(text) or _anchor_role(text) or party_labels.LEGAL_MENTION.search(text)
    )


def _locate_names(found: dict[str, Candidate], document: Document, sections: Sections) -> None:
    for role in ("buyer", "seller"):
        candidates = _section_names(document, sections, role)
        ids = [found[f"{role}_{k}"] for k in ("vat_id", "siret") if f"{role}_{k}" in found]
        # "TVA : FR38500003710" inside an address block: the block's first line names the party.
        in_block = [i for i in ids if i.start > 0]
        candidates += [c for c in (_block_name(document, i.phrase, 0.75) for i in in_block) if c is not None]
        candidates += _address_block_names(document, sections, role)
        if role == "seller":
            candidates += _legal_mention_names(document) + _top_names(document, sections)
        taken = found.get("buyer_name")
        candidates = [c for c in candidates if taken is None or _same_name(c.value, taken.value) is False]
        chosen = _best_name(candidates)
        if chosen is not None:
            chosen = _fuller_name(chosen, candidates)
        if chosen is not None and role == "seller":
            chosen = _without_stated_legal_form(chosen, document)
        _put(found, f"{role}_name", chosen)


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


_LEGAL_FORM = re.compile(r"\s+(SARL|SASU|SAS|SA|EURL|SNC|SCI|SCOP|SELARL|SELAS)\.?$", re.IGNORECASE)


def _without_stated_legal_form(candidate: Candidate, document: Document) -> Candidate:
    """ "Au bon moulin SARL" when the legal mentions say "SARL au capital de ...": the company's name
    (dénomination) is "Au bon moulin"; the form is printed beside it, not part of it."""
    match = _LEGAL_FORM.search(candidate.value)
    if match is None:
        return candidate
    stated = re.compile(rf"\b{match.group(1)}\s+au\s+capital\b", re.IGNORECASE)
    if not any(stated.search(line.text) for line in document.lines):
        return candidate
    name = candidate.value[: match.start()]
    return Candidate(name, candidate.score, candidate.phrase, candidate.start, candidate.start + len(name),
                     candidate.order)  # fmt: skip


def _section_names(document: Document, sections: Sections, role: Role) -> list[Candidate]:
    found: list[Candidate] = []
    for anchor in sections.anchored(role):
        # "Client : Ma jolie boutique": the name may follow the caption in the same phrase.
        rest = anchor.text.split(":", 1)[1].strip() if ":" in anchor.text else ""
        if is_name_like(rest):
            found.append(Candidate(rest, 0.9, anchor, len(anchor.text) - len(rest), len(anchor.text)))
            continue
        for phrase in document.block_after(anchor):
            named = _name_field(document, phrase)
            if named is not None:
                found.append(named)
                break
            if is_name_like(phrase.text) and not _is_caption(document, phrase):
                found.append(Candidate(phrase.text, 0.9, phrase, 0, len(phrase.text)))
                break
    return found


def _is_caption(document: Document, phrase: Phrase) -> bool:
    """ "Nummer || : 123": a label whose value sits to its right."""
    neighbour = document.right_of(phrase)
    return phrase.text.endswith(":") or (neighbour is not None and neighbour.text.startswith(":"))


def _name_field(document: Document, phrase: Phrase) -> Candidate | None:
    if not any(label.search(phrase.text) for label in party_labels.NAME):
        return None
    value = document.right_of(phrase)
    found = None if value is None else find_text(value.text)
    return None if value is None or found is None else Candidate(found[0], 0.95, value, found[1], found[2])


def _block_name(document: Document, phrase: Phrase, score: float) -> Candidate | None:
    """The name heading the address block an identifier is printed in (not a table of references)."""
    chain = document.chain_above(phrase)
    if not any(_POSTAL_LINE.search(p.text) for p in chain[:3]):
        return None  # the postcode line sits just above the identifiers in an address block
    start = chain[-1]
    for candidate in [start, *document.block_after(start, max_lines=3)]:
        if is_name_like(candidate.text):
            return Candidate(candidate.text, score, candidate, 0, len(candidate.text))
    return None


_POSTAL_LINE = re.compile(r"(?:^|\s)(?:[A-Z]{1,2}[- ]?)?\d{4,5}\s+[^\W\d]{2,}")


def _address_block_names(document: Document, sections: Sections, role: Role) -> list[Candidate]:
    """First line of an address block (name, street, postcode + town) on page 1, under its caption if any."""
    found: list[Candidate] = []
    for line in document.lines:
        if line.page != 1:
            break
        for phrase in line.phrases:
            if not _POSTAL_LINE.search(phrase.text) or len(phrase.text) > 40:
                continue
            chain = document.chain_above(phrase, max_lines=4)
            captions = [i for i, p in enumerate(chain) if _anchor_role(p.text)]
            if captions:
                caption = chain[captions[0]]
                chain = chain[: captions[0]]
                if _anchor_role(caption.text) != role:
                    continue
            elif sections.role_of(phrase) not in (None, role):
                continue
            if chain and is_name_like(chain[-1].text):
                start = chain[-1]
                found.append(
                    Candidate(start.text, 0.5, start, 0, len(start.text), document.line_of(start).index)
                )
    return found


def _legal_mention_names(document: Document) -> list[Candidate]:
    """The issuer's name as its header/footer prints it: "Name SARL - 12 rue ... - SIRET ...", or the
    name line right above the legal mentions at the foot of the page."""
    found: list[Candidate] = []
    for line in document.lines:
        for phrase in line.phrases:
            head = _leading_name(phrase.text)
            if head is not None and is_name_like(head) and _looks_like_header(line.text):
                found.append(Candidate(head, 0.7, phrase, 0, len(head), line.index))
        above = document.lines[line.index - 1] if line.index else None
        if above is not None and above.page == line.page and party_labels.LEGAL_MENTION.search(line.text):
            found += [Candidate(p.text, 0.6, p, 0, len(p.text), above.index) for p in above.phrases
                      if is_name_like(p.text)]  # fmt: skip
    return found


def _leading_name(text: str) -> str | None:
    """ "Name - address..." or, when OCR lost the dashes, the words before the street number."""
    head = re.split(r"\s[-–|•]\s|,\s", text)[0].strip()
    if head != text:
        return head
    match = re.match(r"(\D+?)\s+\d", text)
    return match.group(1).strip() if match else None


def _looks_like_header(text: str) -> bool:
    return bool(party_labels.LEGAL_MENTION.search(text) or re.search(r"\b\d{5}\b", text))


def _top_names(document: Document, sections: Sections) -> list[Candidate]:
    """Name-like phrases at the top of page 1 that no caption assigns to someone else (first ones best)."""
    height = document.page_height(1) if 1 in document.pages else 0.0
    found: list[Candidate] = []
    for line in document.lines:
        if line.page != 1 or line.y0 > height * 0.3 or len(found) >= 3:
            break
        for phrase in line.phrases:
            if is_name_like(phrase.text) and sections.role_of(phrase) in (None, "seller"):
                score = 0.6 if not found else 0.5
                found.append(Candidate(phrase.text, score, phrase, 0, len(phrase.text), line.index))
    return found


def _same_name(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^\w&]", " ", name.casefold()).split())


def _best_name(candidates: list[Candidate]) -> Candidate | None:
    """Best score, raised when several independent places agree on the same name."""
    counts: dict[str, int] = {}
    for candidate in candidates:
        counts[_key(candidate.value)] = counts.get(_key(candidate.value), 0) + 1
    boosted = [
        Candidate(
            c.value, min(1.0, c.score + 0.1 * (counts[_key(c.value)] - 1)), c.phrase, c.start, c.end, c.order
        )
        for c in candidates
    ]
    return best(boosted)
