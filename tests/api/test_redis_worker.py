"""The production job backend, for real: a redis-server, `encaisse worker` and `encaisse scheduler`
processes, and the same database as the API."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.app import create_app
from api.db import unit_of_work
from api.models import Job
from api.runtime import Runtime
from api.settings import Settings
from api.worker import enqueue, import_task_modules
from tests.conftest import make_settings
from tests.factories import Tenant
from tests.support.files import pdf_bytes
from tests.support.processes import encaisse_env, redis_server, start_encaisse, stop, wait_until
from tests.support.tasks import runs

pytestmark = pytest.mark.redis
import_task_modules(["tests.support.tasks"])
LEASE_SECONDS = 4


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    with redis_server(tmp_path) as url:
        yield url


@pytest.fixture
def redis_settings(tmp_path: Path, database_url: str, redis_url: str) -> Settings:
    return make_settings(
        tmp_path / "data",
        database_url,
        redis_url=redis_url,
        job_lease_seconds=LEASE_SECONDS,
        sweep_interval_seconds=0.3,
    )


@pytest.fixture
def redis_runtime(redis_settings: Settings) -> Iterator[Runtime]:
    rt = Runtime.build(redis_settings)
    yield rt
    rt.close()


@pytest.fixture
def process_env(redis_settings: Settings) -> dict[str, str]:
    return encaisse_env(
        env="test",
        secret_key=redis_settings.secret_key,
        data_dir=str(redis_settings.data_dir),
        database_url=redis_settings.effective_database_url,
        redis_url=str(redis_settings.redis_url),
        task_modules=json.dumps(["tests.support.tasks"]),
        job_lease_seconds=str(LEASE_SECONDS),
        sweep_interval_seconds="0.3",
    )


def job_row(runtime: Runtime, job_id: object) -> Job:
    with unit_of_work(runtime.session_factory) as session:
        row = session.get(Job, job_id)
        assert row is not None
        return row


def test_an_upload_is_processed_by_a_worker_process(
    tmp_path: Path,
    redis_settings: Settings,
    redis_runtime: Runtime,
    process_env: dict[str, str],
    tenant: Tenant,
) -> None:
    worker = start_encaisse(["worker"], process_env, tmp_path / "worker.log")
    try:
        with TestClient(create_app(redis_settings, runtime=redis_runtime)) as client:
            response = client.post(
                "/api/v1/documents", headers=tenant.headers, files={"file": ("f.pdf", pdf_bytes(2))}
            )
            assert response.status_code == 201
            document_id = response.json()["documents"][0]["id"]

            def ready() -> bool:
                status = client.get(f"/api/v1/documents/{document_id}", headers=tenant.headers).json()[
                    "status"
                ]
                return bool(status == "ready")

            wait_until(ready, timeout=60, interval=0.2)
    finally:
        stop(worker)
    assert "worker.started" in (tmp_path / "worker.log").read_text()


def test_a_worker_killed_in_the_middle_of_a_job_does_not_lose_it(
    tmp_path: Path, redis_settings: Settings, redis_runtime: Runtime, process_env: dict[str, str]
) -> None:
    data_dir = redis_settings.data_dir
    first = start_encaisse(["worker"], process_env, tmp_path / "worker1.log")
    try:
        # Given a job that a worker process has started
        with unit_of_work(redis_runtime.session_factory) as session:
            job_id = enqueue(session, "tests.wait_for_flag", key="k").id
        wait_until(lambda: runs(data_dir, "k.started") == 1, timeout=60)
        assert job_row(redis_runtime, job_id).status == "running"

        # When the worker is killed outright, and the job's condition to finish is then met
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        stop(first)
    (data_dir / "traces" / "k.flag").touch()
    assert runs(data_dir, "k") == 0

    # Then a new worker and the scheduler's sweeper run it again, to the end
    second = start_encaisse(["worker"], process_env, tmp_path / "worker2.log")
    scheduler = start_encaisse(["scheduler"], process_env, tmp_path / "scheduler.log")
    try:
        wait_until(
            lambda: job_row(redis_runtime, job_id).status == "done", timeout=LEASE_SECONDS + 60, interval=0.2
        )
    finally:
        stop(second)
        stop(scheduler)
    row = job_row(redis_runtime, job_id)
    assert row.attempts == 2
    assert runs(data_dir, "k.started") == 2
    assert runs(data_dir, "k") == 1
    with unit_of_work(redis_runtime.session_factory) as session:
        assert session.scalars(select(Job.status).where(Job.name.like("tests.%"))).all() == ["done"]
