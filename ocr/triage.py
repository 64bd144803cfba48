"""Decide from the bytes (not the file name) what kind of document arrived."""

from __future__ import annotations

from typing import Literal

from .errors import EmptyDocument, UnsupportedDocument

Kind = Literal["pdf", "xml", "image"]

_IMAGE_MAGIC = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG\r\n\x1a\n",
    b"II*\x00",  # TIFF little-endian
    b"MM\x00*",  # TIFF big-endian
)


def triage(data: bytes, filename: str | None = None) -> Kind:
    if not data or data.isspace():  # isspace stops at the first other byte; strip would copy the file
        raise EmptyDocument("The file is empty.")
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "xml"
    hint = f" ({filename})" if filename else ""
    raise UnsupportedDocument(
        f"This file type is not supported{hint}: upload a PDF, an image (JPEG, PNG, TIFF) or an XML invoice."
    )
