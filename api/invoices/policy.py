"""Pure rules about invoice fields: what a valid value is, money in minor units, when review is needed."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import list_currencies
from email_validator import EmailNotValidError, validate_email
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from stdnum.eu import vat
from stdnum.fr import siren, siret

from api.clients.policy import name_key
from api.money import MAX_MINOR_UNITS, parse_amount
from api.reports.policy import AGING_BUCKETS as AGING_BUCKETS  # the home chart's buckets, re-exported
from api.transactions.policy import OWED
from ocr import FIELD_NAMES

REQUIRED_FIELDS = ("invoice_number", "issue_date", "total_incl_tax", "buyer_name")
AMOUNT_FIELDS = ("total_excl_tax", "total_tax", "total_incl_tax", "amount_due")
DATE_FIELDS = ("issue_date", "due_date")
EDITABLE_FIELDS = FIELD_NAMES  # every field capture reads can be corrected
MAX_TEXT = 1000
MAX_AMOUNT = Decimal(MAX_MINOR_UNITS).scaleb(-2)
AMOUNT_TOO_LARGE = f"expected an amount of at most {MAX_AMOUNT:f}"


class InvalidField(ValueError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def normalise_value(field: str, raw: str) -> str:
    """The canonical form of a value a person typed, or InvalidField saying why it cannot be right."""
    value = raw.strip()
    if not value:
        raise InvalidField(field, "empty; send null to clear a field")
    if len(value) > MAX_TEXT:
        raise InvalidField(field, f"longer than {MAX_TEXT} characters")
    checker = _CHECKERS.get(field)
    return checker(field, value) if checker else value


def _date(field: str, value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise InvalidField(field, "expected a date as YYYY-MM-DD") from exc


def _amount(field: str, value: str) -> str:
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise InvalidField(field, "expected a decimal amount such as 1234.56") from exc
    if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise InvalidField(field, "expected a decimal amount with at most 2 decimals")
    if abs(amount) > MAX_AMOUNT:  # 1e400 is finite, and 10**23 would overflow the BIGINT column
        raise InvalidField(field, AMOUNT_TOO_LARGE)
    return str(amount.quantize(Decimal("0.01")))


def _currency(field: str, value: str) -> str:
    code = value.upper()
    if code not in list_currencies():
        raise InvalidField(field, "expected an ISO 4217 currency code such as EUR")
    return code


def _document_type(field: str, value: str) -> str:
    if value not in ("invoice", "credit_note"):
        raise InvalidField(field, "expected invoice or credit_note")
    return value


def _email(field: str, value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidField(field, str(exc)) from exc


def _iban(field: str, value: str) -> str:
    try:
        return str(IBAN(value).compact)
    except SchwiftyException as exc:
        raise InvalidField(field, "not a valid IBAN (checksum or format)") from exc


def _bic(field: str, value: str) -> str:
    try:
        return str(BIC(value).compact)
    except SchwiftyException as exc:
        raise InvalidField(field, "not a valid BIC") from exc


def _identifier(module: Any, label: str) -> Any:
    def check(field: str, value: str) -> str:
        if not module.is_valid(value):
            raise InvalidField(field, f"not a valid {label}")
        return str(module.compact(value))

    return check


_CHECKERS = {
    **dict.fromkeys(DATE_FIELDS, _date),
    **dict.fromkeys(AMOUNT_FIELDS, _amount),
    "currency": _currency,
    "document_type": _document_type,
    "seller_email": _email,
    "buyer_email": _email,
    "seller_iban": _iban,
    "seller_bic": _bic,
    **dict.fromkeys(("seller_vat_id", "buyer_vat_id"), _identifier(vat, "VAT number")),
    **dict.fromkeys(("seller_siren", "buyer_siren"), _identifier(siren, "SIREN")),
    **dict.fromkeys(("seller_siret", "buyer_siret"), _identifier(siret, "SIRET")),
}


class Reason(str):
    """A reason in English for the API, with its kind and field so the UI can say it in its own language."""

    kind: str
    field: str | None

    def __new__(cls, kind: str, field: str | None, text: str) -> Reason:
        reason = super().__new__(cls, text)
        reason.kind = kind
        reason.field = field
        return reason


def missing(field: str) -> Reason:
    return Reason("missing", field, f"{field} is missing")


def review_reasons(fields: Mapping[str, Mapping[str, Any]], *, threshold: float) -> list[Reason]:
    """Why a person must look at this invoice before it is collected; empty when it can go ahead."""
    reasons = []
    for name in REQUIRED_FIELDS:
        found = fields.get(name)
        if not found or found.get("value") in (None, ""):
            reasons.append(missing(name))
        elif float(found.get("confidence", 0)) < threshold:
            reasons.append(Reason("low_confidence", name, f"{name} was read with low confidence"))
    return reasons


def duplicate(of: object) -> Reason:
    return Reason("duplicate", None, f"probable duplicate of invoice {of}")


def seller_key(fields: Mapping[str, Mapping[str, Any]]) -> str | None:
    """Who issued the invoice, for duplicate detection: an identifier when there is one, else the name."""
    for name in ("seller_siren", "seller_vat_id"):
        if value := (fields.get(name) or {}).get("value"):
            return f"{name}:{value}"
    seller = (fields.get("seller_name") or {}).get("value")
    return f"name:{name_key(str(seller))}" if seller else None


# ------------------------------------------------------------------ the list: filters, sorting, statuses

# The statuses a person filters by: where the invoice stands as they see it (review, then money).
VIEW_STATUSES = (
    "to_review", "open", "overdue", "processing", "partially_paid", "paid", "cancelled", "disputed",
)  # fmt: skip
# Days past the due date of an invoice still owed (Europe/Paris today).
AGING_DAYS: dict[str, tuple[int | None, int | None]] = {  # days past due, both ends included
    "not_due": (None, 0), "1_30": (1, 30), "31_60": (31, 60), "61_90": (61, 90), "over_90": (91, None),
}  # fmt: skip
SORTS = ("due_date", "issue_date", "amount", "client", "number", "days_overdue")
SEARCH_MAX = 100


@dataclass(frozen=True)
class ListFilters:
    """What a person asked the list for; every part optional. `sort` None: newest captured first."""

    status: str | None = None
    client_id: uuid.UUID | None = None
    aging: str | None = None
    amount_min: int | None = None  # minor units, on the total including tax
    amount_max: int | None = None
    search: str | None = None
    sort: str | None = None
    descending: bool = False


# Why a filter cannot be used, by its query parameter: a code (the UI says it in its language) and English.
FILTER_ERRORS = {
    "bad_status": "not one of " + ", ".join(VIEW_STATUSES),
    "bad_client": "not a client id",
    "bad_aging": "not one of " + ", ".join(AGING_BUCKETS),
    "bad_amount": "not an amount (e.g. 1 234,56 or 1234.56)",
    "amount_range": "the minimum is above the maximum",
    "too_long": f"longer than {SEARCH_MAX} characters",
    "bad_sort": "not one of " + ", ".join(SORTS),
}
# Addresses written before the statuses above: the review status alone.
STATUS_ALIASES = {"needs_review": "to_review"}
FILTER_PARAMS = ("status", "client", "aging", "amount_min", "amount_max", "q", "sort", "order")


def parse_filters(raw: Mapping[str, str]) -> tuple[ListFilters, dict[str, str]]:
    """The filters from query parameters as typed; a value that cannot be used is left out and its error
    code returned under its parameter's name, so the page can say so next to that field."""
    errors: dict[str, str] = {}
    text = {name: (raw.get(name) or "").strip() for name in FILTER_PARAMS}
    status = STATUS_ALIASES.get(text["status"], text["status"]) or None
    if status is not None and status not in (*VIEW_STATUSES, "ready"):
        errors["status"], status = "bad_status", None
    client_id = None
    if text["client"]:
        try:
            client_id = uuid.UUID(text["client"])
        except ValueError:
            errors["client"] = "bad_client"
    aging = text["aging"] or None
    if aging is not None and aging not in AGING_BUCKETS:
        errors["aging"], aging = "bad_aging", None
    amounts: dict[str, int | None] = {}
    for name in ("amount_min", "amount_max"):
        amounts[name] = None
        if text[name]:
            try:
                amounts[name] = parse_amount(text[name])
            except ValueError:
                errors[name] = "bad_amount"
    low, high = amounts["amount_min"], amounts["amount_max"]
    if low is not None and high is not None and low > high:
        errors["amount_max"], amounts["amount_max"] = "amount_range", None
    search = text["q"] or None
    if search is not None and len(search) > SEARCH_MAX:
        errors["q"], search = "too_long", None
    sort = text["sort"] or None
    if sort is not None and sort not in SORTS:
        errors["sort"], sort = "bad_sort", None
    filters = ListFilters(status=status, client_id=client_id, aging=aging, amount_min=amounts["amount_min"],
                          amount_max=amounts["amount_max"], search=search, sort=sort,
                          descending=text["order"] == "desc")  # fmt: skip
    return filters, errors


def filter_error_text(errors: Mapping[str, str]) -> str:
    """The errors in English, for the API: "amount_min: not an amount (...)"; "…"."""
    return "; ".join(f"{name}: {FILTER_ERRORS[code]}" for name, code in errors.items())


def days_overdue(*, status: str, collection_status: str, due_date: date | None, today: date) -> int | None:
    """Days past due of an invoice still owed; None when nothing is late (or it is not collected yet)."""
    if status != "ready" or collection_status not in OWED or due_date is None or due_date >= today:
        return None
    return (today - due_date).days


def view_status(
    *, status: str, collection_status: str, disputed: bool, cancelled: bool, due_date: date | None,
    today: date,
) -> str:  # fmt: skip
    """The one status the list shows for an invoice (a filter may match more: an overdue invoice that is
    partially paid is listed under both)."""
    if cancelled or collection_status == "cancelled":
        return "cancelled"
    if status != "ready":
        return "to_review"
    if collection_status == "paid":
        return "paid"
    if disputed:
        return "disputed"
    if collection_status in ("processing", "partially_paid"):
        return collection_status
    late = days_overdue(status=status, collection_status=collection_status, due_date=due_date, today=today)
    return "overdue" if late else "open"
