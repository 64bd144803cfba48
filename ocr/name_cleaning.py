"""What is not part of a company name: addresses, contact details, titles and placeholders printed with it.

Headers and return-address lines glue the name to the rest of the identity ("Acme Ltd. • 42 Milky Way •
Faraway", "Acme GmbH Europa-Allee 1 60486 Frankfurt", "LOGO Dupont SARL"); the name is the part before
the first piece that has the shape of an address, a phone number, an e-mail or a web address.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from babel import Locale

from . import party_labels

# Street words of the languages invoices come in, as whole words ("12 rue de la Paix", "Via Roma 3").
_STREET_WORD = (
    r"rue|avenue|av\.|bd|boulevard|chemin|all[ée]e|place|impasse|quai|route|cours|faubourg|square|"
    r"street|st\.?|road|rd\.?|lane|drive|way|blvd|court|suite|"
    r"stra(?:ß|ss)e|weg|platz|gasse|"
    r"calle|c/|avenida|avda\.?|plaza|paseo|via|viale|piazza|corso|largo|"
    r"straat|laan|plein|gracht|kade|singel"
)
# German and Dutch write the street word glued to the street's name ("Lieferantenstraße", "Europa-Allee").
# OCR reads "ß" as "B", "R", "k", "f" or "fi" ("Lieferantenstrake", "Kundenstrafe 15").
_STREET_SUFFIX = (
    r"(?:str(?:a(?:ß|ss|[bkrf]|fi)?e|\.)|allee|weg|platz|gasse|damm|straat|laan|plein|gracht|kade)"
)

_STREET = re.compile(
    rf"(?:\b\d+\s?[a-zA-Z]?,?\s+(?:{_STREET_WORD})(?!\w)"  # "12 rue", "42 Milky Way" is caught below
    rf"|(?:^|(?<=[\s,]))[^\s\d,]*?{_STREET_SUFFIX}(?:\.?\s*,?\s*\d|\.?\s*$)"  # "Europa-Allee 1"
    rf"|\b(?:{_STREET_WORD})\s+[^\W\d][\w'-]*(?:\s+[^\W\d][\w'-]*){{0,3}}\s*,?\s*\d+"  # "Via Roma 3"
    rf"|\b\d+[a-z]?\s+(?:[^\W\d][\w'-]*\s+){{1,3}}(?:{_STREET_WORD})(?!\w)"  # "42 Milky Way"
    r"|\b(?:b\.?p\.?|cs|postfach|p\.?\s?o\.?\s+box|apartado)\s+\d"
    # A rural or business-park locality opens an address with no street number ("Lieu-dit La Brosse").
    r"|^(?:lieu-?dit|hameau|zone\s+(?:artisanale|industrielle|commerciale|d'activit[ée]s)|"
    r"parc\s+d'activit[ée]s|pol[íi]gono(?:\s+industrial)?|gewerbegebiet|localit[àa]|frazione|"
    # "c/o Florian Moser" (care of), its slash read as an "l" by OCR: an address line, never a name.
    r"(?-i:c/o|C/O|clo))\s+\w)",
    re.IGNORECASE,
)
# A quantity and its unit read like a postcode and a town ("Messagerie 2093 kg", "27138 kWh"): no town is
# called that.
NOT_A_TOWN = (
    r"(?!(?i:kgs?|km|kwh|mwh|kva|kw|m[23²³]|ml|cl|litres?|liters?|tonnes?|heures?|hrs?|jours?|days?|"
    r"pcs|pi[èe]ces?|unit[ée]s?|units?|st[üu]ck|stk|std)\b)"
)
_POSTCODE_TOWN = re.compile(
    rf"(?:^|\s)(?:[A-Z]{{1,2}}[- ]?)?\d{{4,5}}(?:-\d{{3,4}})?\s+{NOT_A_TOWN}[^\W\d]{{2,}}"  # "75008 Paris"
    r"|\b\d{4}\s?[A-Z]{2}\s+[^\W\d]{2,}"  # "1012 AB Amsterdam"
)
_CONTACT = re.compile(
    r"(?:\b(?:t[ée]l(?:[ée]phone)?|tel|phone|fon|telefon|fax|mob(?:ile)?|portable|e-?mail|mail|courriel|"
    r"web|site|internet)\b\s*[.:]|@|\bwww\.|https?:|\+\d{2}|\(\d{1,4}\)\s*\d|"
    # A phone word straight before its number, no colon ("Tél 04 38 91 84 10", "Tel 01 22 31 56 03").
    r"\b(?:t[ée]l(?:[ée]phone)?|tel|phone|fon|telefon|fax|mob(?:ile)?|portable)\.?\s+\+?\d)",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(
    r"[\[(<]?\b(?:(?:your|votre|ihr|uw|su|il\s+tuo)\s+)?(?:logo|logotype)(?:\s+(?:here|ici|hier))?\b[\])>]?",
    re.IGNORECASE,
)
# Words that qualify a document title ("FACTURE SIMPLIFIEE", "Invoice copy", "Fattura differita"): part of
# the title, never the start of a name.
_TITLE_QUALIFIER = (
    r"simplifi[ée]e|rectificative|acquitt[ée]e|d[ée]finitive|originale?|duplicata|copie|copy|original|"
    r"pro[\s-]?forma|d'acompte|de\s+solde|provisoire|corrective|corrected|final|interim|summary|"
    r"differita|immediata|semplificata|simplificada|rectificativa|vereinfacht|korrigiert"
)
_TITLE = re.compile(
    r"^(?:facture|invoice|rechnung|factura|fattura|factuur|avoir|credit\s+note)\b"
    rf"(?:\s+(?:{_TITLE_QUALIFIER})(?!\w))*\s*|"
    # A title and its number set on the name's line ("Fonderies d'Ardèche Facture n° INV-AA3B-9787").
    r"\s*\b(?:facture|invoice|rechnung|factura|fattura|factuur)(?:\s+(?:n[°º]|no\.?|nr\.?|#)\s*\S+)?$",
    re.IGNORECASE,
)
# The share capital a legal mention states after the name ("Dupont SARL au capital de 10 000 €").
_CAPITAL = re.compile(
    r"(?<=[\w.)])[\s,]+(?:au\s+capital|(?:with\s+(?:a\s+)?)?share\s+capital|capital\s+social|"
    r"capitale\s+sociale|con\s+capitale|con\s+capital|mit\s+(?:einem\s+)?stammkapital)\b.*$",
    re.IGNORECASE,
)
_NAME_WITH_FORM = re.compile(rf"\w.*\s(?:{party_labels.LEGAL_FORM})$", re.IGNORECASE)


def _without_capital(name: str) -> str:
    """A name closed by its legal form, before the capital the mention states: not the legal form spelled
    out alone ("Société par actions simplifiée au capital de ...")."""
    head = _CAPITAL.sub("", name)
    if head == name or not _NAME_WITH_FORM.match(head) or _ONLY_FORM_WORDS.match(head):
        return name
    return head


# Lower-case words after the first: a legal form spelled out ("Société par actions simplifiée").
_ONLY_FORM_WORDS = re.compile(r"^\S+(?:\s+[a-zà-ÿ]\S*)+$")


# Pieces of a one-line identity: "Name • street • town", "Name | tel", "Name - street", "Name, street".
_SEPARATOR = re.compile(r"\s+[•·|+*–—-]\s+|\s*[•·|]\s*|,\s+")
_EDGES = " \t•·|*–—-:;,/\\"


_US_TOWN_LINE = re.compile(
    r"^[^\W\d][\w' .-]*,\s*[A-Z]{2},?\s+\d{5}(?:-\d{4})?(?:,?\s+[A-Z]{2,3})?$"
)  # "Company Town, ST 12345"
# Towns whose postcode follows them with letters in it: "London WC2B 6XF", "Toronto, ON M5V 2T6".
_LETTER_POSTCODE_LINE = re.compile(
    r"^(?:[^\W\d][\w' .-]*,?\s+)?(?:[A-Z]{2}\s+)?"  # the town, maybe a province code
    r"(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)$"  # British or Canadian postcode
    # Or the British postcode first, as some software prints it: "LS1 4DY Leeds".
    r"|^[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\s+[^\W\d][\w' .-]*$"
)


@lru_cache(maxsize=4096)
def is_address_line(text: str) -> bool:
    """A line that starts with a street, a postcode and town, or a post box: never a name."""
    text = text.strip(_EDGES)
    return is_town_line(text) or _address_start(text) == 0


def is_town_line(text: str) -> bool:
    """A town with a postcode written after it, the English way ("Portland, OR 97201", "London WC2B 6XF")."""
    text = text.strip(_EDGES)
    return bool(_US_TOWN_LINE.match(text) or _LETTER_POSTCODE_LINE.match(text))


def _address_start(text: str) -> int | None:
    starts = [m.start() for pattern in (_STREET, _POSTCODE_TOWN) if (m := pattern.search(text))]
    return min(starts, default=None)


@lru_cache(maxsize=4096)
def clean_name(text: str) -> str:
    """The name at the head of `text`, without what is glued to it (may return an empty string)."""
    name = _PLACEHOLDER.sub(" ", text)
    name = " ".join(name.split())
    pieces = _SEPARATOR.split(name)
    if len(pieces) > 1 and any(_is_identity_detail(p) for p in pieces[1:]):
        name = pieces[0]
    name = _before_address(name)
    name = _without_capital(name)
    name = _TITLE.sub("", name)
    return _without_sold_by(_without_payee_caption(name.strip(_EDGES)))


def _without_sold_by(name: str) -> str:
    """ "Vendu par Atelier des Lilas SARL", "Sold by Acme Ltd": a marketplace's caption before the seller."""
    caption = party_labels.SOLD_BY.match(name)
    return name if caption is None else name[caption.end() :].strip(_EDGES)


