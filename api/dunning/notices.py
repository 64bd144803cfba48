"""Messages that are not reminders but follow the same path: a SEPA pre-notification gets its row in
`reminders` (kind `prenotice`, unique per invoice and announcement), its Message-ID, its snapshot and its
place in the invoice's timeline and the outbox list. Never sent twice for the same announcement."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.clock import paris_today, utc_now
from api.dunning.repository import DunningRepository
from api.dunning.templates import to_html
from api.mail import service as mail
from api.models import Invoice, Reminder, ReminderStatus
from api.notifications.service import EmailNotSent, send_email
from api.settings import Settings


def send_notice(
    session: Session, settings: Settings, invoice: Invoice, *, key: str, to: str, subject: str, text: str
) -> str:
    """Send (or find already sent) the announcement `key` of `invoice`; returns its Message-ID. A refusal
    is recorded on the row and raised: the caller's flow decides when to try again."""
    repository = DunningRepository(session)
    reminder = _row(repository, invoice, key, to)
    if reminder.status in ReminderStatus.delivered and reminder.message_id:
        return reminder.message_id
    html = to_html(text)
    reminder.attempts += 1
    reminder.snapshot = {"subject": subject, "text": text, "html": html, "attachments": []}
    try:
        reply_to = repository.organisation(invoice.organisation_id).contact_email  # the client answers them
        transport = mail.transport_for(session, settings, invoice.organisation_id)
        message_id = send_email(settings, to, subject, text, html, reply_to=reply_to, transport=transport)
    except EmailNotSent as exc:
        reminder.status, reminder.error = ReminderStatus.retrying, exc.detail[:500]
        raise
    reminder.status, reminder.message_id, reminder.sent_at, reminder.error = (
        ReminderStatus.of_delivery(transport.delivery), message_id, utc_now(), None,
    )  # fmt: skip
    reminder.snapshot = {**reminder.snapshot, "delivery": transport.delivery}  # left, or only written locally
    return message_id


def _row(repository: DunningRepository, invoice: Invoice, key: str, to: str) -> Reminder:
    repository.insert_reminder(invoice, key, kind="prenotice", channel="email", status=ReminderStatus.sending,
                               scheduled_on=paris_today(), to_address=to)  # fmt: skip
    found = repository.reminder_by_key(invoice.id, key)
    assert found is not None
    found.to_address = to
    return found
