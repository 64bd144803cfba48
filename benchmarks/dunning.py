"""Measure the dunning tick's fan-out: a range scan of the narrow schedule a batch at a time, each due look
claimed by appending to `dunning_claims`, one job each.

Usage: python benchmarks/dunning.py [--backend postgresql|sqlite|both] [--invoices N] [--due-share 0.03]

For each backend a fresh database is created (PostgreSQL: `encaisse_bench_dunning_<pid>` on the server of
`--database-url`, dropped at the end; SQLite: a file in a temporary folder) and migrated with
`api.migrate.upgrade_database`. One organisation and `--clients` clients are created with the real models,
then N open invoices (default 1,000,000 on PostgreSQL, 100,000 on SQLite) are bulk-loaded (PostgreSQL:
INSERT … SELECT over generate_series, server side; SQLite: executemany in big transactions): status ready,
collection open, due dates over the past 90 and next 60 days, and `next_reminder_at` in the past day for
about `--due-share` of them (the rest over the next 60 days). Their `dunning_schedule` rows are then copied
from the invoices as migration 0021 back-fills them, and `dunning_claims` is given what it holds between
two real ticks (`--prior-ticks`, default 6: the claims of the ticks of the last lease, each as many as are
due now, for invoices whose jobs have since moved their next look on; the oldest tick's have run out and
the tick drops them). Then VACUUM ANALYZE / ANALYZE.

Measured, with a real session on the app's engine (`api.db.make_engine`) and jobs dispatched after commit
to a counting dispatcher (`api.worker.dispatch_after_commit`), as a running process does:
  1. the tick: wall time of `fan_out(session, now=utc_now())`, jobs enqueued (== invoices due, checked),
     the CPU it took here and in the database's PostgreSQL backends, RSS growth during the tick (sampled)
     and the process high-water mark (getrusage) before and after. On PostgreSQL a CHECKPOINT comes
     before each measured tick (`--no-checkpoint` to skip it): real ticks are 10 minutes apart and
     checkpoint_timeout is 5 minutes, so every page a tick writes goes to the WAL whole first (why the
     tick appends claims instead of rewriting the due rows where they lie);
  2. a second tick right after: 0 jobs (the claims cover the looks for the lease);
  3. the claim statement itself, captured from the tick (PostgreSQL: the claim and the jobs in one
     statement; SQLite: the claim) and run under EXPLAIN (ANALYZE, BUFFERS, WAL) (PostgreSQL) / EXPLAIN
     QUERY PLAN (SQLite) in a rolled-back transaction: is the schedule's index used;
  4. flat memory: the tick again with the same due set and with twice as many due invoices (the extra
     ones all at one moment, as after a wake-up), under tracemalloc (Python peak), untraced at 2x for its
     time, and, for contrast, the 2x due set claimed in a single batch (what the batching saves).

Targets: the tick in <= 1 s on both backends, jobs == due (and as many ids dispatched after commit), 0 on
the second tick, the claim on the index, and flat memory: the Python peak at 2x due at most 1.25 x the
peak at 1x, times min(due at 2x, batch) / min(due at 1x, batch) (so exactly 1.25 x when 1x already
fills whole batches: the peak follows the batch, not the number of due invoices). Exits 1 if one is
missed. The traced ticks are several times slower (tracemalloc); only the untraced ones are timed.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, event, func, insert, select, text, update

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from api.clients.policy import name_key  # noqa: E402
from api.clock import paris_today, utc_now  # noqa: E402
from api.db import SessionFactory, make_engine, make_session_factory, unit_of_work  # noqa: E402
from api.dunning.repository import DunningRepository  # noqa: E402
from api.dunning.schedule_repository import due as due_looks  # noqa: E402
from api.dunning.service import CLAIM_LEASE  # noqa: E402
from api.dunning.tasks import BATCH, INVOICE_TASK, fan_out  # noqa: E402
from api.migrate import upgrade_database  # noqa: E402
from api.models import Client, DunningClaim, DunningSchedule, Invoice, Job  # noqa: E402
from api.organisations import service as organisations  # noqa: E402
from api.worker import dispatch_after_commit  # noqa: E402
from benchmarks.rss import RssSampler  # noqa: E402
from benchmarks.scratch import ADMIN_URL, cpu_of, postgres_database  # noqa: E402

DEFAULT_INVOICES = {"postgresql": 1_000_000, "sqlite": 100_000}
TICK_TARGET_SECONDS = 1.0
FLAT_MEMORY_RATIO = 1.25  # Python peak at 2x due / at 1x, times min(due, batch) at 2x / at 1x
INDEX_NAME = "ix_dunning_schedule_next_reminder_at"
MIB = 1024 * 1024
SQLITE_CHUNK = 10_000


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=("postgresql", "sqlite", "both"), default="both")
    parser.add_argument(
        "--invoices", type=int, help="open invoices (default 1,000,000 on PostgreSQL, 100,000 on SQLite)"
    )
    parser.add_argument("--due-share", type=float, default=0.03, help="share of them with a step due now")
    parser.add_argument("--clients", type=int, default=3000)
    parser.add_argument(
        "--prior-ticks", type=int, default=6, help="earlier ticks' claims left in dunning_claims (one spent)"
    )
    parser.add_argument("--batch", type=int, default=BATCH, help="fan_out's batch (the task's default)")
    parser.add_argument("--database-url", default=ADMIN_URL, help="PostgreSQL admin URL (SQLAlchemy form)")
    parser.add_argument(
        "--checkpoint",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="PostgreSQL: CHECKPOINT before each measured tick and the EXPLAIN, as between two real ticks",
    )
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--keep", action="store_true", help="keep the database (name or path printed)")
    args = parser.parse_args()
    if not 0 < args.due_share <= 0.45:
        parser.error("--due-share must be in (0, 0.45] (the memory check doubles it)")
    backends = ("postgresql", "sqlite") if args.backend == "both" else (args.backend,)
    results = []
    for backend in backends:
        invoices = args.invoices or DEFAULT_INVOICES[backend]
        with scratch_database(backend, args) as url:
            results.append(Benchmark(backend, url, invoices, args).run())
    return 0 if summary(results) else 1


# --- databases --------------------------------------------------------------------------------------------


@contextmanager
def scratch_database(backend: str, args: argparse.Namespace) -> Iterator[str]:
    if backend == "sqlite":
        folder = tempfile.mkdtemp(prefix="bench-dunning-")
        path = Path(folder) / "encaisse.db"
        try:
            yield f"sqlite:///{path}"
        finally:
            if args.keep:
                print(f"  SQLite database kept: {path}")
            else:
                for leftover in Path(folder).iterdir():
                    leftover.unlink()
                Path(folder).rmdir()
        return
    name = f"encaisse_bench_dunning_{os.getpid()}"
    with postgres_database(args.database_url, name, keep=args.keep) as url:
        yield url
    if args.keep:
        print(f"  PostgreSQL database kept: {name}")


# --- memory -----------------------------------------------------------------------------------------------


def _max_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


# --- figures ----------------------------------------------------------------------------------------------


@dataclass
class Tick:
    due: int
    jobs: int
    seconds: float
    rss_growth: int = 0  # peak RSS during the tick minus RSS before it
    max_rss_before: int = 0
    max_rss_after: int = 0
    python_peak: int | None = None  # tracemalloc, when traced
    client_cpu: float = 0.0  # this process
    server_cpu: float | None = None  # the PostgreSQL backends of the benchmark's database


@dataclass
class Figures:
    backend: str
    invoices: int
    batch: int
    load_seconds: float = 0.0
    analyze_seconds: float = 0.0
    count_due_seconds: float = 0.0
    first: Tick | None = None
    second: Tick | None = None
    traced_1x: Tick | None = None
    untraced_2x: Tick | None = None
    traced_2x: Tick | None = None
    one_batch_2x: Tick | None = None
    uses_index: bool = False
    claim_ms: float | None = None
    failures: list[str] = field(default_factory=list)


class CountingDispatcher:
    """Stands in for the queue: counts the job ids handed over after each commit."""

    def __init__(self) -> None:
        self.dispatched = 0

    def dispatch(self, job_ids: Sequence[uuid.UUID]) -> None:
        self.dispatched += len(job_ids)


# --- the benchmark ----------------------------------------------------------------------------------------


class Benchmark:
    def __init__(self, backend: str, url: str, invoices: int, args: argparse.Namespace) -> None:
        self.backend = backend
        self.url = url
        self.args = args
        self.figures = Figures(backend, invoices, args.batch)
        self.engine: Engine = make_engine(url)
        self.factory: SessionFactory = make_session_factory(self.engine)
        self.dispatcher = CountingDispatcher()
        dispatch_after_commit(self.factory, self.dispatcher)

    @property
    def postgresql(self) -> bool:
        return self.backend == "postgresql"

    def run(self) -> Figures:
        try:
            self._run()
        finally:
            self.engine.dispose()
        return self.figures

    def _run(self) -> None:
        figures, args = self.figures, self.args
        print(
            f"== {self.backend}: {figures.invoices:,} open invoices, due share {args.due_share:.1%},"
            f" batch {args.batch}"
        )
        upgrade_database(self.url)
        organisation_id = self.create_organisation_and_clients()
        started = time.perf_counter()
        if self.postgresql:
            self.load_postgresql(organisation_id)
        else:
            self.load_sqlite(organisation_id)
        self.fill_schedule()
        figures.load_seconds = time.perf_counter() - started
        started = time.perf_counter()
        self.analyze()
        self.seed_claims(utc_now())
        self.analyze()
        figures.analyze_seconds = time.perf_counter() - started
        print(
            f"  loaded in {figures.load_seconds:.1f} s"
            f" ({figures.invoices / figures.load_seconds:,.0f} rows/s),"
            f" {'VACUUM ANALYZE' if self.postgresql else 'ANALYZE'} {figures.analyze_seconds:.1f} s"
        )

        # 1. the tick, then 2. a second one right after.
        now = utc_now()
        figures.first = self.tick(now, trace=False)
        self.check_first_tick(now, figures.first)
        figures.second = self.tick(utc_now(), trace=False)
        if figures.second.jobs != 0 or figures.second.due != 0:
            figures.failures.append(
                f"second tick: {figures.second.jobs} jobs, {figures.second.due} due (expected 0: the lease)"
            )
        # 3. the claim statement, on the same due set put back.
        self.restore(now)
        self.explain_claim()
        # 4. flat memory: the same due set traced, then twice as many due (untraced for the time, traced).
        now = utc_now()
        figures.traced_1x = self.tick(now, trace=True)
        self.restore(now, extra=figures.first.due)
        now = utc_now()
        figures.untraced_2x = self.tick(now, trace=False)
        self.restore(now)
        now = utc_now()
        figures.traced_2x = self.tick(now, trace=True)
        # For contrast, the same 2x due set claimed in one batch: what the batching saves.
        self.restore(now)
        figures.one_batch_2x = self.tick(utc_now(), trace=True, batch=figures.untraced_2x.due + 1)
        for label, result in (
            ("traced 1x", figures.traced_1x),
            ("untraced 2x", figures.untraced_2x),
            ("traced 2x", figures.traced_2x),
            ("one-batch 2x", figures.one_batch_2x),
        ):
            if result.jobs != result.due:
                figures.failures.append(f"{label} tick: {result.jobs} jobs for {result.due} due invoices")
        if figures.untraced_2x.due < 2 * figures.first.due * 0.99:
            figures.failures.append(f"2x tick: only {figures.untraced_2x.due} due, {figures.first.due} at 1x")
        self.report()

    # -- set-up

    def create_organisation_and_clients(self) -> uuid.UUID:
        rng = random.Random(self.args.seed)
        with unit_of_work(self.factory) as session:
            organisation = organisations.create_organisation(session, "Bench Dunning SAS")
            rows = []
            for index in range(self.args.clients):
                name = f"Client {index:05d} {rng.choice(('SARL', 'SAS', 'SA', 'EURL'))}"
                rows.append(
                    {
                        "id": uuid.uuid4(),
                        "organisation_id": organisation.id,
                        "name": name,
                        "name_key": name_key(name),
                        "email": f"compta{index}@client{index}.example.com",
                        "locale": "fr" if rng.random() < 0.8 else "en",
                        "is_consumer": rng.random() < 0.05,
                        "created_at": utc_now(),
                    }
                )
            session.execute(insert(Client), rows)
            return organisation.id

    def load_postgresql(self, organisation_id: uuid.UUID) -> None:
        """One INSERT … SELECT over generate_series: the rows never travel through Python."""
        statement = text(
            """
            WITH c AS (SELECT array_agg(id ORDER BY name) AS ids, count(*)::int AS n FROM clients)
            INSERT INTO invoices (
                id, organisation_id, client_id, number, document_type, status, issue_date, due_date,
                currency, total_excl_tax, total_tax, total_incl_tax, amount_due, balance_due, seller_name,
                fields, extraction, warnings, collection_status, amount_paid, amount_processing,
                amount_refunded, disputed, next_reminder_at, approved_at, approved_by, created_at, updated_at)
            SELECT
                gen_random_uuid(), :organisation, c.ids[1 + (s.g % c.n)], 'F-' || lpad(s.g::text, 8, '0'),
                'invoice', 'ready', s.due - 30, s.due, 'EUR', round(s.total / 1.2)::bigint,
                s.total - round(s.total / 1.2)::bigint, s.total, s.total, s.total, 'Bench Dunning SAS',
                '{}'::json, '{}'::json, '[]'::json, 'open', 0, 0, 0, false,
                CASE WHEN s.r < :share
                    THEN :t0 - interval '1 minute' - (s.r / :share) * interval '1 day'
                    ELSE :t0 + interval '6 hours' + ((s.r - :share) / (1 - :share)) * interval '60 days'
                END,
                :t0, 'bench', :t0, :t0
            FROM (
                SELECT g, random() AS r, current_date - 90 + floor(random() * 151)::int AS due,
                       (1000 + floor(random() * 499000))::bigint AS total
                FROM generate_series(1, :count) AS g
            ) AS s CROSS JOIN c
            """
        )
        with self.engine.begin() as connection:
            connection.execute(text("SELECT setseed(:seed)"), {"seed": (self.args.seed % 1000) / 1000})
            connection.execute(
                statement,
                {
                    "organisation": organisation_id,
                    "share": self.args.due_share,
                    "t0": utc_now(),
                    "count": self.figures.invoices,
                },
            )

    def load_sqlite(self, organisation_id: uuid.UUID) -> None:
        """Core executemany, SQLITE_CHUNK rows at a time, in one transaction (the types bind the values)."""
        rng = random.Random(self.args.seed)
        with self.engine.connect() as connection:
            client_ids = list(connection.scalars(select(Client.id).order_by(Client.name)))
        t0, today, share = utc_now(), paris_today(), self.args.due_share
        with self.engine.begin() as connection:
            for start in range(0, self.figures.invoices, SQLITE_CHUNK):
                rows = []
                for g in range(start, min(start + SQLITE_CHUNK, self.figures.invoices)):
                    due = today + timedelta(days=rng.randint(-90, 60))
                    total = rng.randint(1000, 499_999)
                    r = rng.random()
                    if r < share:
                        reminder = t0 - timedelta(minutes=1) - (r / share) * timedelta(days=1)
                    else:
                        reminder = t0 + timedelta(hours=6) + (r - share) / (1 - share) * timedelta(days=60)
                    rows.append(
                        {
                            "id": uuid.uuid4(),
                            "organisation_id": organisation_id,
                            "client_id": client_ids[g % len(client_ids)],
                            "number": f"F-{g:08d}",
                            "document_type": "invoice",
                            "status": "ready",
                            "issue_date": due - timedelta(days=30),
                            "due_date": due,
                            "currency": "EUR",
                            "total_excl_tax": round(total / 1.2),
                            "total_tax": total - round(total / 1.2),
                            "total_incl_tax": total,
                            "amount_due": total,
                            "balance_due": total,
                            "seller_name": "Bench Dunning SAS",
                            "fields": {},
                            "extraction": {},
                            "warnings": [],
                            "collection_status": "open",
                            "amount_paid": 0,
                            "amount_processing": 0,
                            "amount_refunded": 0,
                            "disputed": False,
                            "next_reminder_at": reminder,
                            "approved_at": t0,
                            "approved_by": "bench",
                            "created_at": t0,
                            "updated_at": t0,
                        }
                    )
                connection.execute(insert(Invoice), rows)

    def fill_schedule(self) -> None:
        """The schedule rows, copied from the invoices as migration 0021 back-fills them."""
        with self.engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO dunning_schedule (invoice_id, organisation_id, next_reminder_at)"
                " SELECT id, organisation_id, next_reminder_at FROM invoices"
                " WHERE next_reminder_at IS NOT NULL"
            )

    def seed_claims(self, now: datetime) -> None:
        """What the claims table holds between two ticks: for each of the last `--prior-ticks` ticks (10
        minutes apart), as many claims as are due now, of invoices whose jobs have since set a later look
        (so these claims cover nothing); the oldest tick's lease has run out."""
        due = self.count_due(now)
        ticks = self.args.prior_ticks
        if not ticks or not due:
            return
        with self.engine.connect() as connection:
            later = list(
                connection.execute(
                    select(DunningSchedule.invoice_id, DunningSchedule.organisation_id)
                    .where(DunningSchedule.next_reminder_at > now)
                    .limit(due * ticks)
                )
            )
        rows = []
        for index, (invoice_id, organisation_id) in enumerate(later):
            claimed = now - timedelta(minutes=10 * (ticks - index // due))
            rows.append(
                {"invoice_id": invoice_id, "organisation_id": organisation_id, "due_at": claimed,
                 "leased_until": claimed + CLAIM_LEASE}
            )  # fmt: skip
        with self.engine.begin() as connection:
            for start in range(0, len(rows), SQLITE_CHUNK):
                connection.execute(insert(DunningClaim), rows[start : start + SQLITE_CHUNK])

    def analyze(self) -> None:
        if self.postgresql:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
        else:  # the engine issues BEGIN IMMEDIATE itself: no AUTOCOMMIT games, ANALYZE may run in it
            with self.engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")

    # -- the tick

    def count_due(self, now: datetime) -> int:
        """The looks the tick should hand out: come, and not covered by a live claim."""
        with self.engine.connect() as connection:
            due = select(func.count()).select_from(due_looks(now, self.figures.invoices).subquery())
            return int(connection.execute(due).scalar_one())

    def tick(self, now: datetime, *, trace: bool, batch: int | None = None) -> Tick:
        started = time.perf_counter()
        due = self.count_due(now)
        if self.figures.count_due_seconds == 0:
            self.figures.count_due_seconds = time.perf_counter() - started
        dispatched = self.dispatcher.dispatched
        backends = self.checkpoint_and_backends()
        gc.collect()
        max_before = _max_rss()
        if trace:
            tracemalloc.start()
        with RssSampler() as sampler:
            session = self.factory()
            try:
                server_cpu = sum(cpu_of(pid) for pid in backends)
                client_cpu, started = time.process_time(), time.perf_counter()
                jobs = fan_out(session, now=now, batch=batch or self.args.batch)
                seconds = time.perf_counter() - started
                client_cpu = time.process_time() - client_cpu
                server_cpu = sum(cpu_of(pid) for pid in backends) - server_cpu
            finally:
                session.close()
        peak = None
        if trace:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        result = Tick(due, jobs, seconds, sampler.peak - sampler.start_rss, max_before, _max_rss(), peak)
        result.client_cpu, result.server_cpu = client_cpu, server_cpu if backends else None
        if self.dispatcher.dispatched - dispatched != jobs:
            self.figures.failures.append(
                f"{jobs} jobs enqueued but {self.dispatcher.dispatched - dispatched} dispatched after commit"
            )
        traced = f", Python peak {peak / MIB:.1f} MiB (traced)" if peak is not None else ""
        if batch:
            traced += f", in one batch of {batch:,}"
        server = f", PostgreSQL {server_cpu:.2f} s" if backends else ""
        print(
            f"  tick: {jobs:,} jobs for {due:,} due in {seconds:.3f} s"
            f" ({jobs / seconds if seconds else 0:,.0f} jobs/s){traced},"
            f" RSS +{result.rss_growth / MIB:.1f} MiB; CPU: Python {client_cpu:.2f} s{server}"
        )
        return result

    def checkpoint_and_backends(self) -> list[int]:
        """PostgreSQL: CHECKPOINT first unless --no-checkpoint (ticks 10 minutes apart always have a
        checkpoint between them, so the pages a tick dirties go to the WAL as full-page images), and the
        pids of this database's backends (the pool's connections), whose CPU is then measured."""
        if not self.postgresql:
            return []
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            if self.args.checkpoint:
                connection.exec_driver_sql("CHECKPOINT")
            pids = connection.exec_driver_sql(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                " AND backend_type = 'client backend'"
            )
            return [int(pid) for pid in pids.scalars()]

    def check_first_tick(self, now: datetime, first: Tick) -> None:
        with self.engine.connect() as connection:
            job_rows = connection.execute(
                select(func.count(), func.count(func.distinct(Job.payload["invoice"].as_string()))).where(
                    Job.name == INVOICE_TASK
                )
            ).one()
            leased = connection.execute(
                select(func.count()).where(DunningClaim.leased_until == now + CLAIM_LEASE)
            ).scalar_one()
        if first.jobs != first.due:
            self.figures.failures.append(f"tick: {first.jobs} jobs for {first.due} due invoices")
        if tuple(job_rows) != (first.due, first.due):
            self.figures.failures.append(
                f"tick: {job_rows[0]} job rows for {job_rows[1]} distinct invoices, {first.due} due"
            )
        if leased != first.due:
            self.figures.failures.append(f"tick: {leased} invoices leased, {first.due} due")
        if first.due == 0:
            self.figures.failures.append("nothing was due: raise --due-share or --invoices")

    def restore(self, now: datetime, *, extra: int = 0) -> None:
        """Forget the last tick's claims and jobs, so its looks are due again (and `extra` more: the soonest
        ones, all moved to one moment in the past, as a wake-up does), and vacuum as autovacuum would
        between two ticks."""
        past = now - timedelta(minutes=5)
        with unit_of_work(self.factory) as session:
            session.execute(delete(DunningClaim).where(DunningClaim.leased_until == now + CLAIM_LEASE))
            if extra:
                soonest = (
                    select(DunningSchedule.invoice_id)
                    .where(DunningSchedule.next_reminder_at > now)
                    .order_by(DunningSchedule.next_reminder_at)
                    .limit(extra)
                )
                session.execute(
                    update(DunningSchedule)
                    .where(DunningSchedule.invoice_id.in_(soonest.scalar_subquery()))
                    .values(next_reminder_at=past)
                    .execution_options(synchronize_session=False)
                )
            session.execute(delete(Job))
        self.analyze()

    # -- the claim statement

    def explain_claim(self) -> None:
        """Capture the SQL the tick sends for one batch (PostgreSQL: `claim_into_jobs`, the claim and the
        jobs in one statement; SQLite: `claim_due`), then have the database explain it, all rolled back."""
        captured: list[tuple[str, Any]] = []

        def capture(_conn: Connection, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            if "INSERT INTO dunning_claims" in statement:
                captured.append((statement, parameters))

        now = utc_now()
        event.listen(self.engine, "before_cursor_execute", capture)
        try:
            with self.factory() as session:
                repository = DunningRepository(session)
                if self.postgresql:
                    repository.claim_into_jobs(
                        now=now, lease_until=now + CLAIM_LEASE, limit=self.args.batch, task=INVOICE_TASK,
                        max_attempts=1,
                    )  # fmt: skip
                else:
                    repository.claim_due(now=now, lease_until=now + CLAIM_LEASE, limit=self.args.batch)
                session.rollback()
        finally:
            event.remove(self.engine, "before_cursor_execute", capture)
        [(statement, parameters)] = captured
        self.checkpoint_and_backends()
        with self.engine.connect() as connection:
            transaction = connection.begin()
            try:
                if self.postgresql:
                    plan = [
                        row[0]
                        for row in connection.exec_driver_sql(
                            "EXPLAIN (ANALYZE, BUFFERS, WAL) " + statement, parameters
                        )
                    ]
                    timing = re.search(r"Execution Time: ([\d.]+) ms", "\n".join(plan))
                    self.figures.claim_ms = float(timing.group(1)) if timing else None
                else:
                    plan = [
                        str(row[-1])
                        for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
                    ]
                    started = time.perf_counter()
                    connection.exec_driver_sql(statement, parameters).fetchall()
                    self.figures.claim_ms = (time.perf_counter() - started) * 1000
            finally:
                transaction.rollback()
        self.figures.uses_index = any(INDEX_NAME in line for line in plan)
        print(
            f"  claim of one batch ({self.args.batch}), {'EXPLAIN ANALYZE' if self.postgresql else 'plan'}:"
        )
        for line in plan:
            print(f"    {line}")

    # -- report

    def report(self) -> None:
        f = self.figures
        assert f.first
        assert f.untraced_2x
        print(
            f"  counting the due looks (schedule index, claims key): {f.count_due_seconds * 1000:.0f} ms;"
            f" claim of one batch: {f.claim_ms or 0:.0f} ms, index {INDEX_NAME}"
            f" {'used' if f.uses_index else 'NOT used'}"
        )
        print(
            f"  process high-water mark (getrusage, process-wide: includes earlier work):"
            f" {f.first.max_rss_before / MIB:.0f} MiB before the tick,"
            f" {f.first.max_rss_after / MIB:.0f} after; {f.untraced_2x.max_rss_after / MIB:.0f} after the 2x"
        )


def expected_ratio(f: Figures) -> float:
    """Memory should follow the largest batch, min(due, batch): 1 when both sizes fill whole batches."""
    assert f.traced_1x
    assert f.traced_2x
    return min(f.traced_2x.due, f.batch) / max(1, min(f.traced_1x.due, f.batch))


def summary(results: list[Figures]) -> bool:
    ok = True
    print("== summary")
    print(
        f"  {'backend':<10} {'invoices':>10} {'load s':>7} {'due':>7} {'jobs':>7} {'tick s':>7} {'2nd':>4}"
        f" {'py CPU':>6} {'PG CPU':>6} {'2x due':>7} {'2x s':>6} {'peak 1x':>9} {'peak 2x':>9} {'1 batch':>9}"
        f" {'RSS+ 1x':>9} {'RSS+ 2x':>9} {'index':>5}"
    )
    for f in results:
        first, second, double = f.first, f.second, f.untraced_2x
        assert first
        assert second
        assert double
        traced = (f.traced_1x, f.traced_2x, f.one_batch_2x)
        peaks = [(t.python_peak or 0) / MIB if t else 0.0 for t in traced]
        print(
            f"  {f.backend:<10} {f.invoices:>10,} {f.load_seconds:>7.1f} {first.due:>7,} {first.jobs:>7,}"
            f" {first.seconds:>7.3f} {second.jobs:>4} {first.client_cpu:>6.2f}"
            f" {'-' if first.server_cpu is None else f'{first.server_cpu:.2f}':>6}"
            f" {double.due:>7,} {double.seconds:>6.3f}"
            + "".join(f" {peak:>5.1f} MiB" for peak in peaks)
            + f" {first.rss_growth / MIB:>5.1f} MiB {double.rss_growth / MIB:>5.1f} MiB"
            f" {'yes' if f.uses_index else 'NO':>5}"
        )
    print(
        "  (CPU: of the 1x tick; peaks: tracemalloc during the tick at 1x and 2x due, and at 2x due claimed"
        " in one batch; RSS+: growth of the resident set during the untraced ticks)"
    )
    print("  targets:")
    for f in results:
        assert f.first
        assert f.traced_1x
        assert f.traced_2x
        peak_1x, peak_2x = f.traced_1x.python_peak or 0, f.traced_2x.python_peak or 0
        allowed = FLAT_MEMORY_RATIO * expected_ratio(f)
        checks = [
            (
                f"tick {f.first.seconds:.3f} s for {f.first.due:,} due <= {TICK_TARGET_SECONDS:.0f} s",
                f.first.seconds <= TICK_TARGET_SECONDS,
            ),
            (
                f"Python peak at 2x due {peak_2x / MIB:.1f} MiB <= {allowed:.2f} x {peak_1x / MIB:.1f} MiB"
                f" at 1x (flat beyond the batch of {f.batch:,})",
                peak_2x <= allowed * peak_1x,
            ),
            (f"claim uses {INDEX_NAME}", f.uses_index),
        ]
        for label, met in checks:
            print(f"    {f.backend:<10} {label}: {'met' if met else 'MISSED'}")
            ok = ok and met
        for failure in f.failures:
            print(f"    {f.backend:<10} FAILED: {failure}")
            ok = False
    return ok


if __name__ == "__main__":
    sys.exit(main())
