from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.files import invoice_pdf_bytes, pdf_bytes
from tests.support.web import csrf_of, parse, text_of, texts_of


def test_the_review_page_draws_a_box_per_located_field(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))

    html = logged_in.get(f"/invoices/{invoice['id']}/review").text

    located = {name for name, f in invoice["fields"].items() if f["bbox"]}
    drawn = set(re.findall(r'class="box[^"]*" data-field="([a-z_]+)"', html))
    assert drawn == located
    assert f"/api/v1/documents/{invoice['document_id']}/pages/1.png" in html
    assert 'value="F-2026-0042"' in html


def test_a_bad_value_is_shown_next_to_its_field_and_nothing_changes(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
    page = logged_in.get(f"/invoices/{invoice['id']}/review").text

    response = logged_in.post(
        f"/invoices/{invoice['id']}/review",
        data={
            "csrf_token": csrf_of(page),
            "issue_date": "31/02/2026",
            "invoice_number": "F-9",
            "action": "save",
        },
    )

    assert response.status_code == 400
    assert re.search(
        r'id="e-issue_date">Ce jour n&#39;existe pas : ce mois compte 28 jours\.<', response.text
    )
    assert 'value="31/02/2026"' in response.text
    assert capture.invoice(tenant, {"invoice_id": invoice["id"]})["number"] == "F-2026-0042"


def test_a_form_without_its_csrf_token_is_refused(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))

    response = logged_in.post(
        f"/invoices/{invoice['id']}/review", data={"invoice_number": "HACK", "action": "save"}
    )

    assert response.status_code == 401
    assert "La page a expiré ; rechargez-la et réessayez." in response.text
    assert capture.invoice(tenant, {"invoice_id": invoice["id"]})["number"] == "F-2026-0042"


def test_correct_then_approve_leads_to_the_next_invoice_to_review(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    first = capture.invoice(tenant, capture(tenant, "a.pdf", pdf_bytes(1, label="a")))
    second = capture.invoice(tenant, capture(tenant, "b.pdf", pdf_bytes(1, label="b")))
    page = logged_in.get(f"/invoices/{first['id']}/review").text

    response = logged_in.post(
        f"/invoices/{first['id']}/review",
        data={"csrf_token": csrf_of(page), "invoice_number": "A-1", "issue_date": "2026-11-02",
              "total_incl_tax": "250.00", "buyer_name": "Garage Dupont", "action": "approve"},
        follow_redirects=False,
    )  # fmt: skip

    assert response.status_code == 303
    assert response.headers["location"] == f"/invoices/{second['id']}/review"
    approved = capture.invoice(tenant, {"invoice_id": first["id"]})
    assert approved["status"] == "ready"
    assert approved["approved_by"].startswith("user:")
    assert {c["field"] for c in approved["corrections"]} == {
        "invoice_number",
        "issue_date",
        "total_incl_tax",
        "buyer_name",
    }


def test_approving_an_incomplete_invoice_explains_why(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "n.pdf", pdf_bytes(1, label="n")))
    page = logged_in.get(f"/invoices/{invoice['id']}/review").text

    response = logged_in.post(
        f"/invoices/{invoice['id']}/review", data={"csrf_token": csrf_of(page), "action": "approve"}
    )

    assert response.status_code == 409
    assert text_of(parse(response), "//*[@role='alert']") == (
        "La facture ne peut pas encore être validée : à compléter — Numéro de facture, Date d'émission, "
        "Total TTC, Client."
    )
    assert capture.invoice(tenant, {"invoice_id": invoice["id"]})["status"] == "needs_review"


