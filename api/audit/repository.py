from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import AuditLog


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, entry: AuditLog) -> None:
        self.session.add(entry)

    def list_for_object(self, organisation_id: uuid.UUID, object_id: uuid.UUID) -> list[AuditLog]:
        statement = (
            select(AuditLog)
            .where(AuditLog.organisation_id == organisation_id, AuditLog.object_id == object_id)
            .order_by(AuditLog.created_at)
        )
        return list(self.session.scalars(statement))
