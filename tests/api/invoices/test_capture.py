from __future__ import annotations

import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Client, Job
from api.runtime import Runtime
from api.settings import Settings
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.files import CII_INVOICE, invoice_pdf_bytes, invoice_png_bytes, pdf_bytes

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "dev"
FACTURX = CORPUS / "xml" / "securibox__EN16931__Facture_FR_EN16931.pdf"


class TestCaptureMakesAnInvoice:
    def test_a_text_pdf_becomes_a_ready_invoice_with_located_fields(
        self, capture: Capture, tenant: Tenant
    ) -> None:
        document = capture(tenant, "facture.pdf", invoice_pdf_bytes())

        assert document["status"] == "ready"
        invoice = capture.invoice(tenant, document)
        assert invoice["status"] == "ready"
        assert invoice["review_reasons"] == []
        assert invoice["capture_method"] == "text"
        assert (invoice["number"], invoice["issue_date"], invoice["due_date"]) == (
            "F-2026-0042", "2026-11-13", "2026-12-13",
        )  # fmt: skip
        assert (invoice["currency"], invoice["total_incl_tax"], invoice["total_excl_tax"]) == (
            "EUR",
            123456,
            102880,
        )
        number = invoice["fields"]["invoice_number"]
        assert number["page"] == 1
        assert number["source"] == "capture"
        x0, y0, x1, y1 = number["bbox"]
        assert 0 <= x0 < x1 <= 1
        assert 0 <= y0 < y1 <= 1
        assert invoice["page_images"] == [f"/api/v1/documents/{document['id']}/pages/1.png"]

    def test_a_factur_x_pdf_is_read_from_its_xml(self, capture: Capture, tenant: Tenant) -> None:
        document = capture(tenant, FACTURX.name, FACTURX.read_bytes())

        invoice = capture.invoice(tenant, document)
        assert invoice["capture_method"] == "xml"
        assert invoice["fields"]["invoice_number"]["confidence"] == 1.0
        assert invoice["number"]
        assert invoice["total_incl_tax"]
        assert invoice["buyer_name"]
        assert invoice["lines"], "Factur-X EN16931 carries line items"

    def test_the_buyer_becomes_a_client_matched_by_normalised_name(
        self, capture: Capture, tenant: Tenant, db: Session
    ) -> None:
        first = capture.invoice(tenant, capture(tenant, "a.pdf", invoice_pdf_bytes(number="A-1")))
        second = capture.invoice(
            tenant,
            capture(tenant, "b.pdf", invoice_pdf_bytes(number="A-2", buyer="BOULANGERIE  MARTIN, sarl")),
        )

        assert first["client_id"] is not None
        assert second["client_id"] == first["client_id"]
        clients = db.scalars(select(Client)).all()
        assert [(c.name, c.organisation_id) for c in clients] == [
            ("Boulangerie Martin SARL", tenant.organisation_id)
        ]

    def test_another_buyer_is_another_client(self, capture: Capture, tenant: Tenant, db: Session) -> None:
        capture(tenant, "a.pdf", invoice_pdf_bytes(number="A-1"))
        capture(tenant, "b.pdf", invoice_pdf_bytes(number="A-2", buyer="Garage Dupont"))

        assert sorted(db.scalars(select(Client.name))) == ["Boulangerie Martin SARL", "Garage Dupont"]

    def test_the_same_seller_and_number_twice_is_flagged_as_a_probable_duplicate(
        self, capture: Capture, tenant: Tenant
    ) -> None:
        first = capture.invoice(tenant, capture(tenant, "a.pdf", invoice_pdf_bytes(number="D-7")))
        second = capture.invoice(
            tenant, capture(tenant, "b.pdf", invoice_pdf_bytes(number="D-7", total="1 234,57"))
        )

        assert first["duplicate_of_id"] is None
        assert second["duplicate_of_id"] == first["id"]
        assert second["status"] == "needs_review"
        assert second["review_reasons"] == [f"probable duplicate of invoice {first['id']}"]

    def test_a_document_missing_required_fields_needs_review(self, capture: Capture, tenant: Tenant) -> None:
        invoice = capture.invoice(tenant, capture(tenant, "notes.pdf", pdf_bytes(1, label="compte rendu")))

        assert invoice["status"] == "needs_review"
        assert "invoice_number is missing" in invoice["review_reasons"]
        assert "buyer_name is missing" in invoice["review_reasons"]

    def test_capturing_twice_keeps_one_invoice(
        self, capture: Capture, tenant: Tenant, runtime: Runtime, db: Session
    ) -> None:
        document = capture(tenant, "facture.pdf", invoice_pdf_bytes())
        job_id = db.scalars(select(Job.id)).one()
        db.commit()

        runtime.runner.run(job_id)  # a duplicate delivery of the same job

        assert capture.client.get("/api/v1/invoices", headers=tenant.headers).json()["total"] == 1
        assert capture.invoice(tenant, document)["status"] == "ready"


