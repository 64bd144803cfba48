"""Measure webhook intake and processing end to end against the stack's ceiling: a real `encaisse serve` on a
fresh PostgreSQL database, signed Stripe events about real invoices sent by concurrent senders, the ledger
checked; and, alternating with it, the same deliveries sent to a minimal FastAPI endpoint (the ceiling) that
verifies the signature and stores the event with one `INSERT … ON CONFLICT DO NOTHING` into a scratch table.

Usage: python benchmarks/webhooks.py [--events N] [--rounds R] [--workers N] [--senders 16] [--redis]
       [--database-url URL] [--job-workers J]

Each round sends N distinct events (default 2000) to each server: for each of N/2 invoices a
`payment_intent.processing` and a later `payment_intent.succeeded`, plus 20 % of them delivered a second
time (re-signed), all shuffled with a fixed seed. Rounds alternate which server goes first; ours is measured
until its events are processed before the ceiling's next turn. Both servers run `--workers` processes on the
same port kind, the same database server and the same senders. With `--redis`, a redis-server is started and
ours runs with ENCAISSE_REDIS_URL, plus one `encaisse worker` and one `encaisse scheduler`.

The database (`--db-name`, default encaisse_bench_webhooks) is dropped and created on the server of
`--database-url` (an admin URL, default the tests' one), and dropped again at the end.

Prints, per round and side, intake requests/s and latency, the CPU of each process group, and for ours events
processed/s (first delivery to last `processed_at`); then the ratio ours/ceiling and the checks: every
invoice paid once, no event lost, none doubled. Exits 1 if a check fails; throughput targets are
informational.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import json
import os
import queue
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import stripe
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from starlette.concurrency import run_in_threadpool

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from api.db import make_engine, make_session_factory, unit_of_work  # noqa: E402
from api.models import InboxEvent, Invoice, Job, Organisation, PaymentAnomaly, PaymentEntry  # noqa: E402
from api.transactions.service import recompute  # noqa: E402
from benchmarks import scratch  # noqa: E402
from benchmarks.scratch import (  # noqa: E402
    ADMIN_URL,
    cpu_of,
    cpu_of_tree,
    encaisse_command,
    postgres_database,
    serving,
)

STRIPE_KEY = "sk_test_bench_0000000000"
STRIPE_BASE_URL = "http://127.0.0.1:9"  # never called: the events carry the amounts and the invoices
WEBHOOK_SECRET = "whsec_bench_0123456789abcdef"
RATIO_TARGET = 0.6  # of the ceiling's requests/s
PROCESSING_TARGET = 500.0  # events/s
DONE_STATUSES = ("processed", "ignored")
CEILING_TABLE = "bench_ceiling_events"
CEILING_URL_ENV, CEILING_SECRET_ENV = "BENCH_CEILING_DATABASE_URL", "BENCH_CEILING_SECRET"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=2000, help="distinct events a round (2 per invoice)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of ceiling and ours, alternating")
    parser.add_argument("--senders", type=int, default=16, help="concurrent senders (keep-alive each)")
    parser.add_argument("--database-url", default=ADMIN_URL, help="PostgreSQL admin URL (SQLAlchemy form)")
    parser.add_argument("--db-name", default="encaisse_bench_webhooks")
    parser.add_argument("--duplicates", type=float, default=0.2, help="share of events delivered twice")
    parser.add_argument("--job-workers", type=int, help="ENCAISSE_JOB_WORKERS (default: the service's)")
    parser.add_argument("--workers", type=int, default=2, help="server processes of both servers")
    parser.add_argument("--redis", action="store_true", help="ours with Redis, a worker and a scheduler")
    parser.add_argument("--no-ceiling", action="store_true", help="measure ours only")
    parser.add_argument("--log-level", default="INFO", help="ENCAISSE_LOG_LEVEL of the server")
    parser.add_argument(
        "--synchronous-commit",
        choices=("on", "off"),
        default="on",
        help="set on the benchmark database only; off shows what waiting for the WAL flush costs",
    )
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for processing")
    parser.add_argument("--keep", action="store_true", help="keep the database and the server's logs")
    args = parser.parse_args()
    if args.events < 2 or args.events % 2:
        parser.error("--events must be an even number >= 2 (two events per invoice)")

    database_url = make_url(args.database_url).set(database=args.db_name).render_as_string(False)
    # Two server processes importing the app each took over a minute to answer on a machine busy with
    # other work (load average 16 on 2 cores).
    scratch.STARTUP_TIMEOUT_SECONDS = max(scratch.STARTUP_TIMEOUT_SECONDS, 240)
    with tempfile.TemporaryDirectory(prefix="bench-webhooks-") as folder:
        workdir = Path(folder)
        commit = {"synchronous_commit": args.synchronous_commit}
        with postgres_database(args.database_url, args.db_name, keep=args.keep, settings=commit):
            migrate(database_url, workdir)
            create_ceiling_table(database_url)
            with ExitStack() as stack:
                redis_url = stack.enter_context(redis_server(workdir)) if args.redis else None
                server = stack.enter_context(running_server(database_url, workdir, args, redis_url))
                if redis_url:
                    stack.enter_context(job_processes(database_url, workdir, args, redis_url, server))
                ceiling = None if args.no_ceiling else stack.enter_context(ceiling_server(database_url, args))
                ok = Benchmark(args, database_url, server, ceiling).run()
            if args.keep:
                kept = Path(tempfile.mkdtemp(prefix="bench-webhooks-logs-"))
                for path in workdir.glob("*.txt"):
                    (kept / path.name).write_bytes(path.read_bytes())
                print(f"server logs kept in {kept}, database {args.db_name} kept")
    return 0 if ok else 1


# --- the ceiling: a minimal FastAPI endpoint ---------------------------------------------------------------


def create_ceiling_table(database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                f"CREATE TABLE {CEILING_TABLE} (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),"
                " event_id text NOT NULL UNIQUE, payload jsonb NOT NULL,"
                " created_at timestamptz NOT NULL DEFAULT now())"
            )
        )
    engine.dispose()


def ceiling_app() -> FastAPI:
    """What the issue measured as this stack's practical ceiling (uvicorn imports this factory in each of
    its processes): the Stripe signature checked with hmac, the body parsed, the event stored with one
    `INSERT … ON CONFLICT DO NOTHING` in autocommit, from FastAPI's thread pool. No middleware."""
    engine = create_engine(
        os.environ[CEILING_URL_ENV], pool_size=20, max_overflow=20, isolation_level="AUTOCOMMIT"
    )
    secret = os.environ[CEILING_SECRET_ENV].encode()
    insert = text(
        f"INSERT INTO {CEILING_TABLE} (event_id, payload) VALUES (:event_id, CAST(:payload AS jsonb))"  # noqa: S608
        " ON CONFLICT (event_id) DO NOTHING RETURNING 1"
    )

    def store(event_id: str, payload: str) -> int:
        with engine.connect() as connection:
            return len(connection.execute(insert, {"event_id": event_id, "payload": payload}).all())

    app = FastAPI()

    @app.post("/webhooks/stripe/{endpoint_id}")
    async def receive(endpoint_id: str, request: Request) -> JSONResponse:
        body = await request.body()
        parts = dict(item.split("=", 1) for item in request.headers.get("stripe-signature", "").split(","))
        expected = hmac.new(secret, parts.get("t", "").encode() + b"." + body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, parts.get("v1", "")):
            return JSONResponse({"error": "bad signature"}, status_code=401)
        event = json.loads(body)
        new = await run_in_threadpool(store, event["id"], body.decode())
        return JSONResponse({"received": 1, "new": new})

    return app


