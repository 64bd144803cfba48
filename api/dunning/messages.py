"""What a reminder says: the template rendered with the invoice's figures (what is due, the pay link,
penalties when the step shows them, the client's other overdue invoices, how many reminders were really
sent before), the invoice attached under its own name, and for a formal notice the PDF letter. What could
not be stated (a penalty whose rate is unknown) is left out and recorded as a coded note."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from babel.dates import format_date
from sqlalchemy.orm import Session

from api.dunning import letter, policy, templates
from api.dunning.repository import DunningRepository
from api.dunning.setup import Setup
from api.mail import service as mail
from api.models import Client, Invoice, Reminder, ReminderStatus
from api.money import format_money
from api.notifications.service import Attachment
from api.organisations import service as organisations
from api.payment_links import service as payment_links
from api.penalties import service as penalties
from api.penalties.policy import LatePenalty
from api.settings import Settings
from api.transactions import service as transactions


@dataclass(frozen=True)
class Draft:
    subject: str
    text: str
    html: str
    attachments: tuple[Attachment, ...] = ()
    letter_key: str | None = None
    figures: dict[str, Any] = field(default_factory=dict)
    # What the message leaves out and why: {"code": a `reason.<code>` of the catalogues, "params": {...}}.
    notes: tuple[dict[str, Any], ...] = ()
    reply_to: str | None = None  # the organisation's contact address, when its settings have one

    def snapshot(self) -> dict[str, Any]:
        """Kept with the reminder as evidence of exactly what was sent."""
        return {
            "subject": self.subject,
            "text": self.text,
            "html": self.html,
            "attachments": [a.filename for a in self.attachments],
            "letter": self.letter_key,
            "figures": self.figures,
            "notes": list(self.notes),
        }


def language_of(client: Client | None) -> str:
    return "en" if client is not None and client.locale == "en" else "fr"


def day_text(day: date, language: str) -> str:
    return format_date(day, "d MMMM y", locale="en_GB") if language == "en" else day.strftime("%d/%m/%Y")


def compose(
    session: Session,
    invoice: Invoice,
    client: Client | None,
    step: policy.Step,
    setup: Setup,
    today: date,
    *,
    settings: Settings,
    reminder: Reminder | None = None,
) -> Draft:
    language = language_of(client)
    letter_due = step.channel == "letter" and reminder is not None
    # Grouped reminders and the formal notice both list the client's other overdue invoices: read them once.
    overdue = (
        DunningRepository(session).other_overdue(invoice, today=today)
        if setup.group_overdue or letter_due
        else []
    )
    listed = overdue if setup.group_overdue else []
    notes: list[dict[str, Any]] = []
    context, figures = _context(session, invoice, client, step, setup, today, settings, language, listed,
                                notes)  # fmt: skip
    subject, body = setup.template(step.template, language)
    rendered = templates.render(subject, body, context)
    creditor = _creditor(session, invoice)
    if step.channel in ("email", "letter"):
        rendered = _with_footer(rendered, creditor, language)
    attachments = list(_invoice_file(session, invoice, settings, language) if setup.attach_invoice else [])
    letter_key = None
    if letter_due and reminder is not None:
        pdf = _formal_notice(session, invoice, client, setup, today, language, overdue, context, notes)
        letter_key = f"letters/{reminder.id}.pdf"
        _write(settings.data_dir / letter_key, pdf)
        reminder.letter_path = letter_key
        attachments.insert(0, Attachment(_letter_name(invoice, language), "application/pdf", pdf))
    unique_notes = tuple({repr(sorted(n.items())): n for n in notes}.values())
    return Draft(rendered.subject, rendered.text, rendered.html, tuple(attachments), letter_key, figures,
                 unique_notes, creditor.email or None)  # fmt: skip


def _context(
    session: Session,
    invoice: Invoice,
    client: Client | None,
    step: policy.Step,
    setup: Setup,
    today: date,
    settings: Settings,
    language: str,
    others: list[Invoice],
    notes: list[dict[str, Any]],
) -> tuple[dict[str, Any], dict[str, Any]]:
    assert invoice.due_date is not None
    owed = transactions.owed_now(invoice)
    consumer = bool(client and client.is_consumer)
    urls = _pay_urls(session, [invoice, *others], settings)

    def money(minor: int) -> str:
        return format_money(minor, invoice.currency, language)

    late = None
    if step.show_penalties and today > invoice.due_date and not consumer:
        late = _late_penalty(session, invoice, owed, setup, today, notes)
    context = {
        "organisation": _creditor(session, invoice).name,
        "client_name": (client.name if client else invoice.buyer_name) or "",
        "invoice_number": invoice.number or "",
        "issue_date": day_text(invoice.issue_date, language) if invoice.issue_date else "",
        "due_date": day_text(invoice.due_date, language),
        "amount_due": money(owed),
        "total": money(transactions.payable_total(invoice) or 0),
        "days_late": max(0, (today - invoice.due_date).days),
        "pay_url": urls.get(invoice.id, ""),
        "penalties": money(late.penalty_minor) if late and late.penalty_minor else None,
        "penalty_rate": late.rate_description if late else None,
        "indemnity": format_money(late.indemnity_minor, late.indemnity_currency, language)
        if late and late.indemnity_minor
        else None,
        "consumer": consumer,
        "other_invoices": [_other(o, urls, language, today) for o in others],
        "total_overdue": money(owed + sum(transactions.owed_now(o) for o in others)),
        "deadline": day_text(today + timedelta(days=setup.notice_deadline_days), language),
        "previous_reminders": previous_reminders(
            session, invoice, by_mail=not mail.goes_to_outbox(session, settings, invoice.organisation_id)
        ),
    }
    figures = {
        "owed": owed,
        "currency": invoice.currency,
        "others": [str(o.id) for o in others],
        "penalty": late.penalty_minor if late else 0,
        "indemnity": late.indemnity_minor if late else 0,
    }
    return context, figures


def _late_penalty(
    session: Session, invoice: Invoice, owed: int, setup: Setup, today: date, notes: list[dict[str, Any]]
) -> LatePenalty | None:
    """The penalty owed today, or None with a note when a half-year's rate is unknown: the reminder still
    goes out, without a figure it cannot justify."""
    assert invoice.due_date is not None
    try:
        return penalties.compute(session, amount=owed, currency=invoice.currency, due=invoice.due_date,
                                 on=today, contract_rate=setup.contract_rate)  # fmt: skip
    except penalties.RateMissing as exc:
        notes.append({"code": exc.reason, "params": {**exc.params, "invoice": invoice.number or ""}})
        return None


def previous_reminders(session: Session, invoice: Invoice, *, by_mail: bool = False) -> int:
    """How many reminders of this invoice the debtor can have had (not skipped, failed or still a task): what
    the wording may claim ("despite our previous reminder"). A message going out by mail counts only those
    sent by mail: one only written to the local outbox folder never left the machine unless someone sent it
    by hand, which a message in the outbox too may assume."""
    counted = (ReminderStatus.sent,) if by_mail else ReminderStatus.delivered
    return sum(
        1
        for row in DunningRepository(session).reminders_of(invoice.id)
        if row.kind == "reminder" and row.status in counted
    )


def _creditor(session: Session, invoice: Invoice) -> letter.Party:
    """The organisation as its settings name it: its legal identity when set, its name otherwise."""
    organisation = DunningRepository(session).organisation(invoice.organisation_id)
    return _party_of(organisations.identity_of(organisation))


def identity_footer(identity: organisations.Identity, language: str) -> list[str]:
    """The lines that end reminder emails once the legal identity is set (none before)."""
    return letter.footer_lines(_party_of(identity), language) if identity.is_set else []


def _party_of(identity: organisations.Identity) -> letter.Party:
    return letter.Party(
        name=identity.name, address=identity.address, siren=identity.siren, email=identity.contact_email,
        legal_form=identity.legal_form, share_capital=identity.share_capital, rcs_city=identity.rcs_city,
        vat_id=identity.vat_id, phone=identity.phone,
    )  # fmt: skip


def _with_footer(rendered: templates.Rendered, creditor: letter.Party, language: str) -> templates.Rendered:
    """Emails end with the sender's legal identity once it is set in the settings (nothing before)."""
    if not creditor.siren:  # the legal identity is not set yet
        return rendered
    footer = "\n".join(letter.footer_lines(creditor, language))
    text = rendered.text.rstrip("\n") + "\n\n-- \n" + footer + "\n"
    return templates.Rendered(rendered.subject, text, templates.to_html(text))


