"""Pure rules for the settings of an organisation: its legal identity, its users' emails and passwords, its
API keys' names. Plain values in; cleaned values or the problems per field out.

A problem is a code (and, for "too_long" and "too_short", the limit), never a sentence: the web pages say
it in the reader's language next to the field, the API in English."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from email_validator import EmailNotValidError, validate_email
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fr import siren as siren_number
from stdnum.fr import tva

from api.errors import BadRequest
from api.organisations.passwords import MAX_PASSWORD_LENGTH as MAX_PASSWORD_LENGTH
from api.organisations.passwords import MIN_PASSWORD_LENGTH as MIN_PASSWORD_LENGTH
from api.organisations.passwords import password_problem
from api.phones import valid_phone

# Field → the most characters it may hold (the columns of api/models/organisation.py, address a bit less).
IDENTITY_FIELDS: dict[str, int] = {
    "legal_name": 200,
    "legal_form": 60,
    "siren": 20,  # as typed, spaces included; stored as 9 digits
    "vat_id": 20,
    "share_capital": 40,
    "rcs_city": 100,
    "address": 500,
    "contact_email": 320,
    "phone": 40,
}
IDENTITY_REQUIRED = ("legal_name", "siren")
ADDRESS_MAX_LINES = 6
EMAIL_MAX = 320
API_KEY_NAME_MAX = 100

# Common French legal forms, offered as suggestions (any other text up to 60 characters is accepted).
LEGAL_FORMS = ("SAS", "SASU", "SARL", "EURL", "SA", "SNC", "SCI", "SELARL", "EI", "Association loi 1901")

_CITY = re.compile(r"^[^\W\d_][^\d<>{}]*$")
_CAPITAL_SUFFIX = re.compile(r"\s*(€|eur|euros?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    code: (
        str  # required, too_long, too_short, too_many_lines, format, checksum, vat_mismatch, duplicate, self
    )
    limit: int | None = None

    def english(self) -> str:
        return {
            "required": "is required",
            "too_long": f"must have at most {self.limit} characters",
            "too_short": f"must have at least {self.limit} characters",
            "too_many_lines": f"must have at most {self.limit} lines",
            "format": "is not in the expected format",
            "checksum": "has a wrong check digit",
            "vat_mismatch": "does not belong to the SIREN given",
            "duplicate": "is already used",
            "self": "cannot be changed on your own account",
            "weak": "is too easy to guess (a common password, a word, a sequence or a date)",
            "personal": "must not contain your email address or the organisation's name",
            "mismatch": "does not match the new password",
            "wrong": "is not your current password",
        }.get(self.code, self.code)


class InvalidFields(BadRequest):
    """Some fields were refused; `problems` says which and why."""

    def __init__(self, problems: Mapping[str, Problem]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{name} {problem.english()}" for name, problem in self.problems.items()))


ORGANISATION_NAME_MAX = 200


def check_organisation_name(name: str) -> Problem | None:
    if not name:
        return Problem("required")
    if len(name) > ORGANISATION_NAME_MAX:
        return Problem("too_long", ORGANISATION_NAME_MAX)
    return None


def check_identity(raw: Mapping[str, str]) -> tuple[dict[str, str | None], dict[str, Problem]]:
    """The identity to store (empty optional fields as None) and the problems, per field."""
    values: dict[str, str | None] = {}
    problems: dict[str, Problem] = {}
    for name, limit in IDENTITY_FIELDS.items():
        text = _clean(raw.get(name, ""), multiline=name == "address")
        if len(text) > limit:
            problems[name] = Problem("too_long", limit)
        elif not text:
            if name in IDENTITY_REQUIRED:
                problems[name] = Problem("required")
            values[name] = None
        else:
            checked = _CHECKS.get(name, _as_is)(text)
            if isinstance(checked, Problem):
                problems[name] = checked
            else:
                values[name] = checked
    siren, vat_id = values.get("siren"), values.get("vat_id")
    if siren and vat_id and "vat_id" not in problems and _siren_of_vat(vat_id) not in (None, siren):
        problems["vat_id"] = Problem("vat_mismatch")
    return values, problems


def _clean(text: str, *, multiline: bool) -> str:
    if multiline:
        lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
        return "\n".join(line for line in lines if line)
    return " ".join(text.split())


def _as_is(text: str) -> str | Problem:
    return text


def _siren(text: str) -> str | Problem:
    try:
        return str(siren_number.validate(text))
    except InvalidChecksum:
        return Problem("checksum")
    except ValidationError:
        return Problem("format")


def _vat(text: str) -> str | Problem:
    compact = "".join(text.split()).upper()
    if not compact.startswith("FR"):
        return Problem("format")
    try:
        return "FR" + str(tva.validate(compact))
    except InvalidChecksum:
        return Problem("checksum")
    except ValidationError:
        return Problem("format")


def _siren_of_vat(vat_id: str) -> str | None:
    """The SIREN a French VAT number is built on; None for the few not built on one (letters in the key)."""
    digits = vat_id[2:]
    return digits[-9:] if digits.isdigit() else None


def _capital(text: str) -> str | Problem:
    """An amount in euros: "10 000", "10000,50 €", "1 500 EUR" → "10000", "10000.50", "1500"."""
    number = _CAPITAL_SUFFIX.sub("", text).replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not re.fullmatch(r"\d+([.,]\d{1,2})?", number):
        return Problem("format")
    try:
        amount = Decimal(number.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern above only lets numbers through
        return Problem("format")
    if amount <= 0:
        return Problem("format")
    return f"{amount:f}"


def _city(text: str) -> str | Problem:
    return text if _CITY.match(text) else Problem("format")


def _email(text: str) -> str | Problem:
    try:
        return str(validate_email(text, check_deliverability=False).normalized)
    except EmailNotValidError:
        return Problem("format")


def _phone(text: str) -> str | Problem:
    return text if valid_phone(text) else Problem("format")


def _address(text: str) -> str | Problem:
    return (
        text if len(text.split("\n")) <= ADDRESS_MAX_LINES else Problem("too_many_lines", ADDRESS_MAX_LINES)
    )


_CHECKS = {
    "siren": _siren,
    "vat_id": _vat,
    "share_capital": _capital,
    "rcs_city": _city,
    "contact_email": _email,
    "phone": _phone,
    "address": _address,
}


def check_new_user(
    email: str, password: str, *, organisation_name: str = ""
) -> tuple[str, dict[str, Problem]]:
    """The normalised email and the problems with the email or the password (duplicates: the service)."""
    problems: dict[str, Problem] = {}
    email = email.strip()
    if not email:
        problems["email"] = Problem("required")
    elif len(email) > EMAIL_MAX:
        problems["email"] = Problem("too_long", EMAIL_MAX)
    else:
        checked = _email(email)
        if isinstance(checked, Problem):
            problems["email"] = checked
        else:
            email = checked
    if problem := check_password(password, email=email, organisation_name=organisation_name):
        problems["password"] = problem
    return email, problems


def check_password(password: str, *, email: str, organisation_name: str) -> Problem | None:
    """A new password's problem, if any: too short or long, built on the email or the organisation's name,
    or too easy to guess (api/organisations/passwords.py)."""
    found = password_problem(password, email=email, organisation_name=organisation_name)
    return None if found is None else Problem(*found)


def check_api_key_name(name: str) -> tuple[str, dict[str, Problem]]:
    name = " ".join(name.split())
    if not name:
        return name, {"name": Problem("required")}
    if len(name) > API_KEY_NAME_MAX:
        return name, {"name": Problem("too_long", API_KEY_NAME_MAX)}
    return name, {}


# ---------------------------------------------------------------- login throttling


@dataclass(frozen=True)
class ThrottleRule:
    """`free` failures are allowed; from then on each failure locks for 2^(failures - free) seconds, at most
    `cap`. Failures are forgotten after `quiet` without one (counted from the end of the lock)."""

    free: int
    quiet: timedelta = timedelta(minutes=15)
    cap: timedelta = timedelta(minutes=15)


ACCOUNT_RULE = ThrottleRule(free=5)  # one email address, known or not
ADDRESS_RULE = ThrottleRule(free=20)  # one client address, which an office may share


@dataclass(frozen=True)
class ThrottleState:
    failures: int = 0
    last_failure_at: datetime | None = None
    locked_until: datetime | None = None


def retry_after(state: ThrottleState, now: datetime) -> int:
    """Seconds to wait before the next attempt is even looked at; 0 when it may be made now."""
    if state.locked_until is None or state.locked_until <= now:
        return 0
    return max(1, math.ceil((state.locked_until - now).total_seconds()))


def after_failure(rule: ThrottleRule, state: ThrottleState, now: datetime) -> ThrottleState:
    """The state once a failed attempt (made while not locked) is counted."""
    failures = state.failures
    if state.last_failure_at is not None:
        quiet_since = max(state.last_failure_at, state.locked_until or state.last_failure_at)
        if now - quiet_since >= rule.quiet:
            failures = 0
    failures += 1
    locked_until = None
    if failures >= rule.free:
        delay = min(timedelta(seconds=2 ** min(failures - rule.free, 20)), rule.cap)
        locked_until = now + delay
    return ThrottleState(failures=failures, last_failure_at=now, locked_until=locked_until)
