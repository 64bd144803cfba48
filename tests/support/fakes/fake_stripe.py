"""A stateful Stripe for the endpoints our adapter uses, answering like API version endive does.

Faithful where our code depends on it: form-encoded nested parameters, Bearer auth, Stripe-shaped errors,
idempotency (same key + same parameters → the saved response; other parameters → 400 idempotency_error;
4xx validation errors are not saved, as on Stripe), `payment_method_types` refused (endive), SEPA only in
EUR, Checkout `expires_at` between 30 minutes and 24 hours. Test-control routes under `/_test/`.
"""

from __future__ import annotations

import copy
import json
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import unquote

import stripe

from api import clock
from tests.support.fakes import stripe_objects as objects
from tests.support.fakes._http import FakeServer, Request, Response
from tests.support.fakes.stripe_form import parse_form
from tests.support.fakes.stripe_payer import StripePayer

API_KEY = "sk_test_encaisse_fake"
ID = r"([A-Za-z0-9_]+)"
MAX_LIMIT = 100  # Stripe refuses a larger `limit` on every list
RANGE: dict[str, Callable[[int, int], bool]] = {
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


@dataclass
class _Saved:
    fingerprint: str
    response: Response


class FakeStripe(FakeServer, StripePayer):
    def __init__(self, api_key: str = API_KEY) -> None:
        FakeServer.__init__(self)
        self.api_key = api_key
        self.objects: dict[str, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []
        self.webhook: tuple[str, str] | None = None  # (url, secret)
        self._saved: dict[tuple[str, str], _Saved] = {}
        # Stripe may answer fewer than `limit` items with has_more; tests lower this to read several pages
        # without creating hundreds of objects.
        self.max_page_size = MAX_LIMIT
        post = self._idempotent
        self.route("POST", r"/v1/checkout/sessions", post(self._create_session))
        self.route("GET", rf"/v1/checkout/sessions/{ID}", self._retrieve)
        self.route("POST", rf"/v1/checkout/sessions/{ID}/expire", post(self._expire_session))
        self.route("POST", r"/v1/customers", post(self._create_customer))
        self.route("POST", r"/v1/setup_intents", post(self._create_setup_intent))
        self.route("GET", rf"/v1/setup_intents/{ID}", self._retrieve)
        self.route("GET", rf"/v1/mandates/{ID}", self._retrieve)
        self.route("POST", rf"/v1/payment_methods/{ID}/detach", post(self._detach))
        self.route("POST", r"/v1/payment_intents", post(self._create_payment_intent))
        self.route("GET", rf"/v1/payment_intents/{ID}", self._retrieve)
        self.route("GET", r"/v1/payment_intents", self._list_of("payment_intent"))
        self.route("GET", r"/v1/checkout/sessions", self._list_of("checkout.session"))
        self.route("GET", r"/v1/events", self._list_events)
        self.route("POST", r"/v1/refunds", post(self._create_refund))
        self.route("POST", r"/_test/webhooks", self._configure_webhook)
        self.route("POST", rf"/_test/checkout/sessions/{ID}/pay", self._pay_route)
        self.route("GET", rf"/_checkout/{ID}", self._hosted_page)

    # --- what tests look at ------------------------------------------------------------------------------

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        with self.lock:
            return [copy.deepcopy(o) for o in self.objects.values() if o["object"] == kind]

    def event_types(self) -> list[str]:
        with self.lock:
            return [e["type"] for e in self.events]

    # --- server hooks ------------------------------------------------------------------------------------

    def parse(self, request: Request) -> dict[str, Any]:
        if request.method == "GET":
            return parse_form("&".join(f"{k}={v}" for k, values in request.query.items() for v in values))
        return parse_form(request.body.decode())

    def authenticate(self, request: Request) -> Response | None:
        if request.headers.get("authorization") == f"Bearer {self.api_key}":
            return None
        given = request.headers.get("authorization", "").removeprefix("Bearer ")
        shown = given[:8] + "*" * max(0, len(given) - 12) + given[-4:] if given else "(none)"
        return self.error(401, "invalid_request_error", f"Invalid API Key provided: {shown}")

    def error(self, status: int, kind: str, message: str, **extra: Any) -> Response:
        body = {"type": kind, "message": message, **{k: v for k, v in extra.items() if v is not None}}
        if "code" in body:
            body["doc_url"] = f"https://docs.stripe.com/error-codes/{body['code'].replace('_', '-')}"
        return Response(status, {"error": body}, headers={"Request-Id": objects.new_id("req_")})

    def invalid(self, message: str, *, code: str | None = None, param: str | None = None) -> Response:
        return self.error(400, "invalid_request_error", message, code=code, param=param)

    # --- idempotency -------------------------------------------------------------------------------------

    def _idempotent(self, handler: Any) -> Any:
        def wrapped(request: Request, match: re.Match[str]) -> Response:
            key = request.headers.get("idempotency-key")
            if key is None:
                return handler(request, match)  # type: ignore[no-any-return]
            fingerprint = json.dumps([request.path, request.params], sort_keys=True)
            saved = self._saved.get((self.api_key, key))
            if saved is not None:
                if saved.fingerprint != fingerprint:
                    return self.error(400, "idempotency_error", _reused_key_message(key))
                return Response(
                    saved.response.status,
                    saved.response.body,
                    {**saved.response.headers, "Idempotent-Replayed": "true"},
                )
            response: Response = handler(request, match)
            if response.status not in (400, 401, 404):  # validation failures are not saved, as on Stripe
                snapshot = Response(response.status, copy.deepcopy(response.body), response.headers)
                self._saved[(self.api_key, key)] = _Saved(fingerprint, snapshot)
            return response

        return wrapped

    # --- generic reads -----------------------------------------------------------------------------------

    def _retrieve(self, request: Request, match: re.Match[str]) -> Response:
        found = self.objects.get(unquote(match.group(1)))
        kind = request.path.split("/")[2].rstrip("s").replace("checkout", "checkout.session")
        if found is None:
            return self.error(
                404,
                "invalid_request_error",
                f"No such {kind}: '{match.group(1)}'",
                code="resource_missing",
                param="id",
            )
        return Response(200, _public(found))

    def _list_of(self, kind: str) -> Any:
        def listing(request: Request, _: re.Match[str]) -> Response:
            found = [o for o in reversed(list(self.objects.values())) if o["object"] == kind]
            return self._page(found, request)

        return listing

    def _list_events(self, request: Request, _: re.Match[str]) -> Response:
        """Newest first, as Stripe lists them (by `created`, then newest recorded first within a second);
        `created` is a Unix time or a range, `type` a name with optional `*` wildcards."""
        created = request.params.get("created")
        if not _is_range(created):
            return self.invalid("Invalid created: an integer or a hash of gt, gte, lt, lte", param="created")
        wanted = request.params.get("type", "*")
        newest_first = sorted(reversed(self.events), key=lambda e: int(e["created"]), reverse=True)
        found = [
            e for e in newest_first if _in_range(e["created"], created) and fnmatchcase(e["type"], wanted)
        ]
        return self._page(found, request, url="/v1/events")

    def _page(self, found: list[dict[str, Any]], request: Request, url: str | None = None) -> Response:
        """The items after `starting_after` (the last id of the previous page), at most `limit` of them."""
        limit = str(request.params.get("limit", "10"))
        if not limit.isdigit() or not 1 <= int(limit) <= MAX_LIMIT:
            return self.invalid(
                f"This value must be between 1 and {MAX_LIMIT} (it currently is '{limit}')", param="limit"
            )
        start = 0
        after = request.params.get("starting_after")
        if after is not None:
            ids = [o["id"] for o in found]
            if after not in ids:
                return self.invalid(
                    f"No such object: '{after}'", code="resource_missing", param="starting_after"
                )
            start = ids.index(after) + 1
        page = found[start : start + min(int(limit), self.max_page_size)]
        body = {
            "object": "list",
            "data": [_public(o) for o in page],
            "has_more": start + len(page) < len(found),
            "url": url or request.path,
        }
        return Response(200, body)

    # --- Checkout ----------------------------------------------------------------------------------------

    def _create_session(self, request: Request, _: re.Match[str]) -> Response:
        params = request.params
        refused = self._refuse_session(params)
        if refused is not None:
            return refused
        amount, currency = _line_total(params)
        session = objects.checkout_session(params, url_base=self.url, amount=amount, currency=currency)
        session["_private"] = {  # what Stripe keeps for later and never shows in the session
            "payment_intent_data": params.get("payment_intent_data", {}),
            "setup_intent_data": params.get("setup_intent_data", {}),
        }
        self._store(session)
        return Response(200, _public(session))

    def _refuse_session(self, params: dict[str, Any]) -> Response | None:
        if "payment_method_types" in params:
            return self.invalid(
                "The `payment_method_types` parameter is no longer supported on API version "
                f"{objects.API_VERSION}; use `allowed_payment_method_types` instead.",
                code="payment_method_types_no_longer_supported",
                param="payment_method_types",
            )
        if params.get("mode") not in ("payment", "setup"):
            return self.invalid("Invalid mode: must be one of payment, setup or subscription", param="mode")
        if not params.get("success_url"):
            return self.invalid(
                "Missing required param: success_url.", code="parameter_missing", param="success_url"
            )
        if "expires_at" in params:
            ahead = int(params["expires_at"]) - int(clock.utc_now().timestamp())
            if not 30 * 60 - 5 <= ahead <= 24 * 3600:
                return self.invalid(
                    "The `expires_at` timestamp must be between 30 minutes and 24 hours "
                    "after the Checkout Session is created.",
                    param="expires_at",
                )
        if params.get("customer") and params["customer"] not in self.objects:
            return self.invalid(
                f"No such customer: '{params['customer']}'", code="resource_missing", param="customer"
            )
        return self._refuse_amounts(params)

    def _refuse_amounts(self, params: dict[str, Any]) -> Response | None:
        if params["mode"] == "payment" and not params.get("line_items"):
            return self.invalid("You must specify `line_items` in `payment` mode.", param="line_items")
        amount, currency = _line_total(params)
        currency = currency or params.get("currency")
        methods = params.get("allowed_payment_method_types", ["card"])
        if "sepa_debit" in methods and currency != "eur":
            return self.invalid(
                f"The currency provided ({currency}) is invalid for one or more payment method "
                "types: sepa_debit. sepa_debit only supports eur.",
                param="allowed_payment_method_types",
            )
        if amount is not None and amount < 50:
            return self.invalid(
                "The Checkout Session's total amount due must add up to at least €0.50 eur",
                code="amount_too_small",
                param="line_items[0][price_data][unit_amount]",
            )
        return None

    def _expire_session(self, _: Request, match: re.Match[str]) -> Response:
        session = self.objects.get(match.group(1))
        if session is None:
            return self.error(
                404,
                "invalid_request_error",
                f"No such checkout.session: '{match.group(1)}'",
                code="resource_missing",
                param="session",
            )
        if session["status"] != "open":
            return self.invalid(
                f"Only Checkout Sessions with a status of `open` can be expired. This "
                f"Checkout Session has a status of `{session['status']}`."
            )
        session.update(status="expired", url=None)
        self.record_event("checkout.session.expired", session)
        return Response(200, _public(session))

    # --- customers, setup intents, mandates ---------------------------------------------------------------

    def _create_customer(self, request: Request, _: re.Match[str]) -> Response:
        return Response(200, self._store(objects.customer(request.params)))

    def _create_setup_intent(self, request: Request, _: re.Match[str]) -> Response:
        params = request.params
        if "payment_method_types" in params:
            return self.invalid(
                "The `payment_method_types` parameter is no longer supported.",
                code="payment_method_types_no_longer_supported",
                param="payment_method_types",
            )
        confirmed = params.get("confirm") == "true" and params.get("payment_method") in self.objects
        intent = self._store(objects.setup_intent(params, status="requires_payment_method"))
        if confirmed:
            self.succeed_setup(intent, self.objects[params["payment_method"]])
        return Response(200, intent)

    def _detach(self, _: Request, match: re.Match[str]) -> Response:
        method = self.objects.get(match.group(1))
        if method is None:
            return self.error(
                404,
                "invalid_request_error",
                f"No such PaymentMethod: '{match.group(1)}'",
                code="resource_missing",
            )
        method["customer"] = None
        self.record_event("payment_method.detached", method)
        for mandate in self.of_type_live("mandate"):
            if mandate["payment_method"] == method["id"] and mandate["status"] != "inactive":
                mandate["status"] = "inactive"
                self.record_event("mandate.updated", mandate)
        return Response(200, method)

    # --- payment intents, refunds --------------------------------------------------------------------------

    def _create_payment_intent(self, request: Request, _: re.Match[str]) -> Response:
        params = request.params
        refused = self._refuse_payment_intent(params)
        if refused is not None:
            return refused
        intent = self._store(objects.payment_intent(params, status="requires_payment_method"))
        self.record_event("payment_intent.created", intent)
        if params.get("confirm") == "true":
            self.confirm_intent(intent, self.objects[params["payment_method"]])
        return Response(200, intent)

    def _refuse_payment_intent(self, params: dict[str, Any]) -> Response | None:
        if "payment_method_types" in params:
            return self.invalid(
                "The `payment_method_types` parameter is no longer supported on PaymentIntents.",
                code="payment_method_types_no_longer_supported",
                param="payment_method_types",
            )
        if not str(params.get("amount", "")).isdigit() or int(params["amount"]) < 50:
            return self.invalid("Amount must be at least €0.50 eur", code="amount_too_small", param="amount")
        if params.get("confirm") != "true":
            return None
        method = self.objects.get(params.get("payment_method", ""))
        if method is None:
            return self.invalid(
                f"No such PaymentMethod: '{params.get('payment_method')}'",
                code="resource_missing",
                param="payment_method",
            )
        mandate = self.objects.get(params.get("mandate", ""))
        if method["type"] == "sepa_debit" and (mandate is None or mandate["status"] != "active"):
            return self.invalid(
                "The mandate is not active and cannot be used for payments.",
                code="mandate_invalid",
                param="mandate",
            )
        if params.get("off_session") == "true" and method["customer"] != params.get("customer"):
            return self.invalid(
                "The provided PaymentMethod was previously used with a Customer or detached "
                "from it; it may not be used again off-session.",
                param="payment_method",
            )
        return None

    def _create_refund(self, request: Request, _: re.Match[str]) -> Response:
        params = request.params
        intent = self.objects.get(params.get("payment_intent", ""))
        charge_id = params.get("charge") or (intent or {}).get("latest_charge")
        charge = self.objects.get(charge_id or "")
        if charge is None:
            return self.invalid(
                "This PaymentIntent does not have a successful charge to refund.",
                code="charge_not_refundable",
                param="payment_intent",
            )
        remaining = charge["amount"] - charge["amount_refunded"]
        amount = int(params.get("amount", remaining))
        if amount > remaining or amount <= 0:
            return self.invalid(
                f"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining})",
                code="amount_too_large",
                param="amount",
            )
        refund = self._store(objects.refund(charge, amount, params.get("metadata", {})))
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] == charge["amount"]
        self.record_event("refund.created", refund)
        self.record_event("charge.refunded", charge)
        return Response(200, refund)

    # --- test control ------------------------------------------------------------------------------------

    def _configure_webhook(self, request: Request, _: re.Match[str]) -> Response:
        body = json.loads(request.body)
        self.webhook = (body["url"], body["secret"])
        return Response(200, {"url": body["url"]})

    def _pay_route(self, request: Request, match: re.Match[str]) -> Response:
        method = request.query.get("method", ["card"])[0]
        session = self.objects.get(match.group(1))
        if session is None:
            return self.error(404, "invalid_request_error", "No such checkout.session")
        problem = self.pay(session, method)
        if problem is not None:
            return self.invalid(problem)
        return Response(200, _public(session))

    def _hosted_page(self, _: Request, match: re.Match[str]) -> Response:
        return Response(
            200, f"<html><body>Fake Stripe Checkout {match.group(1)}</body></html>", content_type="text/html"
        )

    # --- state helpers (used by StripePayer too) ---------------------------------------------------------

    def _store(self, obj: dict[str, Any]) -> dict[str, Any]:
        self.objects[obj["id"]] = obj
        return obj

    def store(self, obj: dict[str, Any]) -> dict[str, Any]:
        return self._store(obj)

    def of_type_live(self, kind: str) -> list[dict[str, Any]]:
        return [o for o in self.objects.values() if o["object"] == kind]

    def record_event(self, kind: str, obj: dict[str, Any]) -> None:
        event = objects.event(kind, _public(copy.deepcopy(obj)))
        self.events.append(event)
        if self.webhook is not None:
            url, secret = self.webhook
            payload = json.dumps(event, indent=2, sort_keys=True)
            header = stripe.WebhookSignature.generate_signature_header(payload, secret)
            self.post_webhook(
                url,
                payload.encode(),
                {
                    "Content-Type": "application/json; charset=utf-8",
                    "Stripe-Signature": header,
                    "User-Agent": "Stripe/1.0",
                },
            )


def _public(obj: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in obj.items() if not key.startswith("_")}


def _line_total(params: dict[str, Any]) -> tuple[int | None, str | None]:
    items = params.get("line_items") or []
    if not items:
        return None, None
    total = sum(int(i["price_data"]["unit_amount"]) * int(i.get("quantity", 1)) for i in items)
    return total, items[0]["price_data"]["currency"]


def _is_range(created: object) -> bool:
    if created is None:
        return True
    if isinstance(created, str):
        return created.isdigit()
    return (
        isinstance(created, dict)
        and set(created) <= set(RANGE)
        and all(isinstance(v, str) and v.isdigit() for v in created.values())
    )


def _in_range(moment: int, created: str | dict[str, str] | None) -> bool:
    if created is None:
        return True
    if isinstance(created, str):
        return moment == int(created)
    return all(RANGE[bound](moment, int(value)) for bound, value in created.items())


def _reused_key_message(key: str) -> str:
    return (
        f"Keys for idempotent requests can only be used with the same parameters they were first used "
        f"with. Try using a key other than '{key}' if you meant to execute a different request."
    )
