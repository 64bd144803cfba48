"""Periodic work: enqueue the tasks registered with `every=`, and sweep up jobs nobody is running."""

from __future__ import annotations

import fcntl
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from api.clock import utc_now
from api.db import SessionFactory, unit_of_work
from api.jobs.repository import PeriodicRunRepository
from api.logging import get_logger
from api.worker import Dispatcher, JobRunner, enqueue, registered_tasks

log = get_logger(__name__)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
KEEP_RUNS = timedelta(days=7)  # claimed periods remembered this long (the longest period is an hour)


def period_start(moment: datetime, every: timedelta) -> datetime:
    """The start of the period of length `every` that holds `moment`, periods counted from the Unix epoch, so
    every process agrees on them whatever its start time."""
    return EPOCH + ((moment - EPOCH) // every) * every


class LeaderLock:
    """One holder at a time among the processes of a machine that share a data directory (`serve --workers
    N`): an exclusive `flock` on a file, released by the kernel when its holder exits, so another process
    takes over at its next try. Running the periodic jobs twice would be harmless (they are idempotent and
    runs claim their jobs), only wasteful; the lock keeps it to once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    def held(self) -> bool:
        """Whether this process holds the lock, taking it if it is free."""
        if self._file is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing the last descriptor releases the flock
            self._file = None


class Scheduler:
    def __init__(
        self,
        factory: SessionFactory,
        runner: JobRunner,
        dispatcher: Dispatcher,
        *,
        interval: float,
        leader: LeaderLock | None = None,
    ) -> None:
        self.factory = factory
        self.runner = runner
        self.dispatcher = dispatcher
        self.interval = interval
        self.leader = leader  # None: this is the only scheduler (`encaisse scheduler`, a single `serve`)
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
                runs = PeriodicRunRepository(session)
                for spec in due:
                    assert spec.every is not None
                    start = period_start(now, spec.every)
                    # Another scheduler (another machine, or this one before a restart) may have run it.
                    if runs.claim(spec.name, start, now):
                        enqueue(session, spec.name)
                    self._next_run[spec.name] = start + spec.every
                runs.forget_before(now - KEEP_RUNS)
        self.dispatcher.dispatch(self.runner.sweep(grace=timedelta(seconds=self.interval * 2)))

    def run(self, stop: threading.Event) -> None:
        log.info("scheduler.started", interval=self.interval)
        try:
            while True:
                try:
                    if self.leader is None or self.leader.held():
                        self.tick()
                except Exception:  # a database blip must not kill the loop
                    log.exception("scheduler.tick_failed")
                if stop.wait(self.interval):
                    break
        finally:
            if self.leader is not None:
                self.leader.release()
        log.info("scheduler.stopped")

    def start_thread(self, stop: threading.Event) -> threading.Thread:
        thread = threading.Thread(target=self.run, args=(stop,), name="encaisse-scheduler", daemon=True)
        thread.start()
        return thread
