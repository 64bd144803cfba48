"""The inspection job: a preview image of the first page, then the document is ready."""

from __future__ import annotations

import uuid

from api.documents.preview import PreviewError, render_preview
from api.documents.repository import DocumentRepository
from api.documents.storage import FileStore
from api.logging import get_logger
from api.models import DocumentStatus
from api.worker import TaskContext, task

log = get_logger(__name__)


@task("documents.inspect")
def inspect_document(context: TaskContext, *, document_id: str) -> None:
    document = DocumentRepository(context.session).get_unscoped(uuid.UUID(document_id))
    if document is None or document.status != DocumentStatus.pending:
        return  # already done by an earlier run, or deleted: running twice does no harm
    store = FileStore(context.settings.files_dir)
    source = store.path(document.storage_key)
    try:
        render_preview(source, document.media_type, store.path(document.storage_key + ".preview.png"))
    except PreviewError as exc:
        document.status = DocumentStatus.failed
        document.error = str(exc)
        log.warning("document.inspect_failed", document_id=document_id, error=str(exc))
        return
    document.status = DocumentStatus.ready
