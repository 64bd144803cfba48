from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from api.deps import CurrentPrincipal, DbSession, Store, get_runtime
from api.documents import service
from api.documents.failures import failure_code
from api.documents.multipart import receive_form
from api.documents.schemas import DocumentOut, DocumentPage, UploadedDocument, UploadResult
from api.models import Document
from api.pagination import Offset
from api.security_headers import stored_file

router = APIRouter(prefix="/api/v1/documents", tags=["documents"])


def document_out(document: Document, invoice_id: uuid.UUID | None = None) -> DocumentOut:
    columns = {name: getattr(document, name) for name in DocumentOut.model_fields if hasattr(document, name)}
    code = failure_code(document.error)[0] if document.error else None
    return DocumentOut.model_validate(
        {**columns, "file_url": f"/api/v1/documents/{document.id}/file", "invoice_id": invoice_id,
         "error_code": code}
    )  # fmt: skip


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "array", "items": {"type": "string", "format": "binary"}}
                    },
                    "required": ["file"],
                }
            }
        },
    }
}


@router.post(
    "",
    status_code=201,
    response_model=UploadResult,
    summary="Upload one or more invoice files (multipart field 'file', repeatable)",
    responses={
        200: {"model": UploadResult, "description": "Every file was uploaded before: those documents."},
        400: {},
        401: {},
        413: {},
        415: {},
        422: {},
    },
    openapi_extra=UPLOAD_BODY,  # read as a stream, so FastAPI cannot document it
)
async def upload_documents(
    request: Request, response: Response, db: DbSession, store: Store, principal: CurrentPrincipal
) -> UploadResult:
    limit = get_runtime(request).settings.max_upload_bytes
    form = await receive_form(
        request.headers.get("content-type"), request.stream(), store, file_field="file", limit=limit
    )
    stored = await run_in_threadpool(service.accept_uploads, db, store, principal, form)
    if all(item.duplicate for item in stored):
        response.status_code = 200
    return UploadResult(
        documents=[
            UploadedDocument(**document_out(item.document).model_dump(), duplicate=item.duplicate)
            for item in stored
        ]
    )


@router.get("", response_model=DocumentPage)
def list_documents(
    db: DbSession,
    principal: CurrentPrincipal,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> DocumentPage:
    rows, total = service.list_documents(db, principal, limit=limit, offset=offset)
    invoices = service.invoice_ids(db, [row.id for row in rows])
    items = [document_out(row, invoices.get(row.id)) for row in rows]
    return DocumentPage(items=items, total=total, limit=limit, offset=offset)


@router.get("/{document_id}", response_model=DocumentOut)
def get_document(document_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal) -> DocumentOut:
    document = service.get_document(db, principal, document_id)
    return document_out(document, service.invoice_ids(db, [document.id]).get(document.id))


@router.post("/{document_id}/retry", response_model=DocumentOut, responses={404: {}, 409: {}})
def retry_capture(document_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal) -> DocumentOut:
    """Capture a failed document again (after a timeout, or once the OCR engine is fixed)."""
    return document_out(service.retry_capture(db, principal, document_id))


@router.get("/{document_id}/pages/{page_number}.png", response_class=FileResponse, responses={404: {}})
def get_page_image(
    document_id: uuid.UUID,
    page_number: Annotated[int, Path(ge=1)],
    db: DbSession,
    store: Store,
    principal: CurrentPrincipal,
) -> FileResponse:
    document = service.get_document(db, principal, document_id)
    path = service.page_image(store, document, page_number)
    return stored_file(path, "image/png", f"page-{page_number}.png")


@router.get("/{document_id}/file", response_class=FileResponse)
def get_document_file(
    document_id: uuid.UUID, db: DbSession, store: Store, principal: CurrentPrincipal
) -> FileResponse:
    """The bytes as uploaded. Only a PNG or JPEG image is shown inline (sandboxed); a PDF (it may carry
    JavaScript), an XML invoice or a TIFF is a download, never rendered on our origin."""
    document = service.get_document(db, principal, document_id)
    path = service.document_path(store, document)
    inline = document.media_type.startswith("image/")
    return stored_file(path, document.media_type, document.filename, inline=inline)
