"""Encaisse out of one machine: two `serve` processes, two `worker`s and two `scheduler`s on PostgreSQL and
Redis, under webhook and upload load sent to both servers, with one worker and one server killed in the
middle. Nothing may be lost, doubled or stuck, and each periodic job runs once per period."""

from __future__ import annotations

import itertools
import signal
import subprocess
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.app import create_app
from api.db import unit_of_work
from api.models import Document, InboxEvent, Job, PaymentEntry, PeriodicRun
from api.runtime import Runtime
from api.settings import Settings
from tests.api.provider_events.test_batches import intent_event, invoice
from tests.conftest import make_settings
from tests.factories import Tenant, create_tenant
from tests.support.fakes import FakeStripe
from tests.support.files import invoice_pdf_bytes
from tests.support.processes import encaisse_env, free_port, redis_server, start_encaisse, stop, wait_until
from tests.support.webhooks import enable_webhooks, stripe_signed

pytestmark = [pytest.mark.redis, pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)]
PAYMENTS, UPLOADS = 40, 12
AT = 1_796_000_000


@pytest.fixture
def cluster_settings(tmp_path: Path, database_url: str) -> Iterator[Settings]:
    with redis_server(tmp_path) as redis_url:
        yield make_settings(tmp_path / "shared-data", database_url, redis_url=redis_url,
                            job_lease_seconds=4, sweep_interval_seconds=0.3)  # fmt: skip


class Cluster:
    """The processes, started from one environment (the data directory stands for a shared volume)."""

    def __init__(self, settings: Settings, logs: Path) -> None:
        self.env = encaisse_env(
            env="test", secret_key=settings.secret_key, data_dir=str(settings.data_dir),
            database_url=settings.effective_database_url, redis_url=str(settings.redis_url),
            job_lease_seconds="4", sweep_interval_seconds="0.3",
        )  # fmt: skip
        self.logs = logs
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.ports = [free_port(), free_port()]

    def start(self, name: str, args: list[str]) -> None:
        self.processes[name] = start_encaisse(args, self.env, self.logs / f"{name}.log")

    def kill(self, name: str) -> None:
        self.processes[name].send_signal(signal.SIGKILL)
        self.processes[name].wait(10)

    def alive_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for i, port in enumerate(self.ports)
                if self.processes[f"serve{i}"].poll() is None]  # fmt: skip

    def stop_all(self) -> None:
        for process in self.processes.values():
            stop(process)

    def log_tail(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-1500:]}" for p in sorted(self.logs.glob("*.log")))


def post_to_any(cluster: Cluster, turn: int, path: str, **request: Any) -> httpx2.Response:
    """As a load balancer would: the next live server, another one when a server does not answer."""
    last: Exception | None = None
    for attempt in range(20):
        urls = cluster.alive_urls()
        try:
            response = httpx2.post(urls[(turn + attempt) % len(urls)] + path, timeout=30, **request)
        except httpx2.TransportError as exc:
            last = exc
            continue
        if response.status_code < 500:
            return response
    raise AssertionError(f"no server answered {path}: {last}")


