"""Capture's warnings as codes with parameters, never as sentences to be read back.

The edge says a notice in the reader's language from its code (web: `warning.<code>` in the catalogues); the
plain English `message` is for the command line and the JSON API's `message`. Parameters are strings as read
(amounts as "1234.50", dates as ISO "2026-01-31"), so each edge writes them its own way.

Codes and their parameters:
- not_valid: field, value, kind (IBAN, BIC, SIREN, SIRET or vat), and reason (the checker's English
  explanation) for IBAN, BIC and vat
- not_email: field, value
- siret_siren, vat_siren: role (seller or buyer)
- totals: excl, tax, sum, incl
- due_before_issue: due, issue
- embedded_ignored: name, reason (why the embedded XML could not be read, in English)
- embedded_name: name
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_KIND_NAMES = {"IBAN": "IBAN", "BIC": "BIC", "SIREN": "SIREN", "SIRET": "SIRET", "vat": "VAT number"}
# What a SIREN or SIRET must be, said when the checker gives no reason of its own.
_KIND_RULES = {"SIREN": "9 digits, Luhn key", "SIRET": "14 digits, Luhn key"}
_ENGLISH = {
    "not_email": "{field}: '{value}' is not an e-mail address",
    "siret_siren": "{role}: SIRET does not start with SIREN",
    "vat_siren": "{role}: French VAT number does not match the SIREN",
    "totals": "totals: {excl} + {tax} = {sum}, but the total incl. tax reads {incl}",
    "due_before_issue": "due date {due} is before the issue date {issue}",
    "embedded_ignored": "embedded {name} ignored, the visible page was read instead: {reason}",
    "embedded_name": "the embedded invoice XML is named '{name}', not a standard Factur-X/ZUGFeRD name",
}


@dataclass(frozen=True, slots=True)
class Notice:
    """One warning about a captured invoice: a person should look again; nothing was changed."""

    code: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The notice as one plain English sentence (command line, JSON `message`)."""
        if self.code == "not_valid":
            return _not_valid_message(self.params)
        try:
            return _ENGLISH[self.code].format(**self.params)
        except (KeyError, IndexError):  # a code or a parameter this module does not know: say what it has
            return f"{self.code}: {self.params}"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params), "message": self.message}


def _not_valid_message(params: dict[str, str]) -> str:
    kind = params.get("kind", "")
    reason = params.get("reason") or _KIND_RULES.get(kind)
    said = f"'{params.get('value', '')}' is not a valid {_KIND_NAMES.get(kind, kind)}"
    said += f" ({reason})" if reason else ""
    return f"{params['field']}: {said}" if "field" in params else said
