"""GoCardless resources the fake creates, on the published fixture shapes (gocardless-pro-python's
tests/fixtures), with the sample values replaced by what a fresh resource has. The fake provider lives at
the project clock's moment, so its dates (charge dates, creation times) follow the suite's pinned day."""

from __future__ import annotations

import secrets
import string
from datetime import date, timedelta
from typing import Any

from api import clock
from tests.support.fakes.fixtures import gocardless_resource

CREDITOR = "CR000FAKE0001"
_ALPHABET = string.ascii_uppercase + string.digits


def new_id(prefix: str) -> str:
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(10))


def now_iso() -> str:
    return clock.utc_now().isoformat(timespec="milliseconds").replace("+00:00", "Z")


def today() -> date:
    return clock.utc_now().date()


def business_days_after(start: date, days: int) -> date:
    current = start
    while days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def billing_request(params: dict[str, Any], customer_id: str) -> dict[str, Any]:
    mandate_request = params.get("mandate_request")
    if mandate_request is not None:
        mandate_request = {
            "currency": mandate_request["currency"],
            "scheme": "sepa_core",
            "verify": "recommended",
            "metadata": {},
            "links": {},
            "authorisation_source": None,
            "constraints": None,
        }
    payment_request = params.get("payment_request")
    if payment_request is not None:
        payment_request = {
            "amount": payment_request["amount"],
            "currency": payment_request["currency"],
            "description": payment_request.get("description"),
            "scheme": "sepa_core",
            "metadata": {},
            "links": {},
            "app_fee": None,
        }
    return gocardless_resource(
        "billing_requests",
        "create",
        id=new_id("BRQ"),
        status="pending",
        created_at=now_iso(),
        metadata=params.get("metadata", {}),
        mandate_request=mandate_request,
        payment_request=payment_request,
        instalment_schedule_request=None,
        subscription_request=None,
        actions=[],
        links={"creditor": CREDITOR, "customer": customer_id},
    )


def billing_request_flow(params: dict[str, Any], url_base: str) -> dict[str, Any]:
    flow_id = new_id("BRF")
    expires = clock.utc_now() + timedelta(days=7)
    return gocardless_resource(
        "billing_request_flows",
        "create",
        id=flow_id,
        authorisation_url=f"{url_base}/_flow/{flow_id}",
        created_at=now_iso(),
        expires_at=expires.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        redirect_uri=params.get("redirect_uri"),
        exit_uri=params.get("exit_uri"),
        language=params.get("language", "en"),
        prefilled_customer=params.get("prefilled_customer", {}),
        prefilled_bank_account={},
        session_token=new_id("sesh_"),
        links={"billing_request": params["links"]["billing_request"]},
    )


def mandate(customer_id: str, metadata: dict[str, Any]) -> dict[str, Any]:
    return gocardless_resource(
        "mandates",
        id=new_id("MD"),
        status="active",
        scheme="sepa_core",
        reference="ENCAISSE-" + secrets.token_hex(4).upper(),
        created_at=now_iso(),
        metadata=metadata,
        next_possible_charge_date=business_days_after(today(), 3).isoformat(),
        next_possible_standard_ach_charge_date=None,
        payments_require_approval=False,
        authorisation_source="web",
        consent_parameters=None,
        consent_type=None,
        links={"creditor": CREDITOR, "customer": customer_id, "customer_bank_account": new_id("BA")},
    )


def payment(params: dict[str, Any], charge_date: str, schedule_id: str | None = None) -> dict[str, Any]:
    links = {"creditor": CREDITOR, "mandate": params["links"]["mandate"]}
    if schedule_id is not None:
        links["instalment_schedule"] = schedule_id
    return gocardless_resource(
        "payments",
        id=new_id("PM"),
        status="pending_submission",
        amount=int(params["amount"]),
        amount_refunded=0,
        app_fee=None,
        currency=params["currency"],
        charge_date=charge_date,
        created_at=now_iso(),
        description=params.get("description"),
        metadata=params.get("metadata", {}),
        reference=params.get("reference"),
        retry_if_possible=False,
        fx={
            "estimated_exchange_rate": None,
            "exchange_rate": None,
            "fx_amount": None,
            "fx_currency": params["currency"],
        },
        links=links,
    )


def instalment_schedule(params: dict[str, Any], customer_id: str) -> dict[str, Any]:
    return gocardless_resource(
        "instalment_schedules",
        "create_with_dates",
        id=new_id("IS"),
        status="pending",  # GoCardless creates the payments asynchronously
        name=params["name"],
        currency=params["currency"],
        total_amount=int(params["total_amount"]),
        created_at=now_iso(),
        metadata=params.get("metadata", {}),
        payment_errors={},
        links={"customer": customer_id, "mandate": params["links"]["mandate"], "payments": []},
    )


def event(
    resource_type: str,
    action: str,
    links: dict[str, str],
    *,
    cause: str,
    description: str,
    origin: str = "gocardless",
    resource_metadata: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "id": new_id("EV"),
        "created_at": now_iso(),
        "resource_type": resource_type,
        "action": action,
        "links": links,
        "details": {"origin": origin, "cause": cause, "description": description},
        "metadata": {},
        "resource_metadata": resource_metadata or {},
    }
