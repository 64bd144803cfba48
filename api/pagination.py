"""Bounds of every paged list: an offset beyond them is a 422 with the reason, never a query the database
cannot run (SQLite and PostgreSQL both refuse an OFFSET past 2**63 - 1: that was a 500)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

MAX_OFFSET = 1_000_000  # far beyond any organisation's rows; a bigger offset is a client's mistake

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"rows to skip, at most {MAX_OFFSET}")]
