"""Clients: find the client an invoice is addressed to (or create it), list clients with their figures,
one client's page, and a person's edits of its record."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from api.audit.service import record as audit
from api.clients.policy import SORTS, BuyerIdentity, FieldError, Totals, checked_changes, name_key, over_limit
from api.clients.repository import ClientRepository, ListQuery
from api.clock import paris_day, paris_today
from api.dunning import policy as dunning_policy
from api.errors import BadRequest, NotFound
from api.models import Client, Invoice, Mandate, Reminder
from api.organisations.service import Principal

MAX_PAGE_SIZE = 200
HISTORY_LIMIT = 20


def match_or_create(session: Session, organisation_id: uuid.UUID, buyer: BuyerIdentity) -> Client:
    """Matched by SIREN, then VAT number, then normalised name; created when new."""
    repository = ClientRepository(session)
    key = name_key(buyer.name)
    for criteria in (
        {"siren": buyer.siren} if buyer.siren else None,
        {"vat_id": buyer.vat_id} if buyer.vat_id else None,
        {"name_key": key} if key else None,
    ):
        if criteria and (found := repository.find_by(organisation_id, **criteria)):
            _complete(found, buyer)
            return found
    return repository.add(
        Client(
            organisation_id=organisation_id,
            name=buyer.name[:300],
            name_key=key[:300],
            siren=buyer.siren,
            vat_id=buyer.vat_id,
            email=buyer.email,
            address=buyer.address,
        )
    )


def _complete(client: Client, buyer: BuyerIdentity) -> None:
    """Fill what the client record lacks; never overwrite what someone entered."""
    client.siren = client.siren or buyer.siren
    client.vat_id = client.vat_id or buyer.vat_id
    client.email = client.email or buyer.email
    client.address = client.address or buyer.address


# ------------------------------------------------------------------ figures


@dataclass(frozen=True)
class ClientRow:
    """A client with its figures: what it owes and how it pays (dunning.policy's behaviour and segment)."""

    client: Client
    totals: Totals
    behaviour: dunning_policy.Behaviour
    computed_segment: str
    segment: str

    @property
    def over_limit(self) -> bool:
        return over_limit(self.totals.owed, self.client.credit_limit)


def _row(client: Client, totals: Totals) -> ClientRow:
    found = dunning_policy.summarise(totals.counted, totals.paid_late, totals.total_days_late)
    computed = dunning_policy.segment_of(found)
    return ClientRow(
        client, totals, found, computed, dunning_policy.segment_of(found, client.segment_override)
    )


def list_clients(
    session: Session,
    principal: Principal,
    *,
    search: str | None = None,
    segment: str | None = None,
    sort: str = "name",
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[ClientRow], int]:
    """A page of the organisation's clients with their figures, and how many match."""
    if sort not in SORTS:
        raise BadRequest(f"sort must be one of {', '.join(SORTS)}", reason="clients.unknown_sort")
    if segment is not None and segment not in dunning_policy.SEGMENTS:
        raise BadRequest(f"segment must be one of {', '.join(dunning_policy.SEGMENTS)}",
                         reason="dunning.unknown_segment")  # fmt: skip
    if not 1 <= limit <= MAX_PAGE_SIZE or offset < 0:
        raise BadRequest(f"limit must be between 1 and {MAX_PAGE_SIZE}, offset 0 or more")
    text = (search or "").strip()[:200] or None
    query = ListQuery(search=text, name_key=name_key(text) if text else None, segment=segment, sort=sort,
                      limit=limit, offset=offset)  # fmt: skip
    rows, total = ClientRepository(session).page(principal.organisation_id, query, today=paris_today())
    return [_row(client, totals) for client, totals in rows], total


def get_client(session: Session, principal: Principal, client_id: uuid.UUID) -> Client:
    client = ClientRepository(session).get(principal.organisation_id, client_id)
    if client is None:
        raise NotFound("No such client.")
    return client


def client_row(session: Session, principal: Principal, client_id: uuid.UUID) -> ClientRow:
    client = get_client(session, principal, client_id)
    totals = ClientRepository(session).totals(principal.organisation_id, client.id, today=paris_today())
    return _row(client, totals)


@dataclass(frozen=True)
class PaidInvoice:
    invoice: Invoice
    days_late: int | None  # None without a due date


@dataclass(frozen=True)
class ClientPage:
    row: ClientRow
    mandate: Mandate | None  # the active one, if any
    open_invoices: list[Invoice]  # newest due date first, at most HISTORY_LIMIT
    paid_invoices: list[PaidInvoice]  # most recently paid first
    reminders: list[tuple[Reminder, Invoice]]  # most recent first


def client_page(session: Session, principal: Principal, client_id: uuid.UUID) -> ClientPage:
    row = client_row(session, principal, client_id)
    repository = ClientRepository(session)
    organisation_id, client = principal.organisation_id, row.client.id
    paid = [
        PaidInvoice(
            i,
            None
            if i.due_date is None or i.paid_at is None
            else dunning_policy.days_late(i.due_date, paris_day(i.paid_at)),
        )  # fmt: skip
        for i in repository.paid_invoices(organisation_id, client, limit=HISTORY_LIMIT)
    ]
    return ClientPage(
        row=row,
        mandate=repository.active_mandate(organisation_id, client),
        open_invoices=repository.open_invoices(organisation_id, client, limit=HISTORY_LIMIT),
        paid_invoices=paid,
        reminders=repository.reminders(organisation_id, client, limit=HISTORY_LIMIT),
    )


# ------------------------------------------------------------------ edits


class InvalidClient(BadRequest):
    """Some typed values were refused; `fields` says which and why (a FieldError each)."""

    status_code = 422
    code = "invalid_fields"

    def __init__(self, fields: Mapping[str, FieldError]) -> None:
        super().__init__("Some fields are invalid: " + ", ".join(f"{k} ({v})" for k, v in fields.items()))
        self.fields = dict(fields)


def update_client(
    session: Session, principal: Principal, client_id: uuid.UUID, changes: Mapping[str, Any]
) -> Client:
    """Apply a person's edits (only the fields given); nothing is changed when one of them is refused."""
    client = get_client(session, principal, client_id)
    clean, errors = checked_changes(changes)
    if errors:
        raise InvalidClient(errors)
    changed = {name: value for name, value in clean.items() if getattr(client, name) != value}
    for name, value in changed.items():
        setattr(client, name, value)
    if "name" in changed:
        client.name_key = name_key(str(changed["name"]))[:300]
    if changed:
        audit(session, principal.organisation_id, principal.actor, "client.updated", "client", client.id,
              {"fields": sorted(changed)})  # fmt: skip
    return client
