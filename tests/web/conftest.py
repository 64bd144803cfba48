"""Fixtures for the web UI tests.

`test_pages.py` uses the shared fixtures of tests/conftest.py (TestClient, both database backends).
`test_browser.py` uses `live_server` (the real `encaisse serve` in a subprocess, on its embedded SQLite)
and a headless Chromium driven by Playwright's sync API.
"""

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
from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient

from tests.api.payment_links.test_pay_page import ready_invoice
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.processes import clock_environment
from tests.support.web import log_in

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS_DIR = REPO_ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path(os.environ.get("ENCAISSE_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_TIMEOUT_SECONDS = 30
BROWSER_TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class LiveServer:
    url: str
    email: str
    password: str
    api_key: str
    data_dir: Path
    log_path: Path

    @property
    def api_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def api_documents(self) -> dict:  # type: ignore[type-arg]
        """The organisation's documents as the API sees them (first 200, newest first)."""
        response = httpx2.get(f"{self.url}/api/v1/documents", params={"limit": 200}, headers=self.api_headers)
        response.raise_for_status()
        body: dict = response.json()  # type: ignore[type-arg]
        return body

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _first_start_value(output: str, label: str) -> str:
    match = re.search(rf"^\s+{re.escape(label)}\s*:\s*(\S+)\s*$", output, re.MULTILINE)
    assert match, f"no {label!r} line in the first-start output:\n{output}"
    return match.group(1)


def _encaisse_executable() -> Path:
    beside_python = Path(sys.executable).with_name("encaisse")
    return beside_python if beside_python.exists() else REPO_ROOT / ".venv" / "bin" / "encaisse"


@contextmanager
def serving(root: Path, **environment: str) -> Iterator[LiveServer]:
    """`encaisse serve` on a free port with a fresh data dir under `root`, plus `environment`
    (ENCAISSE_* settings); the first start prints the credentials."""
    data_dir = root / "data"
    stdout_path, log_path = root / "stdout.txt", root / "stderr.txt"
    port = _free_port()
    # Only what this test sets: no ENCAISSE_* from the caller's shell, no .env from the repository.
    env = {key: value for key, value in os.environ.items() if not key.startswith("ENCAISSE_")}
    env.update({"ENCAISSE_ENV": "development", "PYTHONUNBUFFERED": "1", **environment})
    env = {**clock_environment(), **env}  # the test's pinned clock, unless the test sets its own
    command = [str(_encaisse_executable()), "serve", "--port", str(port), "--data-dir", str(data_dir)]
    with stdout_path.open("wb") as stdout, log_path.open("wb") as stderr:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=stdout, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(process, url, log_path)
        output = stdout_path.read_text()
        yield LiveServer(
            url=url,
            email=_first_start_value(output, "email"),
            password=_first_start_value(output, "password"),
            api_key=_first_start_value(output, "API key"),
            data_dir=data_dir,
            log_path=log_path,
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_ready(process: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(f"encaisse serve exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            if httpx2.get(f"{url}/readyz", timeout=1).status_code == 200:
                return
        except httpx2.TransportError:
            pass
        if time.monotonic() > deadline:
            log = log_path.read_text()
            pytest.fail(f"encaisse serve not ready after {STARTUP_TIMEOUT_SECONDS} s:\n{log}")
        time.sleep(0.1)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with serving(tmp_path_factory.mktemp("live-server")) as server:
        yield server


@pytest.fixture(scope="session")
def chromium_browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One headless Chromium per test process. Playwright gives it a fresh temporary profile
    (user-data dir); each test then opens its own context, so cookies never leak between tests."""
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run `make setup` (or set ENCAISSE_TEST_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            downloads_path=tmp_path_factory.mktemp("downloads"),
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def screenshots_dir() -> Path:
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS_DIR


@pytest.fixture
def logged_in(client: TestClient, tenant: Tenant) -> TestClient:
    """The TestClient with a browser session of the tenant's owner."""
    return log_in(client, tenant)


@pytest.fixture
def invoice(capture: Capture, tenant: Tenant) -> dict[str, Any]:
    """A captured invoice, ready (approved), with its pay link."""
    found: dict[str, Any] = ready_invoice(capture, tenant)
    return found
