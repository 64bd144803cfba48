"""What the benchmarks share: the PostgreSQL server they use, a scratch database made and dropped on it,
the CPU time of a process (Linux /proc), and a real `encaisse serve` started on a free port."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2
import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

ADMIN_URL = os.environ.get(
    "ENCAISSE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres:postgres@127.0.0.1:5432/postgres"
)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def libpq(url: str) -> str:
    """An SQLAlchemy URL as psycopg wants it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def postgres_database(
    admin_url: str, name: str, *, keep: bool, settings: dict[str, str] | None = None
) -> Iterator[str]:
    """A fresh database `name` (dropped first if a crashed run left it) with `settings` (ALTER DATABASE …
    SET), dropped at the end unless `keep`. Yields its SQLAlchemy URL."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"database name {name!r}: lower-case letters, digits and _ only")
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(libpq(admin_url), autocommit=True) as connection:
        connection.execute(drop)
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        for setting, value in (settings or {}).items():
            connection.execute(
                sql.SQL("ALTER DATABASE {} SET {} = {}").format(
                    sql.Identifier(name), sql.Identifier(setting), sql.Literal(value)
                )
            )
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        if not keep:
            with psycopg.connect(libpq(admin_url), autocommit=True) as connection:
                connection.execute(drop)


def cpu_of(pid: int) -> float:
    """User + system CPU seconds of a process (0 when it cannot be read)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _parent_of(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def descendants(pid: int) -> list[int]:
    """The processes started by `pid`, and theirs (e.g. `serve --workers N`'s workers)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (parent := _parent_of(int(entry.name))) is not None:
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], list(children.get(pid, []))
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(children.get(child, []))
    return found


def cpu_of_tree(pid: int) -> float:
    """CPU seconds of a process and of its live descendants."""
    return cpu_of(pid) + sum(cpu_of(child) for child in descendants(pid))


# --- a real `encaisse serve` ------------------------------------------------------------------------------

STARTUP_TIMEOUT_SECONDS = 60


def encaisse_command() -> str:
    """The `encaisse` script of the Python running the benchmark (its virtualenv)."""
    return str(Path(sys.executable).with_name("encaisse"))


@dataclass(frozen=True)
class Started:
    url: str
    pid: int
    first_start: str  # what the first start printed: the organisation, the admin's password, the API key
    log_path: Path

    def value(self, label: str) -> str:
        """One line of the first-start output, e.g. "API key" or "password"."""
        match = re.search(rf"^\s+{re.escape(label)}\s*:\s*(\S+)\s*$", self.first_start, re.MULTILINE)
        if not match:
            raise RuntimeError(f"no {label!r} line in the first-start output:\n{self.first_start}")
        return match.group(1)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _ready(url: str) -> bool:
    try:
        return httpx2.get(f"{url}/readyz", timeout=1).status_code == 200
    except httpx2.TransportError:
        return False


@contextmanager
def serving(workdir: Path, env: dict[str, str], *options: str) -> Iterator[Started]:
    """`encaisse serve --port <free> *options` with `env`, until it answers /readyz; stopped at the end."""
    port = _free_port()
    stdout_path, log_path = workdir / "stdout.txt", workdir / "stderr.txt"
    command = [encaisse_command(), "serve", "--port", str(port), *options]
    with stdout_path.open("wb") as stdout, log_path.open("wb") as stderr:
        process = subprocess.Popen(command, cwd=workdir, env=env, stdout=stdout, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while not _ready(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"encaisse serve did not start:\n{log_path.read_text()}")
            time.sleep(0.1)
        yield Started(url, process.pid, stdout_path.read_text(), log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
