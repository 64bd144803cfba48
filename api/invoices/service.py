"""Invoices from captures, corrected and approved by people. Never commits."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from babel.numbers import get_currency_precision
from sqlalchemy.orm import Session

from api.audit.service import record
from api.clients import service as clients
from api.clients.policy import BuyerIdentity, clean_vat_id, siren_of
from api.clock import paris_today, utc_now
from api.errors import BadRequest, Conflict, EncaisseError, NotFound
from api.invoices import policy
from api.invoices.capture_warnings import unusable
from api.invoices.repository import InvoiceRepository
from api.layouts import service as layouts
from api.mail import service as mail
from api.models import Client, Document, Invoice, InvoiceCorrection, InvoiceStatus
from api.money import format_money, to_minor_units
from api.notifications.service import send_email
from api.organisations.service import Principal
from api.pagination import CursorValue, Seek
from api.payment_links import service as payment_links
from api.settings import Settings
from api.transactions import service as transactions


class InvalidFieldValue(EncaisseError):
    """A refused correction: `detail` in English for the API, `reason` (a policy.REASONS code) and `params`
    for the pages, which say it from their catalogues."""

    status_code = 422
    code = "invalid_field"

    def __init__(self, field: str, reason: str, params: dict[str, object], detail: str) -> None:
        super().__init__(f"{field}: {detail}")
        self.field = field
        self.reason = reason
        self.params = params

    @property
    def extra(self) -> dict[str, object]:
        """What the JSON answer carries besides error and detail (api/error_handlers.py)."""
        return {"field": self.field, "reason": self.reason, "params": policy.english_params(self.params)}


def record_capture(
    session: Session, document: Document, extracted: dict[str, Any], *, threshold: float
) -> Invoice:
    """The invoice read from a document; capturing the same document again returns the same invoice."""
    repository = InvoiceRepository(session)
    if existing := repository.get_for_document(document.id):
        return existing
    fields = {name: {**found, "source": "capture"} for name, found in extracted["fields"].items()}
    invoice = repository.add(
        Invoice(
            organisation_id=document.organisation_id,
            document_id=document.id,
            capture_method=extracted["method"],
            extraction=extracted,
            fields=fields,
            warnings=list(extracted.get("warnings", [])),
        )
    )
    _derive_columns(invoice)
    _link_client(session, invoice)
    transactions.recompute(session, invoice)
    reasons = policy.review_reasons(invoice.fields, threshold=threshold) + _duplicate_reasons(
        session, invoice
    )
    invoice.status = InvoiceStatus.needs_review if reasons else InvoiceStatus.ready
    payment_links.ensure_link(session, invoice)
    details = {"document_id": str(document.id), "method": invoice.capture_method, "status": invoice.status}
    record(session, invoice.organisation_id, "capture", "invoice.captured", "invoice", invoice.id, details)
    return invoice


def get_invoice(session: Session, principal: Principal, invoice_id: uuid.UUID) -> Invoice:
    invoice = InvoiceRepository(session).get(principal.organisation_id, invoice_id)
    if invoice is None:
        raise NotFound("No such invoice.")
    return invoice


def list_invoices(
    session: Session, principal: Principal, *, status: str | None, limit: int, offset: int
) -> tuple[list[Invoice], int]:
    return InvoiceRepository(session).page(
        principal.organisation_id, status=status, limit=limit, offset=offset
    )


def corrections(session: Session, principal: Principal, invoice_id: uuid.UUID) -> list[InvoiceCorrection]:
    return InvoiceRepository(session).corrections(principal.organisation_id, invoice_id)


def review_reasons(invoice: Invoice, *, threshold: float) -> list[policy.Reason]:
    """What still holds the invoice back; after approval only missing fields do."""
    if invoice.approved_at is not None:
        return policy.review_reasons(invoice.fields, threshold=0.0)
    duplicate = [policy.duplicate(invoice.duplicate_of_id)] if invoice.duplicate_of_id else []
    return policy.review_reasons(invoice.fields, threshold=threshold) + duplicate


def correct_fields(
    session: Session, principal: Principal, invoice_id: uuid.UUID, changes: dict[str, str | None]
) -> Invoice:
    """Apply a person's corrections; each changed field keeps what capture read and who changed it."""
    invoice = get_invoice(session, principal, invoice_id)
    fields = dict(invoice.fields)
    repository = InvoiceRepository(session)
    for name, raw in changes.items():
        new, warning = _checked(name, raw)
        previous = (fields.get(name) or {}).get("value")
        if new == previous:
            continue
        extracted = ((invoice.extraction.get("fields") or {}).get(name) or {}).get("value")
        located = {k: (fields.get(name) or {}).get(k) for k in ("page", "bbox")}
        if new is None:
            fields.pop(name, None)
        else:
            fields[name] = {"value": new, "confidence": 1.0, **located, "source": "user", **warning}
        repository.add(
            InvoiceCorrection(
                organisation_id=invoice.organisation_id,
                invoice_id=invoice.id,
                field=name,
                extracted_value=extracted,
                previous_value=previous,
                new_value=new,
                actor=principal.actor,
            )
        )
    invoice.fields = fields
    _derive_columns(invoice)
    invoice.next_reminder_at = None  # the due date or amount may have moved: the chase is worked out again
    transactions.recompute(session, invoice)
    _link_client(session, invoice)
    _duplicate_reasons(session, invoice)
    if invoice.status == InvoiceStatus.ready and policy.review_reasons(fields, threshold=0.0):
        invoice.status = InvoiceStatus.needs_review
        invoice.approved_at = invoice.approved_by = None
    changed = {"fields": sorted(changes)}
    record(
        session, invoice.organisation_id, principal.actor, "invoice.corrected", "invoice", invoice.id, changed
    )
    layouts.learn_from_invoice(session, invoice, actor=principal.actor)  # the next of its layout reads right
    return invoice


