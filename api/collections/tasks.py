"""Periodic planning of automatic collections, and one job per collection: notice, commit, submit."""

from __future__ import annotations

from datetime import timedelta

from api.clock import paris_today
from api.collections import service
from api.prenotified import notify_then_submit
from api.worker import TaskContext, enqueue, task


@task("collections.plan", every=timedelta(minutes=5))
def plan_collections(context: TaskContext) -> None:
    """Plan what is new, then hand every unfinished collection (new, or left by a failure) to its job."""
    service.plan(context.session, today=paris_today(), prenotice_days=context.settings.sepa_prenotice_days)
    for organisation_id, collection_id in service.unfinished(context.session):
        enqueue(
            context.session,
            "collections.process",
            organisation_id=organisation_id,
            tenant=str(organisation_id),
            collection_id=str(collection_id),
        )


@task("collections.process", max_attempts=3)
def process_collection(context: TaskContext, *, tenant: str, collection_id: str) -> None:
    notify_then_submit(context, service, tenant=tenant, ident=collection_id)
