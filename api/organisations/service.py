"""Organisations, users, API keys and logins. Never commits: the caller's unit of work does."""

from __future__ import annotations

import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.orm import Session

from api.audit.service import record
from api.clock import utc_now
from api.errors import BadRequest, Conflict, EncaisseError, NotFound, Unauthorized
from api.logging import get_logger
from api.models import ApiKey, LoginThrottle, Organisation, PasswordResetToken, User, WebSession
from api.organisations import policy, secrets
from api.organisations.policy import InvalidFields, Problem, ThrottleRule, ThrottleState
from api.organisations.repository import OrganisationRepository
from api.worker import enqueue

MIN_PASSWORD_LENGTH = policy.MIN_PASSWORD_LENGTH
# Recording each use of an API key would write on every request: once every few minutes says enough.
API_KEY_USE_PRECISION = timedelta(minutes=5)
RESET_LINK_LIFETIME = timedelta(hours=1)
RESET_LINKS_PER_LIFETIME = 3  # at most this many links sent to one user in any hour
RESET_TASK = "organisations.send_password_reset"
RESET_PATH = "/reset-password/"

log = get_logger(__name__)


class TooManyAttempts(EncaisseError):
    """Too many failed logins for this account or from this address: wait `retry_after` seconds."""

    status_code = 429
    code = "too_many_attempts"

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many failed logins; try again in {retry_after} seconds.")
        self.retry_after = retry_after


class InvalidResetLink(BadRequest):
    code = "invalid_reset_link"

    def __init__(self) -> None:
        super().__init__("This password reset link is unknown, already used or expired; ask for a new one.")


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
    if problem := policy.check_password(password, email=email, organisation_name=organisation.name):
        raise InvalidFields({"password": problem})
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


def login(
    session: Session, email: str, password: str, *, lifetime: timedelta, address: str | None = None
) -> tuple[WebSession, str]:
    """A new session for the right email and password. Throttled per account and per client address
    (`TooManyAttempts`, even for the right password); a known and an unknown email cost the same work.
    A failure is counted in the caller's transaction: the caller commits after catching `Unauthorized`."""
    repository = OrganisationRepository(session)
    now = utc_now()
    account = email.strip().lower()
    keys = {
        _throttle_key("account", account): ("account", policy.ACCOUNT_RULE),
        _throttle_key("address", address or "unknown"): ("address", policy.ADDRESS_RULE),
    }
    rows = repository.throttles(list(keys))
    wait = max((policy.retry_after(_state(row), now) for row in rows.values()), default=0)
    if wait:
        log.warning("login.refused", reason="throttled", account=account[:320], address=address,
                    retry_after=wait)  # fmt: skip
        raise TooManyAttempts(wait)
    user = repository.get_user_by_email(email.strip())
    # Always one argon2 verification, against a dummy hash for an unknown email, so that the time taken
    # does not tell whether an account exists.
    verified = secrets.verify_password(user.password_hash if user else secrets.dummy_hash(), password)
    if user is None or not user.is_active or not verified:
        for key_hash, (scope, rule) in keys.items():
            _count_failure(repository, rows.get(key_hash), key_hash, scope, rule, now)
        log.warning("login.refused", reason="wrong_credentials", account=account[:320], address=address)
        raise Unauthorized("Wrong email or password.")
    repository.delete_throttle(_throttle_key("account", account))
    token = secrets.new_token()
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


def _throttle_key(scope: str, value: str) -> str:
    return secrets.digest(f"{scope}:{value}")


def _state(row: LoginThrottle) -> ThrottleState:
    return ThrottleState(
        failures=row.failures, last_failure_at=row.last_failure_at, locked_until=row.locked_until
    )


def _count_failure(
    repository: OrganisationRepository,
    row: LoginThrottle | None,
    key_hash: str,
    scope: str,
    rule: ThrottleRule,
    now: datetime,
) -> None:
    if row is None:
        row = repository.add_throttle(
            LoginThrottle(key_hash=key_hash, scope=scope, failures=0, last_failure_at=now)
        )
    state = policy.after_failure(rule, _state(row), now)
    row.failures, row.last_failure_at, row.locked_until = state.failures, now, state.locked_until
    if state.locked_until is not None:
        log.warning(
            "login.locked", scope=scope, failures=state.failures, until=state.locked_until.isoformat()
        )


