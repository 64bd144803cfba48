"""A capture warning is a code with string parameters; its English message is for the command line and the
JSON API, and the dict form carries all three."""

from __future__ import annotations

import json

import pytest

from ocr.notices import Notice


@pytest.mark.parametrize(
    ("notice", "message"),
    [
        (Notice("siret_siren", {"role": "seller"}), "seller: SIRET does not start with SIREN"),
        (Notice("embedded_name", {"name": "invoice.xml"}),
         "the embedded invoice XML is named 'invoice.xml', not a standard Factur-X/ZUGFeRD name"),
        (Notice("embedded_ignored", {"name": "factur-x.xml", "reason": "The XML is not well-formed."}),
         "embedded factur-x.xml ignored, the visible page was read instead: The XML is not well-formed."),
        (Notice("not_valid", {"field": "buyer_vat_id", "value": "FR4", "kind": "vat", "reason": "too short"}),
         "buyer_vat_id: 'FR4' is not a valid VAT number (too short)"),
        (Notice("not_valid", {"value": "732829321", "kind": "SIREN"}),
         "'732829321' is not a valid SIREN (9 digits, Luhn key)"),
    ],
)  # fmt: skip
def test_each_code_has_its_english_message(notice: Notice, message: str) -> None:
    assert notice.message == message


def test_a_code_or_parameter_the_module_does_not_know_still_gives_a_message() -> None:
    assert Notice("brand_new", {"x": "1"}).message == "brand_new: {'x': '1'}"
    assert Notice("totals", {"excl": "1"}).message == "totals: {'excl': '1'}"


def test_the_dict_form_is_json_with_code_params_and_message() -> None:
    notice = Notice("due_before_issue", {"due": "2026-11-01", "issue": "2026-11-13"})
    assert json.loads(json.dumps(notice.to_dict())) == {
        "code": "due_before_issue",
        "params": {"due": "2026-11-01", "issue": "2026-11-13"},
        "message": "due date 2026-11-01 is before the issue date 2026-11-13",
    }
