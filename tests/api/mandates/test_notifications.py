"""send_email against a real SMTP server (aiosmtpd on a free loopback port) and into the outbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.notifications.service import EmailNotSent, send_email
from api.settings import Settings
from tests.api.mandates.helpers import body, parse
from tests.support.smtp import Inbox, free_port


def settings_for(tmp_path: Path, **values: object) -> Settings:
    return Settings(_env_file=None, env="test", secret_key="x" * 40, data_dir=tmp_path, **values)  # type: ignore[call-arg]


def test_smtp_delivers_the_message(tmp_path: Path, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    settings = settings_for(
        tmp_path,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_starttls=False,
        smtp_from="Encaisse <avis@encaisse.test>",
    )

    message_id = send_email(
        settings, "compta@client.fr", "Prélèvement le 13/12/2026", "Montant : 1 234,56 €\n"
    )

    [(sender, recipients, content)] = inbox.messages
    assert (sender, recipients) == ("avis@encaisse.test", ["compta@client.fr"])
    message = parse(content)
    assert message["Message-ID"] == message_id
    assert message["Subject"] == "Prélèvement le 13/12/2026"
    assert body(message) == "Montant : 1 234,56 €\n"
    assert not (tmp_path / "outbox").exists()  # nothing written when SMTP is configured


def test_html_goes_as_an_alternative(tmp_path: Path, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    settings = settings_for(tmp_path, smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False)

    send_email(settings, "compta@client.fr", "Avis", "texte", html="<p>texte</p>")

    message = parse(inbox.messages[0][2])
    html = message.get_body(preferencelist=("html",))
    assert html is not None
    assert "<p>texte</p>" in html.get_content()


def test_an_unreachable_smtp_server_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    settings = settings_for(
        tmp_path, smtp_host="127.0.0.1", smtp_port=free_port(), smtp_starttls=False, smtp_timeout_seconds=2
    )

    with pytest.raises(EmailNotSent, match="could not send the email through 127.0.0.1"):
        send_email(settings, "compta@client.fr", "Avis", "texte")

    assert not (tmp_path / "outbox").exists()


def test_without_smtp_the_message_lands_in_the_outbox(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)

    message_id = send_email(settings, "compta@client.fr", "Avis de prélèvement", "Montant : 10,00 €\n")

    [written] = list((tmp_path / "outbox").iterdir())
    assert written.suffix == ".eml"
    message = parse(written.read_bytes())
    assert (message["To"], message["Message-ID"]) == ("compta@client.fr", message_id)
    assert body(message) == "Montant : 10,00 €\n"


def test_a_header_injection_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not an email address"):
        send_email(settings_for(tmp_path), "a@b.fr\nBcc: x@y.fr", "Avis", "texte")

    assert not (tmp_path / "outbox").exists()
