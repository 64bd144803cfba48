"""Words printed letter-spaced ("I N V O I C E", "F A C T U R E  N °"), joined back into words.

Designed titles and captions are often tracked out: the text layer (or OCR) then gives one word per letter,
and no label matches. A run of at least four one-letter words in a phrase is such a word; inside the run a
gap clearly wider than the others ends one word and starts the next ("I N V O I C E   N O" is two).
"""

from __future__ import annotations

import statistics

from .layout import Phrase, Word

_MIN_RUN = 4  # "A B C" may be initials; four letters set apart one by one are a word spelled out
_WORD_BREAK = 1.8  # a gap this many times the run's usual gap separates two letter-spaced words


def joined_letters(phrase: Phrase) -> Phrase:
    """The phrase with each letter-spaced run of one-letter words joined into words (itself if none)."""
    runs = _runs(phrase.words)
    if not runs:
        return phrase
    words: list[Word] = []
    position = 0
    for start, end in runs:
        words.extend(phrase.words[position:start])
        words.extend(_joined(phrase.words[start:end]))
        position = end
    words.extend(phrase.words[position:])
    return Phrase(words, phrase.page)


def _runs(words: list[Word]) -> list[tuple[int, int]]:
    """(start, end) of each run of at least _MIN_RUN one-letter words."""
    runs: list[tuple[int, int]] = []
    start = None
    for index, word in enumerate([*words, None]):
        single = word is not None and len(word.text) == 1 and word.text.isalpha()
        if single and start is None:
            start = index
        elif not single and start is not None:
            if index - start >= _MIN_RUN:
                runs.append((start, index))
            start = None
    return runs


def _joined(letters: list[Word]) -> list[Word]:
    gaps = [b.x0 - a.x1 for a, b in zip(letters, letters[1:], strict=False)]
    usual = max(statistics.median(gaps), 0.1)
    groups: list[list[Word]] = [[letters[0]]]
    for gap, letter in zip(gaps, letters[1:], strict=True):
        if gap > _WORD_BREAK * usual:
            groups.append([letter])
        else:
            groups[-1].append(letter)
    return [_word(group) for group in groups]


def _word(letters: list[Word]) -> Word:
    return Word(
        "".join(w.text for w in letters),
        min(w.x0 for w in letters),
        min(w.y0 for w in letters),
        max(w.x1 for w in letters),
        max(w.y1 for w in letters),
        min(w.confidence for w in letters),
    )
