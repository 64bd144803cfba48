"""Why a message did not leave, as a code the UI says in French (api.notifications.service raises it on as
its EmailNotSent, the error callers retry on)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# Coded reasons (catalogue keys `reason.<code>`): what the user can act on, never a Python exception text.
CONNECTION_REFUSED = "mail_connection_refused"
TIMEOUT = "mail_timeout"
AUTH_FAILED = "mail_auth_failed"
TLS_FAILED = "mail_tls_failed"
SENDER_REFUSED = "mail_sender_refused"
RECIPIENT_REFUSED = "mail_recipient_refused"
MESSAGE_REFUSED = "mail_message_refused"  # refused at DATA (4xx: try later; 5xx: its content)
HOST_UNKNOWN = "mail_host_unknown"
HOST_FORBIDDEN = "mail_host_forbidden"
PORT_FORBIDDEN = "mail_port_forbidden"
TENANT_SMTP_DENIED = "mail_tenant_smtp_denied"
SERVER_ERROR = "mail_server_error"  # the connection broke for another reason
# From the server's answer code (RFC 5321 and its enhanced codes, RFC 3463):
MAILBOX_UNAVAILABLE = "mail_mailbox_unavailable"  # 550/551/553 to RCPT: no such mailbox, or it takes nothing
RELAY_DENIED = "mail_relay_denied"  # 554, or x.7.x: relaying refused, or the server's policy (spam, rights)
MESSAGE_TOO_LARGE = "mail_message_too_large"  # 552, or 5.3.4
TEMPORARY = "mail_temporary"  # any 4xx: the server asks to come back later


class MailFailure(Exception):
    """`detail`: English, for logs and the rows that keep the server's answer; `reason`: one of the codes."""

    def __init__(self, detail: str, *, reason: str, params: Mapping[str, object] | None = None) -> None:
        super().__init__(detail)
        self.detail, self.reason, self.params = detail, reason, dict(params or {})


# A failure's English detail, which rows keep as it is (a reminder's `error`, a failed job's last error):
# the coded reason in brackets so a page can say it in its reader's language, then the server's own answer
# (quoted) or, when the server said nothing, the network error (not shown to people).
_ANSWERED = 'could not send the email through {host} ({reason}); the server answered "{answer}"'
_SILENT = "could not send the email through {host} ({reason}): {error}"
_PARSE = re.compile(
    r"could not send the email through (?P<host>\S+) \((?P<reason>mail_[a-z_]+)\)"
    r'(?:; the server answered "(?P<answer>.*?)"?|: .*)\Z',  # a row may have cut the closing quote off
    re.DOTALL,
)


def describe(host: str, reason: str, *, answer: str | None, error: str) -> str:
    if answer is not None:
        return _ANSWERED.format(host=host, reason=reason, answer=answer)
    return _SILENT.format(host=host, reason=reason, error=error)


@dataclass(frozen=True)
class Described:
    """What a stored detail says, for a page: the coded reason, the host, the server's answer if any."""

    reason: str
    host: str
    answer: str | None


def parse(text: str | None) -> Described | None:
    """The reason, host and answer of a detail `describe` wrote (found anywhere in `text`, which may carry a
    prefix such as the exception's class name); None for any other text."""
    if not text:
        return None
    start = text.find("could not send the email through ")
    found = _PARSE.match(text.rstrip(), start) if start >= 0 else None
    if found is None:
        return None
    return Described(found["reason"], found["host"], found["answer"])
