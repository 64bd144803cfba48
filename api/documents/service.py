"""Document business rules: accept an upload once per organisation, hand it to the inspection job."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.audit.service import record
from api.documents.defuse import defused_copy
from api.documents.multipart import ReceivedForm
from api.documents.pages import page_png
from api.documents.repository import DocumentRepository
from api.documents.sniff import PDF, XML, inspect_file
from api.documents.storage import FileStore, IncomingFile
from api.errors import BadRequest, Conflict, NotFound
from api.models import Document, DocumentStatus, Invoice
from api.organisations.service import Principal
from api.worker import enqueue


@dataclass(frozen=True)
class Stored:
    document: Document
    duplicate: bool


def accept_uploads(
    session: Session, store: FileStore, principal: Principal, form: ReceivedForm
) -> list[Stored]:
    """All files of a request are checked before any is kept: one bad file refuses the whole request."""
    if not form.files:
        raise BadRequest("No file received: send one or more files in the multipart field 'file'.")
    try:
        inspections = [
            inspect_file(f.path, filename=f.filename, head=f.head, size=f.size) for f in form.files
        ]
        return [
            _keep(session, store, principal, incoming, inspection.media_type, inspection.page_count)
            for incoming, inspection in zip(form.files, inspections, strict=True)
        ]
    finally:
        form.discard()  # what was kept has been renamed away; the rest must not linger


def _keep(
    session: Session,
    store: FileStore,
    principal: Principal,
    incoming: IncomingFile,
    media_type: str,
    page_count: int | None,
) -> Stored:
    repository = DocumentRepository(session)
    existing = repository.get_by_sha256(principal.organisation_id, incoming.sha256)
    if existing is not None:
        return Stored(existing, duplicate=True)
    key = f"{principal.organisation_id}/{incoming.sha256[:2]}/{incoming.sha256}"
    document = Document(
        organisation_id=principal.organisation_id,
        filename=incoming.filename,
        sha256=incoming.sha256,
        size=incoming.size,
        media_type=media_type,
        page_count=page_count,
        status=DocumentStatus.pending,
        storage_key=key,
        uploaded_by_id=principal.user_id,
    )
    try:
        with session.begin_nested():
            repository.add(document)
    except IntegrityError:  # the same file, uploaded at the same moment by another request
        existing = repository.get_by_sha256(principal.organisation_id, incoming.sha256)
        assert existing is not None
        return Stored(existing, duplicate=True)
    store.keep(incoming, key)
    record(
        session,
        principal.organisation_id,
        principal.actor,
        "document.uploaded",
        "document",
        document.id,
        {"filename": document.filename, "sha256": document.sha256, "size": document.size},
    )
    enqueue(
        session, "documents.capture", organisation_id=principal.organisation_id, document_id=str(document.id)
    )
    return Stored(document, duplicate=False)


def list_documents(
    session: Session, principal: Principal, *, limit: int, offset: int
) -> tuple[list[Document], int]:
    return DocumentRepository(session).page(principal.organisation_id, limit=limit, offset=offset)


def get_document(session: Session, principal: Principal, document_id: uuid.UUID) -> Document:
    document = DocumentRepository(session).get(principal.organisation_id, document_id)
    if document is None:
        raise NotFound("No such document.")
    return document


def retry_capture(session: Session, principal: Principal, document_id: uuid.UUID) -> Document:
    document = get_document(session, principal, document_id)
    if document.status != DocumentStatus.failed:
        raise Conflict(f"Only a failed document can be captured again; this one is {document.status}.")
    document.status = DocumentStatus.pending
    document.error = None
    document.retryable = False
    record(
        session, principal.organisation_id, principal.actor, "document.retried", "document", document.id, {}
    )
    enqueue(
        session, "documents.capture", organisation_id=principal.organisation_id, document_id=str(document.id)
    )
    return document


def page_image(store: FileStore, document: Document, page_number: int) -> Path:
    return page_png(
        document_path(store, document),
        document.media_type,
        page_number,
        store.path(f"{document.storage_key}.page-{page_number}.png"),
    )


def document_path(store: FileStore, document: Document) -> Path:
    path = store.path(document.storage_key)
    if not path.is_file():
        raise NotFound("The document's file is missing from storage.")
    return path


def viewable_pdf(store: FileStore, document: Document) -> Path | None:
    """The document's PDF stripped of every script and automatic action, what a browser may show inline;
    None when the document is not a PDF or cannot be defused (then it is only ever a download)."""
    if document.media_type != PDF:
        return None
    return defused_copy(document_path(store, document), store.path(f"{document.storage_key}.viewable.pdf"))


def is_xml(document: Document) -> bool:
    """A structured invoice (UBL, CII): shown to a payer as a PDF rendered from its fields, never as XML."""
    return document.media_type == XML


def invoice_ids(session: Session, document_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """The invoice captured from each document, where there is one."""
    return DocumentRepository(session).invoice_ids(document_ids)


def document_for_invoice(session: Session, invoice: Invoice) -> Document:
    document = (
        DocumentRepository(session).get(invoice.organisation_id, invoice.document_id)
        if invoice.document_id
        else None
    )
    if document is None:
        raise NotFound("This invoice has no document.")
    return document
