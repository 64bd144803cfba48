"""Request dependencies: the unit of work and the caller's identity."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from api.documents.storage import FileStore
from api.errors import Unauthorized
from api.organisations import service as organisations
from api.organisations.service import Principal
from api.runtime import Runtime

SESSION_COOKIE = "encaisse_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_db(request: Request) -> Iterator[Session]:
    """Commit before the response is sent: a failed commit is an error response, never a silent loss."""
    session = get_runtime(request).session_factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


DbSession = Annotated[Session, Depends(get_db, scope="function")]


def get_store(request: Request) -> FileStore:
    return FileStore(get_runtime(request).settings.files_dir)


Store = Annotated[FileStore, Depends(get_store)]


def get_principal(request: Request, db: DbSession) -> Principal:
    authorization = request.headers.get("authorization")
    if authorization:
        scheme, _, key = authorization.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise Unauthorized("Use the header 'Authorization: Bearer <api key>'.")
        principal = organisations.authenticate_api_key(db, key.strip())
    elif token := request.cookies.get(SESSION_COOKIE):
        principal = organisations.authenticate_session(db, token)
        if request.method not in SAFE_METHODS:
            organisations.check_csrf(principal, request.headers.get(CSRF_HEADER))
    else:
        raise Unauthorized("Authentication required: send 'Authorization: Bearer <api key>'.")
    # End the read transaction now: an upload may stream for a while, and on SQLite an open
    # transaction holds the write lock.
    db.commit()
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
