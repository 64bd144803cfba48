"""Request bodies for GoCardless creates. GoCardless allows at most 3 metadata keys per resource, so we
check that here rather than learn it from a 422 after the payer has been sent somewhere."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from payments.errors import FinalProviderError
from payments.gocardless_errors import PROVIDER
from payments.types import CheckoutRequest, CollectionRequest, InstalmentPlanRequest, MandateRequest

MAX_METADATA_KEYS = 3
MAX_METADATA_VALUE = 500


def metadata(values: Mapping[str, str]) -> dict[str, str]:
    if len(values) > MAX_METADATA_KEYS:
        raise FinalProviderError(
            PROVIDER, f"GoCardless keeps at most 3 metadata keys, got {len(values)}: {sorted(values)}"
        )
    for key, value in values.items():
        if len(value) > MAX_METADATA_VALUE:
            raise FinalProviderError(PROVIDER, f"metadata {key!r} is longer than 500 characters")
    return dict(values)


def billing_request_params(request: CheckoutRequest | MandateRequest) -> dict[str, Any]:
    if isinstance(request, CheckoutRequest):
        return {
            "payment_request": {
                "amount": request.amount.amount,
                "currency": request.amount.currency,
                "description": request.description,
            },
            "metadata": metadata(
                {
                    "organisation_id": request.organisation_id,
                    "invoice_ids": ",".join(request.invoice_ids),
                    "attempt_id": request.attempt_id,
                }
            ),
        }
    params: dict[str, Any] = {
        "mandate_request": {"currency": request.currency},  # GoCardless picks the scheme (sepa_core for EUR)
        "metadata": metadata(
            {"organisation_id": request.organisation_id, "client_id": request.client_id, **request.metadata}
        ),
    }
    if request.one_off_payment is not None:
        params["payment_request"] = {
            "amount": request.one_off_payment.amount,
            "currency": request.one_off_payment.currency,
        }
    return params


def flow_params(request: CheckoutRequest | MandateRequest) -> dict[str, Any]:
    if isinstance(request, CheckoutRequest):
        params: dict[str, Any] = {
            "redirect_uri": request.success_url,
            "exit_uri": request.cancel_url,
            "language": request.locale,
        }
        prefilled = {"email": request.customer_email}
    else:
        params = {"redirect_uri": request.redirect_url, "exit_uri": request.exit_url, "language": "fr"}
        # Our clients are businesses: the name is a company name, not a given/family name pair.
        prefilled = {"email": request.customer_email, "company_name": request.customer_name}
    prefilled = {key: value for key, value in prefilled.items() if value}
    if prefilled:
        params["prefilled_customer"] = prefilled
    return params


def payment_params(request: CollectionRequest, mandate_id: str, charge_date: date) -> dict[str, Any]:
    return {
        "amount": request.amount.amount,
        "currency": request.amount.currency,
        "charge_date": charge_date.isoformat(),
        "description": request.description,
        "metadata": metadata(request.metadata),
        "links": {"mandate": mandate_id},
    }


def instalment_params(request: InstalmentPlanRequest, mandate_id: str) -> dict[str, Any]:
    currencies = {money.currency for money, _ in request.instalments}
    if len(currencies) != 1:
        raise FinalProviderError(PROVIDER, f"an instalment plan needs one currency, got {sorted(currencies)}")
    return {
        "name": request.name,
        "currency": currencies.pop(),
        "total_amount": sum(money.amount for money, _ in request.instalments),
        "instalments": [
            {"amount": money.amount, "charge_date": charge_date.isoformat()}
            for money, charge_date in request.instalments
        ],
        "metadata": metadata(request.metadata),
        "links": {"mandate": mandate_id},
    }