def approve(session: Session, principal: Principal, invoice_id: uuid.UUID) -> Invoice:
    """A person vouches for the fields: low confidence and duplicate flags no longer hold it back."""
    invoice = get_invoice(session, principal, invoice_id)
    missing = policy.review_reasons(invoice.fields, threshold=0.0)
    if missing:
        raise Conflict("Cannot approve yet: " + "; ".join(missing) + ".", reason="invoice.cannot_approve",
                       params={"fields": [reason.field for reason in missing if reason.field]})  # fmt: skip
    invoice.status = InvoiceStatus.ready
    invoice.approved_at = utc_now()
    invoice.approved_by = principal.actor
    payment_links.ensure_link(session, invoice)
    transactions.recompute(session, invoice)
    record(session, invoice.organisation_id, principal.actor, "invoice.approved", "invoice", invoice.id, {})
    layouts.learn_from_invoice(session, invoice, actor=principal.actor)
    return invoice


def field_errors(changes: dict[str, str | None]) -> dict[str, InvalidFieldValue]:
    """Every invalid value of a correction, field by field, so a form can show each next to its input."""
    errors = {}
    for name, raw in changes.items():
        try:
            _checked(name, raw)
        except InvalidFieldValue as exc:
            errors[name] = exc
    return errors


def next_to_review(session: Session, principal: Principal, *, after: uuid.UUID | None) -> Invoice | None:
    """The oldest invoice still waiting for review, other than the one just done."""
    return InvoiceRepository(session).oldest_needing_review(principal.organisation_id, excluding=after)


def _checked(name: str, raw: str | None) -> tuple[str | None, dict[str, str]]:
    """The value to store and, when only its checksum is wrong, {"warning": code} to keep beside it."""
    if name not in policy.EDITABLE_FIELDS:
        raise InvalidFieldValue(name, "not_a_field", {}, policy.REASONS["not_a_field"])
    if raw is None:
        return None, {}
    try:
        value, warning = policy.normalise_value(name, raw)
    except policy.InvalidField as exc:
        raise InvalidFieldValue(name, exc.code, exc.params, exc.reason) from exc
    return value, ({"warning": warning} if warning else {})


def _value(invoice: Invoice, name: str) -> str | None:
    found = invoice.fields.get(name)
    return None if not found else found.get("value")


