"""Server-rendered pages through the TestClient, on SQLite and PostgreSQL: login, language, logout,
the session cookie on the API, and tenancy on the pages."""

from __future__ import annotations

import uuid
from urllib.parse import urljoin, urlsplit

import httpx2
import lxml.html
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.models import Document, WebSession
from api.runtime import Runtime
from api.settings import Settings
from tests.factories import Tenant
from tests.support.files import pdf_bytes
from tests.support.web import parse, text_of, texts_of

SESSION_COOKIE = "encaisse_session"
LOGIN_CSRF_COOKIE = "encaisse_login_csrf"
LANGUAGE_COOKIE = "encaisse_lang"
DOCUMENTS_URL = "/api/v1/documents"

WRONG_CREDENTIALS_FR = "Adresse e-mail ou mot de passe incorrect."
REQUIRED_FR = "Ce champ est obligatoire."
CSRF_EXPIRED_FR = "La page a expiré ; veuillez réessayer."
LOGGED_OUT_FR = "Vous êtes déconnecté."
API_CSRF_DETAIL = "Missing or invalid CSRF token; reload the page and try again."


# ------------------------------------------------------------------ helpers


def attribute(page: lxml.html.HtmlElement, xpath: str, name: str) -> str | None:
    (element,) = page.xpath(xpath)
    value: str | None = element.get(name)
    return value


def login_form(client: TestClient, path: str = "/login") -> tuple[lxml.html.HtmlElement, str]:
    """GET the login page: its parsed HTML and the CSRF token of its form (also set as a cookie)."""
    response = client.get(path)
    assert response.status_code == 200
    page = parse(response)
    token = attribute(page, "//form[@action='/login']//input[@name='csrf_token']", "value")
    assert token
    assert client.cookies.get(LOGIN_CSRF_COOKIE) == token
    return page, token


def post_login(
    client: TestClient, *, email: str, password: str, csrf_token: str | None, next_path: str | None = None
) -> httpx2.Response:
    data = {"email": email, "password": password}
    if csrf_token is not None:
        data["csrf_token"] = csrf_token
    if next_path is not None:
        data["next"] = next_path
    return client.post("/login", data=data, follow_redirects=False)


def log_in(client: TestClient, tenant: Tenant) -> str:
    """Log in through the form; returns the session token the server set."""
    _, token = login_form(client)
    response = post_login(client, email=tenant.email, password=tenant.password, csrf_token=token)
    assert response.status_code == 303, response.text
    session = client.cookies.get(SESSION_COOKIE)
    assert session
    return session


def page_csrf_token(client: TestClient, path: str = "/") -> str:
    """The session's CSRF token, as the pages publish it in <meta name="csrf-token">."""
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 200
    token = attribute(parse(response), "//meta[@name='csrf-token']", "content")
    assert token
    return token


def listed_files(client: TestClient) -> list[str]:
    """The file names /documents lists (each links to the file)."""
    response = client.get("/documents", follow_redirects=False)
    assert response.status_code == 200
    return texts_of(parse(response), "//tbody//a[starts-with(@href, '/api/v1/documents/')]")


def web_session_count(runtime: Runtime) -> int:
    with runtime.session_factory() as session:
        return session.scalar(select(func.count()).select_from(WebSession)) or 0


def document_count(runtime: Runtime) -> int:
    with runtime.session_factory() as session:
        return session.scalar(select(func.count()).select_from(Document)) or 0


def stored_files(settings: Settings) -> list[str]:
    files_dir = settings.files_dir
    if not files_dir.exists():
        return []
    return sorted(str(p.relative_to(files_dir)) for p in files_dir.rglob("*") if p.is_file())


def upload_with_api_key(client: TestClient, tenant: Tenant, name: str, data: bytes) -> dict:  # type: ignore[type-arg]
    response = client.post(DOCUMENTS_URL, headers=tenant.headers, files={"file": (name, data)})
    assert response.status_code == 201, response.text
    body: dict = response.json()["documents"][0]  # type: ignore[type-arg]
    return body


# ------------------------------------------------------------------ pages need a login


