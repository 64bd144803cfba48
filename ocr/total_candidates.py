"""Every amount that a totals label may name, with how much its place on the page says it belongs there.

A line is read as a row of tokens: labels (text that names a total), amounts, and other text, which ends a
label's reach. A label's amounts are those to its right up to the next text: the first one ("Total HT :
100,00"), and the last one, the column of figures at the right of a boxed summary ("TVA | 20 % | 1 000,00 |
200,00"). A label with nothing to its right heads a column: the amount under it in the next lines, each
amount going to the header it sits under, so a row of headers ("Total HT | TVA | Total TTC") over a row of
amounts gives each total its own figure.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TypeGuard

from .amounts import Money, format_amount, money_spans
from .candidates import Candidate
from .dates import DATE_PATTERN
from .document import Document, Line
from .layout import Phrase
from .total_labels import (
    ADJUSTMENTS,
    TotalLabel,
    classify,
    classify_adjustment,
    is_filler,
    is_qualifier,
    is_tax_qualifier,
    label_rates,
)

# How much an amount's place relative to its label is trusted.
SAME_PHRASE, RIGHT, RIGHTMOST, BETWEEN = 1.0, 0.92, 0.9, 0.7
UNDER_HEADER_ROW, UNDER_LABEL, RIGHT_NEARBY = 0.88, 0.7, 0.8
UNDER_ITEMS_HEADER = 0.55  # under a header beside "Qté", "Qty": a line's amount more often than a total
_NO_CENTS = 0.85  # "300": money is nearly always printed with cents; a bare integer is more often a count
_OCR_SLIP = 0.85  # "193;77": read through a misread decimal mark
_MAX_RIGHT = 4  # amounts to the right of one label that are considered
_LINES_BELOW = 3
_COLUMN_LINES = 60  # lines of a table whose tax column is summed
_COLUMN_GAP = 6  # line heights of blank that end a table
_NET_OR_GROSS = ("total_excl_tax", "total_incl_tax")
_QUALIFIED = 0.9
_MAX_RATE = Decimal(30)
_CENT = Decimal("0.01")
# The header of a column of quantities, in the six languages (hours and days are quantities too).
_QUANTITY = re.compile(
    r"qt[ée]s?|qte|qty|qtd|quantit[ée]s?|quantity|quantities|menge|anzahl|cantidad|cant|quantit[àa]|qt[àa]|"
    r"aantal|nb|nbre|hours|heures|hrs|stunden|jours|days|tage",
    re.IGNORECASE,
)
_LONGEST_QUANTITY = 12
_HEADER_ROW = 3  # phrases in a row of column headers


@dataclass(frozen=True, slots=True)
class Amount:
    money: Money
    phrase: Phrase
    x0: float
    x1: float
    qualified: str | None = None  # the total a following "HT" or "TTC" says it is


@dataclass(frozen=True, slots=True)
class Label:
    label: TotalLabel
    phrase: Phrase
    x0: float
    x1: float
    rate: Decimal | None  # the rate printed in it ("TVA 20 %")


@dataclass(frozen=True, slots=True)
class Qualifier:
    """ "HT", "TTC" right after an amount: says which total the amount is ("Total : 1 000,00 € HT")."""

    kind: str


@dataclass(frozen=True, slots=True)
class Barrier:
    """Text that is neither a totals label nor filler: a label's reach ends there."""


Token = Amount | Label | Qualifier | Barrier


@dataclass(frozen=True, slots=True)
class TotalCandidate:
    kind: str  # the total it would be ("total_excl_tax", ..., "prepaid")
    value: Decimal
    score: float
    weak: bool  # from a label that is believed only when the arithmetic backs it
    cents: bool  # printed with cents, as money nearly always is
    rate: Decimal | None  # the rate its label prints ("TVA 20 %"), which a tax must match
    at: Candidate  # where it was read, for the field's page and box
    outside_base: bool = False  # a charge outside the VAT base (a tourist tax), wherever it is printed
    repaired: bool = False  # a figure OCR bent, mended (`total_marks`): no cents were read, yet it has them