def _without_payee_caption(name: str) -> str:
    """ "Payable à l'ordre de Lucía Fernández EI — SIRET ...": the caption of the payee is no part of it."""
    caption = party_labels.PAYEE.match(name)
    ends = caption is not None and (caption.group()[-1:] in (":", " ") or name[caption.end() :][:1].isspace())
    if caption is None or not ends:
        return name
    return name[caption.end() :].strip(_EDGES)


# A legal form closing a name, its "l" read as a capital "I" by OCR ("Plomberie Gagnon Itée"): "Itée" is
# no word, "ltée" (limitée) is the form.
_MISREAD_FORM = re.compile(r"(?<=\s)I(t[ée]e\.?)$")


# An "l" in the closing form read as a bar ("S.r.|.", "|td"): no form is written with one.
_BAR_IN_FORM = re.compile(r"(?<=\s)(\S*[A-Za-z.]\S*)$")


# The forms "EI" (entrepreneur individuel) and "plc" closing a name, their "I" or "l" read as the other
# letter by OCR ("Mathieu Roux El", "Ashdown Consulting pic"): no name ends in the Spanish article "El",
# and "pic" (a peak) closing a name follows an article or a preposition ("Auberge du pic").
_MISREAD_EI = re.compile(r"(?<=\w\s)El$")
_MISREAD_PLC = re.compile(r"(?<=\w\s)pic$")
_PEAK_BEFORE = re.compile(r"\b(?:du|le|au|de|del|of|the|la)\s+pic$", re.IGNORECASE)


