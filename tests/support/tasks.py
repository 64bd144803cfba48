"""Tasks for testing the job seam. Each leaves its trace in files under the data directory, so a test
(or a worker in another process) can count how often it really ran."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

from api.worker import TaskContext, enqueue, task


def trace_dir(context: TaskContext) -> Path:
    path = context.settings.data_dir / "traces"
    path.mkdir(parents=True, exist_ok=True)
    return path


def runs(data_dir: Path, key: str) -> int:
    path = data_dir / "traces" / key
    return len(path.read_text().splitlines()) if path.exists() else 0


def _append(context: TaskContext, key: str) -> None:
    with (trace_dir(context) / key).open("a") as file:
        file.write("ran\n")


@task("tests.touch")
def touch(context: TaskContext, *, key: str) -> None:
    _append(context, key)


@task("tests.fail", max_attempts=2)
def always_fail(context: TaskContext, *, key: str) -> None:
    _append(context, key)
    raise RuntimeError(f"boom {key}")


@task("tests.parent")
def parent(context: TaskContext, *, key: str) -> None:
    _append(context, key)
    enqueue(context.session, "tests.touch", key=key + ".child")


@task("tests.wait_for_flag")
def wait_for_flag(context: TaskContext, *, key: str, timeout: float = 60.0) -> None:
    """Signals that it started, then blocks until the test creates the flag file."""
    _append(context, key + ".started")
    flag = trace_dir(context) / (key + ".flag")
    deadline = time.monotonic() + timeout
    while not flag.exists():
        if time.monotonic() > deadline:
            raise TimeoutError("flag never appeared")
        time.sleep(0.05)
    _append(context, key)


@task("tests.parent_in_claim_transaction", claim_in_transaction=True)
def parent_in_claim_transaction(context: TaskContext, *, key: str) -> None:
    _append(context, key)
    enqueue(context.session, "tests.touch", key=key + ".child")


@task("tests.fail_in_claim_transaction", max_attempts=2, claim_in_transaction=True)
def fail_in_claim_transaction(context: TaskContext, *, key: str) -> None:
    """Enqueues a child, then fails: the child must go with the rolled-back transaction."""
    _append(context, key)
    enqueue(context.session, "tests.touch", key=key + ".child")
    raise RuntimeError(f"boom {key}")


@task("tests.batch_touch", batch=3)
def batch_touch(context: TaskContext, *, payloads: list[dict[str, str]]) -> None:
    """Leaves one trace per job, and the size of each call under "batch_sizes"."""
    with (trace_dir(context) / "batch_sizes").open("a") as file:
        file.write(f"{len(payloads)}\n")
    for payload in payloads:
        _append(context, payload["key"])


@task("tests.batch_fail", batch=3, max_attempts=2)
def batch_fail(context: TaskContext, *, payloads: list[dict[str, str]]) -> None:
    for payload in payloads:
        _append(context, payload["key"])
    raise RuntimeError("boom batch")


@task("tests.batch_linger", batch=3, linger=timedelta(seconds=2))
def batch_linger(context: TaskContext, *, payloads: list[dict[str, str]]) -> None:
    batch_touch(context, payloads=payloads)
