"""An invoice's warnings as stored, old and new, read as a code, its parameters and an English message.

Capture stores each warning as `{"code", "params", "message"}` (`ocr.Notice.to_dict`); the pages say it from
the code (`warning.<code>`), the JSON API returns all three. Invoices captured before kept plain English
sentences. They are not rewritten (no data migration: stored data never changes under anyone's feet); they
are read here, by the sentence shapes capture used to write, into the same three parts, the sentence itself
as the message. A sentence of no known shape reads as code "unknown".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

UNKNOWN = "unknown"
_KINDS = {"IBAN": "IBAN", "BIC": "BIC", "SIREN": "SIREN", "SIRET": "SIRET", "VAT number": "vat"}
_VALUE = r"'(?P<value>.*)'"
_OLD_SHAPES = [
    (re.compile(rf"(?P<field>\w+): {_VALUE} is not a valid (?P<kind>IBAN|BIC|SIREN|SIRET|VAT number)\b.*"),
     "not_valid"),
    (re.compile(rf"(?P<field>\w+): {_VALUE} is not an e-mail address"), "not_email"),
    (re.compile(r"(?P<role>seller|buyer): SIRET does not start with SIREN"), "siret_siren"),
    (re.compile(r"(?P<role>seller|buyer): French VAT number does not match the SIREN"), "vat_siren"),
    (re.compile(r"totals: (?P<excl>\S+) \+ (?P<tax>\S+) = (?P<sum>\S+), but the total incl\. tax reads "
                r"(?P<incl>\S+)"), "totals"),
    (re.compile(r"due date (?P<due>\S+) is before the issue date (?P<issue>\S+)"), "due_before_issue"),
    (re.compile(r"embedded (?P<name>.+?) ignored, the visible page was read instead: (?P<reason>.*)"),
     "embedded_ignored"),
    (re.compile(r"the embedded invoice XML is named '(?P<name>.*)', not a standard .*"), "embedded_name"),
    (re.compile(r"(?P<field>\w+) (?P<quote>['\"])(?P<value>.*)(?P=quote) cannot be used as it is; please "
                r"correct it"), "unusable"),
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class CaptureWarning:
    code: str
    params: dict[str, str] = field(default_factory=dict)
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params), "message": self.message}


def unusable(name: str, value: str) -> dict[str, Any]:
    """The warning stored when a field's value cannot fill its typed column (a date, an amount)."""
    message = f"{name} {value!r} cannot be used as it is; please correct it"
    return CaptureWarning("unusable", {"field": name, "value": value}, message).to_dict()


def read_warning(stored: object) -> CaptureWarning:
    """One stored warning, whatever its age; never raises, so an odd row cannot break a page or the API."""
    if isinstance(stored, str):
        return _read_sentence(stored)
    if isinstance(stored, dict) and isinstance(stored.get("code"), str):
        raw = stored.get("params")
        params = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
        message = stored.get("message")
        return CaptureWarning(stored["code"], params, message if isinstance(message, str) else stored["code"])
    return CaptureWarning(UNKNOWN, {}, str(stored))


def _read_sentence(sentence: str) -> CaptureWarning:
    for pattern, code in _OLD_SHAPES:
        found = pattern.fullmatch(sentence)
        if found:
            params = {name: value for name, value in found.groupdict().items() if name != "quote"}
            if "kind" in params:
                params["kind"] = _KINDS[params["kind"]]
            return CaptureWarning(code, params, sentence)
    return CaptureWarning(UNKNOWN, {}, sentence)
