"""`encaisse serve --workers N`: N processes answer on one port, and the periodic jobs are enqueued by one
scheduler at a time (a lock file in the data directory), not once per process."""

from __future__ import annotations

import time
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.db import unit_of_work
from api.jobs.scheduler import LeaderLock
from api.models import Job
from api.runtime import Runtime
from api.settings import Settings
from api.worker import registered_tasks
from tests.support.processes import encaisse_env, free_port, start_encaisse, stop, wait_until


def periodic_task_names() -> set[str]:
    return {spec.name for spec in registered_tasks().values() if spec.every is not None}


def periodic_jobs(session: Session) -> dict[str, int]:
    statement = select(Job.name, func.count()).where(Job.name.in_(periodic_task_names())).group_by(Job.name)
    counts = {name: count for name, count in session.execute(statement)}
    session.commit()  # end the read: on SQLite an open transaction holds the write lock
    return counts


def test_the_leader_lock_has_one_holder_and_passes_on_when_released(tmp_path: Path) -> None:
    first, second = LeaderLock(tmp_path / "scheduler.lock"), LeaderLock(tmp_path / "scheduler.lock")

    assert (first.held(), second.held(), first.held()) == (True, False, True)

    first.release()

    assert (second.held(), first.held()) == (True, False)
    second.release()


def test_two_embedded_schedulers_on_one_data_dir_enqueue_each_periodic_job_once(
    runtime: Runtime, settings: Settings, db: Session
) -> None:
    # Given two serving processes' runtimes on the same data directory and database
    other = Runtime.build(settings)
    try:
        # When both start their embedded scheduler and tick several times (every 0.2 s in tests)
        runtime.start_embedded_scheduler()
        other.start_embedded_scheduler()
        wait_until(lambda: set(periodic_jobs(db)) == periodic_task_names(), timeout=30)
        time.sleep(5 * settings.sweep_interval_seconds)
    finally:
        other.close()

    # Then every periodic job was enqueued once, not once per process
    assert periodic_jobs(db) == dict.fromkeys(periodic_task_names(), 1)


def worker_processes(parent: int) -> list[int]:
    """The uvicorn workers `serve` spawned (multiprocessing's resource tracker is not one)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == parent and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_serve_with_two_workers_serves_from_two_processes_and_schedules_once(
    tmp_path: Path, settings: Settings, database_url: str
) -> None:
    port = free_port()
    env = encaisse_env(
        env="test",
        secret_key=settings.secret_key,
        data_dir=str(settings.data_dir),
        database_url=database_url,
        sweep_interval_seconds="0.2",
    )
    log = tmp_path / "serve.log"
    process = start_encaisse(["serve", "--port", str(port), "--workers", "2"], env, log)
    try:
        url = f"http://127.0.0.1:{port}"

        def ready() -> bool:
            try:
                return httpx2.get(f"{url}/readyz", timeout=1).status_code == 200
            except httpx2.TransportError:
                return False

        wait_until(ready, timeout=60)
        wait_until(lambda: len(worker_processes(process.pid)) == 2, timeout=30)
        # Every request on a new connection is answered, whichever process accepts it
        assert {httpx2.get(f"{url}/readyz", timeout=5).status_code for _ in range(20)} == {200}

        runtime = Runtime.build(settings)
        try:
            with unit_of_work(runtime.session_factory) as session:
                wait_until(lambda: set(periodic_jobs(session)) == periodic_task_names(), timeout=30)
                time.sleep(5 * settings.sweep_interval_seconds)
                counts = periodic_jobs(session)
        finally:
            runtime.close()
        assert counts == dict.fromkeys(periodic_task_names(), 1), log.read_text()
        assert log.read_text().count("First start") == 1
    finally:
        stop(process)
    assert worker_processes(process.pid) == []
