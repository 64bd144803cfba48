"""Run tesseract on one page image, with a timeout, and read its TSV words.

Pages are read by an engine kept loaded in this process (tesseract_engine: no model loading per page)
when tesserocr is installed; otherwise, and for orientation detection or a configured executable, by the
tesseract executable.

The subprocess is driven here rather than through pytesseract's module-level `tesseract_cmd` and
`os.environ`: those are process globals, and pages are OCR'd from several threads with per-call options
(executable, timeout, one OpenMP thread per process).

The image goes to tesseract as an uncompressed grey TIFF in a temporary file (~5 ms to write at 300 dpi).
Not through stdin as PGM: tesseract reads stdin a byte at a time and leptonica decodes binary PGM pixel by
pixel, which cost 0.2-0.3 s of tesseract's time on an A4 page at 300 dpi (9 MB), ~20 % of the page's OCR.
A PNG would cost ~0.25 s to compress at Pillow's default level.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image

from . import tesseract_engine
from .errors import OcrFailed, OcrTimeout
from .options import OcrOptions

_STDERR_TAIL = 300


def run_tesseract(
    image: Image.Image, options: OcrOptions, *, dpi: int, args: tuple[str, ...] = ("tsv",)
) -> str:
    """Tesseract's stdout for `image` (TSV by default); OcrTimeout / OcrFailed on any trouble."""
    if options.tesseract_cmd is None and args == ("tsv",) and tesseract_engine.available(options.languages):
        return tesseract_engine.recognize_tsv(
            image, options.languages, dpi=dpi, timeout_s=options.tesseract_timeout_s
        )
    with _image_file(image, dpi) as path:
        command = [options.tesseract_cmd or "tesseract", path, "stdout", "-l", options.languages,
                   "--dpi", str(dpi), *args]  # fmt: skip
        stdout, stderr, returncode = _run(command, options)
    if returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip()[-_STDERR_TAIL:]
        raise OcrFailed(f"Text recognition failed (tesseract exit status {returncode}): {detail}")
    return stdout.decode("utf-8", "replace")


def _run(command: list[str], options: OcrOptions) -> tuple[bytes, bytes, int]:
    # One OpenMP thread per tesseract: pages run in parallel instead, which is faster on a full batch.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=env, start_new_session=True,
        )  # fmt: skip
    except OSError as exc:
        raise OcrFailed(
            f"Text recognition is unavailable: cannot run {command[0]!r} ({exc.strerror})."
        ) from exc
    try:
        stdout, stderr = process.communicate(timeout=options.tesseract_timeout_s)
    except subprocess.TimeoutExpired as exc:
        _kill_group(process)
        raise OcrTimeout(
            f"Text recognition took more than {options.tesseract_timeout_s:g} s on a page and was stopped."
        ) from exc
    return stdout, stderr, process.returncode


@contextmanager
def _image_file(image: Image.Image, dpi: int) -> Iterator[str]:
    """The page as an uncompressed grey TIFF in a temporary file, removed afterwards."""
    try:
        handle, path = tempfile.mkstemp(prefix="encaisse-ocr-", suffix=".tif")
    except OSError as exc:
        raise OcrFailed(f"Text recognition is unavailable: no temporary file for the page ({exc}).") from exc
    try:
        try:
            with os.fdopen(handle, "wb") as file:
                image.convert("L").save(file, format="TIFF", dpi=(dpi, dpi))
        except OSError as exc:
            raise OcrFailed(
                f"Text recognition is unavailable: the page image cannot be written ({exc})."
            ) from exc
        yield path
    finally:
        os.unlink(path)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill tesseract and anything it started: a wrapper script's children would keep the pipes open."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()
