"""Shared fixtures: every database test runs on SQLite and on a real PostgreSQL (a database per xdist
worker, migrated by Alembic once, emptied after each test)."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session

from api import clock
from api.app import create_app
from api.db import unit_of_work
from api.migrate import upgrade_database
from api.models import Base
from api.runtime import Runtime
from api.settings import Settings
from tests.factories import Tenant, create_tenant
from tests.support.capture import Capture
from tests.support.clock import SUITE_MOMENT
from tests.support.fakes import FakeGoCardless, FakeStripe, running_fake_gocardless, running_fake_stripe

POSTGRES_ADMIN_URL = os.environ.get(
    "ENCAISSE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres:postgres@127.0.0.1:5432/postgres"
)
BACKENDS = ["sqlite", "postgresql"]


# "Now" for the whole suite: every test starts at SUITE_MOMENT (the clock then runs on), whatever the date the
# suite runs on. A test about another day pins its own (`clock.pinned`).
@pytest.fixture(scope="session", autouse=True)
def _suite_clock() -> Iterator[None]:
    with clock.pinned(SUITE_MOMENT):
        yield


@pytest.fixture(autouse=True)
def _test_clock(_suite_clock: None) -> Iterator[None]:
    with clock.pinned(SUITE_MOMENT):
        yield


@pytest.fixture(scope="session")
def worker_id_suffix(request: pytest.FixtureRequest) -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test: migrating once keeps the suite fast."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    upgrade_database(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url(worker_id_suffix: str) -> Iterator[str]:
    admin = make_url(POSTGRES_ADMIN_URL)
    # The pid keeps two test runs on one machine (a developer's and a helper's) out of each other's way.
    name = f"encaisse_test_{worker_id_suffix}_{os.getpid()}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.set(database=name).render_as_string(hide_password=False)
    upgrade_database(url)
    seeded = create_engine(url)
    with seeded.connect() as connection:  # what the migrations seeded, before any test
        _seeded[url] = {table: _rows(connection, table) for table in SEEDED_TABLES}
    seeded.dispose()
    yield url
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        path = tmp_path / "encaisse.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    url: str = request.getfixturevalue("postgres_url")
    yield url
    empty_postgres(url)


# Rows the migrations seed (public reference data): put back as migrated after each test empties the base.
SEEDED_TABLES = ("penalty_rates",)
_seeded: dict[str, dict[str, list[dict[str, object]]]] = {}


def empty_postgres(url: str) -> None:
    engine = create_engine(url)
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        if url not in _seeded:
            _seeded[url] = {name: _rows(connection, name) for name in SEEDED_TABLES}
        connection.execute(text(f"TRUNCATE {tables} CASCADE"))
        for name, rows in _seeded[url].items():
            if rows:
                connection.execute(Base.metadata.tables[name].insert(), rows)
    engine.dispose()


def _rows(connection: Connection, name: str) -> list[dict[str, object]]:
    return [dict(row._mapping) for row in connection.execute(Base.metadata.tables[name].select())]


def make_settings(data_dir: Path, database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "env": "test",
        "secret_key": secrets.token_urlsafe(32),
        "data_dir": data_dir,
        "database_url": database_url,
        "redis_url": None,
        "sweep_interval_seconds": 0.2,
        "job_workers": 2,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path / "data", database_url)


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime]:
    rt = Runtime.build(settings)
    yield rt
    rt.close()


@pytest.fixture
def app(settings: Settings, runtime: Runtime) -> FastAPI:
    return create_app(settings, runtime=runtime)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def db(runtime: Runtime) -> Iterator[Session]:
    """A session for given/then steps. On SQLite every transaction holds the write lock (BEGIN IMMEDIATE):
    end reads with commit() before the code under test needs to write."""
    session = runtime.session_factory()
    yield session
    session.close()


@pytest.fixture
def tenant(runtime: Runtime) -> Tenant:
    with unit_of_work(runtime.session_factory) as session:
        return create_tenant(session, name="Boulangerie Martin")


@pytest.fixture
def other_tenant(runtime: Runtime) -> Tenant:
    with unit_of_work(runtime.session_factory) as session:
        return create_tenant(session, name="Garage Dupont")


@pytest.fixture
def capture(client: TestClient, runtime: Runtime) -> Capture:
    """Upload a file through the API and wait for its capture job."""
    return Capture(client, runtime)


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripe]:
    """A local stateful server that answers like Stripe; point the real SDK at `fake.url`."""
    with running_fake_stripe() as fake:
        yield fake


@pytest.fixture
def fake_gocardless() -> Iterator[FakeGoCardless]:
    with running_fake_gocardless() as fake:
        yield fake


@pytest.fixture
def quick_providers(runtime: Runtime) -> None:
    """Short provider timeouts: the fakes' "timeout" faults hold their answers for 2 s."""
    runtime.settings.provider_timeout_seconds = 0.5
