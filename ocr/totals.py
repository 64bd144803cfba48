"""Invoice totals: every candidate near a totals label, then the set of values that adds up.

Labels are ambiguous ("Total HT" heads a column of line totals too, "TVA 20 %" a VAT row) and layouts put
figures anywhere, so the candidates of the three totals are scored together: excl. tax + tax = incl. tax,
the VAT rows' sum = the tax, no tax as large as its base; charges and discounts printed between the net and
gross totals ("Frais de port", "Remise") may make up the difference. The best-scoring combination wins; with
nothing adding up each total keeps its own best candidate at a lower confidence, unless the invoice says it
bears no VAT ("TVA non applicable, art. 293 B du CGI"): then the tax is zero and the net and gross totals are
one figure. The amount due is then the due candidate that equals the total incl. tax less what was paid
before.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from .amounts import format_amount
from .candidates import Candidate
from .document import Document, Line
from .line_sums import column_sum
from .model import Field, VatBreakdown
from .total_candidates import TotalCandidate, TotalsReading, read_totals
from .total_labels import ADJUSTMENTS, VAT_EXEMPTION
from .total_marks import lost_marks
from .total_qr_bill import qr_bill_amounts
from .unlabelled_totals import all_stacks, stacked_totals
from .vat_table import find_vat_rows

_KINDS = ("total_excl_tax", "total_tax", "total_incl_tax")
_TOP = 5  # candidate values per total tried in combinations
_TOLERANCE = Decimal("0.01")
_MAX_RATE = Decimal("0.3")  # no VAT rate reaches 30 %: a tax above that share of its base is not one
_ADDS_UP = 1.0  # excl. tax + tax = incl. tax: the strongest evidence there is
_VIA_ADJUSTMENTS = 0.9  # adds up only through the printed charges and discounts: a little less sure
_MAX_ADJUSTMENTS = 4  # charge and discount lines whose combinations are tried
_EXEMPT = 0.9  # confidence in a total read as the other one on an invoice that bears no VAT
_STAND_IN = 0.6  # how much that stand-in weighs against candidates of its own
_ZERO_TAX = 0.3  # a zero tax, not printed, on an invoice that bears no VAT: never above a printed tax
_VAT_ROWS_AGREE = 0.3
_IMPLAUSIBLE = 1.0
_UNBACKED = 0.01  # what a doubtful candidate adds when no arithmetic backs it: less than nothing
_CONSISTENCY_BONUS = 0.15
_NOTHING_ADDS_UP = 0.75
_DERIVED = 0.6  # a total worked out from the others, never printed (or not read)
_FROM_VAT_ROWS = 0.5
_DUE_MATCHES = 0.5
_NET_WORKED_OUT = 0.8  # what adding up is worth with a total worked out from the two others
_WORKED_OUT = 5000  # a worked-out total's tax is its rate to 1/5000 (a line-by-line rounding at most)
_DUE_AS_GROSS = 0.8  # a due amount standing for a gross total that is not printed
_LINES_SUM = 0.45  # above a lines column's first figure (0.41 at most), below any labelled figure
_LABELLED = 0.6  # a figure read beside a totals label scores this or more
_DUE_OR_TOTALS = (*_KINDS, "amount_due")
_STACKED = 0.45  # a figure under a labelled total, whose own label was not read: the arithmetic backs it
_DUE_BESIDE = 0.75  # a due amount read beside its label, not a figure under a sentence that says "due"


@dataclass(frozen=True, slots=True)
class Pick:
    value: Decimal
    score: float
    weak: bool
    cents: bool
    at: Candidate | None  # None for a value derived from others
    rate: Decimal | None = None  # the rate printed by a tax's label
    shown: float | None = None  # the confidence to give, when not the score it competed with
    worked_out: bool = False  # computed from the two other totals, so adding up with them proves nothing


@dataclass(frozen=True, slots=True)
class DerivedCandidate(Candidate):
    """A total computed from the others: it has a page but no box of its own."""

    def to_field(self, document: Document, confidence: float | None = None) -> Field:
        level = self.score if confidence is None else confidence
        return Field(self.value, round(min(1.0, level), 3), self.phrase.page, None)


@dataclass(frozen=True, slots=True)
class VatEvidence:
    tax: Decimal | None  # the VAT rows' tax sum
    base: Decimal | None  # the VAT rows' base sum

    @classmethod
    def of(cls, rows: list[VatBreakdown]) -> VatEvidence:
        if not rows:
            return cls(None, None)
        return cls(_sum(r.amount for r in rows), _sum(r.base for r in rows))


def locate_totals(document: Document) -> dict[str, Candidate]:
    reading = read_totals(document)
    reading.candidates.extend(lost_marks(document, reading.candidates))
    reading.candidates.extend(_partly_labelled_stacks(document, reading.candidates))
    reading.candidates.extend(_lines_sum(document, reading.candidates))
    qr_bill = qr_bill_amounts(document)
    if qr_bill:
        reading.candidates.extend(qr_bill)
        reading.labelled.add("amount_due")
    if not any(c.kind in _KINDS for c in reading.candidates):
        stacked = stacked_totals(document)  # no totals label read: figures that add up may stand for them
        if stacked:
            return stacked
    vat = VatEvidence.of(find_vat_rows(document))
    options = _all_options(reading, vat)
    if _mentions_exemption(document):
        _interchange(options, reading)
    adjustments = _adjustments(reading.candidates)
    offsets = _offsets([value for value, _ in adjustments])
    combos = itertools.product(*([*options[kind], None] for kind in _KINDS))
    dues = _unpaid_dues(reading)
    excl, tax, incl = max(combos, key=lambda combo: _score(combo, vat, offsets, dues))
    adds_up = _adds_up(excl, tax, incl, offsets) > 0
    if excl is not None and _adds_up(excl, tax, incl, offsets) == _VIA_ADJUSTMENTS:
        if not _outside_tax_base(adjustments, excl, tax, incl, _non_vat_charges(reading.candidates)):
            excl = _net_after_adjustments(excl, tax, incl)
    if adds_up and excl is not None and incl is not None:
        tax = _exact_tax(excl, tax, incl)
    if adds_up and tax is not None and tax.at is None and tax.value == 0 and excl and incl:
        tax = replace(tax, shown=min(_shown(excl), _shown(incl)))  # stated as surely as the totals are read
    chosen: dict[str, Pick | None] = {"total_excl_tax": excl, "total_tax": tax, "total_incl_tax": incl}
    chosen = {name: _confidence(pick, adds_up) for name, pick in chosen.items()}
    if chosen["total_excl_tax"] is None:
        chosen["total_excl_tax"] = _net_above_gross(reading.candidates, chosen["total_tax"], incl)
    if chosen["total_incl_tax"] is None and not _paid_before(reading) and "total_tax" not in reading.labelled:
        chosen["total_incl_tax"] = _due_for_gross(reading, chosen["total_excl_tax"])
    chosen.update(_derived(chosen, vat, options, reading.labelled))
    if adds_up and tax is not None and excl is not None and incl is not None:
        chosen["total_tax"] = _signed_tax(chosen["total_tax"], excl.value, incl.value)
    readable = _readable_dues(reading, chosen["total_incl_tax"])
    chosen["amount_due"] = _amount_due(readable, chosen["total_incl_tax"], reading.labelled)
    anchor = next((p.at for p in chosen.values() if p is not None and p.at is not None), None)
    return {
        name: _as_candidate(pick, anchor)
        for name, pick in chosen.items()
        if pick is not None and (pick.at is not None or anchor is not None)
    }


def _lines_sum(document: Document, candidates: list[TotalCandidate]) -> list[TotalCandidate]:
    """With no totals label read but a lines table's "Total" column header, whose first line's amount is the
    only figure read for a total, the sum of that column stands for the total OCR lost."""
    totals = [c for c in candidates if c.kind in _DUE_OR_TOTALS]
    if len({(c.value, c.at.order) for c in totals}) != 1 or totals[0].score >= _LABELLED:
        return []
    found = column_sum(document)
    if found is None or found[3] != totals[0].at.order:
        return []
    kind, value, at, _ = found
    return [TotalCandidate(kind, value, _LINES_SUM, False, True, None, replace(at, score=_LINES_SUM))]


def _partly_labelled_stacks(document: Document, candidates: list[TotalCandidate]) -> list[TotalCandidate]:
    """The figures of a stack that adds up (net + tax = gross, each alone on its line) of which one was read
    beside its label as that very total: the others stand for the totals whose labels OCR lost."""
    labelled = {(c.kind, c.at.order, c.value) for c in candidates}
    found = []
    for stack in all_stacks(document):
        if not any((kind, at.order, Decimal(at.value)) in labelled for kind, at in stack.items()):
            continue
        for kind, at in stack.items():
            if (kind, at.order, Decimal(at.value)) not in labelled:
                scored = replace(at, score=_STACKED)
                found.append(TotalCandidate(kind, Decimal(at.value), _STACKED, True, True, None, scored))
    return found


def _all_options(reading: TotalsReading, vat: VatEvidence) -> dict[str, list[Pick]]:
    options = {kind: _options(reading.candidates, kind) for kind in _KINDS}
    for total in (vat.tax, _rated_sum(reading.candidates), *reading.column_taxes):
        if total is not None and total not in {o.value for o in options["total_tax"]}:
            # The VAT rows' sum, that of the tax lines of several rates ("TVA 5,5 %", "TVA 20 %") or of the
            # lines' tax column stands for a total tax that is not printed or was not read; taken when it
            # makes the totals add up.
            options["total_tax"].append(Pick(total, _FROM_VAT_ROWS, True, True, None))
    if not _paid_before(reading):
        options["total_incl_tax"].extend(_due_as_gross(options["total_incl_tax"], reading.candidates))
    net = "total_excl_tax"
    if net in reading.labelled:
        unread = net in reading.unread or not any(o.cents for o in options[net])
        found = _net_from_gross(options["total_tax"], options["total_incl_tax"], rated=not unread)
        if unread:
            found += _net_from_rated_taxes(_rated_sum(reading.candidates), options["total_incl_tax"])
        options[net].extend(p for p in found if p.value not in {o.value for o in options[net]})
    found = _tax_from_net(options[net], options["total_tax"], options["total_incl_tax"])
    options["total_tax"].extend(p for p in found if p.value not in {o.value for o in options["total_tax"]})
    return options


def _net_from_gross(taxes: list[Pick], grosses: list[Pick], *, rated: bool) -> list[Pick]:
    """The best-read gross less the best-read tax, as the net total: when "Total HT" is printed with a
    figure OCR could not read ("2", or nothing), or, `rated`, when the tax's printed rate of that net is the
    tax ("TVA 10 %: 453,53" under a net read "535,31" for 4 535,31); never against a printed rate."""
    if not taxes or not grosses:
        return []
    tax, incl = taxes[0], grosses[0]
    if not (tax.at and incl.at and tax.cents and incl.cents) or (rated and tax.rate is None):
        return []  # from printed figures only
    net = Pick(
        incl.value - tax.value, _DERIVED * min(tax.score, incl.score), False, True, None, worked_out=True
    )
    plausible = 0 < tax.value <= net.value * _MAX_RATE
    return [net] if plausible and (tax.rate is None or _rate_agrees(net, tax, _WORKED_OUT)) else []


def _net_from_rated_taxes(taxes: Decimal | None, grosses: list[Pick]) -> list[Pick]:
    """ "Sous-total | 1" (OCR lost the figure) over "TVA 20 %", "TVA 5,5 %" and "Total": the printed gross
    less the sum of the taxes of each rate is the net total."""
    if taxes is None or not grosses or grosses[0].at is None or not grosses[0].cents:
        return []
    incl = grosses[0]
    net = incl.value - taxes
    if not 0 < taxes <= net * _MAX_RATE:
        return []
    return [Pick(net, _DERIVED * incl.score, False, True, None, worked_out=True)]


def _tax_from_net(nets: list[Pick], taxes: list[Pick], grosses: list[Pick]) -> list[Pick]:
    """The best-read gross less the best-read net, as the tax, when a tax label's printed rate of the net is
    exactly that ("IVA 22%: 957,95" read for 957,55 under 4 352,50 and 5 310,05)."""
    printed = [p for p in (nets[:1] + grosses[:1]) if p.at is not None and p.cents]
    if len(printed) != 2:
        return []
    excl, incl = printed
    tax = Pick(
        incl.value - excl.value, _DERIVED * min(excl.score, incl.score), False, True, None, worked_out=True
    )
    return [tax] if tax.value > 0 and _rated(excl.value, tax.value, taxes) else []


def _due_as_gross(own: list[Pick], candidates: list[TotalCandidate]) -> list[Pick]:
    """ "Te betalen", "Net à payer" as the only bottom line: with nothing paid before, what is due is the
    gross total; believed only when the net and the tax add up to it, and less than a printed gross total."""
    seen = {p.value for p in own}
    return [
        replace(p, score=p.score * _DUE_AS_GROSS, weak=True, rate=None)
        for p in _options(candidates, "amount_due")
        if p.value not in seen
    ]


def _adjustments(candidates: list[TotalCandidate]) -> list[tuple[Decimal, int]]:
    """What each charge or discount line adds to the net total (a discount takes away, however signed):
    the last amount right of its label, the column of figures; with the line it is printed on."""
    last: dict[tuple[int, str], TotalCandidate] = {}
    for c in candidates:
        if c.kind in ADJUSTMENTS:
            known = last.get((c.at.order, c.kind))
            if known is None or (c.at.phrase.x0, c.at.start) > (known.at.phrase.x0, known.at.start):
                last[(c.at.order, c.kind)] = c
    lines = sorted(last.values(), key=lambda c: c.at.order)[
        -_MAX_ADJUSTMENTS:
    ]  # the totals close the invoice
    return [(-abs(c.value) if c.kind == "discount" else c.value, c.at.order) for c in lines]


def _outside_tax_base(
    adjustments: list[tuple[Decimal, int]],
    excl: Pick,
    tax: Pick | None,
    incl: Pick | None,
    non_vat: list[Decimal],
) -> bool:
    """Charges printed below the tax line ("Total TVA", then "Taxe de séjour", then "Total TTC") are
    outside the VAT base: the gross includes them, the printed net total stays what it is. A tax other than
    VAT (`non_vat`: a tourist tax among the lines of a hotel folio) is outside it wherever printed."""
    if tax is None or tax.at is None or incl is None:
        return False
    after = [value for value, order in adjustments if order > tax.at.order] + non_vat
    gap = incl.value - excl.value - tax.value
    return any(_same(offset, gap) for offset in _offsets(after))


def _non_vat_charges(candidates: list[TotalCandidate]) -> list[Decimal]:
    """The figure of each line charging a tax other than VAT (the last one right of its label)."""
    last: dict[int, TotalCandidate] = {}
    for c in candidates:
        if c.kind == "charge" and c.outside_base:
            known = last.get(c.at.order)
            if known is None or (c.at.phrase.x0, c.at.start) > (known.at.phrase.x0, known.at.start):
                last[c.at.order] = c
    return [c.value for c in last.values()][-_MAX_ADJUSTMENTS:]


def _offsets(adjustments: list[Decimal]) -> frozenset[Decimal]:
    """The sums of the charge and discount lines taken together or in part (one may be a line item)."""
    sums = {
        sum(subset, Decimal(0))
        for size in range(1, len(adjustments) + 1)
        for subset in itertools.combinations(adjustments, size)
    }
    return frozenset(sums - {Decimal(0)})


def _mentions_exemption(document: Document) -> bool:
    """A mention anywhere but in a line item's cell; there ("Tax Exempt" in the tax column of one line) it
    exempts the whole invoice only when no other line item prints a rate of its own ("7.00%")."""
    mentioned = [line for line in document.lines if VAT_EXEMPTION.search(line.text)]
    if any(not _item_cell(line) for line in mentioned):
        return True
    return bool(mentioned) and not any(
        _item_cell(line) is None and _RATE.search(line.text) for line in document.lines if _is_item(line)
    )


_RATE = re.compile(r"(?<![\d.,])(?:[1-9]\d?|0[.,]\d*[1-9])(?:[.,]\d+)?\s?%")


def _is_item(line: Line) -> bool:
    """A line item's row: at least three cells besides the first holding figures (quantity, price, amount)."""
    return len(line.phrases) >= 4 and sum(any(c.isdigit() for c in p.text) for p in line.phrases[1:]) >= 3


