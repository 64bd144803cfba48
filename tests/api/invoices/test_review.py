from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.files import invoice_pdf_bytes, pdf_bytes


def url(invoice: dict) -> str:  # type: ignore[type-arg]
    return f"/api/v1/invoices/{invoice['id']}"


class TestCorrect:
    def test_a_correction_keeps_the_extracted_value_and_who_changed_it(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))

        response = client.patch(
            url(invoice),
            headers=tenant.headers,
            json={"fields": {"due_date": "2026-12-31", "total_incl_tax": "1300"}},
        )

        assert response.status_code == 200
        corrected = response.json()
        assert corrected["due_date"] == "2026-12-31"
        assert corrected["total_incl_tax"] == 130000
        assert corrected["fields"]["due_date"]["source"] == "user"
        assert corrected["fields"]["due_date"]["confidence"] == 1.0
        assert corrected["fields"]["due_date"]["bbox"] == invoice["fields"]["due_date"]["bbox"]
        by_field = {c["field"]: c for c in corrected["corrections"]}
        assert by_field["due_date"]["extracted_value"] == "2026-12-13"
        assert by_field["due_date"]["previous_value"] == "2026-12-13"
        assert by_field["due_date"]["new_value"] == "2026-12-31"
        assert by_field["due_date"]["actor"].startswith("api_key:")
        assert by_field["total_incl_tax"]["new_value"] == "1300.00"

    def test_a_second_correction_keeps_the_original_extraction(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
        client.patch(url(invoice), headers=tenant.headers, json={"fields": {"invoice_number": "X-1"}})

        second = client.patch(
            url(invoice), headers=tenant.headers, json={"fields": {"invoice_number": "X-2"}}
        ).json()

        assert [
            (c["extracted_value"], c["previous_value"], c["new_value"]) for c in second["corrections"]
        ] == [
            ("F-2026-0042", "F-2026-0042", "X-1"),
            ("F-2026-0042", "X-1", "X-2"),
        ]

    def test_invalid_values_are_refused_with_the_reason_and_change_nothing(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
        cases = {
            "issue_date": ("11/13/2026", "date_month_first", "written day first: 2026-11-13"),
            "total_incl_tax": ("1,234", "amount_ambiguous", "could be read two ways"),
            "currency": ("EURO", "currency_code", "ISO 4217"),
            "seller_iban": ("FR76300060000112345678901", "iban_format", "not an IBAN"),
            "buyer_siren": ("12345678A", "siren_format", "not a SIREN"),
            "colour": ("blue", "not_a_field", "not an invoice field"),
        }
        for field, (value, code, reason) in cases.items():
            response = client.patch(url(invoice), headers=tenant.headers, json={"fields": {field: value}})
            assert response.status_code == 422, field
            body = response.json()
            assert (body["error"], body["field"], body["reason"]) == ("invalid_field", field, code)
            assert reason in body["detail"], field

        after = client.get(url(invoice), headers=tenant.headers).json()
        assert after["fields"] == invoice["fields"]
        assert after["corrections"] == []

    def test_clearing_a_required_field_sends_a_ready_invoice_back_to_review(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
        assert invoice["status"] == "ready"

        after = client.patch(
            url(invoice), headers=tenant.headers, json={"fields": {"buyer_name": None}}
        ).json()

        assert after["status"] == "needs_review"
        assert "buyer_name" not in after["fields"]
        assert after["review_reasons"] == ["buyer_name is missing"]


class TestApprove:
    def test_an_incomplete_invoice_cannot_be_approved_until_corrected(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = capture.invoice(tenant, capture(tenant, "notes.pdf", pdf_bytes(1, label="notes")))

        refused = client.post(url(invoice) + "/approve", headers=tenant.headers)
        assert refused.status_code == 409
        assert "invoice_number is missing" in refused.json()["detail"]
        assert client.get(url(invoice), headers=tenant.headers).json()["status"] == "needs_review"

        client.patch(
            url(invoice),
            headers=tenant.headers,
            json={"fields": {"invoice_number": "N-1", "issue_date": "2026-11-01", "total_incl_tax": "99.90",
                             "buyer_name": "Garage Dupont"}},
        )  # fmt: skip
        approved = client.post(url(invoice) + "/approve", headers=tenant.headers)

        assert approved.status_code == 200
        body = approved.json()
        assert body["status"] == "ready"
        assert body["approved_by"].startswith("api_key:")
        assert body["approved_at"] is not None
        assert body["review_reasons"] == []
        assert body["client_id"] is not None

    def test_a_flagged_duplicate_can_be_approved_by_a_person(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        capture(tenant, "a.pdf", invoice_pdf_bytes(number="D-1"))
        twin = capture.invoice(
            tenant, capture(tenant, "b.pdf", invoice_pdf_bytes(number="D-1", total="1 234,57"))
        )

        approved = client.post(url(twin) + "/approve", headers=tenant.headers).json()

        assert approved["status"] == "ready"
        assert approved["duplicate_of_id"] is not None


class TestReadAndScope:
    def test_list_filters_by_status(self, capture: Capture, tenant: Tenant, client: TestClient) -> None:
        capture(tenant, "a.pdf", invoice_pdf_bytes())
        capture(tenant, "n.pdf", pdf_bytes(1, label="n"))

        ready = client.get("/api/v1/invoices", params={"status": "ready"}, headers=tenant.headers).json()
        review = client.get(
            "/api/v1/invoices", params={"status": "needs_review"}, headers=tenant.headers
        ).json()

        assert (ready["total"], review["total"]) == (1, 1)
        assert ready["items"][0]["number"] == "F-2026-0042"

    def test_page_images_are_png(self, capture: Capture, tenant: Tenant, client: TestClient) -> None:
        invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))

        image = client.get(invoice["page_images"][0], headers=tenant.headers)

        assert image.status_code == 200
        assert image.headers["content-type"] == "image/png"
        assert image.content[:8] == b"\x89PNG\r\n\x1a\n"
        missing = client.get(
            f"/api/v1/documents/{invoice['document_id']}/pages/2.png", headers=tenant.headers
        )
        assert missing.status_code == 404

    def test_another_organisation_sees_nothing(
        self, capture: Capture, tenant: Tenant, other_tenant: Tenant, client: TestClient
    ) -> None:
        invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))

        for method, path, body in (
            ("GET", url(invoice), None),
            ("PATCH", url(invoice), {"fields": {"invoice_number": "stolen"}}),
            ("POST", url(invoice) + "/approve", None),
            ("GET", invoice["page_images"][0], None),
        ):
            response = client.request(method, path, headers=other_tenant.headers, json=body)
            assert response.status_code == 404, path
        assert client.get("/api/v1/invoices", headers=other_tenant.headers).json()["total"] == 0
        assert client.get(url(invoice), headers=tenant.headers).json()["number"] == "F-2026-0042"
