"""Why a document's capture failed, as a code a page can say in its reader's language.

`Document.error` keeps capture's English sentence (the JSON API returns it); the sentences ocr/ writes by
default are recognised here. Anything else (a preview failure, a message with details) is "unreadable"."""

from __future__ import annotations

import re

from ocr import errors

_BY_SENTENCE = {
    errors.UnsupportedDocument.default_message: "unsupported",
    errors.EncryptedDocument.default_message: "encrypted",
    errors.CorruptDocument.default_message: "corrupt",
    errors.EmptyDocument.default_message: "empty",
    errors.NotAnInvoice.default_message: "not_an_invoice",
    errors.ImageTooLarge.default_message: "image_too_large",
    errors.OcrTimeout.default_message: "ocr_timeout",
    errors.OcrFailed.default_message: "ocr_failed",
}
# The sentences ocr/ writes with details of the case (the detail is English or technical: left out).
_BY_SHAPE = [
    (re.compile(r"The document has (?P<pages>\d+) pages; at most (?P<limit>\d+) are accepted\."),
     "too_many_pages"),
    (re.compile(r"This XML file (is not an invoice|has an invoice root element but none of an invoice's).*"),
     "not_an_invoice"),
    (re.compile(r"The (PDF cannot be opened|image cannot be decoded) .*"), "corrupt"),
    (re.compile(r"The PDF has no pages\.|The file is empty\."), "empty"),
    (re.compile(r"No text could be read on any page of the document\."), "no_text"),
]  # fmt: skip


def failure_code(error: str | None) -> tuple[str, dict[str, str]]:
    """("too_many_pages", {"pages": "120", "limit": "100"}) and the like; ("unreadable", {}) when unknown."""
    if error in _BY_SENTENCE:
        return _BY_SENTENCE[error], {}
    for shape, code in _BY_SHAPE:
        found = shape.fullmatch(error or "")
        if found:
            return code, found.groupdict()
    return "unreadable", {}


FAILURE_CODES = (*_BY_SENTENCE.values(), *(code for _, code in _BY_SHAPE), "unreadable")
