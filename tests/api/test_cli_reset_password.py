"""`encaisse user reset-password EMAIL`: prints a single-use link under ENCAISSE_PUBLIC_URL that lets the
user choose a new password (the old one keeps working until then); an unknown email is an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli
from api.runtime import Runtime
from tests.conftest import make_settings
from tests.factories import Tenant
from tests.support.web import log_in

runner = CliRunner()
PUBLIC_URL = "https://encaisse.boulangerie-martin.fr"
EMAIL, OLD, NEW = "marie@lenoir.example.com", "correct horse battery", "quiet river lantern"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("ENCAISSE_DATABASE_URL", "ENCAISSE_REDIS_URL", "ENCAISSE_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ENCAISSE_PUBLIC_URL", PUBLIC_URL)
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    assert runner.invoke(cli, ["org", "create", "Atelier Lenoir", "--data-dir", str(data)]).exit_code == 0
    created = runner.invoke(
        cli, ["user", "create", "--org", "Atelier Lenoir", EMAIL, "--password", OLD, "--data-dir", str(data)]
    )
    assert created.exit_code == 0, created.output
    return data


def user(password: str) -> Tenant:
    return Tenant(organisation_id=None, name="Atelier Lenoir", email=EMAIL, password=password, api_key="")  # type: ignore[arg-type]


def test_the_printed_link_sets_a_new_password_once(env: Path) -> None:
    result = runner.invoke(
        cli, ["user", "reset-password", "Marie@Lenoir.example.com", "--data-dir", str(env)]
    )

    assert result.exit_code == 0, result.output
    link = result.output.strip().splitlines()[-1]
    assert link.startswith(f"{PUBLIC_URL}/reset-password/")
    path = link.removeprefix(PUBLIC_URL)
    settings = make_settings(env, f"sqlite:///{env.resolve()}/encaisse.db")
    runtime = Runtime.build(settings)
    try:
        with TestClient(create_app(settings, runtime=runtime)) as browser:
            log_in(browser, user(OLD))  # printing a link changes nothing by itself
            form = browser.get(path)
            assert form.status_code == 200
            assert EMAIL in form.text
            done = browser.post(
                path, data={"new_password": NEW, "confirm_password": NEW}, follow_redirects=False
            )
            assert done.status_code == 303
            assert done.headers["location"] == "/login?reset=1"
            assert browser.get("/account", follow_redirects=False).status_code == 303  # its session ended
            log_in(browser, user(NEW))
            again = browser.post(path, data={"new_password": OLD, "confirm_password": OLD})
            assert again.status_code == 400  # single use
        with TestClient(create_app(settings, runtime=runtime)) as other:
            log_in(other, user(NEW))
    finally:
        runtime.close()


def test_an_unknown_email_is_an_error_with_a_non_zero_exit(env: Path) -> None:
    result = runner.invoke(
        cli, ["user", "reset-password", "nobody@lenoir.example.com", "--data-dir", str(env)]
    )

    assert result.exit_code != 0
    assert result.output.strip().splitlines()[-1].startswith("error: no active user with the email")