def _closing_letters_read_right(name: str) -> str:
    name = _MISREAD_EI.sub("EI", name)
    return name if _PEAK_BEFORE.search(name) else _MISREAD_PLC.sub("plc", name)


def with_form_read_right(name: str) -> str:
    """`name` with the legal form closing it spelled as printed when OCR misread one of its letters."""
    name = _closing_letters_read_right(_MISREAD_FORM.sub(r"l\1", name))
    return _BAR_IN_FORM.sub(lambda m: m.group(1).replace("|", "l"), name) if "|" in name else name


def has_contact(text: str) -> bool:
    """A phone number, an e-mail or a web address."""
    return bool(_CONTACT.search(text))


def _is_identity_detail(piece: str) -> bool:
    return bool(_address_start(piece) is not None or _CONTACT.search(piece) or re.search(r"\d{3,}", piece))


def _before_address(name: str) -> str:
    """Cut where an address or contact detail starts ("Acme GmbH Europa-Allee 1 60486 Frankfurt")."""
    starts = [_address_start(name), (m.start() if (m := _CONTACT.search(name)) else None)]
    cut = min((s for s in starts if s is not None), default=len(name))
    head = name[:cut].strip(_EDGES)
    return head if cut > 0 and sum(c.isalpha() for c in head) >= 2 else name


# Languages whose country names invoices to and from Europe print ("Schweiz", "España", "United States");
# each costs babel about 10 ms to load, once.
_COUNTRY_LANGUAGES = ("en", "fr", "de", "es", "it", "nl", "pt", "pl", "sv", "da", "fi", "cs")
# Usual writings that CLDR keeps only as alternatives (babel loads the standard names alone).
_COUNTRY_ALIASES = (
    "usa", "u.s.a.", "u.s.", "us", "uk", "u.k.", "united states of america", "great britain", "england",
    "scotland", "wales", "northern ireland", "holland", "czech republic", "uae", "brd",
)  # fmt: skip


@lru_cache(maxsize=4096)
def is_country(text: str) -> bool:
    """A country name alone ("Schweiz", "UNITED STATES", "España"): the last line of an address block."""
    if len(text) > 60 or any(c.isdigit() for c in text):
        return False
    key = _country_key(text)
    return bool(key) and key in _country_names()


def _country_key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip(_EDGES + ".")).encode("ascii", "ignore").decode()
    key = " ".join(text.casefold().replace("-", " ").split())
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Every country's name in the languages above (region codes like "150" Europe left out)."""
    names = {_country_key(alias) for alias in _COUNTRY_ALIASES}
    for language in _COUNTRY_LANGUAGES:
        territories = Locale(language).territories
        names.update(_country_key(name) for code, name in territories.items() if code.isalpha())
    return frozenset(names)