def _item_cell(line: Line) -> bool | None:
    """True when the line is a line item whose exemption mention is a cell of its own, None when the line is
    a line item without one, False otherwise."""
    if not _is_item(line):
        return False
    cells = [p for p in line.phrases if VAT_EXEMPTION.search(p.text)]
    return True if cells else None


def _interchange(options: dict[str, list[Pick]], reading: TotalsReading) -> None:
    """On an invoice that says it bears no VAT the net and gross totals are one figure and the tax is zero:
    each total's candidates (and the amount due, when nothing was paid before) stand in for the other, less
    surely than its own, so that a figure printed once is both and a printed tax still wins."""
    due = [] if "prepaid" in reading.labelled else _options(reading.candidates, "amount_due")
    excl, incl = options["total_excl_tax"], options["total_incl_tax"]
    extra = {
        "total_excl_tax": _stand_ins(excl, [*incl, *due]),
        "total_incl_tax": _stand_ins(incl, [*excl, *due]),
    }
    for kind, picks in extra.items():
        options[kind].extend(picks)
    options["total_tax"].append(Pick(Decimal("0.00"), _ZERO_TAX, True, True, None))  # only if it adds up


def _stand_ins(own: list[Pick], others: list[Pick]) -> list[Pick]:
    """The other total's candidates that are better read than any of this total's own: a "Total TTC" printed
    apart from the "Total HT" says the two differ, whatever the mention says."""
    seen = {p.value for p in own}
    best = max((p.score for p in own), default=0.0)
    found = []
    for pick in others:
        if pick.value not in seen and pick.score > best:
            seen.add(pick.value)
            found.append(replace(pick, score=pick.score * _STAND_IN, rate=None, shown=pick.score * _EXEMPT))
    return found


