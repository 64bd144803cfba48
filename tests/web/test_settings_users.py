"""Settings → users and API keys: add, deactivate / reactivate, create, revoke; each bad input refused next
to its field with nothing changed; another organisation's users and keys out of reach. Both backends."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.models import ApiKey, User
from tests.factories import Tenant
from tests.support.web import csrf_of, log_in, parse, text_of, texts_of

USERS, KEYS = "/settings/users", "/settings/api-keys"
ANNE = "anne@martin.example"


def users_in(db: Session, tenant: Tenant) -> dict[str, bool]:
    db.expire_all()
    found = {u.email: u.is_active for u in db.query(User).filter_by(organisation_id=tenant.organisation_id)}
    db.commit()
    return found


def keys_in(db: Session, tenant: Tenant) -> dict[str, bool]:
    db.expire_all()
    found = {
        k.name: k.revoked_at is None
        for k in db.query(ApiKey).filter_by(organisation_id=tenant.organisation_id)
    }
    db.commit()
    return found


def add_user(client: TestClient, email: str, password: str = "") -> object:
    csrf = csrf_of(client.get(USERS).text)
    return client.post(USERS, data={"csrf_token": csrf, "email": email, "password": password})


def row_id(client: TestClient, path: str, xpath: str) -> str:
    [found] = parse(client.get(path)).xpath(xpath)
    return str(found).split("-", 1)[1]


class TestUsers:
    def test_the_list_shows_each_user_and_the_viewer_cannot_deactivate_themselves(
        self, logged_in: TestClient, tenant: Tenant
    ) -> None:
        page = parse(logged_in.get(USERS))

        assert texts_of(page, "//table[contains(@class, 'users')]/tbody/tr/td[1]") == [
            f"{tenant.email} (vous)"
        ]
        assert texts_of(page, "//tbody/tr/td[2]") == ["Administrateur"]
        assert texts_of(page, "//tbody/tr//*[@data-testid='state']") == ["Actif"]
        assert texts_of(page, "//tbody/tr/td[3]") != ["jamais"]  # logged in just now
        assert page.xpath("//tbody//form") == []
        assert page.xpath("//nav[contains(@class, 'settings-tabs')]/a[@aria-current='true']/@href") == [USERS]

    def test_an_added_user_with_a_password_can_log_in(
        self, logged_in: TestClient, tenant: Tenant, app: FastAPI
    ) -> None:
        response = add_user(logged_in, " Anne@Martin.example ", "quiet river lantern")

        assert response.status_code == 200  # type: ignore[attr-defined]
        page = parse(response)  # type: ignore[arg-type]
        assert text_of(page, "//*[@data-testid='created']") == "Anne@martin.example est ajouté."
        assert page.xpath("//input[@id='new-password']") == []  # chosen, so not shown back
        with TestClient(app) as browser:
            log_in(browser, replace(tenant, email=ANNE, password="quiet river lantern"))

    def test_a_generated_password_is_shown_once(
        self, logged_in: TestClient, tenant: Tenant, app: FastAPI
    ) -> None:
        response = add_user(logged_in, ANNE)

        assert response.headers["cache-control"] == "no-store"  # type: ignore[attr-defined]
        page = parse(response)  # type: ignore[arg-type]
        [password] = page.xpath("//input[@id='new-password']/@value")
        assert page.xpath("//button[@data-copy='new-password']")
        assert password not in logged_in.get(USERS).text
        with TestClient(app) as browser:
            log_in(browser, replace(tenant, email=ANNE, password=password))

    @pytest.mark.parametrize(
        ("email", "password", "field", "message"),
        [
            ("", "long enough password", "email", "Ce champ est obligatoire."),
            ("anne.martin.example", "long enough password", "email",
             "Adresse e-mail non valide, par exemple prenom@exemple.fr."),
            ("a" * 320 + "@martin.example", "long enough password", "email", "320 caractères au plus."),
            ("owner@boulangerie-martin.example.com", "long enough password", "email",
             "Un utilisateur a déjà cette adresse e-mail."),
            (ANNE, "court", "password", "10 caractères au moins."),
            (ANNE, "x" * 201, "password", "200 caractères au plus."),
        ],
    )  # fmt: skip
    def test_bad_input_is_explained_next_to_its_field_and_no_user_is_added(
        self, logged_in: TestClient, tenant: Tenant, db: Session, email: str, password: str, field: str,
        message: str,
    ) -> None:  # fmt: skip
        response = add_user(logged_in, email, password)

        assert response.status_code == 400  # type: ignore[attr-defined]
        page = parse(response)  # type: ignore[arg-type]
        assert text_of(page, f"//*[@id='e-{field}']") == message
        assert page.xpath(f"//input[@name='{field}']/@aria-invalid") == ["true"]
        assert users_in(db, tenant) == {tenant.email: True}

    def test_a_deactivated_user_is_logged_out_and_cannot_log_in_until_reactivated(
        self, logged_in: TestClient, tenant: Tenant, app: FastAPI, db: Session
    ) -> None:
        add_user(logged_in, ANNE, "quiet river lantern")
        anne = replace(tenant, email=ANNE, password="quiet river lantern")
        user_id = row_id(logged_in, USERS, f"//tr[@data-email='{ANNE}']/@id")
        with TestClient(app) as browser:
            log_in(browser, anne)
            assert browser.get("/", follow_redirects=False).status_code == 200
            csrf = csrf_of(logged_in.get(USERS).text)

            response = logged_in.post(f"{USERS}/{user_id}/deactivate", data={"csrf_token": csrf},
                                      follow_redirects=False)  # fmt: skip

            assert response.status_code == 303
            assert browser.get("/", follow_redirects=False).headers["location"].startswith("/login")
            login = browser.get("/login").text
            token = re.search(r'name="csrf_token" value="([^"]+)"', login)
            assert token
            refused = browser.post("/login", data={"email": ANNE, "password": anne.password,
                                                   "csrf_token": token.group(1)})  # fmt: skip
            assert refused.status_code == 400
        page = parse(logged_in.get(response.headers["location"]))
        assert text_of(page, "//p[@role='status']").startswith(f"{ANNE} est désactivé")
        assert users_in(db, tenant) == {tenant.email: True, ANNE: False}

        logged_in.post(f"{USERS}/{user_id}/reactivate", data={"csrf_token": csrf})

        assert users_in(db, tenant) == {tenant.email: True, ANNE: True}
        with TestClient(app) as browser:
            log_in(browser, anne)

    def test_deactivating_oneself_is_refused_next_to_the_row(
        self, logged_in: TestClient, tenant: Tenant, db: Session
    ) -> None:
        me = row_id(logged_in, USERS, "//tbody/tr/@id")
        csrf = csrf_of(logged_in.get(USERS).text)

        response = logged_in.post(f"{USERS}/{me}/deactivate", data={"csrf_token": csrf})

        assert response.status_code == 400
        assert text_of(parse(response), f"//tr[@id='user-{me}']//*[@class='field-error']") == (
            "Vous ne pouvez pas désactiver votre propre compte."
        )
        assert users_in(db, tenant) == {tenant.email: True}
        assert logged_in.get(USERS).status_code == 200  # still logged in

    def test_another_organisations_user_cannot_be_touched(
        self, logged_in: TestClient, other_tenant: Tenant, db: Session
    ) -> None:
        db.expire_all()
        theirs = db.query(User).filter_by(email=other_tenant.email).one().id
        db.commit()
        csrf = csrf_of(logged_in.get(USERS).text)

        response = logged_in.post(f"{USERS}/{theirs}/deactivate", data={"csrf_token": csrf})

        assert response.status_code == 404
        assert users_in(db, other_tenant) == {other_tenant.email: True}
        assert other_tenant.email not in logged_in.get(USERS).text

    def test_posts_without_a_csrf_token_are_refused(
        self, logged_in: TestClient, tenant: Tenant, db: Session
    ) -> None:
        assert (
            logged_in.post(USERS, data={"email": ANNE, "password": "long enough password"}).status_code == 401
        )
        me = row_id(logged_in, USERS, "//tbody/tr/@id")
        assert logged_in.post(f"{USERS}/{me}/deactivate").status_code == 401
        assert users_in(db, tenant) == {tenant.email: True}


class TestApiKeys:
    def create(self, client: TestClient, name: str) -> object:
        csrf = csrf_of(client.get(KEYS).text)
        return client.post(KEYS, data={"csrf_token": csrf, "name": name})

    def test_a_new_key_is_shown_once_and_works_until_revoked(
        self, logged_in: TestClient, tenant: Tenant, db: Session
    ) -> None:
        response = self.create(logged_in, "Logiciel de facturation")

        assert response.status_code == 200  # type: ignore[attr-defined]
        assert response.headers["cache-control"] == "no-store"  # type: ignore[attr-defined]
        page = parse(response)  # type: ignore[arg-type]
        [key] = page.xpath("//input[@data-testid='new-key']/@value")
        assert page.xpath("//button[@data-copy='new-key']/@hidden") == [""]  # shown by settings.js
        assert key not in logged_in.get(KEYS).text
        bearer = {"Authorization": f"Bearer {key}"}
        assert logged_in.get("/api/v1/documents", headers=bearer).status_code == 200
        listed = parse(logged_in.get(KEYS))
        assert texts_of(listed, "//tbody/tr/td[1]") == ["Logiciel de facturation", "tests"]
        assert texts_of(listed, "//tbody/tr/td[2]")[0] == f"{key[:12]}…"
        assert texts_of(listed, "//tbody/tr/td[4]")[0] != "jamais"  # just used

        key_id = row_id(logged_in, KEYS, f"//tr[@data-prefix='{key[:12]}']/@id")
        csrf = csrf_of(logged_in.get(KEYS).text)
        revoked = logged_in.post(f"{KEYS}/{key_id}/revoke", data={"csrf_token": csrf})

        assert revoked.status_code == 200
        assert text_of(parse(revoked), "//p[@role='status']").startswith(
            "La clé Logiciel de facturation est révoquée"
        )
        assert logged_in.get("/api/v1/documents", headers=bearer).status_code == 401
        assert logged_in.get("/api/v1/documents", headers=tenant.headers).status_code == 200
        assert keys_in(db, tenant) == {"Logiciel de facturation": False, "tests": True}
        state = text_of(parse(revoked), f"//tr[@id='key-{key_id}']//*[@data-testid='state']")
        assert state.startswith("Révoquée le ")

    @pytest.mark.parametrize(
        ("name", "message"), [("", "Ce champ est obligatoire."), ("   ", "Ce champ est obligatoire."),
                              ("x" * 101, "100 caractères au plus.")]
    )  # fmt: skip
    def test_a_bad_name_is_explained_and_no_key_is_made(
        self, logged_in: TestClient, tenant: Tenant, db: Session, name: str, message: str
    ) -> None:
        response = self.create(logged_in, name)

        assert response.status_code == 400  # type: ignore[attr-defined]
        page = parse(response)  # type: ignore[arg-type]
        assert text_of(page, "//*[@id='e-name']") == message
        assert page.xpath("//input[@name='name']/@aria-invalid") == ["true"]
        assert page.xpath("//input[@data-testid='new-key']") == []
        assert keys_in(db, tenant) == {"tests": True}

    def test_another_organisations_key_cannot_be_revoked(
        self, logged_in: TestClient, other_tenant: Tenant, db: Session
    ) -> None:
        db.expire_all()
        theirs = db.query(ApiKey).filter_by(organisation_id=other_tenant.organisation_id).one().id
        db.commit()
        csrf = csrf_of(logged_in.get(KEYS).text)

        response = logged_in.post(f"{KEYS}/{theirs}/revoke", data={"csrf_token": csrf})

        assert response.status_code == 404
        assert logged_in.get("/api/v1/documents", headers=other_tenant.headers).status_code == 200
        assert keys_in(db, other_tenant) == {"tests": True}

    def test_a_revocation_without_its_csrf_token_is_refused(
        self, logged_in: TestClient, tenant: Tenant, db: Session
    ) -> None:
        key_id = row_id(logged_in, KEYS, "//tbody/tr/@id")

        assert logged_in.post(f"{KEYS}/{key_id}/revoke").status_code == 401
        assert logged_in.post(KEYS, data={"name": "sans jeton"}).status_code == 401
        assert keys_in(db, tenant) == {"tests": True}
