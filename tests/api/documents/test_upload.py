from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.jobs.backends import InProcessBackend
from api.models import AuditLog, Document, Job
from api.runtime import Runtime
from api.settings import Settings
from tests.factories import Tenant
from tests.support.files import CII_INVOICE, XML_WITH_ENTITY, image_bytes, pdf_bytes

URL = "/api/v1/documents"


def upload(client: TestClient, tenant: Tenant, *files: tuple[str, bytes]) -> tuple[int, dict]:  # type: ignore[type-arg]
    response = client.post(
        URL, headers=tenant.headers, files=[("file", (name, data)) for name, data in files]
    )
    return response.status_code, response.json()


def document_count(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(Document)) or 0


def leftover_parts(settings: Settings) -> list[Path]:
    return list((settings.files_dir / "tmp").glob("*"))


class TestUploadAccepts:
    @pytest.mark.parametrize(
        ("name", "data", "media_type", "pages"),
        [
            ("facture.pdf", pdf_bytes(3), "application/pdf", 3),
            ("scan.jpg", image_bytes("JPEG"), "image/jpeg", 1),
            ("photo.png", image_bytes("PNG"), "image/png", 1),
            ("scan.tiff", image_bytes("TIFF"), "image/tiff", 1),
            ("facture.xml", CII_INVOICE, "application/xml", None),
            ("no-extension", pdf_bytes(1), "application/pdf", 1),
        ],
    )
    def test_each_accepted_type_is_stored_with_its_sniffed_type(
        self,
        client: TestClient,
        tenant: Tenant,
        settings: Settings,
        name: str,
        data: bytes,
        media_type: str,
        pages: int | None,
    ) -> None:
        # When
        status, body = upload(client, tenant, (name, data))

        # Then
        assert status == 201
        (document,) = body["documents"]
        assert document["media_type"] == media_type
        assert document["page_count"] == pages
        assert document["size"] == len(data)
        assert document["sha256"] == hashlib.sha256(data).hexdigest()
        assert document["duplicate"] is False
        file = client.get(document["file_url"], headers=tenant.headers)
        assert file.status_code == 200
        assert file.content == data
        assert file.headers["content-type"].startswith(media_type)
        assert leftover_parts(settings) == []

    def test_several_files_in_one_request(self, client: TestClient, tenant: Tenant, db: Session) -> None:
        status, body = upload(
            client,
            tenant,
            ("a.pdf", pdf_bytes(1, label="a")),
            ("b.pdf", pdf_bytes(2, label="b")),
            ("c.png", image_bytes("PNG")),
        )

        assert status == 201
        assert [d["filename"] for d in body["documents"]] == ["a.pdf", "b.pdf", "c.png"]
        assert document_count(db) == 3

    def test_the_same_file_twice_returns_the_existing_document(
        self, client: TestClient, tenant: Tenant, db: Session
    ) -> None:
        data = pdf_bytes(2)
        _, first = upload(client, tenant, ("facture.pdf", data))

        status, second = upload(client, tenant, ("copie.pdf", data))

        assert status == 200
        assert second["documents"][0]["id"] == first["documents"][0]["id"]
        assert second["documents"][0]["duplicate"] is True
        assert second["documents"][0]["filename"] == "facture.pdf"
        assert document_count(db) == 1

    def test_the_same_file_in_two_organisations_is_two_documents(
        self, client: TestClient, tenant: Tenant, other_tenant: Tenant, db: Session
    ) -> None:
        data = pdf_bytes(1)
        _, mine = upload(client, tenant, ("f.pdf", data))
        status, theirs = upload(client, other_tenant, ("f.pdf", data))

        assert status == 201
        assert theirs["documents"][0]["id"] != mine["documents"][0]["id"]
        assert document_count(db) == 2

    def test_upload_is_audited_and_captured_in_the_background(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, db: Session, settings: Settings
    ) -> None:
        _, body = upload(client, tenant, ("f.pdf", pdf_bytes(1)))
        assert isinstance(runtime.backend, InProcessBackend)
        assert runtime.backend.wait_idle(30)

        document = client.get(f"{URL}/{body['documents'][0]['id']}", headers=tenant.headers).json()
        assert document["status"] == "ready"
        assert document["invoice_id"] is not None
        stored = db.scalars(select(Document)).one()
        assert (settings.files_dir / (stored.storage_key + ".preview.png")).read_bytes()[
            :8
        ] == b"\x89PNG\r\n\x1a\n"
        assert db.scalars(select(Job.status)).all() == ["done"]
        assert set(db.scalars(select(AuditLog.action))) >= {"document.uploaded", "invoice.captured"}


