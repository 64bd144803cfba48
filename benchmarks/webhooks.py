"""Measure webhook intake and processing end to end: a real `encaisse serve` on a fresh PostgreSQL database,
signed Stripe events about real invoices sent by concurrent senders, then the ledger checked.

Usage: python benchmarks/webhooks.py [--events N] [--workers N] [--senders 16] [--database-url URL]
       [--job-workers J]

N distinct events (default 2000) are sent: for each of N/2 invoices a `payment_intent.processing` and a
later `payment_intent.succeeded`, plus 20 % of them delivered a second time (re-signed), all shuffled with
a fixed seed. The database (`--db-name`, default encaisse_bench_webhooks) is dropped and created on the
server of `--database-url` (an admin URL, default the tests' one), and dropped again at the end.

Prints intake requests/s and latency, events processed/s (first delivery to last `processed_at`), where
the CPU went (server, senders, PostgreSQL), and the checks: every invoice paid once, no event lost, none
doubled. Exits 1 if a check fails; the throughput targets are informational.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx2
import stripe
from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from api.db import make_engine, make_session_factory, unit_of_work  # noqa: E402
from api.models import InboxEvent, Invoice, Job, Organisation, PaymentAnomaly, PaymentEntry  # noqa: E402
from api.transactions.service import recompute  # noqa: E402
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
INTAKE_TARGET = 500.0  # requests/s
PROCESSING_TARGET = 300.0  # events/s
DONE_STATUSES = ("processed", "ignored")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=2000, help="distinct events (2 per invoice)")
    parser.add_argument("--senders", type=int, default=16, help="concurrent senders (keep-alive each)")
    parser.add_argument("--database-url", default=ADMIN_URL, help="PostgreSQL admin URL (SQLAlchemy form)")
    parser.add_argument("--db-name", default="encaisse_bench_webhooks")
    parser.add_argument("--duplicates", type=float, default=0.2, help="share of events delivered twice")
    parser.add_argument("--job-workers", type=int, help="ENCAISSE_JOB_WORKERS (default: the service's)")
    parser.add_argument("--workers", type=int, default=2, help="`encaisse serve --workers N` processes")
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
    with tempfile.TemporaryDirectory(prefix="bench-webhooks-") as folder:
        workdir = Path(folder)
        commit = {"synchronous_commit": args.synchronous_commit}
        with postgres_database(args.database_url, args.db_name, keep=args.keep, settings=commit):
            migrate(database_url, workdir)
            with running_server(database_url, workdir, args) as server:
                ok = Benchmark(args, database_url, server).run()
            if args.keep:
                kept = Path(tempfile.mkdtemp(prefix="bench-webhooks-logs-"))
                for name in ("stdout.txt", "stderr.txt"):
                    (kept / name).write_bytes((workdir / name).read_bytes())
                print(f"server logs kept in {kept}, database {args.db_name} kept")
    return 0 if ok else 1


# --- database and server ------------------------------------------------------------------------------


def _server_env(database_url: str, workdir: Path, args: argparse.Namespace) -> dict[str, str]:
    # Only what the benchmark sets: no ENCAISSE_* from the caller's shell (no Redis: in-process worker).
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

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@contextmanager
def running_server(database_url: str, workdir: Path, args: argparse.Namespace) -> Iterator[Server]:
    """`encaisse serve --workers N` on a free port."""
    env = _server_env(database_url, workdir, args)
    with serving(workdir, env, "--workers", str(args.workers)) as started:
        yield Server(
            url=started.url, pid=started.pid, api_key=started.value("API key"), log_path=started.log_path
        )


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
    server_pid: int
    marks: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)

    def mark(self, name: str) -> None:
        self.marks[name] = (
            time.perf_counter(),
            cpu_of_tree(self.server_pid),
            time.process_time(),
            _postgres_cpu(),
        )

    def report(self, label: str, start: str, end: str) -> None:
        (w0, s0, c0, p0), (w1, s1, c1, p1) = self.marks[start], self.marks[end]
        wall = w1 - w0
        print(
            f"  CPU during {label:<10} ({wall:5.1f} s wall): server {s1 - s0:5.1f} s"
            f" ({(s1 - s0) / wall:4.0%}),"
            f" senders {c1 - c0:5.1f} s ({(c1 - c0) / wall:4.0%}), PostgreSQL {p1 - p0:5.1f} s"
            f" ({(p1 - p0) / wall:4.0%}) of {os.cpu_count()} cores"
        )


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


class Benchmark:
    def __init__(self, args: argparse.Namespace, database_url: str, server: Server) -> None:
        self.args = args
        self.server = server
        self.engine: Engine = make_engine(database_url)
        self.cpu = CpuMeter(server.pid)
        self.failures: list[str] = []
        self.intake_rate = self.processing_rate = 0.0
        self.processed_during_intake = self.processed_after_intake = 0

    def run(self) -> bool:
        try:
            return self._run()
        finally:
            self.engine.dispose()

    def _run(self) -> bool:
        args = self.args
        path = self.connect_stripe()
        organisation_id = self.organisation_id()
        invoices = self.create_invoices(organisation_id, args.events // 2)
        deliveries, distinct = self.build_events(organisation_id, invoices)
        print(
            f"== {len(invoices)} invoices, {distinct} distinct events, {len(deliveries)} deliveries "
            f"({len(deliveries) - distinct} duplicates), {args.senders} senders, serve --workers"
            f" {args.workers}, PostgreSQL {args.db_name}"
            f" (synchronous_commit {args.synchronous_commit})"
        )
        self.cpu.mark("start")
        answers = self.send(path, deliveries)
        self.cpu.mark("sent")
        self.report_intake(answers, distinct)
        self.wait_processed(distinct)
        self.cpu.mark("processed")
        self.report_processing(distinct)
        self.cpu.report("intake", "start", "sent")
        self.cpu.report("drain", "sent", "processed")
        self.report_cpu_per_unit(len(deliveries))
        self.check(invoices, distinct)
        return self.summary()

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
        self, organisation_id: uuid.UUID, invoices: dict[uuid.UUID, int]
    ) -> tuple[list[Delivery], int]:
        rng = random.Random(self.args.seed)
        base = int(time.time()) - 2 * len(invoices) - 3600
        events: list[Delivery] = []
        for index, (invoice_id, total) in enumerate(invoices.items()):
            intent = f"pi_bench{index:08d}{rng.getrandbits(32):08x}"
            for step, (kind, status) in enumerate((("processing", "processing"), ("succeeded", "succeeded"))):
                event_id = f"evt_bench{index:08d}{step}{rng.getrandbits(32):08x}"
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

    def send(self, path: str, deliveries: list[Delivery]) -> list[Answer]:
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
        address = urllib.parse.urlsplit(self.server.url)

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

    def report_intake(self, answers: list[Answer], distinct: int) -> None:
        if not answers:
            self.failures.append("no delivery was answered")
            return
        elapsed = max(a.ended for a in answers) - min(a.started for a in answers)
        latencies = sorted(1000 * (a.ended - a.started) for a in answers)
        self.intake_rate = len(answers) / elapsed
        statuses: dict[int, int] = {}
        for answer in answers:
            statuses[answer.status] = statuses.get(answer.status, 0) + 1
        new = sum(a.new or 0 for a in answers)
        print(f"== intake: {len(answers)} deliveries in {elapsed:.2f} s")
        print(
            f"  {self.intake_rate:7.1f} requests/s   latency p50 {_percentile(latencies, 50):6.1f} ms   "
            f"p90 {_percentile(latencies, 90):6.1f} ms   p99 {_percentile(latencies, 99):6.1f} ms   "
            f"max {latencies[-1]:6.1f} ms   mean {statistics.fmean(latencies):6.1f} ms"
        )
        print(
            f"  answers: {dict(sorted(statuses.items()))}; acknowledged as new: {new} (distinct: {distinct})"
        )
        if statuses.get(200, 0) != len(answers):
            self.failures.append(f"intake: not every delivery got 200: {statuses}")
        if new != distinct:
            self.failures.append(f"intake: {new} deliveries acknowledged as new, expected {distinct}")

    # -- processing

    def wait_processed(self, distinct: int) -> None:
        deadline = time.monotonic() + self.args.timeout
        last_report = time.monotonic()
        while True:
            counts = self._inbox_counts()
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
            time.sleep(0.25)

    def _inbox_counts(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(InboxEvent.status, func.count()).group_by(InboxEvent.status))
            return {status: count for status, count in rows}

    def report_processing(self, distinct: int) -> None:
        with self.engine.connect() as connection:
            first_in, last_in, last_done, done, attempts = connection.execute(
                select(
                    func.min(InboxEvent.created_at),
                    func.max(InboxEvent.created_at),
                    func.max(InboxEvent.processed_at),
                    func.count(InboxEvent.processed_at),
                    func.sum(InboxEvent.attempts),
                )
            ).one()
            during_intake = connection.execute(
                select(func.count()).where(InboxEvent.processed_at <= last_in)
            ).scalar_one()
            commits = connection.execute(
                text("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
            ).scalar_one()
        if first_in is None or last_done is None:
            self.failures.append("processing: nothing was processed")
            return
        span = (last_done - first_in).total_seconds()
        self.processed_during_intake, self.processed_after_intake = during_intake, done - during_intake
        intake_span, drain = (last_in - first_in).total_seconds(), (last_done - last_in).total_seconds()
        self.processing_rate = done / span
        unfinished = "" if done == distinct else f" (UNFINISHED: {distinct - done} left)"
        print(f"== processing: {done} events, first delivery to last processed_at {span:.2f} s{unfinished}")
        print(f"  {self.processing_rate:7.1f} events/s overall")
        print(
            f"  {during_intake / intake_span:7.1f} events/s while deliveries came in"
            f" ({during_intake} processed in the {intake_span:.2f} s of intake)"
        )
        if drain > 0:
            print(
                f"  {(done - during_intake) / drain:7.1f} events/s after the last delivery"
                f" ({done - during_intake} processed in {drain:.2f} s)"
            )
        print(f"  {attempts} processing attempts; {commits} commits in the database so far")

    def report_cpu_per_unit(self, deliveries: int) -> None:
        """Server CPU per unit of work: per delivery over the intake phase (which also processed the events
        that were ready), per event over the drain after it when it is long enough to say."""
        marks = self.cpu.marks
        intake_cpu = marks["sent"][1] - marks["start"][1]
        drain_cpu = marks["processed"][1] - marks["sent"][1]
        drained, during = self.processed_after_intake, self.processed_during_intake
        print(
            f"  server CPU: {1000 * intake_cpu / deliveries:.2f} ms per delivery during intake"
            f" ({during} events processed meanwhile included)"
        )
        if drained >= 100:
            print(f"  server CPU: {1000 * drain_cpu / drained:.2f} ms per event after the last delivery")

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
            jobs = dict(
                connection.execute(
                    select(Job.status, func.count())
                    .where(Job.name == "provider_events.process")
                    .group_by(Job.status)
                ).all()
            )
        print("== checks")
        print(
            f"  inbox rows {rows} (distinct event ids {unique}, events sent {distinct}); statuses {statuses}"
        )
        ledger = sum(entries.values())
        print(f"  processing jobs by status {jobs}; ledger entries {ledger}; anomalies {anomalies}")
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
        print("== summary")
        for label, value, target, unit in (
            ("intake", self.intake_rate, INTAKE_TARGET, "requests/s"),
            ("processing", self.processing_rate, PROCESSING_TARGET, "events/s"),
        ):
            verdict = "met" if value >= target else "MISSED"
            print(f"  {label:<10} {value:7.1f} {unit:<10} (target >= {target:.0f}: {verdict}, informational)")
        if self.failures:
            print(f"  FAILED ({len(self.failures)}):")
            for failure in self.failures:
                print(f"    - {failure}")
            print("  server log tail:\n" + self.server.log_tail())
            return False
        print("  all checks passed: every invoice paid once, no event lost, none doubled")
        return True


def _percentile(ordered: list[float], percent: float) -> float:
    index = min(len(ordered) - 1, max(0, round(percent / 100 * len(ordered)) - 1))
    return ordered[index]


if __name__ == "__main__":
    sys.exit(main())
