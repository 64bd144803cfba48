"""Layout memory: after one invoice of a template is corrected, remember where each field sat relative to
stable words of the template (its labels), and read the next invoice of that template from there first.

- learn: find where each approved value is printed (dates in any printed form, amounts as Decimal, ids
  without spaces, names word by word), anchor it to the nearest label words on its left on the same line,
  else above it in its column, else to the page itself; keep the offset from anchor to value.
- match: the template's stable words (letters only, not the learned values) with their positions; a new
  page matches when enough of them are found in place once shift and scale are fitted, and when enough of
  the field anchors are found. A remembered seller identifier read differently at its place (and valid)
  means another seller: no match.
- recall: find each anchor on the new page (OCR typos tolerated), read the words at the remembered offset,
  parse them as the field's type. A field recalled replaces the cold-start one; others keep cold start.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from . import labels, party_labels, total_labels
from .amounts import AMOUNT_PATTERN, parse_amount
from .dates import DATE_PATTERN, date_from_match
from .layout import PHRASE_GAP, PageText, Word
from .layout_anchors import (
    AnchorHit,
    GridWord,
    PageGrid,
    Transform,
    find_anchors,
    fit_transform,
    is_stable,
    norm_token,
)  # fmt: skip
from .layout_anchors import union as box_of
from .model import BBox, Field, LayoutMatch
from .validate import check_bic, check_iban, check_siren, check_siret, check_vat_id
from .values import (
    Finder,
    find_amount,
    find_bic,
    find_digits,
    find_email,
    find_iban_shape,
    find_identifier,
    find_labelled_date,
    find_vat_shape,
)  # fmt: skip

MEMORY_FORMAT = 1
RECALL_CONFIDENCE = 0.97
MATCH_THRESHOLD = 0.6  # share of the template's words found in place (or moved together)
ANCHORS_FOUND = 0.6  # share of the field anchors that must be found on the new page
MAX_PAGES = 3
MAX_FINGERPRINT = 300  # stable words kept per page
_POSITION_TOLERANCE = (0.025, 0.015)  # page fractions (x, y) within which a template word is "in place"
_SIDEWAYS = 0.05  # page width an anchor may stray from where the template puts it
_LABEL_REACH = 0.3  # page width between a label and its value on one line, at most

KINDS: dict[str, str] = {
    "invoice_number": "ident", "purchase_order": "ident", "issue_date": "date", "due_date": "date",
    "total_excl_tax": "amount", "total_tax": "amount", "total_incl_tax": "amount", "amount_due": "amount",
    "seller_vat_id": "vat", "buyer_vat_id": "vat", "seller_siren": "siren", "buyer_siren": "siren",
    "seller_siret": "siret", "buyer_siret": "siret", "seller_iban": "iban", "seller_bic": "bic",
    "seller_email": "email", "buyer_email": "email",
    "seller_name": "text", "buyer_name": "text", "payment_terms": "text",
}  # fmt: skip
# Identifiers first: they are the least ambiguous, and claim their words before names and amounts look.
_ORDER = ("iban", "vat", "siret", "siren", "bic", "email", "ident", "date", "amount", "text")
_FINDERS: dict[str, Finder] = {
    "ident": find_identifier, "date": find_labelled_date, "amount": find_amount, "vat": find_vat_shape,
    "siren": find_digits(9), "siret": find_digits(14), "iban": find_iban_shape, "bic": find_bic,
    "email": find_email,
}  # fmt: skip
_NOT_WORD = re.compile(r"[^\w&]+")
_SELLER_IDS = ("seller_vat_id", "seller_siren", "seller_siret", "seller_iban")
_CHECKS: dict[str, Callable[[str], object]] = {  # None when the value passes
    "seller_vat_id": check_vat_id, "seller_siren": check_siren, "seller_siret": check_siret,
    "seller_iban": check_iban, "seller_bic": check_bic,
}  # fmt: skip
_REPAIRABLE = frozenset(_CHECKS)  # the seller's own identifiers: the same on every invoice of the layout
_REPAIR_SIMILARITY = 80.0
_REPAIRED_CONFIDENCE = 0.9
_TOUCHING = 0.25  # gap between two words, in line heights, below which no space was printed (a space: ~0.4)


def _labels_of(module: Any, *names: str) -> tuple[re.Pattern[str], ...]:
    return tuple(p for name in names for p in getattr(module, name, ()))


_LABELS: dict[str, tuple[re.Pattern[str], ...]] = {
    "invoice_number": _labels_of(labels, "INVOICE_NUMBER"),
    "issue_date": _labels_of(labels, "ISSUE_DATE"),
    "due_date": _labels_of(labels, "DUE_DATE"),
    "purchase_order": _labels_of(labels, "PURCHASE_ORDER"),
    "payment_terms": _labels_of(labels, "PAYMENT_TERMS"),
    "total_excl_tax": _labels_of(total_labels, "TOTAL_EXCL_TAX"),
    "total_tax": _labels_of(total_labels, "TOTAL_TAX", "TOTAL_TAX_RATED"),
    "total_incl_tax": _labels_of(total_labels, "TOTAL_INCL_TAX"),
    "amount_due": _labels_of(total_labels, "AMOUNT_DUE"),
    "seller_iban": _labels_of(party_labels, "IBAN"),
    "seller_bic": _labels_of(party_labels, "BIC"),
    "seller_siret": _labels_of(party_labels, "SIRET"),
    "buyer_siret": _labels_of(party_labels, "SIRET"),
    "seller_siren": _labels_of(party_labels, "SIREN"),
    "buyer_siren": _labels_of(party_labels, "SIREN"),
    "seller_vat_id": _labels_of(party_labels, "VAT_ID"),
    "buyer_vat_id": _labels_of(party_labels, "VAT_ID"),
}


@dataclass(frozen=True, slots=True)
class Spot:
    """Where one field sat: its anchor words (empty: the page itself), their box and the value's box."""

    field: str
    page: int  # 1-based
    anchor: tuple[str, ...]
    anchor_box: BBox
    value_box: BBox
    printed: str = ""  # a name or seller identifier as the person approved it: see `_as_remembered`
    part: bool = False  # the name was printed inside a longer phrase ("Au bon moulin SARL - 1242 chemin…")

    @property
    def same_line(self) -> bool:
        """The anchor is the label on the value's left (else it is over the value, or the page)."""
        a, v = self.anchor_box, self.value_box
        return bool(self.anchor) and a[1] < v[3] and v[1] < a[3]

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "page": self.page, "anchor": list(self.anchor),
                "anchor_box": _rounded(self.anchor_box), "value_box": _rounded(self.value_box),
                "printed": self.printed, "part": self.part}  # fmt: skip

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Spot:
        return cls(str(d["field"]), int(d["page"]), tuple(str(t) for t in d["anchor"]),
                   _box(d["anchor_box"]), _box(d["value_box"]),
                   str(d.get("printed") or ""), bool(d.get("part")))  # fmt: skip


