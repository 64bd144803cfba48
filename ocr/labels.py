"""The words invoices put before their values, in French, English and German.

Each field lists label patterns strongest first. Patterns are matched case-insensitively against a
phrase; the value is looked for after the match, then to its right, then below it.
"""

from __future__ import annotations

import re


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _one(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


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

TOTAL_EXCL_TAX = _compile(
    # "\s*": OCR often runs the words together ("TotalHT", "Montant TotalTTC", "Resteapayer").
    r"\b(?:total|montant|sous-total|net)\s*(?:net\s+)?(?:h\.?t\.?|hors\s+tax(?:es?)?)\b\s*:?",
    r"\b(?:total\s+(?:excl\.?|excluding|before|net\s+of)\s+(?:vat|tax)|subtotal|sub-total|net\s+total|"
    r"total\s+net|rechnungssumme\s+(?:ohne\s+ust\.?|netto)|summe\s+netto|nettosumme|gesamt\s+netto|"
    r"nettobetrag|total\s+ht)\b\s*(?:\([^)]*\))?\s*:?",
)

TOTAL_TAX = _compile(
    r"\b(?:total\s+(?:de\s+la\s+)?t\.?v\.?a\.?|montant\s+(?:de\s+la\s+)?t\.?v\.?a\.?|total\s+(?:vat|tax)|"
    r"vat\s+amount|tax\s+amount|steuerbetrag|summe\s+(?:ust|mwst)\.?|umsatzsteuer\s+gesamt)\b\s*:?",
    r"^(?:t\.?v\.?a\.?|taxes?|vat|mwst\.?|ust\.?)\s*:?$",
)

# "TVA 20 %", "TVA (20%)", "VAT 20%", "MwSt. 19 %", "zzgl. 19 % USt", "USt": the tax name with its rate and
# no word such as "total". The same words head VAT-number lines ("TVA : FR…"), so these candidates are only
# taken when they make the totals add up (excl. tax + tax = incl. tax).
_RATE = r"\(?\s*\d{1,2}(?:[.,]\d{1,3})?\s*%\s*\)?"
TOTAL_TAX_RATED = _compile(
    rf"^(?:(?:zzgl\.?|zuz[üu]glich|plus|incl\.?|inkl\.?|dont|\+)\s*)?(?:{_RATE}\s*)?"
    rf"(?:t\.?v\.?a\.?|vat|mwst\.?|ust\.?|umsatzsteuer|sales\s+tax|taxes?)(?![a-zà-ÿ])(?:\s*{_RATE})?\s*:?",
)

TOTAL_INCL_TAX = _compile(
    r"\b(?:(?:total|montant)\s*(?:total\s*)?t\.?t\.?c\.?|total\s+toutes\s+taxes|"
    r"total\s+(?:incl\.?|including|inc\.?)\s+(?:vat|tax)|bruttosumme|rechnungssumme\s+brutto|"
    r"gesamtbetrag\s+brutto|summe\s+brutto|rechnungsbetrag|gesamtsumme|grand\s+total|invoice\s+total|"
    r"total\s+amount)\b\s*(?:\([^)]*\))?\s*:?",
    r"^total\s*:?$",
    r"^total\s*:?(?=\s*[-−–]?\s*[€$£]?\s*\d)",  # "Total: 300.00", "Total 1 234,56 €"
)

AMOUNT_DUE = _compile(
    r"\b(?:reste\s*[àa]\s*payer|solde\s*[àa]\s*payer|solde\s+d[ûu]|net\s*[àa]\s*payer|montant\s*[àa]\s*payer|"
    r"montant\s+d[ûu]|total\s*[àa]\s*payer|amount\s+due|balance\s+due|total\s+due|amount\s+payable|"
    r"zahlbetrag|f[äa]lliger\s+betrag|offener\s+betrag|zu\s+zahlen(?:der\s+betrag)?)\b\s*:?",
)

PREPAID = _compile(
    r"\b(?:acompte|d[ée]j[àa]\s+(?:vers[ée]|pay[ée]|r[ée]gl[ée])|prepaid|paid\s+amount|amount\s+paid|"
    r"erhaltene\s+anzahlungen?|anzahlung)\b",
)

CURRENCY = _compile(
    r"\b(?:devise\s+de\s+facturation|invoice\s+currency|rechnungsw[äa]hrung)\b\s*:?",
    r"\b(?:devise|monnaie|currency|w[äa]hrung|betr[äa]ge\s+in)\b\s*:?",
)

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
DOCUMENT_TITLE = re.compile(
    rf"^(?:{_TITLE}|facture\s+d'acompte|devis|re[çc]u|tax\s+invoice|page\b)", re.IGNORECASE
)
CREDIT_NOTE_TITLE = re.compile(r"\b(?:avoir|credit\s?note|gutschrift|note\s+de\s+cr[ée]dit)\b", re.IGNORECASE)