@dataclass(slots=True)
class TotalsReading:
    candidates: list[TotalCandidate]
    labelled: set[str]  # the kinds some label names, with or without an amount found for it
    column_taxes: list[Decimal] = field(default_factory=list)  # sums of the lines' tax columns
    unread: set[str] = field(default_factory=set)  # kinds a label prints with figures OCR mangled ("2")


def read_totals(document: Document) -> TotalsReading:
    columns = _quantity_columns(document)
    rows = [_without_quantities(_tokens(line), columns) for line in document.lines]
    reading = TotalsReading([], set())
    for index, tokens in enumerate(rows):
        headers: list[Label] = []
        for position, token in enumerate(tokens):
            if not isinstance(token, Label):
                continue
            reading.labelled.add(token.label.kind)
            right = _amounts_right(tokens, position)
            reading.candidates.extend(_right_candidates(token, right, index))
            reading.candidates.extend(_columns_named_above(document, rows, index, right))
            if right and not any(a.money.cents for a in right):
                reading.unread.add(token.label.kind)
            if not right and _currency_alone_right(document.lines[index], token):
                reading.unread.add(token.label.kind)  # "Total HT | €": OCR lost the figure, kept its sign
            if not right and token.label.kind not in ADJUSTMENTS:
                headers.append(token)  # a "Remise" column of the lines is no discount on the invoice
        beside = [(h, _beside(document, rows, index, h)) for h in headers]
        reading.candidates.extend(c for header, found in beside for c in found)
        headers = [header for header, found in beside if not found]
        if headers:
            reading.candidates.extend(_under_headers(document, rows, index, headers))
        reading.column_taxes.extend(_column_taxes(document, rows, index, headers))
    return reading


_CURRENCY_SIGN = re.compile(r"[€$£]|EUR|CHF|USD|GBP")


def _currency_alone_right(line: Line, label: Label) -> bool:
    """Whether the only text right of a label on its line is a currency sign: where its figure was."""
    right = [p for p in line.phrases if p.x0 >= label.x1 and p is not label.phrase]
    return len(right) == 1 and bool(_CURRENCY_SIGN.fullmatch(right[0].text.strip()))


def _columns_named_above(
    document: Document, rows: list[list[Token]], index: int, amounts: list[Amount]
) -> list[TotalCandidate]:
    """ "Total | 3 915,19 | 568,09 | 4 483,28" closing a VAT breakdown under "Montant HT | Montant TVA |
    Montant TTC": a totals row's figures, each under a column header naming a total, are those totals."""
    if len(amounts) < 2:
        return []
    headers = _header_row_above(document, rows, index)
    if not headers:
        return []
    height = max(document.lines[index].y1 - document.lines[index].y0, 1.0)
    found = []
    for amount in amounts:
        header = _header_over(headers, amount, height * 2)
        if header is not None:
            found.extend(_candidates(header, amount, UNDER_HEADER_ROW, index))
    return found if len({c.kind for c in found}) >= 2 else []


def _header_row_above(document: Document, rows: list[list[Token]], index: int) -> list[Label]:
    """The nearest row above on the page (a table's rows between) that holds two totals labels or more and no
    figure: the header of the columns the row at `index` sits in."""
    page = document.lines[index].page
    for above in range(index - 1, max(-1, index - _COLUMN_LINES), -1):
        if document.lines[above].page != page:
            break
        tokens = rows[above]
        labels = [t for t in tokens if _is_total_label(t)]
        if len(labels) >= 2 and not any(isinstance(t, Amount) for t in tokens):
            return labels
        if any(_is_total_label(t) for t in tokens):
            return []  # a totals line of its own: the columns, if any, end there
    return []


def _beside(document: Document, rows: list[list[Token]], index: int, label: Label) -> list[TotalCandidate]:
    """Amounts right of a label but on a neighbouring line, their baseline a little off the label's (another
    font size, or the label centred between two amounts)."""
    line = document.lines[index]
    top, bottom = label.phrase.y0, label.phrase.y1
    found = []
    for near in (index - 2, index - 1, index + 1, index + 2):
        if not 0 <= near < len(rows) or document.lines[near].page != line.page:
            continue
        tokens = rows[near]
        if not tokens or not all(isinstance(t, Amount) for t in tokens):
            continue  # a line of its own, or amounts that have a label there
        amounts = [
            t for t in tokens
            if isinstance(t, Amount) and t.x0 > label.x1 and t.phrase.y0 < bottom and t.phrase.y1 > top
        ]  # fmt: skip
        found.extend(_right_candidates(label, amounts, near, first=RIGHT_NEARBY))
    return found


