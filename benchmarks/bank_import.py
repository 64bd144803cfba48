"""Measure a bank statement import: CSV statements of 20,000, 100,000 and 300,000 lines through the real CLI
path (`encaisse bank import`: `api.reconcile_commands.run_bank_import`, which reads the file and calls
`api.bank.service.import_statement` in one unit of work).

Usage: python benchmarks/bank_import.py [--backend postgresql|sqlite|both] [--lines 20000,100000,300000]
       [--invoices 200] [--database-url postgresql+psycopg://…]

For each backend a fresh database is created (PostgreSQL: `encaisse_bench_bank_<pid>` on the server of
`--database-url`, default $ENCAISSE_TEST_POSTGRES_URL, dropped at the end; SQLite: a file in a temporary
folder) and migrated. One organisation per statement size, each with `--invoices` open invoices (the pool the
credits are matched against; every one of them is paid by a line of the statement, by its number in the
remittance). The statement is written to a temporary file: a French bank export (`;`, decimal commas,
credit and debit columns), one debit in ten, the rest credits from `--payers` distinct payers (2,000: a
statement names the same customers again and again; the matcher compares each distinct payer's name with
the buyers' once).

Printed per size: the wall time of the import, the lines stored (checked: every line is new, and as many
rows are in bank_lines), the matched count (checked: == invoices), the statement's file size and the RSS
growth during the import (sampled every 5 ms from another thread) beyond the RSS before it.

Targets: 100,000 lines in <= 5 s on PostgreSQL, and flat memory: the RSS growth at 300,000 lines at most
3 x the growth at 100,000 minus what the file itself takes (the file's bytes and their decoded text are in
memory whole, bounded by the 20 MiB upload limit; everything else is per batch). Exits 1 if one is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from api.bank.formats import CsvMapping  # noqa: E402
from api.clock import utc_now  # noqa: E402
from api.db import make_engine, make_session_factory, unit_of_work  # noqa: E402
from api.migrate import upgrade_database  # noqa: E402
from api.models import BankLine, Invoice  # noqa: E402
from api.organisations import service as organisations  # noqa: E402
from api.reconcile_commands import run_bank_import  # noqa: E402
from benchmarks.rss import RssSampler  # noqa: E402
from benchmarks.scratch import ADMIN_URL, postgres_database  # noqa: E402

MIB = 1024 * 1024
TARGET_SECONDS = 5.0
TARGET_LINES = 100_000
MAPPING = CsvMapping(date="Date", credit="Crédit", debit="Débit", payer="Émetteur", reference="Libellé")
FIRST_DAY = date(2026, 1, 1)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=("postgresql", "sqlite", "both"), default="postgresql")
    parser.add_argument("--lines", default="20000,100000,300000", help="statement sizes, comma-separated")
    parser.add_argument("--invoices", type=int, default=200, help="open invoices per organisation")
    parser.add_argument("--payers", type=int, default=2000, help="distinct payers of the other credits")
    parser.add_argument("--database-url", default=ADMIN_URL, help="PostgreSQL admin URL (SQLAlchemy form)")
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    sizes = [int(size) for size in args.lines.split(",")]
    backends = ("postgresql", "sqlite") if args.backend == "both" else (args.backend,)
    ok = True
    for backend in backends:
        with scratch_database(backend, args.database_url) as url:
            ok &= run(backend, url, sizes, args)
    return 0 if ok else 1


@contextmanager
def scratch_database(backend: str, admin_url: str) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="bench-bank-") as folder:
            yield f"sqlite:///{Path(folder) / 'encaisse.db'}"
        return
    with postgres_database(admin_url, f"encaisse_bench_bank_{os.getpid()}", keep=False) as url:
        yield url


@dataclass
class Figures:
    lines: int
    seconds: float
    cpu_seconds: float  # this process's (parsing, matching, SQLAlchemy); the database's own is not counted
    stored: int
    matched: int
    file_mib: float
    rss_growth_mib: float


def run(backend: str, url: str, sizes: list[int], args: argparse.Namespace) -> bool:
    upgrade_database(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)

    @contextmanager
    def session_for(_settings: object) -> Iterator[object]:
        with unit_of_work(factory) as session:
            yield session

    figures = []
    with tempfile.TemporaryDirectory(prefix="bench-bank-files-") as folder:
        for size in sizes:
            org = f"Bench Bank {size} SAS"
            numbers = seed_organisation(factory, org, args.invoices)
            path = Path(folder) / f"releve-{size}.csv"
            path.write_bytes(statement(size, numbers, args.payers, random.Random(args.seed)))
            with RssSampler() as rss:
                started, cpu = time.perf_counter(), time.process_time()
                run_bank_import(None, session_for, path, org=org, mapping=MAPPING)  # type: ignore[arg-type]
                seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            with unit_of_work(factory) as session:
                organisation_id = organisations.get_organisation_by_name(session, org).id
                own = BankLine.organisation_id == organisation_id
                stored = session.scalar(select(func.count()).select_from(BankLine).where(own))
                matched = session.scalar(
                    select(func.count())
                    .select_from(BankLine)
                    .where(BankLine.organisation_id == organisation_id, BankLine.status == "matched")
                )
            figures.append(Figures(size, seconds, cpu, stored or 0, matched or 0, path.stat().st_size / MIB,
                                   (rss.peak - rss.start_rss) / MIB))  # fmt: skip
    engine.dispose()
    return report(backend, figures, args.invoices, args.payers)


def report(backend: str, figures: list[Figures], invoices: int, payers: int) -> bool:
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"\n{backend}: {invoices} open invoices per organisation, {payers} payers; load average now {load}")
    columns = ("lines", "seconds", "CPU s", "lines/s", "stored", "matched", "file MiB", "RSS +MiB")
    print("  " + " ".join(f"{name:>9}" for name in columns))
    ok = True
    for f in figures:
        print(f"  {f.lines:>9} {f.seconds:>9.2f} {f.cpu_seconds:>9.2f} {f.lines / f.seconds:>9.0f}"
              f" {f.stored:>9} {f.matched:>9} {f.file_mib:>9.1f} {f.rss_growth_mib:>9.1f}")  # fmt: skip
        if f.stored != f.lines or f.matched != min(invoices, f.lines):
            print(f"  MISSED: {f.lines} lines: {f.stored} stored, {f.matched} matched")
            ok = False
        if backend == "postgresql" and f.lines == TARGET_LINES and f.seconds > TARGET_SECONDS:
            print(f"  MISSED: {TARGET_LINES} lines in {f.seconds:.2f} s > {TARGET_SECONDS} s")
            ok = False
    by_size = {f.lines: f for f in figures}
    if TARGET_LINES in by_size and 3 * TARGET_LINES in by_size:
        base, triple = by_size[TARGET_LINES], by_size[3 * TARGET_LINES]
        beyond_file = triple.rss_growth_mib - 3 * triple.file_mib
        print(f"  memory: +{base.rss_growth_mib:.1f} MiB at {TARGET_LINES}, +{triple.rss_growth_mib:.1f} MiB"
              f" at {3 * TARGET_LINES} ({beyond_file:.1f} MiB beyond 3 x the file)")  # fmt: skip
        if beyond_file > max(base.rss_growth_mib, 1.0):
            print("  MISSED: memory grows with the number of lines beyond the file itself")
            ok = False
    return ok


def seed_organisation(factory: object, name: str, invoices: int) -> list[str]:
    """The organisation and its open invoices (numbers returned): Core inserts, the real models."""
    with unit_of_work(factory) as session:  # type: ignore[arg-type]
        organisation = organisations.create_organisation(session, name)
        now, rows, numbers = utc_now(), [], []
        for index in range(invoices):
            number, total = f"F-2026-{index:05d}", 10_000 + index * 7
            numbers.append(number)
            rows.append({
                "id": uuid.uuid4(), "organisation_id": organisation.id, "number": number,
                "document_type": "invoice", "status": "ready", "issue_date": FIRST_DAY,
                "due_date": FIRST_DAY + timedelta(days=30), "currency": "EUR",
                "total_excl_tax": total, "total_tax": 0, "total_incl_tax": total, "amount_due": total,
                "balance_due": total, "seller_name": name, "buyer_name": f"Client {index} SARL", "fields": {},
                "extraction": {}, "warnings": [], "collection_status": "open", "amount_paid": 0,
                "amount_processing": 0, "amount_refunded": 0, "disputed": False, "approved_at": now,
                "approved_by": "bench", "created_at": now, "updated_at": now,
            })  # fmt: skip
        if rows:
            session.execute(insert(Invoice), rows)
    return numbers


def statement(lines: int, numbers: list[str], payers: int, rng: random.Random) -> bytes:
    """A French bank CSV export; its first lines pay the open invoices by number and exact amount."""
    out = ["Relevé de compte;;;;\n", "Date;Émetteur;Libellé;Débit;Crédit\n"]
    for n in range(lines):
        day = (FIRST_DAY + timedelta(days=n * 365 // lines)).strftime("%d/%m/%Y")
        if n < len(numbers):
            total = 10_000 + n * 7
            out.append(f"{day};CLIENT {n} SARL;VIR SEPA FACTURE {numbers[n]};;{_euros(total)}\n")
        elif n % 10 == 9:
            debit = _euros(rng.randint(100, 99_999))
            out.append(f"{day};FOURNISSEUR {n % 997};PRLV SEPA {n} ECHEANCE;{debit};\n")
        else:
            payer = f"PAYEUR {rng.randint(1, payers)}"
            out.append(f"{day};{payer};VIR SEPA REF {n} DIVERS;;{_euros(rng.randint(100, 999_999))}\n")
    return "".join(out).encode("cp1252")


def _euros(minor: int) -> str:
    return f"{minor // 100},{minor % 100:02d}"


if __name__ == "__main__":
    raise SystemExit(main())
