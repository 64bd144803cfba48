"""Read a multipart/form-data request as a stream, writing each file part straight to disk.

Starlette's own form parser spools whole files before we can look at them; here a part that crosses the
size limit is refused at the first byte too many, and nothing but small text fields is held in memory.
"""

from __future__ import annotations

import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from api.documents.storage import FileStore, IncomingFile
from api.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType

MAX_FILES = 50
MAX_FIELD_BYTES = 64 * 1024
MAX_FILENAME_CHARS = 255  # the stored name (Document.filename)
_EXTENSION_CHARS = 16  # an extension kept whole when a long name is shortened


@dataclass
class ReceivedForm:
    files: list[IncomingFile] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)

    def discard(self) -> None:
        for incoming in self.files:
            incoming.discard()


class _PartCollector:
    def __init__(self, store: FileStore, *, file_field: str, limit: int) -> None:
        self.store = store
        self.file_field = file_field
        self.limit = limit
        self.form = ReceivedForm()
        self._headers: dict[bytes, bytes] = {}
        self._header_field = b""
        self._header_value = b""
        self._file: IncomingFile | None = None
        self._field_name: str | None = None
        self._field_value = bytearray()

    def on_part_begin(self) -> None:
        self._headers, self._file, self._field_name = {}, None, None
        self._field_value = bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        # python-multipart bounds these: 8 headers a part, 4 KiB each (a longer file name is a 400)
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._header_field.lower()] = self._header_value
        self._header_field, self._header_value = b"", b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        if filename is not None and name == self.file_field:
            if len(self.form.files) >= MAX_FILES:
                raise BadRequest(f"At most {MAX_FILES} files per request.")
            self._file = self.store.receive(filename=stored_name(filename), limit=self.limit)
            self.form.files.append(self._file)
        else:
            self._field_name = name

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._file is not None:
            self._file.write(data[start:end])
        elif self._field_name is not None:
            self._field_value += data[start:end]
            if len(self._field_value) > MAX_FIELD_BYTES:
                raise PayloadTooLarge(f"The form field {self._field_name!r} is too large.")

    def on_part_end(self) -> None:
        if self._file is not None:
            self._file.close()
        elif self._field_name is not None:
            self.form.fields[self._field_name] = self._field_value.decode("utf-8", "replace")


def stored_name(raw: bytes) -> str:
    """The name a file is kept under: its last path segment, decoded (UTF-8, or Windows-1252 as old mail
    clients send), without control characters (NUL, line breaks, DEL…), NFC, at most MAX_FILENAME_CHARS
    characters with its extension kept; "upload" when nothing is left."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", "replace")
    text = unicodedata.normalize("NFC", text.replace("\\", "/").rsplit("/", 1)[-1])
    text = "".join(c for c in text if unicodedata.category(c) not in _CONTROL).strip(" .")
    if len(text) > MAX_FILENAME_CHARS:
        stem, dot, extension = text.rpartition(".")
        if dot and stem and 0 < len(extension) <= _EXTENSION_CHARS:
            text = stem[: MAX_FILENAME_CHARS - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            text = text[:MAX_FILENAME_CHARS]
    return text or "upload"


_CONTROL = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})  # controls, format, surrogates, unassigned


async def receive_form(
    content_type: str | None, body: AsyncIterator[bytes], store: FileStore, *, file_field: str, limit: int
) -> ReceivedForm:
    """Files are on disk (closed, hashed) when this returns; on any error they are already removed."""
    media_type, options = parse_options_header(content_type or "")
    boundary = options.get(b"boundary")
    if media_type != b"multipart/form-data" or not boundary:
        raise UnsupportedMediaType(f"Send the files as multipart/form-data in the field {file_field!r}.")
    collector = _PartCollector(store, file_field=file_field, limit=limit)
    callbacks = {
        name: getattr(collector, name)
        for name in (
            "on_part_begin",
            "on_header_field",
            "on_header_value",
            "on_header_end",
            "on_headers_finished",
            "on_part_data",
            "on_part_end",
        )
    }
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    try:
        async for chunk in body:
            parser.write(chunk)
        parser.finalize()
    except MultipartParseError as exc:
        collector.form.discard()
        raise BadRequest(f"Malformed multipart body: {exc}") from exc
    except BaseException:
        collector.form.discard()
        raise
    return collector.form
