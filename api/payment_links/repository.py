"""All SQL about payment links and payment attempts."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select

from api.models import Invoice, Organisation, PaymentAttempt, PaymentLink
from api.repository import Repository


class PaymentLinkRepository(Repository):
    def active_for_invoice(self, invoice_id: uuid.UUID) -> PaymentLink | None:
        return self.session.scalar(
            select(PaymentLink).where(PaymentLink.invoice_id == invoice_id, PaymentLink.revoked_at.is_(None))
        )

    def active_tokens(self, invoice_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not invoice_ids:
            return {}
        rows = self.session.execute(
            select(PaymentLink.invoice_id, PaymentLink.token).where(
                PaymentLink.invoice_id.in_(invoice_ids), PaymentLink.revoked_at.is_(None)
            )
        )
        return {invoice_id: token for invoice_id, token in rows}

    def by_token(self, token: str, *, lock: bool = False) -> tuple[PaymentLink, Invoice, Organisation] | None:
        """The link, its invoice and organisation; `lock` serialises clicks on one link (double clicks)."""
        statement = (
            select(PaymentLink, Invoice, Organisation)
            .join(Invoice, Invoice.id == PaymentLink.invoice_id)
            .join(Organisation, Organisation.id == PaymentLink.organisation_id)
            .where(PaymentLink.token == token, PaymentLink.revoked_at.is_(None))
        )
        if lock:
            statement = statement.with_for_update(of=PaymentLink)
        row = self.session.execute(statement).first()
        return None if row is None else (row[0], row[1], row[2])

    def count_attempts(self, invoice_id: uuid.UUID, method: str) -> int:
        statement = select(func.count()).where(
            PaymentAttempt.invoice_id == invoice_id, PaymentAttempt.method == method
        )
        return self.session.scalar(statement) or 0

    def reusable_attempt(
        self, invoice_id: uuid.UUID, *, method: str, amount: int, now: datetime
    ) -> PaymentAttempt | None:
        statement = (
            select(PaymentAttempt)
            .where(
                PaymentAttempt.invoice_id == invoice_id,
                PaymentAttempt.method == method,
                PaymentAttempt.amount == amount,
                PaymentAttempt.status == "open",
                PaymentAttempt.redirect_url.is_not(None),
                PaymentAttempt.expires_at > now,
            )
            .order_by(PaymentAttempt.created_at.desc())
            .limit(1)
        )
        return self.session.scalars(statement).first()
