"""Settings → organisation: the legal identity printed on formal notices and under reminder emails, with a
preview of that footer; the bank details and the discount / penalty terms are summarised with a link to
the page that edits them. `/settings` itself opens this page."""

from __future__ import annotations

from decimal import Decimal

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import DbSession
from api.dunning import configuration, messages
from api.organisations import policy
from api.organisations import service as organisations
from api.organisations.policy import InvalidFields, Problem
from api.providers import service as providers
from web.common import T, Viewer, posted, render


def problem_text(t: T, field: str, problem: Problem) -> str:
    """The field's own wording of the problem when there is one, the general one otherwise."""
    values = {"limit": problem.limit} if problem.limit is not None else {}
    specific = f"settings.problem.{problem.code}.{field}"
    text = t(specific, **values)
    return text if text != specific else t(f"settings.problem.{problem.code}", **values)


def field_errors(t: T, exc: InvalidFields) -> dict[str, str]:
    return {field: problem_text(t, field, problem) for field, problem in exc.problems.items()}


def add_settings_identity_routes(app: FastAPI) -> None:
    @app.get("/settings")
    def settings_home() -> Response:
        return RedirectResponse("/settings/organisation", status_code=303)

    @app.get("/settings/organisation", response_class=HTMLResponse)
    def organisation_page(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        return _page(request, t, db, viewer)

    @app.post("/settings/organisation", response_class=HTMLResponse)
    async def save_organisation(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        form = await posted(request, viewer)
        typed = {name: form.get(name, "") for name in policy.IDENTITY_FIELDS}
        try:
            organisations.update_identity(db, viewer, typed)
        except InvalidFields as exc:
            db.rollback()
            return _page(request, t, db, viewer, status_code=400, values=typed, errors=field_errors(t, exc))
        return RedirectResponse("/settings/organisation?saved=1", status_code=303)

    @app.post("/settings/organisation/name", response_class=HTMLResponse)
    async def rename(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        form = await posted(request, viewer)
        typed = form.get("name", "")
        try:
            organisations.rename_organisation(db, viewer, typed)
        except InvalidFields as exc:
            db.rollback()
            return _page(request, t, db, viewer, status_code=400, name=typed,
                         name_error=problem_text(t, "name", exc.problems["name"]))  # fmt: skip
        return RedirectResponse("/settings/organisation?renamed=1", status_code=303)


def _page(
    request: Request,
    t: T,
    db: DbSession,
    viewer: Viewer,
    *,
    status_code: int = 200,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    name: str | None = None,
    name_error: str | None = None,
) -> Response:
    """The form as saved, or (refused) as typed with each problem next to its field."""
    organisation = organisations.get_organisation(db, viewer)
    identity = organisations.identity_of(organisation)
    stored = {name: getattr(organisation, name) or "" for name in policy.IDENTITY_FIELDS}
    if organisation.share_capital:
        stored["share_capital"] = _amount_text(Decimal(organisation.share_capital), t.language)
    payment = providers.payment_settings(db, viewer.organisation_id)
    rate = configuration.get_policy(db, viewer).contract_rate
    return render(
        request, t, "settings_organisation.html", status_code=status_code, viewer=viewer,
        values=values if values is not None else stored, errors=errors or {},
        limits=policy.IDENTITY_FIELDS, legal_forms=policy.LEGAL_FORMS,
        footer=messages.identity_footer(identity, t.language), payment=payment,
        discount_percent=_amount_text(Decimal(payment.discount_basis_points) / 100, t.language),
        contract_rate=_amount_text(Decimal(str(rate)), t.language) if rate is not None else None,
        saved=request.query_params.get("saved") == "1",
        renamed=request.query_params.get("renamed") == "1",
        workspace_name=organisation.name if name is None else name, name_error=name_error,
        name_limit=policy.ORGANISATION_NAME_MAX,
    )  # fmt: skip


def _amount_text(amount: Decimal, language: str) -> str:
    text = f"{amount.normalize():f}"
    return text.replace(".", ",") if language == "fr" else text
