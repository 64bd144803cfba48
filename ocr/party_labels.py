"""The words that introduce the seller and the buyer, their names and their identifiers."""

from __future__ import annotations

import re

from .labels import compile_labels as _compile


def _one(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


IBAN = _compile(r"\biban(?:-nr\.?)?\s*:?")

BIC = _compile(r"\b(?:bic|swift|bic/swift|swift/bic|bic-code|swift-code)\b\s*:?")

SIRET = _compile(r"\bsiret\b\s*(?:n[°º])?\s*:?")

SIREN = _compile(r"\b(?:siren|rcs(?:\s+[a-zà-ÿ\- ]+?)?)\b\s*(?:n[°º])?\s*:?")

VAT_ID = _compile(
    r"\b(?:n[°º]\s*(?:de\s+)?tva(?:\s+intra(?:communautaire)?)?|tva\s+intra(?:communautaire)?|"
    r"vat\s*(?:reg(?:istration)?\.?\s*)?(?:no\.?|nr\.?|number|id)?|ust\.?-?\s*id(?:ent)?\.?-?\s*nr\.?|"
    r"ust-?idnr\.?|tva)\s*:?",
    # Spain, Italy, the Netherlands: "CIF/NIF", "N.I.F.", "P.IVA", "Partita IVA", "BTW-nummer".
    r"\b(?:(?:cif|nif|nie)(?:\s*/\s*(?:cif|nif))?|n\.i\.f\.|c\.i\.f\.|p\.\s?iva|partita\s+iva|"
    r"btw(?:[-\s]?(?:nummer|nr\.?|id|identificatienummer))?|btw-id|iva|n[°º]\s*iva|vat)\b\s*:?",
    # Any tax number label: its value is read only if it has a VAT number's shape (country prefix).
    r"\b(?:steuer-?nr\.?|steuernummer|st\.?-?nr\.?|tax\s+(?:no\.?|number|id)|tin|"
    r"codice\s+fiscale|c\.f\.|fiscaal\s+nummer)\s*:?",
)

NAME = _compile(
    r"^(?:name|nom|raison\s+sociale|company|firma|firmenname|d[ée]nomination|soci[ée]t[ée]|"
    r"nombre|raz[óo]n\s+social|ragione\s+sociale|denominazione|bedrijfsnaam|naam)\s*:?$"
)

# A caption is the role word alone, maybe with a qualifier ("Customer name / company", "Kundendaten"),
# and maybe followed by ":" and the name itself ("Client : Ma jolie boutique").
_QUALIFIER = (
    r"(?:\s*[/&-]?\s*(?:name|nom|company|soci[ée]t[ée]|details?|info(?:rmations?)?|address|adresse|"
    r"coordonn[ée]es|firma|daten|data|datos|dati|gegevens|naam|\(s\)))*"
)
_CAPTION_END = rf"{_QUALIFIER}\s*(?::.*)?$"


def _caption(words: str) -> re.Pattern[str]:
    return _one(rf"^(?:{words})(?:\s*/\s*(?:{words}))?{_CAPTION_END}")


BUYER_SECTION = _caption(
    r"client|factur[ée]\s+[àa]|adress[ée]e?\s+[àa]|destinataire|acheteur|adresse\s+de\s+facturation|"
    r"bill(?:ed)?[\s-]+to|sold\s+to|customer|buyer|invoice(?:d)?\s+to|recipient|"
    r"k[äa]ufer|rechnungsempf[äa]nger|kunde|kunden(?:name|daten)?|leistungsempf[äa]nger|rechnungsadresse|"
    r"auftraggeber|"
    r"cliente|facturar\s+a|destinatario|comprador|"
    r"fatturare\s+a|committente|spett(?:\.le|abile)|intestatario|"
    r"klant|factuuradres|afnemer|gefactureerd\s+aan|koper|debiteur",
)

SELLER_SECTION = _one(
    r"^(?:vendeur|fournisseur|[ée]metteur|prestataire|seller|supplier|vendor|from|issuer|issued\s+by|"
    r"verk[äa]ufer|rechnungsersteller|lieferant|leistungserbringer|"
    r"proveedor|emisor|vendedor|fornitore|cedente|prestatore|emittente|"
    r"leverancier|verkoper|afzender)\b"
    rf"{_QUALIFIER}\s*:?\s*$",
)

OTHER_SECTION = _one(
    r"^(?:adresse\s+de\s+livraison|livr[ée]\s+[àa]|lieu\s+de\s+livraison|ship(?:ped)?\s+to|"
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
    r"cciaa|registro\s+(?:delle\s+)?imprese)\b",
    re.IGNORECASE,
)

# A salutation line over a person's name, or the greeting that opens a letter ("Dear customer,").
SALUTATION = re.compile(
    r"^(?:(?:dear|hello|bonjour|cher|ch[èe]re|sehr\s+geehrte[rn]?|estimad[oa]s?|gentile|geachte)\b|"
    r"(?:herr|frau|monsieur|madame|mademoiselle|m\.|mme|mlle|mr\.?|mrs\.?|ms\.?|miss|dr\.?|"
    r"attn\.?|z\.\s?hd\.?|[àa]\s+l'attention\s+de|sr\.?|sra\.?|sig\.?(?:ra)?|dhr\.?|mevr\.?)\s*:?$)",
    re.IGNORECASE,
)
