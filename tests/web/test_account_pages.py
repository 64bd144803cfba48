"""My account, forgotten password and login throttling, through the pages as a browser uses them (both
backends): changing the password keeps this session and ends the others; "log out everywhere" ends them
all; a reset link arrives by email (the outbox, or a real SMTP server), works once and for an hour; the
forgot-password form answers the same for any email; the login form answers 429 with Retry-After."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api import clock
from api.models import AuditLog, PasswordResetToken, User
from api.runtime import Runtime
from api.settings import Settings
from tests.factories import Tenant
from tests.support.smtp import running_smtp
from tests.support.web import csrf_of, log_in, parse, text_of

NEW = "quiet river lantern"
T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def login_form(client: TestClient, email: str, password: str) -> object:
    page = client.get("/login").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf
    data = {"email": email, "password": password, "csrf_token": csrf.group(1), "next": "/"}
    return client.post("/login", data=data, follow_redirects=False)


def change(client: TestClient, current: str, new: str, confirm: str | None = None) -> object:
    csrf = csrf_of(client.get("/account").text)
    data = {"csrf_token": csrf, "current_password": current, "new_password": new,
            "confirm_password": new if confirm is None else confirm}  # fmt: skip
    return client.post("/account/password", data=data, follow_redirects=False)


def is_logged_in(client: TestClient) -> bool:
    return client.get("/account", follow_redirects=False).status_code == 200


def password_hash(db: Session, tenant: Tenant) -> str:
    db.expire_all()
    value = db.query(User).filter_by(email=tenant.email).one().password_hash
    db.commit()
    return value


class TestChangePassword:
    def test_the_new_password_works_this_session_goes_on_and_the_others_end(
        self, logged_in: TestClient, tenant: Tenant, app: FastAPI, db: Session
    ) -> None:
        with TestClient(app) as laptop:
            log_in(laptop, tenant)

            response = change(logged_in, tenant.password, NEW)

            assert response.status_code == 303  # type: ignore[attr-defined]
            page = parse(logged_in.get(response.headers["location"]))  # type: ignore[attr-defined]
            assert text_of(page, "//*[@data-testid='notice']").startswith("Votre mot de passe a été changé.")
            assert not is_logged_in(laptop)
        with TestClient(app) as browser:
            assert login_form(browser, tenant.email, tenant.password).status_code == 400  # type: ignore[attr-defined]
            log_in(browser, replace(tenant, password=NEW))
        db.expire_all()
        assert db.query(AuditLog).filter_by(action="user.password_changed").count() == 1

    @pytest.mark.parametrize(
        ("current", "new", "confirm", "field", "message"),
        [
            ("not my password", NEW, NEW, "current_password", "Ce n'est pas votre mot de passe actuel."),
            (None, "azerty123456", None, "new_password", "Mot de passe trop facile à deviner"),
            (None, "boulangerie-martin-2026", None, "new_password",
             "Le mot de passe ne doit contenir ni votre adresse e-mail ni le nom de l'organisation."),
            (None, "court", None, "new_password", "10 caractères au moins."),
            (None, NEW, "quiet river lanterns", "confirm_password",
             "Ne correspond pas au nouveau mot de passe."),
        ],
    )  # fmt: skip
    def test_a_refused_change_says_why_next_to_the_field_and_changes_nothing(
        self, logged_in: TestClient, tenant: Tenant, app: FastAPI, db: Session,
        current: str | None, new: str, confirm: str | None, field: str, message: str,
    ) -> None:  # fmt: skip
        before = password_hash(db, tenant)
        with TestClient(app) as laptop:
            log_in(laptop, tenant)

            response = change(logged_in, current or tenant.password, new, confirm)

            assert response.status_code == 400  # type: ignore[attr-defined]
            page = parse(response)  # type: ignore[arg-type]
            assert text_of(page, f"//*[@id='e-{field}']").startswith(message)
            assert page.xpath(f"//input[@name='{field}']/@aria-invalid") == ["true"]
            assert password_hash(db, tenant) == before
            assert is_logged_in(laptop)

    def test_guessing_the_current_password_is_throttled_like_a_login(
        self, logged_in: TestClient, tenant: Tenant, db: Session
    ) -> None:
        before = password_hash(db, tenant)
        for n in range(5):
            clock.pin(T0 + timedelta(seconds=n / 10))
            assert change(logged_in, f"guess {n}", NEW).status_code == 400  # type: ignore[attr-defined]

        clock.pin(T0 + timedelta(seconds=0.5))
        locked = change(logged_in, tenant.password, NEW)

        assert locked.status_code == 429  # type: ignore[attr-defined]
        # A one-second lock from the fifth guess; the pinned clock runs on between requests, so on a busy
        # machine the remaining wait may round up to 2 seconds.
        assert locked.headers["retry-after"] in ("1", "2")  # type: ignore[attr-defined]
        assert password_hash(db, tenant) == before
        clock.pin(T0 + timedelta(seconds=2.5))
        assert change(logged_in, tenant.password, NEW).status_code == 303  # type: ignore[attr-defined]

    def test_without_the_csrf_token_nothing_changes(
        self, logged_in: TestClient, tenant: Tenant, db: Session
    ) -> None:
        before = password_hash(db, tenant)
        data = {"current_password": tenant.password, "new_password": NEW, "confirm_password": NEW}

        response = logged_in.post("/account/password", data=data)

        assert response.status_code == 401
        assert password_hash(db, tenant) == before


class TestLogoutEverywhere:
    def test_every_session_ends_this_one_and_another_clients(
        self, logged_in: TestClient, tenant: Tenant, app: FastAPI
    ) -> None:
        with TestClient(app) as phone:
            log_in(phone, tenant)
            csrf = csrf_of(logged_in.get("/account").text)

            response = logged_in.post(
                "/account/logout-everywhere", data={"csrf_token": csrf}, follow_redirects=False
            )

            assert response.status_code == 303
            assert response.headers["location"] == "/login?logged_out=1"
            assert not is_logged_in(phone)
            assert not is_logged_in(logged_in)
            log_in(phone, tenant)  # the password still works
            assert is_logged_in(phone)

    def test_the_account_page_offers_it_and_is_linked_from_every_page(self, logged_in: TestClient) -> None:
        page = parse(logged_in.get("/"))
        assert page.xpath("//header//a[@href='/account']")
        account = parse(logged_in.get("/account"))
        assert (
            text_of(account, "//form[@action='/account/logout-everywhere']//button")
            == "Me déconnecter partout"
        )


def ask_for_link(client: TestClient, email: str) -> object:
    page = client.get("/forgot-password").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf
    return client.post("/forgot-password", data={"email": email, "csrf_token": csrf.group(1)})


def outbox(settings: Settings) -> list[EmailMessage]:
    if not settings.outbox_dir.exists():
        return []
    return [
        message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[misc]
        for path in sorted(settings.outbox_dir.glob("*.eml"))
    ]


def link_in(message: EmailMessage, settings: Settings) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    found = re.search(re.escape(settings.base_url) + r"(/reset-password/[\w-]+)", body.get_content())
    assert found, body.get_content()
    return found.group(1)


def set_password(client: TestClient, path: str, new: str, confirm: str | None = None) -> object:
    data = {"new_password": new, "confirm_password": new if confirm is None else confirm}
    return client.post(path, data=data, follow_redirects=False)


class TestReset:
    def test_the_emailed_link_sets_a_new_password_once_and_ends_every_session(
        self, client: TestClient, tenant: Tenant, app: FastAPI, runtime: Runtime, settings: Settings
    ) -> None:
        with TestClient(app) as laptop:
            log_in(laptop, tenant)
            assert 'href="/forgot-password"' in client.get("/login").text

            answer = ask_for_link(client, tenant.email.upper())
            assert runtime.backend.wait_idle()  # type: ignore[attr-defined]

            assert text_of(parse(answer), "//*[@data-testid='sent']").startswith("Si un compte existe")  # type: ignore[arg-type]
            [message] = outbox(settings)
            assert message["To"] == tenant.email
            assert message["Subject"] == "Encaisse : choisissez un nouveau mot de passe"
            assert "dans les 60 minutes" in message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
            path = link_in(message, settings)
            form = client.get(path)
            assert form.status_code == 200
            assert form.headers["referrer-policy"] == "no-referrer"

            done = set_password(client, path, NEW)

            assert done.status_code == 303  # type: ignore[attr-defined]
            assert done.headers["location"] == "/login?reset=1"  # type: ignore[attr-defined]
            assert not is_logged_in(laptop)
            assert login_form(client, tenant.email, tenant.password).status_code == 400  # type: ignore[attr-defined]
            log_in(client, replace(tenant, password=NEW))
            again = set_password(client, path, "another fine passphrase")
            assert again.status_code == 400  # type: ignore[attr-defined]
            assert text_of(parse(again), "//*[@id='form-error']").startswith("Ce lien n'est plus valable")  # type: ignore[arg-type]
            log_in(laptop, replace(tenant, password=NEW))

    def test_through_a_real_smtp_server_in_the_readers_language(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, settings: Settings
    ) -> None:
        with running_smtp() as (inbox, port):
            settings.smtp_host, settings.smtp_port, settings.smtp_starttls = "127.0.0.1", port, False
            client.cookies.set("encaisse_lang", "en")

            ask_for_link(client, tenant.email)
            assert runtime.backend.wait_idle()  # type: ignore[attr-defined]

            [message] = inbox.parsed()
        assert message["Subject"] == "Encaisse: choose a new password"
        path = link_in(message, settings)
        assert set_password(client, path, NEW).status_code == 303  # type: ignore[attr-defined]
        log_in(client, replace(tenant, password=NEW))

    def test_an_unknown_email_gets_the_same_answer_and_no_email(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        known = ask_for_link(client, tenant.email)
        unknown = ask_for_link(client, "nobody@nowhere.example")
        assert runtime.backend.wait_idle()  # type: ignore[attr-defined]

        assert unknown.status_code == known.status_code == 200  # type: ignore[attr-defined]
        assert unknown.text == known.text  # type: ignore[attr-defined]
        assert [message["To"] for message in outbox(settings)] == [tenant.email]
        assert db.query(PasswordResetToken).count() == 1

    def test_a_link_expires_after_an_hour(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        before = password_hash(db, tenant)
        with clock.pinned(T0):
            ask_for_link(client, tenant.email)
            assert runtime.backend.wait_idle()  # type: ignore[attr-defined]
            [message] = outbox(settings)
        path = link_in(message, settings)

        with clock.pinned(T0 + timedelta(hours=1, seconds=1)):
            assert client.get(path).status_code == 400
            assert set_password(client, path, NEW).status_code == 400  # type: ignore[attr-defined]
        assert password_hash(db, tenant) == before

    def test_a_weak_password_is_refused_and_the_link_still_works(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, settings: Settings, db: Session
    ) -> None:
        before = password_hash(db, tenant)
        ask_for_link(client, tenant.email)
        assert runtime.backend.wait_idle()  # type: ignore[attr-defined]
        path = link_in(outbox(settings)[0], settings)

        refused = set_password(client, path, "motdepasse2026")

        assert refused.status_code == 400  # type: ignore[attr-defined]
        assert text_of(parse(refused), "//*[@id='e-new_password']").startswith("Mot de passe trop facile")  # type: ignore[arg-type]
        assert password_hash(db, tenant) == before
        assert set_password(client, path, NEW).status_code == 303  # type: ignore[attr-defined]

    def test_at_most_three_links_an_hour_reach_one_mailbox(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, settings: Settings
    ) -> None:
        with clock.pinned(T0):
            answers = [ask_for_link(client, tenant.email) for _ in range(5)]
            assert runtime.backend.wait_idle()  # type: ignore[attr-defined]
            assert len(outbox(settings)) == 3
            assert len({answer.text for answer in answers}) == 1  # type: ignore[attr-defined]
        with clock.pinned(T0 + timedelta(hours=1, minutes=1)):
            ask_for_link(client, tenant.email)
            assert runtime.backend.wait_idle()  # type: ignore[attr-defined]
            assert len(outbox(settings)) == 4

    def test_a_made_up_link_is_refused(self, client: TestClient, tenant: Tenant) -> None:
        response = client.get("/reset-password/not-a-real-token")
        assert response.status_code == 400
        assert "Demander un nouveau lien" in response.text


class TestLoginThrottle:
    def test_locked_after_five_failures_even_with_the_right_password_then_released(
        self, client: TestClient, tenant: Tenant
    ) -> None:
        for n in range(5):
            clock.pin(T0 + timedelta(seconds=n / 10))
            assert login_form(client, tenant.email, "wrong password").status_code == 400  # type: ignore[attr-defined]

        clock.pin(T0 + timedelta(seconds=0.5))
        locked = login_form(client, tenant.email, tenant.password)

        assert locked.status_code == 429  # type: ignore[attr-defined]
        assert locked.headers["retry-after"] == "1"  # type: ignore[attr-defined]
        assert text_of(parse(locked), "//*[@id='form-error']") == (  # type: ignore[arg-type]
            "Trop de tentatives de connexion échouées. Réessayez dans 1 min."
        )
        assert "encaisse_session" not in locked.headers.get("set-cookie", "")  # type: ignore[attr-defined]
        assert client.get("/account", follow_redirects=False).status_code == 303

        clock.pin(T0 + timedelta(seconds=1.5))
        assert login_form(client, tenant.email, tenant.password).status_code == 303  # type: ignore[attr-defined]
        assert is_logged_in(client)


def test_the_reset_email_answers_go_to_the_organisations_contact_address(
    client: TestClient, tenant: Tenant, runtime: Runtime, settings: Settings, db: Session
) -> None:
    from api.models import Organisation

    organisation = db.get(Organisation, tenant.organisation_id)
    assert organisation is not None
    organisation.contact_email = "support@martin.example"
    db.commit()

    ask_for_link(client, tenant.email)
    assert runtime.backend.wait_idle()  # type: ignore[attr-defined]

    [message] = outbox(settings)
    assert message["Reply-To"] == "support@martin.example"
