"""What happens on GoCardless's side after the API call: the payer signing the hosted page, the banks
moving a payment along, a mandate cancelled by the payer's bank. Each change records its events."""

from __future__ import annotations

from typing import Any, Protocol

from tests.support.fakes import gocardless_objects as objects

# The transitions the scheme allows, and the event action each one emits.
PAYMENT_STEPS: dict[str, tuple[str, ...]] = {
    "pending_submission": ("submitted", "cancelled", "failed"),
    "submitted": ("confirmed", "failed"),
    "confirmed": ("paid_out", "charged_back"),
    "paid_out": ("charged_back",),
}


class _State(Protocol):
    resources: dict[str, dict[str, dict[str, Any]]]

    def record_event(
        self,
        resource_type: str,
        action: str,
        links: dict[str, str],
        *,
        cause: str,
        description: str,
        origin: str = ...,
        resource_metadata: dict[str, Any] | None = ...,
    ) -> None: ...


class GoCardlessBank:
    def fulfil(self: _State, billing_request: dict[str, Any]) -> None:
        """The payer signs: an active sepa_core mandate, and the one-off payment if one was requested."""
        links = billing_request["links"]
        if billing_request["mandate_request"] is not None:
            mandate = objects.mandate(links["customer"], billing_request["metadata"])
            self.resources["mandates"][mandate["id"]] = mandate
            links["mandate_request_mandate"] = mandate["id"]
            self.record_event(
                "mandates",
                "created",
                {"mandate": mandate["id"]},
                cause="mandate_created",
                description="Mandate created via a billing request.",
            )
            self.record_event(
                "mandates",
                "active",
                {"mandate": mandate["id"]},
                cause="mandate_activated",
                description="The mandate has been activated.",
            )
        request = billing_request["payment_request"]
        if request is not None:
            earliest = objects.business_days_after(objects.today(), 3).isoformat()
            mandate_id = links.get("mandate_request_mandate")
            if mandate_id is None:  # a payment alone: GoCardless signs a single-use mandate for it
                single_use = objects.mandate(links["customer"], {})
                self.resources["mandates"][single_use["id"]] = single_use
                mandate_id = single_use["id"]
            params = {
                "amount": request["amount"],
                "currency": request["currency"],
                "description": request["description"],
                "metadata": billing_request["metadata"],
                "links": {"mandate": mandate_id},
            }
            payment = objects.payment(params, earliest)
            self.resources["payments"][payment["id"]] = payment
            links["payment_request_payment"] = payment["id"]
            self.record_event(
                "payments",
                "created",
                {"payment": payment["id"]},
                cause="payment_created",
                description="Payment created by a billing request.",
                resource_metadata=payment["metadata"],
            )
        billing_request["status"] = "fulfilled"
        self.record_event(
            "billing_requests",
            "fulfilled",
            {"billing_request": billing_request["id"]},
            cause="billing_request_fulfilled",
            description="This billing request has been fulfilled.",
        )

    def advance(self: _State, payment: dict[str, Any], to: str | None) -> str | None:
        allowed = PAYMENT_STEPS.get(payment["status"], ())
        if to not in allowed:
            return (
                f"a {payment['status']} payment cannot become {to}; allowed: {', '.join(allowed) or 'none'}"
            )
        GoCardlessBank.set_payment_status(self, payment, to, origin="bank")
        return None

    def set_payment_status(self: _State, payment: dict[str, Any], status: str, *, origin: str) -> None:
        payment["status"] = status
        cause = {
            "submitted": "payment_submitted",
            "confirmed": "payment_confirmed",
            "paid_out": "payment_paid_out",
            "failed": "insufficient_funds",
            "charged_back": "authorisation_disputed",
            "cancelled": "payment_cancelled",
        }[status]
        self.record_event(
            "payments",
            status,
            {"payment": payment["id"]},
            cause=cause,
            description=f"Payment {status.replace('_', ' ')}.",
            origin=origin,
            resource_metadata=payment["metadata"],
        )

    def cancel_mandate_state(self: _State, mandate: dict[str, Any], *, origin: str, cause: str) -> None:
        """Cancelling a mandate cancels its payments not yet submitted, as GoCardless does."""
        mandate["status"] = "cancelled"
        self.record_event(
            "mandates",
            "cancelled",
            {"mandate": mandate["id"]},
            cause=cause,
            description="The mandate was cancelled.",
            origin=origin,
        )
        for payment in self.resources["payments"].values():
            if payment["links"]["mandate"] == mandate["id"] and payment["status"] == "pending_submission":
                GoCardlessBank.set_payment_status(self, payment, "cancelled", origin="gocardless")

    def create_schedule_payments(
        self: _State, schedule: dict[str, Any], mandate: dict[str, Any], body: dict[str, Any]
    ) -> None:
        """GoCardless creates a schedule's payments after answering; a date before the mandate's next
        possible charge date fails the whole schedule (creation_failed, with payment_errors)."""
        instalments = body["instalments"]
        errors = {
            str(index): [
                {"field": "charge_date", "message": "must be on or after mandate's next_possible_charge_date"}
            ]
            for index, instalment in enumerate(instalments)
            if instalment["charge_date"] < mandate["next_possible_charge_date"]
        }
        links = {"instalment_schedule": schedule["id"]}
        if errors:
            schedule.update(status="creation_failed", payment_errors=errors)
            self.record_event(
                "instalment_schedules",
                "creation_failed",
                links,
                cause="instalment_schedule_creation_failed",
                description="The instalment schedule could not be created.",
            )
            return
        for instalment in instalments:
            params = {
                "amount": instalment["amount"],
                "currency": body["currency"],
                "metadata": {},
                "links": {"mandate": mandate["id"]},
            }
            payment = objects.payment(params, instalment["charge_date"], schedule_id=schedule["id"])
            self.resources["payments"][payment["id"]] = payment
            schedule["links"]["payments"].append(payment["id"])
        schedule["status"] = "active"
        self.record_event(
            "instalment_schedules",
            "created",
            links,
            cause="instalment_schedule_created",
            description="The instalment schedule has been created.",
        )
