"""Settings → E-mails: the SMTP server the organisation's emails leave through (host, port, security,
login, sender, reply-to; the password is never shown back, an empty field keeps it), where its emails go
now (its server, the platform's, or only the local outbox folder: said plainly), and a test message to the
logged-in user whose outcome is told in the reader's language."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import DbSession, get_runtime
from api.mail import service as mail
from api.mail.transport import SECURITIES
from api.notifications.service import EmailNotSent
from api.organisations import service as organisations
from api.organisations.policy import InvalidFields
from web.common import T, Viewer, posted, render
from web.settings_identity import field_errors

EMAIL = "/settings/email"
# What a test can end with: where it went, or why it did not leave (the mail service's coded reasons).
TEST_OUTCOMES = ("organisation", "server", "outbox")


def add_settings_email_routes(app: FastAPI) -> None:
    @app.get(EMAIL, response_class=HTMLResponse)
    def email_page(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        return _page(request, t, db, viewer)

    @app.post(EMAIL, response_class=HTMLResponse)
    async def save(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        form = await posted(request, viewer)
        try:
            mail.save(db, get_runtime(request).settings, viewer, form)
        except InvalidFields as exc:
            db.rollback()
            typed = {name: form.get(name, "") for name in mail.FIELDS if name != "password"}
            return _page(request, t, db, viewer, status_code=400, typed=typed, errors=field_errors(t, exc))
        return RedirectResponse(EMAIL + "?saved=1", status_code=303)

    @app.post(EMAIL + "/test")
    async def send_test(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        await posted(request, viewer)
        user = organisations.get_user(db, viewer)
        assert user is not None  # a page's viewer is a logged-in user
        settings = get_runtime(request).settings
        try:
            transport = mail.send_test(db, settings, viewer, to=user.email, subject=t("mail.test.subject"),
                                       text=t("mail.test.text"))  # fmt: skip
        except EmailNotSent as exc:  # the attempt is audited: the answer is committed like a success
            return RedirectResponse(f"{EMAIL}?test_failed={exc.reason or 'mail_server_error'}#test",
                                    status_code=303)  # fmt: skip
        where = "organisation" if transport.tenant else ("outbox" if transport.host is None else "server")
        return RedirectResponse(f"{EMAIL}?tested={where}#test", status_code=303)

    @app.post(EMAIL + "/remove")
    async def remove(request: Request, db: DbSession, viewer: Viewer) -> Response:
        await posted(request, viewer)
        mail.remove(db, viewer)
        return RedirectResponse(EMAIL + "?removed=1", status_code=303)


def _page(
    request: Request,
    t: T,
    db: DbSession,
    viewer: Viewer,
    *,
    status_code: int = 200,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    settings = get_runtime(request).settings
    saved = mail.form(db, viewer.organisation_id)
    user = organisations.get_user(db, viewer)
    query = request.query_params
    tested = query.get("tested") if query.get("tested") in TEST_OUTCOMES else None
    failed = query.get("test_failed", "")
    failed = (failed if t.get(f"reason.{failed}") else "mail_server_error") if failed else ""
    return render(
        request, t, "settings_email.html", status_code=status_code, viewer=viewer,
        values=typed if typed is not None else saved.values, stored=saved, errors=errors or {},
        limits=mail.LIMITS, securities=SECURITIES, allowed=mail.tenant_smtp_allowed(settings),
        mode=mail.mode(db, settings, viewer.organisation_id),
        host=mail.transport_for(db, settings, viewer.organisation_id).host,
        user_email=user.email if user else "", tested=tested,
        # Only a reason the catalogue says: a made-up query string shows the generic sentence. The server's
        # answer comes from the audited attempt, not from the address.
        test_failed=failed or None,
        test_answer=mail.last_test_answer(db, viewer.organisation_id, failed) if failed else None,
        saved=query.get("saved") == "1", removed=query.get("removed") == "1",
    )  # fmt: skip
