"""The pure rules of the organisation settings: each field's checks, as tables."""

from __future__ import annotations

import pytest

from api.organisations.policy import Problem, check_api_key_name, check_identity, check_new_user

VALID = {"legal_name": "Atelier Dupont", "siren": "732 829 320"}


def problems(**typed: str) -> dict[str, Problem]:
    return check_identity({**VALID, **typed})[1]


class TestIdentity:
    def test_a_full_identity_is_cleaned(self) -> None:
        values, found = check_identity({
            "legal_name": "  Atelier   Dupont ", "legal_form": "SAS", "siren": "732 829 320",
            "vat_id": "fr 44 732 829 320", "share_capital": "10 000,50 €", "rcs_city": "Lyon",
            "address": "12 rue des Lilas\r\n\r\n69001 Lyon", "contact_email": "Compta@Dupont.example",
            "phone": "+33 4 78 00 00 00",
        })  # fmt: skip

        assert found == {}
        assert values == {
            "legal_name": "Atelier Dupont", "legal_form": "SAS", "siren": "732829320",
            "vat_id": "FR44732829320", "share_capital": "10000.50", "rcs_city": "Lyon",
            "address": "12 rue des Lilas\n69001 Lyon", "contact_email": "Compta@dupont.example",
            "phone": "+33 4 78 00 00 00",
        }  # fmt: skip

    def test_empty_optional_fields_are_none(self) -> None:
        values, found = check_identity(VALID)

        assert found == {}
        assert values["vat_id"] is None
        assert values["address"] is None

    @pytest.mark.parametrize(
        ("field", "typed", "expected"),
        [
            ("legal_name", "   ", Problem("required")),
            ("siren", "", Problem("required")),
            ("legal_name", "x" * 201, Problem("too_long", 200)),
            ("legal_form", "x" * 61, Problem("too_long", 60)),
            ("siren", "73282932", Problem("format")),
            ("siren", "73282932A", Problem("format")),
            ("siren", "732829321", Problem("checksum")),
            ("vat_id", "DE123456789", Problem("format")),
            ("vat_id", "FR4473282932", Problem("format")),
            ("vat_id", "FR45732829320", Problem("checksum")),
            ("vat_id", "FR40303265045", Problem("vat_mismatch")),
            ("share_capital", "dix mille", Problem("format")),
            ("share_capital", "0", Problem("format")),
            ("share_capital", "10.000.000", Problem("format")),
            ("rcs_city", "75001", Problem("format")),
            ("rcs_city", "L" * 101, Problem("too_long", 100)),
            ("address", "x" * 501, Problem("too_long", 500)),
            ("address", "1\n2\n3\n4\n5\n6\n7", Problem("too_many_lines", 6)),
            ("contact_email", "compta.dupont.example", Problem("format")),
            ("phone", "01 23", Problem("format")),
            ("phone", "01 23 45 67 89 ext", Problem("format")),
        ],
    )
    def test_bad_input_is_named_per_field(self, field: str, typed: str, expected: Problem) -> None:
        assert problems(**{field: typed}) == {field: expected}

    def test_every_problem_is_reported_at_once(self) -> None:
        found = check_identity({"legal_name": "", "siren": "123", "phone": "x"})[1]

        assert set(found) == {"legal_name", "siren", "phone"}


class TestNewUser:
    @pytest.mark.parametrize(
        ("email", "password", "expected"),
        [
            ("", "long enough password", {"email": Problem("required")}),
            ("not-an-email", "long enough password", {"email": Problem("format")}),
            ("a" * 310 + "@example.com", "long enough password", {"email": Problem("too_long", 320)}),
            ("anne@example.com", "short", {"password": Problem("too_short", 10)}),
            ("anne@example.com", "x" * 201, {"password": Problem("too_long", 200)}),
        ],
    )
    def test_refusals(self, email: str, password: str, expected: dict[str, Problem]) -> None:
        assert check_new_user(email, password)[1] == expected

    def test_the_email_is_normalised(self) -> None:
        assert check_new_user(" Anne@Example.COM ", "long enough password") == ("Anne@example.com", {})


class TestApiKeyName:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("", {"name": Problem("required")}),
            ("   ", {"name": Problem("required")}),
            ("x" * 101, {"name": Problem("too_long", 100)}),
            ("x" * 100, {}),
        ],
    )
    def test_rules(self, name: str, expected: dict[str, Problem]) -> None:
        assert check_api_key_name(name)[1] == expected
