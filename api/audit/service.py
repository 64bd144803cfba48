from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from api.audit.repository import AuditRepository
from api.models import AuditLog


def record(
    session: Session,
    organisation_id: uuid.UUID,
    actor: str,
    action: str,
    object_type: str,
    object_id: uuid.UUID | None,
    data: dict[str, Any],
) -> None:
    AuditRepository(session).add(
        AuditLog(
            organisation_id=organisation_id,
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            data=data,
        )
    )


def history(session: Session, organisation_id: uuid.UUID, object_id: uuid.UUID) -> list[AuditLog]:
    return AuditRepository(session).list_for_object(organisation_id, object_id)
