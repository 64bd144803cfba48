"""How a buyer read from an invoice is recognised as a known client, what a person may type into a client's
record, and the figures of a client. Pure rules, table-tested."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from email_validator import EmailNotValidError, validate_email
from stdnum.eu import vat as eu_vat
from stdnum.fr import siren as siren_number
from stdnum.fr import tva

from api.money import MAIN_CURRENCY
from api.phones import valid_phone


@dataclass(frozen=True)
class BuyerIdentity:
    name: str
    siren: str | None = None
    vat_id: str | None = None
    email: str | None = None
    address: str | None = None


def name_key(name: str) -> str:
    """Case, accents, punctuation and spacing do not make another company."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", ascii_only.casefold()).strip()


def siren_of(siren: str | None, siret: str | None, vat_id: str | None) -> str | None:
    """The SIREN, from the SIREN itself, the first nine digits of a SIRET, or a French VAT number."""
    for candidate in (siren, (siret or "")[:9] or None):
        if candidate and siren_number.is_valid(candidate):
            return siren_number.compact(candidate)
    if vat_id and tva.is_valid(vat_id):
        digits = tva.compact(vat_id)[-9:]
        if siren_number.is_valid(digits):
            return digits
    return None


def clean_vat_id(vat_id: str | None) -> str | None:
    if not vat_id:
        return None
    return re.sub(r"[\s.\-]", "", vat_id).upper() or None


# ------------------------------------------------------------------ a person's edits

CURRENCY = MAIN_CURRENCY  # credit limits and amounts owed are in the organisation's currency
MAX_LENGTHS = {"name": 300, "contact_name": 200, "email": 320, "phone": 40, "address": 1000,
               "siren": 20, "vat_id": 30}  # fmt: skip
TEXT_FIELDS = tuple(MAX_LENGTHS)
EDITABLE = (*TEXT_FIELDS, "credit_limit")
MAX_CREDIT_LIMIT = 10**13  # 100 milliards d'euros in cents: more is a typing slip


class FieldError(StrEnum):
    """Why a typed value was refused; the page says it in the reader's language, the API as the code."""

    required = "required"
    too_long = "too_long"
    email = "email"
    phone = "phone"
    siren = "siren"
    vat = "vat"
    amount = "amount"


def checked_changes(
    changes: Mapping[str, str | int | None],
) -> tuple[dict[str, str | int | None], dict[str, FieldError]]:
    """A person's edits of a client, cleaned (trimmed, numbers compacted, empty → None), and what is wrong
    with each refused field. Only the fields given are looked at."""
    clean: dict[str, str | int | None] = {}
    errors: dict[str, FieldError] = {}
    for name, raw in changes.items():
        if name == "credit_limit":
            if raw is not None and (not isinstance(raw, int) or isinstance(raw, bool)
                                    or not 0 <= raw <= MAX_CREDIT_LIMIT):  # fmt: skip
                errors[name] = FieldError.amount
            else:
                clean[name] = raw
            continue
        text = str(raw).strip() if raw is not None else ""
        problem = _problem(name, text)
        if problem is not None:
            errors[name] = problem
        else:
            clean[name] = _cleaned(name, text)
    return clean, errors


def _problem(name: str, text: str) -> FieldError | None:
    if not text:
        return FieldError.required if name == "name" else None
    if len(text) > MAX_LENGTHS[name]:
        return FieldError.too_long
    if name == "email" and not _plausible_email(text):
        return FieldError.email
    if name == "phone" and not valid_phone(text):
        return FieldError.phone
    if name == "siren" and not siren_number.is_valid(text):
        return FieldError.siren
    if name == "vat_id" and not eu_vat.is_valid(text):
        return FieldError.vat
    return None


def _cleaned(name: str, text: str) -> str | None:
    if not text:
        return None
    if name == "siren":
        return str(siren_number.compact(text))
    if name == "vat_id":
        return str(eu_vat.compact(text))
    if name == "email":
        return str(validate_email(text, check_deliverability=False).normalized)
    return text


def _plausible_email(text: str) -> bool:
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


# ------------------------------------------------------------------ figures

SORT_KEYS = ("name", "owed", "overdue", "days_late")
SORTS = (*SORT_KEYS, *(f"-{key}" for key in SORT_KEYS))  # "-owed": biggest first


@dataclass(frozen=True)
class CurrencyOwed:
    """What a client owes in one currency other than the organisation's: never added to its figures."""

    currency: str
    owed: int
    overdue: int


@dataclass(frozen=True)
class Totals:
    """One client's figures, from aggregate queries over its invoices. Amounts are in the organisation's
    currency (CURRENCY) alone: the credit limit is compared with them; other currencies are apart."""

    owed: int = 0  # what is still to be paid on its open invoices in CURRENCY
    overdue: int = 0  # the part of it past its due date
    open_invoices: int = 0  # in every currency
    counted: int = 0  # invoices in the payment behaviour: paid ones, and unpaid ones past due
    paid_late: int = 0
    total_days_late: int = 0
    active_mandate: bool = False
    other_currencies: tuple[CurrencyOwed, ...] = ()  # alphabetically


def over_limit(owed: int, credit_limit: int | None) -> bool:
    return credit_limit is not None and owed > credit_limit
