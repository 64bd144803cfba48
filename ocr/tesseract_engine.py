"""Tesseract kept loaded in this process (tesserocr), so a page does not pay for loading the models.

Starting the tesseract executable loads the language models every time: ~0.12 s of CPU for fra+eng, a
quarter of an A4 page's recognition. Here each engine is loaded once and reused: a small pool hands one
engine to each thread that OCRs a page (engines are not thread-safe, and recognition releases the GIL, so
pages still run in parallel). The models are the ones the tesseract executable uses (its tessdata folder).

`available(languages)` says whether this path can serve; when it cannot (tesserocr not installed, no
tessdata folder found, a language missing), callers use the executable instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image

from .errors import OcrFailed, OcrTimeout

try:  # an optional accelerator: without it, pages go through the executable
    import tesserocr
except ImportError:  # pragma: no cover - depends on the installation
    tesserocr = None

# The header line of the executable's TSV output, which tesserocr leaves out; the TSV parser skips it.
_TSV_HEADER = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
)
_LIST_LANGS_TIMEOUT_S = 10


def available(languages: str) -> bool:
    folder = tessdata_folder()
    if tesserocr is None or folder is None:
        return False
    return all((folder / f"{language}.traineddata").is_file() for language in languages.split("+"))


def recognize_tsv(image: Image.Image, languages: str, *, dpi: int, timeout_s: float) -> str:
    """The page's words as the executable's TSV; OcrTimeout when recognition takes longer than timeout_s."""
    grey = image if image.mode == "L" else image.convert("L")
    with _POOL.engine(languages) as engine:
        engine.SetImageBytes(grey.tobytes(), grey.width, grey.height, 1, grey.width)
        engine.SetSourceResolution(dpi)
        if not engine.Recognize(timeout=max(1, int(timeout_s * 1000))):
            raise OcrTimeout(f"Text recognition took more than {timeout_s:g} s on a page and was stopped.")
        tsv: str = engine.GetTSVText(0)
        return _TSV_HEADER + tsv


@cache
def tessdata_folder() -> Path | None:
    """The executable's model folder: $TESSDATA_PREFIX, or the one `tesseract --list-langs` names."""
    if os.environ.get("TESSDATA_PREFIX"):
        return Path(os.environ["TESSDATA_PREFIX"])
    executable = shutil.which("tesseract")
    if executable is None:
        return None
    try:
        listing = subprocess.run(
            [executable, "--list-langs"], capture_output=True, text=True, timeout=_LIST_LANGS_TIMEOUT_S
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'languages in "([^"]+)"', listing.stdout + listing.stderr)
    return Path(match.group(1)) if match else None


class _EnginePool:
    """Loaded engines per language set, each lent to one thread at a time; as many are kept as were ever
    in use at once (the page workers), so memory stays bounded by the parallelism."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: dict[str, list[Any]] = defaultdict(list)

    @contextmanager
    def engine(self, languages: str) -> Iterator[Any]:
        with self._lock:
            idle = self._idle[languages]
            engine = idle.pop() if idle else None
        if engine is None:
            engine = _load(languages)
        try:
            yield engine
        finally:
            engine.Clear()  # drops the page's image and results, keeps the models
            with self._lock:
                self._idle[languages].append(engine)

    def forget(self) -> None:
        """In a forked child: the parent's engines and lock are not ours to share."""
        self._lock = threading.Lock()
        self._idle = defaultdict(list)


def _load(languages: str) -> Any:
    folder = tessdata_folder()
    try:
        return tesserocr.PyTessBaseAPI(path=f"{folder}/", lang=languages)
    except RuntimeError as exc:
        raise OcrFailed(f"Text recognition is unavailable: cannot load {languages!r} ({exc}).") from exc


_POOL = _EnginePool()
os.register_at_fork(after_in_child=_POOL.forget)
