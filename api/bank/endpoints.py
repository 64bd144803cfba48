from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from api.bank import service
from api.bank.assign import MAX_INVOICES, assign
from api.deps import CurrentPrincipal, DbSession
from api.errors import PayloadTooLarge
from api.models import BankLine

router = APIRouter(prefix="/api/v1/bank", tags=["bank"])
MAX_STATEMENT_BYTES = 20 * 1024 * 1024


class BankLineOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    booking_date: date
    amount: int
    currency: str
    payer_name: str | None
    remittance: str | None
    status: str
    invoice_ids: list[str]
    candidates: list[str]
    reason: str | None


class ImportOut(BaseModel):
    statement_id: uuid.UUID
    format: str
    already_imported: bool
    new_lines: int
    known_lines: int
    rejected: list[dict[str, object]]
    matched: list[BankLineOut]
    proposed: list[BankLineOut]
    unmatched: list[BankLineOut]  # each list: the first 1000 lines in booking order; the counts count all
    matched_count: int
    proposed_count: int
    unmatched_count: int
    duplicate_count: int  # lines whose bank id came earlier in the file: reported in `rejected`, not stored
    changed_count: int  # lines imported before that the file now writes otherwise: reported, not stored
    totals: dict[str, dict[str, int]]  # per currency (never added across currencies): credits and debits


class AssignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    invoice_ids: list[uuid.UUID] = Field(min_length=1, max_length=MAX_INVOICES)
    overpayment: bool = False  # keep what is left once the invoices are paid on the last one


class ConfirmIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    invoice_id: uuid.UUID


def _out(lines: list[BankLine]) -> list[BankLineOut]:
    return [BankLineOut.model_validate(line) for line in lines]


STATEMENT_BODY = {  # read raw, so FastAPI cannot document it
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.post(
    "/statements",
    status_code=201,
    response_model=ImportOut,
    responses={
        200: {"model": ImportOut, "description": "This statement was imported before: nothing changed."},
        400: {},
        413: {},
        422: {},
    },
    openapi_extra=STATEMENT_BODY,
)
async def import_statement(
    request: Request,
    response: Response,
    db: DbSession,
    principal: CurrentPrincipal,
    filename: str | None = None,
    csv: Annotated[list[str] | None, Query(description="CSV mapping, e.g. date=Date, credit=Crédit")] = None,
) -> ImportOut:
    """The statement file as the request body (CAMT.053, OFX, or CSV with `csv` mapping parameters)."""
    data = await request.body()
    if len(data) > MAX_STATEMENT_BYTES:
        raise PayloadTooLarge("A statement is at most 20 MiB.")
    result = await run_in_threadpool(service.import_statement, db, principal, data, filename=filename,
                                     mapping=service.mapping_from(csv))  # fmt: skip
    if result.already_imported:
        response.status_code = 200
    statement = result.statement
    return ImportOut(
        statement_id=statement.id, format=statement.format, already_imported=result.already_imported,
        new_lines=result.new_lines, known_lines=result.known_lines, rejected=list(statement.rejected),
        matched=_out(result.matched), proposed=_out(result.proposed), unmatched=_out(result.unmatched),
        matched_count=result.matched_count, proposed_count=result.proposed_count,
        unmatched_count=result.unmatched_count, duplicate_count=result.duplicate_count,
        changed_count=result.changed_count,
        totals={currency: {"credits": c, "debits": d} for currency, (c, d) in result.totals.items()},
    )  # fmt: skip


@router.get("/lines", response_model=list[BankLineOut])
def list_lines(
    db: DbSession,
    principal: CurrentPrincipal,
    status: Annotated[str | None, Query(pattern="^(matched|proposed|unmatched|debit|dismissed)$")] = None,
) -> list[BankLineOut]:
    return _out(service.lines(db, principal, status=status))


@router.post("/lines/{line_id}/confirm", response_model=BankLineOut, responses={400: {}, 404: {}, 409: {}})
def confirm_line(
    line_id: uuid.UUID, body: ConfirmIn, db: DbSession, principal: CurrentPrincipal
) -> BankLineOut:
    """Apply a proposed (or unmatched) credit to the invoice a person chose."""
    return BankLineOut.model_validate(service.confirm(db, principal, line_id, body.invoice_id))


@router.post("/lines/{line_id}/assign", response_model=BankLineOut, responses={400: {}, 404: {}, 409: {}})
def assign_line(
    line_id: uuid.UUID, body: AssignIn, db: DbSession, principal: CurrentPrincipal
) -> BankLineOut:
    """Apply a credit by hand to one or several invoices, in the order given: each invoice's balance in turn.
    A remainder once they are all paid is refused (400, `bank.assign_remainder`) unless `overpayment` is
    true, when the last invoice carries it."""
    line = assign(db, principal, line_id, body.invoice_ids, overpayment=body.overpayment)
    return BankLineOut.model_validate(line)


@router.post("/lines/{line_id}/dismiss", response_model=BankLineOut, responses={404: {}, 409: {}})
def dismiss_line(line_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal) -> BankLineOut:
    return BankLineOut.model_validate(service.dismiss(db, principal, line_id))