def _shown(pick: Pick) -> float:
    return pick.score if pick.shown is None else pick.shown


def _rated_sum(candidates: list[TotalCandidate]) -> Decimal | None:
    by_rate: dict[Decimal, TotalCandidate] = {}
    for c in candidates:
        if c.kind == "total_tax" and c.rate is not None and (c.cents or c.repaired):
            if c.rate not in by_rate or c.score > by_rate[c.rate].score:
                by_rate[c.rate] = c
    return sum((c.value for c in by_rate.values()), Decimal(0)) if len(by_rate) >= 2 else None


def _options(candidates: list[TotalCandidate], kind: str) -> list[Pick]:
    """The best-placed candidate of each distinct value, strongest first."""
    best: dict[Decimal, TotalCandidate] = {}
    for candidate in candidates:
        if candidate.kind != kind:
            continue
        known = best.get(candidate.value)
        if known is None or (candidate.score, candidate.at.order) > (known.score, known.at.order):
            best[candidate.value] = candidate
    ranked = sorted(best.values(), key=lambda c: (-c.score, -c.at.order))[:_TOP]
    return [Pick(c.value, c.score, c.weak, c.cents, c.at, c.rate) for c in ranked]


def _paid_before(reading: TotalsReading) -> bool:
    """A prepayment is mentioned, unless every figure read for it is zero ("Paid To Date | $0.00")."""
    if "prepaid" not in reading.labelled:
        return False
    paid = [c.value for c in reading.candidates if c.kind == "prepaid"]
    return not paid or any(value != 0 for value in paid)


