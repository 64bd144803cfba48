"""Issue 14.6 (c): the name an uploaded file is kept under is bounded and clean. A NUL byte in the name used
to reach PostgreSQL (which refuses it: a 500); control characters and bidi overrides are dropped, a name of
thousands of characters is shortened to 255 with its extension kept, and a part header longer than the
multipart parser's 4 KiB is refused with a 400, nothing stored. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.documents.multipart import MAX_FILENAME_CHARS
from api.models import Document
from api.settings import Settings
from tests.factories import Tenant
from tests.support.files import pdf_bytes

URL = "/api/v1/documents"
BOUNDARY = b"limits-boundary-7d1f"


def multipart(raw_filename: bytes, data: bytes) -> bytes:
    """A form with one file part, its filename given as raw bytes (no client would escape them for us)."""
    return b"".join([
        b"--" + BOUNDARY + b"\r\n",
        b'Content-Disposition: form-data; name="file"; filename="' + raw_filename + b'"\r\n',
        b"Content-Type: application/pdf\r\n\r\n",
        data,
        b"\r\n--" + BOUNDARY + b"--\r\n",
    ])  # fmt: skip


def post(client: TestClient, tenant: Tenant, raw_filename: bytes) -> tuple[int, dict]:  # type: ignore[type-arg]
    headers = {**tenant.headers, "Content-Type": f"multipart/form-data; boundary={BOUNDARY.decode()}"}
    response = client.post(URL, headers=headers, content=multipart(raw_filename, pdf_bytes(1)))
    return response.status_code, response.json()


NAMES = {
    "NUL": (b"fac\x00ture.pdf", "facture.pdf"),
    "other controls": (b"fac\x1bture\x0b\x7f.pdf", "facture.pdf"),
    "bidi override": ("facture\u202efdp.exe".encode(), "facturefdp.exe"),
    "Windows-1252": (b"r\xe9sum\xe9.pdf", "résumé.pdf"),
    "a Windows path": (b"C:\\Users\\x\\scan.pdf", "scan.pdf"),
    "only controls": (b"\x00\x01\x7f", "upload"),
}


@pytest.mark.parametrize(("raw", "kept"), NAMES.values(), ids=NAMES.keys())
def test_a_name_is_stored_clean(
    client: TestClient, tenant: Tenant, db: Session, raw: bytes, kept: str
) -> None:
    status, body = post(client, tenant, raw)

    assert status == 201, body
    (document,) = body["documents"]
    assert document["filename"] == kept
    assert db.scalar(select(Document.filename)) == kept


def test_a_very_long_name_is_shortened_keeping_its_extension(
    client: TestClient, tenant: Tenant, db: Session
) -> None:
    status, body = post(client, tenant, b"f" * 3000 + b".pdf")

    assert status == 201, body
    stored = db.scalar(select(Document.filename))
    assert stored == "f" * (MAX_FILENAME_CHARS - 4) + ".pdf"
    assert len(stored) == MAX_FILENAME_CHARS


def test_a_part_with_absurdly_long_headers_is_a_400_and_nothing_is_stored(
    client: TestClient, tenant: Tenant, db: Session, settings: Settings
) -> None:
    status, body = post(client, tenant, b"f" * 100_000 + b".pdf")

    assert status == 400, body
    assert body["detail"] == "Malformed multipart body: Maximum header size exceeded"
    assert db.scalar(select(func.count()).select_from(Document)) == 0
    assert list((settings.files_dir / "tmp").glob("*")) == []
