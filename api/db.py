"""Engine and session factory; the request unit of work lives in api/deps.py."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, text
from sqlalchemy.orm import Session, sessionmaker

from api.clock import paris_day_of_utc_text

SessionFactory = sessionmaker[Session]

# A pooled PostgreSQL connection idle for longer than this is pinged before use (a server restart or a cut
# network is found before a request uses it); one reused at once, as under load, is not: a ping per checkout
# was a round trip per request. A connection that died within this window fails its request (a 503, which
# providers retry), and that disconnect error makes the pool drop every older connection.
IDLE_PING_SECONDS = 2.0
POOL_SIZE = 20  # concurrent requests (the thread pool) plus job threads, without opening and closing overflow
MAX_OVERFLOW = 20


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    engine = create_engine(url, pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW, **kwargs)
    _ping_when_idle(engine, IDLE_PING_SECONDS)
    _convert_long_statements_once()
    return engine


def _convert_long_statements_once() -> None:
    """psycopg rewrites a statement's placeholders (a regular expression over its whole text) at every
    execution unless the text is at most 4 kB with at most 50 parameters. A batch INSERT … VALUES of 64
    ledger rows is ~15 kB with ~800: 6.5 ms each time, a fifth of the server's CPU in the webhook benchmark.
    Our statements come in few shapes (one per batch size), so they are remembered like short ones: in
    psycopg's own cache of 128 statements, whose entries stay below 64 kB."""
    try:
        from psycopg import _queries
    except ImportError:  # pragma: no cover - psycopg is the PostgreSQL driver we install
        return
    if hasattr(_queries, "MAX_CACHED_STATEMENT_LENGTH") and hasattr(_queries, "MAX_CACHED_STATEMENT_PARAMS"):
        _queries.MAX_CACHED_STATEMENT_LENGTH = max(_queries.MAX_CACHED_STATEMENT_LENGTH, 64 * 1024)
        _queries.MAX_CACHED_STATEMENT_PARAMS = max(_queries.MAX_CACHED_STATEMENT_PARAMS, 4096)


def _ping_when_idle(engine: Engine, idle_seconds: float) -> None:
    """`pool_pre_ping`, but only for connections that sat in the pool for `idle_seconds` or more."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("checked_in_at")
        if idle_since is None or time.monotonic() - idle_since < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # the pool throws this connection away and tries a fresh one
            raise exc.DisconnectionError(f"pooled connection failed its ping: {error}") from error


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy drive transactions, so that we can BEGIN IMMEDIATE below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()
        dbapi_connection.create_function("paris_day", 1, paris_day_of_utc_text, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A deferred transaction that reads and then writes fails at once with SQLITE_BUSY when another
        # connection committed in between (the busy timeout does not apply); taking the write lock up
        # front makes the in-process worker and the web requests queue politely instead.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> SessionFactory:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: SessionFactory) -> Iterator[Session]:
    """A session that commits when the block ends and rolls back when it raises."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def ping(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
