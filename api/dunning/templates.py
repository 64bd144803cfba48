"""Reminder templates: Jinja2 in a sandbox (a user's template cannot reach Python), strict about unknown
variables, checked when saved. The HTML part is derived from the rendered text, so one template makes both."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError

from api.dunning import sandbox
from api.dunning.default_templates import BUILT_IN

LANGUAGES = ("fr", "en")
KEYS = tuple(BUILT_IN["fr"])
VARIABLES = (
    "organisation", "client_name", "invoice_number", "issue_date", "due_date", "amount_due", "total",
    "days_late", "pay_url", "penalties", "penalty_rate", "indemnity", "consumer", "other_invoices",
    "total_overdue", "deadline", "previous_reminders",
)  # fmt: skip
_ENV = sandbox.BoundedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
_URL = re.compile(r"https?://[^\s<>\"]+")
_UNDEFINED = re.compile(r"'([^']+)' is undefined")


class InvalidTemplate(ValueError):
    """`message` is English (the API's detail); `code` names the problem for the pages: empty, syntax,
    undefined (with the variable's `name`) or error."""

    def __init__(
        self, part: str, line: int | None, message: str, code: str = "error", name: str = ""
    ) -> None:
        where = f"{part}, line {line}" if line else part
        super().__init__(f"{where}: {message}")
        self.part, self.line = part, line
        self.code, self.name = code, name


class TemplateTooCostly(InvalidTemplate):
    """A limit of `sandbox` was reached: `kind` (output, value, work, time, depth), the `limit` it names."""

    def __init__(self, part: str, exc: sandbox.TemplateLimit) -> None:
        super().__init__(part, None, str(exc))
        self.kind, self.limit = exc.kind, exc.limit


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def built_in(key: str, language: str) -> tuple[str, str]:
    return BUILT_IN["en" if language == "en" else "fr"][key]


def render(subject: str, body: str, context: dict[str, Any]) -> Rendered:
    """Subject and body share one budget (`sandbox`: output size, value sizes, work and time)."""
    budget = sandbox.Budget()
    rendered_subject = " ".join(_render("subject", subject, context, budget).split())
    text = _tidy(_render("body", body, context, budget))
    return Rendered(subject=rendered_subject, text=text, html=to_html(text))


def check(subject: str, body: str) -> Rendered:
    """Refuse a template that does not parse or uses an unknown variable, naming the line."""
    if not subject.strip() or not body.strip():
        raise InvalidTemplate(
            "subject" if not subject.strip() else "body", None, "must not be empty", "empty"
        )
    return render(subject, body, sample_context())


def _render(part: str, source: str, context: dict[str, Any], budget: sandbox.Budget) -> str:
    try:
        template = _ENV.from_string(source)
    except TemplateSyntaxError as exc:
        raise InvalidTemplate(part, exc.lineno, exc.message or "syntax error", "syntax") from exc
    except RecursionError as exc:
        raise TemplateTooCostly(part, sandbox.TemplateLimit("depth", 0)) from exc
    try:
        return sandbox.guarded(budget, lambda: sandbox.stream(template.generate(context), budget))
    except sandbox.TemplateLimit as exc:
        raise TemplateTooCostly(part, exc) from exc
    except UndefinedError as exc:
        name = _UNDEFINED.search(str(exc))
        raise InvalidTemplate(part, _error_line(exc), str(exc), "undefined", name[1] if name else "") from exc
    except TemplateError as exc:
        raise InvalidTemplate(part, _error_line(exc), str(exc)) from exc


def _error_line(exc: Exception) -> int | None:
    """Jinja's runtime errors carry the template line only in their traceback."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _tidy(text: str) -> str:
    """Optional blocks leave runs of blank lines: keep at most one."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def to_html(text: str) -> str:
    paragraphs = []
    for block in text.strip().split("\n\n"):
        lines = [_linked(html.escape(line)) for line in block.split("\n")]
        paragraphs.append("<p>" + "<br>\n".join(lines) + "</p>")
    body = "\n".join(paragraphs)
    style = "font-family: sans-serif; line-height: 1.5"
    return f'<!doctype html>\n<html><body style="{style}">\n{body}\n</body></html>\n'


def _linked(escaped_line: str) -> str:
    return _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped_line)


def sample_context(language: str = "fr") -> dict[str, Any]:
    """Plausible values for every variable: used to check a template and to preview it."""
    english = language == "en"
    return {
        "organisation": "Atelier Dupont SARL",
        "client_name": "Boulangerie Martin",
        "invoice_number": "F-2026-0042",
        "issue_date": "1 October 2026" if english else "01/10/2026",
        "due_date": "31 October 2026" if english else "31/10/2026",
        "amount_due": "€1,200.00" if english else "1 200,00 €",
        "total": "€1,200.00" if english else "1 200,00 €",
        "days_late": 15,
        "pay_url": "https://encaisse.example/pay/exemple",
        "penalties": "€5.99" if english else "5,99 €",
        "penalty_rate": "12.15 %" if english else "12,15 %",
        "indemnity": "€40.00" if english else "40,00 €",
        "consumer": False,
        "other_invoices": [
            {
                "number": "F-2026-0031",
                "due_date": "30 September 2026" if english else "30/09/2026",
                "amount_due": "€300.00" if english else "300,00 €",
                "days_late": 46,
                "pay_url": "https://encaisse.example/pay/autre",
            }
        ],
        "total_overdue": "€1,500.00" if english else "1 500,00 €",
        "deadline": "30 November 2026" if english else "30/11/2026",
        "previous_reminders": 1,
    }
