"""What the dunning pages need between a form and the dunning services: times as HH:MM, blackout lines,
amounts in minor units, sequence rows, and a refused template in the reader's words. Plain values only."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import format_decimal, get_currency_precision

from api.dunning import policy
from api.dunning.configuration import TemplateRefused
from api.dunning.templates import InvalidTemplate, TemplateTooCostly
from api.models import DunningPolicy
from api.money import parse_amount
from web.i18n import Translator
from web.invoice_payments import parse_day

POLICY_CHECKBOXES = ("enabled", "group_overdue", "attach_invoice")
# The same bounds as api.dunning.configuration, checked here first to explain them in the reader's language.
DAY_LIMITS = {"promise_grace_days": (0, 60), "notice_deadline_days": (1, 60)}
OFFSET_LIMITS = (-60, 365)
STEP_FIELDS = ("key", "offset_days", "channel", "template", "tone", "show_penalties")
STEP_KEY = re.compile(r"[a-z0-9_]{1,40}")
BLANK_ROWS = 2  # empty rows under a sequence's steps: room to add steps without any script
MAX_ROWS = 40
HH_MM = re.compile(r"([0-9]{1,2}):([0-9]{2})")


def to_minor(raw: str, currency: str = "EUR") -> int | None:
    """ "1 234,56" → 123456 (api.money.parse_amount); None when it is not an amount of this currency."""
    try:
        return parse_amount(raw, currency)
    except ValueError:
        return None


def minutes(raw: str) -> int | None:
    """ "09:30" → 570; 24:00 is the end of the day."""
    found = HH_MM.fullmatch(raw.strip())
    if not found or int(found[2]) > 59:
        return None
    total = int(found[1]) * 60 + int(found[2])
    return total if total <= 24 * 60 else None


def hh_mm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


class BadLine(ValueError):
    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def blackouts(text: str) -> list[dict[str, str]]:
    """One period a line, "2026-08-01 2026-08-15" (or 01/08/2026), a lone date for one day."""
    periods = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split()
        if not words:
            continue
        days = [d for d in map(parse_day, words) if d is not None]
        if len(words) > 2 or len(days) != len(words) or days[-1] < days[0]:
            raise BadLine(number)
        periods.append({"start": days[0].isoformat(), "end": days[-1].isoformat()})
    return periods


def blackout_lines(periods: list[dict[str, str]]) -> str:
    return "\n".join(f"{p['start']} {p['end']}" for p in periods)


def policy_form(row: DunningPolicy, language: str) -> dict[str, str]:
    """The saved policy as the form shows it (strings, amounts and rates written the reader's way)."""
    values = {name: "on" if getattr(row, name) else "" for name in POLICY_CHECKBOXES}
    minimum = Decimal(row.minimum_amount).scaleb(-get_currency_precision("EUR"))
    rate = "" if row.contract_rate is None else str(Decimal(row.contract_rate).normalize())
    values |= {
        "minimum_amount": _decimal_text(minimum, language),
        "window_start": hh_mm(row.window_start_minute),
        "window_end": hh_mm(row.window_end_minute),
        "blackouts": blackout_lines(row.blackouts or []),
        "contract_rate": _decimal_text(Decimal(rate), language) if rate else "",
    }
    return values | {name: str(getattr(row, name)) for name in DAY_LIMITS}


def _decimal_text(value: Decimal, language: str) -> str:
    text = f"{value:f}"
    return text.replace(".", ",") if language == "fr" else text


def policy_changes(form: Mapping[str, str], t: Translator) -> tuple[dict[str, Any], dict[str, str]]:
    """The changes for configuration.update_policy, or the errors to show next to the fields."""
    changes: dict[str, Any] = {name: bool(form.get(name)) for name in POLICY_CHECKBOXES}
    errors: dict[str, str] = {}
    minimum = to_minor(form.get("minimum_amount", "") or "0")
    if minimum is None:
        errors["minimum_amount"] = t("dunning.bad_amount")
    start, end = minutes(form.get("window_start", "")), minutes(form.get("window_end", ""))
    for name, value in (("window_start", start), ("window_end", end)):
        if value is None:
            errors[name] = t("dunning.bad_time")
    if start is not None and end is not None and start >= end:
        errors["window_end"] = t("dunning.window_inverted")
    changes |= {"minimum_amount": minimum, "window_start_minute": start, "window_end_minute": end}
    try:
        changes["blackouts"] = blackouts(form.get("blackouts", ""))
    except BadLine as bad:
        errors["blackouts"] = t("dunning.bad_blackout", line=bad.number)
    _days_and_rate(form, t, changes, errors)
    return changes, errors


def _days_and_rate(
    form: Mapping[str, str], t: Translator, changes: dict[str, Any], errors: dict[str, str]
) -> None:
    for name, (low, high) in DAY_LIMITS.items():
        days = whole(form.get(name, ""))
        if days is None or not low <= days <= high:
            errors[name] = t("dunning.days_between", low=low, high=high)
        changes[name] = days
    try:
        rate = percentage(form.get("contract_rate", ""))
    except ValueError:
        errors["contract_rate"] = t("dunning.bad_rate")
    else:
        changes["contract_rate"] = None if rate is None else str(rate)


def whole(raw: str) -> int | None:
    """A whole number typed in ASCII digits ("²".isdigit() is true, and int() refuses it)."""
    text = raw.strip()
    return int(text) if re.fullmatch(r"-?[0-9]{1,6}", text) else None


def percentage(raw: str) -> Decimal | None:
    """ "12,5" or "12.5 %" → Decimal("12.5"); empty → None; ValueError unless above 0 and at most 100."""
    text = raw.strip().removesuffix("%").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(raw) from exc
    if not (value.is_finite() and Decimal(0) < value <= Decimal(100)):
        raise ValueError(raw)
    return value


# ------------------------------------------------------------------ sequences


@dataclass
class SequenceForm:
    """One segment's sequence as its table shows it: a row of strings per step, blank rows to add one."""

    segment: str
    name: str
    rows: list[dict[str, str]]
    own: bool  # saved for this segment; otherwise the rows show what it uses today
    errors: dict[str, str] = field(default_factory=dict)

    def steps(self) -> list[dict[str, Any]]:
        return [
            {**row, "offset_days": int(row["offset_days"]), "show_penalties": row["show_penalties"] == "on"}
            for row in self.rows
            if not _blank(row)
        ]


def step_rows(steps: tuple[policy.Step, ...]) -> list[dict[str, str]]:
    rows = [{name: str(value) for name, value in policy.step_dict(step).items()} for step in steps]
    for row in rows:
        row["show_penalties"] = "on" if row["show_penalties"] == "True" else ""
    return rows + [_empty_row() for _ in range(BLANK_ROWS)]


def _empty_row() -> dict[str, str]:
    return {"key": "", "offset_days": "", "channel": "email", "template": "friendly", "tone": "friendly",
            "show_penalties": ""}  # fmt: skip


def _blank(row: dict[str, str]) -> bool:
    return not row["key"] and not row["offset_days"]


def sequence_form(segment: str, form: Mapping[str, str], t: Translator) -> SequenceForm:
    """The table as typed: rows marked "remove" and blank rows are dropped; each bad cell is explained."""
    count = min(max(whole(form.get("rows", "")) or 0, 0), MAX_ROWS)
    rows: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    for index in range(count):
        row = {name: form.get(f"steps-{index}-{name}", "").strip() for name in STEP_FIELDS}
        if form.get(f"steps-{index}-remove") or _blank(row):
            continue
        errors |= _row_errors(len(rows), row, t)
        rows.append(row)
    if not rows:
        errors["form"] = t("dunning.sequence_empty")
    keys = [row["key"] for row in rows]
    if len(set(keys)) != len(keys):
        errors["form"] = t("dunning.sequence_duplicate")
    name = form.get("name", "").strip()[:200]
    return SequenceForm(segment, name, rows + [_empty_row() for _ in range(BLANK_ROWS)], True, errors)


def _row_errors(index: int, row: dict[str, str], t: Translator) -> dict[str, str]:
    errors = {}
    if not STEP_KEY.fullmatch(row["key"]):
        errors[f"{index}-key"] = t("dunning.bad_step_key")
    low, high = OFFSET_LIMITS
    offset = whole(row["offset_days"])
    if offset is None or not low <= offset <= high:
        errors[f"{index}-offset_days"] = t("dunning.days_between", low=low, high=high)
    return errors


# ------------------------------------------------------------------ templates


def template_error(exc: TemplateRefused, t: Translator) -> str:
    """ "body, line 3: unexpected '}'" → "Modèle refusé — texte, ligne 3 : la syntaxe du modèle est
    incorrecte (une balise {{ }} ou {% %} mal fermée ?)"."""
    cause = exc.__cause__
    if not isinstance(cause, InvalidTemplate):
        return t.error(exc)
    where = t(f"dunning.part.{cause.part}")
    if isinstance(cause, TemplateTooCostly):
        limit = format_decimal(cause.limit, locale=t.language)
        reason = t(f"limits.template.{cause.kind}", limit=limit)
        return t("dunning.template_refused", where=where, message=reason)
    if cause.line:
        where = t("dunning.part_line", part=where, line=cause.line)
    message = t(f"french_everywhere.template.{cause.code}", name=cause.name)  # Jinja's English stays out
    return t("dunning.template_refused", where=where, message=message)


def day_or_error(raw: str, t: Translator, *, today: date) -> tuple[date | None, str | None]:
    """An optional date from a form: (the day, None), (None, None) when empty, or (None, the reason)."""
    if not raw.strip():
        return None, None
    day = parse_day(raw)
    if day is None:
        return None, t("payments.bad_date")
    if day < today:
        return None, t("dunning.past_date")
    return day, None
