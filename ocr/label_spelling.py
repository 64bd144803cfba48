"""Label words OCR misspelled, put back before labels are matched.

On a scan a label printed in a coloured box or at its edge loses its first letter ("nvoice Number", "umero
de facture"), its last one ("Numér"), or has one letter read as a look-alike ("Règiement"). The labels are
matched by patterns, which such a reading misses, so the value beside it goes unread. A word is put back
only when it is no label word itself and exactly one label word explains it by one such slip; label words
are long (five letters or more), so an ordinary short word never becomes one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .layout import Word

# Words the labels of invoice fields are made of (ocr/labels.py, ocr/total_labels.py), five letters or more.
_LABEL_WORDS = """
invoice number issued total subtotal amount balance payment reference customer
facture numéro échéance règlement paiement commande montant
rechnung datum rechnungsnummer rechnungsdatum lieferdatum leistungsdatum fälligkeitsdatum gesamtbetrag
zahlbetrag bruttosumme nettosumme steuernummer kundennummer bestellnummer
factura vencimiento importe fattura scadenza totale imponibile imposta
factuur factuurnummer factuurdatum vervaldatum totaal
""".split()
# Letters OCR reads one for the other.
_LOOKALIKES = {"l": "it1", "i": "l1", "t": "l", "1": "li", "c": "e", "e": "c", "o": "a0", "a": "o", "n": "u",
               "u": "n", "h": "b", "b": "h", "0": "o"}  # fmt: skip
_MIN_LOST_LAST = 8  # a label word that may lose its last letter ("Import" is a word, not "Importe" cut)
_WORD = re.compile(r"^([^\w]*)(\w{4,})([^\w]*)$")


def respelled(word: Word) -> Word:
    """`word` as printed when OCR misspelled a label word, else `word` itself."""
    match = _WORD.match(word.text)
    if match is None or not match.group(2).isalpha():
        return word
    head, body, tail = match.groups()
    known = _slips().get(body.lower()) or _long_word_misread(body.lower())
    if known is None or body.lower() in _words():
        return word
    return replace(word, text=head + _same_case(known, body) + tail)


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    return frozenset(_LABEL_WORDS)


@lru_cache(maxsize=1)
def _slips() -> dict[str, str]:
    """Each misreading one slip away from exactly one label word, with that word."""
    seen: dict[str, set[str]] = {}
    for word in _LABEL_WORDS:
        for reading in _readings(word):
            seen.setdefault(reading, set()).add(word)
    return {reading: words.pop() for reading, words in seen.items() if len(words) == 1}


def _readings(word: str) -> set[str]:
    found = {word[1:]}
    if len(word) >= _MIN_LOST_LAST:
        found.add(word[:-1])
    for position, letter in enumerate(word):
        for lookalike in _LOOKALIKES.get(letter, ""):
            found.add(word[:position] + lookalike + word[position + 1 :])
    return found - {word}


# A long label word ("Rechnungsnummer", "Fälligkeitsdatum") read with two letters wrong, of any kind
# ("Rechnungenammer"): no word of twelve letters or more is two letters away from a label word by chance.
_LONG = 12
_LONG_SLIPS = 2


def _long_word_misread(body: str) -> str | None:
    if len(body) < _LONG:
        return None
    close = [w for w in _long_words().get(len(body), ()) if _differences(w, body) <= _LONG_SLIPS]
    return close[0] if len(close) == 1 else None


@lru_cache(maxsize=1)
def _long_words() -> dict[int, tuple[str, ...]]:
    by_length: dict[int, list[str]] = {}
    for word in _LABEL_WORDS:
        if len(word) >= _LONG:
            by_length.setdefault(len(word), []).append(word)
    return {length: tuple(words) for length, words in by_length.items()}


def _differences(word: str, read: str) -> int:
    return sum(a != b for a, b in zip(word, read, strict=True))


def _same_case(known: str, read: str) -> str:
    if read.isupper() and len(read) > 1:
        return known.upper()
    return known[:1].upper() + known[1:] if read[:1].isupper() else known