def test_two_servers_two_workers_and_two_schedulers_lose_double_and_leave_nothing(
    tmp_path: Path, cluster_settings: Settings, fake_stripe: FakeStripe
) -> None:
    runtime = Runtime.build(cluster_settings)
    with unit_of_work(runtime.session_factory) as session:
        tenant = create_tenant(session, name=f"Cluster {uuid.uuid4().hex[:6]}")
    with TestClient(create_app(cluster_settings, runtime=runtime)) as client:
        path = enable_webhooks(client, tenant, "stripe", fake_stripe)
    invoices = [invoice(runtime.session_factory, tenant, 1_000 + i) for i in range(PAYMENTS)]

    cluster = Cluster(cluster_settings, tmp_path)
    try:
        for name, args in [("serve0", ["serve", "--port", str(cluster.ports[0])]),
                           ("serve1", ["serve", "--port", str(cluster.ports[1])]),
                           ("worker0", ["worker"]), ("worker1", ["worker"]),
                           ("scheduler0", ["scheduler"]), ("scheduler1", ["scheduler"])]:  # fmt: skip
            cluster.start(name, args)
        wait_until(lambda: all(_ready(url) for url in cluster.alive_urls()), timeout=60)

        def kill_a_worker_and_a_server() -> None:
            cluster.kill("worker0")
            cluster.kill("serve1")

        sent = _send_load(cluster, tenant, path, invoices, halfway=kill_a_worker_and_a_server)
        wait_until(lambda: _settled(runtime, tenant), timeout=120, interval=0.5)
    except Exception as exc:
        raise AssertionError(f"{exc}\n{cluster.log_tail()}") from exc
    finally:
        cluster.stop_all()

    with unit_of_work(runtime.session_factory) as session:
        org = tenant.organisation_id
        by_status = select(InboxEvent.status, func.count()).where(InboxEvent.organisation_id == org)
        events = session.execute(by_status.group_by(InboxEvent.status)).all()
        entries = session.scalars(
            select(PaymentEntry.invoice_id).where(PaymentEntry.organisation_id == org)
        ).all()
        documents = session.scalars(select(Document.status).where(Document.organisation_id == org)).all()
        periodic = session.execute(select(PeriodicRun.name, PeriodicRun.period_start)).all()
        jobs_per_period = session.execute(
            select(Job.name, func.count())
            .where(Job.name.in_({name for name, _ in periodic}))
            .group_by(Job.name)
        ).all()
    runtime.close()

    assert dict(events) == {"processed": PAYMENTS}, "every event stored once and processed"
    assert sorted(entries) == sorted(invoices), "each invoice paid exactly once"
    assert sent["uploads"] == UPLOADS
    assert sorted(documents) == ["ready"] * UPLOADS, "every upload stored once and read"
    runs_per_name = {name: sum(1 for n, _ in periodic if n == name) for name, _ in periodic}
    assert dict(jobs_per_period) == runs_per_name, (
        "one periodic job per claimed period, not one per scheduler"
    )


def _ready(url: str) -> bool:
    try:
        return httpx2.get(f"{url}/readyz", timeout=2).status_code == 200
    except httpx2.TransportError:
        return False


def _send_load(
    cluster: Cluster, tenant: Tenant, path: str, invoices: list[uuid.UUID], halfway: Any
) -> dict[str, int]:
    """Payments and uploads from four threads; `halfway` runs once half of the payments are acknowledged."""
    counter, lock, sent = itertools.count(), threading.Lock(), {"payments": 0, "uploads": 0}
    killed = threading.Event()
    work: list[tuple[str, Any]] = [("payment", i) for i in invoices]
    work += [("upload", n) for n in range(UPLOADS)]
    work = work[::2] + work[1::2]
    items = iter(work)

    def run() -> None:
        while True:
            with lock:
                item = next(items, None)
            if item is None:
                return
            turn = next(counter)
            if item[0] == "payment":
                body, headers = stripe_signed(intent_event("succeeded", f"pi_{item[1].hex[:12]}", 1_000,
                                                           [item[1]], AT))  # fmt: skip
                answer = post_to_any(cluster, turn, path, content=body, headers=headers)
                assert answer.status_code == 200, answer.text
            else:
                pdf = invoice_pdf_bytes(number=f"CL-{item[1]:03d}")
                upload = {"file": (f"cl-{item[1]}.pdf", pdf, "application/pdf")}
                answer = post_to_any(cluster, turn, "/api/v1/documents", headers=tenant.headers, files=upload)
                assert answer.status_code in (200, 201), answer.text
            with lock:
                sent["payments" if item[0] == "payment" else "uploads"] += 1
                if sent["payments"] >= PAYMENTS // 2 and not killed.is_set():
                    killed.set()
                    halfway()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    assert killed.is_set()
    return sent


def _settled(runtime: Runtime, tenant: Tenant) -> bool:
    with unit_of_work(runtime.session_factory) as session:
        org = tenant.organisation_id
        count = select(func.count())
        open_events = session.scalar(
            count.where(InboxEvent.organisation_id == org, InboxEvent.status != "processed")
        )
        open_documents = session.scalar(
            count.where(Document.organisation_id == org, Document.status != "ready")
        )
        open_jobs = session.scalar(
            count.where(Job.organisation_id == org, Job.status.in_(("pending", "running")))
        )
    return open_events == 0 and open_documents == 0 and open_jobs == 0
