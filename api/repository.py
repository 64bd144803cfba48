"""What every repository shares: the session it works in, and adding a row so it is visible at once."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from api.models import Base

Row = TypeVar("Row", bound=Base)


class Repository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: Row) -> Row:
        """Add and flush, so the row has its id and the next query in this transaction sees it."""
        self.session.add(row)
        self.session.flush()
        return row
