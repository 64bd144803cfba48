"""A reminder's `error` as a page says it: the dunning service writes a few known English sentences (the
JSON API keeps them) and the mail transport its coded failures (api.mail.errors.describe), said here in the
reader's language with the server's own answer after; anything else is shown as it came. And who did
something (an audit actor: "user:<id>", "api_key:<id>", "payer", "system"...), in words."""

from __future__ import annotations

import re

from api.dunning.service import GROUPED, INTERRUPTED, NO_EMAIL, NOT_SENT
from api.mail import errors as mail_errors
from web.i18n import Translator

_GROUPED = re.compile(re.escape(GROUPED).replace(r"\{step\}", "(?P<step>.+?)").replace(r"\{invoice\}", ".+"))


def reminder_error(t: Translator, error: str | None) -> str:
    if not error:
        return ""
    if error == NO_EMAIL:
        return t("french_everywhere.reminder.no_email")
    if error == INTERRUPTED:
        return t("french_everywhere.reminder.interrupted")
    if error.startswith(NOT_SENT):
        return t(
            "french_everywhere.reminder.not_sent", why=t.code("dunning.block.", error.removeprefix(NOT_SENT))
        )
    if grouped := _GROUPED.fullmatch(error):
        return t("french_everywhere.reminder.grouped", step=t.code("dunning.step.", grouped["step"]))
    if described := mail_errors.parse(error):
        return t("mail_errors.not_sent", reason=mail_failure(t, described))
    return error


def mail_failure(t: Translator, described: mail_errors.Described) -> str:
    """Why the mail server did not take a message, translated, then its own answer (French first, the
    server's words after, for whoever asks the mail provider)."""
    code = described.reason if t.get(f"reason.{described.reason}") else mail_errors.SERVER_ERROR
    sentence = t(f"reason.{code}", host=described.host, port="")
    if described.answer is None:
        return sentence
    return f"{sentence} {t('mail_errors.server_answer', answer=described.answer)}"


def actor_name(t: Translator, actor: str | None) -> str:
    """An actor kind in words ("user:…" is a user, "api_key:…" an API key); a label (the command line's
    own name) as it is."""
    kind = (actor or "").split(":", 1)[0]
    return t.get(f"french_everywhere.actor.{kind}") or actor or "—"
