"""`encaisse`: serve, migrate, run workers, and manage organisations, users and API keys."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.db import make_engine, make_session_factory, unit_of_work
from api.errors import EncaisseError
from api.logging import configure_logging
from api.migrate import current_revision, upgrade_database
from api.organisations import secrets
from api.organisations import service as organisations
from api.penalties.command import register as register_penalty_commands
from api.providers import hosts
from api.reconcile_commands import CsvOption, bank_app, csv_mapping, run_bank_import, run_reconcile
from api.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

app = typer.Typer(help="Encaisse: receivables for French SMEs.", no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
org_app = typer.Typer(help="Organisations (tenants).", no_args_is_help=True)
user_app = typer.Typer(help="Users who log in to the web UI.", no_args_is_help=True)
apikey_app = typer.Typer(help="API keys.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(org_app, name="org")
app.add_typer(user_app, name="user")
app.add_typer(apikey_app, name="apikey")
app.add_typer(bank_app, name="bank")

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Where the embedded database and files live (ENCAISSE_DATA_DIR)."),
]


def load_settings(data_dir: Path | None = None, **overrides: Any) -> Settings:
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        messages = "; ".join(error["msg"].removeprefix("Value error, ") for error in exc.errors())
        fail(f"invalid configuration: {messages}")
    configure_logging(settings.log_level, json=settings.log_json)
    hosts.use(settings)  # `encaisse reconcile` calls the providers without building a Runtime
    return settings


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def session_for(settings: Settings) -> Iterator[Session]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    ensure_schema(settings)
    engine = make_engine(settings.effective_database_url)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            yield session
    except EncaisseError as exc:
        fail(exc.detail)
    finally:
        engine.dispose()


def ensure_schema(settings: Settings) -> None:
    """The embedded SQLite database migrates itself; PostgreSQL is migrated on purpose (`db upgrade`)."""
    url = settings.effective_database_url
    if settings.database_url is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        upgrade_database(url)
    elif current_revision(url) is None:
        fail("the database has no schema yet: run `encaisse db upgrade` first")


@db_app.command("upgrade")
def db_upgrade(data_dir: DataDir = None, revision: str = "head") -> None:
    """Apply the migrations up to REVISION (default: the newest)."""
    settings = load_settings(data_dir)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade_database(settings.effective_database_url, revision)
    typer.echo(f"database at revision {current_revision(settings.effective_database_url)}")


@org_app.command("create")
def org_create(name: str, data_dir: DataDir = None) -> None:
    """Create an organisation."""
    with session_for(load_settings(data_dir)) as session:
        organisation = organisations.create_organisation(session, name)
        typer.echo(f"organisation {organisation.name!r} created ({organisation.id})")


@user_app.command("create")
def user_create(
    email: str,
    org: Annotated[str, typer.Option("--org", help="Organisation name.")],
    password: Annotated[
        str | None,
        typer.Option(help="At least 10 characters; a random one is generated and printed if absent."),
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Create a user who logs in with EMAIL."""
    chosen = password or secrets.new_password()
    with session_for(load_settings(data_dir)) as session:
        organisation = organisations.get_organisation_by_name(session, org)
        user = organisations.create_user(session, organisation, email, chosen)
    typer.echo(f"user {user.email} created in {org!r}")
    if password is None:
        typer.echo(f"password: {chosen}")


@user_app.command("reset-password")
def user_reset_password(email: str, data_dir: DataDir = None) -> None:
    """Print a single-use link (valid one hour) for EMAIL's user to choose a new password; the link starts
    with ENCAISSE_PUBLIC_URL. The current password stays valid until the link is used."""
    settings = load_settings(data_dir)
    with session_for(settings) as session:
        issued = organisations.issue_password_reset(session, email)
        if issued is None:
            raise fail(f"no active user with the email {email.strip()!r}")
        user, token = issued
    typer.echo(f"password reset link for {user.email} (single use, valid 1 hour):")
    typer.echo(organisations.reset_link(settings.base_url, token))


@apikey_app.command("create")
def apikey_create(
    org: Annotated[str, typer.Option("--org", help="Organisation name.")],
    name: str = "cli",
    data_dir: DataDir = None,
) -> None:
    """Create an API key; it is printed once, as the last line, and only its hash is kept."""
    with session_for(load_settings(data_dir)) as session:
        organisation = organisations.get_organisation_by_name(session, org)
        _, key = organisations.create_api_key(session, organisation, name=name)
    typer.echo(f"API key for {org!r} (shown once, store it now):")
    typer.echo(key)


