"""Fixtures for the capture library: the dev corpus, and small documents generated on the fly."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "dev"

TextLine = tuple[float, float, float, str]  # x, y from the top, font size, text (points)


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"dev corpus not found at {CORPUS}")
    return CORPUS


def text_pdf(pages: list[list[TextLine]], width: float = 595.0, height: float = 842.0) -> bytes:
    """A minimal PDF whose pages carry the given Helvetica text lines (a real text layer)."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font_ref = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        stream = b"".join(
            b"BT /F1 %.1f Tf %.1f %.1f Td (%s) Tj ET\n" % (size, x, height - y, _escape(text))
            for x, y, size, text in lines
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content_ref = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.0f %.0f] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (width, height, content_ref, font_ref)
        )
        kids.append(len(objects))
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    return _assemble(objects)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _assemble(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def make_text_pdf() -> Callable[..., bytes]:
    return text_pdf


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares `width` x `height` pixels but holds almost no data: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def fake_tesseract(tmp_path: Path) -> Callable[[str], str]:
    """Write an executable shell script standing in for tesseract; returns its path."""

    def make(body: str) -> str:
        script = tmp_path / "tesseract"
        script.write_text("#!/bin/sh\n" + body + "\n")
        script.chmod(0o755)
        return str(script)

    return make