def _net_above_gross(candidates: list[TotalCandidate], tax: Pick | None, incl: Pick | None) -> Pick | None:
    """ "Total: 4 360.60" over "Total with tax: 5 232.72": a bare total printed above the gross total and
    smaller than it by no more than a VAT rate is the net total; with a tax read, it must add up with it."""
    if incl is None or incl.at is None or incl.value <= 0:
        return None
    page, order = incl.at.phrase.page, incl.at.order
    above = [
        c for c in candidates
        if c.kind == "total_incl_tax" and c.at.order < order and c.at.phrase.page == page
        and 0 < incl.value - c.value <= c.value * _MAX_RATE
        and (tax is None or _same(c.value + tax.value, incl.value))
    ]  # fmt: skip
    if not above:
        return None
    nearest = max(above, key=lambda c: (c.at.order, c.score))
    return Pick(nearest.value, nearest.score * _NOTHING_ADDS_UP, False, nearest.cents, nearest.at)


def _due_for_gross(reading: TotalsReading, excl: Pick | None) -> Pick | None:
    """ "Subtotal", "Paid To Date: 0.00", "Balance Due" on an invoice that prints no tax: with nothing paid
    before, what is due is the gross total (the net one too, when read: no tax lies between them)."""
    dues = [p for p in _options(reading.candidates, "amount_due") if not p.weak and p.score >= _DUE_BESIDE]
    if not dues or (excl is not None and not _same(dues[0].value, excl.value)):
        return None
    best = dues[0]
    return Pick(best.value, best.score * _DERIVED, False, best.cents, best.at)