@dataclass(slots=True)
class LayoutMemory:
    """What one corrected invoice taught about its template."""

    key: str  # stable for one template reading: a hash of its stable words
    spots: list[Spot]
    fingerprint: list[list[tuple[str, float, float]]]  # per page: (word, centre x, centre y)
    seller_ids: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": MEMORY_FORMAT, "key": self.key, "spots": [s.to_dict() for s in self.spots],
            "fingerprint": [[[t, x, y] for t, x, y in page] for page in self.fingerprint],
            "seller_ids": dict(self.seller_ids),
        }  # fmt: skip

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> LayoutMemory:
        if d.get("format") != MEMORY_FORMAT:
            raise ValueError(f"unknown layout memory format {d.get('format')!r}")
        return cls(
            key=str(d["key"]),
            spots=[Spot.from_dict(s) for s in d["spots"]],
            fingerprint=[[(str(t), float(x), float(y)) for t, x, y in page] for page in d["fingerprint"]],
            seller_ids={str(k): str(v) for k, v in (d.get("seller_ids") or {}).items()},
        )

    @property
    def fields(self) -> list[str]:
        return [s.field for s in self.spots]


def _rounded(box: BBox) -> list[float]:
    return [round(c, 4) for c in box]


def _box(values: Sequence[float]) -> BBox:
    x0, y0, x1, y1 = (float(v) for v in values)
    return (x0, y0, x1, y1)


# ---------------------------------------------------------------------------------------------- learn

WordKey = tuple[int, int]  # (page index, word index)


def learn(pages: Sequence[PageText], values: Mapping[str, str]) -> LayoutMemory | None:
    """A memory of where `values` (the approved fields, as stored) are printed; None if none is found."""
    grids = [PageGrid(page) for page in pages[:MAX_PAGES]]
    printed = [_Printed(grid) for grid in grids]
    taken: set[WordKey] = set()
    found: dict[str, tuple[int, list[GridWord]]] = {}
    wanted = [(name, value) for name, value in values.items() if name in KINDS and value]
    for name, value in sorted(wanted, key=lambda item: _ORDER.index(KINDS[item[0]])):
        spot = _best_occurrence(printed, name, str(value), taken)
        if spot is not None:
            found[name] = spot
            taken.update((spot[0], w.index) for w in spot[1])
    if not found:
        return None
    spots = [
        _spot(grids[page], page, name, words, taken, _kept_spelling(name, str(values[name])))
        for name, (page, words) in found.items()
    ]
    fingerprint = [_fingerprint(grid, page, taken) for page, grid in enumerate(grids)]
    seller_ids = {name: str(values[name]) for name in _SELLER_IDS if name in found}
    return LayoutMemory(_key(fingerprint), spots, fingerprint, seller_ids)


