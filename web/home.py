"""The home page (tableau de bord): what is owed and late, DSO next to the best possible DSO, collection
effectiveness, recovery rate, the aged balance, the cash expected in 30/60/90 days and what needs a person
today. Every figure comes from api.reports in a few aggregate queries."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.clock import paris_today
from api.deps import DbSession, get_runtime
from api.organisations import service as organisations
from api.reports import policy
from api.reports import service as reports
from web.common import T, Viewer, render


def add_home_routes(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse)
    def home(
        request: Request, t: T, db: DbSession, viewer: Viewer, on: Annotated[date | None, Query()] = None
    ) -> Response:
        """`on`: the figures of another day (history); today in Paris by default."""
        day = on or paris_today()
        prenotice = get_runtime(request).settings.sepa_prenotice_days
        figures = reports.home_figures(db, viewer, day, prenotice_days=prenotice)
        user = organisations.get_user(db, viewer)
        largest = max(figures.aging.values(), default=0)
        return render(
            request, t, "home.html", viewer=viewer, email=user.email if user else "", figures=figures,
            empty=not reports.has_invoices(db, viewer), attention=reports.attention_today(db, viewer, day),
            buckets=policy.AGING_BUCKETS, horizons=policy.FORECAST_HORIZONS, sources=policy.FORECAST_SOURCES,
            horizon_ends={h: day + timedelta(days=h) for h in policy.FORECAST_HORIZONS},
            bar_widths={b: _width(a, largest) for b, a in figures.aging.items()},
            overdue_share=_share(figures.overdue, figures.outstanding),
        )  # fmt: skip


def _width(amount: int, largest: int) -> int:
    """A bar's length in percent of the longest one; a bucket with anything in it stays visible."""
    if largest <= 0 or amount <= 0:
        return 0
    return max(round(amount * 100 / largest), 1)


def _share(part: int, whole: int) -> float:
    return 0.0 if whole <= 0 else part * 100 / whole