def _derive_columns(invoice: Invoice) -> None:
    """The typed columns follow the fields; a value that cannot be used is left out with a warning."""
    invoice.number = _clipped(_value(invoice, "invoice_number"), 100)
    invoice.document_type = _value(invoice, "document_type") or "invoice"
    invoice.currency = (_value(invoice, "currency") or "EUR").upper()[:3]
    invoice.seller_name = _clipped(_value(invoice, "seller_name"), 300)
    invoice.buyer_name = _clipped(_value(invoice, "buyer_name"), 300)
    invoice.seller_key = _clipped(policy.seller_key(invoice.fields), 300)
    for name in policy.DATE_FIELDS:
        setattr(invoice, name, _parsed(invoice, name, date.fromisoformat))
    for name in policy.AMOUNT_FIELDS:
        setattr(invoice, name, _parsed(invoice, name, lambda v: to_minor_units(v, invoice.currency)))


def _clipped(value: str | None, length: int) -> str | None:
    return value[:length] if value else None


def _parsed(invoice: Invoice, name: str, parse: Any) -> Any:
    value = _value(invoice, name)
    if value is None:
        return None
    try:
        return parse(value)
    except (ValueError, ArithmeticError):
        warning = unusable(name, value)
        if warning not in invoice.warnings:
            invoice.warnings = [*invoice.warnings, warning]
        return None


def _link_client(session: Session, invoice: Invoice) -> None:
    name = _value(invoice, "buyer_name")
    if not name:
        return
    buyer = BuyerIdentity(
        name=name,
        siren=siren_of(
            _value(invoice, "buyer_siren"), _value(invoice, "buyer_siret"), _value(invoice, "buyer_vat_id")
        ),
        vat_id=clean_vat_id(_value(invoice, "buyer_vat_id")),
        email=_value(invoice, "buyer_email"),
        address=_value(invoice, "buyer_address"),
    )
    invoice.client_id = clients.match_or_create(session, invoice.organisation_id, buyer).id


def _duplicate_reasons(session: Session, invoice: Invoice) -> list[policy.Reason]:
    invoice.duplicate_of_id = None
    if not (invoice.seller_key and invoice.number):
        return []
    twin = InvoiceRepository(session).find_same_number(
        invoice.organisation_id, invoice.seller_key, invoice.number, excluding=invoice.id
    )
    if twin is None:
        return []
    invoice.duplicate_of_id = twin.id
    return [policy.duplicate(twin.id)]


def page_counts(session: Session, invoices: list[Invoice]) -> dict[uuid.UUID, int]:
    """Pages of each invoice's document, for links to its page images."""
    by_document = InvoiceRepository(session).document_page_counts(
        [i.document_id for i in invoices if i.document_id is not None]
    )
    return {i.id: by_document[i.document_id] for i in invoices if i.document_id in by_document}


CANCEL_REASON_MAX = 500


def cancel(
    session: Session, principal: Principal, invoice_id: uuid.UUID, *, reason: str | None = None
) -> Invoice:
    """Nothing is owed any more (e.g. replaced by a credit note): the pay page says so and takes nothing,
    and no reminder is sent. Cancelling a cancelled invoice changes nothing."""
    invoice = get_invoice(session, principal, invoice_id)
    if invoice.collection_status == "paid":
        raise Conflict("A paid invoice cannot be cancelled; issue a credit note instead.")
    if invoice.cancelled_at is not None:
        return invoice
    if reason is not None and len(reason) > CANCEL_REASON_MAX:
        raise BadRequest(f"The reason is longer than {CANCEL_REASON_MAX} characters.")
    invoice.cancelled_at = utc_now()
    invoice.next_reminder_at = None  # nothing left to chase
    transactions.recompute(session, invoice)
    details = {"reason": reason} if reason else {}
    record(
        session, invoice.organisation_id, principal.actor, "invoice.cancelled", "invoice", invoice.id, details
    )
    return invoice


def revoke_pay_link(session: Session, principal: Principal, invoice_id: uuid.UUID) -> Invoice:
    invoice = get_invoice(session, principal, invoice_id)
    if payment_links.revoke(session, invoice) is None:
        raise Conflict("Only an invoice ready to collect has a payment link.")
    record(
        session, invoice.organisation_id, principal.actor, "payment_link.revoked", "invoice", invoice.id, {}
    )
    return invoice