@app.command()
def reconcile(
    since: Annotated[str, typer.Option("--since", help="Fetch provider events from this date (YYYY-MM-DD).")],
    org: Annotated[str | None, typer.Option("--org", help="Only this organisation.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Catch up on webhooks that never arrived: each provider's events since DATE go through the inbox."""
    try:
        day = date.fromisoformat(since)
    except ValueError:
        raise fail(f"--since {since!r} is not a date (YYYY-MM-DD)") from None
    run_reconcile(load_settings(data_dir), session_for, since=day, org=org)


@bank_app.command("import")
def bank_import(
    file: Path,
    org: Annotated[str, typer.Option("--org", help="Organisation name.")],
    csv: CsvOption = None,
    data_dir: DataDir = None,
) -> None:
    """Import a statement (CAMT.053, OFX, or CSV with --csv); sure matches mark invoices paid."""
    run_bank_import(load_settings(data_dir), session_for, file, org=org, mapping=csv_mapping(csv))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Server processes sharing the port, each with its own in-process job threads (unless"
            " ENCAISSE_REDIS_URL is set); the periodic jobs run in one of them at a time.",
        ),
    ] = 1,
    data_dir: DataDir = None,
) -> None:
    """Run the web service (with the in-process worker and scheduler unless ENCAISSE_REDIS_URL is set)."""
    import uvicorn

    from api.serving import AnnouncingServer, first_start_text, listening_text

    overrides = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    settings = load_settings(data_dir, **overrides)
    with session_for(settings) as session:
        first = organisations.bootstrap_if_empty(
            session, organisation_name=settings.first_org_name, email=settings.first_admin_email
        )
    banner = first_start_text(settings, first) if first is not None else ""
    if workers == 1:
        from api.app import create_app

        config = uvicorn.Config(
            create_app(settings), host=settings.host, port=settings.port, log_level="warning"
        )
        AnnouncingServer(config, banner + listening_text(settings)).run()
        return
    typer.echo(banner + listening_text(settings))
    # Each worker process builds its own app from the environment: hand it what the options chose.
    os.environ.update(
        ENCAISSE_HOST=settings.host,
        ENCAISSE_PORT=str(settings.port),
        ENCAISSE_DATA_DIR=str(settings.data_dir.resolve()),
    )
    uvicorn.run(
        "api.cli:worker_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=workers,
        log_level="warning",
    )


def worker_app() -> FastAPI:
    """The app of one `serve --workers N` process (uvicorn imports this factory in each of them)."""
    from api.app import create_app

    return create_app(load_settings())


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="PDF, Factur-X, CII/UBL XML, JPEG, PNG or TIFF files.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one JSON object a line) or table.")] = "jsonl",
) -> None:
    """Read invoices into structured fields, without the service (no database, no settings)."""
    from api.extract_command import FORMATS, extract_files

    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}")
    raise typer.Exit(extract_files([str(path) for path in files], fmt))


@app.command()
def worker(data_dir: DataDir = None) -> None:
    """Run jobs from Redis (needs ENCAISSE_REDIS_URL)."""
    from api.jobs.backends import DramatiqBackend
    from api.runtime import Runtime

    settings = load_settings(data_dir)
    if not settings.redis_url:
        fail("ENCAISSE_REDIS_URL is not set: without Redis, `encaisse serve` runs jobs itself")
    ensure_schema(settings)
    runtime = Runtime.build(settings)
    assert isinstance(runtime.backend, DramatiqBackend)
    try:
        runtime.backend.serve(stop_on_signal(), threads=settings.job_workers)
    finally:
        runtime.close()


@app.command()
def scheduler(data_dir: DataDir = None) -> None:
    """Run periodic jobs and the sweeper that re-dispatches lost jobs (needs ENCAISSE_REDIS_URL)."""
    from api.runtime import Runtime

    settings = load_settings(data_dir)
    if not settings.redis_url:
        fail("ENCAISSE_REDIS_URL is not set: without Redis, `encaisse serve` runs the scheduler itself")
    ensure_schema(settings)
    runtime = Runtime.build(settings)
    try:
        runtime.scheduler().run(stop_on_signal())
    finally:
        runtime.close()


def stop_on_signal() -> threading.Event:
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    return stop


register_penalty_commands(app, load_settings, session_for)


def main() -> None:
    try:
        app()
    except EncaisseError as exc:
        typer.echo(f"error: {exc.detail}", err=True)
        sys.exit(1)