def _best_occurrence(
    printed: list[_Printed], name: str, value: str, taken: set[WordKey]
) -> tuple[int, list[GridWord]] | None:
    kind = KINDS[name]
    ranked = []
    for page, index in enumerate(printed):
        grid = index.grid
        for words in index.occurrences(kind, value):
            if any((page, w.index) in taken for w in words):
                continue
            labelled = _labelled(grid, words, name)
            whole = kind != "text" or _whole_phrase(grid, words)
            # Totals sit at the end; everything else is first said near the top.
            place = (page, words[0].y0) if kind == "amount" else (-page, -words[0].y0)
            ranked.append(((labelled, whole, place), page, words))
    if not ranked:
        return _garbled_occurrence(printed, kind, value, taken)
    _, page, words = max(ranked, key=lambda item: item[0])
    return page, words


_CHECKED_KINDS = frozenset({"vat", "siren", "siret", "iban", "bic"})
_RUN = 4  # words a garbled identifier may be split into


def _garbled_occurrence(
    printed: list[_Printed], kind: str, value: str, taken: set[WordKey]
) -> tuple[int, list[GridWord]] | None:
    """A long identifier the learning scan misread by a character or two ("FRO08936044502"): the run of
    up to four words closest to it, if close enough. Only when it is printed nowhere exactly."""
    target = ocr_folded(_compact(value))
    if kind not in _CHECKED_KINDS or len(target) < 8:
        return None
    # fuzz.ratio >= 88 needs lengths within about an eighth of each other: other runs are not scored.
    shortest, longest = len(target) * 0.78, len(target) * 1.28
    best: tuple[float, int, list[GridWord]] | None = None
    for page, index in enumerate(printed):
        for row, folded in zip(index.grid.lines, index.folded_words(), strict=True):
            for start in range(len(row)):
                text = ""
                for end in range(start + 1, min(len(row), start + _RUN) + 1):
                    text += folded[end - 1]
                    if len(text) > longest:
                        break
                    if len(text) < shortest:
                        continue
                    score = fuzz.ratio(text, target, score_cutoff=_REPAIR_SIMILARITY + 8)
                    if score and (best is None or score > best[0]):
                        words = row[start:end]
                        if not any((page, w.index) in taken for w in words):
                            best = (score, page, words)
    return None if best is None else (best[1], best[2])


def _whole_phrase(grid: PageGrid, words: list[GridWord]) -> bool:
    """A name printed on its own ("Au bon moulin"), not inside a longer phrase ("Au bon moulin SARL -
    1242 chemin…"): where it can be read again as it is."""
    line = grid.lines[words[0].line]
    before = line[words[0].slot - 1] if words[0].slot > 0 else None
    after = line[words[-1].slot + 1] if words[-1].slot + 1 < len(line) else None
    return all(
        _apart(left.word, right.word)
        for left, right in ((before, words[0]), (words[-1], after))
        if left is not None and right is not None
    )


def _apart(left: Word, right: Word) -> bool:
    return right.x0 - left.x1 > max(min(left.height, right.height), 1e-6) * PHRASE_GAP


class _Printed:
    """Where values are printed on one page, worked out once for all the fields learned: dates by day,
    amounts by value, each line's text folded for identifiers, and its name tokens."""

    def __init__(self, grid: PageGrid) -> None:
        self.grid = grid
        self._dates: dict[str, list[tuple[int, int, int]]] | None = None
        self._amounts: dict[Decimal, list[tuple[int, int, int]]] | None = None
        self._folded: dict[str, list[str]] = {}
        self._folded_words: list[list[str]] | None = None
        self._tokens: list[tuple[list[str], list[int]]] | None = None

    def occurrences(self, kind: str, value: str) -> list[list[GridWord]]:
        """Each run of words on one line that prints `value` as a `kind` field."""
        if kind == "date":
            return [self._words(*span) for span in self.dates().get(value, ())]
        if kind == "amount":
            amount = _decimal(value)
            return [] if amount is None else [self._words(*span) for span in self.amounts().get(amount, ())]
        if kind == "text":
            return self._token_runs(value)
        strip = r"\s" if kind == "ident" else r"[\s.\-]"
        target = ocr_folded(re.sub(strip, "", value))
        return [
            run
            for line, text in enumerate(self.folded(strip))
            if target and target in text  # most lines: one string test instead of a walk over their words
            for run in _compact_runs(self.grid.lines[line], value, strip=strip)
        ]

    def dates(self) -> dict[str, list[tuple[int, int, int]]]:
        if self._dates is None:
            self._dates = defaultdict(list)
            for line in range(len(self.grid.lines)):
                for m in DATE_PATTERN.finditer(self.grid.line_text(line)[0]):
                    day = _iso(date_from_match(m))
                    if day is not None:
                        self._dates[day].append((line, *m.span()))
        return self._dates

    def amounts(self) -> dict[Decimal, list[tuple[int, int, int]]]:
        if self._amounts is None:
            self._amounts = defaultdict(list)
            for line in range(len(self.grid.lines)):
                for m in AMOUNT_PATTERN.finditer(self.grid.line_text(line)[0]):
                    parsed = parse_amount(m.group(0))
                    if parsed is not None:
                        self._amounts[abs(parsed)].append((line, *m.span()))
        return self._amounts

    def folded(self, strip: str) -> list[str]:
        if strip not in self._folded:
            lines = range(len(self.grid.lines))
            self._folded[strip] = [ocr_folded(re.sub(strip, "", self.grid.line_text(n)[0])) for n in lines]
        return self._folded[strip]

    def folded_words(self) -> list[list[str]]:
        if self._folded_words is None:
            self._folded_words = [[ocr_folded(_compact(w.word.text)) for w in row] for row in self.grid.lines]
        return self._folded_words

    def _words(self, line: int, start: int, end: int) -> list[GridWord]:
        _, starts = self.grid.line_text(line)
        words = self.grid.lines[line]
        return [w for w, s in zip(words, starts, strict=True) if s < end and s + len(w.word.text) > start]

    def _token_runs(self, value: str) -> list[list[GridWord]]:
        """Runs of words that read `value` once case and punctuation are set aside."""
        target = _name_tokens(value)
        if not target:
            return []
        if self._tokens is None:
            self._tokens = [_line_tokens(row) for row in self.grid.lines]
        runs = []
        for row, (tokens, owners) in zip(self.grid.lines, self._tokens, strict=True):
            if target[0] not in tokens:
                continue
            for start in range(len(tokens) - len(target) + 1):
                if tokens[start : start + len(target)] == target:
                    runs.append(row[owners[start] : owners[start + len(target) - 1] + 1])
        return runs


