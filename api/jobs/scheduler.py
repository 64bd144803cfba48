"""Periodic work: enqueue the tasks registered with `every=`, and sweep up jobs nobody is running."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from api.clock import utc_now
from api.db import SessionFactory, unit_of_work
from api.logging import get_logger
from api.worker import Dispatcher, JobRunner, enqueue, registered_tasks

log = get_logger(__name__)


class Scheduler:
    def __init__(
        self, factory: SessionFactory, runner: JobRunner, dispatcher: Dispatcher, *, interval: float
    ) -> None:
        self.factory = factory
        self.runner = runner
        self.dispatcher = dispatcher
        self.interval = interval
        self._next_run: dict[str, datetime] = {}

    def tick(self) -> None:
        now = utc_now()
        due = [
            spec
            for spec in registered_tasks().values()
            if spec.every is not None and self._next_run.get(spec.name, now) <= now
        ]
        if due:
            with unit_of_work(self.factory) as session:
                for spec in due:
                    enqueue(session, spec.name)
                    assert spec.every is not None
                    self._next_run[spec.name] = now + spec.every
        self.dispatcher.dispatch(self.runner.sweep(grace=timedelta(seconds=self.interval * 2)))

    def run(self, stop: threading.Event) -> None:
        log.info("scheduler.started", interval=self.interval)
        while True:
            try:
                self.tick()
            except Exception:  # a database blip must not kill the loop
                log.exception("scheduler.tick_failed")
            if stop.wait(self.interval):
                break
        log.info("scheduler.stopped")

    def start_thread(self, stop: threading.Event) -> threading.Thread:
        thread = threading.Thread(target=self.run, args=(stop,), name="encaisse-scheduler", daemon=True)
        thread.start()
        return thread
