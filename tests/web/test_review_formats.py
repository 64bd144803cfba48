"""The review form speaks the reader's formats (issue 15): it shows dates and amounts the French way in
French and the English way in English while they stay stored as ISO and "1234.56", accepts them typed that
way, says its refusals from the catalogues, and saves a value with wrong check digits with a warning next
to its field."""

from __future__ import annotations

import html
import re

import httpx2
from fastapi.testclient import TestClient

from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.files import invoice_pdf_bytes
from tests.support.web import csrf_of

INPUT = re.compile(r'<input id="f-[a-z_]+" name="([a-z_]+)"[^>]*?value="([^"]*)"')


def shown(page: str) -> dict[str, str]:
    """Each field input's value as the page shows it."""
    return {name: html.unescape(value) for name, value in INPUT.findall(page)}


def review(client: TestClient, capture: Capture, tenant: Tenant) -> tuple[dict, str]:  # type: ignore[type-arg]
    invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
    return invoice, client.get(f"/invoices/{invoice['id']}/review").text


def save(client: TestClient, invoice: dict, page: str, **typed: str) -> httpx2.Response:  # type: ignore[type-arg]
    data = {"csrf_token": csrf_of(page), "action": "save", **typed}
    return client.post(f"/invoices/{invoice['id']}/review", data=data, follow_redirects=False)


def test_french_page_shows_dates_and_amounts_the_french_way(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice, page = review(logged_in, capture, tenant)
    assert invoice["fields"]["due_date"]["value"] == "2026-12-13"

    values = shown(page)

    assert values["due_date"] == "13/12/2026"
    assert values["issue_date"] == "13/11/2026"
    assert values["total_incl_tax"] == "1\u202f234,56\u00a0€"
    assert values["total_excl_tax"] == "1\u202f028,80\u00a0€"
    assert values["invoice_number"] == "F-2026-0042"


def test_english_page_shows_them_the_english_way(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    logged_in.cookies.set("encaisse_lang", "en")

    values = shown(review(logged_in, capture, tenant)[1])

    assert values["due_date"] == "13/12/2026"
    assert values["total_incl_tax"] == "€1,234.56"


def test_saving_the_form_untouched_changes_nothing(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice, page = review(logged_in, capture, tenant)

    response = save(logged_in, invoice, page, **shown(page))

    assert response.status_code == 303
    after = capture.invoice(tenant, {"invoice_id": invoice["id"]})
    assert after["corrections"] == []
    assert after["fields"] == invoice["fields"]


def test_values_typed_the_french_way_are_stored_as_iso(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice, page = review(logged_in, capture, tenant)

    response = save(logged_in, invoice, page, due_date="1er février 2027", total_incl_tax="1.300,50 €")

    assert response.status_code == 303
    after = capture.invoice(tenant, {"invoice_id": invoice["id"]})
    assert (after["due_date"], after["total_incl_tax"]) == ("2027-02-01", 130050)
    assert after["fields"]["due_date"]["value"] == "2027-02-01"
    assert after["fields"]["total_incl_tax"]["value"] == "1300.50"
    again = shown(logged_in.get(f"/invoices/{invoice['id']}/review").text)
    assert (again["due_date"], again["total_incl_tax"]) == ("01/02/2027", "1\u202f300,50\u00a0€")


def test_a_refusal_is_said_in_french_with_its_suggestion_written_the_french_way(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice, page = review(logged_in, capture, tenant)

    response = save(logged_in, invoice, page, due_date="12/31/2026", buyer_siret="7328293200007A",
                    total_incl_tax="1,234")  # fmt: skip

    assert response.status_code == 400
    text = html.unescape(response.text)
    month_first = (
        "Cette date est écrite mois d'abord (à l'américaine) ; écrivez le jour en premier : 31/12/2026."
    )
    assert f'id="e-due_date">{month_first}<' in text
    assert 'id="e-buyer_siret">Ce n\'est pas un SIRET : 14 chiffres.<' in text
    assert 'id="e-total_incl_tax">« 1,234 » peut se lire de deux façons' in text
    assert 'value="12/31/2026"' in text  # kept as typed
    after = capture.invoice(tenant, {"invoice_id": invoice["id"]})
    assert after["corrections"] == []


def test_a_refusal_is_said_in_english_to_an_english_reader(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    logged_in.cookies.set("encaisse_lang", "en")
    invoice, page = review(logged_in, capture, tenant)

    response = save(logged_in, invoice, page, due_date="31/02/2027", total_incl_tax="1e400")

    text = html.unescape(response.text)
    assert 'id="e-due_date">No such day: that month has 28 days.<' in text
    assert 'id="e-total_incl_tax">Amount too large: at most 10,000,000,000.<' in text


def test_a_wrong_check_digit_is_saved_with_a_french_warning_next_to_its_field_and_approval_goes_ahead(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice, page = review(logged_in, capture, tenant)
    assert 'id="w-buyer_siret"' not in page

    response = save(logged_in, invoice, page, buyer_siret="732 829 320 00075", action="approve")

    assert response.status_code == 303
    after = capture.invoice(tenant, {"invoice_id": invoice["id"]})
    assert after["status"] == "ready"
    assert (after["fields"]["buyer_siret"]["value"], after["fields"]["buyer_siret"]["warning"]) == (
        "73282932000075", "siret_checksum",
    )  # fmt: skip
    page = html.unescape(logged_in.get(f"/invoices/{invoice['id']}/review").text)
    assert re.search(r'aria-describedby="w-buyer_siret"', page)
    assert re.search(
        r'id="w-buyer_siret" data-warning="siret_checksum">⚠ Clé de contrôle du SIRET incorrecte', page
    )


def test_the_warning_goes_once_the_value_is_corrected(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice, page = review(logged_in, capture, tenant)
    save(logged_in, invoice, page, seller_iban="FR76 3000 6000 0112 3456 7890 188")
    page = logged_in.get(f"/invoices/{invoice['id']}/review").text
    assert 'data-warning="iban_checksum"' in page

    save(logged_in, invoice, page, seller_iban="FR76 3000 6000 0112 3456 7890 189")

    page = logged_in.get(f"/invoices/{invoice['id']}/review").text
    assert "data-warning=" not in page
    assert shown(page)["seller_iban"] == "FR7630006000011234567890189"