def _line_tokens(words: list[GridWord]) -> tuple[list[str], list[int]]:
    """The line's name tokens, and the position of the word each comes from."""
    tokens, owners = [], []
    for position, word in enumerate(words):
        for token in _word_tokens(word.word.text):
            tokens.append(token)
            owners.append(position)
    return tokens, owners


def _iso(found: Any) -> str | None:
    return None if found is None else str(found.isoformat())


def _decimal(value: str) -> Decimal | None:
    try:
        return abs(Decimal(value))
    except InvalidOperation:
        return None


_OCR_FOLD = str.maketrans("OQILSBZG|", "001158261")


def ocr_folded(text: str) -> str:
    """Upper case with the letters OCR takes for digits (and back) made one: "FRO8" and "FR08" agree."""
    return text.upper().translate(_OCR_FOLD)


def _compact_runs(words: list[GridWord], value: str, *, strip: str) -> list[list[GridWord]]:
    """Runs of words whose characters, without spaces (and dots, dashes), spell `value` (OCR letter/digit
    slips tolerated: the learning page may be a scan)."""
    target = ocr_folded(re.sub(strip, "", value))
    chars, owners = [], []
    for position, word in enumerate(words):
        for char in ocr_folded(re.sub(strip, "", word.word.text)):
            chars.append(char)
            owners.append(position)
    text = "".join(chars)
    runs = []
    for match in re.finditer(re.escape(target), text) if target else ():
        start, end = match.start(), match.end()
        if (start > 0 and text[start - 1].isalnum() and owners[start - 1] == owners[start]) or (
            end < len(text) and text[end].isalnum() and owners[end] == owners[end - 1]
        ):
            continue  # inside a longer token
        runs.append(words[owners[start] : owners[end - 1] + 1])
    return runs


def _name_tokens(text: str) -> list[str]:
    """Words without case, accents or punctuation: OCR often drops an accent ("a réception")."""
    return [token for part in text.split() for token in _word_tokens(part)]


@lru_cache(maxsize=4096)
def _word_tokens(word: str) -> tuple[str, ...]:
    """One printed word's tokens; the same words recur on every line and field learning looks at."""
    return tuple(token for token in (norm_token(part) for part in _NOT_WORD.split(word)) if token)


def _labelled(grid: PageGrid, words: list[GridWord], name: str) -> bool:
    """The field's own label is printed before the value on its line, or over it in its column."""
    patterns = _LABELS.get(name, ())
    if not patterns:
        return False
    line = grid.lines[words[0].line]
    before = " ".join(w.word.text for w in line[: words[0].slot])
    x0, x1 = words[0].x0, words[-1].x1
    above = " ".join(
        w.word.text for row in grid.lines[max(0, words[0].line - 2) : words[0].line] for w in row
        if w.x0 <= x1 and w.x1 >= x0
    )  # fmt: skip
    return any(p.search(before) or p.search(above) for p in patterns)


def _kept_spelling(name: str, value: str) -> str:
    return value if KINDS[name] == "text" or name in _REPAIRABLE else ""


def _spot(
    grid: PageGrid, page: int, name: str, words: list[GridWord], taken: set[WordKey], printed: str
) -> Spot:
    # A total right-aligned far from its label ("Zahlbetrag ........ 23,54") is anchored to it when that
    # label is one the field is known by; an unknown word that far left may be another column's.
    reach = 1.0 if _label_on_line(grid, words, name) else _LABEL_REACH
    anchor = _left_anchor(grid, words, page, taken, reach) or _above_anchor(grid, words, page, taken)
    value_box = _box(_rounded(box_of(words)))
    part = KINDS[name] == "text" and not _whole_phrase(grid, words)
    if not anchor:
        return Spot(name, page + 1, (), value_box, value_box, printed, part)
    anchor_box = _box(_rounded(box_of(anchor)))
    return Spot(name, page + 1, tuple(w.token for w in anchor), anchor_box, value_box, printed, part)


