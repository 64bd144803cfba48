"""Prélèvement automatique on the pay page: sign a reusable mandate, come back, revoke it. Revoking is
confirmed from the mandate's email address: anyone holding one of the client's pay links can open the page."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Form, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import DbSession, get_runtime
from api.mail import service as mail
from api.mandates import service as mandates
from api.notifications.service import send_email
from api.payment_links.service import pay_page
from web.common import T, render
from web.i18n import Translator

REVOKE_PAGE = "pay_mandate_revoke.html"
# A link that is not this client's, spent or expired: the page says which, with its status.
_LINK_STATES: tuple[tuple[type[Exception], str, int], ...] = (
    (mandates.RevocationLinkInvalid, "invalid", 404),
    (mandates.RevocationLinkUsed, "used", 410),
    (mandates.RevocationLinkExpired, "expired", 410),
)


def start_mandate(request: Request, token: str, db: DbSession, email: str) -> Response:
    settings = get_runtime(request).settings
    url = mandates.start(
        db,
        token,
        email=email.strip() or None,
        secret_key=settings.secret_key,
        base_url=settings.base_url,
        timeout=settings.provider_timeout_seconds,
    )
    return RedirectResponse(url, status_code=303)


def _confirmation_email(asked: mandates.RevocationRequested, url: str) -> tuple[str, str]:
    """Subject and text, in the client's language, from the catalogues."""
    t = Translator(asked.language)
    values = {"seller": asked.organisation_name, "rum": asked.scheme_reference or "—", "url": url,
              "hours": asked.expires_at_hours}  # fmt: skip
    return t("mandate_revoke.email_subject", **values), t("mandate_revoke.email_text", **values)


def _page(
    request: Request, t: T, db: DbSession, token: str, state: str, status: int = 200, **more: object
) -> Response:
    page = pay_page(db, token)
    response = render(request, t, REVOKE_PAGE, status_code=status, page=page, state=state, **more)
    response.headers["Referrer-Policy"] = "no-referrer"  # the confirmation link must not leak onwards
    response.headers["Cache-Control"] = "no-store"
    return response


def add_mandate_routes(app: FastAPI) -> None:
    @app.get("/pay/{token}/mandate/return")
    def returned(request: Request, token: str, db: DbSession) -> Response:
        # Coming back proves nothing: the provider is asked where the mandate stands.
        settings = get_runtime(request).settings
        mandates.refresh_after_return(
            db, token, secret_key=settings.secret_key, timeout=settings.provider_timeout_seconds
        )
        return RedirectResponse(f"/pay/{token}#mandate", status_code=303)

    @app.post("/pay/{token}/mandate/revoke")
    def revoke(
        request: Request, token: str, t: T, db: DbSession, confirm: Annotated[str, Form()] = ""
    ) -> Response:
        """Nothing is revoked here: a confirmation link goes to the mandate's email address."""
        settings = get_runtime(request).settings
        asked = mandates.request_revocation(db, token, confirmed=confirm == "yes")
        url = f"{settings.base_url}/pay/{token}/mandate/revoke/{asked.token}"
        subject, text = _confirmation_email(asked, url)
        transport = mail.transport_for(db, settings, asked.organisation_id)
        send_email(settings, asked.email, subject, text, reply_to=asked.reply_to, transport=transport)
        # Written to the local outbox folder only: the payer must not be told a link is on its way.
        owner = asked.organisation_id
        state = "outbox" if owner is not None and mail.goes_to_outbox(db, settings, owner) else "sent"
        return _page(request, t, db, token, state, masked_email=asked.masked_email)

    @app.get("/pay/{token}/mandate/revoke/{code}")
    def confirmation_page(request: Request, token: str, code: str, t: T, db: DbSession) -> Response:
        """Opening the link shows what will happen and a button: a mail scanner that follows links revokes
        nothing."""
        try:
            mandate = mandates.revocation_to_confirm(db, token, code)
        except tuple(error for error, _, _ in _LINK_STATES) as exc:
            return _link_problem(request, t, db, token, exc)
        return _page(request, t, db, token, "confirm", code=code, mandate=mandate)

    @app.post("/pay/{token}/mandate/revoke/{code}")
    def confirm_revocation(
        request: Request, token: str, code: str, t: T, db: DbSession, confirm: Annotated[str, Form()] = ""
    ) -> Response:
        """The secret code in the address is what a forged cross-site form cannot know (the CSRF guard)."""
        if confirm != "yes":
            return _page(request, t, db, token, "confirm", status=400, code=code, error=True)
        settings = get_runtime(request).settings
        try:
            mandates.confirm_revocation(
                db, token, code, secret_key=settings.secret_key, timeout=settings.provider_timeout_seconds
            )
        except tuple(error for error, _, _ in _LINK_STATES) as exc:
            return _link_problem(request, t, db, token, exc)
        return _page(request, t, db, token, "done")


def _link_problem(request: Request, t: T, db: DbSession, token: str, exc: Exception) -> Response:
    db.rollback()
    state, status = next((s, code) for error, s, code in _LINK_STATES if isinstance(exc, error))
    return _page(request, t, db, token, state, status=status)