def _tokens(line: Line) -> list[Token]:
    tokens: list[Token] = []
    for phrase in line.phrases:
        text = phrase.text
        dates = [(m.start(), m.end()) for m in DATE_PATTERN.finditer(text)]
        position = 0
        for money in [*money_spans(text, dates), None]:
            end = len(text) if money is None else money.start
            segment = text[position:end]
            if segment.strip() and not is_filler(segment):
                label = classify(segment) or classify_adjustment(segment)
                if label is not None and position > 0 and is_qualifier(segment):
                    tokens.append(Qualifier(label.kind))  # "300 € HT": the word qualifies the amount
                elif _postfix_row(tokens) and is_tax_qualifier(segment):
                    tokens.append(Qualifier("total_tax"))  # "… € HT  209,04 € TVA  … € TTC"
                elif label is None:
                    tokens.append(Barrier())
                else:
                    box = phrase.span_bbox(position, end)
                    rates = label_rates(segment)
                    rate = Decimal(rates[0]) if len(rates) == 1 else None
                    tokens.append(Label(label, phrase, box[0], box[2], rate))
            if money is not None:
                box = phrase.span_bbox(money.start, money.end)
                tokens.append(Amount(money, phrase, box[0], box[2]))
                position = money.end
    return tokens


def _postfix_row(tokens: list[Token]) -> bool:
    """Whether the row so far names its amounts after them: an amount qualified ("… € HT"), then another
    amount; a tax word next then names that second amount, not the figure after it."""
    return (
        len(tokens) >= 3
        and isinstance(tokens[-1], Amount)
        and isinstance(tokens[-2], Qualifier)
        and isinstance(tokens[-3], Amount)
    )


def _quantity_columns(document: Document) -> list[tuple[int, float, float, float]]:
    """Where the lines' quantities are printed: (page, x0, x1, bottom) of each "Qté", "Qty", "Menge" header
    in a row of headers (not "Paiement à 30 jours"), widened by a character height each side for figures set
    right or centred under it."""
    columns = []
    for line in document.lines:
        if len(line.phrases) < _HEADER_ROW:
            continue
        for word in (w for phrase in line.phrases for w in phrase.words):
            if len(word.text) <= _LONGEST_QUANTITY and _QUANTITY.fullmatch(_bare(word.text)):
                margin = word.height
                columns.append((line.page, word.x0 - margin, word.x1 + margin, word.y1))
    return columns


def _bare(word: str) -> str:
    return word.strip(".:()[]")


def _without_quantities(tokens: list[Token], columns: list[tuple[int, float, float, float]]) -> list[Token]:
    """ "Total | 6 | 7 600 e": an integer under a quantity header with an amount right of it is the sum of
    the quantities, never a total."""
    if not columns:
        return tokens
    kept: list[Token] = []
    for position, token in enumerate(tokens):
        if (
            isinstance(token, Amount)
            and not token.money.cents
            and any(isinstance(t, Amount) for t in tokens[position + 1 :])
            and _in_column(token, columns)
        ):
            continue
        kept.append(token)
    return kept


def _in_column(amount: Amount, columns: list[tuple[int, float, float, float]]) -> bool:
    page, top = amount.phrase.page, amount.phrase.y0
    return any(
        p == page and bottom <= top and x0 < amount.x1 and amount.x0 < x1 for p, x0, x1, bottom in columns
    )


def _amounts_right(tokens: list[Token], position: int) -> list[Amount]:
    amounts: list[Amount] = []
    for token in tokens[position + 1 :]:
        if isinstance(token, Qualifier) and amounts:
            amounts[-1] = replace(amounts[-1], qualified=token.kind)
            continue
        if not isinstance(token, Amount):
            break
        amounts.append(token)
    return amounts


