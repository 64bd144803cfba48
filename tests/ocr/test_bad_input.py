"""Documents that cannot be read end in the package's own errors, each with a clear message."""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

import ocr
from tests.ocr.conftest import png_header_only


def _blank_pdf(pages: int) -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def test_encrypted_pdf(make_text_pdf: Callable[..., bytes]) -> None:
    writer = pypdf.PdfWriter(
        clone_from=pypdf.PdfReader(io.BytesIO(make_text_pdf([[(50, 50, 12, "Facture 1")]])))
    )
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ocr.EncryptedDocument, match="password-protected"):
        ocr.extract(buffer.getvalue())


def test_corrupt_pdf() -> None:
    with pytest.raises(ocr.CorruptDocument, match="cannot be opened"):
        ocr.extract(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage, no xref, no trailer")


def test_pdf_without_pages(make_text_pdf: Callable[..., bytes]) -> None:
    with pytest.raises(ocr.EmptyDocument, match="no pages"):
        ocr.extract(make_text_pdf([]))


def test_pdf_over_the_page_limit_is_refused_before_any_reading() -> None:
    started = time.perf_counter()
    with pytest.raises(ocr.TooManyPages, match="500 pages; at most 100 are accepted") as caught:
        ocr.extract(_blank_pdf(500))
    assert (caught.value.pages, caught.value.limit) == (500, 100)
    assert time.perf_counter() - started < 5  # refused up front: no page was rendered or OCR'd


def test_empty_file() -> None:
    with pytest.raises(ocr.EmptyDocument, match="empty"):
        ocr.extract(b"  \n")


def test_unsupported_file_type() -> None:
    with pytest.raises(ocr.UnsupportedDocument, match=r"not supported \(notes.docx\)"):
        ocr.extract(b"PK\x03\x04 a zip file", filename="notes.docx")


def test_decompression_bomb_image_is_refused_without_decoding() -> None:
    with pytest.raises(ocr.ImageTooLarge, match="exceeds limit"):
        ocr.extract(png_header_only(100_000, 100_000))


def test_bomb_between_our_limit_and_pillows_is_refused_too() -> None:
    options = ocr.OcrOptions(max_image_pixels=1_000_000)
    with pytest.raises(ocr.ImageTooLarge):
        ocr.extract(png_header_only(2000, 2000), options=options)


def test_corrupt_image() -> None:
    with pytest.raises(ocr.CorruptDocument, match="cannot be decoded"):
        ocr.extract(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)


def _page_image() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (800, 600), 255).save(buffer, format="PNG")
    return buffer.getvalue()


def test_tesseract_that_crashes(fake_tesseract: Callable[[str], str]) -> None:
    options = ocr.OcrOptions(tesseract_cmd=fake_tesseract("echo 'Segmentation fault' >&2; exit 139"))
    with pytest.raises(ocr.OcrFailed, match="exit status 139.*Segmentation fault"):
        ocr.extract(_page_image(), options=options)


def test_tesseract_that_hangs_is_stopped(fake_tesseract: Callable[[str], str]) -> None:
    options = ocr.OcrOptions(tesseract_cmd=fake_tesseract("sleep 30"), tesseract_timeout_s=1)
    started = time.perf_counter()
    with pytest.raises(ocr.OcrTimeout, match="more than 1 s"):
        ocr.extract(_page_image(), options=options)
    assert time.perf_counter() - started < 10  # the child "sleep" was killed with its parent


def test_missing_tesseract_executable() -> None:
    options = ocr.OcrOptions(tesseract_cmd="/nonexistent/tesseract")
    with pytest.raises(ocr.OcrFailed, match="cannot run"):
        ocr.extract(_page_image(), options=options)


def test_every_error_is_a_capture_error_with_a_message() -> None:
    errors = [ocr.EncryptedDocument(), ocr.CorruptDocument(), ocr.EmptyDocument(), ocr.NotAnInvoice()]
    errors += [ocr.OcrTimeout(), ocr.OcrFailed(), ocr.UnsupportedDocument(), ocr.TooManyPages(3, 2)]
    for error in errors:
        assert isinstance(error, ocr.CaptureError)
        assert error.message.endswith(".")


def test_no_room_for_the_page_image_is_an_ocr_failure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The tesseract executable reads the page from a temporary file (the in-process engine needs none).
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "missing"))
    with pytest.raises(ocr.OcrFailed, match="temporary file"):
        ocr.extract(_blank_pdf(1), options=ocr.OcrOptions(tesseract_cmd=shutil.which("tesseract")))