def _usable(word: GridWord, page: int, taken: set[WordKey]) -> bool:
    return is_stable(word.token) and (page, word.index) not in taken


def _label_on_line(grid: PageGrid, words: list[GridWord], name: str) -> bool:
    before = " ".join(w.word.text for w in grid.lines[words[0].line][: words[0].slot])
    return any(p.search(before) for p in _LABELS.get(name, ()))


def _left_anchor(
    grid: PageGrid, words: list[GridWord], page: int, taken: set[WordKey], reach: float = _LABEL_REACH
) -> list[GridWord]:
    """The label words just left of the value on its line ("Total TTC" in "Total TTC : 1 234,56 €");
    a rate or a symbol in between is looked through."""
    line = grid.lines[words[0].line]
    anchor: list[GridWord] = []
    skipped = 0
    for word in reversed(line[: words[0].slot]):
        if words[0].x0 - word.x1 > reach:
            break  # a word of another column, not the value's label
        if anchor and len(word.token) <= 1 and skipped < 2:
            skipped += 1  # "Net à payer": a one-letter word inside the label
            continue
        if _usable(word, page, taken):
            if anchor and anchor[0].x0 - word.x1 > 0.05:
                break  # too far from the label: another column
            anchor.insert(0, word)
            if len(anchor) == 3:
                break
        elif anchor or (page, word.index) in taken or skipped == 2:
            break
        else:
            skipped += 1
    return anchor


def _above_anchor(grid: PageGrid, words: list[GridWord], page: int, taken: set[WordKey]) -> list[GridWord]:
    """The column header over the value: the nearest line above with label words over its extent."""
    x0, x1 = words[0].x0 - 0.01, words[-1].x1 + 0.01
    height = max(w.y1 - w.y0 for w in words)
    for row in reversed(grid.lines[max(0, words[0].line - 4) : words[0].line]):
        if not row or words[0].y0 - max(w.y1 for w in row) > height * 5:
            break
        over = [w for w in row if w.x0 <= x1 and w.x1 >= x0]
        anchor = [w for w in over if _usable(w, page, taken)][:3]
        if anchor:
            return anchor
        if over:
            break  # something else sits right above
    return []


def _fingerprint(grid: PageGrid, page: int, taken: set[WordKey]) -> list[tuple[str, float, float]]:
    """The template's own words: not the learned values, nor item rows or a learned name's block (the
    buyer's address), which change from one invoice to the next."""
    varying = _item_row_words(grid) | _blocks_under_values(grid, page, taken)
    kept = [w for w in grid.words if _usable(w, page, taken) and w.index not in varying][:MAX_FINGERPRINT]
    return [(w.token, round(w.cx, 4), round(w.cy, 4)) for w in kept]


def _item_row_words(grid: PageGrid) -> set[int]:
    """The words of lines with two amounts or more (quantity x price = total): rows of the item table."""
    words: set[int] = set()
    for line in range(len(grid.lines)):
        text, _ = grid.line_text(line)
        if sum(1 for m in AMOUNT_PATTERN.finditer(text) if "," in m.group(0) or "." in m.group(0)) >= 2:
            words.update(w.index for w in grid.lines[line])
    return words


def _blocks_under_values(grid: PageGrid, page: int, taken: set[WordKey]) -> set[int]:
    """The words stacked under a learned name at its left edge (the buyer's address under its name)."""
    block: set[int] = set()
    for word in grid.words:
        if (page, word.index) not in taken or not word.token.isalpha() or word.index in block:
            continue
        for below in range(word.line + 1, min(len(grid.lines), word.line + 4)):
            column = [w for w in grid.lines[below] if w.x0 >= word.x0 - 0.01]  # another column may sit left
            if any((page, w.index) in taken for w in column) or not any(
                abs(w.x0 - word.x0) < 0.01 for w in column
            ):
                break
            block.update(w.index for w in column)
    return block


def _key(fingerprint: list[list[tuple[str, float, float]]]) -> str:
    first = fingerprint[0] if fingerprint else []
    text = " ".join(f"{t}@{round(x, 2)},{round(y, 2)}" for t, x, y in first)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------- match


@dataclass(frozen=True, slots=True)
class Placement:
    """How a memory's pages sit on a new document's pages."""

    similarity: float
    transforms: dict[int, Transform]  # page index -> transform


def place(memory: LayoutMemory, grids: Sequence[PageGrid]) -> Placement:
    """How much of the memory's template is found in place on the new pages (page 1 decides)."""
    transforms: dict[int, Transform] = {}
    similarity = 0.0
    for index, prints in enumerate(memory.fingerprint[: len(grids)]):
        transform, share = _fit(prints, grids[index])
        transforms[index] = transform if share > 0.2 or index == 0 else transforms[0]
        if index == 0:
            similarity = share
    return Placement(similarity, transforms)


