"""Settings → organisation: the workspace can be renamed ("Mon entreprise" is only the first start's
default); payers keep seeing the legal name. Both database backends."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.models import AuditLog, Organisation
from tests.factories import Tenant
from tests.support.web import csrf_of, parse, text_of

PAGE = "/settings/organisation"


def rename(client: TestClient, name: str, *, csrf: str | None = None) -> object:
    token = csrf_of(client.get(PAGE).text) if csrf is None else csrf
    return client.post(f"{PAGE}/name", data={"csrf_token": token, "name": name}, follow_redirects=False)


def name_of(db: Session, tenant: Tenant) -> str:
    db.expire_all()
    organisation = db.get(Organisation, tenant.organisation_id)
    assert organisation is not None
    name = organisation.name
    db.commit()
    return name


def test_the_workspace_is_renamed_and_the_change_audited(
    logged_in: TestClient, tenant: Tenant, db: Session
) -> None:
    response = rename(logged_in, "  Atelier   Lenoir ")

    assert response.status_code == 303  # type: ignore[attr-defined]
    assert name_of(db, tenant) == "Atelier Lenoir"
    page = parse(logged_in.get(f"{PAGE}?renamed=1"))
    assert page.xpath("//input[@id='name']/@value") == ["Atelier Lenoir"]
    assert "L'espace a été renommé." in text_of(page, "//form[@id='workspace-name']")
    [entry] = [a for a in db.query(AuditLog).all() if a.action == "organisation.renamed"]
    assert entry.data == {"from": tenant.name, "to": "Atelier Lenoir"}
    assert entry.organisation_id == tenant.organisation_id


def test_an_empty_name_is_explained_in_french_and_nothing_changes(
    logged_in: TestClient, tenant: Tenant, db: Session
) -> None:
    response = rename(logged_in, "   ")

    assert response.status_code == 400  # type: ignore[attr-defined]
    page = parse(response)  # type: ignore[arg-type]
    assert text_of(page, "//p[@id='e-name']") == "Ce champ est obligatoire."
    assert name_of(db, tenant) == tenant.name


def test_another_workspaces_name_is_refused_without_an_error_page(
    logged_in: TestClient, tenant: Tenant, other_tenant: Tenant, db: Session
) -> None:
    response = rename(logged_in, other_tenant.name)

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "déjà pris" in text_of(parse(response), "//p[@id='e-name']")  # type: ignore[arg-type]
    assert name_of(db, tenant) == tenant.name
    assert name_of(db, other_tenant) == other_tenant.name


def test_without_the_csrf_token_nothing_is_renamed(
    logged_in: TestClient, tenant: Tenant, db: Session
) -> None:
    response = rename(logged_in, "Pirate", csrf="forged")

    assert response.status_code in (400, 401, 403)  # type: ignore[attr-defined]
    assert name_of(db, tenant) == tenant.name
