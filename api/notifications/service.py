"""Send an email: over SMTP when `ENCAISSE_SMTP_HOST` is set, otherwise written to `<data dir>/outbox/` as an
`.eml` file (the embedded default: nothing leaves the machine, and a person or a test can read it).
Never commits; touches no database."""

from __future__ import annotations

import os
import smtplib
import ssl
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from api.errors import EncaisseError
from api.settings import Settings


class EmailNotSent(EncaisseError):
    """The SMTP server refused or could not be reached; worth trying again later."""

    status_code = 503
    code = "email_not_sent"


@dataclass(frozen=True)
class Attachment:
    filename: str
    media_type: str  # e.g. application/pdf
    content: bytes


def send_email(
    settings: Settings,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    attachments: Sequence[Attachment] = (),
    *,
    reply_to: str | None = None,
) -> str:
    """Send one message; returns its Message-ID. `reply_to`: where the client's answer should go (the
    organisation's contact address) when it is not the sending address."""
    message = build_message(settings, to, subject, text, html, reply_to=reply_to)
    for attachment in attachments:
        maintype, _, subtype = attachment.media_type.partition("/")
        message.add_attachment(
            attachment.content,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    if settings.smtp_host:
        _send_smtp(settings, message)
    else:
        _write_outbox(settings, message)
    return str(message["Message-ID"])


def build_message(
    settings: Settings,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    *,
    reply_to: str | None = None,
) -> EmailMessage:
    if not is_address(to):
        raise ValueError(f"not an email address: {to!r}")
    domain = parseaddr(settings.smtp_from)[1].rpartition("@")[2] or "localhost"
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain=domain)
    # A contact address typed in the settings that is not one is left out rather than failing the message.
    if reply_to and is_address(reply_to.strip()):
        message["Reply-To"] = reply_to.strip()
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def is_address(text: str) -> bool:
    """One address, no header injection: a line break would let a value add headers of its own."""
    return "\n" not in text and "\r" not in text and "@" in parseaddr(text)[1]


def _send_smtp(settings: Settings, message: EmailMessage) -> None:
    assert settings.smtp_host is not None
    try:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds
        ) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise EmailNotSent(f"could not send the email through {settings.smtp_host}: {exc}") from exc


def _write_outbox(settings: Settings, message: EmailMessage) -> None:
    """Written to a temporary name and renamed, so a reader never sees half a message."""
    outbox = settings.outbox_dir
    outbox.mkdir(parents=True, exist_ok=True)
    name = str(message["Message-ID"]).strip("<>").replace("/", "_").replace("@", "_at_")
    descriptor, temporary = tempfile.mkstemp(dir=outbox, prefix=".tmp-", suffix=".eml")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(message.as_bytes())
        os.replace(temporary, outbox / f"{name}.eml")
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
