"""`encaisse serve` says where to log in once it listens: after the start-up logs, so it is the last thing
a newcomer reads; the credentials on the first start only, the address on every start."""

from __future__ import annotations

from pathlib import Path

import httpx2

from tests.support.processes import encaisse_env, free_port, start_encaisse, stop, wait_until


def serve_once(tmp_path: Path, data_dir: Path, name: str) -> str:
    port = free_port()
    env = encaisse_env(env="development", data_dir=str(data_dir), secret_key="s" * 40)
    log = tmp_path / name
    process = start_encaisse(["serve", "--port", str(port)], env, log)
    try:
        wait_until(lambda: "listening on" in log.read_text(), timeout=60)
        assert httpx2.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200
    finally:
        stop(process)
    return log.read_text()


def test_the_first_login_and_the_address_come_after_the_start_up_logs(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"

    first = serve_once(tmp_path, data_dir, "first.log")
    later = serve_once(tmp_path, data_dir, "later.log")

    lines = first.splitlines()
    banner = next(i for i, line in enumerate(lines) if "First start" in line)
    listening = next(i for i, line in enumerate(lines) if "listening on" in line)
    assert banner < listening
    assert not any("[info" in line or "[warning" in line for line in lines[banner : listening + 1])
    assert "password     : " in first
    assert "/login" in lines[listening]
    assert not any("job.done" in line for line in lines[listening:])  # periodic work does not bury it
    assert "First start" not in later
    assert "password" not in later
    assert "listening on" in later
