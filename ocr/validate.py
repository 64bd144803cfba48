"""Check captured values against checksums and arithmetic.

A value that fails keeps its text but loses confidence and gains a warning: a person reviews it; nothing
is silently "fixed".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from stdnum import util as stdnum_util
from stdnum.ch import uid as ch_uid
from stdnum.exceptions import ValidationError

from .company_ids import french_vat_from_siren, is_valid_siren, is_valid_siret
from .model import Field
from .notices import Notice

FAILED_CHECK_FACTOR = 0.5
_ROUNDING = Decimal("0.01")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(\.[\w\-]+)+")


def validate(fields: dict[str, Field]) -> list[Notice]:
    """Lower the confidence of failing fields in place; return one warning per failed check."""
    warnings: list[Notice] = []
    for key, check in _single_checks().items():
        if key in fields and (problem := check(fields[key].value)) is not None:
            _flag(fields, [key], Notice(problem.code, {"field": key, **problem.params}), warnings)
    _check_company_consistency(fields, warnings)
    _check_totals(fields, warnings)
    _check_dates(fields, warnings)
    return warnings


def _flag(fields: dict[str, Field], names: list[str], warning: Notice, warnings: list[Notice]) -> None:
    for name in names:
        if name in fields:
            fields[name] = replace(fields[name], confidence=fields[name].confidence * FAILED_CHECK_FACTOR)
    warnings.append(warning)


def _not_valid(value: str, kind: str, reason: object = None) -> Notice:
    """The value fails its checksum or format; `reason` is the checker's own English explanation."""
    return Notice("not_valid", {"value": value, "kind": kind} | ({"reason": str(reason)} if reason else {}))


def check_iban(value: str) -> Notice | None:
    try:
        IBAN(value)
    except SchwiftyException as exc:
        return _not_valid(value, "IBAN", exc)
    return None


def check_bic(value: str) -> Notice | None:
    try:
        BIC(value)
    except SchwiftyException as exc:
        return _not_valid(value, "BIC", exc)
    return None


def check_siren(value: str) -> Notice | None:
    return None if is_valid_siren(value) else _not_valid(value, "SIREN")


def check_siret(value: str) -> Notice | None:
    return None if is_valid_siret(value) else _not_valid(value, "SIRET")


def check_vat_id(value: str) -> Notice | None:
    compact = re.sub(r"[\s.\-/]", "", value).upper()
    country = compact[:2].lower()
    if compact[:2] == "EL":
        country = "gr"
    module = stdnum_util.get_cc_module(country, "vat") if country.isalpha() else None
    if re.fullmatch(r"CHE\d{9}", compact):
        module = ch_uid  # a Swiss UID printed without its register's suffix ("MWST", "TVA")
    if module is None:
        return None  # no checksum known for this country: nothing to say
    try:
        module.validate(compact)
    except ValidationError as exc:
        return _not_valid(value, "vat", exc)
    return None


def check_email(value: str) -> Notice | None:
    return None if _EMAIL.fullmatch(value) else Notice("not_email", {"value": value})


_SINGLE_CHECKS = {
    "{role}_siren": check_siren,
    "{role}_siret": check_siret,
    "{role}_vat_id": check_vat_id,
    "{role}_email": check_email,
    "seller_iban": check_iban,
    "seller_bic": check_bic,
}


def _single_checks() -> dict[str, Callable[[str], Notice | None]]:
    """Each field's check once: the seller's IBAN and BIC have no buyer twin to format a role into."""
    return {
        name.format(role=role): check
        for name, check in _SINGLE_CHECKS.items()
        for role in ("seller", "buyer")
    }


def _check_company_consistency(fields: dict[str, Field], warnings: list[Notice]) -> None:
    for role in ("seller", "buyer"):
        siren, siret, vat = (fields.get(f"{role}_{k}") for k in ("siren", "siret", "vat_id"))
        if siren and siret and not siret.value.startswith(siren.value):
            _flag(
                fields,
                [f"{role}_siren", f"{role}_siret"],
                Notice("siret_siren", {"role": role}),
                warnings,
            )
        vat_text = re.sub(r"\s", "", vat.value).upper() if vat else ""
        if siren and vat_text.startswith("FR") and len(siren.value) == 9 and siren.value.isdigit():
            if vat_text != french_vat_from_siren(siren.value):
                _flag(
                    fields,
                    [f"{role}_vat_id"],
                    Notice("vat_siren", {"role": role}),
                    warnings,
                )


def _decimal(fields: dict[str, Field], name: str) -> Decimal | None:
    found = fields.get(name)
    if found is None:
        return None
    try:
        return Decimal(found.value)
    except InvalidOperation:
        return None


def _check_totals(fields: dict[str, Field], warnings: list[Notice]) -> None:
    excl, tax, incl = (_decimal(fields, n) for n in ("total_excl_tax", "total_tax", "total_incl_tax"))
    if excl is None or tax is None or incl is None:
        return
    if abs(excl + tax - incl) > _ROUNDING:
        _flag(
            fields,
            ["total_excl_tax", "total_tax", "total_incl_tax"],
            Notice("totals", {"excl": str(excl), "tax": str(tax), "sum": str(excl + tax), "incl": str(incl)}),
            warnings,
        )


def _check_dates(fields: dict[str, Field], warnings: list[Notice]) -> None:
    issue, due = fields.get("issue_date"), fields.get("due_date")
    if issue and due and due.value < issue.value:  # ISO strings compare in date order
        _flag(
            fields,
            ["due_date"],
            Notice("due_before_issue", {"due": due.value, "issue": issue.value}),
            warnings,
        )
