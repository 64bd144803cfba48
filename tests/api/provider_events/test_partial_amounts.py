"""A provider event never moves more money than it says: a refund or a dispute whose payload does not carry
its own amount is kept as a failed event with its reason for a person to review, never priced at the whole
payment. On SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from api.db import SessionFactory
from api.models import InboxEvent
from api.runtime import Runtime
from tests.api.provider_events.test_batches import intent_event, invoice, quiet, run_batch, state
from tests.factories import Tenant

__all__ = ["quiet"]  # the fixture, used by name below

AT = 1_796_000_000  # a fixed moment: the events' own time


def refund(charge: dict[str, Any], event_id: str) -> dict[str, Any]:
    return {
        "id": event_id, "object": "event", "api_version": "2024-06-20", "livemode": False,
        "created": AT + 60, "type": "charge.refunded", "data": {"object": charge},
    }  # fmt: skip


def test_a_charge_without_its_object_key_refunds_what_amount_refunded_says(
    quiet: SessionFactory, runtime: Runtime, tenant: Tenant
) -> None:
    target = invoice(quiet, tenant, 190_200)
    charge = {
        "id": "ch_t",
        "payment_intent": "pi_t",
        "amount": 190_200,
        "amount_refunded": 500,
        "currency": "eur",
    }  # fmt: skip  (no "object" key)

    statuses = run_batch(
        quiet, runtime, tenant,
        [intent_event("succeeded", "pi_t", 190_200, [target], AT), refund(charge, "evt_trim_1")],
    )  # fmt: skip

    assert statuses == ["processed", "processed"]
    status, paid, _, kinds = state(quiet, target)
    assert (status, paid, kinds) == ("partially_paid", 189_700, ["refunded", "succeeded"])


def test_a_refund_that_does_not_say_how_much_is_held_for_review_and_changes_nothing(
    quiet: SessionFactory, runtime: Runtime, tenant: Tenant
) -> None:
    target = invoice(quiet, tenant, 190_200)
    charge = {"id": "ch_u", "payment_intent": "pi_u", "currency": "eur"}  # no amount at all

    statuses = run_batch(
        quiet, runtime, tenant,
        [intent_event("succeeded", "pi_u", 190_200, [target], AT), refund(charge, "evt_trim_2")],
    )  # fmt: skip

    assert statuses == ["processed", "failed"]  # shown with its reason on the events page, for review
    assert state(quiet, target)[:3] == ("paid", 190_200, 0)
    with quiet() as session:
        error = session.scalar(select(InboxEvent.error).where(InboxEvent.event_id == "evt_trim_2"))
    assert error is not None
    assert "does not say how much" in error