def _other(invoice: Invoice, urls: dict[Any, str], language: str, today: date) -> dict[str, Any]:
    assert invoice.due_date is not None
    return {
        "number": invoice.number or "",
        "due_date": day_text(invoice.due_date, language),
        "amount_due": format_money(transactions.owed_now(invoice), invoice.currency, language),
        "days_late": (today - invoice.due_date).days,
        "pay_url": urls.get(invoice.id, ""),
    }


def _pay_urls(session: Session, invoices: list[Invoice], settings: Settings) -> dict[Any, str]:
    for invoice in invoices:
        payment_links.ensure_link(session, invoice)
    paths = payment_links.pay_urls(session, invoices)
    return {invoice_id: f"{settings.base_url}{path}" for invoice_id, path in paths.items()}


def _invoice_file(session: Session, invoice: Invoice, settings: Settings, language: str) -> list[Attachment]:
    """The invoice as it was uploaded, when its file is still there, named after the invoice: the
    uploaded file's own name ("scan_0042 (2).pdf") means nothing to the client."""
    document = DunningRepository(session).document(invoice.document_id)
    if document is None:
        return []
    path = settings.files_dir / document.storage_key
    if not path.is_file():
        return []
    name = attachment_name(invoice, language, document.media_type, document.filename)
    return [Attachment(name, document.media_type, path.read_bytes())]


_EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/tiff": "tif",
               "application/xml": "xml", "text/xml": "xml"}  # fmt: skip
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def attachment_name(invoice: Invoice, language: str, media_type: str, uploaded: str = "") -> str:
    """ "Facture FA-2017-0008.pdf", "Avoir AV-12.pdf", "Invoice ..." for an English-speaking client. The
    number keeps only ASCII letters, digits, '.', '-' and '_' (a '/' would make a folder, a quote or a
    line break could upset a mail client)."""
    credit = invoice.document_type == "credit_note"
    if language == "en":
        label = "Credit note" if credit else "Invoice"
    else:
        label = "Avoir" if credit else "Facture"
    ascii_number = unicodedata.normalize("NFKD", invoice.number or "").encode("ascii", "ignore").decode()
    number = _UNSAFE.sub("-", ascii_number).strip(".-_")[:80] or str(invoice.id)[:8]
    extension = _EXTENSIONS.get(media_type) or Path(uploaded).suffix.lstrip(".").lower() or "pdf"
    return f"{label} {number}.{_UNSAFE.sub('', extension)[:5] or 'pdf'}"


def _formal_notice(
    session: Session,
    invoice: Invoice,
    client: Client | None,
    setup: Setup,
    today: date,
    language: str,
    others: list[Invoice],
    context: dict[str, Any],
    notes: list[dict[str, Any]],
) -> bytes:
    repository = DunningRepository(session)
    consumer = bool(client and client.is_consumer)
    invoices = [invoice, *others]
    lines, rate = [], None
    for item in invoices:
        assert item.due_date is not None
        owed = transactions.owed_now(item)
        late = None if consumer else _late_penalty(session, item, owed, setup, today, notes)
        rate = rate or (late.rate_description if late else None)
        penalty, indemnity = (late.penalty_minor, late.indemnity_minor) if late else (0, 0)
        lines.append(
            letter.NoticeLine(item.number or "", item.issue_date, item.due_date, owed, penalty, indemnity)
        )
    iban = repository.iban(invoice.organisation_id)
    debtor = letter.Party(
        name=(client.name if client else invoice.buyer_name) or "",
        address=client.address if client else None,
        siren=client.siren if client else None,
        email=client.email if client else None,
    )
    notice = letter.FormalNotice(
        language="en" if language == "en" else "fr",
        creditor=_creditor(session, invoice),
        debtor=debtor,
        consumer=consumer,
        lines=lines,
        currency=invoice.currency,
        penalty_rate=rate,
        issued_on=today,
        deadline=today + timedelta(days=setup.notice_deadline_days),
        pay_url=context["pay_url"] or None,
        iban=iban,
        previous_reminders=context["previous_reminders"],
    )
    return letter.render_formal_notice(notice)


def _letter_name(invoice: Invoice, language: str) -> str:
    prefix = "formal-notice" if language == "en" else "mise-en-demeure"
    number = _UNSAFE.sub("-", invoice.number or "").strip(".-_") or str(invoice.id)
    return f"{prefix}-{number}.pdf"


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(content)
    temporary.replace(path)