def _fit(prints: list[tuple[str, float, float]], grid: PageGrid) -> tuple[Transform, float]:
    if not prints:
        return Transform(), 0.0
    index = grid.by_token
    present = sum(1 for token, _, _ in prints if token in index)
    if present < MATCH_THRESHOLD * len(prints):
        return Transform(), present / len(prints)  # cannot match wherever the words sit: not worth a fit
    counts: dict[str, int] = {}
    for token, _, _ in prints:
        counts[token] = counts.get(token, 0) + 1
    pairs = [
        (x, y, index[t][0].cx, index[t][0].cy)
        for t, x, y in prints
        if counts[t] == 1 and len(index.get(t, ())) == 1
    ]
    transform = fit_transform(pairs)
    tol_x, tol_y = _POSITION_TOLERANCE
    found = 0
    drifts: list[float] = []  # how far down (or up) each word found in its column but off its line sits
    for token, x, y in prints:
        px, py = transform.sx * x + transform.tx, transform.sy * y + transform.ty
        column = [w for w in index.get(token, ()) if abs(w.cx - px) <= tol_x]
        if any(abs(w.cy - py) <= tol_y for w in column):
            found += 1
        elif column:
            drifts.append(min((w.cy - py for w in column), key=abs))
    return transform, (found + _moved_together(drifts)) / len(prints)


def _moved_together(drifts: list[float]) -> int:
    """The largest group of words that moved by one same distance: a block pushed down by a longer table
    is still the template's (single words scattered anyhow are not)."""
    ordered = sorted(drifts)
    best, start = 0, 0
    for end, drift in enumerate(ordered):
        while drift - ordered[start] > _POSITION_TOLERANCE[1]:
            start += 1
        best = max(best, end - start + 1)
    return best if best >= 3 else 0


# ---------------------------------------------------------------------------------------------- recall


def recall(
    memory: LayoutMemory, grids: Sequence[PageGrid], placement: Placement
) -> tuple[dict[str, Field], float]:
    """The fields read at the memory's spots, and the share of anchors found."""
    fields: dict[str, Field] = {}
    anchored = found = 0
    for spot in memory.spots:
        if spot.page - 1 >= len(grids):
            continue
        grid, transform = grids[spot.page - 1], placement.transforms.get(spot.page - 1, Transform())
        if spot.anchor:
            anchored += 1
            hit = _anchor_hit(grid, spot, transform)
            if hit is None:
                continue
            found += 1
            box = _shifted(spot, hit.box, transform)
            exclude = {w.index for w in hit.words}
            min_x = hit.box[2] - 0.002 if spot.same_line else -1.0
        else:
            box, exclude, min_x = transform.box(spot.value_box), set(), -1.0
        value = _read(grid, spot, box, exclude, min_x)
        value = None if value is None else _as_remembered(spot, value)
        if value is None and spot.field == "seller_name" and spot.printed:
            value = _seller_printed_elsewhere(grid, spot, box)
        if value is not None:
            fields[spot.field] = value
    return fields, (found / anchored if anchored else 1.0)


def _as_remembered(spot: Spot, read: Field) -> Field | None:
    """OCR drops accents and digits: a name read as the approved one but for case, accents and punctuation
    keeps the approved spelling; a seller identifier that fails its checksum but is close to the approved
    (valid) one is taken for it, a little less surely. Anything else is kept as read."""
    if not spot.printed:
        return read
    if KINDS[spot.field] == "text":
        read_tokens, printed_tokens = _name_tokens(read.value), _name_tokens(spot.printed)
        if read_tokens[: len(printed_tokens)] == printed_tokens and (
            spot.part or read_tokens == printed_tokens
        ):
            return replace(read, value=spot.printed)
        if spot.part:
            return None  # where only part of a phrase was the name, no cut is known
        if spot.field == "seller_name" and _similar_names(read_tokens, printed_tokens):
            # The seller's own name is the same on every invoice of the layout: "Acme lta." is OCR's.
            return replace(read, value=spot.printed, confidence=_REPAIRED_CONFIDENCE)
        return read
    check = _CHECKS[spot.field]
    close = fuzz.ratio(_compact(read.value), _compact(spot.printed)) >= _REPAIR_SIMILARITY
    if check(read.value) is not None and check(spot.printed) is None and close:
        return replace(read, value=spot.printed, confidence=_REPAIRED_CONFIDENCE)
    return read


def _seller_printed_elsewhere(grid: PageGrid, spot: Spot, box: BBox) -> Field | None:
    """The seller's own name is the same on every invoice of its layout: when the remembered place shows
    something else (a letterhead set a line lower), the approved name printed nearest to it on the page."""
    runs = _Printed(grid).occurrences("text", spot.printed)
    if not runs:
        return None
    words = min(runs, key=lambda run: abs(run[0].y0 - box[1]) + abs(run[0].x0 - box[0]))
    return Field(spot.printed, _REPAIRED_CONFIDENCE, grid.page.number, _clipped(box_of(words)))


def _similar_names(read: list[str], printed: list[str]) -> bool:
    return fuzz.ratio(" ".join(read), " ".join(printed)) >= _REPAIR_SIMILARITY


