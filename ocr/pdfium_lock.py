"""PDFium is not thread-safe: every call into it, from any thread of the process, holds this lock.

Two capture jobs rendering at once in the service's thread pool aborted the process (seen in CI). Objects
that wrap PDFium memory (documents, pages, text pages, bitmaps) are closed explicitly under the lock too,
so that no garbage-collector finaliser calls into PDFium from another thread at a random moment.
"""

from __future__ import annotations

import threading

PDFIUM_LOCK = threading.RLock()
