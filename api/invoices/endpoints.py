from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from api.deps import CurrentPrincipal, DbSession, get_runtime
from api.errors import BadRequest
from api.invoices import policy, service
from api.invoices.schemas import CorrectionOut, InvoiceDetail, InvoiceOut, InvoicePage, InvoicePatch
from api.models import Invoice, InvoiceStatus
from api.pagination import Offset
from api.security_headers import download_headers

router = APIRouter(prefix="/api/v1/invoices", tags=["invoices"])


def invoice_out(
    invoice: Invoice, *, threshold: float, pages: int | None, pay_url: str | None
) -> dict[str, Any]:
    columns = {name: getattr(invoice, name) for name in InvoiceOut.model_fields if hasattr(invoice, name)}
    document = invoice.document_id
    return {
        **columns,
        "lines": invoice.extraction.get("lines", []),
        "vat_breakdown": invoice.extraction.get("vat_breakdown", []),
        "layout": invoice.extraction.get("layout"),
        "review_reasons": service.review_reasons(invoice, threshold=threshold),
        "pay_url": pay_url,
        "page_images": [f"/api/v1/documents/{document}/pages/{n}.png" for n in range(1, (pages or 0) + 1)]
        if document
        else [],
    }


def _threshold(request: Request) -> float:
    return get_runtime(request).settings.capture_confidence_threshold


@router.get("", response_model=InvoicePage)
def list_invoices(
    request: Request,
    db: DbSession,
    principal: CurrentPrincipal,
    status: InvoiceStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> InvoicePage:
    rows, total = service.list_invoices(db, principal, status=status, limit=limit, offset=offset)
    pages = service.page_counts(db, rows)
    urls = _absolute(request, service.pay_urls(db, rows))
    items = [
        InvoiceOut.model_validate(
            invoice_out(row, threshold=_threshold(request), pages=pages.get(row.id), pay_url=urls.get(row.id))
        )
        for row in rows
    ]
    return InvoicePage(items=items, total=total, limit=limit, offset=offset)


@router.get(
    "/export.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}, 400: {}},
)
def export_invoices(request: Request, db: DbSession, principal: CurrentPrincipal) -> StreamingResponse:
    """Every invoice matching the filters (query parameters of the invoice list page: status, client,
    aging, amount_min, amount_max, q, sort, order) as CSV: semicolon-separated UTF-8 with a BOM, one
    header line of column names, amounts as decimal text with a point, dates ISO."""
    typed = {name: request.query_params.get(name, "") for name in policy.FILTER_PARAMS}
    filters, errors = policy.parse_filters(typed)
    if errors:
        raise BadRequest(policy.filter_error_text(errors))
    # Read now: the request's session ends before the body is sent.
    rows = list(service.export_rows(db, principal, filters))
    return StreamingResponse(
        service.csv_chunks([list(service.EXPORT_COLUMNS), *rows]),
        media_type="text/csv; charset=utf-8",
        headers=download_headers("invoices.csv"),
    )


def _detail(request: Request, db: DbSession, principal: CurrentPrincipal, invoice: Invoice) -> InvoiceDetail:
    pages = service.page_counts(db, [invoice]).get(invoice.id)
    corrections = [CorrectionOut.model_validate(c) for c in service.corrections(db, principal, invoice.id)]
    pay_url = _absolute(request, service.pay_urls(db, [invoice])).get(invoice.id)
    out = invoice_out(invoice, threshold=_threshold(request), pages=pages, pay_url=pay_url)
    return InvoiceDetail.model_validate({**out, "corrections": corrections})


def _absolute(request: Request, paths: dict[uuid.UUID, str]) -> dict[uuid.UUID, str]:
    base = get_runtime(request).settings.base_url
    return {key: base + path for key, path in paths.items()}


@router.get("/{invoice_id}", response_model=InvoiceDetail, responses={404: {}})
def get_invoice(
    request: Request, invoice_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal
) -> InvoiceDetail:
    return _detail(request, db, principal, service.get_invoice(db, principal, invoice_id))


@router.patch("/{invoice_id}", response_model=InvoiceDetail, responses={404: {}, 422: {}})
def correct_invoice(
    request: Request, invoice_id: uuid.UUID, patch: InvoicePatch, db: DbSession, principal: CurrentPrincipal
) -> InvoiceDetail:
    """Correct fields; what capture read and who changed what are kept in `corrections`."""
    invoice = service.correct_fields(db, principal, invoice_id, patch.fields)
    return _detail(request, db, principal, invoice)


@router.post("/{invoice_id}/approve", response_model=InvoiceDetail, responses={404: {}, 409: {}})
def approve_invoice(
    request: Request, invoice_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal
) -> InvoiceDetail:
    return _detail(request, db, principal, service.approve(db, principal, invoice_id))


@router.post("/{invoice_id}/cancel", response_model=InvoiceDetail, responses={404: {}, 409: {}})
def cancel_invoice(
    request: Request, invoice_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal
) -> InvoiceDetail:
    return _detail(request, db, principal, service.cancel(db, principal, invoice_id))


@router.post("/{invoice_id}/pay-link/revoke", response_model=InvoiceDetail, responses={404: {}, 409: {}})
def revoke_pay_link(
    request: Request, invoice_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal
) -> InvoiceDetail:
    """Retire the current pay link (the old URL answers 404) and issue a new one."""
    return _detail(request, db, principal, service.revoke_pay_link(db, principal, invoice_id))
