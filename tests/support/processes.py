"""Real servers and worker processes for tests: redis-server, `encaisse worker`, `encaisse scheduler`."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from api import clock

REPO_ROOT = Path(__file__).resolve().parents[2]
ENCAISSE = str(Path(sys.executable).with_name("encaisse"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until(condition: Callable[[], object], *, timeout: float = 30.0, interval: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise TimeoutError(f"condition not met within {timeout} s: {condition}")


@contextmanager
def redis_server(tmp: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed: run `make setup`")
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_without_faketime(os.environ),
    )
    try:
        wait_until(lambda: _accepts(port), timeout=10)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


def clock_environment() -> dict[str, str]:
    """The test's pinned clock for an `encaisse` process: the moment it reads at a given wall-clock instant,
    so the process's clock is exactly the test's however long it takes to start (a job the test enqueues is
    never in the worker's future)."""
    wall = clock.wall_now()
    moment = clock.utc_now()
    return {"ENCAISSE_CLOCK_AT": moment.isoformat(), "ENCAISSE_CLOCK_AT_SINCE": wall.isoformat()}


def _without_faketime(environ: Mapping[str, str]) -> dict[str, str]:
    """redis-server does not start under libfaketime (the moved-clock pass of scripts/test.sh); its clock is
    none of the project's business."""
    return {k: v for k, v in environ.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def encaisse_env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENCAISSE_")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    env.update(clock_environment())
    env.update({f"ENCAISSE_{key.upper()}": value for key, value in settings.items()})
    return env


def start_encaisse(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [ENCAISSE, *args], env=env, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
