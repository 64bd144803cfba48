"""JSON API of the receivables figures (the home page shows the same)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from api.clock import paris_today
from api.deps import CurrentPrincipal, DbSession, get_runtime
from api.reports import service

router = APIRouter(prefix="/api/v1/reports", tags=["reports"])


class HomeOut(BaseModel):
    on: date
    outstanding: int
    overdue: int
    dso: Decimal | None
    best_possible_dso: Decimal | None
    days_delinquent: Decimal | None
    collection_effectiveness: Decimal | None
    recovery_rate: Decimal | None
    aging: dict[str, int]
    aging_counts: dict[str, int]
    forecast: dict[int, int]
    forecast_sources: dict[str, dict[int, int]]
    dso_from: date
    cei_from: date
    recovery_from: date


class AttentionItemOut(BaseModel):
    invoice_id: uuid.UUID
    number: str | None
    party: str | None
    amount: int | None
    currency: str
    on: date | None
    kind: str | None
    reference_id: uuid.UUID | None


class AttentionOut(BaseModel):
    kind: str
    count: int
    items: list[AttentionItemOut]


@router.get("/home", response_model=HomeOut)
def home(
    request: Request, db: DbSession, principal: CurrentPrincipal, on: Annotated[date | None, Query()] = None
) -> HomeOut:
    """Amounts in minor units; days with one decimal; CEI and recovery in percent (null: no basis yet).
    The forecast is cumulative (30, 60, 90 days), in all and per source."""
    prenotice = get_runtime(request).settings.sepa_prenotice_days
    figures = service.home_figures(db, principal, on or paris_today(), prenotice_days=prenotice)
    return HomeOut(**vars(figures))


@router.get("/attention", response_model=list[AttentionOut])
def attention(
    db: DbSession, principal: CurrentPrincipal, on: Annotated[date | None, Query()] = None
) -> list[AttentionOut]:
    """What needs a person today: reviews, dunning tasks, open disputes, recent failed payments."""
    groups = service.attention_today(db, principal, on or paris_today())
    return [
        AttentionOut(kind=g.kind, count=g.count, items=[AttentionItemOut(**vars(i)) for i in g.items])
        for g in groups
    ]
