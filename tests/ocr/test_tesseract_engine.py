"""The tesseract engine kept loaded in-process: it reads pages as the executable does, stops on its
timeout, lends one engine per thread and reuses it, and steps aside when it cannot serve."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

import ocr
from ocr import tesseract_engine
from ocr.ocr_words import parse_tsv
from ocr.tesseract import run_tesseract

pytestmark = pytest.mark.skipif(
    not tesseract_engine.available("fra+eng"), reason="tesserocr or the fra/eng models are not installed"
)

SCAN = "visual/securibox__Basic__Facture_FR_BASIC.scan.pdf"


def _page(corpus: Path) -> Image.Image:
    pdf = pdfium.PdfDocument(str(corpus / SCAN))
    try:
        return pdf[0].render(scale=300 / 72, grayscale=True).to_pil()
    finally:
        pdf.close()


def _texts(tsv: str) -> list[str]:
    return [word.text for word in parse_tsv(tsv, 300)]


def test_the_engine_reads_a_page_as_the_executable_does(corpus: Path) -> None:
    image = _page(corpus)
    engine = _texts(run_tesseract(image, ocr.OcrOptions(), dpi=300))
    executable = _texts(
        run_tesseract(image, ocr.OcrOptions(tesseract_cmd=shutil.which("tesseract")), dpi=300)
    )
    assert len(engine) > 100
    assert "FA-2017-0010" in engine
    same = sum(1 for word in set(engine) if word in executable)
    assert same / len(set(engine)) > 0.95  # engine versions may differ by a few characters, not more


def test_a_page_longer_than_the_timeout_is_stopped(corpus: Path) -> None:
    with pytest.raises(ocr.OcrTimeout):
        tesseract_engine.recognize_tsv(_page(corpus), "fra+eng", dpi=300, timeout_s=0.001)


def test_an_engine_is_loaded_once_and_lent_to_one_thread_at_a_time() -> None:
    pool = tesseract_engine._EnginePool()
    with pool.engine("eng") as first:
        pass
    with pool.engine("eng") as again:
        assert again is first  # the models stay loaded between pages
    both_in_use = threading.Barrier(2)
    lent: list[object] = []

    def borrow() -> None:
        with pool.engine("eng") as engine:
            lent.append(engine)
            both_in_use.wait(timeout=30)

    threads = [threading.Thread(target=borrow) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(engine) for engine in lent}) == 2


def test_the_engine_serves_only_language_sets_it_has_every_model_for() -> None:
    assert not tesseract_engine.available("fra+xyz")
    assert tesseract_engine.available("fra+eng")