def _unpaid_dues(reading: TotalsReading) -> frozenset[Decimal]:
    """The printed amounts due, when nothing is said to be paid before: each is the gross total."""
    if _paid_before(reading):
        return frozenset()
    return frozenset(c.value for c in reading.candidates if c.kind == "amount_due")


def _score(
    combo: tuple[Pick | None, ...],
    vat: VatEvidence,
    offsets: frozenset[Decimal],
    dues: frozenset[Decimal] = frozenset(),
) -> tuple[float, int]:
    excl, tax, incl = combo
    adds_up = _adds_up(excl, tax, incl, offsets)
    if any(p is not None and p.worked_out for p in combo):
        adds_up = min(adds_up, _NET_WORKED_OUT)  # it adds up by construction: less than printed figures
    tax_agrees = tax is not None and tax.at is not None and _same(tax.value, vat.tax)
    base_agrees = excl is not None and vat.base is not None and _same(excl.value, vat.base)
    rate_agrees = _rate_agrees(excl, tax)
    with_cents = any(p is not None and p.cents for p in combo)
    score = 0.0
    for pick, backed in ((excl, base_agrees), (tax, tax_agrees or rate_agrees), (incl, False)):
        if pick is None:
            continue
        if adds_up or backed:
            score += pick.score
        elif pick.weak or (with_cents and not pick.cents):
            # "TVA 20 % : 1 028,80" (a VAT row's base) or "31702" among totals with cents (a misread):
            # taken only when the arithmetic backs them.
            score -= _UNBACKED
        else:
            score += pick.score
    due_agrees = incl is not None and incl.at is not None and not incl.weak and incl.value in dues
    score += _ADDS_UP * adds_up + _VAT_ROWS_AGREE * (tax_agrees + base_agrees + rate_agrees + due_agrees)
    score -= _IMPLAUSIBLE * _implausible(excl, tax, incl, discounted=0 < adds_up < _ADDS_UP)
    # Equal scores: the later candidates (totals close the invoice; line tables come before them).
    order = sum(p.at.order for p in (excl, tax, incl) if p is not None and p.at is not None)
    return round(score, 6), order


