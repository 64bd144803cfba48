"""What happens on Stripe's side when the payer finishes a hosted page, or an off-session debit runs:
the state changes and the events, in the order Stripe sends them. SEPA settles at once here (Stripe
takes ~5 business days), but the intermediate `processing` state and its events are kept."""

from __future__ import annotations

from typing import Any, Protocol

from tests.support.fakes import stripe_objects as objects

METHODS = {"card": "card", "sepa_ok": "sepa_debit", "sepa_fail": "sepa_debit"}


class _Store(Protocol):
    objects: dict[str, dict[str, Any]]

    def store(self, obj: dict[str, Any]) -> dict[str, Any]: ...

    def record_event(self, kind: str, obj: dict[str, Any]) -> None: ...


class StripePayer:
    def pay(self: _Store, session: dict[str, Any], method: str) -> str | None:
        """Complete a Checkout Session as the payer would; a reason when the payer could not."""
        kind = METHODS.get(method)
        if kind is None:
            return f"unknown method {method!r}: card, sepa_ok or sepa_fail"
        if session["status"] != "open":
            return f"this Checkout Session is {session['status']}"
        if kind not in session["payment_method_types"]:
            return f"{kind} is not offered by this Checkout Session"
        payment_method = self.store(
            objects.payment_method(kind, session["customer"], failing=method == "sepa_fail")
        )
        if session["mode"] == "setup":
            StripePayer._pay_setup(self, session, payment_method)
        else:
            StripePayer._pay_payment(self, session, payment_method)
        return None

    def _pay_setup(self: _Store, session: dict[str, Any], payment_method: dict[str, Any]) -> None:
        data = session["_private"]["setup_intent_data"]
        params = {
            "customer": session["customer"],
            "metadata": data.get("metadata", {}),
            "payment_method": payment_method["id"],
        }
        intent = self.store(objects.setup_intent(params, status="requires_payment_method"))
        session["setup_intent"] = intent["id"]
        StripePayer.succeed_setup(self, intent, payment_method)
        session["status"] = "complete"
        self.record_event("checkout.session.completed", session)

    def succeed_setup(self: _Store, intent: dict[str, Any], payment_method: dict[str, Any]) -> None:
        intent["payment_method"] = payment_method["id"]
        payment_method["customer"] = intent["customer"]
        if payment_method["type"] == "sepa_debit":
            mandate = self.store(objects.mandate(payment_method["id"]))
            intent["mandate"] = mandate["id"]
        intent["status"] = "succeeded"
        self.record_event("setup_intent.succeeded", intent)

    def _pay_payment(self: _Store, session: dict[str, Any], payment_method: dict[str, Any]) -> None:
        data = session["_private"]["payment_intent_data"]
        params = {
            "amount": session["amount_total"],
            "currency": session["currency"],
            "customer": session["customer"],
            "description": data.get("description"),
            "metadata": data.get("metadata", {}),
            "payment_method": payment_method["id"],
            "allowed_payment_method_types": session["payment_method_types"],
        }
        intent = self.store(objects.payment_intent(params, status="requires_payment_method"))
        session["payment_intent"] = intent["id"]
        session["status"] = "complete"
        if payment_method["type"] == "card":
            StripePayer.confirm_intent(self, intent, payment_method)
            session["payment_status"] = "paid"
            self.record_event("checkout.session.completed", session)
            return
        self.store(objects.mandate(payment_method["id"]))
        intent["status"] = "processing"
        self.record_event("payment_intent.processing", intent)
        self.record_event("checkout.session.completed", session)  # payment_status still "unpaid"
        StripePayer.settle_sepa(self, intent, payment_method)
        succeeded = intent["status"] == "succeeded"
        session["payment_status"] = "paid" if succeeded else "unpaid"
        suffix = "succeeded" if succeeded else "failed"
        self.record_event(f"checkout.session.async_payment_{suffix}", session)

    def confirm_intent(self: _Store, intent: dict[str, Any], payment_method: dict[str, Any]) -> None:
        """Confirm an intent: a card succeeds at once, a SEPA debit goes to `processing` (and stays there
        until settle_sepa, which off-session collections leave to the test)."""
        intent["payment_method"] = payment_method["id"]
        if payment_method["type"] == "card":
            charge = self.store(objects.charge(intent))
            intent.update(status="succeeded", amount_received=intent["amount"], latest_charge=charge["id"])
            self.record_event("payment_intent.succeeded", intent)
            return
        intent["status"] = "processing"
        self.record_event("payment_intent.processing", intent)

    def settle_sepa(self: _Store, intent: dict[str, Any], payment_method: dict[str, Any]) -> None:
        if payment_method["sepa_debit"]["last4"] == "3001":  # Stripe's failing test IBAN DE62…3001
            intent.update(
                status="requires_payment_method",
                last_payment_error={
                    "type": "invalid_request_error",
                    "code": "payment_method_not_available",
                    "message": "The debit failed: insufficient funds",
                    "payment_method": payment_method,
                },
            )
            self.record_event("payment_intent.payment_failed", intent)
            return
        charge = self.store(objects.charge(intent))
        intent.update(status="succeeded", amount_received=intent["amount"], latest_charge=charge["id"])
        self.record_event("payment_intent.succeeded", intent)
