"""Capture's warnings and failures as the pages say them. ocr/ writes each as an English sentence (the JSON
API returns them as they are); the known shapes are read back into a catalogue sentence (`warning.<code>`)
with their values, a field's name as its label. An unknown shape gets a general sentence, never English."""

from __future__ import annotations

import re

from api.documents.failures import FAILURE_CODES, failure_code
from web.i18n import Translator

_VALUE = r"'(?P<value>.*)'"
_SHAPES = [
    (re.compile(rf"(?P<field>\w+): {_VALUE} is not a valid (?P<kind>IBAN|BIC|SIREN|SIRET|VAT number)\b.*"),
     "not_valid"),
    (re.compile(rf"(?P<field>\w+): {_VALUE} is not an e-mail address"), "not_email"),
    (re.compile(r"(?P<role>seller|buyer): SIRET does not start with SIREN"), "siret_siren"),
    (re.compile(r"(?P<role>seller|buyer): French VAT number does not match the SIREN"), "vat_siren"),
    (re.compile(r"totals: (?P<excl>\S+) \+ (?P<tax>\S+) = (?P<sum>\S+), but the total incl\. tax reads "
                r"(?P<incl>\S+)"), "totals"),
    (re.compile(r"due date (?P<due>\S+) is before the issue date (?P<issue>\S+)"), "due_before_issue"),
    (re.compile(r"embedded (?P<name>.+?) ignored, the visible page was read instead: .*"),
     "embedded_ignored"),
    (re.compile(r"the embedded invoice XML is named '(?P<name>.*)', not a standard .*"), "embedded_name"),
]  # fmt: skip
_KINDS = {"IBAN": "IBAN", "BIC": "BIC", "SIREN": "SIREN", "SIRET": "SIRET", "VAT number": "vat"}


def capture_warning(t: Translator, warning: str) -> str:
    for pattern, code in _SHAPES:
        found = pattern.fullmatch(warning)
        if found:
            return t(f"warning.{code}", **_said(t, found.groupdict()))
    return t("warning.unknown")


_NUMBERS = ("excl", "tax", "sum", "incl")
_DATES = ("due", "issue")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _said(t: Translator, values: dict[str, str]) -> dict[str, str]:
    """The values written the reader's way: 1234,50 and 31/01/2026 in French."""
    said = dict(values)
    for name in _NUMBERS:
        if name in values and t.language == "fr":
            said[name] = values[name].replace(".", ",")
    for name in _DATES:
        if name in values:
            said[name] = _ISO_DATE.sub(r"\3/\2/\1", values[name])
    if "field" in values:
        said["field"] = t.code("field.", values["field"])
    if "role" in values:
        said["role"] = t(f"warning.role.{values['role']}")
    if "kind" in values:
        said["kind"] = t(f"warning.kind.{_KINDS[values['kind']]}")
    return said


def capture_failure(t: Translator, error: str) -> str:
    """Why a document could not be read (`Document.error`, English), in the reader's language."""
    code, params = failure_code(error)
    return t(f"french_everywhere.capture_failed.{code}", **params)


def capture_failures(t: Translator) -> dict[str, str]:
    """Every failure's sentence by code, for the upload page's script (the API gives `error_code`)."""
    return {
        code: t(f"french_everywhere.capture_failed.{code}", pages="…", limit="…") for code in FAILURE_CODES
    }
