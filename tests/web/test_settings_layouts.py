"""Settings → learned layouts ("Modèles appris"): each layout the organisation taught, how often it was used,
and deleting one; another organisation's layouts neither listed nor deletable. Both backends."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.models import LayoutMemory
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.invoice_family import make_family
from tests.support.web import csrf_of, parse, text_of, texts_of
from web.i18n import LANGUAGE_COOKIE

LAYOUTS = "/settings/layouts"
FAMILY = make_family(seed=21, count=2)


def teach(client: TestClient, capture: Capture, tenant: Tenant) -> None:
    """Capture the family's first invoice and correct it to its true values."""
    pdf, truth = FAMILY[0]
    document = capture(tenant, "modele.pdf", pdf)
    invoice: dict[str, Any] = capture.invoice(tenant, document)
    response = client.patch(
        f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers, json={"fields": truth}
    )
    assert response.status_code == 200, response.text


def layouts_of(db: Session, tenant: Tenant) -> list[LayoutMemory]:
    db.expire_all()
    found = list(db.query(LayoutMemory).filter_by(organisation_id=tenant.organisation_id))
    db.commit()
    return found


def test_no_layout_yet_says_how_one_is_learned(logged_in: TestClient) -> None:
    page = parse(logged_in.get(LAYOUTS))

    assert text_of(page, "//h1") == "Modèles appris"
    assert "Corrigez ou validez" in text_of(page, "//*[@data-testid='empty']")
    assert text_of(page, "//nav//a[@aria-current='true']") == "Modèles appris"


def test_a_learned_layout_is_listed_with_its_uses_and_can_be_deleted(
    logged_in: TestClient, capture: Capture, tenant: Tenant, db: Session
) -> None:
    teach(logged_in, capture, tenant)
    capture(tenant, "suivante.pdf", FAMILY[1][0])  # read with the layout: one use

    page = parse(logged_in.get(LAYOUTS))
    assert texts_of(page, "//table[contains(@class, 'layouts')]/tbody/tr/td[1]") == [
        FAMILY[0][1]["seller_name"]
    ]
    assert texts_of(page, "//tbody/tr/td[@data-testid='uses']") == ["1"]
    assert texts_of(page, "//tbody/tr/td[@data-testid='fields']") == [str(len(FAMILY[0][1]))]

    [layout] = layouts_of(db, tenant)
    csrf = csrf_of(logged_in.get(LAYOUTS).text)
    response = logged_in.post(
        f"{LAYOUTS}/{layout.id}/delete", data={"csrf_token": csrf}, follow_redirects=False
    )

    assert response.status_code == 303
    assert layouts_of(db, tenant) == []
    assert "Modèle supprimé" in logged_in.get(response.headers["location"]).text


def test_a_delete_without_the_form_token_changes_nothing(
    logged_in: TestClient, capture: Capture, tenant: Tenant, db: Session
) -> None:
    teach(logged_in, capture, tenant)
    [layout] = layouts_of(db, tenant)

    response = logged_in.post(f"{LAYOUTS}/{layout.id}/delete", data={"csrf_token": "forged"})

    assert response.status_code == 401  # the CSRF check's answer
    assert len(layouts_of(db, tenant)) == 1


def test_another_organisations_layouts_are_out_of_reach(
    logged_in: TestClient, capture: Capture, other_tenant: Tenant, db: Session
) -> None:
    teach(logged_in, capture, other_tenant)
    [theirs] = layouts_of(db, other_tenant)

    assert FAMILY[0][1]["seller_name"] not in logged_in.get(LAYOUTS).text
    csrf = csrf_of(logged_in.get(LAYOUTS).text)
    response = logged_in.post(f"{LAYOUTS}/{theirs.id}/delete", data={"csrf_token": csrf})

    assert response.status_code == 404
    assert len(layouts_of(db, other_tenant)) == 1


def test_the_page_speaks_english_too(logged_in: TestClient) -> None:
    logged_in.cookies.set(LANGUAGE_COOKIE, "en")
    assert text_of(parse(logged_in.get(LAYOUTS)), "//h1") == "Learned layouts"


def test_the_review_page_says_which_learned_layout_read_the_invoice(
    logged_in: TestClient, capture: Capture, tenant: Tenant
) -> None:
    teach(logged_in, capture, tenant)
    invoice: dict[str, Any] = capture.invoice(tenant, capture(tenant, "suivante.pdf", FAMILY[1][0]))
    review = f"/invoices/{invoice['id']}/review"

    said = parse(logged_in.get(review)).xpath("//*[@data-testid='layout-used']")[0]
    assert f"Lu avec le modèle appris « {FAMILY[0][1]['seller_name']} »" in said.text_content()
    assert said.xpath(".//a/@href")[0] == f"{LAYOUTS}#layout-{invoice['layout']['id']}"
    logged_in.cookies.set(LANGUAGE_COOKIE, "en")
    assert "Read with the learned layout" in text_of(
        parse(logged_in.get(review)), "//*[@data-testid='layout-used']"
    )


def test_an_invoice_read_without_a_learned_layout_says_nothing_of_one(
    logged_in: TestClient, capture: Capture, tenant: Tenant
) -> None:
    invoice: dict[str, Any] = capture.invoice(tenant, capture(tenant, "premiere.pdf", FAMILY[0][0]))

    page = parse(logged_in.get(f"/invoices/{invoice['id']}/review"))

    assert page.xpath("//*[@data-testid='layout-used']") == []
