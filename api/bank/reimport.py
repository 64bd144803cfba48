"""A statement file read again, whole or in part: a bank id repeated inside one file, and lines changed since
they were last imported (a bank re-exports a period with a label completed or an amount corrected).

Lines carrying the bank's own id are the same line whatever their content: one already stored is compared
with what the file now says, column by column. Lines without an id are known by a hash of their content, so a
changed one looks new: it is paired with a stored line of another statement, booked the same day in the same
currency, that this file no longer holds, when either the amount or the words are the same. A changed line is
reported and not added: what was imported (and perhaps already applied to an invoice) stays as it was.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from api.bank.formats import RejectedLine, StatementLine
from api.bank.repository import NewLine, StoredLine

MAX_REPORTED = 1000  # repeated and changed lines kept for the report (all are counted)


@dataclass
class FileLines:
    """What an import remembers of a file's lines as they stream past: 64 bits of each bank id (to report a
    repeated one), the credits and debits of each currency (never added across currencies), the days
    spanned, and the content refs found already stored."""

    reports: list[RejectedLine] = field(default_factory=list)
    duplicates: int = 0
    changed: int = 0
    totals: dict[str, list[int]] = field(default_factory=dict)  # currency → [credits, debits]
    first: date | None = None
    last: date | None = None
    known_content: set[str] = field(default_factory=set)
    _ids: set[int] = field(default_factory=set)

    def take(self, line: StatementLine, ordinal: int) -> bool:
        """False for a line whose bank id came earlier in the file: reported, not imported."""
        if not line.line_ref.startswith("sha256:"):
            key = int.from_bytes(hashlib.blake2b(line.line_ref.encode(), digest_size=8).digest())
            if key in self._ids:
                self.duplicates += 1
                self.report(RejectedLine(line.line_no or ordinal, f"transaction id {line.bank_reference} "
                                         "already read earlier in this file", "duplicate_id",
                                         {"id": line.bank_reference or ""}))  # fmt: skip
                return False
            self._ids.add(key)
        sums = self.totals.setdefault(line.currency, [0, 0])
        sums[0 if line.amount > 0 else 1] += line.amount
        day = line.booking_date
        self.first = day if self.first is None or day < self.first else self.first
        self.last = day if self.last is None or day > self.last else self.last
        return True

    def report(self, rejected: RejectedLine) -> None:
        if len(self.reports) < MAX_REPORTED:
            self.reports.append(rejected)


def changed_by_id(known: list[tuple[NewLine, int]], stored: list[StoredLine], file_lines: FileLines) -> None:
    """Reports the lines read again under a bank id that now say something else than the stored line."""
    by_ref = {row[1]: row for row in stored}
    for row, line_no in known:
        before = by_ref.get(row[0])
        if before is None:
            continue
        fields = _differences(before, row)
        if fields:
            file_lines.changed += 1
            file_lines.report(_changed(line_no, before, fields))


def pair_changed(new: list[StoredLine], vanished: list[StoredLine]) -> list[tuple[StoredLine, StoredLine]]:
    """(new line, the stored line it replaces) for each new content-ref line that is a stored line changed:
    the same day and currency, and the same amount or the same words. Each stored line pairs once."""
    by_amount: dict[tuple[date, str, int], list[StoredLine]] = defaultdict(list)
    by_words: dict[tuple[date, str, str], list[StoredLine]] = defaultdict(list)
    for line in vanished:
        by_amount[(line[2], line[4], line[3])].append(line)
        by_words[(line[2], line[4], _words(line))].append(line)
    taken: set[uuid.UUID] = set()
    pairs = []
    for line in new:
        candidates = by_amount.get((line[2], line[4], line[3]), []) + by_words.get(
            (line[2], line[4], _words(line)), []
        )
        before = next((c for c in candidates if c[0] not in taken), None)
        if before is not None:
            taken.add(before[0])
            pairs.append((line, before))
    return pairs


def changed_line(line_no: int, before: StoredLine, now: StoredLine) -> RejectedLine:
    fields = _differences(before, (now[1], now[2], now[3], now[4], now[5], now[6], now[7], None))
    return _changed(line_no, before, fields)


def _differences(before: StoredLine, row: NewLine) -> list[str]:
    """The fields in which a row to insert differs from a stored line (words compared without case or
    spacing, as the content refs are)."""
    _, _, booking_date, amount, currency, payer, remittance, _ = before
    fields = []
    if booking_date != row[1]:
        fields.append("date")
    if amount != row[2] or currency != row[3]:
        fields.append("amount")
    if _fold(payer) != _fold(row[4]):
        fields.append("payer")
    if _fold(remittance) != _fold(row[5]):
        fields.append("label")
    return fields


def _changed(line_no: int, before: StoredLine, fields: list[str]) -> RejectedLine:
    reason = f"changed since the last import ({', '.join(fields)}); the line imported then is kept"
    params: dict[str, object] = {"fields": ", ".join(fields), "date": before[2].isoformat(),
                                 "status": before[7]}  # fmt: skip
    return RejectedLine(line_no, reason, "changed", params)


def _words(line: StoredLine) -> str:
    return f"{_fold(line[5])}\x1f{_fold(line[6])}"


def _fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split())