def test_the_invoice_list_is_in_french_with_french_money(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    capture(tenant, "f.pdf", invoice_pdf_bytes())

    html = logged_in.get("/invoices?status=ready").text

    assert "1\u202f234,56\u00a0€" in html or "1 234,56 €" in html.replace("\u202f", " ").replace(
        "\u00a0", " "
    )
    assert "13/11/2026" in html
    assert "Prête" in html


def test_the_pay_link_is_shown_in_the_list_and_on_the_invoice(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
    path = invoice["pay_url"].split("://", 1)[1].split("/", 1)[1]

    listing = logged_in.get("/invoices").text
    review = logged_in.get(f"/invoices/{invoice['id']}/review").text

    assert f'href="/{path}" data-testid="pay-link"' in listing
    assert f">{invoice['pay_url']}</a>" in review


def test_before_approval_the_page_is_the_review_fields_first_with_the_approve_button(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "n.pdf", pdf_bytes(1, label="n")))

    page = parse(logged_in.get(f"/invoices/{invoice['id']}/review"))

    assert text_of(page, "//h1").startswith("Vérification de la facture")
    assert page.xpath("//*[@data-testid='invoice-header']") == []
    assert page.xpath("//button[@value='approve']/text()") != []
    assert page.xpath("//section[@id='dunning']") == []


def test_once_approved_the_one_button_saves_changes_and_valider_is_gone(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
    assert invoice["status"] == "ready"

    page = parse(logged_in.get(f"/invoices/{invoice['id']}/review"))

    assert page.xpath("//form[@class='fields']//button[@value='approve']") == []
    assert "Valider" not in texts_of(page, "//form[@class='fields']//button")
    assert texts_of(page, "//form[@class='fields']//button") == ["Enregistrer les modifications"]
    assert page.xpath("//button[@data-testid='save-changes']/@value") == ["save"]
    assert page.xpath("//button[@data-testid='save-changes']/@class") == ["primary"]
    assert text_of(page, "//*[@id='save-changes-help']") == (
        "La correction est enregistrée et la facture reste validée, sauf si un champ obligatoire est vidé."
    )


def test_the_english_page_says_save_changes_once_approved(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
    logged_in.cookies.set("encaisse_lang", "en")

    page = parse(logged_in.get(f"/invoices/{invoice['id']}/review"))

    assert texts_of(page, "//form[@class='fields']//button") == ["Save changes"]


def test_a_correction_on_an_approved_invoice_is_saved_and_it_stays_approved(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
    page = logged_in.get(f"/invoices/{invoice['id']}/review").text

    response = logged_in.post(
        f"/invoices/{invoice['id']}/review",
        data={"csrf_token": csrf_of(page), "buyer_name": "Garage Dupont Frères", "action": "save"},
        follow_redirects=False,
    )

    assert response.status_code == 303
    assert response.headers["location"] == f"/invoices/{invoice['id']}/review?saved=1"
    after = capture.invoice(tenant, {"invoice_id": invoice["id"]})
    assert after["fields"]["buyer_name"]["value"] == "Garage Dupont Frères"
    assert (after["status"], after["approved_at"], after["approved_by"]) == (
        "ready", invoice["approved_at"], invoice["approved_by"],
    )  # fmt: skip
    shown = parse(logged_in.get(response.headers["location"]))
    assert "Corrections enregistrées." in texts_of(shown, "//p[@class='notice']")


def test_approve_sent_from_a_stale_page_on_an_approved_invoice_only_saves_the_correction(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    # A tab opened before the approval still posts action=approve: the correction is kept, the invoice is
    # not approved a second time (its approval stamp stays) and the person stays on its page.
    invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
    page = logged_in.get(f"/invoices/{invoice['id']}/review").text

    response = logged_in.post(
        f"/invoices/{invoice['id']}/review",
        data={"csrf_token": csrf_of(page), "buyer_name": "Garage Dupont Frères", "action": "approve"},
        follow_redirects=False,
    )

    assert response.status_code == 303
    assert response.headers["location"] == f"/invoices/{invoice['id']}/review?saved=1"
    after = capture.invoice(tenant, {"invoice_id": invoice["id"]})
    assert after["fields"]["buyer_name"]["value"] == "Garage Dupont Frères"
    assert (after["status"], after["approved_at"], after["approved_by"]) == (
        "ready", invoice["approved_at"], invoice["approved_by"],
    )  # fmt: skip


def test_emptying_a_required_field_of_an_approved_invoice_sends_it_back_to_review(
    capture: Capture, tenant: Tenant, logged_in: TestClient
) -> None:
    invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
    page = logged_in.get(f"/invoices/{invoice['id']}/review").text

    response = logged_in.post(
        f"/invoices/{invoice['id']}/review",
        data={"csrf_token": csrf_of(page), "buyer_name": "", "action": "save"},
        follow_redirects=False,
    )

    assert response.headers["location"] == f"/invoices/{invoice['id']}/review?saved=1"
    after = capture.invoice(tenant, {"invoice_id": invoice["id"]})
    assert (after["status"], after["approved_at"]) == ("needs_review", None)
    shown = parse(logged_in.get(response.headers["location"]))
    assert texts_of(shown, "//form[@class='fields']//button") == ["Enregistrer", "Valider"]
