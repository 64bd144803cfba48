"""Layout memory in the service: learn an organisation's invoice layout from a corrected or approved
invoice, hand its memories to capture, count their uses, list and delete them. Never commits.

A memory belongs to one organisation: it is only ever loaded by that organisation's id."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

import ocr
from api.audit.service import record
from api.clock import utc_now
from api.errors import NotFound
from api.layouts.repository import LayoutRepository
from api.logging import get_logger
from api.models import CapturedPages, Document, Invoice, LayoutMemory
from api.organisations.service import Principal

log = get_logger(__name__)

MAX_AT_CAPTURE = 20  # memories tried on one capture, most recently used first
MAX_PER_ORGANISATION = 200  # beyond, the least recently used is forgotten

Loaded = list[tuple[LayoutMemory, ocr.LayoutMemory]]


def memories_for_capture(session: Session, organisation_id: uuid.UUID) -> Loaded:
    """The organisation's memories capture should try, as rows and as ocr memories."""
    loaded = []
    for row in LayoutRepository(session).recent(organisation_id, MAX_AT_CAPTURE):
        try:
            loaded.append((row, ocr.LayoutMemory.from_dict(row.memory)))
        except (KeyError, TypeError, ValueError) as exc:  # an older format: skipped, relearned next time
            log.warning("layout.unreadable", layout_id=str(row.id), error=str(exc))
    return loaded


def after_capture(
    session: Session, document: Document, extracted: ocr.ExtractedInvoice, loaded: Loaded
) -> None:
    """Count the use of the memory that read the document, and keep the words read to learn from later."""
    match = extracted.layout_match
    if match is not None and 0 <= match.index < len(loaded):
        row = loaded[match.index][0]
        row.uses += 1
        row.last_used_at = utc_now()
        _remember_use(session, document, row, match)
    if not extracted.page_texts:
        return  # read from XML: exact already, nothing to learn
    repository = LayoutRepository(session)
    pages = ocr.pages_to_dict(extracted.page_texts)
    kept = repository.pages(document.organisation_id, document.id)
    if kept is None:
        repository.add(
            CapturedPages(organisation_id=document.organisation_id, document_id=document.id, pages=pages)
        )
    else:
        kept.pages = pages


def _remember_use(session: Session, document: Document, row: LayoutMemory, match: ocr.LayoutMatch) -> None:
    """The invoice keeps which layout read it, as it was then (`layout` in its extraction): the API and the
    review page say so, even after the layout is renamed by a later lesson or deleted."""
    invoice = LayoutRepository(session).invoice_of(document.organisation_id, document.id)
    if invoice is None or (invoice.extraction.get("layout_match") or {}).get("key") != match.key:
        return  # not the invoice this capture recorded (a capture run again keeps the first one's)
    used = {"id": str(row.id), "label": row.label, "score": match.score}
    invoice.extraction = {**invoice.extraction, "layout": used}  # a new dict: the JSON column sees the change


def learn_from_invoice(session: Session, invoice: Invoice, *, actor: str) -> LayoutMemory | None:
    """Remember where this invoice's current values are printed. The memory that read it (or that matches
    its pages) is replaced, so a memory learned from a wrong correction lasts until the next one."""
    if invoice.document_id is None:
        return None
    repository = LayoutRepository(session)
    kept = repository.pages(invoice.organisation_id, invoice.document_id)
    pages = ocr.pages_from_dict(kept.pages) if kept is not None else []
    values = {
        name: str(found["value"]) for name, found in invoice.fields.items() if found and found.get("value")
    }
    memory = ocr.learn(pages, values) if pages else None
    if memory is None:
        return None
    row = _replaced(session, invoice, pages)
    if row is None:
        row = repository.add(LayoutMemory(organisation_id=invoice.organisation_id, key=memory.key, memory={}))
        _forget_beyond_limit(session, invoice.organisation_id)
    row.key = memory.key
    row.memory = memory.to_dict()
    row.fields = sorted(memory.fields)
    row.label = (values.get("seller_name") or "")[:300] or None
    row.source_invoice_id = invoice.id
    session.flush()
    record(session, invoice.organisation_id, actor, "layout.learned", "layout_memory", row.id,
           {"invoice_id": str(invoice.id), "fields": row.fields})  # fmt: skip
    return row


def _replaced(session: Session, invoice: Invoice, pages: list[Any]) -> LayoutMemory | None:
    """The organisation's memory this invoice's lesson replaces: the one that read it at capture, the one
    learned from it before, or one that matches its pages."""
    loaded = memories_for_capture(session, invoice.organisation_id)
    used = (invoice.extraction or {}).get("layout_match") or {}
    for row, memory in loaded:
        if row.source_invoice_id == invoice.id or (used.get("key") and memory.key == used["key"]):
            return row
    found = ocr.match_layout(pages, [memory for _, memory in loaded])
    return None if found is None else loaded[found[0].index][0]


def _forget_beyond_limit(session: Session, organisation_id: uuid.UUID) -> None:
    repository = LayoutRepository(session)
    if repository.count(organisation_id) <= MAX_PER_ORGANISATION:
        return
    for row in repository.recent(organisation_id, MAX_PER_ORGANISATION + 50)[MAX_PER_ORGANISATION:]:
        session.delete(row)


def list_layouts(session: Session, principal: Principal) -> list[LayoutMemory]:
    return LayoutRepository(session).recent(principal.organisation_id, MAX_PER_ORGANISATION)


def delete_layout(session: Session, principal: Principal, layout_id: uuid.UUID) -> None:
    row = LayoutRepository(session).get(principal.organisation_id, layout_id)
    if row is None:
        raise NotFound("No such layout.")
    session.delete(row)
    session.flush()
    record(session, principal.organisation_id, principal.actor, "layout.deleted", "layout_memory", layout_id,
           {"label": row.label})  # fmt: skip