class TestCaptureFailures:
    def test_an_xml_that_is_not_an_invoice_fails_with_its_reason_and_keeps_the_file(
        self, capture: Capture, tenant: Tenant
    ) -> None:
        document = capture(tenant, "order.xml", b"<?xml version='1.0'?><order><id>1</id></order>")

        assert document["status"] == "failed"
        assert document["retryable"] is False
        assert "not an invoice" in document["error"]
        assert document["invoice_id"] is None
        assert capture.client.get(document["file_url"], headers=tenant.headers).status_code == 200

    def test_a_structured_cii_fragment_without_totals_still_needs_review(
        self, capture: Capture, tenant: Tenant
    ) -> None:
        document = capture(tenant, "facture.xml", CII_INVOICE)
        if document["status"] == "failed":
            assert document["error"]
            return
        assert capture.invoice(tenant, document)["status"] == "needs_review"

    @pytest.fixture
    def hanging_tesseract(self, tmp_path: Path) -> Path:
        script = tmp_path / "tesseract"
        script.write_text("#!/bin/sh\nexec sleep 30\n")
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
        return script

    def test_a_hanging_ocr_engine_times_out_and_the_document_can_be_retried(
        self,
        capture: Capture,
        tenant: Tenant,
        runtime: Runtime,
        settings: Settings,
        hanging_tesseract: Path,
        client: TestClient,
    ) -> None:
        # Given an OCR engine that hangs, and quick retries
        runtime.settings.tesseract_cmd = str(hanging_tesseract)
        runtime.settings.ocr_timeout_seconds = 1
        runtime.runner.retry_base = runtime.runner.retry_base * 0

        # When a scanned page is uploaded, and every attempt times out
        document = capture(tenant, "scan.png", invoice_png_bytes())
        for _ in range(3):
            runtime.scheduler().tick()
            capture.wait()
        document = client.get(f"/api/v1/documents/{document['id']}", headers=tenant.headers).json()

        # Then the document is failed but retryable, its file kept, and no invoice was made
        assert document["status"] == "failed"
        assert document["retryable"] is True
        assert "was stopped" in document["error"]
        assert client.get(document["file_url"], headers=tenant.headers).status_code == 200
        assert client.get("/api/v1/invoices", headers=tenant.headers).json()["total"] == 0

        # When the engine is fixed and the user retries
        runtime.settings.tesseract_cmd = None
        runtime.settings.ocr_timeout_seconds = 120
        retried = client.post(f"/api/v1/documents/{document['id']}/retry", headers=tenant.headers)
        assert retried.status_code == 200
        assert retried.json()["status"] == "pending"
        capture.wait()

        # Then it is captured, by OCR
        document = client.get(f"/api/v1/documents/{document['id']}", headers=tenant.headers).json()
        assert document["status"] == "ready"
        invoice = capture.invoice(tenant, document)
        assert invoice["capture_method"] == "ocr"
        assert invoice["number"] == "F-2026-0042"
        assert invoice["total_incl_tax"] == 123456

    def test_retrying_a_document_that_did_not_fail_is_409(self, capture: Capture, tenant: Tenant) -> None:
        document = capture(tenant, "facture.pdf", invoice_pdf_bytes())
        response = capture.client.post(f"/api/v1/documents/{document['id']}/retry", headers=tenant.headers)
        assert response.status_code == 409
        assert response.json()["error"] == "conflict"
