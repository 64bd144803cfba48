"""The words invoices put before their values, in French, English, German, Spanish, Italian and Dutch.

Each field lists label patterns strongest first. Patterns are matched case-insensitively against a
phrase; the value is looked for after the match, then to its right, then below it. Labels of OTHER
documents and dates ("N° de commande", "Original invoice", "Date de livraison") are in ocr/decoy_labels.py.
"""

from __future__ import annotations

import re


def compile_labels(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


_compile = compile_labels


# OCR swaps accents ("Nümero", "Numèro"): the caption still names the number. It reads "n.º" as "n.2" too:
# so when another number (not a date) follows ("Factura n.2 9/2025"); else "n.2", "n.15" is "n." glued to it.
_NO = (
    r"(?:n[°ºo]\.?|n\.?º|nr\.?|no\.?|n\.[2*](?=\s+[A-Za-z\-/]*\d)(?!\s+\d{1,2}[/.\-]\d{1,2}[/.\-]\d)|"
    r"n\.(?=[\s\d])|num[éeè]ro|n[úuüù]mero|number|nummer|#)"
)
_INVOICE = r"(?:facture|invoice|rechnung|factura|fattura|factuur)"
_CREDIT = r"(?:avoir|credit\s?note|gutschrift|nota\s+de\s+cr[ée]dito|nota\s+di\s+credito|creditnota)"
# A professional's fee note, a debit note: invoices under other names ("Note d'honoraires n° H2026-145").
_FEE_NOTE = (
    r"(?:note\s+d['’]\s?honoraires|fee\s+note|nota\s+de\s+honorarios|honorarnote|parcella|notula|"
    r"debit\s+note|note\s+de\s+d[ée]bit|nota\s+de\s+d[ée]bito|nota\s+di\s+debito)"
)
_TITLE = rf"(?:{_INVOICE}|{_CREDIT}|{_FEE_NOTE}|\w*rechnung|verkoopfactuur)"
# What a title may add to say which kind it is: credit, down payment, balance, corrective, pro forma.
_TITLE_KIND = (
    rf"(?:(?:d['’]\s?)?{_CREDIT}|d['’]\s?acompte|de\s+solde|rectificative|pro[\s\-]?forma|de\s+abono|"
    r"rectificativa|de\s+anticipo|korrektur|di\s+acconto|correction|"
    # ... or whose side of the sale it is: "Facture de vente", "Factura de venta", "Fattura di vendita".
    r"de\s+vente|client|commerciale|de\s+venta|comercial|di\s+vendita|immediata|differita|accompagnatoria)\b"
)
# Words an ERP sets before its title: "Sales Invoice", "Tax Invoice", "Customer Invoice".
_TITLE_LEAD = r"(?:(?:sales|tax|vat|customer|commercial|final|pro[\s\-]?forma)\s+)"
# What may stand between a document title and its number: "(380)", "Bau", "(Selbst ausgestellte Rechnung)";
# not ordinary words, so "Rechnung gemäß Bestellung Nr. X" does not read as an invoice number.
_QUALIFIERS = r"(?:\s+(?:\([^)]*\)|[A-Za-z]{1,4}\b))*?"

INVOICE_NUMBER = _compile(
    # "Facture n° X", "Rechnung (380) Nr. X", "Invoice number X", "N° de facture X", "Factura nº X",
    # "Numero fattura X", "Factuurnummer X": equally strong, so the first in reading order (the title)
    # wins over a number quoted in a note further down.
    # OCR reads "Nº" as "N2" or "N*"; before an invoice word that is still the number's caption.
    rf"\b(?:(?:{_NO}|n[2*])\s*(?:de\s+)?(?:la\s+)?(?:facture|d'avoir|avoir|invoice|factura|fattura|factuur)|"
    rf"invoice\s*(?:{_NO}|id\b|ref(?:erence)?\b)|inv\.?\s*{_NO}|bill\s*{_NO}|"
    r"r[ée]f(?:[ée]rence|\.)?\s+(?:de\s+(?:la\s+)?)?facture|rechnungsnummer|rechnungs-?nr\.?|factuurnummer|factuur-?nr\.?|"
    # Abbreviated: "RE-Nr.", "Rg.-Nr.", "Rech.-Nr.", "Fact. n°", "Num. fattura".
    rf"(?:re|rg|rech|rechn)\.?-?\s?nr\.?|fact\.\s*{_NO}|num\.\s*(?:fatt(?:ura|\.)|factura|fra\.)|pi[èe]ce\s+n[°º]|"
    rf"num[éeè]ro\s+de\s+facture|{_TITLE}{_QUALIFIERS}\s*{_NO})\s*:?",
    # A title may carry its kind: "Facture avoir", "Facture d'acompte" (its number beside or under it).
    rf"^{_TITLE_LEAD}?{_TITLE}(?:\s+{_TITLE_KIND})?\s*(?:\(\d+\)\s*)?:?",
    r"^n[°ºo]\.?\s*:?",
    # This document's own number in an ERP's words: "Beleg-Nr.", "Document No.", "Numero documento".
    r"\b(?:belegnummer|beleg-?nr\.?|document\s+(?:no\.?|number|#)|numero\s+documento|n\.\s*documento|"
    r"documento\s+(?:n[°º.]|nr\.?|n[úu]m(?:ero|\.)?)|"
    r"doc\.\s*(?:n[°º]|no\.?|nr\.?))\s*:?",
)

# A bare "Numéro :" caption: the invoice's number only in the block of the invoice's dates (beside "Date :",
# "Échéance :"), not under a party's heading ("Verkäufer / Nummer: 549910").
# A bare "Réf. :" there too: a header block "FACTURE / Réf. : 2025-0036 / Date : 26/11/2025" names its own
# reference so (the buyer's is "Votre réf.", "Réf. client": PURCHASE_ORDER).
BARE_NUMBER = _compile(
    # A bilingual caption: "Nr. / No.:", "Numéro / Number".
    r"^(?:num[éeè]ro|n[úuüù]mero|number|nummer|nr\.?)(?:\s*/\s*(?:num[éeè]ro|number|nummer|nr\.?|no\.?|n[°º]))?"
    r"\s*(?::|$)",
    r"^(?:r[ée]f(?:[ée]rence|erenz|erencia|\.)?|referen[cz]ia|riferimento|referentie|kenmerk)\s*(?::|$)",
)

_ISSUED = (
    r"date\s+(?:de\s+)?(?:la\s+)?(?:facture|facturation|d'[ée]mission|d'avoir|de\s+l'avoir)|"
    r"invoice\s+date|date\s+of\s+(?:issue|invoice)|issue\s+date|date\s+issued|issued\s+on|"
    r"billing\s+date|bill\s+date|document\s+date|date\s+du\s+document|datum\s+der\s+rechnung|"
    r"fecha\s+del?\s+documento|date\s+created|creation\s+date|date\s+de\s+cr[ée]ation|erstellungsdatum|"
    r"inv\.?\s+date|"
    r"rechnungsdatum|belegdatum|ausstellungsdatum|"
    r"fecha\s+(?:de\s+)?(?:la\s+)?(?:factura|emisi[óo]n|expedici[óo]n)|"
    r"data\s+(?:della\s+|di\s+)?(?:fattura|emissione|documento)|"
    r"factuurdatum|datum\s+(?:van\s+(?:de\s+)?)?factuur"
)
ISSUE_DATE = _compile(
    rf"\b(?:{_ISSUED})\s*:?",
    # "Rechnung Nr. 471102 vom 05.03.2018", "Facture 12 du 3 mars 2024" (not "commande du ...").
    rf"\b{_TITLE}{_QUALIFIERS}\s*(?:{_NO})?\s*\S*\d\S*\s+(?:vom|du|dated|del|van)\b",
    # Captions opening their phrase, the date right after: "Date : 5/3/2026", "Du 05/03/2025" under the title
    # (a period "du ... au ..." is a decoy), "Émise le", "Issued", "Created"; not "Your order dated ...".
    # ("Date : le 11 janvier 2026": the caption's "le" may stand before the date.)
    r"^(?:(?:date|datum|fecha|data|le)(?:\s*/\s*(?:date|datum|fecha|data))?\s*:?(?=\s*(?:le\s+)?\d|\s*$)|(?:du|vom|del|dated)\s+(?=\d)|"
    rf"(?:{_TITLE}\s+)?(?:[ée]mise?\s+le|[ée]tablie?\s+le|erstellt\s+am|ausgestellt\s+am|dated|issued|"
    # Or the caption alone in its phrase, its date the next one ("Issued: || September 11, 2025").
    r"created(?:\s+on)?)\s*:?(?=\s*(?:\d|[A-Za-zÀ-ÿ]{3,10}\.?\s+\d)|\s*$))",
    # A bare number then "vom": weaker, since it can be a version ("2.3 vom 30.06.2020").
    r"^\S*\d\S*\s+(?:vom|du|dated)\b",
    # A letter's place and date, the date ending its phrase: "Paris, le 5 mars 2026", "Berlin, den 05.03.2026"
    r"^[A-ZÀ-Ý][A-Za-zÀ-ÿ'\-]+(?:[\s\-][A-Za-zÀ-ÿ'\-]+){0,3},\s*(?:(?:le|den|am|el|a|il|op|the)\s+)?"
    r"(?=\d[^,;:]{5,20}$)",
)

# Words of paying, and words of a time limit ("by", "avant le", "bis zum"), in the six languages.
_PAY = (
    r"(?:pay(?:ment|able)?|settle(?:ment)?|remit(?:tance)?|due|"
    r"payer|paiement|payable|r[ée]gler|r[èe]glement|r[ée]glable|"
    r"zah[li]bar|zahlung|zahlen|bezahlen|[üuiï]berweisen|"  # OCR reads "ü" and "l" as "i" too
    r"pagar|pago|pagadero|pagare|pagamento|pagabile|saldare|betalen|betaling|voldoen)"
)
_BY = (
    r"(?:until|till|by|before|no\s+later\s+than|on\s+or\s+before|avant(?:\s+le)?|au\s+plus\s+tard(?:\s+le)?|"
    r"soit(?:\s+le)?|"
    r"jusqu'?(?:au|[àa])|bis(?:\s+(?:zum|sp[äa]testens))?|sp[äa]testens(?:\s+(?:am|bis))?|"
    r"antes\s+del?|hasta(?:\s+el)?|a\s+m[áa]s\s+tardar|entro(?:\s+il)?|prima\s+del|non\s+oltre(?:\s+il)?|"
    r"v[óo][óo]r|uiterlijk(?:\s+op)?|tot)\b"
)
# "January 5, 2027" (a word then a day), not "card 05/12/2026".
_MONTH_DAY = r"[A-Za-zÀ-ÿ]{3,10}\.?\s+\d{1,2}\b(?![/.\-]\d)"
_DATE_NEXT = rf"(?=\s*:?\s*(?:$|\d|{_MONTH_DAY}))"  # a date follows, or the caption ends (its date beside)

DUE_DATE = _compile(
    # (OCR may lose a capital "É" set in a coloured header cell: "ae CHEANCE", a caption still.)
    # "Limite de paiement" says it without "Date" too (which OCR may misread: "late limite de paiement").
    r"\b(?:date\s+d'[ée]ch[ée]ance|[ée]ch[ée]ances?|ch[ée]ance(?=\s*:?\s*$)|(?:date\s+)?limite\s+de\s+(?:r[èe]glement|paiement)|"
    r"[àa]\s+(?:payer|r[ée]gler)\s+(?:avant\s+)?le|(?:payable|r[ée]glable)\s+(?:avant\s+)?le|due\s+date|date\s+due|payment\s+due(?:\s+date)?|"
    r"due\s+(?:on|by)|f[äa]llig(?:keitsdatum|keit|\s+am)?|zahlungsziel|"
    r"zah[li]bar\s+(?:(?:ohne|innerhalb|bis)\b.*?)?bis|"
    r"fecha\s+(?:de\s+)?(?:vencimiento|l[íi]mite\s+de\s+pago)|vencimientos?|"
    r"(?:data\s+(?:di\s+)?)?scadenz[ae]|payment\s+schedule|zahlungsplan|"
    r"vervaldatum|vervaldag|uiterste\s+betaaldatum|(?:te\s+)?betalen\s+(?:voor|v[óo][óo]r))\s*:?",
    # Any payment word, then a word of time limit: "Payment until", "Payable by", "À régler avant le",
    # "Da pagare entro il", "Zu zahlen bis zum". A date or the end of the caption must follow, so that
    # "payable by bank transfer" names no date.
    # Terms may come first: "Paiement à 45 jours, soit au plus tard le", "zahlbar innerhalb 14 Tagen bis".
    # The limit may close the terms in brackets: "Zahlung innerhalb von 7 Tagen ... (bis zum 20.09.2025)".
    # The payment word may be a caption: "Pagamento: bonifico bancario entro il ...".
    rf"\b{_PAY}\s*:?(?:\s+[^\s:]+){{0,8}}?\s+[(\[]?{_BY}{_DATE_NEXT}\s*:?",
    # A time limit named as a noun: "Payment deadline", "Zahlungstermin", "Plazo de pago", "Deadline".
    rf"\b(?:(?:payment|paiement|pago|pagamento)\s+(?:deadline|limit)|deadline|zahlungs(?:termin|frist)|"
    rf"betaaltermijn|(?:plazo|termine|date\s+limite)\s+(?:de|di|del)\s+{_PAY}|"
    # A verb of falling due: "Vence: 24/03/2026", "Zahlbar am 24.03.2026".
    rf"vence(?:\s+el)?|zah[li]bar\s+am){_DATE_NEXT}\s*:?",
    # A bare "Due" caption opening its phrase, a date after it or beside it; "Net 30, due 04/04/2026".
    rf"^due\s*:?{_DATE_NEXT}|\bdue\s*:?(?=\s*(?:\d{{1,2}}[/.\-]\d|\d{{4}}-\d|{_MONTH_DAY}))",
    # A date "of payment" on an invoice not yet paid is when payment is expected; a received payment's date
    # is a decoy (ocr/decoy_labels.py), so this weaker label reads only the rest.
    r"\b(?:payment\s+date|date\s+de\s+(?:r[èe]glement|paiement)|zahlungsdatum|fecha\s+de\s+pago|"
    r"data\s+(?:di\s+)?pagamento|betaaldatum)\s*:?",
)

# A due-date clause wrapped onto the next line of a paragraph: "... Paiement" / "avant le 04/04/2025.".
DUE_WRAPPED_HEAD = re.compile(rf"\b{_PAY}(?:\s+[^\s\d:]+){{0,3}}?\s*$", re.IGNORECASE)
DUE_WRAPPED_TAIL = re.compile(rf"^{_BY}{_DATE_NEXT}\s*:?", re.IGNORECASE)
# Payable when the invoice is received: its due date is its issue date ("Payable à réception", "Due on
# receipt", "Zahlbar sofort", "Pago al contado").
_WHEN_DUE = (
    r"(?:payable|paiement|payment|r[èe]glement|[àa]\s+r[ée]gler|[ée]ch[ée]ance|due(?:\s+date)?|terms|"
    r"zahlbar|f[äa]llig|zahlungsziel|pago|pagadero|vencimiento|pagamento|pagabile|scadenza|betaling|te\s+betalen)"
)
_ON_RECEIPT = (
    r"(?:(?:comptant\s+)?(?:[àa]|d[èe]s)\s+r[ée]ception|(?:up)?on\s+receipt|immediately|imm[ée]diat(?:ement)?|sofort|"
    r"al\s+contado|a\s+la\s+recepci[óo]n|a\s+vista|al\s+ricevimento|bij\s+ontvangst|contant)"
)
DUE_ON_RECEIPT = re.compile(
    # Not "escompte pour paiement comptant": a discount for paying cash names no due date.
    rf"(?<!pour\s)\b(?:{_WHEN_DUE}\s*:?\s*{_ON_RECEIPT}|payable\s+comptant|(?:paiement|r[èe]glement)\s*:\s*comptant|"
    r"sofort\s+(?:f[äa]llig|zahlbar)|direct\s+opeisbaar)\b",
    re.IGNORECASE,
)

PURCHASE_ORDER = _compile(
    # The buyer's own order, named as such: "Votre commande", "Purchase order", "Ihre Bestellung".
    r"\b(?:(?:votre|vos|your|ihre?|su|vostro|uw)\s+(?:(?:n[°º.]*|nr\.?|no\.?|num[éeè]ro|n[úuüù]mero|number)\s*"
    r"(?:de\s+)?)?(?:commande|order|bestell\w*|pedido|ordine|ordernummer|bestelling)|bon\s+de\s+commande|"
    # A French public buyer's order is its legal commitment ("Numéro d'engagement", "EJ"), Chorus Pro's.
    r"(?:n[°º]|num[éeè]ro|r[ée]f[ée]rence)\s+(?:de\s+l['’]\s?|d['’]\s?)engagement(?:\s+juridique)?|"
    r"engagement\s+juridique|customer\s+order(?:\s+(?:number|no\.?|ref(?:erence)?))?|purchase\s+order(?:\s+number)?|"
    r"(?:customer\s+|client\s+)?p\.?o\.?\s*(?:number|no\.?|#|ref(?:erence|\.)?|(?=:))|po-?nummer|"
    r"ihre?\s+auftrags?(?:nummer|-?nr\.?)?|ihre\s+bestellung|your\s+order|"
    r"orden\s+de\s+compra|su\s+pedido|ordine\s+d['’]\s?acquisto|vostro\s+ordine|"
    r"uw\s+(?:bestelling|ordernummer)|inkooporder(?:nummer)?|"
    # The buyer named, not addressed: "Customer PO", "Client order", "Commande client", "Pedido cliente".
    r"(?:customer|client|buyer)(?:'s)?\s+(?:p\.?o\.?(?![a-z])|order)|kundenbestell(?:nummer|ung|-?nr\.?)|"
    r"commande\s+(?:du\s+)?client|pedido\s+(?:del\s+)?cliente|ordine\s+(?:del\s+)?cliente|vs\.?\s+ordine)\s*:?",
    # An order's number, whose order it is unsaid: the buyer's on most invoices that print one.
    r"\b(?:(?:n[°º]|num[éeè]ro)\s+de\s+commande|commande\s+n[°º]|r[ée]f(?:\.|[ée]rence)?\s+(?:de\s+(?:la\s+)?)?commande|"
    r"bestell-?nr\.?|order\s+(?:number|no\.?|reference)|bestell?nummer|bestellung\s+nr\.?|bestellung(?=\s*(?::|$))|"
    r"(?:n[°º.]*|n[úuüù]mero)\s+(?:de\s+)?pedido|pedido\s+n[°º.]*|"
    r"(?:n\.?|nr\.?|numero)\s+ordine|ordine\s+(?:n\.?|nr\.?|numero)|rif\.?\s+ordine|ordernummer|order\s+(?:id\b|#)|"
    # A bare "Order:" / "Pedido:" caption, its value after it or in the next column.
    r"^order(?=\s*(?::|$))|^pedido(?=\s*(?::|$)))\s*:?",
    # A reference the buyer gave ("Votre réf.", Dolibarr's "Réf. client", "Kundenreferenz"): often the order.
    r"\b(?:votre\s+r[ée]f(?:[ée]rence|\.)?|your\s+ref(?:erence|\.)?|ihre\s+referenz|ihr\s+zeichen|su\s+referencia|"
    r"vostro\s+riferimento|uw\s+referentie|r[ée]f(?:[ée]rence|\.)?\s+(?:du\s+)?client|kundenreferenz|"
    r"(?:customer|client)(?:'s)?\s+ref(?:erence|\.)?|ref(?:\.|erencia)?\s+(?:del\s+)?cliente|"
    r"rif(?:\.|erimento)?\s+(?:del\s+)?cliente|ref\.?\s+klant|klantreferentie)\s*:?",
    # "Bestellung X" without a colon: an order the seller's software links, the buyer's only failing a surer
    # label (a caption, "Bestellung:" or alone before its column, is like "Bestellnummer:").
    r"\bbestellung\b\s*:?",
)

PAYMENT_TERMS = _compile(
    r"\b(?:conditions\s+de\s+(?:paiement|r[èe]glement)|payment\s+terms|terms\s+of\s+payment|"
    r"zahlungsbedingungen|condiciones\s+de\s+pago|condizioni\s+di\s+pagamento|betalingsvoorwaarden)\s*:?",
)

CURRENCY = _compile(
    r"\b(?:devise\s+de\s+facturation|invoice\s+currency|rechnungsw[äa]hrung)\b\s*:?",
    r"\b(?:devise|monnaie|currency|w[äa]hrung|betr[äa]ge\s+in|moneda|divisa|valuta|munteenheid)\b\s*:?",
    # "Montants exprimés en euros", "All amounts in Swiss francs", "Importes en euros".
    r"\b(?:montants?\s+(?:sont\s+)?(?:exprim[ée]s\s+)?en|amounts?\s+(?:are\s+)?(?:stated\s+|shown\s+)?in|"
    r"importes\s+(?:expresados\s+)?en|importi\s+(?:espressi\s+)?in|bedragen\s+(?:zijn\s+)?in)\b",
)

# A word of amounts right before a currency code names the document's currency: "Amount USD", "TOTAL (EUR)".
AMOUNT_BEFORE_CODE = re.compile(
    r"\b(?:(?:sub-?)?total|amount|montant|net|gross|balance|due|ht|ttc|prix|price|betrag|summe|gesamt\w*|"
    r"preis|importe|precio|importo|totale|prezzo|bedrag|totaal|prijs)\b[\s:.(]*(?:(?:in|en)\s+)?\(?$",
    re.IGNORECASE,
)
# Words only a French invoice prints: two of them and no currency printed at all make it an invoice in euros.
FRENCH_INVOICE_WORDS = _compile(
    r"\bfacture\b",
    r"\btva\b",
    r"\b[ée]ch[ée]ance\b",
    r"\bmontant\b",
    r"\b(?:HT|TTC)\b",
    r"\br[èe]glement\b|\bnet\s+[àa]\s+payer\b",
)

# Column headings of a header row ("Invoice No. | Date | Due date"): there a bare word names the column.
HEADINGS: dict[str, tuple[re.Pattern[str], ...]] = {
    # "N° / Nr.", OCR's "N°/ Nr.": a bilingual heading's slash ends the first word.
    "invoice_number": _compile(rf"\b{_INVOICE}\b", rf"(?<!\w){_NO}(?=\s|:|/|$)"),
    "issue_date": _compile(r"\b(?:date|datum|fecha|data)\b\s*:?"),
    # An ERP's "Origin" / "Source Document" column: the order the invoice was made from.
    "purchase_order": _compile(
        r"\b(?:origine|origin|source\s+document|document\s+d'origine|herkunft|origen)\b"
    ),
}

DOCUMENT_TITLE = re.compile(
    rf"^(?:{_TITLE_LEAD}?{_TITLE}|facture\s+d'acompte|devis|re[çc]u|page\b)", re.IGNORECASE
)
CREDIT_NOTE_TITLE = re.compile(
    r"\b(?:avoir|credit\s?note|gutschrift|note\s+de\s+cr[ée]dit|nota\s+de\s+cr[ée]dito|nota\s+di\s+credito|"
    r"creditnota)\b",
    re.IGNORECASE,
)
