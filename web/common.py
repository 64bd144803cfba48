"""What every page shares: templates, the translator, the logged-in viewer, rendering."""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from babel.numbers import format_decimal, get_currency_precision
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from api.clock import PARIS
from api.deps import SESSION_COOKIE, DbSession
from api.errors import Unauthorized
from api.money import format_money
from api.organisations import service as organisations
from api.organisations.service import Principal
from web.capture_warnings import capture_failure, capture_failures, capture_warning, capture_warning_code
from web.i18n import LANGUAGE_COOKIE, LANGUAGES, Translator, choose_language
from web.reminder_errors import actor_name, reminder_error

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["local_datetime"] = lambda value: value.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def money(minor: int | None, currency: str, language: str) -> str:
    """Minor units as the reader expects them: 1 234,56 € in French, €1,234.56 in English."""
    if minor is None:
        return "—"
    return format_money(minor, currency, language)


templates.env.filters["money"] = money
templates.env.filters["kilobytes"] = lambda size, language: format_decimal(
    round(size / 1024, 1), locale="fr_FR" if language == "fr" else "en_GB"
)
templates.env.filters["iban_groups"] = lambda iban: " ".join(
    iban.replace(" ", "")[i : i + 4] for i in range(0, len(iban.replace(" ", "")), 4)
)
templates.env.filters["local_date"] = lambda value: value.strftime("%d/%m/%Y") if value else "—"
templates.env.filters["paris_date"] = lambda value: value.astimezone(PARIS).strftime("%d/%m/%Y")
# Dates kept as ISO text in JSON details (a hold's end date in the timeline).
templates.env.filters["iso_date"] = lambda value: (
    date.fromisoformat(value).strftime("%d/%m/%Y") if value else "—"
)
templates.env.filters["decimal"] = lambda value, language: format_decimal(
    round(value, 1), locale="fr_FR" if language == "fr" else "en_GB"
)


def amount_input(minor: int | None, currency: str, language: str) -> str:
    """Minor units as a form value the reader can edit: 1234,56 in French, 1234.56 in English."""
    if minor is None or minor <= 0:
        return ""
    text = str(Decimal(minor).scaleb(-get_currency_precision(currency)))
    return text.replace(".", ",") if language == "fr" else text


templates.env.filters["amount_input"] = amount_input
templates.env.globals["reminder_error"] = reminder_error
templates.env.globals["actor_name"] = actor_name
templates.env.globals["capture_warning"] = capture_warning
templates.env.globals["capture_warning_code"] = capture_warning_code
templates.env.globals["capture_failure"] = capture_failure
templates.env.globals["capture_failures"] = capture_failures


class LoginRequired(Exception):
    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


def translator(request: Request) -> Translator:
    return Translator(choose_language(request.cookies.get(LANGUAGE_COOKIE)))


T = Annotated[Translator, Depends(translator)]


def page_principal(request: Request, db: DbSession) -> Principal:
    token = request.cookies.get(SESSION_COOKIE)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if not token:
        raise LoginRequired(here)
    try:
        return organisations.authenticate_session(db, token)
    except Unauthorized as exc:
        raise LoginRequired(here) from exc


Viewer = Annotated[Principal, Depends(page_principal)]


async def posted(request: Request, viewer: Principal) -> dict[str, str]:
    """A form's text fields, once its CSRF token has been checked."""
    form = await request.form()
    organisations.check_csrf(viewer, str(form.get("csrf_token", "")))
    return {name: value for name, value in form.items() if isinstance(value, str)}


def render(
    request: Request, t: Translator, name: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        name,
        {"t": t, "lang": t.language, "languages": LANGUAGES, **context},
        status_code=status_code,
    )


def with_form_csrf(response: Response, cookie: str, token: str) -> Response:
    """The double-submit CSRF token of a form shown before any session exists (login, forgot password): the
    same random value in a strict cookie and in the form."""
    response.set_cookie(cookie, token, httponly=True, samesite="strict")
    return response


def form_csrf_ok(request: Request, cookie: str, submitted: str) -> bool:
    expected = request.cookies.get(cookie, "")
    return bool(expected) and secrets.compare_digest(expected, submitted)
