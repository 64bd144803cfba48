"""Measure how fast the dashboard's pages render with a realistic book of receivables.

Usage: python benchmarks/pages.py [--backend postgresql|sqlite|both] [--invoices 10000] [--clients 1000]
                                  [--repeat 40] [--keep] [--only TEXT]

For each backend a fresh database (PostgreSQL: `encaisse_bench_pages_<pid>` on the server of
ENCAISSE_TEST_POSTGRES_URL, dropped at the end unless --keep; SQLite: a file in a temporary folder) is
migrated, then the real `encaisse serve` is started on it (its first start creates the organisation and the
admin user). The organisation gets `--clients` clients and
`--invoices` invoices loaded with the real tables: 5 % waiting for review, the rest approved, due dates
over the past 200 and next 60 days, 45 % paid and 10 % partly paid through ledger rows, 2 % disputed,
reminders on a third of the overdue ones (each keeping what it said, 2.3 KB of subject, text and HTML
as the sender stores it) and a mandate for one client in ten.

Then, logged in through the login form as a browser is, each page is requested `--repeat` times one after
the other (after two warm-up requests) and its server time is the request's wall time on loopback. Prints
p50, p95 and max per page, the mean CPU milliseconds per request of the server (app) and of the PostgreSQL
backends (db), and the load average: the machine may be shared, and CPU time says what the page costs
when wall time says how busy the machine was. Target: p95 under 200 ms for every page; exits 1 if one
misses it or answers anything but 200. The CSV export streams every matching invoice: its time is printed,
not held to the page target.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

import httpx2
from sqlalchemy import Engine, insert, select

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from api.clients.policy import name_key  # noqa: E402
from api.clock import PARIS, paris_today, utc_now  # noqa: E402
from api.db import make_engine  # noqa: E402
from api.migrate import upgrade_database  # noqa: E402
from api.models import Client, Invoice, Mandate, Organisation, PaymentEntry, Reminder  # noqa: E402
from api.pagination import encode_cursor  # noqa: E402
from benchmarks.scratch import ADMIN_URL, cpu_of, cpu_of_tree, postgres_database, serving  # noqa: E402

TARGET_MS = 200.0
PER_PAGE = 50  # web/invoice_list.py
OUTBOX_PER_PAGE = 200  # web/dunning_pages.py: OUTBOX_LIMIT
# Pages by what they show; {invoice} and {client} are filled with ids from the loaded data.
PAGES = (
    "/",
    "/invoices",
    "/invoices?page=100",  # a typed page number: the keys of the 4,950 rows before it are skipped
    "/invoices?page=100&after={after_page_99}",  # page 100 reached by its link: read from its cursor
    "/invoices?status=overdue&sort=days_overdue&order=desc",
    "/invoices?aging=61_90&amount_min=1000",
    "/invoices?q=client+04",
    "/invoices/{invoice}/review",
    "/clients",
    "/clients?sort=-overdue",
    "/clients/{client}",
    "/relances",
    "/relances/envoyees",
    "/relances/envoyees?after={outbox_after_200}",  # the outbox's second page, by its link
    "/bank",
    "/events",
    "/documents",
    "/settings/organisation",
    "/settings/payments",
    "/settings/dunning",
    "/settings/users",
    "/settings/api-keys",
)
EXPORT = "/invoices.csv"


@dataclass(frozen=True)
class Server:
    url: str
    email: str
    password: str
    pid: int


@dataclass
class CpuMeter:
    """CPU seconds spent for the requests: the server's process tree and, on PostgreSQL, the database's
    backends serving it (found in pg_stat_activity; the machine is shared, so wall time alone misleads)."""

    pid: int
    engine: Engine | None  # the PostgreSQL database's engine, None on SQLite (the server does the SQL)

    def read(self) -> tuple[float, float]:
        return cpu_of_tree(self.pid), sum(cpu_of(backend) for backend in self._backends())

    def _backends(self) -> list[int]:
        if self.engine is None:
            return []
        query = (
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        with self.engine.connect() as connection:
            return [int(pid) for pid in connection.exec_driver_sql(query).scalars()]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--invoices", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the scratch PostgreSQL database")
    parser.add_argument("--backend", choices=("postgresql", "sqlite", "both"), default="both")
    parser.add_argument("--only", default="", help="measure only the pages whose path contains this text")
    args = parser.parse_args()
    backends = ("postgresql", "sqlite") if args.backend == "both" else (args.backend,)
    return 0 if all([run_on(backend, args) for backend in backends]) else 1


def run_on(backend: str, args: argparse.Namespace) -> bool:
    with tempfile.TemporaryDirectory() as tmp, _database(backend, Path(tmp), args) as database_url:
        upgrade_database(database_url)
        with running_server(database_url, Path(tmp)) as server:
            engine = make_engine(database_url)
            try:
                ids = load(engine, args)
                print(f"== {backend}: {args.invoices} invoices, {args.clients} clients, "
                      f"{args.repeat} requests each")  # fmt: skip
                meter = CpuMeter(server.pid, engine if backend == "postgresql" else None)
                pages = [page for page in PAGES if args.only in page]
                return measure(server, ids, args.repeat, meter, pages, export=args.only in EXPORT)
            finally:
                engine.dispose()


@contextmanager
def _database(backend: str, folder: Path, args: argparse.Namespace) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    with postgres_database(ADMIN_URL, f"encaisse_bench_pages_{os.getpid()}", keep=args.keep) as url:
        yield url


# --- data -------------------------------------------------------------------------------------------------


def load(engine: Engine, args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    today, now = paris_today(), utc_now()
    started = time.perf_counter()
    with engine.begin() as connection:
        [organisation_id] = connection.execute(select(Organisation.id)).scalars().all()
        clients = [_client(organisation_id, index, now) for index in range(args.clients)]
        connection.execute(insert(Client), clients)
        invoices, entries, reminders, mandates = [], [], [], []
        for index in range(args.invoices):
            client = clients[rng.randrange(len(clients))]
            invoice = _invoice(rng, organisation_id, client, index, today, now)
            invoices.append(invoice)
            entries += _entries(rng, invoice, now)
            if invoice["due_date"] < today and invoice["collection_status"] != "paid" and rng.random() < 0.33:
                reminders.append(_reminder(invoice, client, now))
        for client in clients[::10]:
            mandates.append(_mandate(organisation_id, client, now))
        for table, rows in ((Invoice, invoices), (PaymentEntry, entries), (Reminder, reminders),
                            (Mandate, mandates)):  # fmt: skip
            for start in range(0, len(rows), 2000):
                connection.execute(insert(table), rows[start : start + 2000])
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")
    print(
        f"loaded {len(invoices)} invoices, {len(entries)} ledger rows, {len(reminders)} reminders, "
        f"{len(mandates)} mandates in {time.perf_counter() - started:.1f} s"
    )
    open_invoice = next(i for i in invoices if i["collection_status"] == "open" and i["status"] == "ready")
    return {"invoice": open_invoice["id"], "client": open_invoice["client_id"],
            "after_page_99": _cursor_after(invoices, 99 * PER_PAGE),
            "outbox_after_200": _cursor_after(reminders, OUTBOX_PER_PAGE)}  # fmt: skip


def _cursor_after(rows_of_list: list[dict[str, Any]], rows: int) -> str:
    """The "next" link's cursor on the page that ends with row `rows` of the list (newest first, then by
    id descending: web/invoice_list.py and InvoiceRepository.search, web/outbox_paging.py)."""
    ordered = sorted(rows_of_list, key=lambda i: (i["created_at"], i["id"]), reverse=True)
    last = ordered[min(rows, len(ordered)) - 1]
    return encode_cursor((last["created_at"], last["id"]))


def _client(organisation_id: uuid.UUID, index: int, now: Any) -> dict[str, Any]:
    name = f"Client {index:04d} SARL"
    return {
        "id": uuid.uuid4(), "organisation_id": organisation_id, "name": name, "name_key": name_key(name),
        "email": f"compta{index}@client{index}.example", "locale": "fr", "is_consumer": False,
        "created_at": now,
    }  # fmt: skip


def _invoice(
    rng: random.Random, organisation_id: uuid.UUID, client: dict[str, Any], index: int, today: Any, now: Any
) -> dict[str, Any]:
    total = rng.randint(5_000, 2_500_000)
    issue = today - timedelta(days=rng.randint(0, 260))
    due = issue + timedelta(days=rng.choice((30, 45, 60)))
    roll = rng.random()
    paid = total if roll < 0.45 else (total // 3 if roll < 0.55 else 0)
    status = "needs_review" if rng.random() < 0.05 else "ready"
    collection = "paid" if paid == total else ("partially_paid" if paid else "open")
    return {
        "id": uuid.uuid4(), "organisation_id": organisation_id, "client_id": client["id"],
        "number": f"F-{index:06d}", "status": status, "issue_date": issue, "due_date": due, "currency": "EUR",
        "total_incl_tax": total, "total_excl_tax": total * 5 // 6, "total_tax": total - total * 5 // 6,
        "amount_due": total, "seller_name": "Bench SARL", "seller_key": "bench", "buyer_name": client["name"],
        "capture_method": "text", "fields": {}, "extraction": {}, "warnings": [],
        "collection_status": collection, "amount_paid": paid, "amount_processing": 0, "amount_refunded": 0,
        "balance_due": total - paid, "disputed": collection != "paid" and rng.random() < 0.02,
        "paid_at": now if collection == "paid" else None, "created_at": now, "updated_at": now,
        "approved_at": now if status == "ready" else None,
    }  # fmt: skip


def _entries(rng: random.Random, invoice: dict[str, Any], now: Any) -> list[dict[str, Any]]:
    if not invoice["amount_paid"]:
        return []
    reference = f"bank-{invoice['number']}"
    late = timedelta(days=rng.randint(-10, 40))
    return [{
        "id": uuid.uuid4(), "organisation_id": invoice["organisation_id"], "invoice_id": invoice["id"],
        "provider": "bank", "reference": reference, "kind": "succeeded", "amount": invoice["amount_paid"],
        "currency": "EUR", "method": "transfer", "occurred_at": min(now, _noon(invoice["due_date"]) + late),
        "dedupe_key": f"bank:{reference}:succeeded", "recorded_by": "benchmark", "created_at": now,
    }]  # fmt: skip


def _reminder(invoice: dict[str, Any], client: dict[str, Any], now: Any) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(), "organisation_id": invoice["organisation_id"], "invoice_id": invoice["id"],
        "client_id": client["id"], "step_key": "due_plus_1", "kind": "reminder", "channel": "email",
        "tone": "friendly", "scheduled_on": invoice["due_date"] + timedelta(days=1),
        "status": "sent", "attempts": 1, "to_address": client["email"],
        "sent_at": now, "amount_due": invoice["balance_due"], "currency": "EUR",
        "snapshot": _snapshot(invoice, client), "created_at": now, "updated_at": now,
    }  # fmt: skip


def _snapshot(invoice: dict[str, Any], client: dict[str, Any]) -> dict[str, Any]:
    """What the sender keeps of a first reminder (api/dunning/messages.py: Draft.snapshot), about 2.3 KB as
    the built-in French template writes it: the subject, the text, its HTML, the attachment and figures."""
    number, due, owed = invoice["number"], invoice["due_date"].strftime("%d/%m/%Y"), invoice["balance_due"]
    amount = f"{owed // 100:,}".replace(",", "\u202f") + f",{owed % 100:02d} €"
    paragraphs = [
        f"Bonjour {client['name']},",
        f"Sauf erreur de notre part, la facture {number} de {amount}, échue le {due}, reste impayée.",
        f"Vous pouvez la régler en ligne par carte, prélèvement ou virement : "
        f"https://pay.example/p/{invoice['id'].hex}",
        "Si le paiement est déjà parti, merci de ne pas tenir compte de ce message. En cas de question ou "
        "de désaccord sur cette facture, répondez simplement à cet e-mail : nous reviendrons vers vous.",
        "Conformément à l'article L441-10 du Code de commerce, tout retard de paiement entraîne des "
        "pénalités de retard et une indemnité forfaitaire de 40 € pour frais de recouvrement.",
        "Bien cordialement,\nBench SARL\n12 rue de la Paix, 75002 Paris — SIRET 123 456 789 00012",
    ]
    html = "".join(
        f'<p style="margin:0 0 12px;font:14px/1.5 sans-serif;color:#222">{p}</p>' for p in paragraphs
    )
    return {
        "subject": f"Facture {number} : échéance dépassée", "text": "\n\n".join(paragraphs),
        "html": '<!doctype html><html lang="fr"><body style="margin:0;padding:24px;background:#f6f6f6">'
                f'<div style="max-width:600px;margin:auto;background:#fff;padding:24px">{html}</div>'
                "</body></html>",
        "attachments": [f"Facture {number}.pdf"], "letter": None, "notes": [], "delivery": "smtp",
        "figures": {"amount_due": owed, "due_date": invoice["due_date"].isoformat(), "penalties": 0,
                    "indemnity": 4000, "others": [], "previous_reminders": 0},
    }  # fmt: skip


def _mandate(organisation_id: uuid.UUID, client: dict[str, Any], now: Any) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(), "organisation_id": organisation_id, "client_id": client["id"],
        "provider": "gocardless", "reference": f"MD{uuid.uuid4().hex[:10].upper()}", "status": "active",
        "created_at": now, "updated_at": now,
    }  # fmt: skip


def _noon(day: Any) -> Any:
    return datetime.combine(day, clock(12), tzinfo=PARIS)


# --- the server -------------------------------------------------------------------------------------------


@contextmanager
def running_server(database_url: str, workdir: Path) -> Iterator[Server]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ENCAISSE_")}
    env.update({"ENCAISSE_ENV": "development", "ENCAISSE_DATABASE_URL": database_url,
                "ENCAISSE_DATA_DIR": str(workdir / "data"), "ENCAISSE_LOG_LEVEL": "WARNING"})  # fmt: skip
    with serving(workdir, env) as started:
        yield Server(started.url, started.value("email"), started.value("password"), started.pid)


# --- the measure ------------------------------------------------------------------------------------------


def log_in(client: httpx2.Client, server: Server) -> None:
    form = client.get("/login").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)
    if not csrf:
        raise RuntimeError("no CSRF token on the login page")
    answer = client.post(
        "/login", data={"email": server.email, "password": server.password, "csrf_token": csrf.group(1)}
    )
    if answer.status_code != 303:
        raise RuntimeError(f"login answered {answer.status_code}")


def measure(
    server: Server, ids: dict[str, Any], repeat: int, meter: CpuMeter, pages: list[str], *, export: bool
) -> bool:
    """Per page: wall time percentiles, then the mean CPU per request of the server (app) and of the
    database backends (db), and the 1-minute load average when the page was done."""
    ok = True
    with httpx2.Client(base_url=server.url, timeout=60, follow_redirects=False) as client:
        log_in(client, server)
        print(f"{'page':<48} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'app cpu':>8} {'db cpu':>8} "
              f"{'load':>5}  status")  # fmt: skip
        for template in pages:
            path = template.format(**ids)
            app_before, db_before = meter.read()
            timings, statuses = _time(client, path, repeat)
            app_after, db_after = meter.read()
            app_cpu, db_cpu = ((after - before) * 1000 / (repeat + 2) for before, after in
                               ((app_before, app_after), (db_before, db_after)))  # fmt: skip
            p50, p95 = timings[len(timings) // 2], timings[math.ceil(len(timings) * 0.95) - 1]  # nearest rank
            status = ",".join(sorted({str(s) for s in statuses}))
            verdict = "ok" if statuses == {200} and p95 < TARGET_MS else "MISSED"
            ok &= verdict == "ok"
            print(f"{template:<48} {p50:8.1f} {p95:8.1f} {timings[-1]:8.1f} {app_cpu:8.1f} {db_cpu:8.1f} "
                  f"{os.getloadavg()[0]:5.1f}  {status} {verdict}")  # fmt: skip
        if export:
            _time_export(client)
    print(f"target: p95 < {TARGET_MS:.0f} ms on every page: {'met' if ok else 'NOT MET'}")
    return ok


def _time_export(client: httpx2.Client) -> None:
    timings, statuses = _time(client, EXPORT, 3)
    shown = ",".join(str(s) for s in sorted(statuses))
    print(f"{EXPORT:<48} {timings[len(timings) // 2]:8.1f} {'':>8} {timings[-1]:8.1f}  "
          f"{shown} (every invoice, not held to the target)")  # fmt: skip


def _time(client: httpx2.Client, path: str, repeat: int) -> tuple[list[float], set[int]]:
    statuses: set[int] = set()
    for _ in range(2):
        client.get(path)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        answer = client.get(path)
        _ = answer.content
        timings.append((time.perf_counter() - started) * 1000)
        statuses.add(answer.status_code)
    return sorted(timings), statuses


if __name__ == "__main__":
    sys.exit(main())