def _exact_tax(excl: Pick, tax: Pick | None, incl: Pick) -> Pick | None:
    """A tax not printed (or not read) but summed from VAT rows or a tax column may differ by a cent of
    rounding from the printed totals ("6,90 + 1 299,28 + 1 965,22" against 45 624,42 - 42 353,03): the
    printed net and gross totals define it exactly (EN 16931: BT-112 = BT-109 + BT-110)."""
    if tax is None or tax.at is not None or excl.at is None or incl.at is None:
        return tax
    exact = incl.value - excl.value
    if exact == tax.value or not _same(exact, tax.value) or (exact > 0) != (tax.value > 0):
        return tax
    return replace(tax, value=exact)


def _net_after_adjustments(subtotal: Pick, tax: Pick | None, incl: Pick | None) -> Pick:
    """EN 16931's total without VAT (BT-109) is the lines' sum less allowances plus charges: when only the
    subtotal before them is printed, the net is what the gross less the tax leaves."""
    assert tax is not None
    assert incl is not None
    return Pick(incl.value - tax.value, subtotal.score * _VIA_ADJUSTMENTS, False, True, None)


def _rate_agrees(excl: Pick | None, tax: Pick | None, share: int = 200) -> bool:
    """ "MwSt. 19 % : 269,80" under "Netto 1 420,00": the tax is its printed rate of the net total, within
    1/`share` of it (rounding line by line); a total worked out from others must match more closely."""
    if excl is None or tax is None or tax.rate is None:
        return False
    expected = abs(excl.value) * tax.rate / 100
    return abs(expected - abs(tax.value)) <= max(_TOLERANCE, expected / share)


