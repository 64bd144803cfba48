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
from api.organisations import policy, secrets
from api.organisations.policy import InvalidFields, Problem
from api.organisations.repository import OrganisationRepository

MIN_PASSWORD_LENGTH = policy.MIN_PASSWORD_LENGTH
# Recording each use of an API key would write on every request: once every few minutes says enough.
API_KEY_USE_PRECISION = timedelta(minutes=5)


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
    now = utc_now()
    if row.last_used_at is None or now - row.last_used_at >= API_KEY_USE_PRECISION:
        row.last_used_at = now
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


# ---------------------------------------------------------------- settings: legal identity


@dataclass(frozen=True)
class Identity:
    """What the organisation is called on formal notices and in reminder footers (R123-237 C. com.)."""

    name: str  # the legal name when set, the organisation's name otherwise
    legal_form: str | None
    siren: str | None
    vat_id: str | None
    share_capital: str | None  # "10000" or "10000.50", in euros
    rcs_city: str | None
    address: str | None
    contact_email: str | None
    phone: str | None

    @property
    def is_set(self) -> bool:
        return self.siren is not None


def identity_of(organisation: Organisation) -> Identity:
    return Identity(
        name=organisation.legal_name or organisation.name,
        legal_form=organisation.legal_form,
        siren=organisation.siren,
        vat_id=organisation.vat_id,
        share_capital=organisation.share_capital,
        rcs_city=organisation.rcs_city,
        address=organisation.address,
        contact_email=organisation.contact_email,
        phone=organisation.phone,
    )


def update_identity(session: Session, principal: Principal, raw: dict[str, str]) -> Organisation:
    """Check every field, then save them all, or nothing: `InvalidFields` names each refused field."""
    values, problems = policy.check_identity(raw)
    if problems:
        raise InvalidFields(problems)
    organisation = get_organisation(session, principal)
    changed = sorted(name for name, value in values.items() if getattr(organisation, name) != value)
    for name in changed:
        setattr(organisation, name, values[name])
    if changed:
        record(session, organisation.id, principal.actor, "organisation.identity_updated", "organisation",
               organisation.id, {"fields": changed})  # fmt: skip
    return organisation


# ---------------------------------------------------------------- settings: users


def list_users(session: Session, principal: Principal) -> list[User]:
    return OrganisationRepository(session).users_of(principal.organisation_id)


def add_user(session: Session, principal: Principal, email: str, password: str | None) -> tuple[User, str]:
    """A new user of the caller's organisation; without a password, one is generated. Returns the user and
    the password, to be shown once."""
    password = password if password else secrets.new_password()
    email, problems = policy.check_new_user(email, password)
    repository = OrganisationRepository(session)
    if "email" not in problems and repository.get_user_by_email(email):
        problems["email"] = Problem("duplicate")
    if problems:
        raise InvalidFields(problems)
    organisation_id = principal.organisation_id
    user = repository.add(
        User(organisation_id=organisation_id, email=email, password_hash=secrets.hash_password(password))
    )
    record(session, organisation_id, principal.actor, "user.created", "user", user.id, {"email": email})
    return user, password


def set_user_active(session: Session, principal: Principal, user_id: uuid.UUID, *, active: bool) -> User:
    """Deactivating ends the user's sessions at once; they can no longer log in until reactivated."""
    repository = OrganisationRepository(session)
    user = repository.user_of(principal.organisation_id, user_id)
    if user is None:
        raise NotFound("No such user.")
    if not active and user.id == principal.user_id:
        raise InvalidFields({"user": Problem("self")})
    if user.is_active != active:
        user.is_active = active
        ended = 0 if active else repository.delete_web_sessions_of(user.id)
        action = "user.reactivated" if active else "user.deactivated"
        record(session, principal.organisation_id, principal.actor, action, "user", user.id,
               {"email": user.email, "sessions_ended": ended})  # fmt: skip
    return user


# ---------------------------------------------------------------- settings: API keys


def list_api_keys(session: Session, principal: Principal) -> list[ApiKey]:
    return OrganisationRepository(session).api_keys_of(principal.organisation_id)


def add_api_key(session: Session, principal: Principal, name: str) -> tuple[ApiKey, str]:
    """A named key for the caller's organisation; the key itself is returned once and never stored."""
    name, problems = policy.check_api_key_name(name)
    if problems:
        raise InvalidFields(problems)
    key = secrets.new_api_key()
    row = OrganisationRepository(session).add(
        ApiKey(
            organisation_id=principal.organisation_id,
            name=name,
            prefix=key[:12],
            key_hash=secrets.digest(key),
            created_by_id=principal.user_id,
        )
    )
    record(session, principal.organisation_id, principal.actor, "api_key.created", "api_key", row.id,
           {"prefix": row.prefix, "name": name})  # fmt: skip
    return row, key


def revoke_api_key(session: Session, principal: Principal, key_id: uuid.UUID) -> ApiKey:
    """From the next request on, the key is refused (401). Revoking twice changes nothing."""
    row = OrganisationRepository(session).api_key_of(principal.organisation_id, key_id)
    if row is None:
        raise NotFound("No such API key.")
    if row.revoked_at is None:
        row.revoked_at = utc_now()
        record(session, principal.organisation_id, principal.actor, "api_key.revoked", "api_key", row.id,
               {"prefix": row.prefix})  # fmt: skip
    return row
