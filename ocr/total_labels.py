"""The words invoices put before their totals.

`classify` tells which total a label names from the families of words it holds (below); the regex tuples
first in this file are the plain patterns the line-item reader uses to see where a table of lines ends, and
`PREPAID` the mention of a prepayment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .labels import compile_labels as _compile

TOTAL_EXCL_TAX = _compile(
    # "\s*": OCR often runs the words together ("TotalHT", "Montant TotalTTC", "Resteapayer").
    r"\b(?:total|montant|sous-total|net)\s*(?:net\s+)?(?:h\.?t\.?|hors\s+tax(?:es?)?|hors\s+t\.?v\.?a)\b\s*:?",
    r"\b(?:total\s+(?:excl\.?|excluding|before|net\s+of)\s+(?:vat|tax)|subtotal|sub-total|net\s+total|"
    r"total\s+net|rechnungssumme\s+(?:ohne\s+ust\.?|netto)|summe\s+netto|nettosumme|gesamt\s+netto|"
    r"nettobetrag|total\s+ht)\b\s*(?:\([^)]*\))?\s*:?",
)

# A tax rate as printed in a label: "20 %", "(19%)", "5,5 %".
_RATE = r"\(?\s*\d{1,2}(?:[.,]\d{1,3})?\s*%\s*\)?"

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


# A mention that the invoice bears no VAT: a French micro-entrepreneur's "TVA non applicable, art. 293 B du
# CGI", an exempt or intra-EU supply, a reverse charge, a German small business (§ 19 UStG). With it and no
# tax amount printed, the tax is zero and the gross total is the net one.
VAT_EXEMPTION = re.compile(
    r"\b(?:t\.?v\.?a\.?|vat|tax|iva|btw|mwst|ust)\s+(?:non\s+applicable|not\s+applicable|n/a\b|exempt\w*|"
    r"exon[ée]r\w*|free\b)|\b(?:exon[ée]r\w*|non\s+soumis\w*|not\s+subject|exempt\w*)\s+(?:\w+\s+){0,2}"
    r"(?:t\.?v\.?a\b|vat\b|tax\b|taxe\b)|franchise\s+en\s+base|autoliquidation|auto-liquidation|"
    r"\b293\s*b\b|\b262\s*ter\b|\b283[-\s]?2\b|reverse[-\s]charge|steuerfrei|umsatzsteuerfrei|"
    r"kleinunternehmer|§\s*19\s*(?:abs\.?\s*\d\s*)?ustg|steuerschuldnerschaft\s+des\s+leistungsempf|"
    r"exent[oa]\s+de\s+iva|inversi[óo]n\s+del\s+sujeto\s+pasivo|esente\s+iva|inversione\s+contabile|"
    r"btw\s+verlegd|vrijgesteld\s+van\s+btw",
    re.IGNORECASE,
)

# --- What a label names, from the meaning of its words rather than one wording per layout. ---
# A label is classified by word families, in French, English, German, Spanish, Italian and Dutch: a word
# that says "due" beats one that says "net" or "gross", which beat a tax word, which beats a bare "total".
# Words for charges, discounts, prices and quantities make the text no total at all ("Prix HT", "Remise").

_TOTAL_WORD = (
    r"\b(?:total\w*|totaal\w*|montant|amount|summe|\w+summe|betrag|\w+betrag|gesamt\w*|somme|sum|importe|"
    r"importo|bedrag|cuota)\b"
)
# "MwsSt": OCR slips a letter into the short German word.
_TAX_WORD = (
    r"(?:\bt\.?v\.?a\b\.?|\bvat\b|\btax(?:es|e)?\b|\bm\.?w\.?s?\.?st\b\.?|\bu\.?st\b\.?|umsatzsteuer|mehrwertsteuer|"
    r"\bsteuer(?:betrag|summe)?\b|\biva\b|\bi\.v\.a\.?|\bbtw\b|\bigic\b|\bgst\b|\bhst\b|\bimposta\b|"
    r"\bimpuestos?\b|\bsales\s+tax\b)"
)
# Tax words that name something other than the tax amount: its number, rate, category or breakdown table.
_NOT_TAX_AMOUNT = (
    r"\b(?:n[°ºo]\.?|no\.|nr\.?|num[ée]ro|number|nummer|id|ident\w*|intra\w*|reg\w*|code|rate|taux|\w*satz|"
    r"categor\w*|kategorie|type|typ|breakdown|aufschl[üu]ss\w*|d[ée]tail\w*|r[ée]cap\w*|summary|exempt\w*|"
    r"exon[ée]r\w*|reverse|autoliquid\w*|kennzeichen|free|base|basis\w*|applicable|franchise|\w*frei|\w*basisbetrag|bemessung\w*|"
    r"imponib\w*|imposable|grondslag|taxable)\b|(?<![\d\s])\s*%\s*$|^\W*%"
)
_NOT_A_TOTAL = (
    r"\b(?:remises?|rabais|ristournes?|escompte|discounts?|rebates?|rabatt\w*|skonto|nachlass|zuschl[äa]g\w*|"
    r"abschl[äa]g(?!s?zahlung|\s+vom)\w*|allowances?|charges?|surcharges?|frais|shipping|freight|postage|port|"
    r"versand\w*|"
    r"fracht\w*|descuentos?|sconto|korting|toeslag|rundung|rounding|arrondi|quantit[ée]s?|qty|quantity|"
    r"menge|prix|price|\w*preis|precio|prezzo|prijs|tarif|poids|weight|gewicht|page|seite|"
    r"hours?|heures?|stunden|days?|jours?|tage|n[°º]|number|nummer|items?|articles?|pieces?|st[üu]ck|"
    r"conditions?|terms|\w*bedingungen|condiciones|condizioni|voorwaarden)(?!\w)"
)
# "Net Price", "Prix total" (GnuCash's report): a price word qualified as net or total names the sum of the
# lines, not a unit price; the price word is dropped and the rest says which total it is.
_PRICE_TOTAL = re.compile(
    r"\b(?:(?:total|net|gross)\s+(?=price\b)|(?<=prix)\s+(?=(?:total|net)\b)|(?<=precio)\s+(?=(?:total|neto)\b)|"
    r"(?<=prezzo)\s+(?=(?:totale|netto)\b))",
    re.IGNORECASE,
)
_PRICE_WORD = re.compile(r"\b(?:price|prix|precio|prezzo)\b\s*", re.IGNORECASE)
# "Total HT après remise", "Net of discount": the charge word qualifies a total instead of replacing it.
_BEFORE = r"\b(?:avant|before|vor)\b"
_SUBTOTAL_STRENGTH = 0.85
_AFTER = r"\b(?:apr[èe]s|after|nach|net\s+of|y\s+compris|including|incl\.?|inkl\.?)\b"
_DUE = (
    r"(?:\b(?:reste|net|montant|total|somme|solde)\s*(?:restant\s*)?(?:d[ûu]\s*)?[àa]\s*(?:payer|r[ée]gler)|"
    r"\b[àa]\s*payer\b|\b(?:restant|reste|total|somme)\s+d[ûu]e?\b|\b(?:total|net|balance|sum)\s+payable\b|"
    r"\bpayable\s+amount\b|\bsolde\b|\bmontant\s+d[ûu]\b|\bamount\s+due\b|\bbalance\b|\btotal\s+due\b|^due\b|"
    r"\bamount\s+payable\b|\b(?:amount|total)\s+to\s+(?:be\s+)?pa(?:y|id)\b|\boutstanding\b|\bzahlbetrag|"
    r"\bzu\s+zahlen|\bzahlungsbetrag|\bf[äa]llige[rn]?\s+betrag|\boffene[rn]?\s+betrag|\brestbetrag|"
    r"\ba\s+pagar\b|\bpendiente\b|\bda\s+pagare\b|\bnetto\s+a\s+pagare\b|\bsaldo\b|\bte\s+betalen\b|"
    r"\bopenstaand\b|\bverschuldigd\b)"
)
# A date label that shares the due words ("Due date", "À payer avant le", "Fälligkeitsdatum").
_DATE_WORD = (
    r"\b(?:date|datum|fecha|data|le|on|by|avant|before|bis|am|until|jusqu\w*|vervaldatum|within|innerhalb|"
    r"entro|dentro|binnen|delay|d[ée]lai)\b"
)
_PREPAID = (
    # "Versement CB le 16/09", "Paiement reçu": a payment made; not the micro-entrepreneur's "versement
    # libératoire" of income tax.
    r"\b(?:acomptes?|d[ée]j[àa]\s+(?:vers|pay|r[ée]gl|factur)\w*|avances?|prepaid|prepayments?|paid|"
    r"versements?(?!\s+lib[ée]ratoire)|(?:paiements?|r[èe]glements?)\s+re[çc]us?|"
    # A German final invoice less its instalments: "abzgl. Abschlagszahlung", "Abschlag vom 10.06.2025".
    r"abschl[äa]gs?zahlung\w*|abschl[äa]g\s+vom|teilzahlung\w*|"
    r"payments?\s+(?:received|made)|deposit|\w*anzahlung\w*|bereits\s+(?:bezahlt|gezahlt|erhalten)|"
    r"vorauszahlung\w*|anticipos?|acconto|pagado|pagato|aanbetaling|reeds\s+betaald|vooruitbetaald|betaald|"
    # "Payé | 55,84" between "Total TTC" and "Reste à payer" (Dolibarr): what was paid, as "Paid" is.
    r"pay[ée]e?s?|bezahlt)\b"
)
# A figure of another, earlier document: "Solde de la facture précédente", "Previous balance", "Saldo
# anterior". It is no total of this invoice (a prepayment keeps its meaning: "Paiements précédents").
_EARLIER = (
    r"\b(?:pr[ée]c[ée]dent\w*|ant[ée]rieur\w*|previous|vorherig\w*|vorige\w*|anterior\w*|precedente?)\b"
)
_TITLE = r"\b(?:facture|invoice|rechnung|factura|fattura|factuur)\b"
# "Inc." only before a tax word ("Total inc. VAT"): alone it is a company's legal form ("Pioneer Inc.").
_GROSS = (
    r"(?:\bt\.?t\.?c\b\.?|toutes\s+taxes|\bincl\w*|\binkl\w*|\binc\.(?=\s*(?:vat|tax|gst|btw|t\.?v\.?a|mwst|u\.?st|iva)\b)|"
    r"\bgross\b|brutto\w*|\w+brutto\b|"
    r"\bivat[oa]\b|\biva\s+inclu\w*|\bcon\s+iva\b|\bmet\s+btw\b|\bwith\s+(?:vat|tax\w*)\b|\bavec\s+t\.?v\.?a\b|"
    r"\bmit\s+(?:mwst|ust|steuer)\b|\btvac\b|\bt\.?v\.?a\.?\s+compris\w*|\blordo\b)"
)
_NET = (
    r"(?:\bh\.?\s?t\b\.?|\bhtva\b|\buntaxed\b|\bhors\s+(?:tax\w*|t\.?v\.?a\b)|\bnets?\b|\bnetto\w*|\w+netto\b|\bneto\b|sous[-\s]?total|"
    r"\bsub[-\s]?tota\w*|zwischensumme|\bexcl\w*|\bexkl\w*|\bex\.?\s+(?:vat|tax|gst|btw)|before\s+tax|"
    r"pre[-\s]?tax|\bescl\w*|without\s+(?:vat|tax)|w/o\s+(?:vat|tax)|ohne\s+(?:u\.?st|mwst|steuer)|sans\s+t\.?v\.?a|"
    r"sin\s+iva|senza\s+iva|zonder\s+btw|base\s+imponible|imponibile|base\s+imposable|taxable\s+amount|"
    r"warenwert|positionssumme|line\s+total|total\s+lines)"
)
# Net sums that come before charges and discounts: believed less than a net total.
_SUBTOTAL = r"(?:sous[-\s]?total|\bsub[-\s]?tota\w*|zwischensumme)"
_LINES_SUM = r"(?:warenwert|positionssumme|line\s+total|total\s+lines)"
# Totals named without saying net or gross: the invoice's bottom line.
_GRAND = (
    r"(?:grand\s+total|invoice\s+total|total\s+invoice|rechnungsbetrag|rechnungssumme|gesamtsumme|"
    r"gesamtbetrag|endbetrag|endsumme|total\s+factura|importe\s+total|total\s+fattura|"
    r"totale\s+(?:documento|fattura|complessivo|generale)|totaalbedrag|factuurbedrag|total\s+g[ée]n[ée]ral|"
    r"montant\s+total|total\s+amount|total\s+general)"
)
# "dont TVA 20 %", "inkl. 19 % MwSt.", "davon USt": the tax a gross total includes, not the gross total.
_INCLUDED_TAX = (
    rf"^(?:dont|davon|enthalten\w*|incl\.?|inkl\.?|including|of\s+which|zzgl\.?|plus|\+)\s*(?:{_RATE}\s*)?"
    rf"{_TAX_WORD}"
)
# "€ TVA": the currency of the amount before it may open the label's text.
_LEADING_TAX = rf"^(?:(?:[€$£]|eur|usd|gbp|chf)\s*)?(?:{_RATE}\s*)?{_TAX_WORD}"
_FILLER_WORDS = re.compile(
    # A lone "e" is a LaTeX "€" as text extraction gives it ("7 600 e").
    r"[\s:.\-|()\[\]/*=]+|\b(?:in|en|eur|usd|gbp|chf|the|de|la|le|du|des|der|die|das|of|e)\b|[€$£]|"
    r"\d+(?:[.,]\d+)?\s*%",
    re.IGNORECASE,
)
_MAX_LABEL_WORDS = 6
# OCR reads letters as digits inside words ("T0TAL", "TOTA1") and "l" as "I" ("TotaI").
_OCR_LETTERS = re.compile(r"(?<=[A-Za-z])[01|](?=[A-Za-z]|\b)|\b[01](?=[A-Za-z]{2})|(?<=[a-z])I")
_CODE = re.compile(r"^(?=.*[^\W\d_])(?=(?:\D*\d){4})")  # letters and four digits or more in one word
# OCR runs a label's words together: "TotalHT", "MontantTVA", "TotalTTC".
_RUN_TOGETHER = re.compile(r"(total|montant|net)(?=(?:ht|ttc|tva|h\.t\.?|t\.t\.c\.?)\b)")
# A bare "Total", maybe with the currency it is in, before or after: the invoice's bottom line.
_CURRENCY = r"(?:eur|usd|gbp|chf|cad|aud|nzd|jpy|cny|sek|nok|dkk|pln|czk|huf|ron|[€$£])"
_BARE_TOTAL = rf"^(?:{_CURRENCY}\s*)?(?:total\w*|totaal|totale|summe|gesamt|somme)\b"
# "Total due", "Total à payer": a due amount named as the total, not what remains of it.
_TOTAL_DUE = (
    rf"^(?:{_CURRENCY}\s*)?total\b(?!.*\b(?:reste|restant|remaining|balance|solde|rest\w*|offen\w*)\b)"
)
_TOTAL_DUE_GROSS = 0.6
_PERCENT = re.compile(r"(\d{1,2}(?:[.,]\d{1,3})?)\s*%")


def _family(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_F = {name: _family(p) for name, p in (
    ("total", _TOTAL_WORD), ("tax", _TAX_WORD), ("not_tax", _NOT_TAX_AMOUNT), ("not_total", _NOT_A_TOTAL),
    ("after", _AFTER), ("before", _BEFORE), ("due", _DUE), ("date", _DATE_WORD), ("prepaid", _PREPAID),
    ("gross", _GROSS), ("net", _NET), ("grand", _GRAND), ("included_tax", _INCLUDED_TAX),
    ("leading_tax", _LEADING_TAX), ("rate", _RATE), ("title", _TITLE), ("subtotal", _SUBTOTAL),
    ("lines_sum", _LINES_SUM), ("earlier", _EARLIER), ("bare_total", _BARE_TOTAL), ("total_due", _TOTAL_DUE),
)}  # fmt: skip


ADJUSTMENTS = ("discount", "charge")


@dataclass(frozen=True, slots=True)
class TotalLabel:
    kind: str  # "total_excl_tax" | "total_tax" | "total_incl_tax" | "amount_due" | "prepaid" | ADJUSTMENTS
    strength: float  # how surely the words name this total, 0..1
    weak: bool = False  # believed only when the arithmetic backs it ("TVA 20 %" also heads VAT rows)
    also: str | None = None  # a second total the words name: "Total TTC à payer" is due and gross
    also_strength: float = 0.9  # how surely, relative to `strength`
    outside_base: bool = False  # a charge outside the VAT base wherever printed: a tourist tax


def _letter(match: re.Match[str]) -> str:
    return {"0": "o", "1": "l", "|": "l", "I": "l"}[match.group(0)]


@lru_cache(maxsize=4096)
def classify(text: str) -> TotalLabel | None:
    """The total a short label names ("Total HT", "Base imponible", "Te betalen"), or None."""
    words = _words(text)
    if not words or _too_long(text, words):
        return None  # no words, or a sentence that merely mentions a total
    if any(_CODE.search(word) for word in words):
        return None  # "TVA FR11999999998", "IBAN : FR20 …": an identifier's caption, not a total's
    label = _RUN_TOGETHER.sub(r"\1 ", _OCR_LETTERS.sub(_letter, " ".join(text.split())).lower())
    if _ADJUSTMENT["non_vat_tax"].search(label):
        return None  # a charge (`classify_adjustment`), not the VAT
    if _PRICE_TOTAL.search(label):
        label = _PRICE_WORD.sub("", label).strip()
    if _F["not_total"].search(label) and not _F["after"].search(label):
        # "Total HT avant remise", "Subtotal before discount": the net before the discount, as a subtotal.
        before = _F["before"].search(label) and (_F["total"].search(label) or _F["net"].search(label))
        return TotalLabel("total_excl_tax", _SUBTOTAL_STRENGTH) if before else None
    if _F["earlier"].search(label) and not _F["prepaid"].search(label):
        return None  # the balance of an earlier invoice, carried over or settled
    if _F["due"].search(label):
        if _F["date"].search(label):
            return None
        return _due(label)
    if _F["prepaid"].search(label):
        return None if _F["title"].search(label) else TotalLabel("prepaid", 1.0)  # "Facture d'acompte"
    return _tax_or_total(label)


# Lines between the net and the gross totals ("Remise 10 %", "Frais de port", "Shipping", "Zuschläge",
# "Rundung"): the arithmetic may need them. A cash discount offered for early payment (escompte, Skonto) is a
# condition, not a line of the invoice; an address, date or method of delivery is no amount.
_DISCOUNT = (
    r"\b(?:remises?|rabais|ristournes?|discounts?|rebates?|rabatt\w*|\w*nachlass|abschl[äa]g\w*|allowances?|"
    r"descuentos?|sconto|korting|r[ée]ductions?)\b"
)
# Taxes other than VAT, charged outside its base: a tourist tax, an eco-contribution.
_NON_VAT_TAX = (
    r"\b(?:taxes?\s+de\s+s[ée]jour|tourist\s+tax|city\s+tax|kurtaxe|ortstaxe|tassa\s+di\s+soggiorno|"
    r"tasa\s+tur[íi]stica|toeristenbelasting|[ée]co-?participation|eco-?contribution)\b"
)
_CHARGE = (
    r"\b(?:frais|shipping|freight|postage|port|delivery|livraison|handling|versand\w*|fracht\w*|porto|"
    r"zuschl[äa]g\w*|surcharges?|charges?|env[íi]o|spedizione|verzendkosten|toeslag|rundung|rounding|"
    r"arrondi\w*)\b"
)
_NOT_ADJUSTMENT = (
    r"\b(?:escompte|skonto|early|anticip\w*|avant|before|vor|prior|adresse|address|anschrift|lieu|place|date|datum|d[ée]lai|delay|"
    r"mode|method\w*|conditions?|terms|bedingungen|n[°º]|no\.|number|nummer|prix|price|\w*preis|qt[ée]|qty|"
    r"quantit\w*|menge|rate|taux|code|ref\w*|contact|tel\w*|info\w*)(?!\w)"
)
_ADJUSTMENT = {name: _family(p) for name, p in (
    ("discount", _DISCOUNT), ("charge", _CHARGE), ("not", _NOT_ADJUSTMENT), ("non_vat_tax", _NON_VAT_TAX),
)}  # fmt: skip


@lru_cache(maxsize=4096)
def classify_adjustment(text: str) -> TotalLabel | None:
    """A discount or a charge on the whole invoice ("Remise 10 %", "Frais de port"), or None."""
    words = _words(text)
    if not words or len(words) > _MAX_LABEL_WORDS or any(_CODE.search(word) for word in words):
        return None
    label = " ".join(text.split()).lower()
    if _ADJUSTMENT["non_vat_tax"].search(label):
        return TotalLabel("charge", 1.0, outside_base=True)
    if _ADJUSTMENT["not"].search(label) or _F["after"].search(label) or _F["tax"].search(label):
        return None
    for kind in ("discount", "charge"):
        if _ADJUSTMENT[kind].search(label):
            return TotalLabel(kind, 1.0)
    return None


def _tax_or_total(label: str) -> TotalLabel | None:
    has_total = _F["total"].search(label) is not None
    if _F["included_tax"].search(label) and not _F["not_tax"].search(label):
        return TotalLabel("total_tax", 0.8, weak=True)
    if _F["gross"].search(label):
        return TotalLabel("total_incl_tax", 1.0 if has_total else 0.85)
    if _F["net"].search(label):
        return _net(label, has_total)
    if _F["tax"].search(label):
        return _tax(label, has_total)
    if _F["grand"].search(label):
        return TotalLabel("total_incl_tax", 0.95)
    if _F["bare_total"].search(label):
        return TotalLabel("total_incl_tax", 0.75)  # "Total", "TOTAL USD", "USD Total"
    return None


def _due(label: str) -> TotalLabel:
    """What is to be paid; "Total TTC à payer" is the gross total too, and "Total due" likely is (unless
    something was paid before, which the arithmetic tells)."""
    if _F["gross"].search(label):
        return TotalLabel("amount_due", 1.0, also="total_incl_tax")
    if _F["total_due"].search(label):
        return TotalLabel("amount_due", 1.0, also="total_incl_tax", also_strength=_TOTAL_DUE_GROSS)
    return TotalLabel("amount_due", 1.0)


def _tax(label: str, has_total: bool) -> TotalLabel | None:
    if _F["not_tax"].search(label):
        return None
    if has_total:
        return TotalLabel("total_tax", 1.0)
    if not _F["leading_tax"].search(label):
        return None  # "Forfait taxe de séjour": a line item that mentions a tax
    if _F["rate"].search(label):
        return TotalLabel("total_tax", 0.8, weak=True)  # "TVA 20 %": a VAT row as much as the total
    if len(_words(label)) > 1:
        return TotalLabel("total_tax", 0.7, weak=True)  # "VAT S19": a category's row
    return TotalLabel("total_tax", 0.85)


def _net(label: str, has_total: bool) -> TotalLabel:
    if _F["lines_sum"].search(label):
        return TotalLabel("total_excl_tax", 0.75)
    if _F["subtotal"].search(label):
        return TotalLabel("total_excl_tax", _SUBTOTAL_STRENGTH)
    return TotalLabel("total_excl_tax", 1.0 if has_total else 0.85)


def label_rates(text: str) -> list[str]:
    """The percentages printed in a label ("TVA 20 %" -> ["20"]), as decimal strings."""
    return [m.group(1).replace(",", ".") for m in _PERCENT.finditer(text)]


def is_qualifier(text: str) -> bool:
    """One word saying net or gross ("HT", "TTC", "netto"), which after an amount qualifies it."""
    words = _words(text)
    label = " ".join(words).lower()
    return len(words) == 1 and bool(_F["net"].fullmatch(label) or _F["gross"].fullmatch(label))


def is_tax_qualifier(text: str) -> bool:
    """One tax word alone, maybe with its rate ("TVA", "VAT 20 %", "MwSt"), which after an amount in a row of
    amounts each followed by what it is ("2 889,31 € HT  209,04 € TVA  3 098,35 € TTC") names that amount
    the tax."""
    words = _words(text)
    return len(words) == 1 and bool(_F["tax"].fullmatch(words[0]))


# An aside in brackets: "Net Charges (After Credits/Discounts, excl. Tax)".
_ASIDE = re.compile(r"\([^()]*\)")


def _too_long(text: str, words: tuple[str, ...]) -> bool:
    """More words than a label has, unless the extra ones are an aside in brackets that qualifies a short
    label (the aside still counts for what the label names: "excl. Tax" there says net)."""
    if len(words) <= _MAX_LABEL_WORDS:
        return False
    outside = _words(_ASIDE.sub(" ", text))
    return not outside or len(outside) > _MAX_LABEL_WORDS or len(words) - len(outside) > _MAX_LABEL_WORDS


def is_filler(text: str) -> bool:
    """Text that may stand between a label and its amount: a currency, a rate, punctuation ("EUR", "20 %")."""
    return not _words(text)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _FILLER_WORDS.split(text) if w and any(c.isalpha() for c in w))
