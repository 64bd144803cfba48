"""Run the tesseract executable on one page image, with a timeout, and read its TSV words.

The subprocess is driven here rather than through pytesseract's module-level `tesseract_cmd` and
`os.environ`: those are process globals, and pages are OCR'd from several threads with per-call options
(executable, timeout, one OpenMP thread per process). The image goes through stdin as PGM, which costs
~2 ms where a PNG temp file costs ~250 ms at 300 dpi.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess

from PIL import Image

from .errors import OcrFailed, OcrTimeout
from .options import OcrOptions

_STDERR_TAIL = 300


def run_tesseract(
    image: Image.Image, options: OcrOptions, *, dpi: int, args: tuple[str, ...] = ("tsv",)
) -> str:
    """Tesseract's stdout for `image` (TSV by default); OcrTimeout / OcrFailed on any trouble."""
    command = [options.tesseract_cmd or "tesseract", "stdin", "stdout", "-l", options.languages,
               "--dpi", str(dpi), *args]  # fmt: skip
    # One OpenMP thread per tesseract: pages run in parallel instead, which is faster on a full batch.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=env, start_new_session=True,
        )  # fmt: skip
    except OSError as exc:
        raise OcrFailed(
            f"Text recognition is unavailable: cannot run {command[0]!r} ({exc.strerror})."
        ) from exc
    try:
        stdout, stderr = process.communicate(_pgm(image), timeout=options.tesseract_timeout_s)
    except subprocess.TimeoutExpired as exc:
        _kill_group(process)
        raise OcrTimeout(
            f"Text recognition took more than {options.tesseract_timeout_s:g} s on a page and was stopped."
        ) from exc
    if process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip()[-_STDERR_TAIL:]
        raise OcrFailed(f"Text recognition failed (tesseract exit status {process.returncode}): {detail}")
    return stdout.decode("utf-8", "replace")


def _pgm(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PPM")  # a grey image is written as binary PGM
    return buffer.getvalue()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill tesseract and anything it started: a wrapper script's children would keep the pipes open."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()
