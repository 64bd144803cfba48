"""Files on disk under the data directory. An upload is written to a temporary file and renamed into
place only when complete, so a half upload is never visible."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from api.errors import PayloadTooLarge


class IncomingFile:
    """A file being received: hashed and size-checked as it is written."""

    HEAD_SIZE = 8192

    def __init__(self, directory: Path, *, filename: str, limit: int) -> None:
        fd, name = tempfile.mkstemp(dir=directory, prefix="upload-", suffix=".part")
        self._file = os.fdopen(fd, "wb")
        self.path = Path(name)
        self.filename = filename
        self.limit = limit
        self.size = 0
        self.head = b""
        self._sha256 = hashlib.sha256()

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            raise PayloadTooLarge(
                f"{self.filename!r} is larger than the {self.limit // (1024 * 1024)} MB limit."
            )
        if len(self.head) < self.HEAD_SIZE:
            self.head += chunk[: self.HEAD_SIZE - len(self.head)]
        self._sha256.update(chunk)
        self._file.write(chunk)

    def close(self) -> None:
        if not self._file.closed:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()

    def discard(self) -> None:
        if not self._file.closed:
            self._file.close()
        self.path.unlink(missing_ok=True)

    @property
    def sha256(self) -> str:
        return self._sha256.hexdigest()


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.incoming_dir = root / "tmp"
        self.incoming_dir.mkdir(parents=True, exist_ok=True)

    def receive(self, *, filename: str, limit: int) -> IncomingFile:
        return IncomingFile(self.incoming_dir, filename=filename, limit=limit)

    def keep(self, incoming: IncomingFile, key: str) -> Path:
        incoming.close()
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(incoming.path, target)
        return target

    def path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError(f"storage key escapes the store: {key!r}")
        return path