def _anchor_hit(grid: PageGrid, spot: Spot, transform: Transform) -> AnchorHit | None:
    """The reading of the anchor nearest to where the template puts it; a misread word costs a little
    distance, so an exact word far away does not win over a misread one in place."""
    expected = transform.box(spot.anchor_box)

    def cost(hit: AnchorHit) -> float:
        box = hit.box
        return abs(box[0] - expected[0]) + abs(box[1] - expected[1]) + 2.0 * (1.0 - hit.similarity)

    hits = [h for h in find_anchors(grid, spot.anchor) if h.similarity >= 0.8]
    if not hits:
        return None
    nearest = min(hits, key=cost)
    box = nearest.box
    # Tables grow and push what is under them down the page; nothing moves sideways.
    return nearest if abs(box[0] - expected[0]) < _SIDEWAYS and abs(box[1] - expected[1]) < 0.5 else None


def _shifted(spot: Spot, anchor: BBox, transform: Transform) -> BBox:
    a, v = spot.anchor_box, spot.value_box
    sx, sy = transform.sx, transform.sy
    return (anchor[0] + sx * (v[0] - a[0]), anchor[1] + sy * (v[1] - a[1]),
            anchor[0] + sx * (v[2] - a[0]), anchor[1] + sy * (v[3] - a[1]))  # fmt: skip


def _read(grid: PageGrid, spot: Spot, box: BBox, exclude: set[int], min_x: float) -> Field | None:
    """The words printed at `box`, parsed as the field's type."""
    words = _words_at(grid, box, exclude, min_x)
    if not words:
        return None
    parsed = _parse(spot.field, words)
    if parsed is None:
        return _recognised(grid, spot, words)
    value, used = parsed
    return Field(value, RECALL_CONFIDENCE, grid.page.number, _clipped(box_of(used)))


def _words_at(grid: PageGrid, box: BBox, exclude: set[int], min_x: float) -> list[GridWord]:
    """The line nearest to `box`, and on it the phrases over its extent."""
    x0, y0, x1, y1 = box
    middle, half = (y0 + y1) / 2, max((y1 - y0) * 0.6, 0.004)
    rows = [row for row in grid.lines if row and abs(_middle(row) - middle) <= half]
    if not rows:
        return []
    row = min(rows, key=lambda row: abs(_middle(row) - middle))
    words = [w for w in row if w.index not in exclude and w.x0 >= min_x]
    return [w for phrase in _phrases(words) if _overlaps(phrase, x0, x1) for w in phrase]


def _recognised(grid: PageGrid, spot: Spot, words: list[GridWord]) -> Field | None:
    """A seller identifier OCR garbled past its finder ("FRO8 936…"): the remembered one if it is what
    the words spell once OCR's letter/digit slips are set aside."""
    if spot.field not in _REPAIRABLE or not spot.printed:
        return None
    text = ocr_folded(re.sub(r"[\s.\-]", "", "".join(w.word.text for w in words)))
    if ocr_folded(_compact(spot.printed)) not in text:
        return None
    return Field(spot.printed, _REPAIRED_CONFIDENCE, grid.page.number, _clipped(box_of(words)))


def _clipped(box: BBox) -> BBox:
    return (max(0.0, box[0]), max(0.0, box[1]), min(1.0, box[2]), min(1.0, box[3]))


def _middle(row: list[GridWord]) -> float:
    return sum(w.cy for w in row) / len(row)


def _phrases(words: list[GridWord]) -> list[list[GridWord]]:
    """Cut where the gap between two words is wider than about two character widths (as layout does)."""
    phrases: list[list[GridWord]] = []
    for word in words:
        if phrases:
            previous = phrases[-1][-1]
            height = max(min(previous.word.height, word.word.height), 1e-6)
            if word.word.x0 - previous.word.x1 <= height * PHRASE_GAP:
                phrases[-1].append(word)
                continue
        phrases.append([word])
    return phrases


def _overlaps(phrase: list[GridWord], x0: float, x1: float) -> bool:
    margin = 0.005
    return phrase[0].x0 <= x1 + margin and max(w.x1 for w in phrase) >= x0 - margin


def _parse(name: str, words: list[GridWord]) -> tuple[str, list[GridWord]] | None:
    kind = KINDS[name]
    if kind == "text":
        value = " ".join(w.word.text for w in words).strip(" :-–|")
        return (value, words) if len(value) >= 2 else None
    text, starts = _joined(words, glue=kind != "amount" and kind != "date")
    found = _FINDERS[kind](text)
    if found is None:
        return None
    value, start, end = found
    # The words the value was read from: the box shown to the reviewer.
    used = [w for w, s in zip(words, starts, strict=True) if s < end and s + len(w.word.text) > start]
    return value, used or words


def _joined(words: list[GridWord], *, glue: bool) -> tuple[str, list[int]]:
    """The words' text and where each starts. With `glue`, words that touch are one: OCR cuts a long
    number where no space is printed ("FA-202" "6-4139" is "FA-2026-4139")."""
    parts: list[str] = []
    starts: list[int] = []
    position = 0
    for index, word in enumerate(words):
        if index:
            previous = words[index - 1].word
            touching = glue and word.word.x0 - previous.x1 < _TOUCHING * min(
                previous.height, word.word.height
            )
            if not touching:
                parts.append(" ")
                position += 1
        starts.append(position)
        parts.append(word.word.text)
        position += len(word.word.text)
    return "".join(parts), starts