def _adds_up(
    excl: Pick | None, tax: Pick | None, incl: Pick | None, offsets: frozenset[Decimal] = frozenset()
) -> float:
    """1 when excl. tax + tax = incl. tax, a little less when the printed charges and discounts are needed
    for it (net + shipping - discount + tax = gross), 0 when nothing adds up."""
    if excl is None or tax is None or incl is None:
        return 0.0
    # A credit note may print the tax unsigned between negative totals: -218,48 + 14,99 -> -233,47.
    if _same(excl.value + tax.value, incl.value) or _same(abs(excl.value) + abs(tax.value), abs(incl.value)):
        return _ADDS_UP
    gap = incl.value - excl.value - tax.value
    return _VIA_ADJUSTMENTS if any(_same(offset, gap) for offset in offsets) else 0.0


def _implausible(excl: Pick | None, tax: Pick | None, incl: Pick | None, discounted: bool = False) -> int:
    """Counts what no invoice prints: a tax beyond any VAT rate of its base, a net total above the gross
    (unless a discount printed between them makes up for it)."""
    faults = 0
    if (
        excl is not None
        and incl is not None
        and abs(excl.value) > abs(incl.value) + _TOLERANCE
        and not discounted
    ):
        faults += 1
    if tax is not None:
        base = excl.value if excl is not None else (incl.value if incl is not None else None)
        if base is not None and abs(tax.value) > abs(base) * _MAX_RATE + _TOLERANCE:
            faults += 1
    return faults


def _confidence(pick: Pick | None, adds_up: bool) -> Pick | None:
    if pick is None:
        return None
    score = min(1.0, _shown(pick) + _CONSISTENCY_BONUS) if adds_up else _shown(pick) * _NOTHING_ADDS_UP
    return Pick(pick.value, score, pick.weak, pick.cents, pick.at)


def _derived(
    chosen: dict[str, Pick | None], vat: VatEvidence, options: dict[str, list[Pick]], labelled: set[str]
) -> dict[str, Pick]:
    """The one total left out, worked out from the two others (tax = incl. - excl., and so on) when it is a
    plausible tax and either the VAT rows give the same, or its label is printed with nothing readable."""
    missing = [kind for kind in _KINDS if chosen[kind] is None]
    if len(missing) != 1:
        return {}
    kind = missing[0]
    excl, tax, incl = (chosen[k] for k in _KINDS)
    if kind == "total_tax" and excl is not None and incl is not None:
        values = (excl.value, incl.value - excl.value)
    elif kind == "total_incl_tax" and excl is not None and tax is not None:
        values = (excl.value, tax.value)
    elif kind == "total_excl_tax" and tax is not None and incl is not None:
        values = (incl.value - tax.value, tax.value)
    else:
        return {}
    base, tax_value = values
    if not (abs(tax_value) <= abs(base) * _MAX_RATE and (tax_value >= 0) == (base >= 0)):
        return {}
    backed = _same(tax_value, vat.tax) or _same(base, vat.base)
    backed = backed or (kind == "total_tax" and _rated(base, tax_value, options["total_tax"]))
    present = [p for p in (excl, tax, incl) if p is not None]
    cents = any(p.cents for p in present)
    read = [o for o in options[kind] if o.at is not None]
    unread = kind in labelled and all(cents and not o.cents for o in read)
    # Equal net and gross totals, read in two places, state a zero tax ("TVA non applicable").
    untaxed = tax_value == 0 and excl is not None and incl is not None and _apart(excl, incl) and not read
    if not (backed or unread or untaxed):
        return {}  # something readable was printed for it and did not add up: leave it out
    value = {"total_tax": tax_value, "total_incl_tax": base + tax_value, "total_excl_tax": base}[kind]
    confidence = _DERIVED * min(p.score for p in present)
    return {kind: Pick(value, confidence, False, cents, None)}


