from __future__ import annotations

import uuid

from fastapi import APIRouter
from sqlalchemy.orm import Session

from api.deps import CurrentPrincipal, DbSession
from api.invoices.service import get_invoice
from api.models import Invoice
from api.transactions import service
from api.transactions.schemas import (
    InvoicePayments,
    ManualPaymentIn,
    PaymentAnomalyOut,
    PaymentEntryOut,
    ReversalIn,
)

router = APIRouter(prefix="/api/v1/invoices", tags=["payments"])


def payments_view(db: Session, invoice: Invoice) -> InvoicePayments:
    return InvoicePayments(
        invoice_id=invoice.id,
        collection_status=invoice.collection_status,
        amount_paid=invoice.amount_paid,
        amount_processing=invoice.amount_processing,
        amount_refunded=invoice.amount_refunded,
        balance_due=invoice.balance_due,
        amount_overpaid=max(-(invoice.balance_due or 0), 0),
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
    """Record a payment no provider reports (cheque, cash, a transfer): the amount, date and method. An amount
    above what remains due is refused (409 overpayment_requires_confirmation, nothing recorded) unless
    `confirm_overpayment` is true; then the excess is recorded as an overpayment."""
    invoice = service.mark_paid(db, principal, invoice_id, amount=body.amount, paid_on=body.date,
                                method=body.method, note=body.note,
                                confirm_overpayment=body.confirm_overpayment)  # fmt: skip
    return payments_view(db, invoice)


@router.post(
    "/{invoice_id}/payments/{entry_id}/reverse",
    status_code=201,
    response_model=InvoicePayments,
    responses={400: {}, 404: {}, 409: {}},
)
def reverse_payment(
    invoice_id: uuid.UUID, entry_id: uuid.UUID, body: ReversalIn, db: DbSession, principal: CurrentPrincipal
) -> InvoicePayments:
    """Reverse a manual payment recorded by mistake, with a reason: a new ledger entry (manual_reversal)
    cancels it, the original stays; a payment is reversed once (409 after). Provider payments: 409."""
    invoice = service.reverse_payment(db, principal, invoice_id, entry_id, reason=body.reason)
    return payments_view(db, invoice)
