"""The words that introduce the seller and the buyer, their names and their identifiers."""

from __future__ import annotations

import re

from .labels import compile_labels as _compile


def _one(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


IBAN = _compile(
    r"\b(?:iban(?:-nr\.?)?|i\.b\.a\.n\.?)\s*:?",
    # The account's own caption, the IBAN printed after it ("Bank account: GB02NWBK6016...").
    r"\b(?:bank\s+account(?:\s+(?:no\.?|number))?|compte\s+bancaire|num[ée]ro\s+de\s+compte|kontonummer|"
    r"bankverbindung|conto\s+corrente|cuenta\s+bancaria|rekeningnummer)\s*:?",
)

BIC = _compile(r"\b(?:(?:bic|swift|bic/swift|swift/bic|bic-code|swift-code)\b|b\.i\.c\.?)\s*:?")

# Whose number a label announces, when it says so after the number's name ("SIREN client", "SIRET du
# fournisseur"); which party it is comes from these words (party_sections.role_of).
_WHOSE = (
    r"(?:\s+(?:du\s+|de\s+l['’]\s*)?(?:client|acheteur|fournisseur|vendeur|prestataire|[ée]metteur|"
    r"destinataire|customer|buyer|seller|supplier))?"
)

SIRET = _compile(rf"\bsiret\b{_WHOSE}\s*(?:n[°º])?\s*:?")

# "RCS Lyon", "R.C.S. Lyon B": the register's abbreviation with or without its dots.
SIREN = _compile(rf"\b(?:siren\b{_WHOSE}|r\.?c\.?s(?:\.?\s+[a-zà-ÿ\- ]+?)?\b)\.?\s*(?:n[°º])?\s*:?")

VAT_ID = _compile(
    r"\b(?:n[°º]\s*(?:de\s+)?tva(?:\s+intra(?:-?comm?(?:unautaire)?\.?)?)?|tva\s+intra(?:-?comm?(?:unautaire)?\.?)?|"
    r"vat\s*(?:reg(?:istration)?\.?\s*)?(?:no\.?|nr\.?|number|id)?|ust\.?-?\s*id(?:ent)?\.?-?\s*nr\.?|"
    r"ust-?idnr\.?|uid(?:-?nr\.?|-?nummer)?|tva)\s*:?",
    # Spain, Italy, the Netherlands: "CIF/NIF", "N.I.F.", "P.IVA", "Partita IVA", "BTW-nummer".
    r"\b(?:(?:cif|nif|nie)(?:\s*/\s*(?:cif|nif))?|n\.i\.f\.|c\.i\.f\.|p\.\s?iva|partita\s+iva|"
    r"btw(?:[-\s]?(?:nummer|nr\.?|id|identificatienummer))?|btw-id|iva|n[°º]\s*iva|vat)\b\s*:?",
    # Any tax number label: its value is read only if it has a VAT number's shape (country prefix).
    r"\b(?:steuer-?nr\.?|steuernummer|st\.?-?nr\.?|tax\s+(?:no\.?|number|id)|tin|"
    r"codice\s+fiscale|c\.f\.|fiscaal\s+nummer)\s*:?",
)

_NAME_WORDS = (
    r"(?:name|nom|raison\s+sociale|company|firma|firmenname|d[ée]nomination|soci[ée]t[ée]|"
    r"nombre|raz[óo]n\s+social|ragione\s+sociale|denominazione|bedrijfsnaam|naam)"
)
NAME = _compile(rf"^{_NAME_WORDS}\s*:?$")
# The label and the name in one phrase, as a form prints them: "Denominazione: Tipografia Rossi S.r.l.".
NAME_WITH_VALUE = _one(rf"^{_NAME_WORDS}\s*:\s*\S")

# A caption is the role word alone, maybe with a qualifier ("Customer name / company", "Kundendaten"),
# and maybe followed by ":" and the name itself ("Client : Ma jolie boutique").
_QUALIFIER = (
    r"(?:\s*[/&-]?\s*(?:name|nom|company|soci[ée]t[ée]|details?|info(?:rmations?)?|address|adresse|"
    r"coordonn[ée]es|firma|daten|data|datos|dati|gegevens|naam|\(s\)))*"
)
_CAPTION_END = rf"{_QUALIFIER}\s*(?::.*)?$"


# "Datos del cliente", "Données client", "Nom du client": the qualifier may come first.
_LEADING_QUALIFIER = (
    r"(?:(?:datos|dati|donn[ée]es|coordonn[ée]es|informations?|gegevens|details?|angaben|"
    r"nom|nombre|nome|name|naam)"
    r"(?:\s+(?:del|de\s+la|de\s+l'|du|de|dello|della|van\s+de|of\s+the|zum|des))?\s+)?"
)
# A bilingual caption: the role word, then its translation after a slash ("Destinataire / Consignee").
# Then maybe a gloss in brackets: "Cedente/prestatore (fornitore)", "Cessionario/committente (cliente)".
_TRANSLATION = r"(?:\s*/\s*[^\W\d][\w'-]*(?:\s+[^\W\d][\w'-]*)?)?(?:\s*\([^\W\d][\w' -]*\))?"


def _caption(words: str) -> re.Pattern[str]:
    return _one(rf"^{_LEADING_QUALIFIER}(?:{words})(?:\s*/\s*(?:{words}))?{_TRANSLATION}{_CAPTION_END}")


BUYER_SECTION = _caption(
    r"client|factur(?:er|[ée])\s+[àa]|adress[ée]e?\s+[àa]|destinataire|acheteur|adresse\s+de\s+facturation|"
    r"vendu\s+[àa]|bill(?:ed)?[\s-]+to|sold\s+to|customer|buyer|invoice(?:d)?\s+to|recipient|"
    r"k[äa]ufer|rechnungsempf[äa]nger|kunde|kunden(?:name|daten)?|leistungsempf[äa]nger|rechnungsadresse|"
    r"auftraggeber|purchaser|facturation|"
    # The other half of a "De / Pour" (From / For) pair of blocks.
    r"pour|for|f[üu]r|para|aan|"
    r"cliente|facturar\s+a|destinatario|comprador|"
    r"fatturare\s+a|committente|cessionario|spett(?:\.le|abile)|intestatario|"
    r"klant|factuuradres|afnemer|gefactureerd\s+aan|koper|debiteur|"
    # Who a rental or building works are invoiced to: the tenant, the project owner.
    r"locataire|preneur|lessee|tenant|hirer|mieter|arrendatario|conduttore|locatario|huurder|"
    r"ma[îi]tre\s+d['’]ouvrage|bauherr(?:in)?|promotor|propietario\s+de\s+la\s+obra|opdrachtgever",
)

# Who sold the goods when a marketplace prints the invoice on the seller's behalf ("Vendu par", "Sold by").
_SOLD_BY = (
    r"vendu\s+par|sold\s+by|verkauft\s+(?:von|durch)|vendido\s+por|venduto\s+da|verkocht\s+door|"
    r"[ée]mise?\s+par|fourni\s+par|supplied\s+by|factur[ée]e?\s+par|billed\s+by|invoiced\s+by|"
    r"emitida\s+por|emessa\s+da"
)
SOLD_BY = _one(rf"^(?:{_SOLD_BY})\s*:?\s+(?=\S)")

SELLER_SECTION = _one(
    r"^(?:vendeur|fournisseur|[ée]metteur|prestataire|seller|supplier|vendor|from|issuer|issued\s+by|"
    rf"(?:service\s+)?provider|{_SOLD_BY}|"
    # The bare preposition of a "De / Pour" (From / For) pair of blocks; capitalised, as "DE" is a country.
    r"(?-i:De|DE\s*:|Von|Van|Da)|"
    r"verk[äa]ufer|rechnungsersteller|lieferant|leistungserbringer|"
    r"proveedor|emisor|vendedor|fornitore|cedente|prestatore|emittente|"
    r"leverancier|verkoper|afzender)\b"
    # A bilingual or doubled caption: "Cedente/prestatore", "Seller / Verkäufer".
    rf"{_QUALIFIER}{_TRANSLATION}\s*:?\s*$",
)

OTHER_SECTION = _one(
    r"^(?:adresse\s+de\s+livraison|livraison\s*:?\s*$|livr[ée]\s+[àa]|lieu\s+de\s+livraison|ship(?:ped)?\s+to|"
    r"deliver(?:y|ed)?\s+(?:address|to)|shipping\s+address|abweichender|steuerbevollm[äa]chtigter|"
    r"warenempf[äa]nger|lieferanschrift|lieferadresse|direcci[óo]n\s+de\s+(?:entrega|env[íi]o)|enviar\s+a|"
    r"indirizzo\s+di\s+(?:consegna|spedizione)|destinazione\s+merce|afleveradres|leveradres|"
    r"verzendadres|zahlungsempf[äa]nger|payee)\b",
)

BUYER_HINT = re.compile(
    r"\b(?:client|customer|buyer|acheteur|kunde|kunden|k[äa]ufer|votre|your|ihre|cliente|klant|afnemer|"
    r"destinatario|committente|comprador|uw)\b",
    re.IGNORECASE,
)

LEGAL_MENTION = re.compile(
    r"\b(?:capital|r\.?c\.?s\.?|siret|siren|ape|naf|hrb|hra|handelsreg\w*|registergericht|amtsgericht|"
    r"gesch[äa]ftsf[üu]hrer|company\s+registration|registered\s+(?:office|in)|company\s+no|"
    r"kvk|k\.v\.k\.|kamer\s+van\s+koophandel|registro\s+mercantil|capitale\s+sociale|r\.?e\.?a\.?|"
    r"cciaa|registro\s+(?:delle\s+)?imprese|"
    # Company registers elsewhere: UK, Switzerland, Austria, the Nordics, Poland, Czechia, Belgium.
    r"company\s+(?:number|registration\s+(?:no|number))|registered\s+(?:number|no)|companies\s+house|"
    r"uid|che-\d{3}|firmenbuch\w*|org\.?\s?nr|organisationsnummer|cvr|y-tunnus|krs|regon|"
    r"i[čc]o(?=\s*:?\s*\d)|ondernemingsnummer)\b",
    re.IGNORECASE,
)

# A salutation line over a person's name, or the greeting that opens a letter ("Dear customer,").
SALUTATION = re.compile(
    r"^(?:(?:dear|hello|bonjour|cher|ch[èe]re|sehr\s+geehrte[rn]?|estimad[oa]s?|gentile|geachte)\b|"
    r"(?:herr|frau|monsieur|madame|mademoiselle|m\.|mme|mlle|mr\.?|mrs\.?|ms\.?|miss|dr\.?|"
    r"attn\.?|z\.\s?hd\.?|[àa]\s+l'attention\s+de|sr\.?|sra\.?|sig\.?(?:ra)?|dhr\.?|mevr\.?)\s*:?$)",
    re.IGNORECASE,
)

# Words of field labels and table headings ("Date", "Invoice date", "Unit price", "Total amount due"): a
# phrase made of nothing else is a heading, never a name. Role captions ("Client", "Customer") are not here.
_HEADING_WORD = _one(
    r"date|datum|fecha|data|invoice|facture|rechnung|factura|fattura|factuur|page|seite|pagina|p[áa]gina|"
    r"total|totaal|totale|gesamt|summe|sum|sous-total|sub-?total|zwischensumme|"
    r"description|d[ée]signation|descriptif|libell[ée]|beschreibung|bezeichnung|descripci[óo]n|descrizione|"
    r"omschrijving|quantity|qty|quantit[ée]|qt[ée]|menge|anzahl|cantidad|cant|quantit[àa]|aantal|"
    r"amount|montant|betrag|importe|importo|bedrag|price|prix|preis|precio|prezzo|prijs|rate|taux|"
    r"d[ée]tails?|details?|informations?|dettagli|detalles|einzelheiten|"
    r"unit|unit[ée]|einheit|unidad|unit[àa]|eenheid|item|items|article|artikel|articolo|art[íi]culo|"
    r"reference|r[ée]f[ée]rence|ref|r[ée]f|referenz|referencia|riferimento|referentie|"
    r"number|num[ée]ro|nummer|n[úu]mero|no|nr|n|tax|vat|tva|mwst|ust|iva|btw|ht|ttc|net|gross|brut|"
    r"brutto|netto|balance|solde|due|[ée]ch[ée]ance|hours|heures|stunden|discount|remise|rabatt|pos|"
    r"position|code|status|terms|conditions|payment|paiement|zahlung|period|p[ée]riode|zeitraum|order|"
    r"commande|bestellung|of|de|du|des|la|le|per|par|in|en|pro|je|and|et|und|excl|incl|inkl|hors|eur|usd|gbp|chf"
)
_HEADING_EDGES = "().:#-°%*|,;"


def is_heading(text: str) -> bool:
    """A field label or a table heading alone ("Date", "Invoice date", "Unit price", "Qté", "N°")."""
    words = [w.strip(_HEADING_EDGES).replace(".", "") for w in re.split(r"[\s/&]+", text)]
    words = [w for w in words if w]
    return bool(words) and all(_HEADING_WORD.fullmatch(w) for w in words)


# Legal forms that close (or open) a company's name, by country. The short upper-case ones ("SA", "AG",
# "AB", "AS", "SE") are read case-sensitively: in lower case they are ordinary words ("as", "se").
LEGAL_FORM = (
    r"SARL|SASU|SAS|EURL|SNC|SCI|SCOP|SCS|SELARL|SELAS|S\.A\.R\.L\.|S\.A\.S\.|S[àa]rl|S\.\s?[àa]\s?r\.\s?l\.|"
    r"GmbH(?:\s*&\s*Co\.?\s*KG)?|mbH|KGaA|OHG|GbR|e\.\s?K\.|e\.\s?V\.|"
    r"Ltd\.?|Limited|LLC|L\.L\.C\.|Inc\.?|Incorporated|Corp\.?|Corporation|PLC|LLP|Pty\.?(?:\s+Ltd\.?)?|"
    r"S\.L\.U?\.?|S\.A\.U?\.?|S\.?r\.?l\.?s?|S\.?p\.?A\.?|Sagl|S\.n\.c\.|S\.a\.s\.|B\.V\.|BVBA|SPRL|SRL|"
    r"N\.V\.|V\.?O\.?F\.?|Sp\.\s?z\s?o\.\s?o\.?|sp\.\s?j\.|Oyj?|ApS|A/S|ASA|Kft\.?|Zrt\.?|Nyrt\.?|"
    r"s\.\s?r\.\s?o\.|a\.\s?s\.|d\.\s?o\.\s?o\.|Lda\.?|Ltda\.?|"
    r"(?-i:SA|AG|KG|UG|SL|SLU|BV|NV|AB|AS|SE|CV|LP|OG|KB|HB)"
)

# Where the seller's name is printed for the payment: the bank account's holder, the payee of a cheque or
# a Swiss QR bill ("Konto / Zahlbar an"). A factor may hold the account, so this is evidence, not proof.
PAYEE = _one(
    r"^(?:(?:bank\s+)?account\s+(?:holder|name|owner)|name\s+of\s+(?:the\s+)?account\s+holder|beneficiary|"
    r"(?:make\s+(?:all\s+)?)?(?:checks|cheques)\s+(?:are\s+)?payable\s+to|payable\s+to|pay\s+to|"
    r"(?:account|konto|compte|conto)\s*/\s*(?:payable\s+to|zahlbar\s+an|payable\s+[àa]|pagabile\s+a)|"
    r"kontoinhaber(?:in)?|zahlbar\s+an|zugunsten(?:\s+von)?|"
    r"titulaire(?:\s+du\s+compte)?|b[ée]n[ée]ficiaire|(?:ch[èe]ques?\s+)?(?:payable\s+)?[àa]\s+l'ordre\s+de|"
    r"payable\s+[àa]|titular(?:\s+de\s+la\s+cuenta)?|beneficiario|intestatario(?:\s+del\s+conto)?|"
    r"intestato\s+a|pagabile\s+a|rekeninghouder|ten\s+name\s+van|t\.n\.v\.)\s*:?",
)
# The debtor's name on a QR bill or a slip ("Zahlbar durch", "Payable par").
PAYER = _one(r"^(?:payable\s+by|zahlbar\s+durch|payable\s+par|pagabile\s+da)\s*:?")
# The part of the page the buyer tears off and sends back with the payment.
SLIP_TITLE = _one(
    r"\b(?:payment\s+(?:advice|slip|stub|coupon)|remittance(?:\s+(?:advice|slip|stub))?|"
    r"(?:detach|return)\s+(?:this|and\s+return)|avis\s+de\s+(?:paiement|r[èe]glement)|"
    r"talon\s+(?:de\s+paiement|[àa]\s+(?:joindre|retourner|d[ée]tacher))|bulletin\s+de\s+versement|"
    r"zahlungsavis|zahlschein|empfangsschein|zahlteil|r[ée]c[ée]piss[ée]|section\s+paiement|"
    r"ricevuta|sezione\s+pagamento|betaalstrook|acceptgiro)\b"
)
# On a slip, the seller is who the payment goes "To:", the buyer who it comes "From:".
SLIP_TO = _one(r"^(?:to|[àa]|an|aan|pay\s+to)\s*:")
SLIP_FROM = _one(r"^(?:from|de|von|van)\s*:?")

# A label that announces a number or a date ("Business partner no.", "Kundennummer", "Leitwege-ID",
# "N° TVA client", "Lieferdatum"): never a name, and no name is beside it.
LABEL_SHAPE = _one(
    r"(?:nummer|datum)$|(?:^|[\s-])(?:number|num[ée]ro|n[úu]mero|date|nr\.?|no\.?|n[°º]\.?|id|#)$|"
    r"^(?:n[°º]\.?|no\.|nr\.?)\s"
)
