"""How one message leaves: the transport chosen for it (an organisation's SMTP server, the server's, or the
local outbox folder) and the SMTP conversation, its failures turned into coded reasons."""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any, Literal

from api.mail import errors, hosts
from api.mail.errors import MailFailure
from api.settings import Settings

Security = Literal["starttls", "ssl", "none"]
SECURITIES: tuple[Security, ...] = ("starttls", "ssl", "none")
# A tenant's server answers within this or is given up: a slow one must not hold a worker for long.
TENANT_TIMEOUT_MAX_SECONDS = 15.0


@dataclass(frozen=True)
class Transport:
    """`host` None: the message is written to the outbox folder and leaves nothing. `tenant`: the host was
    chosen by an organisation, so its addresses are checked at each connection."""

    sender: str  # the From header
    host: str | None = None
    port: int = 587
    security: Security = "starttls"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    reply_to: str | None = None
    timeout: float = 20.0
    tenant: bool = False
    allow_private: bool = False

    @property
    def delivery(self) -> Literal["smtp", "outbox"]:
        """What a sent message's record says: it left by SMTP, or it was only written to the outbox."""
        return "outbox" if self.host is None else "smtp"


def server_transport(settings: Settings) -> Transport:
    """The server's own settings (ENCAISSE_SMTP_*): the outbox folder when no host is set."""
    return Transport(
        sender=settings.smtp_from,
        host=settings.smtp_host or None,
        port=settings.smtp_port,
        security="starttls" if settings.smtp_starttls else "none",
        username=settings.smtp_username,
        password=settings.smtp_password,
        timeout=settings.smtp_timeout_seconds,
    )


def send_smtp(transport: Transport, message: EmailMessage) -> None:
    assert transport.host is not None
    try:
        _send(transport, message)
    except MailFailure:
        raise
    except (OSError, smtplib.SMTPException) as exc:
        reason, answer = reason_of(exc), answer_of(exc)
        detail = errors.describe(transport.host, reason, answer=answer, error=str(exc))
        params = {"host": transport.host, **({"answer": answer} if answer is not None else {})}
        raise MailFailure(detail, reason=reason, params=params) from exc


def _send(transport: Transport, message: EmailMessage) -> None:
    with _connect(transport) as smtp:
        if transport.security == "starttls":
            try:
                smtp.starttls(context=ssl.create_default_context())
            except smtplib.SMTPNotSupportedError as exc:
                raise NoStartTls("the server does not offer STARTTLS") from exc
        if transport.username:
            smtp.login(transport.username, transport.password or "")
        smtp.send_message(message)


def _connect(transport: Transport) -> smtplib.SMTP:
    """A connection to the first address that answers: for a tenant's host, only the addresses checked."""
    assert transport.host is not None
    if transport.tenant:
        addresses = hosts.resolve(transport.host, transport.port, allow_private=transport.allow_private)
    else:  # the operator's own setting: resolved by the connection as before
        addresses = [transport.host]
    failure: OSError | None = None
    for address in addresses:
        smtp: smtplib.SMTP
        if transport.security == "ssl":
            smtp = _PinnedSSL(address, transport.host, ssl.create_default_context(), transport.timeout)
        else:
            smtp = _Pinned(address, transport.host, transport.timeout)
        try:
            code, answer = smtp.connect(transport.host, transport.port)
        except OSError as exc:  # refused or silent: the next address may answer
            smtp.close()
            failure = exc
            continue
        except BaseException:
            smtp.close()
            raise
        if code != 220:
            smtp.close()
            raise smtplib.SMTPConnectError(code, answer)
        return smtp
    assert failure is not None
    raise failure


class NoStartTls(smtplib.SMTPException):
    """STARTTLS asked for, not offered: the message would have gone in clear."""


class _Pinned(smtplib.SMTP):
    """Connects to the address given, whatever name `connect` is told (the name stays for EHLO and TLS)."""

    def __init__(self, address: str, name: str, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.pinned = address
        self._host = name  # what STARTTLS checks the certificate against

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        return super()._get_socket(self.pinned, port, timeout)  # type: ignore[misc, no-any-return]


class _PinnedSSL(smtplib.SMTP_SSL):
    def __init__(self, address: str, name: str, context: ssl.SSLContext, timeout: float) -> None:
        super().__init__(timeout=timeout, context=context)
        self.pinned = address
        self._host = name

    def _get_socket(self, host: str, port: int, timeout: float) -> Any:
        # SMTP_SSL wraps the socket with server_hostname=self._host: the name, not the address.
        return super()._get_socket(self.pinned, port, timeout)  # type: ignore[misc]


ANSWER_MAX_CHARS = 200  # a row keeps 500 characters of the whole detail


def reason_of(exc: BaseException) -> str:
    """The coded reason of an SMTP or network failure. smtplib reports a timeout or a broken TLS handshake
    while reading an answer as "connection closed": the cause it chained says which."""
    cause = exc.__cause__ or exc.__context__
    if isinstance(exc, smtplib.SMTPServerDisconnected) and cause is not None:
        return reason_of(cause)
    if isinstance(exc, (smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError)):
        return errors.AUTH_FAILED  # refused (535), or no AUTH offered (often: not encrypted yet)
    said = _code_of(exc)
    if said is not None:
        return _reason_of_answer(exc, *said)
    if isinstance(exc, ConnectionRefusedError):
        return errors.CONNECTION_REFUSED
    if isinstance(exc, (NoStartTls, ssl.SSLError, ssl.CertificateError)):
        return errors.TLS_FAILED
    if isinstance(exc, TimeoutError):
        return errors.TIMEOUT
    if isinstance(exc, socket.gaierror):
        return errors.HOST_UNKNOWN
    return errors.SERVER_ERROR


def _reason_of_answer(exc: BaseException, code: int, text: str) -> str:
    """What a refusal means, from its code and enhanced status code ("5.7.1"), at the step it came."""
    status = text.split(None, 1)[0] if text else ""
    if code == 552 or status == "5.3.4":  # SIZE at MAIL FROM, or too much data at DATA
        return errors.MESSAGE_TOO_LARGE
    if 400 <= code < 500:
        return errors.TEMPORARY
    if isinstance(exc, smtplib.SMTPConnectError):  # a greeting that says no
        return errors.CONNECTION_REFUSED
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return errors.SENDER_REFUSED
    if code == 554 or status.startswith("5.7."):
        return errors.RELAY_DENIED
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return errors.MAILBOX_UNAVAILABLE if code in (550, 551, 553) else errors.RECIPIENT_REFUSED
    return errors.MESSAGE_REFUSED


def answer_of(exc: BaseException) -> str | None:
    """The server's own answer ("550 5.1.1 <x@example.com>: Recipient address rejected"), on one line and
    bounded, kept for the person who will ask the mail provider; None when the server said nothing."""
    cause = exc.__cause__ or exc.__context__
    if isinstance(exc, smtplib.SMTPServerDisconnected) and cause is not None:
        return answer_of(cause)
    said = _code_of(exc)
    if said is None:
        return None
    code, text = said
    line = " ".join(f"{code} {text}".split())  # multi-line answers and control characters on one line
    return line if len(line) <= ANSWER_MAX_CHARS else line[: ANSWER_MAX_CHARS - 1] + "…"


def _code_of(exc: BaseException) -> tuple[int, str] | None:
    """The code and text the server answered with, for an error that carries one (every recipient refused:
    the first one's answer)."""
    raw: bytes | str
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        code, raw = next(iter(exc.recipients.values()))
    elif isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code > 0:
        code, raw = exc.smtp_code, exc.smtp_error
    else:
        return None
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return int(code), text.strip()
