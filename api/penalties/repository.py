"""All SQL about the half-yearly penalty rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from api.models import PenaltyRate
from api.repository import Repository


class PenaltyRateRepository(Repository):
    def all(self) -> list[PenaltyRate]:
        return list(self.session.scalars(select(PenaltyRate).order_by(PenaltyRate.semester_start)))

    def upsert(
        self,
        semester_start: date,
        *,
        ecb: Decimal,
        legal_professional: Decimal | None,
        legal_consumer: Decimal | None,
        source: str | None,
        verified: bool,
    ) -> PenaltyRate:
        """One row per half-year: a correction replaces the figures in place."""
        row = self.session.get(PenaltyRate, semester_start, with_for_update=True)
        if row is None:
            row = PenaltyRate(semester_start=semester_start)
            self.session.add(row)
        row.ecb_rate = ecb
        row.legal_rate_professional = legal_professional
        row.legal_rate_consumer = legal_consumer
        row.source = source
        row.verified = verified
        self.session.flush()
        return row
