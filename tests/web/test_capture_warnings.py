"""A capture warning reaches the review page in the reader's language, said from its code and parameters;
an invoice stored before codes existed (English sentences) is said the same way."""

from __future__ import annotations

import uuid

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.models import Invoice
from tests.api.invoices.test_capture_warnings import DOUBTFUL
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.files import text_pdf_bytes
from tests.support.web import parse
from web.capture_warnings import capture_warning, capture_warning_code
from web.i18n import LANGUAGE_COOKIE, Translator

FRENCH, ENGLISH = Translator("fr"), Translator("en")


def _said_warnings(response: httpx2.Response) -> dict[str, list[str]]:
    """The review page's warning list: code (its data-warning) -> the sentences shown."""
    said: dict[str, list[str]] = {}
    for item in parse(response).xpath('//details[@class="warnings"]//li'):
        said.setdefault(item.get("data-warning"), []).append(" ".join(item.text_content().split()))
    return said


def test_a_captured_warning_reaches_the_french_review_page_in_french(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "doute.pdf", text_pdf_bytes([DOUBTFUL])))

    response = logged_in.get(f"/invoices/{invoice['id']}/review")

    said = _said_warnings(response)
    assert said["totals"] == ["Totaux : 100,00 + 20,00 = 120,00, mais le total TTC lu est 150,00."]
    assert len(said["not_valid"]) == 2
    assert (
        "SIRET du vendeur : « 73282932000011 » n'est pas un SIRET valable (clé de contrôle ou format)."
        in (said["not_valid"])
    )
    assert "is not a valid" not in response.text  # no English sentence leaks in
    assert "total incl. tax" not in response.text

    logged_in.cookies.set(LANGUAGE_COOKIE, "en")
    english = _said_warnings(logged_in.get(f"/invoices/{invoice['id']}/review"))
    assert english["totals"] == ["Totals: 100.00 + 20.00 = 120.00, but the total incl. tax reads 150.00."]


def test_an_invoice_stored_with_english_sentences_is_said_in_french(
    capture: Capture, tenant: Tenant, logged_in: TestClient, db: Session
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "doute.pdf", text_pdf_bytes([DOUBTFUL])))
    stored = db.get(Invoice, uuid.UUID(invoice["id"]))
    assert stored is not None
    stored.warnings = [
        "due date 2026-11-01 is before the issue date 2026-11-13",
        "total_tax '12.3.4' cannot be used as it is; please correct it",
        "something ocr/ said once",
    ]
    db.commit()

    said = _said_warnings(logged_in.get(f"/invoices/{invoice['id']}/review"))

    assert said["due_before_issue"] == [
        "L'échéance (01/11/2026) est antérieure à la date de facture (13/11/2026)."
    ]
    assert said["unusable"] == ["TVA : « 12.3.4 » ne peut pas être utilisé tel quel ; corrigez-le."]
    assert said["unknown"] == [
        "Une vérification automatique a relevé un doute : relisez les valeurs de cette facture."
    ]


@pytest.mark.parametrize(
    ("stored", "french", "english"),
    [
        ({"code": "siret_siren", "params": {"role": "buyer"}},
         "Client : le SIRET ne commence pas par le SIREN.",
         "Buyer: the SIRET does not start with the SIREN."),
        ({"code": "embedded_name", "params": {"name": "invoice.xml"}},
         "Le XML intégré s'appelle « invoice.xml », pas un nom Factur-X/ZUGFeRD standard.",
         "The embedded XML is named “invoice.xml”, not a standard Factur-X/ZUGFeRD name."),
        ({"code": "not_valid", "params": {"field": "buyer_vat_id", "value": "FR4", "kind": "vat"}},
         "N° TVA du client : « FR4 » n'est pas un numéro de TVA valable (clé de contrôle ou format).",
         "Client VAT number: “FR4” is not a valid VAT number (check digits or format)."),
    ],
)  # fmt: skip
def test_a_coded_warning_is_said_from_its_code_and_params(
    stored: dict[str, object], french: str, english: str
) -> None:
    assert capture_warning(FRENCH, stored) == french
    assert capture_warning(ENGLISH, stored) == english
    assert capture_warning_code(stored) == stored["code"]


@pytest.mark.parametrize(
    "stored",
    [
        {"code": "brand_new", "params": {}, "message": "a code no catalogue has yet"},
        {"code": "totals", "params": {"excl": "1.00"}, "message": "a sentence whose values are missing"},
        "an English sentence of no known shape",
        ["not", "a", "warning"],
    ],
)
def test_a_warning_the_catalogues_cannot_say_gets_the_general_sentence_never_english(stored: object) -> None:
    assert capture_warning(FRENCH, stored) == (
        "Une vérification automatique a relevé un doute : relisez les valeurs de cette facture."
    )
