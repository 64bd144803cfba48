"""Organisations, users, API keys and logins. Never commits: the caller's unit of work does."""

from __future__ import annotations

import hmac
import uuid
from dataclasses import dataclass
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.orm import Session

from api.audit.service import record
from api.clock import utc_now
from api.errors import BadRequest, Conflict, NotFound, Unauthorized
from api.models import ApiKey, Organisation, User, WebSession
from api.organisations import secrets
from api.organisations.repository import OrganisationRepository

MIN_PASSWORD_LENGTH = 10


@dataclass(frozen=True)
class Principal:
    """Who is calling, and for which organisation: every query is scoped by `organisation_id`."""

    organisation_id: uuid.UUID
    user_id: uuid.UUID | None = None
    api_key_id: uuid.UUID | None = None
    csrf_token: str | None = None
    label: str | None = None

    @property
    def actor(self) -> str:
        if self.label:  # the command line, acting for the organisation
            return self.label
        return f"user:{self.user_id}" if self.user_id else f"api_key:{self.api_key_id}"


@dataclass(frozen=True)
class Bootstrap:
    organisation: Organisation
    email: str
    password: str
    api_key: str


def create_organisation(session: Session, name: str) -> Organisation:
    name = name.strip()
    if not name or len(name) > 200:
        raise BadRequest("An organisation name is required (at most 200 characters).")
    repository = OrganisationRepository(session)
    if repository.get_by_name(name):
        raise Conflict(f"An organisation named {name!r} already exists.")
    return repository.add(Organisation(name=name))


def get_organisation_by_name(session: Session, name: str) -> Organisation:
    organisation = OrganisationRepository(session).get_by_name(name)
    if organisation is None:
        raise NotFound(f"No organisation named {name!r}.")
    return organisation


def create_user(session: Session, organisation: Organisation, email: str, password: str) -> User:
    try:
        email = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise BadRequest(f"Invalid email address: {exc}") from exc
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BadRequest(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")
    repository = OrganisationRepository(session)
    if repository.get_user_by_email(email):
        raise Conflict(f"A user with the email {email} already exists.")
    user = repository.add(
        User(organisation_id=organisation.id, email=email, password_hash=secrets.hash_password(password))
    )
    record(session, organisation.id, "system", "user.created", "user", user.id, {"email": email})
    return user


def create_api_key(
    session: Session,
    organisation: Organisation,
    *,
    name: str = "default",
    created_by: uuid.UUID | None = None,
) -> tuple[ApiKey, str]:
    """Returns the row and the key itself, which is not stored and cannot be shown again."""
    key = secrets.new_api_key()
    row = OrganisationRepository(session).add(
        ApiKey(
            organisation_id=organisation.id,
            name=name[:100],
            prefix=key[:12],
            key_hash=secrets.digest(key),
            created_by_id=created_by,
        )
    )
    record(session, organisation.id, "system", "api_key.created", "api_key", row.id, {"prefix": row.prefix})
    return row, key


def authenticate_api_key(session: Session, key: str) -> Principal:
    row = OrganisationRepository(session).get_api_key_by_hash(secrets.digest(key))
    if row is None or row.revoked_at is not None:
        raise Unauthorized("Invalid API key.")
    return Principal(organisation_id=row.organisation_id, api_key_id=row.id)


def bootstrap_if_empty(session: Session, *, organisation_name: str, email: str) -> Bootstrap | None:
    """On the very first start: an organisation, an admin and an API key, so the owner can log in."""
    if OrganisationRepository(session).count() > 0:
        return None
    organisation = create_organisation(session, organisation_name)
    password = secrets.new_password()
    user = create_user(session, organisation, email, password)
    _, key = create_api_key(session, organisation, name="bootstrap", created_by=user.id)
    return Bootstrap(organisation=organisation, email=user.email, password=password, api_key=key)


def login(session: Session, email: str, password: str, *, lifetime: timedelta) -> tuple[WebSession, str]:
    repository = OrganisationRepository(session)
    user = repository.get_user_by_email(email.strip())
    if user is None or not user.is_active or not secrets.verify_password(user.password_hash, password):
        raise Unauthorized("Wrong email or password.")
    token = secrets.new_token()
    now = utc_now()
    user.last_login_at = now
    web_session = repository.add(
        WebSession(
            organisation_id=user.organisation_id,
            user_id=user.id,
            token_hash=secrets.digest(token),
            csrf_token=secrets.new_token(),
            expires_at=now + lifetime,
        )
    )
    record(session, user.organisation_id, f"user:{user.id}", "user.login", "user", user.id, {})
    return web_session, token


def authenticate_session(session: Session, token: str) -> Principal:
    row = OrganisationRepository(session).get_web_session_by_hash(secrets.digest(token))
    if row is None or row.expires_at < utc_now():
        raise Unauthorized("Your session has expired; please log in again.")
    return Principal(organisation_id=row.organisation_id, user_id=row.user_id, csrf_token=row.csrf_token)


def logout(session: Session, token: str) -> None:
    OrganisationRepository(session).delete_web_session(secrets.digest(token))


def check_csrf(principal: Principal, submitted: str | None) -> None:
    if principal.csrf_token is None:  # API keys are not sent automatically by browsers
        return
    if not submitted or not hmac.compare_digest(principal.csrf_token, submitted):
        raise Unauthorized("Missing or invalid CSRF token; reload the page and try again.")


def get_user(session: Session, principal: Principal) -> User | None:
    if principal.user_id is None:
        return None
    return OrganisationRepository(session).get_user(principal.user_id)


def get_organisation(session: Session, principal: Principal) -> Organisation:
    organisation = OrganisationRepository(session).get(principal.organisation_id)
    assert organisation is not None, "a principal always points at an existing organisation"
    return organisation
