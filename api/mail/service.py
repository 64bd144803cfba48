"""An organisation's mail settings (Settings → E-mails): saved with their checks, the password encrypted and
never shown back; the transport each of its emails takes (its own server, else the server's, else the outbox
folder); a test message. Never commits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from email.utils import formataddr, parseaddr
from typing import Literal

from sqlalchemy.orm import Session

from api.audit.service import history, record
from api.errors import Forbidden
from api.logging import get_logger
from api.mail import errors, hosts
from api.mail.errors import MailFailure
from api.mail.repository import MailRepository
from api.mail.transport import SECURITIES, TENANT_TIMEOUT_MAX_SECONDS, Security, Transport, server_transport
from api.models import MailSettings
from api.notifications.service import EmailNotSent, is_address, send_email
from api.organisations.policy import InvalidFields, Problem
from api.organisations.service import Principal, contact_address
from api.providers import crypto
from api.settings import Settings

log = get_logger(__name__)

FIELDS = ("host", "port", "security", "username", "password", "sender_address", "sender_name", "reply_to")
LIMITS = {"host": 253, "port": 5, "security": 10, "username": 254, "password": 500, "sender_address": 254,
          "sender_name": 100, "reply_to": 254}  # fmt: skip
Mode = Literal["organisation", "server", "outbox"]


@dataclass(frozen=True)
class MailForm:
    """What the settings page shows: the saved values (never the password: only whether one is kept)."""

    values: dict[str, str]
    saved: bool
    has_password: bool


def tenant_smtp_allowed(settings: Settings) -> bool:
    return settings.tenant_smtp == "allow"


def mode(session: Session, settings: Settings, organisation_id: uuid.UUID) -> Mode:
    """Where the organisation's emails go now."""
    transport = transport_for(session, settings, organisation_id)
    if transport.tenant:
        return "organisation"
    return "outbox" if transport.host is None else "server"


def goes_to_outbox(session: Session, settings: Settings, organisation_id: uuid.UUID) -> bool:
    return mode(session, settings, organisation_id) == "outbox"


def transport_for(session: Session, settings: Settings, organisation_id: uuid.UUID | None) -> Transport:
    """The organisation's own server when it set one (and the operator allows it), else the server's."""
    row = MailRepository(session).settings(organisation_id) if organisation_id else None
    if row is None or not tenant_smtp_allowed(settings):
        return server_transport(settings)
    return Transport(
        sender=formataddr((row.sender_name or "", row.sender_address)),
        host=row.host,
        port=row.port,
        security=_security(row.security),
        username=row.username,
        password=_password(settings, row),
        reply_to=row.reply_to,
        timeout=min(settings.smtp_timeout_seconds, TENANT_TIMEOUT_MAX_SECONDS),
        tenant=True,
        allow_private=settings.tenant_smtp_allow_private,
    )


def _security(stored: str) -> Security:
    for known in SECURITIES:
        if stored == known:
            return known
    return "starttls"


def _password(settings: Settings, row: MailSettings) -> str | None:
    if row.encrypted_password is None:
        return None
    try:
        return crypto.decrypt(settings.secret_key, row.encrypted_password)
    except crypto.SecretUnreadable:  # the secret key changed: the login fails, coded, until it is typed again
        log.warning("mail.password_unreadable", organisation_id=str(row.organisation_id))
        return None


def form(session: Session, organisation_id: uuid.UUID) -> MailForm:
    row = MailRepository(session).settings(organisation_id)
    if row is None:
        return MailForm(values={"port": "587", "security": "starttls"}, saved=False, has_password=False)
    values = {name: str(getattr(row, name) or "") for name in FIELDS if name != "password"}
    return MailForm(values=values, saved=True, has_password=row.encrypted_password is not None)


def save(session: Session, settings: Settings, principal: Principal, typed: dict[str, str]) -> MailSettings:
    """Check every field, then save them all or nothing. An empty password keeps the one stored; no login
    forgets it."""
    _check_allowed(settings)
    values = {name: typed.get(name, "").strip() for name in FIELDS}
    values["password"] = typed.get("password", "")  # spaces may belong to a password
    problems = _problems(values, allow_private=settings.tenant_smtp_allow_private)
    if problems:
        raise InvalidFields(problems)
    repository = MailRepository(session)
    row = repository.settings(principal.organisation_id)
    if row is None:
        row = MailSettings(organisation_id=principal.organisation_id)
    row.host, row.port, row.security = values["host"], int(values["port"]), values["security"]
    row.username = values["username"] or None
    row.sender_address, row.sender_name = values["sender_address"], values["sender_name"] or None
    row.reply_to = values["reply_to"] or None
    if not row.username:
        row.encrypted_password = None
    elif values["password"]:
        row.encrypted_password = crypto.encrypt(settings.secret_key, values["password"])
    repository.add(row)
    changed = {"host": row.host, "port": row.port, "security": row.security,
               "password_changed": bool(values["password"] and row.username)}  # fmt: skip
    record(session, principal.organisation_id, principal.actor, "mail_settings.updated", "organisation",
           principal.organisation_id, changed)  # fmt: skip
    return row