@dataclass(frozen=True)
class Ceiling:
    url: str
    pid: int
    engine: Engine


@contextmanager
def ceiling_server(database_url: str, args: argparse.Namespace) -> Iterator[Ceiling]:
    port = _free_port()
    env = {**os.environ, CEILING_URL_ENV: database_url, CEILING_SECRET_ENV: WEBHOOK_SECRET,
           "PYTHONPATH": str(REPO_ROOT)}  # fmt: skip
    command = [sys.executable, "-m", "uvicorn", "benchmarks.webhooks:ceiling_app", "--factory",
               "--port", str(port), "--workers", str(args.workers), "--log-level", "warning"]  # fmt: skip
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    engine = create_engine(database_url)
    try:
        _wait_until(lambda: _accepts(port), f"the ceiling server did not start on {url}", process)
        yield Ceiling(url, process.pid, engine)
    finally:
        engine.dispose()
        process.terminate()
        process.wait(timeout=15)


# --- our server, Redis and the job processes ---------------------------------------------------------------


def _server_env(
    database_url: str, workdir: Path, args: argparse.Namespace, redis_url: str | None
) -> dict[str, str]:
    # Only what the benchmark sets: no ENCAISSE_* from the caller's shell.
    env = {key: value for key, value in os.environ.items() if not key.startswith("ENCAISSE_")}
    env.update(
        {
            "ENCAISSE_ENV": "development",
            "ENCAISSE_DATABASE_URL": database_url,
            "ENCAISSE_DATA_DIR": str(workdir / "data"),
            "ENCAISSE_LOG_LEVEL": args.log_level,
            "ENCAISSE_STRIPE_API_BASE": STRIPE_BASE_URL,  # the server's setting: a tenant cannot set it
            "PYTHONUNBUFFERED": "1",
        }
    )
    if redis_url:
        env["ENCAISSE_REDIS_URL"] = redis_url
    if args.job_workers:
        env["ENCAISSE_JOB_WORKERS"] = str(args.job_workers)
    return env