def pay_urls(session: Session, invoices: list[Invoice]) -> dict[uuid.UUID, str]:
    return payment_links.pay_urls(session, invoices)


# ------------------------------------------------------------------ the list: filters, sorting, CSV export


@dataclass(frozen=True)
class Listed:
    """One row of the list: the invoice, its client's name, and where it stands today."""

    invoice: Invoice
    client_name: str | None
    view_status: str
    days_overdue: int | None


@dataclass(frozen=True)
class SearchPage:
    rows: list[Listed]
    total: int
    # The sort values of the first and the last row (api.pagination.Seek): where the pages around start.
    first: tuple[CursorValue, ...] | None = None
    last: tuple[CursorValue, ...] | None = None


def search_invoices(
    session: Session,
    principal: Principal,
    filters: policy.ListFilters,
    *,
    limit: int,
    offset: int = 0,
    seek: Seek | None = None,
    today: date | None = None,
) -> SearchPage:
    """A page of the organisation's invoices matching `filters`, filtered, sorted and paged in SQL: the
    page next to a row (`seek`, keyset) or after `offset` rows."""
    day = today or paris_today()
    found, total = InvoiceRepository(session).search(
        principal.organisation_id, filters, today=day, limit=limit, offset=offset, seek=seek
    )
    rows = [_listed(invoice, name, day) for invoice, name, _ in found]
    return SearchPage(rows, total, found[0][2] if found else None, found[-1][2] if found else None)


def client_choices(
    session: Session, principal: Principal, *, limit: int | None = None, including: uuid.UUID | None = None
) -> list[tuple[uuid.UUID, str]]:
    """The organisation's clients (id, name) by name, for the list's client filter: the first `limit`,
    and the client `including` (the one chosen) wherever it comes."""
    return InvoiceRepository(session).client_choices(
        principal.organisation_id, limit=limit, including=including
    )


def client_of(session: Session, principal: Principal, invoice: Invoice) -> Client | None:
    return InvoiceRepository(session).client(principal.organisation_id, invoice.client_id)


def _listed(invoice: Invoice, client_name: str | None, today: date) -> Listed:
    status, collection, due = invoice.status, invoice.collection_status, invoice.due_date
    return Listed(
        invoice=invoice,
        client_name=client_name,
        view_status=policy.view_status(
            status=status, collection_status=collection, due_date=due, today=today,
            disputed=invoice.disputed, cancelled=invoice.cancelled_at is not None,
        ),
        days_overdue=policy.days_overdue(
            status=status, collection_status=collection, due_date=due, today=today
        ),
    )  # fmt: skip


EXPORT_COLUMNS = (
    "number", "client", "buyer_name", "issue_date", "due_date", "currency", "total_excl_tax", "total_tax",
    "total_incl_tax", "amount_paid", "balance_due", "status", "review_status", "collection_status",
    "disputed", "days_overdue", "client_id", "invoice_id",
)  # fmt: skip


def export_rows(
    session: Session,
    principal: Principal,
    filters: policy.ListFilters,
    *,
    decimal_separator: str = ".",
    today: date | None = None,
) -> Iterator[list[str]]:
    """Every invoice matching `filters` (not only one page), in the list's order, as CSV cells in the
    order of EXPORT_COLUMNS: amounts as decimal text, dates ISO, no formula a spreadsheet would run."""
    day = today or paris_today()
    for invoice, name in InvoiceRepository(session).each_match(principal.organisation_id, filters, today=day):
        listed = _listed(invoice, name, day)

        def amount(minor: int | None, currency: str = invoice.currency) -> str:
            return "" if minor is None else decimal_text(minor, currency, decimal_separator)

        yield [
            _cell(invoice.number), _cell(name), _cell(invoice.buyer_name),
            invoice.issue_date.isoformat() if invoice.issue_date else "",
            invoice.due_date.isoformat() if invoice.due_date else "",
            invoice.currency, amount(invoice.total_excl_tax), amount(invoice.total_tax),
            amount(invoice.total_incl_tax), amount(invoice.amount_paid), amount(invoice.balance_due),
            listed.view_status, invoice.status, invoice.collection_status, "1" if invoice.disputed else "0",
            "" if listed.days_overdue is None else str(listed.days_overdue),
            str(invoice.client_id or ""), str(invoice.id),
        ]  # fmt: skip


