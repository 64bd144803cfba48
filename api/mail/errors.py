"""Why a message did not leave, as a code the UI says in French (api.notifications.service raises it on as
its EmailNotSent, the error callers retry on)."""

from __future__ import annotations

from collections.abc import Mapping

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


class MailFailure(Exception):
    """`detail`: English, for logs and the rows that keep the server's answer; `reason`: one of the codes."""

    def __init__(self, detail: str, *, reason: str, params: Mapping[str, object] | None = None) -> None:
        super().__init__(detail)
        self.detail, self.reason, self.params = detail, reason, dict(params or {})
