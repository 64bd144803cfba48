"""Capture's warnings and failures as the pages say them. A warning is said from its code and parameters
(`warning.<code>` in the catalogues), a field's name as its label; an older invoice's English sentence is
first read back into a code by api/invoices/capture_warnings.py. A code with no sentence, or whose sentence
asks for a value the warning lacks, gets a general sentence, never English."""

from __future__ import annotations

import re

from api.documents.failures import FAILURE_CODES, failure_code
from api.invoices.capture_warnings import UNKNOWN, read_warning
from web.i18n import Translator

_NUMBERS = ("excl", "tax", "sum", "incl")
_DATES = ("due", "issue")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def capture_warning(t: Translator, stored: object) -> str:
    """One of an invoice's stored warnings (new: code and params; older: an English sentence), said."""
    warning = read_warning(stored)
    if warning.code != UNKNOWN:
        try:
            said = t.get(f"warning.{warning.code}", **_said(t, warning.params))
        except (KeyError, IndexError):  # the sentence names a value this warning does not carry
            said = None
        if said:
            return said
    return t("warning.unknown")


def capture_warning_code(stored: object) -> str:
    """The warning's code, for the page's markup (`data-warning`)."""
    return read_warning(stored).code


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
        said["role"] = t.code("warning.role.", values["role"])
    if "kind" in values:
        said["kind"] = t.code("warning.kind.", values["kind"])
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
