"""Pure rules about invoice fields: what a valid value is, money in minor units, when review is needed."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, NamedTuple

from babel.numbers import get_currency_symbol, list_currencies
from email_validator import EmailNotValidError, validate_email
from schwifty import BIC, IBAN
from schwifty.exceptions import InvalidChecksumDigits, InvalidCountryCode, SchwiftyException
from stdnum.eu import vat
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fr import siren, siret

from api.clients.policy import name_key
from api.dates import DateError, parse_date
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

# Why a typed value is refused, in English for the API; the pages say it from their catalogues
# (review_formats.<code>) with the same parameters.
REASONS = {
    "empty": "empty; send null to clear a field",
    "too_long": "longer than {max} characters",
    "not_a_field": "not an invoice field",
    "date_format": "expected a date such as 31/01/2026, 31 janvier 2026 or 2026-01-31",
    "date_month_name": "{word!r} is not the name of a month",
    "date_no_such_month": "there is no month {month}",
    "date_no_such_day": "no such day: that month has {days} days",
    "date_month_first": "this reads month first; dates are written day first: {suggestion}",
    "date_two_digit_year": "the year {year} could be 19{year} or 20{year}: write it with four digits",
    "date_out_of_range": "expected a year between {min} and {max}",
    "amount_format": "expected an amount such as 1 234,56 or 1234.56",
    "amount_ambiguous": "{amount} could be read two ways: write its decimals (1 234,00) or no separator",
    "amount_decimals": "expected an amount with at most 2 decimals",
    "amount_too_large": "expected an amount of at most {max}",
    "currency_code": "expected an ISO 4217 currency code such as EUR",
    "document_type": "expected invoice or credit_note",
    "email": "not an email address: {detail}",
    "iban_format": "not an IBAN (its length, country or characters are wrong)",
    "bic_format": "not a BIC (8 or 11 letters and digits: bank, country, location, branch)",
    "vat_format": "not a VAT number (its country prefix, length or characters are wrong)",
    "siren_format": "not a SIREN (9 digits)",
    "siret_format": "not a SIRET (14 digits)",
}
# What a saved value may carry instead of a refusal: it is well formed, but its check digits (or, for a BIC,
# its country) are wrong. The seller may have printed it so; a person decides, the page keeps saying it.
WARNINGS = ("iban_checksum", "bic_country", "vat_checksum", "siren_checksum", "siret_checksum")


class InvalidField(ValueError):
    """A refused value: a `code` of REASONS and its `params`; `reason` is the English sentence."""

    def __init__(self, field: str, code: str, **params: object) -> None:
        self.field = field
        self.code = code
        self.params = params
        self.reason = REASONS[code].format(**english_params(params))
        super().__init__(f"{field}: {self.reason}")


def english_params(params: Mapping[str, object]) -> dict[str, object]:
    """Parameters as the English reason and the JSON answer write them: "10000000000.00", "2026-12-31"."""
    return {name: _english(value) for name, value in params.items()}


def _english(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:f}"
    return value.isoformat() if isinstance(value, date) else value


class Normalised(NamedTuple):
    value: str
    warning: str | None = None  # one of WARNINGS: saved, but shown next to the field


def normalise_value(field: str, raw: str) -> Normalised:
    """The canonical form of a value a person typed (ISO date, "1234.56", compact identifiers), with a
    warning when only its checksum is wrong; InvalidField saying why it cannot be right otherwise."""
    value = raw.strip()
    if not value:
        raise InvalidField(field, "empty")
    if len(value) > MAX_TEXT:
        raise InvalidField(field, "too_long", max=MAX_TEXT)
    checker = _CHECKERS.get(field)
    return checker(field, value) if checker else Normalised(value)


def checksum_warning(field: str, value: str) -> str | None:
    """The warning a stored value deserves (a captured one has none recorded); None if it has none or is
    not even well formed (capture's own warnings say so)."""
    try:
        return normalise_value(field, value).warning
    except InvalidField:
        return None


def _date(field: str, value: str) -> Normalised:
    try:
        return Normalised(parse_date(value).isoformat())
    except DateError as exc:
        raise InvalidField(field, exc.code, **exc.params) from exc


AMOUNT_TEXT_MAX = 60  # longer is no amount anyone types, and the pattern below is quadratic in spaces
# A minus (ASCII or U+2212), a currency sign or code before or after, the number parse_amount reads.
_SIGNED_AMOUNT = re.compile(
    r"(?P<minus>[-\u2212])?\s*(?P<before>[^\d\s.,'\-\u2212]+)?\s*(?P<number>\d[\d\s.,']*?)"
    r"\s*(?P<after>[^\d\s.,'\-\u2212]+)?"
)


def _amount(field: str, value: str) -> Normalised:
    """French and English writings, with a currency sign or code either side and a leading minus (credit
    notes): "1 234,56 €", "1.234,56 €", "EUR 1 234,56", "€1,234.56", "-1234.56". Read by parse_amount."""
    match = _SIGNED_AMOUNT.fullmatch(value) if len(value) <= AMOUNT_TEXT_MAX else None
    if match is None or (match["before"] and match["after"]):
        code, params = _amount_problem(value)
        raise InvalidField(field, code, **params)
    if not _currency_marks(match["before"], match["after"]):
        raise InvalidField(field, "amount_format")
    body = match["number"]
    try:
        minor = parse_amount(body)
    except ValueError as exc:
        code, params = _amount_problem(body)
        raise InvalidField(field, code, **params) from exc
    amount = Decimal(-minor if match["minus"] else minor).scaleb(-2)
    return Normalised(str(amount.quantize(Decimal("0.01"))))


def _currency_marks(*marks: str | None) -> bool:
    return all(mark is None or mark.upper() in _currency_signs() for mark in marks)


@lru_cache(maxsize=1)
def _currency_signs() -> frozenset[str]:
    """ISO codes and the signs babel writes for them in French and English ("€", "$US", "US$", "£GB")."""
    codes = list_currencies()
    signs = {get_currency_symbol(code, locale).upper() for code in codes for locale in ("fr_FR", "en_GB")}
    return frozenset(codes | signs)


def _amount_problem(body: str) -> tuple[str, Mapping[str, object]]:
    """Why an amount was refused, as a code and its parameters."""
    plain = re.sub(r"\s", "", body)
    if re.fullmatch(r"[1-9]\d{0,2}[.,]\d{3}", plain):
        return "amount_ambiguous", {"amount": plain}
    for candidate in (plain, plain.replace(",", ".")):
        try:
            number = Decimal(candidate)
        except InvalidOperation:
            continue
        if number.is_finite() and abs(number) > MAX_AMOUNT:  # 1e400, 10**23: beyond the BIGINT column
            return "amount_too_large", {"max": MAX_AMOUNT}
        if number.is_finite() and number.as_tuple().exponent < -2:  # type: ignore[operator]
            return "amount_decimals", {}
    return "amount_format", {}


def _currency(field: str, value: str) -> Normalised:
    code = value.upper()
    if code not in list_currencies():
        raise InvalidField(field, "currency_code")
    return Normalised(code)


def _document_type(field: str, value: str) -> Normalised:
    if value not in ("invoice", "credit_note"):
        raise InvalidField(field, "document_type")
    return Normalised(value)


def _email(field: str, value: str) -> Normalised:
    try:
        return Normalised(validate_email(value, check_deliverability=False).normalized)
    except EmailNotValidError as exc:
        raise InvalidField(field, "email", detail=str(exc)) from exc


def _iban(field: str, value: str) -> Normalised:
    try:
        return Normalised(str(IBAN(value).compact))
    except InvalidChecksumDigits:
        return Normalised(str(IBAN(value, allow_invalid=True).compact), "iban_checksum")
    except SchwiftyException as exc:
        raise InvalidField(field, "iban_format") from exc


def _bic(field: str, value: str) -> Normalised:
    """A BIC has no check digits; its country code is the part a misprint can leave well formed."""
    try:
        return Normalised(str(BIC(value).compact))
    except InvalidCountryCode:
        return Normalised(str(BIC(value, allow_invalid=True).compact), "bic_country")
    except SchwiftyException as exc:
        raise InvalidField(field, "bic_format") from exc


def _identifier(module: Any, kind: str) -> Callable[[str, str], Normalised]:
    def check(field: str, value: str) -> Normalised:
        try:
            return Normalised(str(module.validate(value)))
        except InvalidChecksum:
            return Normalised(str(module.compact(value)), f"{kind}_checksum")
        except ValidationError as exc:
            raise InvalidField(field, f"{kind}_format") from exc

    return check


_CHECKERS: dict[str, Callable[[str, str], Normalised]] = {
    **dict.fromkeys(DATE_FIELDS, _date),
    **dict.fromkeys(AMOUNT_FIELDS, _amount),
    "currency": _currency,
    "document_type": _document_type,
    "seller_email": _email,
    "buyer_email": _email,
    "seller_iban": _iban,
    "seller_bic": _bic,
    **dict.fromkeys(("seller_vat_id", "buyer_vat_id"), _identifier(vat, "vat")),
    **dict.fromkeys(("seller_siren", "buyer_siren"), _identifier(siren, "siren")),
    **dict.fromkeys(("seller_siret", "buyer_siret"), _identifier(siret, "siret")),
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
