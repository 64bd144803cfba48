"""Plans whose mandate is active: one job per plan, the notice, a commit, then the provider's schedule."""

from __future__ import annotations

from datetime import timedelta

from api.instalments import service
from api.prenotified import notify_then_submit
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
    notify_then_submit(context, service, tenant=tenant, ident=plan_id)
