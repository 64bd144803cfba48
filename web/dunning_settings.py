"""Settings → reminders: the policy (sending window, blackouts, minimum amount…), one sequence per client
segment, and the message templates with a preview. A refused template comes back as typed, with the line
of its error; previews are rendered here, so the page works without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass, replace

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from api.deps import DbSession
from api.dunning import configuration, policy, templates
from api.dunning.configuration import TemplateRefused
from api.errors import BadRequest
from web import dunning_view as view
from web.common import T, Viewer, posted, render

SEGMENTS = (policy.DEFAULT_SEGMENT, *policy.SEGMENTS)
SAVED = ("policy", "sequence", "template", "reset")
SUBJECT_MAX, BODY_MAX = 300, 20000


@dataclass(frozen=True)
class TemplateForm:
    key: str
    language: str
    subject: str
    body: str
    customised: bool
    error: str | None = None
    preview: templates.Rendered | None = None


def add_dunning_settings_routes(app: FastAPI) -> None:
    @app.get("/settings/dunning", response_class=HTMLResponse)
    def dunning_page(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        return _page(request, t, db, viewer)

    @app.post("/settings/dunning", response_class=HTMLResponse)
    async def save_policy(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        form = await posted(request, viewer)
        changes, errors = view.policy_changes(form, t)
        if not errors:
            try:
                configuration.update_policy(db, viewer, changes)
            except BadRequest as exc:  # what the checks above do not cover
                errors["form"] = t.error(exc)
        if errors:
            db.rollback()
            return _page(request, t, db, viewer, status_code=400, policy_values=form, policy_errors=errors)
        return RedirectResponse("/settings/dunning?saved=policy#policy", status_code=303)

    @app.post("/settings/dunning/sequences/{segment}", response_class=HTMLResponse)
    async def save_sequence(request: Request, segment: str, t: T, db: DbSession, viewer: Viewer) -> Response:
        form = await posted(request, viewer)
        if segment not in SEGMENTS:
            raise HTTPException(status_code=404)
        typed = view.sequence_form(segment, form, t)
        if not typed.errors:
            try:
                configuration.save_sequence(db, viewer, segment, name=typed.name, steps=typed.steps())
            except BadRequest as exc:
                typed.errors["form"] = t.error(exc)
        if typed.errors:
            db.rollback()
            return _page(request, t, db, viewer, status_code=400, sequence=typed)
        return RedirectResponse(f"/settings/dunning?saved=sequence#sequence-{segment}", status_code=303)

    _add_template_route(app)


def _add_template_route(app: FastAPI) -> None:
    @app.post("/settings/dunning/templates/{key}/{language}", response_class=HTMLResponse)
    async def save_template(request: Request, key: str, language: str, t: T, db: DbSession,
                            viewer: Viewer) -> Response:  # fmt: skip
        form = await posted(request, viewer)
        if key not in templates.KEYS or language not in templates.LANGUAGES:
            raise HTTPException(status_code=404)
        anchor = f"#template-{key}-{language}"
        if form.get("action") == "reset":
            configuration.reset_template(db, viewer, key, language)
            return RedirectResponse(f"/settings/dunning?saved=reset{anchor}", status_code=303)
        # Browsers send a textarea's lines with CRLF: keep the template's own newlines.
        subject, body = form.get("subject", "").strip(), form.get("body", "").replace("\r\n", "\n")
        typed = TemplateForm(key, language, subject, body, customised=False)
        checked = _checked(typed, t, save=form.get("action") != "preview", db=db, viewer=viewer)
        if checked is None:
            return RedirectResponse(f"/settings/dunning?saved=template{anchor}", status_code=303)
        if checked.error:
            db.rollback()
        return _page(request, t, db, viewer, status_code=400 if checked.error else 200, template=checked)


def _checked(typed: TemplateForm, t: T, *, save: bool, db: DbSession, viewer: Viewer) -> TemplateForm | None:
    """Saved: None. Otherwise the form again, with its preview or the reason it was refused."""
    if len(typed.subject) > SUBJECT_MAX or len(typed.body) > BODY_MAX:
        return replace(typed, error=t("dunning.template_too_long", subject=SUBJECT_MAX, body=BODY_MAX))
    try:
        if not save:
            return replace(typed, preview=configuration.preview(typed.subject, typed.body, typed.language))
        configuration.save_template(
            db, viewer, typed.key, typed.language, subject=typed.subject, body=typed.body
        )
    except TemplateRefused as exc:
        return replace(typed, error=view.template_error(exc, t))
    return None


def _page(
    request: Request,
    t: T,
    db: DbSession,
    viewer: Viewer,
    *,
    status_code: int = 200,
    policy_values: dict[str, str] | None = None,
    policy_errors: dict[str, str] | None = None,
    sequence: view.SequenceForm | None = None,
    template: TemplateForm | None = None,
) -> Response:
    """The page; a form that failed (or a template being previewed) is shown as it was typed."""
    saved = request.query_params.get("saved")
    return render(
        request, t, "settings_dunning.html", status_code=status_code, viewer=viewer,
        policy=policy_values or view.policy_form(configuration.get_policy(db, viewer), t.language),
        policy_errors=policy_errors or {}, sequences=_sequences(db, viewer, sequence),
        templates=_templates(db, viewer, template), variables=templates.VARIABLES, channels=policy.CHANNELS,
        tones=policy.TONES, template_keys=templates.KEYS, saved=saved if saved in SAVED else None,
    )  # fmt: skip


def _sequences(db: DbSession, viewer: Viewer, typed: view.SequenceForm | None) -> list[view.SequenceForm]:
    """Every segment's table; a segment without its own sequence shows the default one it uses today."""
    saved = {s.segment: s for s in configuration.sequences(db, viewer)}
    default = saved[policy.DEFAULT_SEGMENT]
    forms = []
    for segment in SEGMENTS:
        own = saved.get(segment)
        shown = own or default
        is_own = own is not None and not own.built_in
        forms.append(
            view.SequenceForm(segment, shown.name if is_own else "", view.step_rows(shown.steps), is_own)
        )
    return [typed if typed and typed.segment == f.segment else f for f in forms]


def _templates(db: DbSession, viewer: Viewer, typed: TemplateForm | None) -> list[TemplateForm]:
    forms = [TemplateForm(v.key, v.language, v.subject, v.body, v.customised)
             for v in configuration.template_views(db, viewer)]  # fmt: skip
    if typed is None:
        return forms
    mine = (typed.key, typed.language)
    return [replace(typed, customised=f.customised) if (f.key, f.language) == mine else f for f in forms]
