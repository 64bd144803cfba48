"""Send an email through the transport given: an organisation's SMTP server (api.mail.service.transport_for),
else the server's (`ENCAISSE_SMTP_HOST`), else written to `<data dir>/outbox/` as an `.eml` file (the
embedded default: nothing leaves the machine, and a person or a test can read it). Never commits; touches no
database."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from api.errors import EncaisseError
from api.mail.errors import MailFailure
from api.mail.transport import Transport, send_smtp, server_transport
from api.settings import Settings


class EmailNotSent(EncaisseError):
    """The SMTP server refused or could not be reached; worth trying again later. `reason`: the coded cause
    (api.mail.errors), said in the reader's language by the pages."""

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
    transport: Transport | None = None,
) -> str:
    """Send one message; returns its Message-ID. `reply_to`: where the client's answer should go (the
    organisation's contact address) when it is not the sending address; the reply-to address of the
    organisation's mail settings wins. `transport`: the server's settings when not given; `transport.delivery`
    says whether the message left or was only written to the outbox folder."""
    transport = transport or server_transport(settings)
    message = build_message(settings, to, subject, text, html, reply_to=transport.reply_to or reply_to,
                            sender=transport.sender)  # fmt: skip
    for attachment in attachments:
        maintype, _, subtype = attachment.media_type.partition("/")
        message.add_attachment(
            attachment.content,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    if transport.host is None:
        _write_outbox(settings, message)
    else:
        try:
            send_smtp(transport, message)
        except MailFailure as exc:
            raise EmailNotSent(exc.detail, reason=exc.reason, params=exc.params) from exc
    return str(message["Message-ID"])


def build_message(
    settings: Settings,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    *,
    reply_to: str | None = None,
    sender: str | None = None,
) -> EmailMessage:
    if not is_address(to):
        raise ValueError(f"not an email address: {to!r}")
    sender = sender or settings.smtp_from
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    message = EmailMessage()
    message["From"] = sender
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
