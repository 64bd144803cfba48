"""The words invoices put before their totals (label patterns strongest first, matched case-insensitively)."""

from __future__ import annotations

from .labels import compile_labels as _compile

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