def migrate(database_url: str, workdir: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ENCAISSE_")}
    env.update({"ENCAISSE_DATABASE_URL": database_url, "ENCAISSE_DATA_DIR": str(workdir / "data")})
    done = subprocess.run(
        [encaisse_command(), "db", "upgrade"], cwd=workdir, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"encaisse db upgrade exited with {done.returncode}:\n{done.stderr}")


@dataclass(frozen=True)
class Server:
    url: str
    pid: int
    api_key: str
    log_path: Path
    job_pids: list[int] = field(default_factory=list)  # `encaisse worker` and `scheduler` with Redis

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@contextmanager
def running_server(
    database_url: str, workdir: Path, args: argparse.Namespace, redis_url: str | None
) -> Iterator[Server]:
    """`encaisse serve --workers N` on a free port."""
    env = _server_env(database_url, workdir, args, redis_url)
    with serving(workdir, env, "--workers", str(args.workers)) as started:
        yield Server(
            url=started.url, pid=started.pid, api_key=started.value("API key"), log_path=started.log_path
        )


@contextmanager
def redis_server(workdir: Path) -> Iterator[str]:
    """A throw-away redis-server, as tests/support/processes.redis_server starts it (never under faketime)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed: run `make setup`")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
               "--dir", str(workdir)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        _wait_until(lambda: _accepts(port), "redis-server did not start", process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def job_processes(
    database_url: str, workdir: Path, args: argparse.Namespace, redis_url: str, server: Server
) -> Iterator[None]:
    """One `encaisse worker` and one `encaisse scheduler`, their CPU counted with the server's."""
    env = _server_env(database_url, workdir, args, redis_url)
    processes = []
    for command in ("worker", "scheduler"):
        with (workdir / f"{command}.txt").open("wb") as log:
            processes.append(
                subprocess.Popen([encaisse_command(), command], cwd=workdir, env=env, stdout=log, stderr=log)
            )
    server.job_pids.extend(process.pid for process in processes)
    try:
        time.sleep(3)  # the worker connects to Redis and imports its tasks
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"encaisse {process.args!r} exited (see {workdir})")
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def _wait_until(condition: Any, message: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(message)
        time.sleep(0.1)
    time.sleep(1.0)  # `--workers N`: every process of the server has started listening


# --- CPU accounting (Linux /proc) -----------------------------------------------------------------------


def _postgres_cpu() -> float:
    """Every PostgreSQL process of the machine (the benchmark's backends and the server's own)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    total += cpu_of(int(entry.name))
            except OSError:
                continue
    return total


@dataclass
class CpuMeter:
    """Wall time and CPU seconds of the server under test (its processes, with Redis the job processes),
    the senders (this process) and PostgreSQL, at named marks."""

    pids: list[int]
    marks: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    job_pids: list[int] = field(default_factory=list)  # counted in the server's CPU, and on their own
    jobs: dict[str, float] = field(default_factory=dict)

    def mark(self, name: str) -> None:
        jobs = sum(cpu_of_tree(pid) for pid in self.job_pids)
        self.marks[name] = (
            time.perf_counter(),
            sum(cpu_of_tree(pid) for pid in self.pids) + jobs,
            time.process_time(),
            _postgres_cpu(),
        )
        self.jobs[name] = jobs

    def jobs_spent(self, start: str, end: str) -> float:
        """CPU seconds of the job processes (with Redis) between two marks: part of the server's."""
        return self.jobs[end] - self.jobs[start]

    def spent(self, start: str, end: str) -> tuple[float, float, float, float]:
        """Wall seconds, then CPU seconds of the server, the senders and PostgreSQL between two marks."""
        (w0, s0, c0, p0), (w1, s1, c1, p1) = self.marks[start], self.marks[end]
        return w1 - w0, s1 - s0, c1 - c0, p1 - p0

    def report(self, label: str, start: str, end: str) -> None:
        wall, server, senders, postgres = self.spent(start, end)
        print(
            f"  CPU during {label:<10} ({wall:5.1f} s wall): server {server:5.1f} s ({server / wall:4.0%}),"
            f" senders {senders:5.1f} s ({senders / wall:4.0%}), PostgreSQL {postgres:5.1f} s"
            f" ({postgres / wall:4.0%}) of {os.cpu_count()} cores; load average {_load():.1f}"
        )


def _load() -> float:
    return os.getloadavg()[0]


# --- the benchmark ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Delivery:
    event_id: str
    payload: str


@dataclass(frozen=True)
class Answer:
    started: float
    ended: float
    status: int
    new: int | None


@dataclass
class Intake:
    rate: float = 0.0
    p50: float = 0.0
    p99: float = 0.0
    cpu_ms: float = 0.0  # server CPU per delivery
    load: float = 0.0


@dataclass
class Round:
    number: int
    ours: Intake = field(default_factory=Intake)
    ceiling: Intake | None = None
    processing_rate: float = 0.0

    @property
    def ratio(self) -> float | None:
        return None if self.ceiling is None or not self.ceiling.rate else self.ours.rate / self.ceiling.rate


class Benchmark:
    def __init__(
        self, args: argparse.Namespace, database_url: str, server: Server, ceiling: Ceiling | None
    ) -> None:
        self.args = args
        self.server = server
        self.ceiling = ceiling
        self.engine: Engine = make_engine(database_url)
        self.failures: list[str] = []
        self.rounds: list[Round] = []

    def run(self) -> bool:
        try:
            return self._run()
        finally:
            self.engine.dispose()

    def _run(self) -> bool:
        args = self.args
        path = self.connect_stripe()
        organisation_id = self.organisation_id()
        per_round = args.events // 2
        invoices = self.create_invoices(organisation_id, per_round * args.rounds)
        chunks = [
            dict(list(invoices.items())[n * per_round : (n + 1) * per_round]) for n in range(args.rounds)
        ]
        backend = "Redis, one `encaisse worker`" if args.redis else "in-process job threads"
        print(
            f"== {args.rounds} rounds of {args.events} distinct events"
            f" (+{args.duplicates:.0%} delivered twice) from {args.senders} senders; both servers with"
            f" {args.workers} processes; ours with {backend}; PostgreSQL {args.db_name}"
            f" (synchronous_commit {args.synchronous_commit}); load average {_load():.1f}"
        )
        for number, chunk in enumerate(chunks, start=1):
            deliveries, distinct = self.build_events(organisation_id, chunk, number)
            result = Round(number)
            sides = [self.our_round, self.ceiling_round] if number % 2 == 0 else [
                self.ceiling_round, self.our_round]  # fmt: skip
            for side in sides:
                side(result, path, deliveries, distinct)
            self.rounds.append(result)
        self.check(invoices, args.events * args.rounds)
        return self.summary()

    def our_round(self, result: Round, path: str, deliveries: list[Delivery], distinct: int) -> None:
        print(f"== round {result.number}: Encaisse")
        cpu = CpuMeter([self.server.pid], job_pids=self.server.job_pids)
        cpu.mark("start")
        answers = self.send(self.server.url, path, deliveries)
        cpu.mark("sent")
        result.ours = self.report_intake(answers, distinct, cpu)
        self.wait_processed(result.number, distinct)
        cpu.mark("processed")
        result.processing_rate = self.report_processing(result.number, distinct)
        cpu.report("intake", "start", "sent")
        cpu.report("drain", "sent", "processed")

    def ceiling_round(self, result: Round, path: str, deliveries: list[Delivery], distinct: int) -> None:
        if self.ceiling is None:
            return
        print(f"== round {result.number}: ceiling (minimal FastAPI endpoint, one INSERT)")
        with self.ceiling.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {CEILING_TABLE}"))
        cpu = CpuMeter([self.ceiling.pid])
        cpu.mark("start")
        answers = self.send(self.ceiling.url, path, deliveries)
        cpu.mark("sent")
        result.ceiling = self.report_intake(answers, distinct, cpu)
        cpu.report("intake", "start", "sent")
        with self.ceiling.engine.connect() as connection:
            count = text(f"SELECT count(*) FROM {CEILING_TABLE}")  # noqa: S608 (our own constant)
            stored = connection.execute(count).scalar_one()
        if stored != distinct:
            self.failures.append(f"ceiling round {result.number}: {stored} rows for {distinct} events")

    # -- set-up through the API and the app's own services

    def connect_stripe(self) -> str:
        with httpx2.Client(base_url=self.server.url, headers=self.server.headers, timeout=30) as client:
            response = client.put(
                "/api/v1/settings/providers/stripe",
                json={"secret": STRIPE_KEY, "mode": "test"},
            )
            response.raise_for_status()
            response = client.put(
                "/api/v1/settings/providers/stripe/webhook", json={"secret": WEBHOOK_SECRET}
            )
            response.raise_for_status()
            accounts = client.get("/api/v1/settings/payments").raise_for_status().json()["providers"]
        [account] = [a for a in accounts if a["provider"] == "stripe"]
        if not account["webhook_enabled"]:
            raise RuntimeError("the Stripe webhook is not enabled after saving its secret")
        url: str = account["webhook_url"]
        return url[url.index("/webhooks/") :]

    def organisation_id(self) -> uuid.UUID:
        with self.engine.connect() as connection:
            [ident] = connection.execute(select(Organisation.id)).scalars().all()  # the first-start one
        return ident

    def create_invoices(self, organisation_id: uuid.UUID, count: int) -> dict[uuid.UUID, int]:
        """Ready invoices with a total, their balance computed by the ledger's own `recompute`."""
        rng = random.Random(self.args.seed)
        created: dict[uuid.UUID, int] = {}
        with unit_of_work(make_session_factory(self.engine)) as session:
            for index in range(count):
                total = rng.randint(1_000, 500_000)
                invoice = Invoice(
                    organisation_id=organisation_id, status="ready", currency="EUR", document_type="invoice",
                    number=f"BENCH-{index:06d}", total_incl_tax=total, seller_name="Bench SARL",
                    buyer_name=f"Client {index % 97}",
                )  # fmt: skip
                session.add(invoice)
                session.flush()
                recompute(session, invoice)
                created[invoice.id] = total
        return created

    def build_events(
        self, organisation_id: uuid.UUID, invoices: dict[uuid.UUID, int], number: int
    ) -> tuple[list[Delivery], int]:
        rng = random.Random(self.args.seed + number)
        base = int(time.time()) - 2 * len(invoices) - 3600
        events: list[Delivery] = []
        for index, (invoice_id, total) in enumerate(invoices.items()):
            intent = f"pi_bench{number}r{index:08d}{rng.getrandbits(32):08x}"
            for step, (kind, status) in enumerate((("processing", "processing"), ("succeeded", "succeeded"))):
                event_id = f"{_event_prefix(number)}{index:08d}{step}{rng.getrandbits(32):08x}"
                event = {
                    "id": event_id, "object": "event", "api_version": "2024-06-20", "livemode": False,
                    "created": base + 2 * index + step, "type": f"payment_intent.{kind}",
                    "data": {"object": {
                        "id": intent, "object": "payment_intent", "amount": total, "currency": "eur",
                        "status": status, "payment_method_types": ["sepa_debit"],
                        "metadata": {"invoice_ids": str(invoice_id), "organisation_id": str(organisation_id)},
                    }},
                }  # fmt: skip
                events.append(Delivery(event_id, json.dumps(event)))
        duplicates = rng.sample(events, round(len(events) * self.args.duplicates))
        deliveries = events + duplicates
        rng.shuffle(deliveries)
        return deliveries, len(events)

    # -- intake

    def send(self, url: str, path: str, deliveries: list[Delivery]) -> list[Answer]:
        """`senders` threads, one keep-alive connection each, taking deliveries from one queue; each delivery
        is signed (with the current time, as Stripe does) just before it is sent, outside the timing. The
        senders share the machine with the server, so they use the standard library's lean HTTP client:
        httpx cost them twice the CPU, taken from the server."""
        work: queue.SimpleQueue[Delivery] = queue.SimpleQueue()
        for delivery in deliveries:
            work.put(delivery)
        answers: list[Answer] = []
        lock = threading.Lock()
        errors: list[BaseException] = []
        address = urllib.parse.urlsplit(url)

        def sender() -> None:
            mine: list[Answer] = []
            connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=60)
            try:
                while True:
                    try:
                        delivery = work.get_nowait()
                    except queue.Empty:
                        break
                    header = stripe.WebhookSignature.generate_signature_header(
                        delivery.payload, WEBHOOK_SECRET, timestamp=int(time.time())
                    )
                    headers = {"Stripe-Signature": header, "Content-Type": "application/json"}
                    body = delivery.payload.encode()
                    started = time.perf_counter()
                    connection.request("POST", path, body=body, headers=headers)
                    response = connection.getresponse()
                    answer = response.read()
                    ended = time.perf_counter()
                    new = json.loads(answer).get("new") if response.status == 200 else None
                    mine.append(Answer(started, ended, response.status, new))
            except BaseException as exc:  # reported below; the other senders carry on
                errors.append(exc)
            finally:
                connection.close()
            with lock:
                answers.extend(mine)

        threads = [threading.Thread(target=sender, name=f"sender-{n}") for n in range(self.args.senders)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for exc in errors[:3]:
            self.failures.append(f"a sender crashed: {exc!r}")
        return answers

    def report_intake(self, answers: list[Answer], distinct: int, cpu: CpuMeter) -> Intake:
        if not answers:
            self.failures.append("no delivery was answered")
            return Intake()
        elapsed = max(a.ended for a in answers) - min(a.started for a in answers)
        latencies = sorted(1000 * (a.ended - a.started) for a in answers)
        server_cpu = cpu.spent("start", "sent")[1]
        intake = Intake(
            rate=len(answers) / elapsed, p50=_percentile(latencies, 50), p99=_percentile(latencies, 99),
            cpu_ms=1000 * server_cpu / len(answers), load=_load(),
        )  # fmt: skip
        statuses: dict[int, int] = {}
        for answer in answers:
            statuses[answer.status] = statuses.get(answer.status, 0) + 1
        new = sum(a.new or 0 for a in answers)
        print(f"  intake: {len(answers)} deliveries in {elapsed:.2f} s")
        print(
            f"  {intake.rate:7.1f} requests/s   latency p50 {intake.p50:6.1f} ms   "
            f"p90 {_percentile(latencies, 90):6.1f} ms   p99 {intake.p99:6.1f} ms   "
            f"max {latencies[-1]:6.1f} ms   mean {statistics.fmean(latencies):6.1f} ms"
        )
        print(
            f"  answers: {dict(sorted(statuses.items()))}; acknowledged as new: {new} (distinct: {distinct});"
            f" server CPU {intake.cpu_ms:.2f} ms per delivery"
        )
        if cpu.job_pids:  # the processing that went on meanwhile, in the worker rather than the server
            jobs_ms = 1000 * cpu.jobs_spent("start", "sent") / len(answers)
            print(f"  of which the job processes (processing, not intake): {jobs_ms:.2f} ms per delivery")
        if statuses.get(200, 0) != len(answers):
            self.failures.append(f"intake: not every delivery got 200: {statuses}")
        if new != distinct:
            self.failures.append(f"intake: {new} deliveries acknowledged as new, expected {distinct}")
        return intake

    # -- processing

    def wait_processed(self, number: int, distinct: int) -> None:
        deadline = time.monotonic() + self.args.timeout
        last_report = time.monotonic()
        while True:
            counts = self._inbox_counts(number)
            done = sum(counts.get(s, 0) for s in DONE_STATUSES)
            if done >= distinct:
                return
            if time.monotonic() > deadline:
                self.failures.append(
                    f"processing: still unfinished after {self.args.timeout:.0f} s: {counts}"
                )
                return
            if time.monotonic() - last_report > 10:
                print(f"  … waiting for processing: {counts}")
                last_report = time.monotonic()
            time.sleep(0.1)

    def _inbox_counts(self, number: int | None = None) -> dict[str, int]:
        statement = select(InboxEvent.status, func.count()).group_by(InboxEvent.status)
        if number is not None:
            statement = statement.where(InboxEvent.event_id.startswith(_event_prefix(number)))
        with self.engine.connect() as connection:
            return {status: count for status, count in connection.execute(statement)}

    def report_processing(self, number: int, distinct: int) -> float:
        of_round = InboxEvent.event_id.startswith(_event_prefix(number))
        with self.engine.connect() as connection:
            first_in, last_in, last_done, done, attempts = connection.execute(
                select(
                    func.min(InboxEvent.created_at),
                    func.max(InboxEvent.created_at),
                    func.max(InboxEvent.processed_at),
                    func.count(InboxEvent.processed_at),
                    func.sum(InboxEvent.attempts),
                ).where(of_round)
            ).one()
            during_intake = connection.execute(
                select(func.count()).where(of_round, InboxEvent.processed_at <= last_in)
            ).scalar_one()
        if first_in is None or last_done is None:
            self.failures.append("processing: nothing was processed")
            return 0.0
        span = (last_done - first_in).total_seconds()
        intake_span, drain = (last_in - first_in).total_seconds(), (last_done - last_in).total_seconds()
        rate: float = done / span
        unfinished = "" if done == distinct else f" (UNFINISHED: {distinct - done} left)"
        print(f"  processing: {done} events, first delivery to last processed_at {span:.2f} s{unfinished}")
        print(
            f"  {rate:7.1f} events/s overall; {during_intake / intake_span:7.1f} events/s while deliveries"
            f" came in ({during_intake} in {intake_span:.2f} s); {attempts} processing attempts"
        )
        if drain > 0:
            print(
                f"  {(done - during_intake) / drain:7.1f} events/s after the last delivery"
                f" ({done - during_intake} processed in {drain:.2f} s)"
            )
        return rate

    # -- checks

    def check(self, invoices: dict[uuid.UUID, int], distinct: int) -> None:
        with self.engine.connect() as connection:
            rows, unique = connection.execute(
                select(func.count(), func.count(func.distinct(InboxEvent.event_id)))
            ).one()
            statuses = self._inbox_counts()
            entries: dict[tuple[uuid.UUID, str], int] = {}
            for invoice_id, kind, count in connection.execute(
                select(PaymentEntry.invoice_id, PaymentEntry.kind, func.count()).group_by(
                    PaymentEntry.invoice_id, PaymentEntry.kind
                )
            ):
                entries[(invoice_id, kind)] = count
            found = {
                ident: (status, paid, total)
                for ident, status, paid, total in connection.execute(
                    select(Invoice.id, Invoice.collection_status, Invoice.amount_paid, Invoice.total_incl_tax)
                )
            }
            anomalies = connection.execute(select(func.count()).select_from(PaymentAnomaly)).scalar_one()
            jobs = dict(connection.execute(select(Job.name, func.count()).group_by(Job.name)).all())
            unfinished = connection.execute(
                select(func.count()).where(Job.status.not_in(("done", "superseded")))
            ).scalar_one()
        print("== checks")
        print(
            f"  inbox rows {rows} (distinct event ids {unique}, events sent {distinct}); statuses {statuses}"
        )
        ledger = sum(entries.values())
        print(
            f"  job rows by task {jobs} ({unfinished} not done);"
            f" ledger entries {ledger}; anomalies {anomalies}"
        )
        if rows != distinct or unique != distinct:
            self.failures.append(
                f"inbox: {rows} rows, {unique} distinct, expected {distinct} (lost or doubled)"
            )
        if ledger != distinct:
            self.failures.append(f"ledger: {ledger} entries for {distinct} distinct events")
        if anomalies:
            self.failures.append(f"ledger: {anomalies} anomalies")
        wrong = [
            ident
            for ident, total in invoices.items()
            if found.get(ident) != ("paid", total, total)
            or entries.get((ident, "succeeded")) != 1
            or entries.get((ident, "processing")) != 1
        ]
        right = len(invoices) - len(wrong)
        print(f"  invoices paid exactly once with amount_paid == total: {right}/{len(invoices)}")
        for ident in wrong[:5]:
            self.failures.append(
                f"invoice {ident}: (status, paid, total) {found.get(ident)}, "
                f"succeeded entries {entries.get((ident, 'succeeded'))}, "
                f"processing entries {entries.get((ident, 'processing'))}"
            )
        if len(wrong) > 5:
            self.failures.append(f"… and {len(wrong) - 5} more invoices wrong")
        self.spot_check_api(invoices)

    def spot_check_api(self, invoices: dict[uuid.UUID, int], count: int = 5) -> None:
        """A few invoices as the API shows them (GET /api/v1/invoices/{id}/payments)."""
        chosen = random.Random(self.args.seed).sample(sorted(invoices), min(count, len(invoices)))
        with httpx2.Client(base_url=self.server.url, headers=self.server.headers, timeout=30) as client:
            for ident in chosen:
                body = client.get(f"/api/v1/invoices/{ident}/payments").raise_for_status().json()
                kinds = sorted(e["kind"] for e in body["entries"])
                if (body["collection_status"], body["amount_paid"], kinds) != (
                    "paid", invoices[ident], ["processing", "succeeded"]
                ):  # fmt: skip
                    self.failures.append(f"API view of invoice {ident}: {body}")
        print(f"  API spot check of {len(chosen)} invoices' payments: done")

    def summary(self) -> bool:
        print("== summary (requests/s, p50/p99 ms, server CPU ms per delivery, load average)")
        print("  round | ceiling                        | Encaisse                       | ratio | events/s")
        for result in self.rounds:
            ceiling = _intake_cell(result.ceiling)
            ratio = "  —  " if result.ratio is None else f"{result.ratio:5.2f}"
            print(
                f"  {result.number:5d} | {ceiling:<30} | {_intake_cell(result.ours):<30} | {ratio} |"
                f" {result.processing_rate:7.1f}"
            )
        ratios = [r.ratio for r in self.rounds if r.ratio is not None]
        processing = statistics.median(r.processing_rate for r in self.rounds)
        if ratios:
            median = statistics.median(ratios)
            verdict = "met" if median >= RATIO_TARGET else "MISSED"
            print(f"  intake ratio, median {median:.2f} (target >= {RATIO_TARGET}: {verdict}, informational)")
        verdict = "met" if processing >= PROCESSING_TARGET else "MISSED"
        print(
            f"  processing, median {processing:.1f} events/s (target >= {PROCESSING_TARGET:.0f}: {verdict})"
        )
        if self.failures:
            print(f"  FAILED ({len(self.failures)}):")
            for failure in self.failures:
                print(f"    - {failure}")
            print("  server log tail:\n" + self.server.log_tail())
            return False
        print("  all checks passed: every invoice paid once, no event lost, none doubled")
        return True


def _intake_cell(intake: Intake | None) -> str:
    if intake is None:
        return "—"
    return f"{intake.rate:6.0f} {intake.p50:5.1f}/{intake.p99:5.1f} {intake.cpu_ms:4.2f} {intake.load:4.1f}"


def _event_prefix(number: int) -> str:
    return f"evt_r{number}_"


def _percentile(ordered: list[float], percent: float) -> float:
    index = min(len(ordered) - 1, max(0, round(percent / 100 * len(ordered)) - 1))
    return ordered[index]


if __name__ == "__main__":
    sys.exit(main())
