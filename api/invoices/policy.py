"""Pure rules about invoice fields: what a valid value is, money in minor units, when review is needed."""

from __future__ import annotations

from collections.abc import Mapping
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
from ocr import FIELD_NAMES

REQUIRED_FIELDS = ("invoice_number", "issue_date", "total_incl_tax", "buyer_name")
AMOUNT_FIELDS = ("total_excl_tax", "total_tax", "total_incl_tax", "amount_due")
DATE_FIELDS = ("issue_date", "due_date")
EDITABLE_FIELDS = FIELD_NAMES  # every field capture reads can be corrected
MAX_TEXT = 1000


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
