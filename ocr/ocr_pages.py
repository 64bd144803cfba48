"""OCR of image pages: uploaded images, and PDF pages without a text layer.

Pages run in parallel (one tesseract process per page, `page_workers` at a time); a PDF page is
rendered only when a worker is about to be free, so memory holds a few pages, not the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

import pypdfium2 as pdfium
from PIL import Image

from .images import open_image_pages
from .layout import PageText, Word
from .ocr_words import parse_tsv
from .options import OcrOptions
from .pdfium_lock import PDFIUM_LOCK
from .tesseract import run_tesseract

# A page read upside down or sideways gives few, unsure words; only then is orientation detected
# (tesseract OSD costs as much as two thirds of a page's OCR, so it is not run on every page).
_DOUBTFUL_CONFIDENCE = 0.55
_MIN_WORDS = 15


def ocr_image_file(data: bytes, options: OcrOptions) -> list[PageText]:
    images = ((number, image, dpi) for number, (image, dpi) in enumerate(open_image_pages(data, options), 1))
    return _ocr_all(images, options)


def ocr_pdf_pages(pdf: pdfium.PdfDocument, numbers: list[int], options: OcrOptions) -> list[PageText]:
    return _ocr_all(_rendered(pdf, numbers, options.dpi), options)


def _rendered(
    pdf: pdfium.PdfDocument, numbers: list[int], dpi: int
) -> Iterator[tuple[int, Image.Image, int]]:
    for number in numbers:
        with PDFIUM_LOCK:
            page = pdf[number - 1]
            try:
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                try:
                    image = bitmap.to_pil().copy()  # our own pixels: the bitmap is freed now, under the lock
                finally:
                    bitmap.close()
            finally:
                page.close()
        yield number, image, dpi


def _ocr_all(images: Iterator[tuple[int, Image.Image, int]], options: OcrOptions) -> list[PageText]:
    workers = max(1, options.page_workers)
    done: list[PageText] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        running: set[Future[PageText]] = set()
        for number, image, dpi in images:
            # One page rendered ahead of the workers: the next page is ready when a worker frees up. Wait
            # for whichever page finishes first, not the oldest: a slow page (one turned upright) must not
            # leave the other workers idle behind it.
            while len(running) > workers:
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                done += [future.result() for future in finished]
            running.add(pool.submit(ocr_page, image, number, dpi, options))
        done += [future.result() for future in running]
    return sorted(done, key=lambda page: page.number)


def ocr_page(image: Image.Image, number: int, dpi: int, options: OcrOptions) -> PageText:
    words = parse_tsv(run_tesseract(image, options, dpi=dpi), dpi)
    if options.correct_orientation and _doubtful(words):
        rotation = _detect_rotation(image, options, dpi)
        if rotation:
            # PIL rotates counter-clockwise; OSD gives the clockwise turn that makes the page upright.
            image = image.rotate(-rotation, expand=True)
            rotated = parse_tsv(run_tesseract(image, options, dpi=dpi), dpi)
            words = rotated if _mean_confidence(rotated) > _mean_confidence(words) else words
    width, height = image.width * 72 / dpi, image.height * 72 / dpi
    return PageText(number=number, words=words, method="ocr", width=width, height=height)


def _doubtful(words: list[Word]) -> bool:
    return len(words) < _MIN_WORDS or _mean_confidence(words) < _DOUBTFUL_CONFIDENCE


def _mean_confidence(words: list[Word]) -> float:
    return sum(w.confidence for w in words) / len(words) if words else 0.0


def _detect_rotation(image: Image.Image, options: OcrOptions, dpi: int) -> int:
    osd_options = OcrOptions(
        languages="osd", tesseract_timeout_s=options.tesseract_timeout_s, tesseract_cmd=options.tesseract_cmd
    )
    try:
        report = run_tesseract(image, osd_options, dpi=dpi, args=("--psm", "0"))
    except Exception:
        return 0
    match = re.search(r"Rotate:\s*(\d+)", report)
    return int(match.group(1)) % 360 if match else 0
