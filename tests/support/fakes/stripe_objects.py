"""Stripe objects the fake creates, built on the published fixture shapes with the sample noise (fake
shipping costs, invoice settings, currency conversion…) replaced by what a fresh object has."""

from __future__ import annotations

import secrets
import string
from typing import Any

from api import clock
from tests.support.fakes.fixtures import stripe_object

API_VERSION = "2026-10-28.endive"
_ALPHABET = string.ascii_letters + string.digits


def new_id(prefix: str) -> str:
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(24))


def now() -> int:
    """Objects' `created`: the project clock's moment, like the GoCardless fake (signatures keep the wall
    clock)."""
    return int(clock.utc_now().timestamp())


def checkout_session(
    params: dict[str, Any], *, url_base: str, amount: int | None, currency: str | None
) -> dict[str, Any]:
    session_id = new_id("cs_test_")
    mode = params["mode"]
    return stripe_object(
        "checkout.session",
        id=session_id,
        url=f"{url_base}/_checkout/{session_id}",
        mode=mode,
        status="open",
        payment_status="unpaid" if mode == "payment" else "no_payment_required",
        amount_subtotal=amount,
        amount_total=amount,
        currency=currency,
        client_reference_id=params.get("client_reference_id"),
        customer=params.get("customer"),
        customer_email=params.get("customer_email"),
        customer_details=None,
        locale=params.get("locale"),
        metadata=params.get("metadata", {}),
        success_url=params.get("success_url"),
        cancel_url=params.get("cancel_url"),
        expires_at=int(params["expires_at"]) if "expires_at" in params else now() + 24 * 3600,
        created=now(),
        payment_intent=None,  # created when the payer confirms, as Stripe does today
        setup_intent=None,
        payment_method_types=params.get("allowed_payment_method_types", ["card"]),
        after_expiration=None,
        invoice_creation=None,
        shipping_address_collection=None,
        shipping_cost=None,
        total_details={"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
        currency_conversion=None,
        collected_information=None,
        custom_text={
            "after_submit": None,
            "shipping_address": None,
            "submit": None,
            "terms_of_service_acceptance": None,
        },
        adaptive_pricing={"enabled": False},
        managed_payments={"enabled": False},
    )


def customer(params: dict[str, Any]) -> dict[str, Any]:
    return stripe_object(
        "customer",
        id=new_id("cus_"),
        email=params.get("email") or None,
        name=params.get("name") or None,
        metadata=params.get("metadata", {}),
        preferred_locales=params.get("preferred_locales", []),
        created=now(),
        currency=None,
        discount=None,
        shipping=None,
    )


def payment_method(kind: str, customer_id: str | None, *, failing: bool = False) -> dict[str, Any]:
    fields: dict[str, Any] = {"card": None}
    if kind == "sepa_debit":
        last4 = "3001" if failing else "3000"
        fields["sepa_debit"] = {
            "bank_code": "37040044",
            "branch_code": None,
            "country": "DE",
            "fingerprint": new_id("fp_")[:19],
            "last4": last4,
            "generated_from": None,
        }
    else:
        fields["card"] = {
            "brand": "visa",
            "country": "FR",
            "exp_month": 12,
            "exp_year": 2030,
            "last4": "4242",
            "funding": "credit",
            "networks": {"available": ["visa"], "preferred": None},
        }
    return stripe_object(
        "payment_method",
        id=new_id("pm_"),
        type=kind,
        customer=customer_id,
        metadata={},
        created=now(),
        billing_details={
            "address": None,
            "email": None,
            "name": "Jenny Rosen",
            "phone": None,
            "tax_id": None,
        },
        **fields,
    )


def mandate(payment_method_id: str) -> dict[str, Any]:
    return stripe_object(
        "mandate",
        id=new_id("mandate_"),
        payment_method=payment_method_id,
        status="active",
        type="multi_use",
        multi_use={},
        payment_method_details={
            "type": "sepa_debit",
            "sepa_debit": {"reference": "RUM" + secrets.token_hex(6).upper(), "url": ""},
        },
        customer_acceptance={
            "accepted_at": now(),
            "type": "online",
            "online": {"ip_address": "127.0.0.1", "user_agent": "fake-browser"},
        },
    )


def payment_intent(params: dict[str, Any], *, status: str) -> dict[str, Any]:
    return stripe_object(
        "payment_intent",
        id=new_id("pi_"),
        amount=int(params["amount"]),
        amount_received=0,
        amount_capturable=0,
        amount_details={},
        currency=params["currency"],
        customer=params.get("customer"),
        description=params.get("description"),
        metadata=params.get("metadata", {}),
        payment_method=params.get("payment_method"),
        payment_method_types=params.get("allowed_payment_method_types", ["card"]),
        payment_method_options=params.get("payment_method_options", {}),
        status=status,
        created=now(),
        canceled_at=None,
        last_payment_error=None,
        latest_charge=None,
        next_action=None,
        processing=None,
        shipping=None,
        transfer_data=None,
        automatic_payment_methods=None,
        managed_payments={"enabled": False},
    )


def setup_intent(params: dict[str, Any], *, status: str) -> dict[str, Any]:
    return stripe_object(
        "setup_intent",
        id=new_id("seti_"),
        customer=params.get("customer"),
        metadata=params.get("metadata", {}),
        payment_method=params.get("payment_method"),
        payment_method_types=params.get("allowed_payment_method_types", ["sepa_debit"]),
        status=status,
        usage=params.get("usage", "off_session"),
        mandate=None,
        created=now(),
        last_setup_error=None,
        next_action=None,
        automatic_payment_methods=None,
    )


def charge(intent: dict[str, Any]) -> dict[str, Any]:
    return stripe_object(
        "charge",
        id=new_id("ch_"),
        amount=intent["amount"],
        amount_captured=intent["amount"],
        amount_refunded=0,
        captured=True,
        paid=True,
        refunded=False,
        status="succeeded",
        currency=intent["currency"],
        customer=intent["customer"],
        description=intent["description"],
        metadata=intent["metadata"],
        payment_intent=intent["id"],
        payment_method=intent["payment_method"],
        created=now(),
    )


def refund(charge_object: dict[str, Any], amount: int, metadata: dict[str, Any]) -> dict[str, Any]:
    return stripe_object(
        "refund",
        id=new_id("re_"),
        amount=amount,
        charge=charge_object["id"],
        payment_intent=charge_object["payment_intent"],
        currency=charge_object["currency"],
        metadata=metadata,
        status="succeeded",
        created=now(),
        destination_details=None,
    )


def event(kind: str, obj: dict[str, Any]) -> dict[str, Any]:
    return stripe_object(
        "event",
        id=new_id("evt_"),
        api_version=API_VERSION,
        created=now(),
        data={"object": obj},
        livemode=False,
        pending_webhooks=0,
        request={"id": None, "idempotency_key": None},
        type=kind,
    )
