"""JSON API of the receivables figures (the home page shows the same)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.clock import paris_today
from api.deps import CurrentPrincipal, DbSession, get_runtime
from api.reports import service

router = APIRouter(prefix="/api/v1/reports", tags=["reports"])


@router.get("/home", response_model=service.HomeFigures)  # the service's dataclass: no copy of its fields
def home(
    request: Request, db: DbSession, principal: CurrentPrincipal, on: Annotated[date | None, Query()] = None
) -> service.HomeFigures:
    """Amounts in minor units; days with one decimal; CEI and recovery in percent (null: no basis yet).
    The forecast is cumulative (30, 60, 90 days), in all and per source."""
    prenotice = get_runtime(request).settings.sepa_prenotice_days
    return service.home_figures(db, principal, on or paris_today(), prenotice_days=prenotice)


@router.get("/attention", response_model=list[service.AttentionGroup])
def attention(
    db: DbSession, principal: CurrentPrincipal, on: Annotated[date | None, Query()] = None
) -> list[service.AttentionGroup]:
    """What needs a person today: reviews, dunning tasks, open disputes, recent failed payments."""
    return service.attention_today(db, principal, on or paris_today())