def _right_candidates(
    label: Label, amounts: list[Amount], order: int, first: float | None = None
) -> list[TotalCandidate]:
    if label.label.kind == "total_tax":
        amounts = _tax_of_vat_row(label, amounts)
    if len(amounts) > _MAX_RIGHT:
        amounts = [*amounts[: _MAX_RIGHT - 1], amounts[-1]]
    found = []
    for rank, amount in enumerate(amounts):
        if rank == 0:
            placement = first or (SAME_PHRASE if amount.phrase is label.phrase else RIGHT)
        else:
            placement = RIGHTMOST if rank == len(amounts) - 1 else BETWEEN
        found.extend(_candidates(label, amount, placement, order))
    return found


def _tax_of_vat_row(label: Label, amounts: list[Amount]) -> list[Amount]:
    """ "VAT | 19,00 | 20.549,00 | 3.904,31", "TVA 20 % | 1 000,00 | 200,00": a rate, a base and the tax that
    is base x rate; only the tax is a tax amount (a total is never a rate nor a base)."""
    values = [a.money.value for a in amounts]
    rates = ([label.rate] if label.rate is not None else []) + values
    for rate in rates:
        if not 0 < rate <= _MAX_RATE:
            continue
        for base, tax in itertools.combinations(amounts, 2):
            if _is_tax_of(base.money.value, rate, tax.money.value) and rate not in (
                base.money.value,
                tax.money.value,
            ):
                return [tax]
    return amounts


def _is_tax_of(base: Decimal, rate: Decimal, tax: Decimal) -> bool:
    expected = abs(base) * rate / 100
    return tax != 0 and abs(expected - abs(tax)) <= max(_CENT, expected / 100)


def _under_headers(
    document: Document, rows: list[list[Token]], index: int, headers: list[Label]
) -> list[TotalCandidate]:
    """Amounts in the first row under the headers that has some, each under its nearest header."""
    line = document.lines[index]
    totals_row = _totals_row(rows[index], headers)
    placement = UNDER_HEADER_ROW if totals_row else UNDER_LABEL
    if not totals_row and any(_QUANTITY.fullmatch(_bare(w.text)) for p in line.phrases for w in p.words):
        placement = UNDER_ITEMS_HEADER  # the column of a table of lines: its first line's amount
    height = max(line.y1 - line.y0, 1.0)
    for following in document.lines[index + 1 : index + 1 + _LINES_BELOW]:
        if following.page != line.page or following.y0 - line.y1 > height * 3 * _LINES_BELOW:
            break
        tokens = rows[following.index]
        if any(_is_total_label(t) and _header_over(headers, t, height * 2) for t in tokens):
            break  # another label under these headers: they have no column of amounts
        found = []
        for amount in (t for t in tokens if isinstance(t, Amount)):
            header = _header_over(headers, amount, height * 2)
            if header is not None:
                found.extend(_candidates(header, amount, placement, following.index))
        if found:
            return [] if _more_rows(document, rows, following, headers, height) else found
    return []


def _more_rows(
    document: Document, rows: list[list[Token]], first: Line, headers: list[Label], height: float
) -> bool:
    """Whether the row of amounts under the headers is the first of several: a VAT breakdown by rate
    ("Taux | Base HT | TVA | TTC" over a row per rate) or a table of lines, whose rows are no totals."""
    if first.index + 1 >= len(document.lines):
        return False
    following = document.lines[first.index + 1]
    if following.page != first.page or following.y0 - first.y1 > height * 2:
        return False
    tokens = rows[following.index]
    if any(_is_total_label(t) for t in tokens):
        return False  # a totals row after a row of figures ("Net à payer | 1 200,00")
    above = _columns(headers, rows[first.index], height)
    below = _columns(headers, tokens, height)
    return len(above & below) >= 2


def _columns(headers: list[Label], tokens: list[Token], height: float) -> set[int]:
    """The headers (by identity) that a row's amounts with cents sit under ("30 jours" in a sentence is no
    figure of a table)."""
    amounts = [t for t in tokens if isinstance(t, Amount) and t.money.cents]
    return {id(_header_over(headers, t, height * 2)) for t in amounts} - {id(None)}


