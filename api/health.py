from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from api.db import ping
from api.deps import get_runtime
from api.logging import get_logger

router = APIRouter(tags=["health"])
log = get_logger(__name__)


@router.get("/healthz", summary="The process is up")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The database answers")
async def readyz(request: Request) -> JSONResponse:
    try:
        await run_in_threadpool(ping, get_runtime(request).engine)
    except SQLAlchemyError as exc:
        log.warning("readyz.database_unavailable", error=str(exc).splitlines()[0])
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})