# ---------------------------------------------------------------------------------------------- use


def apply_memories(
    pages: Sequence[PageText], memories: Sequence[LayoutMemory], fields: dict[str, Field]
) -> LayoutMatch | None:
    """Read `pages` with the best matching memory first; recalled fields replace cold-start ones in place."""
    found = match_layout(pages, memories)
    if found is None:
        return None
    match, recalled = found
    fields.update(_totals_that_add_up(recalled, fields))
    return match


def _totals_that_add_up(recalled: dict[str, Field], cold: Mapping[str, Field]) -> dict[str, Field]:
    """Recalled totals that break HT + TVA = TTC give way to cold-start totals that keep it (an OCR slip
    at the remembered place, "190,55" for "32 190,55")."""
    names = ("total_excl_tax", "total_tax", "total_incl_tax")
    merged = {**cold, **recalled}
    if _adds_up(merged, names) is not False or _adds_up(cold, names) is not True:
        return recalled
    return {name: field for name, field in recalled.items() if name not in names or name not in cold}


def _adds_up(fields: Mapping[str, Field], names: tuple[str, str, str]) -> bool | None:
    try:
        excl, tax, incl = (Decimal(fields[name].value) for name in names)
    except (KeyError, InvalidOperation):
        return None
    return abs(excl + tax - incl) <= Decimal("0.01")


def match_layout(
    pages: Sequence[PageText], memories: Sequence[LayoutMemory]
) -> tuple[LayoutMatch, dict[str, Field]] | None:
    """The best memory for `pages` and the fields it reads there; None when no memory matches."""
    if not memories or not pages:
        return None
    grids = [PageGrid(page) for page in pages[:MAX_PAGES]]
    placed = sorted(
        ((place(memory, grids), index) for index, memory in enumerate(memories)),
        key=lambda item: -item[0].similarity,
    )
    for placement, index in placed:
        if placement.similarity < MATCH_THRESHOLD:
            break
        memory = memories[index]
        if not _letterhead_kept(memory, grids[0], placement.transforms.get(0, Transform())):
            continue
        recalled, anchors = recall(memory, grids, placement)
        if anchors < ANCHORS_FOUND or _other_seller(memory, recalled):
            continue
        match = LayoutMatch(index, memory.key, round(placement.similarity, 3), tuple(sorted(recalled)))
        return match, recalled
    return None


_LETTERHEAD_KEPT = 0.5  # share of the letterhead's words a page of the same layout shows


def _letterhead_kept(memory: LayoutMemory, grid: PageGrid, transform: Transform) -> bool:
    """The template's words printed above every field of its first page (a title, the issuer's header) are
    what tells two renderings of the same data apart: another stylesheet or tool shifts the same body
    under a header of its own. A page whose header has lost most of those words is another layout."""
    head = letterhead(memory)
    if len(head) < 2:
        return True  # nothing printed above the fields (the seller's name comes first): nothing to compare
    found = 0
    for token, x, _ in head:
        expected = transform.sx * x + transform.tx
        words = grid.by_token.get(token) or [
            w for near in _near_tokens(grid, token) for w in grid.by_token[near]
        ]
        found += any(abs(w.cx - expected) <= _SIDEWAYS for w in words)
    return found >= _LETTERHEAD_KEPT * len(head)


def letterhead(memory: LayoutMemory) -> list[tuple[str, float, float]]:
    """The fingerprint words of page 1 above the first field's anchor and value."""
    boxes = [box for spot in memory.spots if spot.page == 1 for box in (spot.anchor_box, spot.value_box)]
    if not boxes or not memory.fingerprint:
        return []
    top = min(box[1] for box in boxes)
    return [(token, x, y) for token, x, y in memory.fingerprint[0] if y < top]


def _near_tokens(grid: PageGrid, token: str) -> list[str]:
    """The page's words OCR may have made of `token` ("Rechnunq")."""
    return [
        found
        for found, _, _ in process.extract(token, grid.tokens, scorer=fuzz.ratio, score_cutoff=80, limit=3)
    ]


def _other_seller(memory: LayoutMemory, recalled: Mapping[str, Field]) -> bool:
    """A valid seller identifier, or another name, printed where the remembered one was: another seller
    using the same invoicing tool (a name OCR slipped on was already taken back to the approved one)."""
    for name, remembered in memory.seller_ids.items():
        read = recalled.get(name)
        if read is not None and _compact(read.value) != _compact(remembered) and _valid_id(name, read.value):
            return True
    name_read = recalled.get("seller_name")
    return name_read is not None and any(
        spot.field == "seller_name" and spot.printed and not spot.part and name_read.value != spot.printed
        for spot in memory.spots
    )


def _compact(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value).upper()


def _valid_id(name: str, value: str) -> bool:
    return _CHECKS[name](value) is None