class TestUnauthenticated:
    @pytest.mark.parametrize("path", ["/", "/upload", "/documents"])
    def test_a_page_redirects_to_login_with_next(self, client: TestClient, path: str) -> None:
        response = client.get(path, follow_redirects=False)

        assert response.status_code == 303
        assert response.headers["location"] == f"/login?next={path}"

    def test_a_stale_session_cookie_redirects_to_login(self, client: TestClient) -> None:
        client.cookies.set(SESSION_COOKIE, "not-a-session")

        response = client.get("/documents", follow_redirects=False)

        assert response.status_code == 303
        assert response.headers["location"] == "/login?next=/documents"

    def test_the_login_page_keeps_next_in_its_form(self, client: TestClient) -> None:
        page, _ = login_form(client, "/login?next=/documents")

        assert attribute(page, "//form[@action='/login']//input[@name='next']", "value") == "/documents"


# ------------------------------------------------------------------ language


class TestLanguage:
    def test_the_login_page_is_french_by_default(self, client: TestClient) -> None:
        page, _ = login_form(client)

        assert page.get("lang") == "fr"
        assert text_of(page, "//title") == "Connexion · Encaisse"
        assert text_of(page, "//h1") == "Connexion"
        assert texts_of(page, "//form[@action='/login']//label") == ["Adresse e-mail", "Mot de passe"]
        assert text_of(page, "//form[@action='/login']//button[@type='submit']") == "Se connecter"
        assert attribute(page, "//a[@hreflang='fr']", "aria-current") == "true"

    def test_lang_en_sets_a_cookie_and_the_login_page_is_english(self, client: TestClient) -> None:
        switched = client.get(
            "/lang/en", headers={"referer": "http://testserver/login"}, follow_redirects=False
        )

        assert switched.status_code == 303
        assert switched.headers["location"] == "http://testserver/login"
        assert client.cookies.get(LANGUAGE_COOKIE) == "en"
        page, _ = login_form(client)
        assert page.get("lang") == "en"
        assert text_of(page, "//h1") == "Log in"
        assert texts_of(page, "//form[@action='/login']//label") == ["Email address", "Password"]
        assert text_of(page, "//form[@action='/login']//button[@type='submit']") == "Log in"
        assert attribute(page, "//a[@hreflang='en']", "aria-current") == "true"

    def test_switching_back_to_french(self, client: TestClient) -> None:
        client.get("/lang/en")
        client.get("/lang/fr")

        page, _ = login_form(client)
        assert page.get("lang") == "fr"
        assert text_of(page, "//h1") == "Connexion"

    def test_an_unknown_language_sets_no_cookie(self, client: TestClient) -> None:
        response = client.get("/lang/de", follow_redirects=False)

        assert response.status_code == 303
        assert "set-cookie" not in response.headers
        page, _ = login_form(client)
        assert page.get("lang") == "fr"

    def test_the_switch_never_redirects_to_another_site(self, client: TestClient) -> None:
        response = client.get(
            "/lang/en", headers={"referer": "http://evil.example/phish"}, follow_redirects=False
        )

        assert response.status_code == 303
        assert response.headers["location"] == "/"


# ------------------------------------------------------------------ login