def decimal_text(minor: int, currency: str, separator: str = ".") -> str:
    """123456 EUR → "1234.56" (or "1234,56"): exact, no grouping, the currency's decimals."""
    text = str(Decimal(minor).scaleb(-get_currency_precision(currency)))
    return text.replace(".", separator)


def _cell(value: str | None) -> str:
    """Text as it is, except that a spreadsheet would run "=…", "+…", "-…", "@…" as a formula."""
    if not value:
        return ""
    return "'" + value if value[0] in "=+-@\t\r" else value


# ------------------------------------------------------------------ sending the pay link now


class NoEmailAddress(Conflict):
    code = "no_email_address"


class NotPayable(Conflict):
    code = "not_payable"


def send_pay_link(
    session: Session, principal: Principal, invoice_id: uuid.UUID, *, settings: Settings
) -> str:
    """Email the client the invoice's pay link now (in the client's language); recorded on the timeline.
    Returns the address written to. Nothing is recorded when it cannot be sent."""
    invoice = get_invoice(session, principal, invoice_id)
    if not payable_now(invoice):
        raise NotPayable("This invoice cannot be paid now (waiting for review, paid or cancelled).")
    repository = InvoiceRepository(session)
    client = repository.client(principal.organisation_id, invoice.client_id)
    if client is None or not (client.email or "").strip():
        raise NoEmailAddress("The client has no email address: add one on the client's page.")
    link = payment_links.ensure_link(session, invoice)
    assert link is not None
    to = client.email.strip() if client.email else ""
    url = f"{settings.base_url}/pay/{link.token}"
    name, reply_to = repository.sender(principal.organisation_id)
    subject, text = _pay_link_email(invoice, url, name, client.locale)
    transport = mail.transport_for(session, settings, principal.organisation_id)
    try:
        message_id = send_email(settings, to, subject, text, reply_to=reply_to, transport=transport)
    except ValueError as exc:  # the address on file is not one
        raise NoEmailAddress(f"The client's email address {to!r} is not valid: correct it first.") from exc
    record(session, invoice.organisation_id, principal.actor, "invoice.pay_link_sent", "invoice", invoice.id,
           {"to": to, "message_id": message_id, "delivery": transport.delivery})  # fmt: skip
    return to


def payable_now(invoice: Invoice) -> bool:
    return (
        invoice.status == InvoiceStatus.ready
        and invoice.cancelled_at is None
        and invoice.collection_status in ("open", "partially_paid")
        and transactions.owed_now(invoice) > 0
    )


def _pay_link_email(invoice: Invoice, url: str, organisation: str, locale: str) -> tuple[str, str]:
    language = "en" if locale == "en" else "fr"
    owed = format_money(transactions.owed_now(invoice), invoice.currency, language)
    number = invoice.number or ""
    if language == "en":
        due = f" (due {invoice.due_date:%d %B %Y})" if invoice.due_date else ""
        return (
            f"Invoice {number}: pay online",
            f"Hello,\n\nYou can pay invoice {number} from {organisation}, {owed}{due}, online here:\n"
            f"{url}\n\nKind regards,\n{organisation}\n",
        )
    due = f" (échéance le {invoice.due_date:%d/%m/%Y})" if invoice.due_date else ""
    return (
        f"Facture {number} : lien de paiement",
        f"Bonjour,\n\nVous pouvez régler la facture {number} de {organisation}, {owed}{due}, en ligne ici :\n"
        f"{url}\n\nCordialement,\n{organisation}\n",
    )


def csv_chunks(rows: list[list[str]], per_chunk: int = 500) -> Iterator[str]:
    """Semicolon-separated lines with a BOM (what French Excel opens as is), a few hundred rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")
    for number, row in enumerate(rows, start=1):
        writer.writerow(row)
        if number % per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