class TestUploadRefuses:
    def test_oversize_file_is_413_and_leaves_nothing(
        self, tmp_path: Path, database_url: str, tenant: Tenant, db: Session
    ) -> None:
        from api.app import create_app
        from tests.conftest import make_settings

        small = make_settings(tmp_path / "small", database_url, max_upload_bytes=1000)
        runtime = Runtime.build(small)
        try:
            with TestClient(create_app(small, runtime=runtime)) as client:
                status, body = upload(client, tenant, ("big.pdf", pdf_bytes(1) + b"%" + b"x" * 2000))
            assert status == 413
            assert body["error"] == "payload_too_large"
            assert "big.pdf" in body["detail"]
            assert document_count(db) == 0
            assert leftover_parts(small) == []
        finally:
            runtime.close()

    def test_a_text_file_named_pdf_is_415(self, client: TestClient, tenant: Tenant, db: Session) -> None:
        status, body = upload(client, tenant, ("facture.pdf", b"Bonjour, ceci n'est pas un PDF.\n" * 10))

        assert status == 415
        assert body == {
            "error": "unsupported_media_type",
            "detail": "'facture.pdf' is not a PDF, JPEG, PNG, TIFF or XML file (judged from its content).",
        }
        assert document_count(db) == 0

    def test_a_zip_is_415(self, client: TestClient, tenant: Tenant) -> None:
        status, _ = upload(client, tenant, ("facture.pdf", b"PK\x03\x04" + b"\x00" * 100))
        assert status == 415

    def test_empty_file_is_400(
        self, client: TestClient, tenant: Tenant, db: Session, settings: Settings
    ) -> None:
        status, body = upload(client, tenant, ("vide.pdf", b""))

        assert status == 400
        assert body == {"error": "bad_request", "detail": "'vide.pdf' is empty."}
        assert document_count(db) == 0
        assert leftover_parts(settings) == []

    def test_truncated_pdf_is_422(self, client: TestClient, tenant: Tenant, db: Session) -> None:
        data = pdf_bytes(3)
        status, body = upload(client, tenant, ("coupe.pdf", data[: len(data) // 2]))

        assert status == 422
        assert body["error"] == "unprocessable_document"
        assert "damaged or truncated" in body["detail"]
        assert document_count(db) == 0

    def test_xml_with_an_entity_is_refused(self, client: TestClient, tenant: Tenant, db: Session) -> None:
        status, body = upload(client, tenant, ("evil.xml", XML_WITH_ENTITY))

        assert status == 422
        assert "entities" in body["detail"]
        assert "root:" not in str(body)
        assert document_count(db) == 0

    def test_one_bad_file_refuses_the_whole_request(
        self, client: TestClient, tenant: Tenant, db: Session, settings: Settings
    ) -> None:
        status, _ = upload(client, tenant, ("good.pdf", pdf_bytes(1)), ("bad.pdf", b"not a pdf at all"))

        assert status == 415
        assert document_count(db) == 0
        assert leftover_parts(settings) == []
        assert not any(p for p in settings.files_dir.rglob("*") if p.is_file() and "tmp" not in p.parts)

    def test_no_file_field_is_400(self, client: TestClient, tenant: Tenant) -> None:
        response = client.post(
            URL, headers=tenant.headers, data={"other": "x"}, files={"other_file": ("a", b"x")}
        )
        assert response.status_code == 400
        assert "'file'" in response.json()["detail"]

    def test_not_multipart_is_415(self, client: TestClient, tenant: Tenant) -> None:
        response = client.post(URL, headers=tenant.headers, content=pdf_bytes(1))
        assert response.status_code == 415
        assert "multipart/form-data" in response.json()["detail"]


class TestAuthAndTenancy:
    def test_missing_credentials_are_401(self, client: TestClient, db: Session) -> None:
        response = client.post(URL, files={"file": ("f.pdf", pdf_bytes(1))})

        assert response.status_code == 401
        assert response.json()["error"] == "unauthorized"
        assert document_count(db) == 0

    @pytest.mark.parametrize("header", ["Bearer enc_wrong", "Basic dXNlcjpwYXNz", "Bearer "])
    def test_wrong_credentials_are_401(self, client: TestClient, header: str) -> None:
        response = client.get(URL, headers={"Authorization": header})
        assert response.status_code == 401

    def test_another_organisations_document_is_404(
        self, client: TestClient, tenant: Tenant, other_tenant: Tenant
    ) -> None:
        _, body = upload(client, tenant, ("f.pdf", pdf_bytes(1)))
        document_id = body["documents"][0]["id"]

        for path in (f"{URL}/{document_id}", f"{URL}/{document_id}/file"):
            response = client.get(path, headers=other_tenant.headers)
            assert response.status_code == 404
            assert response.json() == {"error": "not_found", "detail": "No such document."}
        listing = client.get(URL, headers=other_tenant.headers).json()
        assert listing["items"] == []
        assert listing["total"] == 0

    def test_listing_is_paginated_newest_first(self, client: TestClient, tenant: Tenant) -> None:
        for i in range(5):
            upload(client, tenant, (f"f{i}.pdf", pdf_bytes(1, label=str(i))))

        page = client.get(URL, params={"limit": 2, "offset": 1}, headers=tenant.headers).json()

        assert page["total"] == 5
        assert [d["filename"] for d in page["items"]] == ["f3.pdf", "f2.pdf"]

    def test_bad_pagination_is_422(self, client: TestClient, tenant: Tenant) -> None:
        response = client.get(URL, params={"limit": 0}, headers=tenant.headers)
        assert response.status_code == 422
        assert response.json()["error"] == "validation_error"
