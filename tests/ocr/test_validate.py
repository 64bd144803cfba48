from __future__ import annotations

import pytest

from ocr.model import Field
from ocr.notices import Notice
from ocr.validate import (
    FAILED_CHECK_FACTOR,
    check_bic,
    check_iban,
    check_siren,
    check_siret,
    check_vat_id,
    validate,
)


@pytest.mark.parametrize(
    ("check", "value", "valid"),
    [
        (check_iban, "FR7630006000011234567890189", True),
        (check_iban, "FR7630006000011234567890188", False),
        (check_iban, "IBAN", False),
        (check_bic, "BNPAFRPPXXX", True),
        (check_bic, "BNPA12", False),
        (check_siren, "732829320", True),
        (check_siren, "732829321", False),
        (check_siret, "73282932000074", True),
        (check_siret, "73282932000075", False),
        (check_vat_id, "FR44732829320", True),
        (check_vat_id, "FR45732829320", False),
        (check_vat_id, "DE 136 695 976", True),
        (check_vat_id, "XX123", True),  # no checksum known for that prefix: nothing to say
    ],
)
def test_single_value_checks(check: object, value: str, valid: bool) -> None:
    assert callable(check)
    assert (check(value) is None) is valid


def test_inconsistent_totals_lose_confidence_and_warn_but_keep_their_values() -> None:
    fields = {
        "total_excl_tax": Field("100.00", 0.9),
        "total_tax": Field("20.00", 0.9),
        "total_incl_tax": Field("130.00", 0.9),
    }
    warnings = validate(fields)
    assert warnings == [
        Notice("totals", {"excl": "100.00", "tax": "20.00", "sum": "120.00", "incl": "130.00"})
    ]
    assert warnings[0].message == "totals: 100.00 + 20.00 = 120.00, but the total incl. tax reads 130.00"
    assert {name: (f.value, f.confidence) for name, f in fields.items()} == {
        "total_excl_tax": ("100.00", 0.9 * FAILED_CHECK_FACTOR),
        "total_tax": ("20.00", 0.9 * FAILED_CHECK_FACTOR),
        "total_incl_tax": ("130.00", 0.9 * FAILED_CHECK_FACTOR),
    }


def test_consistent_totals_and_valid_ids_are_left_alone() -> None:
    fields = {
        "total_excl_tax": Field("100.00", 1.0),
        "total_tax": Field("20.00", 1.0),
        "total_incl_tax": Field("120.00", 1.0),
        "seller_siren": Field("732829320", 1.0),
        "seller_siret": Field("73282932000074", 1.0),
        "seller_vat_id": Field("FR44732829320", 1.0),
        "seller_iban": Field("FR7630006000011234567890189", 1.0),
    }
    assert validate(fields) == []
    assert all(f.confidence == 1.0 for f in fields.values())


def test_due_date_before_issue_date_is_flagged() -> None:
    fields = {"issue_date": Field("2024-03-10", 1.0), "due_date": Field("2024-02-10", 1.0)}
    assert validate(fields) == [Notice("due_before_issue", {"due": "2024-02-10", "issue": "2024-03-10"})]
    assert fields["due_date"].confidence == FAILED_CHECK_FACTOR
    assert fields["issue_date"].confidence == 1.0


def test_french_vat_number_must_match_the_siren() -> None:
    fields = {"buyer_siren": Field("732829320", 1.0), "buyer_vat_id": Field("FR11999999998", 1.0)}
    assert validate(fields) == [Notice("vat_siren", {"role": "buyer"})]
    assert fields["buyer_vat_id"].confidence == FAILED_CHECK_FACTOR


def test_a_failed_identifier_check_names_its_field_kind_and_value() -> None:
    fields = {
        "seller_iban": Field("FR7630006000011234567890188", 1.0),
        "buyer_email": Field("compta(at)example.fr", 1.0),
        "buyer_siret": Field("73282932000075", 1.0),
    }
    siret, email, iban = validate(fields)  # one warning each: the seller's IBAN has no buyer twin
    assert fields["seller_iban"].confidence == FAILED_CHECK_FACTOR
    assert (iban.code, iban.params["field"], iban.params["kind"]) == ("not_valid", "seller_iban", "IBAN")
    assert iban.params["value"] == "FR7630006000011234567890188"
    assert (
        iban.message
        == f"seller_iban: 'FR7630006000011234567890188' is not a valid IBAN ({iban.params['reason']})"
    )
    assert siret == Notice("not_valid", {"field": "buyer_siret", "value": "73282932000075", "kind": "SIRET"})
    assert email == Notice("not_email", {"field": "buyer_email", "value": "compta(at)example.fr"})
    assert email.message == "buyer_email: 'compta(at)example.fr' is not an e-mail address"