def _rated(base: Decimal, tax: Decimal, taxes: list[Pick]) -> bool:
    """ "TVA 20 %" printed with a figure OCR misread ("147,69" for 1 147,69): its rate of the net is the tax
    worked out from the net and gross totals."""
    net = Pick(base, 0.0, False, True, None)
    return any(t.rate is not None and _rate_agrees(net, replace(t, value=tax), _WORKED_OUT) for t in taxes)


def _apart(a: Pick, b: Pick) -> bool:
    return a.at is not None and b.at is not None and a.at.phrase is not b.at.phrase


def _signed_tax(tax: Pick | None, excl: Decimal, incl: Decimal) -> Pick | None:
    """Between negative totals an unsigned tax is negative too (a credit note printed that way)."""
    if tax is None or not (excl < 0 and incl < 0 < tax.value):
        return tax
    return Pick(-tax.value, tax.score, tax.weak, tax.cents, tax.at)


def _amount_due(candidates: list[TotalCandidate], incl: Pick | None, labelled: set[str]) -> Pick | None:
    """The due candidate equal to the gross total less what was paid before; with no due line, that
    difference itself (unless a prepayment is mentioned without a readable amount)."""
    paid = {abs(c.value) for c in candidates if c.kind == "prepaid"}
    options = _options(candidates, "amount_due")
    if incl is None:
        return options[0] if options else None
    expected = [incl.value - p * (1 if incl.value >= 0 else -1) for p in paid | {Decimal(0)}]
    if options:
        return max(options, key=lambda d: _due_score(d, incl, expected))
    if "prepaid" in labelled and not paid:
        return None
    value = min(expected, key=abs) if paid else incl.value
    return Pick(value, incl.score * _DERIVED, False, incl.cents, incl.at if value == incl.value else None)


def _readable_dues(reading: TotalsReading, incl: Pick | None) -> list[TotalCandidate]:
    """ "Montant à payer | 2 | €" under "Total TTC | 2 972,12 €": a due label printed with nothing but a
    figure without cents, where the gross total has them, is a label whose figure OCR lost; the due amount
    is then worked out from the gross as if no figure were printed."""
    if incl is None or not incl.cents or "amount_due" not in reading.unread:
        return reading.candidates
    return [c for c in reading.candidates if c.kind != "amount_due" or c.cents or c.repaired]


def _due_score(due: Pick, incl: Pick, expected: list[Decimal]) -> float:
    score = due.score + _DUE_MATCHES * any(_same(due.value, e) for e in expected)
    if abs(due.value) > abs(incl.value) + _TOLERANCE:
        score -= _IMPLAUSIBLE  # more due than the invoice's total
    return score


def _as_candidate(pick: Pick, anchor: Candidate | None) -> Candidate:
    value = format_amount(pick.value)
    if pick.at is not None:
        at = pick.at
        return Candidate(value, pick.score, at.phrase, at.start, at.end, at.order)
    assert anchor is not None
    return DerivedCandidate(value, pick.score, anchor.phrase, anchor.start, anchor.end, anchor.order)


def _same(a: Decimal, b: Decimal | None) -> bool:
    return b is not None and abs(a - b) <= _TOLERANCE


def _sum(values: Iterable[str | None]) -> Decimal | None:
    numbers = [Decimal(v) for v in values if v is not None]
    return sum(numbers, Decimal(0)) if numbers else None
