"""The capture job: a preview of the first page, then the invoice read from the document."""

from __future__ import annotations

import uuid

import ocr
from api.documents.preview import PreviewError, render_preview
from api.documents.repository import DocumentRepository
from api.documents.storage import FileStore
from api.invoices import service as invoices
from api.layouts import service as layouts
from api.logging import get_logger
from api.models import Document, DocumentStatus
from api.worker import TaskContext, task

log = get_logger(__name__)


class CaptureInterrupted(Exception):
    """Text recognition timed out or crashed: worth another attempt."""


def _give_up(context: TaskContext, error: str, *, document_id: str) -> None:
    document = DocumentRepository(context.session).get_unscoped(uuid.UUID(document_id))
    if document is not None and document.status == DocumentStatus.pending:
        _fail(document, error, retryable=True)


@task("documents.capture", max_attempts=3, on_final_failure=_give_up)
def capture_document(context: TaskContext, *, document_id: str) -> None:
    document = DocumentRepository(context.session).get_unscoped(uuid.UUID(document_id))
    if document is None or document.status != DocumentStatus.pending:
        return  # already done by an earlier run, or deleted: running twice does no harm
    store = FileStore(context.settings.files_dir)
    source = store.path(document.storage_key)
    try:
        render_preview(source, document.media_type, store.path(document.storage_key + ".preview.png"))
    except PreviewError as exc:
        _fail(document, str(exc), retryable=False)
        return
    # The organisation's own learned layouts, never another's: read with them first.
    memories = layouts.memories_for_capture(context.session, document.organisation_id)
    try:
        extracted = ocr.extract(
            source.read_bytes(),
            filename=document.filename,
            options=context.settings.ocr_options(),
            memories=[memory for _, memory in memories],
        )
    except (ocr.OcrTimeout, ocr.OcrFailed) as exc:
        raise CaptureInterrupted(exc.message) from exc
    except ocr.CaptureError as exc:
        _fail(document, exc.message, retryable=False)
        return
    invoices.record_capture(
        context.session,
        document,
        extracted.to_dict(),
        threshold=context.settings.capture_confidence_threshold,
    )
    layouts.after_capture(context.session, document, extracted, memories)
    document.page_count = document.page_count or extracted.pages or None
    document.status = DocumentStatus.ready
    document.error = None
    document.retryable = False


def _fail(document: Document, error: str, *, retryable: bool) -> None:
    document.status = DocumentStatus.failed
    document.error = error
    document.retryable = retryable
    log.warning("document.capture_failed", document_id=str(document.id), error=error, retryable=retryable)