def forget_quiet_throttles(session: Session) -> int:
    """Rows of keys quiet for longer than any rule remembers: nothing left to count."""
    longest = max(rule.quiet + rule.cap for rule in (policy.ACCOUNT_RULE, policy.ADDRESS_RULE))
    return OrganisationRepository(session).delete_quiet_throttles(utc_now() - longest)


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
        raise Unauthorized(
            "Missing or invalid CSRF token; reload the page and try again.", reason="session.csrf"
        )


def get_user(session: Session, principal: Principal) -> User | None:
    if principal.user_id is None:
        return None
    return OrganisationRepository(session).get_user(principal.user_id)


def contact_address(session: Session, organisation_id: uuid.UUID) -> str | None:
    """Where answers to the organisation's emails go (their Reply-To): its contact address, if set."""
    organisation = OrganisationRepository(session).get(organisation_id)
    return organisation.contact_email if organisation is not None else None


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
        name=organisation.payer_name,
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


def rename_organisation(session: Session, principal: Principal, raw: str) -> Organisation:
    """The workspace's own name (the legal name is what payers read); `InvalidFields` says why not."""
    name = " ".join(raw.split())
    problem = policy.check_organisation_name(name)
    organisation = get_organisation(session, principal)
    if problem is None and name != organisation.name and OrganisationRepository(session).get_by_name(name):
        problem = Problem("duplicate")  # names identify workspaces for the operator's command line
    if problem is not None:
        raise InvalidFields({"name": problem})
    if name != organisation.name:
        details = {"from": organisation.name, "to": name}
        organisation.name = name
        record(session, organisation.id, principal.actor, "organisation.renamed", "organisation",
               organisation.id, details)  # fmt: skip
    return organisation


# ---------------------------------------------------------------- settings: users


def list_users(session: Session, principal: Principal) -> list[User]:
    return OrganisationRepository(session).users_of(principal.organisation_id)


def add_user(session: Session, principal: Principal, email: str, password: str | None) -> tuple[User, str]:
    """A new user of the caller's organisation; without a password, one is generated. Returns the user and
    the password, to be shown once."""
    password = password if password else secrets.new_password()
    organisation = get_organisation(session, principal)
    email, problems = policy.check_new_user(email, password, organisation_name=organisation.name)
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


# ---------------------------------------------------------------- own account: password, sessions


def change_password(
    session: Session, principal: Principal, session_token: str, current: str, new: str, confirm: str
) -> User:
    """Check the current password, then set the new one; every other session of the user ends (this one,
    whose cookie is `session_token`, goes on). `InvalidFields` names the refused fields; a wrong current
    password counts as a failed login of the account (`TooManyAttempts` once locked)."""
    user = get_user(session, principal)
    if user is None:
        raise Unauthorized("Only a logged-in user has a password to change.")
    organisation = get_organisation(session, principal)
    repository = OrganisationRepository(session)
    # The current password is throttled like a login: a stolen session must not be a way to guess it.
    now, key_hash = utc_now(), _throttle_key("account", user.email.lower())
    row = repository.throttles([key_hash]).get(key_hash)
    if row is not None and (wait := policy.retry_after(_state(row), now)):
        log.warning("password_change.refused", reason="throttled", user_id=str(user.id), retry_after=wait)
        raise TooManyAttempts(wait)
    problems: dict[str, Problem] = {}
    if not secrets.verify_password(user.password_hash, current):
        problems["current_password"] = Problem("wrong")
        _count_failure(repository, row, key_hash, "account", policy.ACCOUNT_RULE, now)
        log.warning("password_change.refused", reason="wrong_password", user_id=str(user.id))
    if problem := policy.check_password(new, email=user.email, organisation_name=organisation.name):
        problems["new_password"] = problem
    elif new != confirm:
        problems["confirm_password"] = Problem("mismatch")
    if problems:  # nothing changed but a failure counted: the caller commits
        raise InvalidFields(problems)
    user.password_hash = secrets.hash_password(new)
    ended = repository.delete_web_sessions_of(user.id, keep_hash=secrets.digest(session_token))
    repository.use_reset_tokens_of(user.id, utc_now())
    record(session, user.organisation_id, principal.actor, "user.password_changed", "user", user.id,
           {"sessions_ended": ended})  # fmt: skip
    return user


