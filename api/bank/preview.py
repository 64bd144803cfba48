"""What the browser shows of a CSV statement before importing it: the columns recognised, the first lines as
written and as they would be read; and the uploaded file held meanwhile (under the data folder, per
organisation, for an hour at most) so the person confirms without sending it again. Nothing is imported here.
"""

from __future__ import annotations

import re
import secrets
import time
import uuid
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from api.bank.formats import CsvMapping, StatementError, StatementLine
from api.bank.formats.csv_detect import Detection, detect_csv
from api.bank.formats.csv_mapping import CsvStream
from api.bank.formats.lines import RejectedLine

PREVIEW_LINES = 10
HOLD_SECONDS = 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
ROLES = ("date", "amount", "credit", "debit", "payer", "reference", "currency", "id", "balance")


@dataclass(frozen=True)
class Preview:
    detection: Detection
    mapping: CsvMapping  # the detected one, or the one the person chose
    lines: tuple[StatementLine, ...]  # the first lines as the mapping reads them
    rejected: tuple[RejectedLine, ...]  # rows among them it cannot read
    error: StatementError | None  # the mapping cannot read the file at all


def is_csv(data: bytes) -> bool:
    """Neither XML (CAMT) nor OFX: text that only a column mapping can read."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return bool(head) and not head.startswith(b"<") and b"OFXHEADER" not in head.upper()


def preview(data: bytes, mapping: CsvMapping | None = None) -> Preview:
    """Raises StatementError (code "needs_mapping") when the file's columns are not recognised."""
    detection = detect_csv(data)
    chosen = mapping or detection.mapping
    try:
        stream = CsvStream(data, chosen)
        lines = tuple(islice(stream.lines(), PREVIEW_LINES))
    except StatementError as exc:
        return Preview(detection, chosen, (), (), exc)
    return Preview(detection, chosen, lines, tuple(stream.rejected[:PREVIEW_LINES]), None)


def mapping_spec(roles: dict[int, str], detected: CsvMapping) -> list[str]:
    """The mapping a person chose in the preview (a role per column position) in `service.mapping_from` form,
    with the detected reading options (rows to skip, delimiter, date format, decimal separator)."""
    spec = [
        f"{role}=#{position}"
        for position, role in sorted(roles.items())
        if role in ROLES and role != "balance"
    ]
    return [
        *spec,
        f"skip_rows={detected.skip_rows or 0}",
        f"delimiter={detected.delimiter or ';'}",
        f"date_format={detected.date_format}",
        f"decimal_comma={'yes' if detected.decimal_comma else 'no'}",
    ]


class PendingUploads:
    """Uploaded statements waiting for the person's confirmation: one file per token, under
    <data dir>/bank-pending/<organisation id>/, removed once imported or after an hour."""

    def __init__(self, data_dir: Path, organisation_id: uuid.UUID) -> None:
        self._folder = data_dir / "bank-pending" / str(organisation_id)

    def hold(self, data: bytes, filename: str | None) -> str:
        self._forget_old()
        self._folder.mkdir(parents=True, exist_ok=True)
        token = secrets.token_urlsafe(24)
        (self._folder / f"{token}.name").write_text((filename or "")[:300], encoding="utf-8")
        (self._folder / f"{token}.data").write_bytes(data)
        return token

    def get(self, token: str) -> tuple[bytes, str | None] | None:
        if not _TOKEN.fullmatch(token):
            return None
        try:
            data = (self._folder / f"{token}.data").read_bytes()
            name = (self._folder / f"{token}.name").read_text(encoding="utf-8")
        except OSError:
            return None
        return data, name or None

    def drop(self, token: str) -> None:
        if _TOKEN.fullmatch(token):
            for suffix in (".data", ".name"):
                (self._folder / f"{token}{suffix}").unlink(missing_ok=True)

    def _forget_old(self) -> None:
        if not self._folder.is_dir():
            return
        limit = time.time() - HOLD_SECONDS
        for path in self._folder.iterdir():
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