class TestLoginRefused:
    def test_wrong_password_is_400_with_the_french_message_next_to_the_form(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        _, token = login_form(client)

        response = post_login(client, email=tenant.email, password="not the password", csrf_token=token)

        assert response.status_code == 400
        page = parse(response)
        assert text_of(page, "//*[@id='form-error']") == WRONG_CREDENTIALS_FR
        assert attribute(page, "//*[@id='form-error']", "role") == "alert"
        # the message sits in the login card, right before the form
        assert page.xpath("//*[@id='form-error']/following-sibling::form[@action='/login']")
        assert attribute(page, "//input[@id='email']", "value") == tenant.email
        assert attribute(page, "//input[@id='password']", "value") is None
        assert page.xpath("//*[contains(@class, 'field-error')]") == []
        assert SESSION_COOKIE not in response.cookies
        assert client.cookies.get(SESSION_COOKIE) is None
        assert web_session_count(runtime) == 0

    def test_an_unknown_email_gets_the_same_message(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        _, token = login_form(client)

        response = post_login(client, email="nobody@example.com", password=tenant.password, csrf_token=token)

        assert response.status_code == 400
        assert text_of(parse(response), "//*[@id='form-error']") == WRONG_CREDENTIALS_FR
        assert web_session_count(runtime) == 0

    def test_after_a_refusal_the_new_form_works(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        _, token = login_form(client)
        refused = post_login(client, email=tenant.email, password="not the password", csrf_token=token)
        new_token = attribute(parse(refused), "//input[@name='csrf_token']", "value")
        assert new_token
        assert new_token != token
        assert client.cookies.get(LOGIN_CSRF_COOKIE) == new_token

        response = post_login(client, email=tenant.email, password=tenant.password, csrf_token=new_token)

        assert response.status_code == 303
        assert web_session_count(runtime) == 1

    @pytest.mark.parametrize(
        ("email", "password", "invalid"),
        [
            ("", "correct horse battery", ["email"]),
            ("   ", "correct horse battery", ["email"]),
            ("owner@boulangerie-martin.example.com", "", ["password"]),
            ("", "", ["email", "password"]),
        ],
        ids=["no-email", "blank-email", "no-password", "neither"],
    )
    def test_an_empty_field_gets_a_message_next_to_it(
        self,
        client: TestClient,
        tenant: Tenant,
        runtime: Runtime,
        email: str,
        password: str,
        invalid: list[str],
    ) -> None:
        _, token = login_form(client)

        response = post_login(client, email=email, password=password, csrf_token=token)

        assert response.status_code == 400
        page = parse(response)
        for field in ("email", "password"):
            field_input = f"//input[@id='{field}']"
            if field in invalid:
                assert attribute(page, field_input, "aria-invalid") == "true"
                assert attribute(page, field_input, "aria-describedby") == f"{field}-error"
                (message,) = page.xpath(f"{field_input}/following-sibling::*[1]")
                assert message.get("id") == f"{field}-error"
                assert message.get("class") == "field-error"
                assert " ".join(message.text_content().split()) == REQUIRED_FR
            else:
                assert attribute(page, field_input, "aria-invalid") is None
                assert page.xpath(f"//*[@id='{field}-error']") == []
        assert len(page.xpath("//*[@class='field-error']")) == len(invalid)
        assert page.xpath("//*[@id='form-error']") == []  # nothing was checked against the database
        assert client.cookies.get(SESSION_COOKIE) is None
        assert web_session_count(runtime) == 0

    @pytest.mark.parametrize("case", ["missing-token", "wrong-token", "no-cookie"])
    def test_a_missing_or_wrong_csrf_token_is_refused(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, case: str
    ) -> None:
        _, token = login_form(client)
        if case == "missing-token":
            submitted: str | None = None
        elif case == "wrong-token":
            submitted = token[:-4] + "AAAA" if not token.endswith("AAAA") else token[:-4] + "BBBB"
        else:
            client.cookies.delete(LOGIN_CSRF_COOKIE)
            submitted = token

        response = post_login(client, email=tenant.email, password=tenant.password, csrf_token=submitted)

        assert response.status_code == 400
        page = parse(response)
        assert text_of(page, "//*[@id='form-error']") == CSRF_EXPIRED_FR
        assert attribute(page, "//*[@id='form-error']", "role") == "alert"
        assert SESSION_COOKIE not in response.cookies
        assert client.cookies.get(SESSION_COOKIE) is None
        assert web_session_count(runtime) == 0
        assert client.get("/", follow_redirects=False).headers["location"] == "/login?next=/"


class TestLoginAccepted:
    @pytest.mark.parametrize("next_path", ["/", "/documents", "/upload"])
    def test_a_correct_login_redirects_to_next(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, next_path: str
    ) -> None:
        _, token = login_form(client, f"/login?next={next_path}")

        response = post_login(
            client, email=tenant.email, password=tenant.password, csrf_token=token, next_path=next_path
        )

        assert response.status_code == 303
        assert response.headers["location"] == next_path
        session_cookie = next(
            header
            for header in response.headers.get_list("set-cookie")
            if header.startswith(f"{SESSION_COOKIE}=")
        )
        assert "HttpOnly" in session_cookie
        assert "SameSite=lax" in session_cookie
        assert client.cookies.get(LOGIN_CSRF_COOKIE) is None  # single use
        assert web_session_count(runtime) == 1
        assert client.get(next_path, follow_redirects=False).status_code == 200

    @pytest.mark.parametrize(
        "next_path",
        [
            "//evil.example",
            "//evil.example/path",
            "https://evil.example/",
            "evil.example",
            "",
            "/\\evil.example",
            "/\t/evil.example",
        ],
        ids=[
            "protocol-relative",
            "protocol-relative-path",
            "absolute",
            "relative",
            "empty",
            "backslash",
            "tab",
        ],
    )
    def test_next_never_leads_to_another_site(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, next_path: str
    ) -> None:
        _, token = login_form(client)

        response = post_login(
            client, email=tenant.email, password=tenant.password, csrf_token=token, next_path=next_path
        )

        assert response.status_code == 303
        location = response.headers["location"]
        if next_path.startswith(("//", "https:", "evil")) or not next_path:
            assert location == "/"
        # resolved the way a browser does (WHATWG: "\" is "/", tabs and newlines are dropped)
        browser_view = location.replace("\\", "/").replace("\t", "").replace("\n", "").replace("\r", "")
        assert urlsplit(urljoin("http://testserver/login", browser_view)).netloc == "testserver"
        assert web_session_count(runtime) == 1

    def test_the_login_page_drops_an_offsite_next(self, client: TestClient) -> None:
        page, _ = login_form(client, "/login?next=//evil.example")

        assert attribute(page, "//input[@name='next']", "value") == "/"

    def test_the_email_is_matched_whatever_the_surrounding_spaces(
        self, client: TestClient, tenant: Tenant
    ) -> None:
        _, token = login_form(client)

        response = post_login(client, email=f"  {tenant.email} ", password=tenant.password, csrf_token=token)

        assert response.status_code == 303


# ------------------------------------------------------------------ dashboard


class TestDashboard:
    """The home page's figures are tested in test_home_page.py; here what every page shares."""

    def test_it_greets_the_user_and_invites_a_first_upload(self, client: TestClient, tenant: Tenant) -> None:
        log_in(client, tenant)

        response = client.get("/", follow_redirects=False)

        assert response.status_code == 200
        page = parse(response)
        assert text_of(page, "//h1") == "Tableau de bord"
        assert text_of(page, "//main/p[1]").startswith(f"Bienvenue, {tenant.email}.")
        assert text_of(page, "//*[@data-testid='kpi-outstanding']") == "0,00 €"
        assert text_of(page, "//*[@data-testid='home-empty']/h2") == "Aucune facture pour l'instant"
        assert text_of(page, "//nav//a[@href='/']") == "Accueil"
        assert text_of(page, "//nav//a[@href='/upload']") == "Déposer"
        assert text_of(page, "//nav//a[@href='/documents']") == "Documents"
        assert texts_of(page, "//nav//a[@aria-current='page']") == ["Accueil"]


# ------------------------------------------------------------------ logout


class TestLogout:
    @pytest.mark.parametrize("form", [{}, {"csrf_token": "forged"}], ids=["no-token", "wrong-token"])
    def test_without_the_csrf_token_it_is_refused_and_the_session_still_works(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, form: dict[str, str]
    ) -> None:
        log_in(client, tenant)

        response = client.post("/logout", data=form, follow_redirects=False)

        assert response.status_code == 401
        page = parse(response)
        assert text_of(page, "//h1") == "Erreur"
        assert page.xpath("//*[@data-testid='error-headline']") == []  # the coded reason says it all
        assert (
            text_of(page, "//*[@data-testid='error-detail']")
            == "La page a expiré ; rechargez-la et réessayez."
        )
        assert "location" not in response.headers
        assert "set-cookie" not in response.headers
        assert web_session_count(runtime) == 1
        assert client.get("/", follow_redirects=False).status_code == 200

    def test_with_the_token_the_session_is_revoked_on_the_server(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        old_session = log_in(client, tenant)
        token = page_csrf_token(client)

        response = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)

        assert response.status_code == 303
        assert response.headers["location"] == "/login?logged_out=1"
        assert any(
            header.startswith(f'{SESSION_COOKIE}=""') and "Max-Age=0" in header
            for header in response.headers.get_list("set-cookie")
        )
        assert web_session_count(runtime) == 0
        notice = parse(client.get(response.headers["location"]))
        assert text_of(notice, "//*[@class='notice']") == LOGGED_OUT_FR
        # The browser forgot the cookie; a stolen copy of it must not work either.
        client.cookies.clear()
        client.cookies.set(SESSION_COOKIE, old_session)
        replay = client.get("/", follow_redirects=False)
        assert replay.status_code == 303
        assert replay.headers["location"] == "/login?next=/"
        assert client.get(DOCUMENTS_URL).status_code == 401


# ------------------------------------------------------------------ the session cookie on the API


class TestSessionCookieOnTheApi:
    def test_a_get_needs_no_csrf_header(self, client: TestClient, tenant: Tenant) -> None:
        log_in(client, tenant)

        response = client.get(DOCUMENTS_URL)

        assert response.status_code == 200
        assert response.json()["total"] == 0

    @pytest.mark.parametrize("header", [None, "forged"], ids=["no-header", "wrong-header"])
    def test_an_upload_without_the_csrf_header_is_401_and_stores_nothing(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, settings: Settings, header: str | None
    ) -> None:
        log_in(client, tenant)
        headers = {"X-CSRF-Token": header} if header else {}

        response = client.post(DOCUMENTS_URL, headers=headers, files={"file": ("facture.pdf", pdf_bytes(1))})

        assert response.status_code == 401
        assert response.json() == {"error": "unauthorized", "detail": API_CSRF_DETAIL}
        assert document_count(runtime) == 0
        assert stored_files(settings) == []

    def test_an_upload_with_the_pages_csrf_token_is_201(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        log_in(client, tenant)
        token = page_csrf_token(client, "/upload")

        response = client.post(
            DOCUMENTS_URL, headers={"X-CSRF-Token": token}, files={"file": ("facture.pdf", pdf_bytes(1))}
        )

        assert response.status_code == 201
        (document,) = response.json()["documents"]
        assert document["filename"] == "facture.pdf"
        assert document["duplicate"] is False
        assert document_count(runtime) == 1
        assert listed_files(client) == ["facture.pdf"]

    def test_the_csrf_token_of_one_session_does_not_work_with_another(
        self, client: TestClient, app: FastAPI, tenant: Tenant, runtime: Runtime
    ) -> None:
        log_in(client, tenant)
        first_token = page_csrf_token(client)
        with TestClient(app) as second:
            log_in(second, tenant)

            response = second.post(
                DOCUMENTS_URL, headers={"X-CSRF-Token": first_token}, files={"file": ("f.pdf", pdf_bytes(1))}
            )

        assert response.status_code == 401
        assert document_count(runtime) == 0


# ------------------------------------------------------------------ tenancy


class TestTenancyOnPages:
    def test_another_organisations_user_does_not_see_the_documents(
        self, client: TestClient, app: FastAPI, tenant: Tenant, other_tenant: Tenant
    ) -> None:
        document = upload_with_api_key(client, tenant, "martin-confidentiel.pdf", pdf_bytes(1, label="m"))
        log_in(client, tenant)
        assert listed_files(client) == ["martin-confidentiel.pdf"]  # the control

        with TestClient(app) as other:
            log_in(other, other_tenant)
            response = other.get("/documents", follow_redirects=False)
            dashboard = parse(other.get("/", follow_redirects=False))
            file_response = other.get(f"{DOCUMENTS_URL}/{document['id']}/file")

        assert response.status_code == 200
        theirs = parse(response)
        assert text_of(theirs, "//h1") == "Documents (0)"
        assert text_of(theirs, "//p[@class='empty']") == "Aucun document."
        assert theirs.xpath("//table") == []
        assert "martin-confidentiel" not in response.text
        assert document["id"] not in response.text
        assert text_of(dashboard, "//*[@data-testid='kpi-outstanding']") == "0,00 €"
        assert file_response.status_code == 404


def test_a_service_refusal_has_a_headline_in_the_readers_language(client: TestClient, tenant: Tenant) -> None:
    log_in(client, tenant)
    missing = f"/invoices/{uuid.uuid4()}/review"
    french = client.get(missing)
    client.cookies.set("encaisse_lang", "en")
    english = client.get(missing)

    assert french.status_code == english.status_code == 404
    assert text_of(parse(french), "//*[@data-testid='error-headline']") == "Introuvable"
    assert text_of(parse(english), "//*[@data-testid='error-headline']") == "Not found"
    # the JSON API's English detail ("No such invoice.") is not the page's: a sentence for a missing thing
    assert text_of(parse(english), "//*[@data-testid='error-detail']") == (
        "This item does not exist or is no longer available."
    )
    assert text_of(parse(french), "//*[@data-testid='error-detail']") == (
        "Cet élément n'existe pas ou n'est plus accessible."
    )
