"""Capture warnings reach the JSON API as a code with its parameters and an English message; invoices stored
before codes existed (plain English sentences) read the same way, never as a 5xx."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.invoices.capture_warnings import CaptureWarning, read_warning, unusable
from api.models import Invoice
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.files import text_pdf_bytes

# A seller SIRET and IBAN whose check digits are wrong, and totals that do not add up.
DOUBTFUL = [
    "Atelier Lenoir SAS", "SIRET : 732 829 320 00011", "IBAN : FR76 3000 6000 0112 3456 7890 188", "",
    "FACTURE N° F-2026-0099", "Date de facture : 13/11/2026", "",
    "Total HT : 100,00 €", "TVA 20 % : 20,00 €", "Total TTC : 150,00 €",
]  # fmt: skip
OLD_SENTENCES = [
    "buyer_siret: '73282932000011' is not a valid SIRET (14 digits, Luhn key)",
    "due date 2026-11-01 is before the issue date 2026-11-13",
    "issue_date '2026-02-31' cannot be used as it is; please correct it",
    "something ocr/ said once",
]


def test_a_captured_warning_reaches_the_api_with_its_code_params_and_message(
    capture: Capture, tenant: Tenant
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "doute.pdf", text_pdf_bytes([DOUBTFUL])))

    warnings = {
        warning["code"] + ":" + warning["params"].get("field", ""): warning for warning in invoice["warnings"]
    }
    assert set(warnings) == {"not_valid:seller_siret", "not_valid:seller_iban", "totals:"}
    assert warnings["totals:"] == {
        "code": "totals",
        "params": {"excl": "100.00", "tax": "20.00", "sum": "120.00", "incl": "150.00"},
        "message": "totals: 100.00 + 20.00 = 120.00, but the total incl. tax reads 150.00",
    }
    assert warnings["not_valid:seller_siret"]["params"] == {
        "field": "seller_siret", "value": "73282932000011", "kind": "SIRET",
    }  # fmt: skip
    assert invoice["status"] == "needs_review"


def test_an_invoice_stored_with_english_sentences_reads_them_as_codes(
    capture: Capture, tenant: Tenant, client: TestClient, db: Session
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "doute.pdf", text_pdf_bytes([DOUBTFUL])))
    stored = db.get(Invoice, uuid.UUID(invoice["id"]))
    assert stored is not None
    stored.warnings = [*OLD_SENTENCES, 42]  # as older captures wrote them, and one entry of no known form
    db.commit()

    for url in (f"/api/v1/invoices/{invoice['id']}", "/api/v1/invoices"):
        response = client.get(url, headers=tenant.headers)
        assert response.status_code == 200, response.text
        body = response.json()
        read = (body if "warnings" in body else body["items"][0])["warnings"]
        assert [(w["code"], w["message"]) for w in read] == [
            ("not_valid", OLD_SENTENCES[0]),
            ("due_before_issue", OLD_SENTENCES[1]),
            ("unusable", OLD_SENTENCES[2]),
            ("unknown", OLD_SENTENCES[3]),
            ("unknown", "42"),
        ]
        assert read[0]["params"] == {"field": "buyer_siret", "value": "73282932000011", "kind": "SIRET"}
        assert read[1]["params"] == {"due": "2026-11-01", "issue": "2026-11-13"}
        assert read[2]["params"] == {"field": "issue_date", "value": "2026-02-31"}
    db.refresh(stored)
    assert stored.warnings == [*OLD_SENTENCES, 42]  # reading never rewrites what is stored


@pytest.mark.parametrize(
    ("stored", "read"),
    [
        ("seller_vat_id: 'FR45732829320' is not a valid VAT number (Invalid checksum)",
         CaptureWarning("not_valid", {"field": "seller_vat_id", "value": "FR45732829320", "kind": "vat"},
                        "seller_vat_id: 'FR45732829320' is not a valid VAT number (Invalid checksum)")),
        ("embedded factur-x.xml ignored, the visible page was read instead: The XML is not well-formed.",
         CaptureWarning("embedded_ignored", {"name": "factur-x.xml", "reason": "The XML is not well-formed."},
                        "embedded factur-x.xml ignored, the visible page was read instead: The XML is not "
                        "well-formed.")),
        ({"code": "siret_siren", "params": {"role": "buyer"}, "message": "buyer: SIRET does not start..."},
         CaptureWarning("siret_siren", {"role": "buyer"}, "buyer: SIRET does not start...")),
        ({"code": "totals", "params": "not a mapping"}, CaptureWarning("totals", {}, "totals")),
        (None, CaptureWarning("unknown", {}, "None")),
    ],
)  # fmt: skip
def test_any_stored_warning_reads_as_code_params_and_message(stored: object, read: CaptureWarning) -> None:
    assert read_warning(stored) == read


def test_a_value_that_cannot_fill_its_column_is_stored_as_a_code() -> None:
    warning = unusable("total_tax", "12.3.4")
    assert warning == {
        "code": "unusable",
        "params": {"field": "total_tax", "value": "12.3.4"},
        "message": "total_tax '12.3.4' cannot be used as it is; please correct it",
    }
    assert read_warning(warning.copy()) == read_warning(warning["message"])  # the old sentence reads the same
