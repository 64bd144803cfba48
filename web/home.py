"""The home page (tableau de bord): what is owed and late, DSO next to the best possible DSO, collection
effectiveness, recovery rate, the aged balance, the cash expected in 30/60/90 days and what needs a person
today. Every figure comes from api.reports in a few aggregate queries. The "À faire" list also holds the
jobs that failed for good (api/jobs/failures.py), each with a retry, and the invoices past the 5-year
limitation period (api/invoices/limitation.py); the invoice page shows both for its invoice
(`invoice_alerts`, templates/_failed_jobs.html). Until a new organisation has set everything up, the page
opens with its set-up checklist (api/setup, templates/_setup_checklist.html), which can be hidden and
brought back."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.clock import paris_today
from api.deps import DbSession, get_runtime
from api.invoices import limitation
from api.jobs import failures
from api.models import Invoice
from api.organisations import service as organisations
from api.reports import policy
from api.reports import service as reports
from api.setup import service as setup
from web.common import T, Viewer, posted, render

JOB_FLASHES = ("queued", "already")


def add_home_routes(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse)
    def home(
        request: Request, t: T, db: DbSession, viewer: Viewer, on: Annotated[date | None, Query()] = None
    ) -> Response:
        """`on`: the figures of another day (history); today in Paris by default."""
        day = on or paris_today()
        settings = get_runtime(request).settings
        prenotice = settings.sepa_prenotice_days
        figures = reports.home_figures_cached(db, viewer, day, prenotice_days=prenotice)
        user = organisations.get_user(db, viewer)
        largest = max(figures.aging.values(), default=0)
        return render(
            request, t, "home.html", viewer=viewer, email=user.email if user else "", figures=figures,
            empty=not reports.has_invoices(db, viewer), attention=reports.attention_today(db, viewer, day),
            buckets=policy.AGING_BUCKETS, horizons=policy.FORECAST_HORIZONS, sources=policy.FORECAST_SOURCES,
            horizon_ends={h: day + timedelta(days=h) for h in policy.FORECAST_HORIZONS},
            bar_widths={b: _width(a, largest) for b, a in figures.aging.items()},
            overdue_share=_share(figures.overdue, figures.outstanding),
            failed=failures.failed_jobs(db, viewer.organisation_id, limit=reports.ATTENTION_ITEMS),
            barred=limitation.time_barred(db, viewer.organisation_id, day, limit=reports.ATTENTION_ITEMS),
            job_flash=_job_flash(request), setup=setup.checklist(db, settings, viewer),
            **_elsewhere(figures),
        )  # fmt: skip

    @app.post("/setup-checklist/hide")
    async def hide_setup_checklist(request: Request, db: DbSession, viewer: Viewer) -> Response:
        await posted(request, viewer)
        setup.hide(db, viewer)
        return RedirectResponse("/", status_code=303)

    @app.post("/setup-checklist/resume")
    async def resume_setup_checklist(request: Request, db: DbSession, viewer: Viewer) -> Response:
        await posted(request, viewer)
        setup.resume(db, viewer)
        return RedirectResponse("/#setup-checklist", status_code=303)

    @app.post("/jobs/{job_id}/retry")
    async def retry_job(request: Request, job_id: uuid.UUID, db: DbSession, viewer: Viewer) -> Response:
        """Put a job that failed for good back in the queue; back to the page the button was on."""
        form = await posted(request, viewer)
        outcome = "queued" if failures.retry(db, viewer, job_id) else "already"
        invoice_id = _uuid_or_none(form.get("invoice", ""))
        if invoice_id is not None:
            return RedirectResponse(
                f"/invoices/{invoice_id}/review?job={outcome}#failed-jobs", status_code=303
            )
        return RedirectResponse(f"/?job={outcome}#attention-title", status_code=303)


def invoice_alerts(request: Request, db: DbSession, viewer: Viewer, invoice: Invoice) -> dict[str, Any]:
    """What the invoice page shows above all else: its jobs that failed for good, and whether it is
    time-barred (the first day it was), for templates/_failed_jobs.html."""
    return {
        "failed_jobs": failures.failed_jobs_of_invoice(db, viewer.organisation_id, invoice.id),
        "time_barred_since": limitation.barred_since(invoice, paris_today()),
        "job_flash": _job_flash(request),
    }


def _elsewhere(figures: reports.HomeFigures) -> dict[str, Any]:
    """Each aging bucket's and forecast horizon's amounts in the other currencies, shown after the main
    currency's, never added to it: (currency, amount) pairs."""
    others, horizons = figures.other_currencies, policy.FORECAST_HORIZONS
    return {
        "others_aging": {b: [(c.currency, c.aging[b]) for c in others] for b in policy.AGING_BUCKETS},
        "others_forecast": {h: [(c.currency, c.forecast[h]) for c in others] for h in horizons},
    }


def _job_flash(request: Request) -> str | None:
    flash = request.query_params.get("job")
    return flash if flash in JOB_FLASHES else None


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _width(amount: int, largest: int) -> int:
    """A bar's length in percent of the longest one; a bucket with anything in it stays visible."""
    if largest <= 0 or amount <= 0:
        return 0
    return max(round(amount * 100 / largest), 1)


def _share(part: int, whole: int) -> float:
    return 0.0 if whole <= 0 else part * 100 / whole
