"""PDFium is not thread-safe; the service captures documents on a thread pool. Without the library's lock
this crashed the process (a segfault or an abort), so it runs in a child process that must exit cleanly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import threading
import ocr
from tests.support.files import invoice_pdf_bytes

data = invoice_pdf_bytes()
failures = []

def work():
    try:
        for _ in range(25):
            assert ocr.render_page_png(data, 1, 100)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
            assert ocr.extract(data).value("invoice_number") == "F-2026-0042"
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        failures.append(repr(exc))

threads = [threading.Thread(target=work) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("failures:", failures)
raise SystemExit(1 if failures else 0)
"""


def test_rendering_and_extracting_from_several_threads_at_once_is_safe() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "failures: []"
