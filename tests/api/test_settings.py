from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from api.settings import DEV_SECRET_KEY, Settings


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.mark.parametrize("env", ["production", "test"])
def test_the_default_secret_is_refused_outside_development(env: str) -> None:
    with pytest.raises(ValidationError, match="ENCAISSE_SECRET_KEY must be set"):
        settings(env=env)


def test_a_short_secret_is_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="at least 32 characters"):
        settings(env="production", secret_key="short-but-not-default")


def test_development_accepts_the_default_secret_and_embeds_sqlite_under_the_data_dir(tmp_path: Path) -> None:
    s = settings(data_dir=tmp_path)
    assert s.secret_key == DEV_SECRET_KEY
    assert s.effective_database_url == f"sqlite:///{tmp_path.resolve()}/encaisse.db"
    assert s.files_dir == tmp_path / "files"


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENCAISSE_DATABASE_URL", "postgresql+psycopg://u:p@db/encaisse")
    monkeypatch.setenv("ENCAISSE_MAX_UPLOAD_BYTES", "1234")
    monkeypatch.setenv("ENCAISSE_TASK_MODULES", '["a.b"]')
    s = settings()
    assert s.effective_database_url == "postgresql+psycopg://u:p@db/encaisse"
    assert s.max_upload_bytes == 1234
    assert s.task_modules == ["a.b"]


def test_a_dotenv_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("ENCAISSE_PORT=9123\n")
    monkeypatch.chdir(tmp_path)
    assert Settings().port == 9123
