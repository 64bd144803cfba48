"""Seller and buyer: names, VAT numbers, SIREN/SIRET, e-mails, and the seller's bank account.

Which party a value belongs to comes from layout, never from knowing the issuer: a caption above it
("Client", "Bill to", "Käufer"), a hint in its own label ("N° TVA client"), or the legal mentions
(capital, RCS, SIRET...) that French and German law make the issuer print.
"""

from __future__ import annotations

import dataclasses
import re

from . import party_labels
from .candidates import Candidate, anywhere, best, label_values
from .document import Document
from .layout import Phrase
from .national_vat import ITALIAN_LABEL, SPANISH_LABEL, find_italian_vat, find_spanish_vat
from .ocr_repair import (
    agreed_siren,
    completed_siret,
    find_partial_number,
    find_repaired_iban,
    registered_bic,
    repair_bic,
    repair_company_number,
    repair_iban,
    siren_readings,
    with_siren,
)
from .party_bank import bic_after_iban, iban_across_phrases, values_beside
from .party_name_shapes import is_name_like
from .party_names import identifier_block_name, locate_names, spell_names
from .party_roles import settle_roles
from .party_sections import Sections
from .values import (
    Finder,
    Found,
    find_bic,
    find_digits,
    find_email,
    find_iban,
    find_iban_shape,
)
from .vat_numbers import find_labelled_vat, find_valid_vat

__all__ = ["is_name_like", "locate_parties"]


def locate_parties(document: Document) -> dict[str, Candidate]:
    sections = Sections(document)
    found: dict[str, Candidate] = {}
    unplaced = _assign(found, "vat_id", _vat_candidates(document), sections, document)
    _assign(found, "siret", label_values(document, party_labels.SIRET, _SIRET), sections, document)
    _assign(
        found,
        "siren",
        label_values(document, party_labels.SIREN, _SIREN, below=False),
        sections,
        document,
    )
    _assign(found, "email", anywhere(document, find_email, 0.8), sections, document)
    _put(found, "seller_iban", best(label_values(document, party_labels.IBAN, _find_iban) or
                                    anywhere(document, _ANY_IBAN, 0.8)))  # fmt: skip
    if (joined := iban_across_phrases(document, found.get("seller_iban"))) is not None:
        found["seller_iban"] = joined
    bic = _bic_finder(found.get("seller_iban"))
    _put(found, "seller_bic", best(label_values(document, party_labels.BIC, bic) or
                                   values_beside(document, party_labels.BIC, bic)))  # fmt: skip
    _put(found, "seller_bic", bic_after_iban(document, found.get("seller_iban")))
    _agree_on_siren(found)
    _complete_sirets(found, document, sections)
    _derive_sirens(found)
    locate_names(found, document, sections)
    _buyer_from_its_block(found, "vat_id", unplaced, document)
    settle_roles(found, document, sections, _vat_candidates)
    spell_names(found, document)
    return found


def _buyer_from_its_block(
    found: dict[str, Candidate], kind: str, unplaced: list[Candidate], document: Document
) -> None:
    """Two address blocks side by side with no caption over either, each with its own VAT number
    ("TVA/BTW BE0482658934"): the number printed in the block the buyer's name heads is the buyer's."""
    buyer, seller = found.get("buyer_name"), found.get(f"seller_{kind}")
    if buyer is None or f"buyer_{kind}" in found:
        return
    for candidate in unplaced:
        if seller is not None and candidate.value == seller.value:
            continue
        named = identifier_block_name(document, candidate)
        if named is not None and named.value == buyer.value:
            found[f"buyer_{kind}"] = candidate
            return


def _first(*finders: Finder) -> Finder:
    def finder(text: str) -> Found | None:
        return next((found for f in finders if (found := f(text)) is not None), None)

    return finder


# With no IBAN label: a valid IBAN, else one that starts as printed and its checksum repairs.
_ANY_IBAN = _first(find_iban, find_repaired_iban)
# A company number as printed, else one whose digits OCR read partly as letters, repaired by its Luhn key.
_SIRET = _first(find_digits(14), repair_company_number(14))
_SIREN = _first(find_digits(9), repair_company_number(9))


def _bic_finder(iban: Candidate | None) -> Finder:
    """After a BIC label: the BIC as read, unless the IBAN's country says how OCR misread it (a space
    inside, a digit for a letter, a country letter that looks like the IBAN's)."""
    if iban is None or not iban.value[:2].isalpha():
        return find_bic

    def finder(text: str) -> Found | None:
        found = find_bic(text)
        if found is not None and found[0][4:6] == iban.value[:2]:
            known = registered_bic(found[0], iban.value[:2])  # "CMCIFRZA": the directory knows CMCIFR2A
            return found if known is None else (known, found[1], found[2])
        return repair_bic(text, iban.value[:2]) or found

    return finder


_NEXT_LABEL = re.compile(r"\s*\b(?:BIC|SWIFT|BLZ|BANK|KTO|RIB)\b.*$", re.IGNORECASE)


def _find_iban(text: str) -> Found | None:
    """After an IBAN label: a valid IBAN, else one repaired from OCR's slips by its checksum, else its shape
    without the label it ran into ("... 67 BIC")."""
    found = find_iban(text) or repair_iban(text)
    if found is not None:
        return found
    return find_iban_shape(_NEXT_LABEL.sub("", text))


