"""A stateful GoCardless for the endpoints our adapter uses.

Faithful where our code depends on it: JSON envelopes (`{"payments": {...}}`), `{"error": {...}}` bodies,
Bearer auth and the GoCardless-Version header, `Idempotency-Key` on creates answering a reused key with
409 invalid_state / idempotent_creation_conflict + links.conflicting_resource_id (whatever the parameters,
as GoCardless does), at most 3 metadata keys, mandates' next_possible_charge_date (today + 3 business
days) and 422 validation_failed for an earlier charge_date. Test-control routes under `/_test/`;
webhooks are sent as GoCardless does: one signed batch per change.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import operator
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from tests.support.fakes import gocardless_objects as objects
from tests.support.fakes._http import FakeServer, Request, Response
from tests.support.fakes.gocardless_bank import GoCardlessBank

ACCESS_TOKEN = "sandbox_encaisse_fake_token"
ID = r"([A-Z0-9_]+)"
DOCS = "https://developer.gocardless.com/api-reference#"
MAX_LIMIT = 500  # the largest page GoCardless lists
CREATED_AT: dict[str, Callable[[datetime, datetime], bool]] = {
    "created_at[gt]": operator.gt,
    "created_at[gte]": operator.ge,
    "created_at[lt]": operator.lt,
    "created_at[lte]": operator.le,
}
NOT_FILTERS = ("limit", "after", "before", "include")


class FakeGoCardless(FakeServer, GoCardlessBank):
    def __init__(self, access_token: str = ACCESS_TOKEN) -> None:
        FakeServer.__init__(self)
        self.access_token = access_token
        self.resources: dict[str, dict[str, dict[str, Any]]] = {
            kind: {}
            for kind in (
                "billing_requests",
                "billing_request_flows",
                "mandates",
                "payments",
                "instalment_schedules",
            )
        }
        self.events: list[dict[str, Any]] = []
        self.webhook: tuple[str, str] | None = None
        self._keys: dict[tuple[str, str], str] = {}
        self._batch: list[dict[str, Any]] = []
        # GoCardless may answer fewer than `limit` records with an `after` cursor; tests lower this to read
        # several pages without creating hundreds of resources.
        self.max_page_size = MAX_LIMIT
        self._routes_for_resources()
        self.route("POST", r"/_test/webhooks", self._configure_webhook)
        self.route("POST", rf"/_test/billing_requests/{ID}/fulfil", self._fulfil_route)
        self.route("POST", rf"/_test/payments/{ID}/advance", self._advance_route)
        self.route("POST", rf"/_test/mandates/{ID}/cancel", self._bank_cancel_route)
        self.route("GET", rf"/_flow/{ID}", self._hosted_page)

    def _routes_for_resources(self) -> None:
        create = self._idempotent
        self.route("POST", r"/billing_requests", create("billing_requests", self._create_billing_request))
        self.route("GET", rf"/billing_requests/{ID}", self._get("billing_requests"))
        self.route("POST", rf"/billing_requests/{ID}/actions/cancel", self._cancel_billing_request)
        self.route("POST", r"/billing_request_flows", self._create_flow)
        self.route("GET", rf"/mandates/{ID}", self._get("mandates"))
        self.route("POST", rf"/mandates/{ID}/actions/cancel", self._cancel_mandate)
        self.route("POST", r"/payments", create("payments", self._create_payment))
        self.route("GET", rf"/payments/{ID}", self._get("payments"))
        self.route("GET", r"/payments", self._list_payments)
        self.route("POST", rf"/payments/{ID}/actions/cancel", self._cancel_payment)
        self.route(
            "POST",
            r"/instalment_schedules/create_with_dates",
            create("instalment_schedules", self._create_schedule),
        )
        self.route("GET", rf"/instalment_schedules/{ID}", self._get("instalment_schedules"))
        self.route("POST", rf"/instalment_schedules/{ID}/actions/cancel", self._cancel_schedule)
        self.route("GET", r"/events", self._list_events)

    # --- what tests look at ------------------------------------------------------------------------------

    def all(self, kind: str) -> list[dict[str, Any]]:
        with self.lock:
            return [copy.deepcopy(r) for r in self.resources[kind].values()]

    def one(self, kind: str, identity: str) -> dict[str, Any]:
        with self.lock:
            return copy.deepcopy(self.resources[kind][identity])

    # --- server hooks ------------------------------------------------------------------------------------

    def parse(self, request: Request) -> dict[str, Any]:
        if not request.body:
            return {}
        parsed: dict[str, Any] = json.loads(request.body)
        return parsed

    def authenticate(self, request: Request) -> Response | None:
        if request.headers.get("authorization") != f"Bearer {self.access_token}":
            return self.error(
                401, "invalid_api_usage", "Access token not found", reason="access_token_not_found"
            )
        if not request.headers.get("gocardless-version"):
            return self.error(
                400, "invalid_api_usage", "Missing GoCardless-Version header", reason="missing_version_header"
            )
        return None

    def error(self, status: int, kind: str, message: str, **extra: Any) -> Response:
        if kind == "api_error":
            kind = "gocardless"  # GoCardless's word for its own internal errors
        details = extra.get("errors") or [{"reason": extra.get("reason", kind), "message": message}]
        body = {
            "message": message,
            "type": kind,
            "code": status,
            "errors": details,
            "documentation_url": DOCS + str(details[0].get("reason", kind)),
            "request_id": objects.new_id("RQ"),
        }
        return Response(status, {"error": body})

    def invalid_field(self, field: str, message: str, resource: str) -> Response:
        errors = [{"field": field, "message": message, "request_pointer": f"/{resource}/{field}"}]
        return self.error(422, "validation_failed", "Validation failed", errors=errors)

    def invalid_state(self, reason: str, message: str) -> Response:
        return self.error(422, "invalid_state", message, reason=reason)

    def _answer(self, request: Request, control: bool, fault: Any) -> Response:
        response = super()._answer(request, control, fault)
        self._send_batch()  # one webhook per change, like GoCardless batches the events of one action
        return response

    # --- idempotency -------------------------------------------------------------------------------------

    def _idempotent(self, kind: str, handler: Any) -> Any:
        def wrapped(request: Request, match: re.Match[str]) -> Response:
            key = request.headers.get("idempotency-key")
            existing = self._keys.get((request.path, key)) if key else None
            if existing is not None:
                message = "A resource has already been created with this idempotency key"
                errors = [
                    {
                        "reason": "idempotent_creation_conflict",
                        "message": message,
                        "links": {"conflicting_resource_id": existing},
                    }
                ]
                return self.error(409, "invalid_state", message, errors=errors)
            body = request.params.get(kind)
            if not isinstance(body, dict):
                return self.error(
                    400, "invalid_api_usage", f"Missing '{kind}' envelope", reason="invalid_type"
                )
            response: Response = handler(body)
            if key and response.status == 201:
                self._keys[(request.path, key)] = response.body[kind]["id"]
            return response

        return wrapped

    # --- reads -------------------------------------------------------------------------------------------

    def _get(self, kind: str) -> Any:
        def get(_: Request, match: re.Match[str]) -> Response:
            found = self.resources[kind].get(match.group(1))
            if found is None:
                return self.error(404, "invalid_api_usage", "Resource not found", reason="resource_not_found")
            return Response(200, {kind: found})

        return get

    def _list_payments(self, request: Request, _: re.Match[str]) -> Response:
        wanted = {name: values[0] for name, values in request.query.items()}
        found = [
            p
            for p in self.resources["payments"].values()
            if ("mandate" not in wanted or p["links"]["mandate"] == wanted["mandate"])
            and ("status" not in wanted or p["status"] == wanted["status"])
        ]
        return self._page("payments", found, wanted)

    def _list_events(self, request: Request, _: re.Match[str]) -> Response:
        """Newest first, as GoCardless lists them; `created_at[gt|gte|lt|lte]` ranges, and any other
        parameter (resource_type, action, payment, mandate…) matches the event or one of its links."""
        wanted = {name: values[0] for name, values in request.query.items()}
        try:
            bounds = [
                (CREATED_AT[name], _moment(value)) for name, value in wanted.items() if name in CREATED_AT
            ]
        except ValueError:
            return self.invalid_field("created_at", "must be an ISO 8601 date-time with a zone", "events")
        equal = {n: v for n, v in wanted.items() if n not in CREATED_AT and n not in NOT_FILTERS}
        newest_first = sorted(reversed(self.events), key=lambda e: _moment(e["created_at"]), reverse=True)
        found = [
            e
            for e in newest_first
            if all(compare(_moment(e["created_at"]), bound) for compare, bound in bounds)
            and all(e.get(name) == value or e["links"].get(name) == value for name, value in equal.items())
        ]
        return self._page("events", found, wanted)

    def _page(self, kind: str, found: list[dict[str, Any]], wanted: dict[str, str]) -> Response:
        """Cursor pagination: `after` and `before` are the ids that closed and opened a page."""
        limit = wanted.get("limit", "50")
        if not limit.isdigit() or not 1 <= int(limit) <= MAX_LIMIT:
            return self.invalid_field("limit", f"must be between 1 and {MAX_LIMIT}", kind)
        size = min(int(limit), self.max_page_size)
        ids = [r["id"] for r in found]
        cursor = wanted.get("after") or wanted.get("before")
        if cursor is not None and cursor not in ids:
            # The words are the fake's own: GoCardless's answer to an unknown cursor is not documented.
            return self.error(400, "invalid_api_usage", f"Unknown cursor {cursor}", reason="invalid_cursor")
        start, end = _window(ids, wanted, size)
        page = found[start:end]
        cursors = {
            "before": page[0]["id"] if page and start > 0 else None,
            "after": page[-1]["id"] if page and end < len(found) else None,
        }
        return Response(200, {kind: page, "meta": {"cursors": cursors, "limit": int(limit)}})

    # --- billing requests and flows ----------------------------------------------------------------------

    def _create_billing_request(self, body: dict[str, Any]) -> Response:
        if not body.get("mandate_request") and not body.get("payment_request"):
            return self.invalid_field(
                "mandate_request", "or payment_request must be present", "billing_requests"
            )
        refused = self._refuse_metadata(body, "billing_requests")
        if refused is not None:
            return refused
        created = objects.billing_request(body, customer_id=objects.new_id("CU"))
        self.resources["billing_requests"][created["id"]] = created
        self.record_event(
            "billing_requests",
            "created",
            {"billing_request": created["id"]},
            cause="billing_request_created",
            description="Billing Request created",
        )
        return Response(201, {"billing_requests": created})

    def _create_flow(self, request: Request, _: re.Match[str]) -> Response:
        body = request.params.get("billing_request_flows") or {}
        target = self.resources["billing_requests"].get((body.get("links") or {}).get("billing_request", ""))
        if target is None:
            return self.invalid_field("links", "billing_request must exist", "billing_request_flows")
        if target["status"] not in ("pending", "ready_to_fulfil"):
            return self.invalid_state("billing_request_not_pending", f"Billing request is {target['status']}")
        flow = objects.billing_request_flow(body, self.url)
        self.resources["billing_request_flows"][flow["id"]] = flow
        self.record_event(
            "billing_requests",
            "flow_created",
            {"billing_request": target["id"]},
            cause="billing_request_flow_created",
            description="A flow was created",
        )
        return Response(201, {"billing_request_flows": flow})

    def _cancel_billing_request(self, _: Request, match: re.Match[str]) -> Response:
        target = self.resources["billing_requests"].get(match.group(1))
        if target is None:
            return self.error(404, "invalid_api_usage", "Resource not found", reason="resource_not_found")
        if target["status"] in ("fulfilled", "cancelled"):
            return self.invalid_state(
                "billing_request_not_cancellable", f"Billing request is {target['status']}"
            )
        target["status"] = "cancelled"
        self.record_event(
            "billing_requests",
            "cancelled",
            {"billing_request": target["id"]},
            cause="billing_request_cancelled",
            description="Billing Request cancelled",
        )
        return Response(200, {"billing_requests": target})

    # --- mandates and payments ---------------------------------------------------------------------------

    def _cancel_mandate(self, _: Request, match: re.Match[str]) -> Response:
        target = self.resources["mandates"].get(match.group(1))
        if target is None:
            return self.error(404, "invalid_api_usage", "Resource not found", reason="resource_not_found")
        if target["status"] in ("cancelled", "failed", "expired"):
            return self.invalid_state("mandate_not_active", f"Mandate is {target['status']}")
        self.cancel_mandate_state(target, origin="api", cause="mandate_cancelled")
        return Response(200, {"mandates": target})

    def _create_payment(self, body: dict[str, Any]) -> Response:
        mandate = self.resources["mandates"].get((body.get("links") or {}).get("mandate", ""))
        refused = self._refuse_payment(body, mandate)
        if refused is not None:
            return refused
        assert mandate is not None
        charge_date = body.get("charge_date") or mandate["next_possible_charge_date"]
        created = objects.payment(body, charge_date)
        self.resources["payments"][created["id"]] = created
        self.record_event(
            "payments",
            "created",
            {"payment": created["id"]},
            cause="payment_created",
            description="Payment created via the API.",
            origin="api",
            resource_metadata=created["metadata"],
        )
        return Response(201, {"payments": created})

    def _refuse_payment(self, body: dict[str, Any], mandate: dict[str, Any] | None) -> Response | None:
        if mandate is None:
            return self.invalid_field("links", "mandate must exist", "payments")
        if mandate["status"] not in (
            "pending_submission",
            "submitted",
            "active",
            "pending_customer_approval",
        ):
            return self.invalid_state("mandate_is_inactive", "The mandate for this payment is inactive")
        if not isinstance(body.get("amount"), int) or body["amount"] <= 0:
            return self.invalid_field("amount", "must be greater than 0", "payments")
        if body.get("currency") != "EUR":
            return self.invalid_field("currency", "must be EUR for a sepa_core mandate", "payments")
        charge_date = body.get("charge_date")
        if charge_date and charge_date < mandate["next_possible_charge_date"]:
            return self.invalid_field(
                "charge_date", "must be on or after mandate's next_possible_charge_date", "payments"
            )
        return self._refuse_metadata(body, "payments")

    def _cancel_payment(self, _: Request, match: re.Match[str]) -> Response:
        target = self.resources["payments"].get(match.group(1))
        if target is None:
            return self.error(404, "invalid_api_usage", "Resource not found", reason="resource_not_found")
        if target["status"] not in ("pending_submission", "pending_customer_approval"):
            return self.invalid_state("cancellation_failed", f"This payment is {target['status']}")
        self.set_payment_status(target, "cancelled", origin="api")
        return Response(200, {"payments": target})

    # --- instalment schedules ----------------------------------------------------------------------------

    def _create_schedule(self, body: dict[str, Any]) -> Response:
        mandate = self.resources["mandates"].get((body.get("links") or {}).get("mandate", ""))
        if mandate is None:
            return self.invalid_field("links", "mandate must exist", "instalment_schedules")
        instalments = body.get("instalments") or []
        if not instalments or sum(i["amount"] for i in instalments) != body.get("total_amount"):
            return self.invalid_field(
                "total_amount", "must equal the sum of the instalment amounts", "instalment_schedules"
            )
        refused = self._refuse_metadata(body, "instalment_schedules")
        if refused is not None:
            return refused
        schedule = objects.instalment_schedule(body, mandate["links"]["customer"])
        self.resources["instalment_schedules"][schedule["id"]] = schedule
        answer = copy.deepcopy(schedule)  # the API answers "pending"; the payments come right after
        self.create_schedule_payments(schedule, mandate, body)
        return Response(201, {"instalment_schedules": answer})

    def _cancel_schedule(self, _: Request, match: re.Match[str]) -> Response:
        target = self.resources["instalment_schedules"].get(match.group(1))
        if target is None:
            return self.error(404, "invalid_api_usage", "Resource not found", reason="resource_not_found")
        target["status"] = "cancelled"
        for payment_id in target["links"]["payments"]:
            payment = self.resources["payments"][payment_id]
            if payment["status"] == "pending_submission":
                self.set_payment_status(payment, "cancelled", origin="api")
        return Response(200, {"instalment_schedules": target})

    def _refuse_metadata(self, body: dict[str, Any], resource: str) -> Response | None:
        metadata = body.get("metadata") or {}
        if len(metadata) > 3:
            return self.invalid_field("metadata", "must have at most 3 keys", resource)
        return None

    # --- test control ------------------------------------------------------------------------------------

    def _configure_webhook(self, request: Request, _: re.Match[str]) -> Response:
        body = json.loads(request.body)
        self.webhook = (body["url"], body["secret"])
        return Response(200, {"url": body["url"]})

    def _fulfil_route(self, _: Request, match: re.Match[str]) -> Response:
        target = self.resources["billing_requests"].get(match.group(1))
        if target is None or target["status"] != "pending":
            return self.invalid_state("not_pending", f"cannot fulfil {match.group(1)}")
        self.fulfil(target)
        return Response(200, {"billing_requests": target})

    def _advance_route(self, request: Request, match: re.Match[str]) -> Response:
        target = self.resources["payments"].get(match.group(1))
        wanted = json.loads(request.body or b"{}").get("to")
        problem = "no such payment" if target is None else self.advance(target, wanted)
        if problem is not None:
            return self.invalid_state("invalid_transition", problem)
        return Response(200, {"payments": target})

    def _bank_cancel_route(self, _: Request, match: re.Match[str]) -> Response:
        target = self.resources["mandates"].get(match.group(1))
        if target is None:
            return self.error(404, "invalid_api_usage", "Resource not found", reason="resource_not_found")
        self.cancel_mandate_state(target, origin="bank", cause="bank_account_closed")
        return Response(200, {"mandates": target})

    def _hosted_page(self, _: Request, match: re.Match[str]) -> Response:
        return Response(
            200,
            f"<html><body>Fake GoCardless hosted page {match.group(1)}</body></html>",
            content_type="text/html",
        )

    # --- events and webhooks -----------------------------------------------------------------------------

    def record_event(
        self,
        resource_type: str,
        action: str,
        links: dict[str, str],
        *,
        cause: str,
        description: str,
        origin: str = "gocardless",
        resource_metadata: dict[str, Any] | None = None,
    ) -> None:
        event = objects.event(
            resource_type,
            action,
            links,
            cause=cause,
            description=description,
            origin=origin,
            resource_metadata=resource_metadata,
        )
        self.events.append(event)
        self._batch.append(event)

    def _send_batch(self) -> None:
        batch, self._batch = self._batch, []
        if not batch or self.webhook is None:
            return
        url, secret = self.webhook
        body = json.dumps({"events": batch, "meta": {"webhook_id": objects.new_id("WB")}}).encode()
        signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        self.post_webhook(
            url,
            body,
            {
                "Content-Type": "application/json",
                "Webhook-Signature": signature,
                "User-Agent": "gocardless-webhook-service/1.1",
                "Origin": "https://api-sandbox.gocardless.com",
            },
        )


def _window(ids: list[str], wanted: dict[str, str], size: int) -> tuple[int, int]:
    """The slice of one page: after the `after` record, or up to the `before` record, or the first."""
    if "after" in wanted:
        start = ids.index(wanted["after"]) + 1
        return start, start + size
    if "before" in wanted:
        end = ids.index(wanted["before"])
        return max(0, end - size), end
    return 0, size


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone")
    return moment
