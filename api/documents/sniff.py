"""What a file really is, judged from its bytes (never from its name), and whether it is whole."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import filetype
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from PIL import Image, UnidentifiedImageError

import ocr
from api.errors import BadRequest, UnprocessableDocument, UnsupportedMediaType

PDF = "application/pdf"
XML = "application/xml"
IMAGE_TYPES = ("image/jpeg", "image/png", "image/tiff")
ACCEPTED = (PDF, XML, *IMAGE_TYPES)


@dataclass(frozen=True)
class Inspection:
    media_type: str
    page_count: int | None


def sniff_media_type(head: bytes) -> str | None:
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime if kind.mime in ACCEPTED else None
    return XML if _looks_like_xml(head) else None


def _looks_like_xml(head: bytes) -> bool:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            text = head[len(bom) :].decode(encoding, errors="ignore")
            break
    else:
        text = head.decode("utf-8", errors="ignore")
    text = text.lstrip()
    return text.startswith("<?xml") or (text.startswith("<") and text[1:2].isalpha())


def inspect_file(path: Path, *, filename: str, head: bytes, size: int) -> Inspection:
    """Refuse what we could never read, with a reason a person understands."""
    if size == 0:
        raise BadRequest(f"{filename!r} is empty.")
    media_type = sniff_media_type(head)
    if media_type is None:
        raise UnsupportedMediaType(
            f"{filename!r} is not a PDF, JPEG, PNG, TIFF or XML file (judged from its content)."
        )
    if media_type == PDF:
        return Inspection(media_type, _pdf_page_count(path, filename))
    if media_type == XML:
        _check_xml(path, filename)
        return Inspection(media_type, None)
    return Inspection(media_type, _image_page_count(path, filename))


def _pdf_page_count(path: Path, filename: str) -> int:
    try:
        return ocr.pdf_page_count(path.read_bytes())
    except ocr.EncryptedDocument as exc:
        raise UnprocessableDocument(
            f"{filename!r} is password-protected; upload an unprotected copy."
        ) from exc
    except ocr.EmptyDocument as exc:
        raise UnprocessableDocument(f"{filename!r} is a PDF with no pages.") from exc
    except ocr.CaptureError as exc:
        raise UnprocessableDocument(f"{filename!r} is a damaged or truncated PDF ({exc.message}).") from exc


def _image_page_count(path: Path, filename: str) -> int:
    try:
        with Image.open(path) as image:
            frames = getattr(image, "n_frames", 1)
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise UnprocessableDocument(f"{filename!r} is a damaged image ({exc}).") from exc
    return int(frames)


def _check_xml(path: Path, filename: str) -> None:
    try:
        ElementTree.parse(io.BytesIO(path.read_bytes()), forbid_dtd=False, forbid_entities=True)
    except DefusedXmlException as exc:
        raise UnprocessableDocument(f"{filename!r} declares XML entities, which are refused.") from exc
    except ElementTree.ParseError as exc:
        raise UnprocessableDocument(f"{filename!r} is not well-formed XML ({exc}).") from exc