def _put(found: dict[str, Candidate], name: str, candidate: Candidate | None) -> None:
    if candidate is not None and name not in found:
        found[name] = candidate


def _vat_candidates(document: Document) -> list[Candidate]:
    labelled = label_values(document, party_labels.VAT_ID, find_labelled_vat, below=False)
    # National forms ("P.IVA 04007050240", "CIF: B00385674") where no prefixed number was read there.
    taken = {id(c.phrase) for c in labelled}
    national = label_values(document, ITALIAN_LABEL, find_italian_vat, below=False) + label_values(
        document, SPANISH_LABEL, find_spanish_vat, below=False
    )
    labelled += [c for c in national if id(c.phrase) not in taken]
    spans = {(id(c.phrase), c.start) for c in labelled}
    unlabelled = [c for c in anywhere(document, _find_vat_id, 0.7) if (id(c.phrase), c.start) not in spans]
    return labelled + unlabelled


# Countries whose VAT numbers invoices print (EU, EFTA, UK): checking every capitalised word of a page
# against the checksum of whatever country its first two letters might name is the capture's slowest step.
_VAT_PREFIX = re.compile(
    r"(?<![A-Z0-9])(?:AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|"
    r"XI|CH|CHE|NO|IS|LI)[ -]?[A-Z]?\d"
)


def _find_vat_id(text: str) -> Found | None:
    return find_valid_vat(text) if _VAT_PREFIX.search(text.upper()) else None


def _assign(
    found: dict[str, Candidate],
    kind: str,
    candidates: list[Candidate],
    sections: Sections,
    document: Document,
) -> list[Candidate]:
    """Share one kind of identifier between seller and buyer; returns the values no caption placed when
    none was the buyer's (the buyer's name may still claim one by its block)."""
    by_role: dict[str, list[Candidate]] = {"seller": [], "buyer": [], "unplaced": []}
    for candidate in candidates:
        role = sections.role_of(candidate.phrase, _label_of(document, candidate))
        if role == "other":
            continue
        if role is None and _in_legal_mentions(candidate.phrase, document):
            role = "seller"
        by_role[role or "unplaced"].append(candidate)
    seller_values = {c.value for c in by_role["seller"]}
    unplaced = [c for c in by_role["unplaced"] if c.value not in seller_values]
    # Issuers print their own numbers in the legal mentions; an unplaced second number is the buyer's.
    leftover: list[Candidate] = []
    if by_role["seller"] and not by_role["buyer"]:
        by_role["buyer"] = unplaced
    else:
        by_role["seller"] += unplaced
        leftover = unplaced if not by_role["buyer"] else []
    buyer_values = {c.value for c in by_role["buyer"]}
    _put(found, f"seller_{kind}", best([c for c in by_role["seller"] if c.value not in buyer_values]))
    _put(found, f"buyer_{kind}", best(by_role["buyer"]))
    return leftover


def _label_of(document: Document, candidate: Candidate) -> str:
    """The words before a value: in its own phrase, else the phrase to its left ("Your VAT ID: || DE4...")."""
    own = candidate.phrase.text[: candidate.start].split(":")[0]
    if own.strip(" :.-"):
        return own
    phrases = document.line_of(candidate.phrase).phrases
    position = next(i for i, p in enumerate(phrases) if p is candidate.phrase)
    return phrases[position - 1].text if position > 0 else ""


def _in_legal_mentions(phrase: Phrase, document: Document) -> bool:
    line = document.line_of(phrase)
    return bool(party_labels.LEGAL_MENTION.search(line.text)) and len(line.text) > 30


def _agree_on_siren(found: dict[str, Candidate]) -> None:
    """French legal mentions print one SIREN up to three times (SIREN or RCS, SIRET, VAT number): where OCR
    misread one printing so that its key fails, the printings whose keys hold say what it was."""
    for role in ("seller", "buyer"):
        kinds = ("siren", "siret", "vat_id")
        read = {kind: found.get(f"{role}_{kind}") for kind in kinds}
        siren = agreed_siren(siren_readings(*(c.value if c else None for c in read.values())))
        if siren is None:
            continue
        for kind, candidate in read.items():
            value = None if candidate is None else with_siren(kind, candidate.value, siren)
            if candidate is not None and value is not None:
                found[f"{role}_{kind}"] = dataclasses.replace(candidate, value=value)


def _complete_sirets(found: dict[str, Candidate], document: Document, sections: Sections) -> None:
    """A SIRET whose leading digits OCR lost ("SIRET || 1400073"), completed by the SIREN the party's other
    identifiers agree on (ocr_repair.completed_siret says when the digits read fit it)."""
    partial: dict[str, Candidate] = {}
    for role in ("seller", "buyer"):
        if f"{role}_siret" in found:
            continue
        if not partial:
            labelled = label_values(document, party_labels.SIRET, find_partial_number)
            _assign(partial, "siret", labelled, sections, document)
        candidate, siren, vat = (
            partial.get(f"{role}_siret"),
            found.get(f"{role}_siren"),
            found.get(f"{role}_vat_id"),
        )
        agreed = agreed_siren(
            siren_readings(siren.value if siren else None, None, vat.value if vat else None)
        )
        value = None if candidate is None or agreed is None else completed_siret(candidate.value, agreed)
        if candidate is not None and value is not None:
            found[f"{role}_siret"] = dataclasses.replace(candidate, value=value)


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
