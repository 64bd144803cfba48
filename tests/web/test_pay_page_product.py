"""The pay page as a payer meets it: the seller's legal name, nothing left to pay on a settled invoice, a way
to reach the seller when nothing can be paid online, provider errors in the payer's language."""

from __future__ import annotations

import uuid

import lxml.html
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.models import Invoice, Organisation
from tests.api.payment_links.test_checkout import SESSIONS, click, connect
from tests.api.payment_links.test_pay_page import IBAN, ready_invoice, token_of
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeStripe


def page_of(client: TestClient, token: str) -> lxml.html.HtmlElement:
    response = client.get(f"/pay/{token}")
    assert response.status_code == 200
    return lxml.html.fromstring(response.text)


def text(page: lxml.html.HtmlElement) -> str:
    return " ".join(page.text_content().replace("\u202f", " ").replace("\u00a0", " ").split())


def set_identity(db: Session, tenant: Tenant, **values: str) -> None:
    organisation = db.get(Organisation, tenant.organisation_id)
    assert organisation is not None
    for name, value in values.items():
        setattr(organisation, name, value)
    db.commit()


def test_payers_see_the_legal_name_not_the_workspace_name(
    capture: Capture, tenant: Tenant, client: TestClient, db: Session
) -> None:
    set_identity(db, tenant, legal_name="Atelier Lenoir SARL")
    page = page_of(client, token_of(ready_invoice(capture, tenant)))

    assert page.xpath("string(//*[@class='brand'])") == "Atelier Lenoir SARL"
    assert "Atelier Lenoir SARL" in page.xpath("string(//title)")
    assert tenant.name not in page.xpath("string(//header)")


@pytest.mark.parametrize("state", ["paid", "cancelled"])
def test_a_settled_invoice_shows_no_amount_left_to_pay(
    capture: Capture, tenant: Tenant, client: TestClient, db: Session, state: str
) -> None:
    invoice = ready_invoice(capture, tenant)
    if state == "paid":
        row = db.get(Invoice, uuid.UUID(invoice["id"]))
        assert row is not None
        row.collection_status = "paid"
        db.commit()
    else:
        client.post(f"/api/v1/invoices/{invoice['id']}/cancel", headers=tenant.headers)

    page = page_of(client, token_of(invoice))

    assert page.xpath(f"//*[@data-state='{state}']")
    assert not page.xpath("//*[@data-testid='amount-due']")
    assert "Reste à payer" not in text(page)


def test_without_any_payment_method_the_payer_is_told_how_to_reach_the_seller(
    capture: Capture, tenant: Tenant, client: TestClient, db: Session
) -> None:
    token = token_of(ready_invoice(capture, tenant))
    bare = page_of(client, token).xpath("//*[@data-testid='no-method']")
    assert bare
    assert "contactez directement" in text(bare[0])

    set_identity(
        db, tenant, legal_name="Atelier Lenoir", contact_email="compta@lenoir.example", phone="01 23 45 67 89"
    )
    [contact] = page_of(client, token).xpath("//*[@data-testid='no-method']")

    assert "contactez Atelier Lenoir" in text(contact)
    assert contact.xpath(".//a[@href='mailto:compta@lenoir.example']")
    assert contact.xpath(".//a[@href='tel:0123456789']")


def test_with_a_method_there_is_no_contact_block_and_the_iban_reads_in_groups_of_four(
    capture: Capture, tenant: Tenant, client: TestClient
) -> None:
    token = token_of(ready_invoice(capture, tenant))
    client.put("/api/v1/settings/payments", headers=tenant.headers, json={"iban": IBAN})

    page = page_of(client, token)

    assert not page.xpath("//*[@data-testid='no-method']")
    [iban] = page.xpath("//*[@data-testid='iban']")
    assert iban.text_content() == "FR76 3000 6000 0112 3456 7890 189"
    assert iban.get("data-copy") == IBAN  # the copy button copies it without spaces
    assert page.xpath("//script[contains(@src, 'pay.js')]")


@pytest.mark.usefixtures("quick_providers")
def test_a_provider_refusal_is_in_the_payers_language_without_its_message_or_our_links(
    capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe
) -> None:
    connect(client, tenant, "stripe", fake_stripe)
    token = token_of(ready_invoice(capture, tenant))
    fake_stripe.add_fault(SESSIONS, "400", count=1)

    status, body = click(client, token, "card")

    assert status == 422
    page = lxml.html.fromstring(body)
    assert "Le paiement n'a pas pu être lancé" in text(page)
    assert "could not be started" not in body
    assert "stripe" not in body.lower()
    assert not page.xpath("//nav")
    assert not page.xpath("//a[@href='/']")


def test_an_unknown_link_is_explained_in_english_when_the_payer_chose_english(client: TestClient) -> None:
    client.get("/lang/en")
    response = client.get("/pay/" + "x" * 32)

    assert response.status_code == 404
    assert "This payment link does not exist or has been replaced. Use the link" in response.text
    assert not lxml.html.fromstring(response.text).xpath("//nav")
