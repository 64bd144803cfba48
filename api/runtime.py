"""Everything a process needs, built once from settings: engine, sessions, job runner and backend."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Engine

from api import clock
from api.db import SessionFactory, make_engine, make_session_factory
from api.jobs.backends import DramatiqBackend, InProcessBackend
from api.jobs.scheduler import LeaderLock, Scheduler
from api.providers import hosts
from api.settings import Settings
from api.worker import JobRunner, dispatch_after_commit, import_task_modules


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    session_factory: SessionFactory
    runner: JobRunner
    backend: InProcessBackend | DramatiqBackend
    # Sessions in which each statement commits on its own on PostgreSQL (the same as `session_factory` on
    # SQLite): for the webhook intake, whose one write is a single atomic statement, BEGIN and COMMIT were
    # two of its five round trips to the database.
    intake_session_factory: SessionFactory
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        import_task_modules(settings.task_modules)
        if settings.clock_at is not None:
            clock.pin(settings.clock_at, since=settings.clock_at_since)
        hosts.use(settings)  # the provider API bases: the server's settings, never a tenant's
        settings.files_dir.mkdir(parents=True, exist_ok=True)
        engine = make_engine(settings.effective_database_url)
        factory = make_session_factory(engine)
        runner = JobRunner(
            factory,
            settings,
            lease=timedelta(seconds=settings.job_lease_seconds),
            default_max_attempts=settings.job_max_attempts,
        )
        backend: InProcessBackend | DramatiqBackend
        if settings.redis_url:
            backend = DramatiqBackend(settings.redis_url, runner)
        else:
            backend = InProcessBackend(runner, workers=settings.job_workers)
        dispatch_after_commit(factory, backend)
        intake = factory
        if engine.dialect.name == "postgresql":
            intake = make_session_factory(engine.execution_options(isolation_level="AUTOCOMMIT"))
            dispatch_after_commit(intake, backend)
        return cls(
            settings=settings, engine=engine, session_factory=factory, runner=runner, backend=backend,
            intake_session_factory=intake,
        )  # fmt: skip

    @property
    def embedded_worker(self) -> bool:
        return isinstance(self.backend, InProcessBackend)

    def scheduler(self, leader: LeaderLock | None = None) -> Scheduler:
        return Scheduler(
            self.session_factory,
            self.runner,
            self.backend,
            interval=self.settings.sweep_interval_seconds,
            leader=leader,
        )

    def start_embedded_scheduler(self) -> None:
        """In the embedded mode the serving process is its own worker and scheduler; with `serve --workers
        N`, one process at a time (the lock's holder) runs the periodic jobs and the sweeper."""
        if self.embedded_worker:
            leader = LeaderLock(self.settings.data_dir / "scheduler.lock")
            self._threads.append(self.scheduler(leader).start_thread(self._stop))

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=10)
        if isinstance(self.backend, InProcessBackend):
            self.backend.shutdown()
        self.engine.dispose()
