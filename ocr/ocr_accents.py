"""Letters of a party's name that OCR read without their accent, put back where the spelling is certain.

The OCR languages (French and English) have no "í", "á" or "ñ" and read German umlauts poorly: a scan of
"Construcciones Martínez S.L." reads "Martinez", "Koch & Söhne KG" reads "Sohne" or "Sôhne",
"Ingenieurbüro" reads "Ingenieurbiiro", "haftungsbeschränkt" reads "haftungsbeschrankt". A letter is put
back only where the language's own spelling leaves no choice:
  - a legal-form word spelled out ("haftungsbeschränkt"): the law fixes its spelling, in any name;
  - words of a vocabulary (common surnames and trade nouns) written with the accent in the party's
    language, that language known from the name's own legal form ("S.L.", "GmbH", "SARL") or, failing
    that, from the country of the party's VAT number. "Martinez SARL" keeps its spelling: French usage
    writes the surname without the accent;
  - spelling rules of the language: German has no "ô" (an "ö" read with the French model's circumflex)
    and no "ii" (an "ü" split in two); French writes "è", not "é", before a consonant and a closing
    mute "e" ("Lefévre" is "Lefèvre"), and "-ière", not "-iere".
Only names read by OCR are touched: a text layer prints the name as its issuer spells it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

Language = str  # "es", "de" or "fr"

# Legal forms spelled out that OCR reads without their accent or with letters of their end misread
# ("haftungsbeschrankt", "haftungsiseserranikes": no other word starts "haftungs").
_FORM_WORDS = ("haftungsbeschränkt", "société", "limitée")
_LONG_FORM = 10  # letters of a spelled-out form whose first eight say which it is

# Surnames and trade nouns written with an accent in the party's language, and only so.
_SPANISH = (
    "Martínez", "Fernández", "González", "Rodríguez", "López", "Pérez", "Sánchez", "Gómez", "Jiménez",
    "Hernández", "Álvarez", "Domínguez", "Vázquez", "Ramírez", "Gutiérrez", "Núñez", "Suárez", "Ibáñez",
    "Benítez", "Méndez", "Velázquez", "Márquez", "Hernán", "García", "Díaz", "Muñoz", "Martín",
    "Rubén", "Álvaro", "Andrés", "Adrián", "Inés", "José", "María", "Lucía", "Sofía", "Ramón", "Jesús",
    "Asesoría", "Consultoría", "Ingeniería", "Fontanería", "Carpintería", "Panadería", "Cerrajería",
    "Construcción", "Distribución", "Instalación", "Gestión", "Comunicación",
    "Información", "Asociación", "Fundación", "Compañía", "Logística", "Técnica", "Técnicas",
    "Electrónica", "Informática", "Óptica", "Mecánica", "Energía", "Tecnología", "Química", "Jurídica",
    "Jurídico", "Económico", "Mármoles", "Cafetería", "Pastelería",
    "Peluquería", "Joyería", "Papelería", "Ferretería", "Librería", "Mensajería", "Clínica", "Médica",
    "Médico", "Diseño", "Agrícola", "Turística", "Público", "Pública", "Educación", "Formación",
    "Producción", "Rehabilitación", "Alimentación", "Estética", "Cataluña", "Andalucía",
    "Aragón", "León", "Málaga", "Cádiz", "Córdoba", "Almería", "Jaén", "Ávila",
)  # fmt: skip
_GERMAN = (
    "Söhne", "Bäckerei", "Gebrüder", "Brüder", "Müller", "Schäfer", "Schröder", "Krüger", "Köhler",
    "König", "Jäger", "Böhm", "Günther", "Würth", "Käserei", "Gärtnerei", "Möbel", "Küchen", "Getränke",
    "Büro", "Ingenieurbüro", "Planungsbüro", "Steuerbüro", "Reisebüro", "Architekturbüro", "Schlüssel",
    "Lösungen", "Zürich", "München", "Köln", "Nürnberg", "Düsseldorf", "Würzburg",
    "Lübeck", "Göttingen", "Österreich", "Bürobedarf", "Möller", "Förster", "Gärtner", "Hübner", "Köster",
    "Gebäude", "Gebäudetechnik", "Gebäudereinigung", "Kühltechnik", "Küche", "Möbelhaus", "Grün", "Dächer",
    "Übersetzungen", "Übersetzungsbüro", "Prüftechnik", "Sägewerk", "Schlüsseldienst", "Geschäft",
    # "ß", which OCR reads "B", "R", "&", "$", "fi" or "k" ("GroBhandel", "StraRenbau").
    "Großhandel", "Groß", "Weiß", "Strauß", "Straßenbau", "Gießerei", "Meißner", "Süß", "Fußboden",
    "Schließtechnik",
)  # fmt: skip
# Italian has no final "a" without its accent in these ("Societa" is "Società"); the French model drops it.
_ITALIAN = (
    "Società", "Attività", "Qualità", "Città", "Università", "Comunità", "Sanità", "Elettricità", "Mobilità",
    "Novità", "Specialità", "Proprietà", "Utilità", "Identità", "Libertà", "Varietà", "Caffè", "Niccolò",
    "Nicolò",
)  # fmt: skip
# Portuguese "ã" and "õ" are no French letters.
_PORTUGUESE = (
    "João", "Conceição", "Simões", "Magalhães", "Guimarães", "Leão", "Brandão", "Falcão", "Assunção",
    "Construção", "Construções", "Comunicação", "Informação", "Distribuição", "Soluções", "Associação",
    "Gestão", "Organização", "Formação", "Alimentação", "Importação", "Exportação", "Indústria",
    "Comércio", "São",
)  # fmt: skip
_VOCABULARY: dict[Language, tuple[str, ...]] = {
    "es": _SPANISH, "de": _GERMAN, "it": _ITALIAN, "pt": _PORTUGUESE
}  # fmt: skip

# The legal forms that say a name's language (forms several languages share, like "SA", say nothing).
_FORM_LANGUAGE = (
    ("es", re.compile(r"(?:^|\s)(?:S\.\s?L\.\s?(?:U\.?|L\.?)?|SLU?|S\.\s?Coop\.?|S\.\s?A\.\s?U\.?)$")),
    ("de", re.compile(r"(?:^|\s)(?:GmbH|mbH|UG|KG|AG|OHG|GbR|KGaA|e\.\s?K\.|e\.\s?V\.)(?:\s|$|\))")),
    ("fr", re.compile(r"(?:^|\s)(?:SARL|SASU|SAS|EURL|SNC|SCI|SCOP|SELARL|S\.A\.R\.L\.|S\.A\.S\.)$")),
    (
        "it",
        re.compile(
            r"(?:^|\s)(?:S\.\s?r\.\s?l\.(?:\s?s\.)?|S\.\s?p\.\s?A\.|S\.\s?a\.\s?s\.|S\.\s?n\.\s?c\.|Srl|SpA)$"
        ),
    ),
    ("pt", re.compile(r"(?:^|\s)(?:Lda\.?|Ltda\.?|Unipessoal(?:\s+Lda\.?)?)$")),
)
_VAT_LANGUAGE = {"ES": "es", "DE": "de", "AT": "de", "FR": "fr", "IT": "it", "PT": "pt"}
# What OCR reads for a German "ß" inside a word.
_ESZETT_READ = re.compile(r"(?<=[a-zäöü])(?:B|R|&|\$|fi|k)(?=[a-zäöü]|$)")

_OPEN_FORM = re.compile(r"\((?:haftungsbeschränkt|limitée)$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# French: "é" before one or two consonants and a closing mute "e" is "è" ("Lefévre", "Riviére").
_FRENCH_GRAVE = re.compile(r"é(?=(?:[bcdfgjklmnpqrstvz]|[bcdfgptv][rl]|ch|gn|ll|rr|ss|tt)es?$)")
_FRENCH_IERE = re.compile(r"(?<=[a-z])iere(?=s?$)")
_GERMAN_SPLIT_U = re.compile(r"(?<=[^\W\d_])ii(?=[^\W\d_])")  # "Ingenieurbiiro"; not "Hawaii"
_GERMAN_CIRCUMFLEX = str.maketrans({"â": "ä", "ô": "ö", "û": "ü", "Â": "Ä", "Ô": "Ö", "Û": "Ü"})


def name_language(name: str, vat_id: str | None) -> Language | None:
    """The language a party's name is spelled in: its own legal form's, else its VAT number's country's."""
    for language, form in _FORM_LANGUAGE:
        if form.search(name):
            return language
    return _VAT_LANGUAGE.get((vat_id or "")[:2].upper())


def with_accents(name: str, language: Language | None) -> str:
    """`name` as read by OCR, with the accents the spelling of `language` (and of legal forms) requires,
    and the bracket OCR lost after a form set in brackets ("UG (haftungsbeschränkt")."""
    name = _WORD.sub(lambda m: _word_with_accents(m.group(), language), name)
    return name + ")" if _OPEN_FORM.search(name) else name


def _word_with_accents(word: str, language: Language | None) -> str:
    form = _form_word(word)
    if form is not None:
        return form
    known = _vocabulary(language).get(_bare(word).lower())
    if known is not None:
        return _same_case(known, word)
    if language == "de":
        word = word.translate(_GERMAN_CIRCUMFLEX)
        return _with_eszett(_GERMAN_SPLIT_U.sub("ü", word))
    if language == "fr":
        return _FRENCH_IERE.sub("ière", _FRENCH_GRAVE.sub("è", word))
    return word


def _with_eszett(word: str) -> str:
    """ "GroBhandel", "StraRenbau": a German word of the vocabulary once one misread "ß" is put back."""
    for misread in _ESZETT_READ.finditer(word):
        candidate = word[: misread.start()] + "ß" + word[misread.end() :]
        known = _vocabulary("de").get(_bare(candidate).lower())
        if known is not None:
            return _same_case(known, word)
    return word


def _form_word(word: str) -> str | None:
    """The legal-form word `word` is a reading of: the same letters but for accents, or, for a long one,
    its first eight letters read right and a few of the rest misread, or cut short at the page's edge."""
    bare = _bare(word).lower()
    for form in _FORM_WORDS:
        plain = _bare(form)
        if bare == plain:
            return _same_case(form, word)
        if len(plain) >= _LONG_FORM and len(bare) >= _LONG_FORM and bare[:8] == plain[:8]:
            return _same_case(form, word)
    return None


@lru_cache(maxsize=8)
def _vocabulary(language: Language | None) -> dict[str, str]:
    words = _VOCABULARY.get(language or "", ())
    return {_bare(w).lower(): w for w in words}


@lru_cache(maxsize=4096)
def _bare(word: str) -> str:
    """`word` without its accents, an umlaut read as a circumflex alike ("Sôhne", "Sohne": "Sohne")."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _same_case(known: str, read: str) -> str:
    if read.isupper() and len(read) > 1:
        return known.upper()
    if read[:1].islower():
        return known[:1].lower() + known[1:]
    return known[:1].upper() + known[1:]
