"""Email a password reset link: the request only enqueues (the same work for a known or an unknown email),
the token is made here, so it never sits in clear in the jobs table. Hourly, forget old login failures and
reset links."""

from __future__ import annotations

from datetime import timedelta

from api.mail import service as mail
from api.notifications.service import send_email
from api.organisations import service
from api.worker import TaskContext, task


@task(service.RESET_TASK, max_attempts=3)
def send_password_reset(context: TaskContext, *, email: str, subject: str, text: str) -> None:
    issued = service.issue_password_reset(context.session, email)
    if issued is None:  # no such active user: nothing to send, nothing to say
        return
    user, token = issued
    link = service.reset_link(context.settings.base_url, token)
    minutes = int(service.RESET_LINK_LIFETIME.total_seconds() // 60)
    transport = mail.transport_for(context.session, context.settings, user.organisation_id)
    reply_to = service.contact_address(context.session, user.organisation_id)
    body = text.format(link=link, minutes=minutes)
    send_email(context.settings, user.email, subject, body, reply_to=reply_to, transport=transport)


@task("organisations.forget_quiet_logins", every=timedelta(hours=1), max_attempts=1)
def forget_quiet_logins(context: TaskContext) -> None:
    """Login failures nobody needs to remember any more, and reset links long expired or used."""
    service.forget_quiet_throttles(context.session)
    service.forget_old_reset_links(context.session)
