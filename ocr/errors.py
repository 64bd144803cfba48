"""The capture library's own errors: every failure a caller can meet is one of these.

Each carries a sentence a person can read; the service shows it as is.
"""

from __future__ import annotations


class CaptureError(Exception):
    """Base of every error raised by `ocr.extract`."""

    default_message = "The document could not be read."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        return str(self.args[0])


class UnsupportedDocument(CaptureError):
    default_message = (
        "This file type is not supported: upload a PDF, an image (JPEG, PNG, TIFF) or an XML invoice."
    )


class EncryptedDocument(CaptureError):
    default_message = "The PDF is password-protected: remove the password and upload it again."


class CorruptDocument(CaptureError):
    default_message = "The file is damaged and cannot be opened."


class EmptyDocument(CaptureError):
    default_message = "The document has no pages or no readable content."


class NotAnInvoice(CaptureError):
    default_message = "This XML file is not an invoice (expected UN/CEFACT CII or UBL Invoice/CreditNote)."


class TooManyPages(CaptureError):
    def __init__(self, pages: int, limit: int) -> None:
        super().__init__(f"The document has {pages} pages; at most {limit} are accepted.")
        self.pages = pages
        self.limit = limit


class ImageTooLarge(CaptureError):
    default_message = "The image is too large to be processed safely (possible decompression bomb)."


class OcrTimeout(CaptureError):
    default_message = "Text recognition took too long and was stopped."


class OcrFailed(CaptureError):
    default_message = "Text recognition failed on this document."
