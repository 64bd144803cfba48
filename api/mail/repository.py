"""All SQL about an organisation's mail settings."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from api.models import MailSettings
from api.repository import Repository


class MailRepository(Repository):
    def settings(self, organisation_id: uuid.UUID) -> MailSettings | None:
        return self.session.scalar(
            select(MailSettings).where(MailSettings.organisation_id == organisation_id)
        )

    def delete(self, row: MailSettings) -> None:
        self.session.delete(row)
        self.session.flush()
