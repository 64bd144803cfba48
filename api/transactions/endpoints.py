from __future__ import annotations

import uuid

from fastapi import APIRouter
from sqlalchemy.orm import Session

from api.deps import CurrentPrincipal, DbSession
from api.invoices.service import get_invoice
from api.models import Invoice
from api.transactions import service
from api.transactions.schemas import InvoicePayments, ManualPaymentIn, PaymentAnomalyOut, PaymentEntryOut

router = APIRouter(prefix="/api/v1/invoices", tags=["payments"])


def payments_view(db: Session, invoice: Invoice) -> InvoicePayments:
    return InvoicePayments(
        invoice_id=invoice.id,
        collection_status=invoice.collection_status,
        amount_paid=invoice.amount_paid,
        amount_processing=invoice.amount_processing,
        amount_refunded=invoice.amount_refunded,
        balance_due=invoice.balance_due,
        disputed=invoice.disputed,
        owed_now=service.owed_now(invoice),
        entries=[PaymentEntryOut.model_validate(e) for e in service.entries(db, invoice.id)],
        anomalies=[PaymentAnomalyOut.model_validate(a) for a in service.anomalies(db, invoice.id)],
    )


@router.get("/{invoice_id}/payments", response_model=InvoicePayments, responses={404: {}})
def get_payments(invoice_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal) -> InvoicePayments:
    """The invoice's payment ledger (append-only) and the balance recomputed from it."""
    return payments_view(db, get_invoice(db, principal, invoice_id))


@router.post(
    "/{invoice_id}/payments",
    status_code=201,
    response_model=InvoicePayments,
    responses={400: {}, 404: {}, 409: {}},
)
def mark_paid(
    invoice_id: uuid.UUID, body: ManualPaymentIn, db: DbSession, principal: CurrentPrincipal
) -> InvoicePayments:
    """Record a payment no provider reports (cheque, cash, a transfer): the amount, date and method."""
    invoice = service.mark_paid(db, principal, invoice_id, amount=body.amount, paid_on=body.date,
                                method=body.method, note=body.note)  # fmt: skip
    return payments_view(db, invoice)