def remove(session: Session, principal: Principal) -> bool:
    """Back to the server's settings; False when nothing was saved."""
    repository = MailRepository(session)
    row = repository.settings(principal.organisation_id)
    if row is None:
        return False
    repository.delete(row)
    record(session, principal.organisation_id, principal.actor, "mail_settings.removed", "organisation",
           principal.organisation_id, {})  # fmt: skip
    return True


def send_test(
    session: Session, settings: Settings, principal: Principal, *, to: str, subject: str, text: str
) -> Transport:
    """A message to `to` through the transport the organisation's emails take now; returns that transport
    (did it leave, or was it written to the outbox?). EmailNotSent says why it did not leave, coded."""
    transport = transport_for(session, settings, principal.organisation_id)
    outcome = {"to": to, "delivery": transport.delivery, "host": transport.host}
    try:
        reply_to = contact_address(session, principal.organisation_id)  # as the clients' emails carry it
        send_email(settings, to, subject, text, reply_to=reply_to, transport=transport)
    except EmailNotSent as exc:
        failed = {"failed": exc.reason, "answer": exc.params.get("answer")}  # the server's words, if any
        record(session, principal.organisation_id, principal.actor, "mail_settings.tested", "organisation",
               principal.organisation_id, {**outcome, **failed})  # fmt: skip
        raise
    record(session, principal.organisation_id, principal.actor, "mail_settings.tested", "organisation",
           principal.organisation_id, outcome)  # fmt: skip
    return transport


def last_test_answer(session: Session, organisation_id: uuid.UUID, reason: str) -> str | None:
    """What the mail server answered to the organisation's latest test email, when that test failed for
    `reason`: read back from the audit row, never from the page's address, which anyone can write."""
    tests = [entry for entry in history(session, organisation_id, organisation_id)
             if entry.action == "mail_settings.tested"]  # fmt: skip
    if not tests or tests[-1].data.get("failed") != reason:
        return None
    answer = tests[-1].data.get("answer")
    return answer if isinstance(answer, str) else None


def _check_allowed(settings: Settings) -> None:
    if not tenant_smtp_allowed(settings):
        raise Forbidden("The operator does not let organisations send through their own mail server.",
                        reason=errors.TENANT_SMTP_DENIED)  # fmt: skip


def _problems(values: dict[str, str], *, allow_private: bool) -> dict[str, Problem]:
    problems: dict[str, Problem] = {}
    for name in ("host", "port", "sender_address"):
        if not values[name]:
            problems[name] = Problem("required")
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            problems[name] = Problem("too_long", limit)
    for name in ("username", "password", "sender_name"):
        if "\n" in values[name] or "\r" in values[name]:
            problems[name] = Problem("format")
    for name in ("sender_address", "reply_to"):
        if values[name] and not _bare_address(values[name]):
            problems.setdefault(name, Problem("format"))
    if values["security"] not in SECURITIES:
        problems["security"] = Problem("format")
    if values["host"] and not hosts.is_host_name(values["host"]):
        problems.setdefault("host", Problem("format"))
    if values["port"] and not (values["port"].isdigit() and 1 <= int(values["port"]) <= 65535):
        problems.setdefault("port", Problem("format"))
    if not problems:
        problems.update(_destination_problems(values["host"], int(values["port"]), allow_private))
    return problems


def _destination_problems(host: str, port: int, allow_private: bool) -> dict[str, Problem]:
    """The same checks as at each connection, said next to the field at fault."""
    try:
        hosts.resolve(host, port, allow_private=allow_private)
    except MailFailure as exc:
        if exc.reason == errors.PORT_FORBIDDEN:
            return {"port": Problem("port_forbidden")}
        return {"host": Problem("host_unknown" if exc.reason == errors.HOST_UNKNOWN else "host_forbidden")}
    return {}


def _bare_address(text: str) -> bool:
    """One plain address (the name has its own field)."""
    name, address = parseaddr(text)
    return is_address(text) and address == text and not name and " " not in text
