"""The words that introduce the seller and the buyer, their names and their identifiers."""

from __future__ import annotations

import re

from .labels import compile_labels as _compile


def _one(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


IBAN = _compile(r"\biban(?:-nr\.?)?\s*:?")

BIC = _compile(r"\b(?:bic|swift|bic/swift|swift/bic|bic-code)\b\s*:?")

SIRET = _compile(r"\bsiret\b\s*(?:n[°º])?\s*:?")

SIREN = _compile(r"\b(?:siren|rcs(?:\s+[a-zà-ÿ\- ]+?)?)\b\s*(?:n[°º])?\s*:?")

VAT_ID = _compile(
    r"\b(?:n[°º]\s*(?:de\s+)?tva(?:\s+intra(?:communautaire)?)?|tva\s+intra(?:communautaire)?|"
    r"vat\s*(?:reg(?:istration)?\.?\s*)?(?:no\.?|number|id)?|ust\.?-?\s*id(?:ent)?\.?-?\s*nr\.?|"
    r"ust-?idnr\.?|tva)\s*:?",
)

NAME = _compile(r"^(?:name|nom|raison\s+sociale|company)\s*:?$")

BUYER_SECTION = _one(
    r"^(?:client|factur[ée]\s+[àa]|adress[ée]e?\s+[àa]|destinataire|acheteur|adresse\s+de\s+facturation|"
    r"bill(?:ed)?\s+to|sold\s+to|customer|buyer|invoice\s+to|k[äa]ufer|rechnungsempf[äa]nger|kunde|"
    r"leistungsempf[äa]nger)\b",
)

SELLER_SECTION = _one(
    r"^(?:vendeur|fournisseur|[ée]metteur|prestataire|seller|supplier|vendor|from|verk[äa]ufer|"
    r"rechnungsersteller|lieferant|leistungserbringer)\b\s*:?\s*$",
)

OTHER_SECTION = _one(
    r"^(?:adresse\s+de\s+livraison|livr[ée]\s+[àa]|ship\s+to|delivery\s+address|abweichender|"
    r"steuerbevollm[äa]chtigter|warenempf[äa]nger|lieferanschrift)\b",
)

BUYER_HINT = re.compile(
    r"\b(?:client|customer|buyer|acheteur|kunde|k[äa]ufer|votre|your|ihre)\b", re.IGNORECASE
)

LEGAL_MENTION = re.compile(
    r"\b(?:capital|r\.?c\.?s\.?|siret|siren|ape|naf|hrb|handelsreg|registergericht|amtsgericht|"
    r"gesch[äa]ftsf[üu]hrer|company\s+registration)\b",
    re.IGNORECASE,
)