def logout_everywhere(session: Session, principal: Principal) -> int:
    """End every session of the user, this one included; returns how many ended."""
    if principal.user_id is None:
        raise Unauthorized("Only a logged-in user has sessions.")
    ended = OrganisationRepository(session).delete_web_sessions_of(principal.user_id)
    record(session, principal.organisation_id, principal.actor, "user.logged_out_everywhere", "user",
           principal.user_id, {"sessions_ended": ended})  # fmt: skip
    return ended


# ---------------------------------------------------------------- password reset


def request_password_reset(session: Session, email: str, *, subject: str, text: str) -> None:
    """Ask for a reset link to be emailed to `email`, if it is a user's: the same work either way (a job is
    enqueued; it looks the user up), so the answer tells nothing. `text` holds `{link}` and `{minutes}`."""
    enqueue(session, RESET_TASK, email=email.strip()[:320], subject=subject, text=text)


def issue_password_reset(session: Session, email: str) -> tuple[User, str] | None:
    """A new single-use reset token for the active user with this email (None for anyone else); only its
    hash is stored, the token itself is returned to be sent."""
    repository = OrganisationRepository(session)
    user = repository.get_user_by_email(email.strip())
    if user is None or not user.is_active:
        return None
    repository.lock_user(user.id)  # two requests at once count each other's links
    recent = repository.count_reset_tokens_since(user.id, utc_now() - RESET_LINK_LIFETIME)
    if recent >= RESET_LINKS_PER_LIFETIME:  # someone filling the user's mailbox: the links sent still work
        log.warning("password_reset.refused", reason="too_many", user_id=str(user.id))
        return None
    token = secrets.new_token()
    repository.add(
        PasswordResetToken(
            organisation_id=user.organisation_id,
            user_id=user.id,
            token_hash=secrets.digest(token),
            expires_at=utc_now() + RESET_LINK_LIFETIME,
        )
    )
    record(session, user.organisation_id, "system", "user.password_reset_issued", "user", user.id, {})
    return user, token


def forget_old_reset_links(session: Session) -> int:
    """Links used or expired more than a day ago: kept that long for the audit trail's sake, then gone."""
    return OrganisationRepository(session).delete_reset_tokens_before(utc_now() - timedelta(days=1))


def reset_link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{RESET_PATH}{token}"


def check_reset_token(session: Session, token: str) -> User:
    """The user a reset link is for, or `InvalidResetLink` (unknown, used or expired)."""
    row = _usable_reset_token(OrganisationRepository(session), token)
    user = OrganisationRepository(session).get_user(row.user_id)
    if user is None or not user.is_active:
        raise InvalidResetLink()
    return user


def reset_password(session: Session, token: str, new: str, confirm: str) -> User:
    """Set a new password through a reset link, which is then used up (with any other of the user's);
    every session of the user ends and the account's login failures are forgotten."""
    repository = OrganisationRepository(session)
    user = check_reset_token(session, token)
    organisation = repository.get(user.organisation_id)
    assert organisation is not None
    if problem := policy.check_password(new, email=user.email, organisation_name=organisation.name):
        raise InvalidFields({"new_password": problem})
    if new != confirm:
        raise InvalidFields({"confirm_password": Problem("mismatch")})
    row = _usable_reset_token(repository, token)
    now = utc_now()
    if not repository.use_reset_token(row.id, now):  # another request used it a moment ago
        raise InvalidResetLink()
    user.password_hash = secrets.hash_password(new)
    repository.use_reset_tokens_of(user.id, now)
    ended = repository.delete_web_sessions_of(user.id)
    repository.delete_throttle(_throttle_key("account", user.email.lower()))
    record(session, user.organisation_id, f"user:{user.id}", "user.password_reset", "user", user.id,
           {"sessions_ended": ended})  # fmt: skip
    return user


def _usable_reset_token(repository: OrganisationRepository, token: str) -> PasswordResetToken:
    row = repository.get_reset_token_by_hash(secrets.digest(token)) if token else None
    if row is None or row.used_at is not None or row.expires_at <= utc_now():
        raise InvalidResetLink()
    return row
