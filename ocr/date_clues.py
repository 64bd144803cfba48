"""Clues to the invoice's dates beyond a label beside its value: a due-date clause wrapped across a line
break, "payable on receipt" (due on the issue date), and the order a document writes numeric dates in."""

from __future__ import annotations

import re

from . import labels
from .candidates import Candidate
from .dates import order_counts, order_evidence
from .document import Document
from .values import find_labelled_near_date

_WRAPPED = 0.8  # a due-date clause wrapped onto the next line: a label read across a line break
ON_RECEIPT = 0.7  # "payable à réception": the due date is the issue date, a step of reasoning away
# US dollars (not "CA$", "A$", "NZ$"...: those countries write the day first).
_DOLLARS = re.compile(r"(?<![A-Za-z])(?:US)?\$|\bUSD\b")
_EUROS = re.compile(r"€|\bEUR\b|\beuros?\b", re.IGNORECASE)


def wrapped_due(document: Document) -> list[Candidate]:
    """A due-date clause wrapped in a paragraph: "... Paiement" ends a line, "avant le 04/04/2025" opens the
    next one, left-aligned under it and a line apart."""
    found: list[Candidate] = []
    for above, line in zip(document.lines, document.lines[1:], strict=False):
        first = line.phrases[0]
        tail = labels.DUE_WRAPPED_TAIL.match(first.text)
        if (
            tail is None
            or above.page != line.page
            or not labels.DUE_WRAPPED_HEAD.search(above.phrases[-1].text)
        ):
            continue
        height = max(line.y1 - line.y0, 1.0)
        if line.y0 - above.y1 > height or abs(above.phrases[0].x0 - first.x0) > 2 * height:
            continue
        value = find_labelled_near_date(first.text[tail.end() :])
        if value is not None:
            start, end = tail.end() + value[1], tail.end() + value[2]
            score = _WRAPPED * (0.8 + 0.2 * first.span_confidence(start, end))
            found.append(Candidate(value[0], score, first, start, end, line.index))
    return found


# Payment terms as a number of days: "Net 30", "30 days net", "payable within 30 days", "à 30 jours",
# "Délai de paiement : 45 jours", "innerhalb von 14 Tagen", "14 Tage netto", "a 30 días", "a 30 gg", "entro 30
# giorni", "binnen 30 dagen". The due date is then the issue date plus the days.
_DAYS = r"(\d{1,3})"
_NET_TERMS = re.compile(
    rf"\bnet\s*{_DAYS}\b|\b{_DAYS}\s+(?:days|jours|tage|d[íi]as|giorni|gg|dagen)\s+(?:net(?:to)?|netos?)\b",
    re.IGNORECASE,
)
_TERMS = re.compile(
    rf"\b(?:within|in|sous|[àa]|innerhalb(?:\s+von)?|binnen|en|dentro\s+de|entro|a)\s+{_DAYS}\s*"
    r"(?:days?|jours|tage[n]?|d[íi]as|giorni|gg\.?|dagen)\b|"
    rf"\b(?:d[ée]lai\s+de\s+paiement|zahlungsziel|payment\s+terms?|terms)\s*:?\s*{_DAYS}\s*"
    r"(?:days?|jours|tage[n]?|d[íi]as|giorni|gg\.?|dagen)\b",
    re.IGNORECASE,
)
# A clause about paying ("payable", "Zahlung"), not delivering or keeping; neither lateness nor a discount
# ("2 % Skonto innerhalb 10 Tagen"), nor a month's end ("30 jours fin de mois": counted otherwise).
_PAYING = re.compile(
    r"\b(?:pay(?:ment|able)?|due|terms|paiement|payable|r[èe]glement|[ée]ch[ée]ance|zahlbar|zahlung\w*|pago|"
    r"pagadero|pagamento|pagabile|betaling|betalen|net)\b",
    re.IGNORECASE,
)
_NOT_TERMS = re.compile(
    r"\b(?:retard|late|verzug|mora|retraso|ritardo|achterstand|overdue|skonto|escompte|discount|sconto|"
    r"descuento|korting|fin\s+de\s+mois|end\s+of\s+(?:the\s+)?month|monatsende|fine\s+mese|final\s+de\s+mes|"
    r"einde\s+(?:van\s+de\s+)?maand|f\.?\s?m\.?)\b",
    re.IGNORECASE,
)
TERMS = 0.6  # a due date counted from the terms: arithmetic on two readings, weaker than a printed date


def terms_days(document: Document) -> int | None:
    """The days the payment terms give, when every terms clause of the document names the same number."""
    found = set()
    for line in document.lines:
        text = line.text
        if not _PAYING.search(text):
            continue
        net = [_days(m) for m in _NET_TERMS.finditer(text)]
        if net:
            found.update(net)
        elif not _NOT_TERMS.search(text):
            found.update(_days(m) for m in _TERMS.finditer(text))
    days = found - {0}
    return days.pop() if len(days) == 1 else None


def _days(match: re.Match[str]) -> int:
    return int(next(group for group in match.groups() if group))


def due_on_receipt(document: Document) -> bool:
    return any(labels.DUE_ON_RECEIPT.search(line.text) for line in document.lines)


def order_unknown(document: Document) -> bool:
    """Whether no numeric date of the document tells day from month (every one has both parts <= 12)."""
    return order_counts(p.text for p in document.phrases()) == (0, 0)


def month_first(document: Document) -> bool:
    """Month first when the unambiguous dates say so; when none is unambiguous ("03/05/2026" alone), when
    the invoice is in US dollars and names no euro: the way its country writes dates."""
    texts = [p.text for p in document.phrases()]
    evidence = order_evidence(texts)
    if evidence:
        return evidence > 0
    text = " ".join(texts)
    return bool(_DOLLARS.search(text)) and not _EUROS.search(text)
