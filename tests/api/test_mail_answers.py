"""What a mail server answers, through the real aiosmtpd server told to answer a chosen code at a chosen step:
each refusal becomes a coded reason the pages say in French (api.mail.errors), the server's own answer kept
on one line as a parameter and in the English detail rows keep, which the pages read back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from api.mail import errors
from api.mail.transport import ANSWER_MAX_CHARS, Transport
from api.notifications.service import EmailNotSent, send_email
from api.settings import Settings
from tests.support.smtp import Inbox, free_port


class Answers(Inbox):
    """Answers `rcpt` to RCPT TO (when set) and Inbox.refuse_with to DATA."""

    def __init__(self, rcpt: str | None = None) -> None:
        super().__init__()
        self.rcpt = rcpt

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if self.rcpt:
            return self.rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"


class _Refuses:
    """An authenticator that refuses every login: aiosmtpd then answers 535 5.7.8."""

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        return AuthResult(success=False, handled=False)


@contextmanager
def server(handler: Inbox, **options: Any) -> Iterator[int]:
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()  # type: ignore[no-untyped-call]
    try:
        yield port
    finally:
        controller.stop()  # type: ignore[no-untyped-call]


def transport(port: int, **changes: Any) -> Transport:
    values: dict[str, Any] = {"sender": "f@martin.example", "host": "127.0.0.1", "port": port,
                              "security": "none", "tenant": True, "allow_private": True,
                              "timeout": 2.0}  # fmt: skip
    return Transport(**{**values, **changes})


def refusal(settings: Settings, port: int, text: str = "Bonjour", **changes: Any) -> EmailNotSent:
    with pytest.raises(EmailNotSent) as refused:
        send_email(settings, "client@example.com", "Objet", text, transport=transport(port, **changes))
    return refused.value


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (
            "550 5.1.1 <client@example.com>: Recipient address rejected: User unknown",
            errors.MAILBOX_UNAVAILABLE,
        ),
        ("551 5.1.6 User not local; please try <c@example.org>", errors.MAILBOX_UNAVAILABLE),
        ("553 5.1.3 Mailbox name not allowed", errors.MAILBOX_UNAVAILABLE),
        ("550 5.7.1 <client@example.com>: Relay access denied", errors.RELAY_DENIED),
        ("554 5.7.1 <client@example.com>: Relay access denied", errors.RELAY_DENIED),
        ("450 4.2.1 Mailbox busy, try later", errors.TEMPORARY),
        ("501 5.1.3 Bad recipient address syntax", errors.RECIPIENT_REFUSED),
    ],
)
def test_a_recipient_refused_says_why_with_the_server_answer(
    settings: Settings, answer: str, reason: str
) -> None:
    handler = Answers(rcpt=answer)
    with server(handler) as port:
        refused = refusal(settings, port)

    assert (refused.reason, refused.params) == (reason, {"host": "127.0.0.1", "answer": answer})
    assert refused.detail == (
        f'could not send the email through 127.0.0.1 ({reason}); the server answered "{answer}"'
    )
    assert handler.messages == []


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("554 5.7.1 Message rejected as spam", errors.RELAY_DENIED),
        ("451 4.3.0 Try again later", errors.TEMPORARY),
        ("552 5.3.4 Message too big for system", errors.MESSAGE_TOO_LARGE),
        ("550 5.6.0 Content rejected", errors.MESSAGE_REFUSED),
    ],
)
def test_a_message_refused_at_data_says_why(settings: Settings, answer: str, reason: str) -> None:
    handler = Answers()
    handler.refuse_with = answer
    with server(handler) as port:
        refused = refusal(settings, port)

    assert (refused.reason, refused.params.get("answer")) == (reason, answer)
    assert handler.messages == []


def test_a_message_over_the_server_size_limit_is_too_large(settings: Settings) -> None:
    handler = Answers()
    with server(handler, data_size_limit=2_000) as port:  # announced in EHLO: smtplib sends SIZE=
        refused = refusal(settings, port, text="x" * 5_000)

    assert refused.reason == errors.MESSAGE_TOO_LARGE
    assert str(refused.params["answer"]).startswith("552 ")
    assert handler.messages == []


def test_a_refused_login_is_auth_failed_with_the_535_answer(settings: Settings) -> None:
    handler = Answers()
    with server(handler, authenticator=_Refuses(), auth_require_tls=False) as port:
        refused = refusal(settings, port, username="factures", password="faux")

    assert refused.reason == errors.AUTH_FAILED
    assert refused.params["answer"] == "535 5.7.8 Authentication credentials invalid"
    assert handler.messages == []


def test_without_an_answer_nothing_is_said_for_the_server(settings: Settings) -> None:
    refused = refusal(settings, free_port())  # nobody listens there

    assert (refused.reason, refused.params) == (errors.CONNECTION_REFUSED, {"host": "127.0.0.1"})
    assert refused.detail.startswith("could not send the email through 127.0.0.1 (mail_connection_refused): ")
    parsed = errors.parse(refused.detail)
    assert parsed == errors.Described(errors.CONNECTION_REFUSED, "127.0.0.1", None)


def test_a_long_answer_on_several_lines_is_kept_on_one_bounded_line(settings: Settings) -> None:
    handler = Answers(rcpt="550-5.1.1 first line\r\n550 5.1.1 " + "y" * 400)
    with server(handler) as port:
        refused = refusal(settings, port)

    answer = str(refused.params["answer"])
    assert answer.startswith("550 5.1.1 first line 5.1.1 yyy")
    assert (len(answer), answer[-1]) == (ANSWER_MAX_CHARS, "…")


class TestParse:
    def test_a_job_error_line_and_a_cut_row_are_read_back(self) -> None:
        detail = errors.describe("smtp.example.com", errors.RELAY_DENIED, answer="554 5.7.1 no", error="x")
        job_error = f"api.notifications.service.EmailNotSent: {detail}\n"

        assert errors.parse(job_error) == errors.Described(
            errors.RELAY_DENIED, "smtp.example.com", "554 5.7.1 no"
        )
        assert errors.parse(detail[:-1]) == errors.Described(
            errors.RELAY_DENIED, "smtp.example.com", "554 5.7.1 no"
        )

    def test_any_other_text_is_not_a_mail_failure(self) -> None:
        assert errors.parse("not sent: no_email") is None
        assert errors.parse("could not send the email through h: old style") is None
        assert errors.parse(None) is None
