"""JSON API of the receivables figures (the home page will show the same)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.clock import paris_today
from api.deps import CurrentPrincipal, DbSession
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
    forecast: dict[int, int]


@router.get("/home", response_model=HomeOut)
def home(db: DbSession, principal: CurrentPrincipal, on: Annotated[date | None, Query()] = None) -> HomeOut:
    """Amounts in minor units; days with one decimal; CEI and recovery in percent (null: no basis yet)."""
    return HomeOut(**vars(service.home_figures(db, principal, on or paris_today())))
