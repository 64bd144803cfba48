"""Corrections accept values as they are printed on invoices (issue 15): French and English dates and
amounts are stored as ISO dates and "1234.56"; a value whose only fault is its check digits is saved with a
warning instead of refused; refusals carry a code and parameters besides their English detail."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from api.invoices.policy import InvalidField, Normalised, checksum_warning, normalise_value
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.files import invoice_pdf_bytes

IBAN = "FR7630006000011234567890189"
IBAN_BAD_KEY = "FR7630006000011234567890188"  # well formed, check digits wrong
SIRET = "73282932000074"
SIRET_BAD_KEY = "73282932000075"


class TestAmounts:
    @pytest.mark.parametrize(
        "typed",
        [
            "1 234,56",
            "1\u00a0234,56\u00a0€",  # no-break space
            "1\u202f234,56\u00a0€",  # narrow no-break space, as babel writes French amounts
            "1 234,56 €",
            "1.234,56 €",
            "1234.56",
            "1234,56",
            "EUR 1 234,56",
            "1 234,56 EUR",
            "€1,234.56",
            "1,234.56",
            "1 234,56 $US",  # what the page shows for a dollar invoice, read back
            "US$1,234.56",
        ],
    )
    def test_french_and_english_writings_are_stored_the_same(self, typed: str) -> None:
        assert normalise_value("total_incl_tax", typed) == Normalised("1234.56")

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [("12,5", "12.50"), ("12", "12.00"), ("0", "0.00"), ("-1 234,56 €", "-1234.56"),
         ("-€1,234.56", "-1234.56"), ("\u22121 234,56", "-1234.56"), ("10000000000.00", "10000000000.00")],
    )  # fmt: skip
    def test_short_negative_and_largest_amounts(self, typed: str, stored: str) -> None:
        assert normalise_value("amount_due", typed).value == stored

    @pytest.mark.parametrize(
        ("typed", "code", "params"),
        [
            ("1,234", "amount_ambiguous", {"amount": "1,234"}),  # 1.234 in French, 1234 in English
            ("1.234 €", "amount_ambiguous", {"amount": "1.234"}),
            ("1234.567", "amount_decimals", {}),
            ("1e400", "amount_too_large", {"max": Decimal("10000000000.00")}),
            ("-1e30", "amount_too_large", {"max": Decimal("10000000000.00")}),
            ("99 999 999 999 999,00", "amount_too_large", {"max": Decimal("10000000000.00")}),
            ("10000000000.01", "amount_too_large", {"max": Decimal("10000000000.00")}),
            ("12 XYZ", "amount_format", {}),  # no currency is written XYZ
            ("€ 12 €", "amount_format", {}),
            ("1e3", "amount_format", {}),
            ("NaN", "amount_format", {}),
            ("douze", "amount_format", {}),
            ("1.234,56,78", "amount_format", {}),
        ],
    )
    def test_what_cannot_be_read_for_sure_is_refused_with_a_code(
        self, typed: str, code: str, params: dict[str, object]
    ) -> None:
        with pytest.raises(InvalidField) as refused:
            normalise_value("total_incl_tax", typed)
        assert (refused.value.field, refused.value.code, refused.value.params) == (
            "total_incl_tax",
            code,
            params,
        )


class TestDates:
    @pytest.mark.parametrize(
        "typed", ["31/01/2026", "31.01.2026", "31-01-2026", "31/01/26", "2026-01-31", "31 janvier 2026"]
    )
    def test_stored_as_iso(self, typed: str) -> None:
        assert normalise_value("due_date", typed) == Normalised("2026-01-31")

    def test_a_refusal_says_its_reason_in_english_with_its_parameters(self) -> None:
        with pytest.raises(InvalidField) as refused:
            normalise_value("due_date", "12/31/2026")
        assert refused.value.code == "date_month_first"
        assert (
            str(refused.value) == "due_date: this reads month first; dates are written day first: 2026-12-31"
        )


class TestChecksums:
    @pytest.mark.parametrize(
        ("field", "typed", "stored", "warning"),
        [
            ("seller_iban", "FR76 3000 6000 0112 3456 7890 188", IBAN_BAD_KEY, "iban_checksum"),
            ("seller_iban", "fr76 3000 6000 0112 3456 7890 189", IBAN, None),
            ("seller_bic", "BNPAFPPP", "BNPAFPPP", "bic_country"),  # FP: no such country
            ("seller_bic", "bnpafrppxxx", "BNPAFRPPXXX", None),
            ("buyer_siret", "732 829 320 00075", SIRET_BAD_KEY, "siret_checksum"),
            ("buyer_siret", "732 829 320 00074", SIRET, None),
            ("seller_siren", "123 456 789", "123456789", "siren_checksum"),
            ("buyer_vat_id", "FR 41 303265045", "FR41303265045", "vat_checksum"),
            ("buyer_vat_id", "FR 40 303265045", "FR40303265045", None),
        ],
    )
    def test_wrong_check_digits_are_saved_with_a_warning(
        self, field: str, typed: str, stored: str, warning: str | None
    ) -> None:
        assert normalise_value(field, typed) == Normalised(stored, warning)
        assert checksum_warning(field, stored) == warning

    @pytest.mark.parametrize(
        ("field", "typed", "code"),
        [
            ("buyer_siret", "7328293200007A", "siret_format"),
            ("buyer_siret", "7328293200", "siret_format"),
            ("seller_siren", "12345678A", "siren_format"),
            ("seller_iban", "FR763000600001123456789", "iban_format"),
            ("seller_iban", "XX7630006000011234567890189", "iban_format"),
            ("seller_bic", "BNPA1RPP", "bic_format"),
            ("buyer_vat_id", "XX41303265045", "vat_format"),
            ("buyer_vat_id", "   ", "empty"),
        ],
    )
    def test_format_errors_are_still_refused(self, field: str, typed: str, code: str) -> None:
        with pytest.raises(InvalidField) as refused:
            normalise_value(field, typed)
        assert refused.value.code == code

    def test_a_value_that_is_not_even_well_formed_has_no_checksum_warning(self) -> None:
        assert checksum_warning("buyer_siret", "7328293200007A") is None


def url(invoice: dict) -> str:  # type: ignore[type-arg]
    return f"/api/v1/invoices/{invoice['id']}"


class TestCorrectionApi:
    def test_printed_dates_and_amounts_are_stored_as_iso_and_minor_units(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))

        response = client.patch(url(invoice), headers=tenant.headers, json={"fields": {
            "due_date": "1er février 2027", "issue_date": "15/01/27", "total_incl_tax": "1.300,50 €",
            "total_excl_tax": "EUR 1 083,75"}})  # fmt: skip

        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["issue_date"], body["due_date"]) == ("2027-01-15", "2027-02-01")
        assert (body["total_incl_tax"], body["total_excl_tax"]) == (130050, 108375)
        assert body["fields"]["due_date"]["value"] == "2027-02-01"
        assert body["fields"]["total_incl_tax"]["value"] == "1300.50"
        by_field = {c["field"]: c["new_value"] for c in body["corrections"]}
        assert by_field["total_excl_tax"] == "1083.75"

    def test_the_same_value_written_another_way_is_no_correction(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
        assert invoice["fields"]["due_date"]["value"] == "2026-12-13"

        body = client.patch(url(invoice), headers=tenant.headers, json={"fields": {
            "due_date": "13 décembre 2026", "total_incl_tax": "1 234,56 €"}}).json()  # fmt: skip

        assert body["corrections"] == []
        assert body["fields"]["due_date"]["source"] == "capture"

    def test_a_wrong_check_digit_is_saved_with_its_warning_and_approval_goes_ahead(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))

        response = client.patch(url(invoice), headers=tenant.headers, json={"fields": {
            "seller_iban": IBAN_BAD_KEY, "buyer_siret": "732 829 320 00075"}})  # fmt: skip

        assert response.status_code == 200, response.text
        fields = response.json()["fields"]
        assert fields["seller_iban"] == {
            **fields["seller_iban"],
            "value": IBAN_BAD_KEY,
            "warning": "iban_checksum",
        }
        assert (fields["buyer_siret"]["value"], fields["buyer_siret"]["warning"]) == (
            SIRET_BAD_KEY,
            "siret_checksum",
        )
        approved = client.post(url(invoice) + "/approve", headers=tenant.headers)
        assert approved.status_code == 200, approved.text
        assert approved.json()["status"] == "ready"
        assert approved.json()["fields"]["seller_iban"]["warning"] == "iban_checksum"

    def test_correcting_a_warned_value_drops_its_warning(
        self, capture: Capture, tenant: Tenant, client: TestClient
    ) -> None:
        invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))
        client.patch(url(invoice), headers=tenant.headers, json={"fields": {"seller_iban": IBAN_BAD_KEY}})

        body = client.patch(
            url(invoice), headers=tenant.headers, json={"fields": {"seller_iban": IBAN}}
        ).json()

        assert body["fields"]["seller_iban"]["value"] == IBAN
        assert body["fields"]["seller_iban"]["warning"] is None

    @pytest.mark.parametrize(
        ("field", "typed", "reason", "params", "detail"),
        [
            ("buyer_siret", "7328293200007A", "siret_format", {}, "buyer_siret: not a SIRET (14 digits)"),
            ("due_date", "31/01/85", "date_two_digit_year", {"year": "85"},
             "due_date: the year 85 could be 1985 or 2085: write it with four digits"),
            ("total_incl_tax", "1e400", "amount_too_large", {"max": "10000000000.00"},
             "total_incl_tax: expected an amount of at most 10000000000.00"),
            ("due_date", "12/31/2026", "date_month_first", {"suggestion": "2026-12-31"},
             "due_date: this reads month first; dates are written day first: 2026-12-31"),
        ],
    )  # fmt: skip
    def test_a_refusal_carries_its_code_params_and_english_detail_and_changes_nothing(
        self, capture: Capture, tenant: Tenant, client: TestClient, field: str, typed: str, reason: str,
        params: dict[str, object], detail: str,
    ) -> None:  # fmt: skip
        invoice = capture.invoice(tenant, capture(tenant, "f.pdf", invoice_pdf_bytes()))

        response = client.patch(url(invoice), headers=tenant.headers, json={"fields": {field: typed}})

        assert response.status_code == 422
        assert response.json() == {
            "error": "invalid_field", "detail": detail, "field": field, "reason": reason, "params": params,
        }  # fmt: skip
        after = client.get(url(invoice), headers=tenant.headers).json()
        assert after["fields"] == invoice["fields"]
        assert after["corrections"] == []
