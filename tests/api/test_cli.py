from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli
from api.runtime import Runtime
from tests.conftest import make_settings

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("ENCAISSE_DATABASE_URL", "ENCAISSE_REDIS_URL", "ENCAISSE_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env, and ./var would land here
    return tmp_path / "data"


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.output


def test_org_user_and_apikey_commands_make_a_working_api_key(env: Path) -> None:
    assert invoke("org", "create", "Atelier Lenoir", "--data-dir", str(env))[0] == 0
    code, out = invoke(
        "user", "create", "--org", "Atelier Lenoir", "marie@lenoir.example.com", "--data-dir", str(env)
    )
    assert code == 0
    assert out.splitlines()[-1].startswith("password: ")

    code, out = invoke("apikey", "create", "--org", "Atelier Lenoir", "--data-dir", str(env))
    assert code == 0
    key = out.strip().splitlines()[-1]
    assert key.startswith("enc_")

    settings = make_settings(env, f"sqlite:///{env.resolve()}/encaisse.db")
    runtime = Runtime.build(settings)
    try:
        with TestClient(create_app(settings, runtime=runtime)) as client:
            response = client.get("/api/v1/documents", headers={"Authorization": f"Bearer {key}"})
    finally:
        runtime.close()
    assert response.status_code == 200
    assert (env / "encaisse.db").exists()


def test_the_data_dir_comes_from_the_environment_too(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENCAISSE_DATA_DIR", str(env))
    assert invoke("org", "create", "Ferme Olivier")[0] == 0
    assert (env / "encaisse.db").exists()


def test_errors_are_one_line_and_a_non_zero_exit(env: Path) -> None:
    code, out = invoke("apikey", "create", "--org", "Nobody", "--data-dir", str(env))
    assert code == 1
    assert out.strip() == "error: No organisation named 'Nobody'."

    invoke("org", "create", "Twice", "--data-dir", str(env))
    code, out = invoke("org", "create", "Twice", "--data-dir", str(env))
    assert code == 1
    assert "already exists" in out

    invoke("org", "create", "Short", "--data-dir", str(env))
    code, out = invoke(
        "user", "create", "--org", "Short", "a@b.example.com", "--password", "123", "--data-dir", str(env)
    )
    assert code == 1
    assert "at least 10 characters" in out


def test_workers_need_redis(env: Path) -> None:
    code, out = invoke("worker", "--data-dir", str(env))
    assert code == 1
    assert "ENCAISSE_REDIS_URL is not set" in out


def test_a_default_secret_in_production_stops_the_cli(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENCAISSE_ENV", "production")
    code, out = invoke("db", "upgrade", "--data-dir", str(env))
    assert code == 1
    assert "ENCAISSE_SECRET_KEY must be set" in out


def test_db_upgrade_reports_the_revision(env: Path) -> None:
    code, out = invoke("db", "upgrade", "--data-dir", str(env))
    assert code == 0
    assert out.startswith("database at revision ")
