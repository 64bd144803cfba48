"""Until provider webhooks arrive (a later issue), pending mandates are asked about periodically."""

from __future__ import annotations

from datetime import timedelta

from api.mandates import service
from api.worker import TaskContext, task


@task("mandates.refresh", every=timedelta(minutes=10))
def refresh_mandates(context: TaskContext) -> None:
    service.refresh_pending(
        context.session,
        secret_key=context.settings.secret_key,
        timeout=context.settings.provider_timeout_seconds,
    )
