"""The invoice page's form with absurd totals: "99999999999999999999999" and "1e400" were a 500 (an
overflow of the BIGINT column, a decimal quantize error). Now the form comes back with the reason next to
the field, in French, and nothing is stored."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.files import invoice_pdf_bytes
from tests.support.web import csrf_of


@pytest.mark.parametrize("typed", ["99999999999999999999999", "1e400", "-1e30", "10000000000.01"])
def test_an_absurd_total_is_a_form_error_in_french_and_nothing_is_stored(
    capture: Capture, tenant: Tenant, logged_in: TestClient, typed: str
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
    page = logged_in.get(f"/invoices/{invoice['id']}/review").text

    response = logged_in.post(
        f"/invoices/{invoice['id']}/review",
        data={"csrf_token": csrf_of(page), "total_incl_tax": typed, "action": "save"},
    )

    assert response.status_code == 400
    assert re.search(r'id="e-total_incl_tax">Montant trop élevé : 10\u202f000\u202f000\u202f000 au plus\.<',
                     response.text)  # fmt: skip
    assert f'value="{typed}"' in response.text
    after = capture.invoice(tenant, {"invoice_id": invoice["id"]})
    assert after["total_incl_tax"] == invoice["total_incl_tax"]
    assert after["corrections"] == []


def test_the_largest_total_is_still_saved(capture: Capture, tenant: Tenant, logged_in: TestClient) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
    page = logged_in.get(f"/invoices/{invoice['id']}/review").text

    response = logged_in.post(
        f"/invoices/{invoice['id']}/review",
        data={"csrf_token": csrf_of(page), "total_incl_tax": "10000000000.00", "action": "save"},
        follow_redirects=False,
    )

    assert response.status_code == 303, response.text
    assert capture.invoice(tenant, {"invoice_id": invoice["id"]})["total_incl_tax"] == 10**12