def _totals_row(tokens: list[Token], headers: list[Label]) -> bool:
    """A row of totals headers ("Total HT | TVA | Total TTC"), not a table of lines whose header has a
    "Total" or "Tax" column among others."""
    texts = [t for t in tokens if not isinstance(t, Amount)]
    return len({h.label.kind for h in headers}) >= 2 and len(headers) * 2 >= len(texts)


def _column_taxes(
    document: Document, rows: list[list[Token]], index: int, headers: list[Label]
) -> list[Decimal]:
    """The sum of a "Tax" column of the lines (one tax amount a line), which is the total tax when the
    invoice prints none: the amounts under the header, down to the first line naming a total."""
    taxes = [h for h in headers if h.label.kind == "total_tax"]
    if len(taxes) != 1 or _totals_row(rows[index], headers):
        return []  # no tax column, or a row of totals headers
    header, line = taxes[0], document.lines[index]
    height, bottom = max(line.y1 - line.y0, 1.0), line.y1
    values = []
    for following in document.lines[index + 1 : index + 1 + _COLUMN_LINES]:
        if following.page != line.page or following.y0 - bottom > height * _COLUMN_GAP:
            break
        tokens = rows[following.index]
        if any(_is_total_label(t) for t in tokens):
            break
        for amount in (t for t in tokens if isinstance(t, Amount)):
            if _column_of(line, amount) is header.phrase:
                values.append(amount.money.value)
                bottom = following.y1
    return [sum(values, Decimal(0))] if len(values) >= 2 else []


def _column_of(header_line: Line, amount: Amount) -> Phrase:
    """The phrase of a header row that an amount sits under: the nearest across."""

    def distance(phrase: Phrase) -> tuple[float, float]:
        apart = max(0.0, phrase.x0 - amount.x1, amount.x0 - phrase.x1)
        return apart, abs((phrase.x0 + phrase.x1 - amount.x0 - amount.x1) / 2)

    return min(header_line.phrases, key=distance)


def _is_total_label(token: Token) -> TypeGuard[Label]:
    return isinstance(token, Label) and token.label.kind not in ADJUSTMENTS


def _header_over(headers: list[Label], amount: Amount | Label, reach: float) -> Label | None:
    """The header whose column the amount sits in: the nearest one across (0 when they overlap), within
    `reach`; a figure wider than its short header ("EUR 200.00" under "Tax") still belongs to it."""
    centre = (amount.x0 + amount.x1) / 2

    def distance(header: Label) -> tuple[float, float]:
        apart = max(0.0, header.x0 - amount.x1, amount.x0 - header.x1)
        return apart, abs((header.x0 + header.x1) / 2 - centre)

    nearest = min(headers, key=distance)
    return nearest if distance(nearest)[0] <= reach else None


def _candidates(label: Label, amount: Amount, placement: float, order: int) -> list[TotalCandidate]:
    """The amount as the total its label names, and as the second one it may name ("Total TTC à payer")."""
    if amount.qualified is not None and label.label.kind in _NET_OR_GROSS:
        label = replace(label, label=TotalLabel(amount.qualified, _QUALIFIED))
    found = [_candidate(label, amount, placement, order)]
    if label.label.also is not None:
        also = TotalLabel(label.label.also, label.label.strength * label.label.also_strength)
        found.append(
            _candidate(Label(also, label.phrase, label.x0, label.x1, None), amount, placement, order)
        )
    return found


def _candidate(label: Label, amount: Amount, placement: float, order: int) -> TotalCandidate:
    money = amount.money
    ocr = amount.phrase.span_confidence(money.start, money.end)
    score = label.label.strength * placement * (0.8 + 0.2 * ocr)
    score *= (1.0 if money.cents else _NO_CENTS) * (_OCR_SLIP if money.repaired else 1.0)
    at = Candidate(format_amount(money.value), score, amount.phrase, money.start, money.end, order)
    kind, weak = label.label.kind, label.label.weak
    outside = label.label.outside_base
    return TotalCandidate(kind, money.value, score, weak, money.cents, label.rate, at, outside)
