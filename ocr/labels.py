"""The words invoices put before their values, in French, English and German.

Each field lists label patterns strongest first. Patterns are matched case-insensitively against a
phrase; the value is looked for after the match, then to its right, then below it.
"""

from __future__ import annotations

import re


def compile_labels(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


_compile = compile_labels


_NO = r"(?:n[°ºo]\.?|nr\.?|no\.?|num[ée]ro|number|nummer|#)"
_TITLE = r"(?:facture|avoir|invoice|credit\s?note|\w*rechnung|gutschrift)"
# What may stand between a document title and its number: "(380)", "Bau", "(Selbst ausgestellte Rechnung)";
# not ordinary words, so "Rechnung gemäß Bestellung Nr. X" does not read as an invoice number.
_QUALIFIERS = r"(?:\s+(?:\([^)]*\)|[A-Za-z]{1,4}\b))*?"

INVOICE_NUMBER = _compile(
    # "Facture n° X", "Rechnung (380) Nr. X", "Invoice number X", "N° de facture X": equally strong, so
    # the first in reading order (the title) wins over a number quoted in a note further down.
    rf"\b(?:{_NO}\s*(?:de\s+)?(?:la\s+)?(?:facture|d'avoir|avoir|invoice)|invoice\s*{_NO}|rechnungsnummer|"
    rf"rechnungs-?nr\.?|num[ée]ro\s+de\s+facture|{_TITLE}{_QUALIFIERS}\s*{_NO})\s*:?",
    rf"^{_TITLE}\s*(?:\(\d+\)\s*)?:?",
    r"^n[°ºo]\.?\s*:?",
    r"\bbelegnummer\s*:?",
)

ISSUE_DATE = _compile(
    r"\b(?:date\s+(?:de\s+)?(?:la\s+)?(?:facture|facturation|d'[ée]mission|d'avoir|de\s+l'avoir)|"
    r"invoice\s+date|date\s+of\s+issue|issue\s+date|rechnungsdatum|belegdatum|ausstellungsdatum)\s*:?",
    # "Rechnung Nr. 471102 vom 05.03.2018", "Facture 12 du 3 mars 2024" (not "commande du ...").
    rf"(?:\b{_TITLE}{_QUALIFIERS}\s*(?:{_NO})?\s*|^)\S*\d\S*\s+(?:vom|du|dated)\b",
    r"^(?:date|datum|le)\s*:?(?=\s*\d|\s*$)",
)

DUE_DATE = _compile(
    r"\b(?:date\s+d'[ée]ch[ée]ance|[ée]ch[ée]ance|date\s+limite\s+de\s+(?:r[èe]glement|paiement)|"
    r"[àa]\s+payer\s+(?:avant\s+)?le|payable\s+(?:avant\s+)?le|due\s+date|payment\s+due(?:\s+date)?|"
    r"due\s+on|pay\s+by|f[äa]llig(?:keit|\s+am)?|zahlungsziel|zahlbar\s+(?:(?:ohne|innerhalb|bis)\b.*?)?bis)\s*:?",
)

PURCHASE_ORDER = _compile(
    r"\b(?:votre\s+(?:r[ée]f[ée]rence|commande|r[ée]f\.?)|bon\s+de\s+commande|(?:n[°º]|num[ée]ro)\s+de\s+commande|"
    r"commande\s+n[°º]|r[ée]f\.?\s+commande|purchase\s+order(?:\s+number)?|p\.?o\.?\s+(?:number|no\.?|#)|"
    r"order\s+(?:number|no\.?|reference)|your\s+(?:reference|order)|bestellnummer|bestellung(?:\s+nr\.?)?|"
    r"ihre\s+bestellung)\s*:?",
)

PAYMENT_TERMS = _compile(
    r"\b(?:conditions\s+de\s+(?:paiement|r[èe]glement)|payment\s+terms|terms\s+of\s+payment|"
    r"zahlungsbedingungen)\s*:?",
)

CURRENCY = _compile(
    r"\b(?:devise\s+de\s+facturation|invoice\s+currency|rechnungsw[äa]hrung)\b\s*:?",
    r"\b(?:devise|monnaie|currency|w[äa]hrung|betr[äa]ge\s+in)\b\s*:?",
)

DOCUMENT_TITLE = re.compile(
    rf"^(?:{_TITLE}|facture\s+d'acompte|devis|re[çc]u|tax\s+invoice|page\b)", re.IGNORECASE
)
CREDIT_NOTE_TITLE = re.compile(r"\b(?:avoir|credit\s?note|gutschrift|note\s+de\s+cr[ée]dit)\b", re.IGNORECASE)
