"""Plans whose mandate is active: one job per plan, the notice, a commit, then the provider's schedule."""

from __future__ import annotations

import uuid
from datetime import timedelta

from api.clock import paris_today
from api.instalments import service
from api.worker import TaskContext, enqueue, task


@task("instalments.plan", every=timedelta(minutes=5))
def plan_instalments(context: TaskContext) -> None:
    """Also enqueued as soon as a mandate a plan waits for becomes active."""
    for organisation_id, plan_id in service.waiting(context.session):
        enqueue(
            context.session,
            "instalments.process",
            organisation_id=organisation_id,
            tenant=str(organisation_id),
            plan_id=str(plan_id),
        )


@task("instalments.process", max_attempts=3)
def process_plan(context: TaskContext, *, tenant: str, plan_id: str) -> None:
    session, settings = context.session, context.settings
    organisation_id, ids = uuid.UUID(tenant), uuid.UUID(plan_id)
    service.notify(session, organisation_id, ids, settings=settings, today=paris_today())
    # The notice is on record before the provider is asked: a second run does not send it again.
    session.commit()
    service.submit(
        session,
        organisation_id,
        ids,
        secret_key=settings.secret_key,
        timeout=settings.provider_timeout_seconds,
    )
