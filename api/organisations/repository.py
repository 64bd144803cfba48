"""All SQL about organisations, users, API keys and web sessions."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, func, select

from api.models import ApiKey, Organisation, User, WebSession
from api.repository import Repository


class OrganisationRepository(Repository):
    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(Organisation)) or 0

    def get(self, organisation_id: uuid.UUID) -> Organisation | None:
        return self.session.get(Organisation, organisation_id)

    def get_by_name(self, name: str) -> Organisation | None:
        return self.session.scalar(select(Organisation).where(Organisation.name == name))

    def get_user_by_email(self, email: str) -> User | None:
        return self.session.scalar(select(User).where(func.lower(User.email) == email.lower()))

    def get_user(self, user_id: uuid.UUID) -> User | None:
        return self.session.get(User, user_id)

    def users_of(self, organisation_id: uuid.UUID) -> list[User]:
        statement = select(User).where(User.organisation_id == organisation_id).order_by(User.email)
        return list(self.session.scalars(statement))

    def user_of(self, organisation_id: uuid.UUID, user_id: uuid.UUID) -> User | None:
        statement = select(User).where(User.organisation_id == organisation_id, User.id == user_id)
        return self.session.scalar(statement)

    def api_keys_of(self, organisation_id: uuid.UUID) -> list[ApiKey]:
        statement = (
            select(ApiKey)
            .where(ApiKey.organisation_id == organisation_id)
            .order_by(ApiKey.created_at.desc(), ApiKey.name)
        )
        return list(self.session.scalars(statement))

    def api_key_of(self, organisation_id: uuid.UUID, key_id: uuid.UUID) -> ApiKey | None:
        statement = select(ApiKey).where(ApiKey.organisation_id == organisation_id, ApiKey.id == key_id)
        return self.session.scalar(statement)

    def delete_web_sessions_of(self, user_id: uuid.UUID) -> int:
        result = self.session.execute(delete(WebSession).where(WebSession.user_id == user_id))
        return int(result.rowcount)  # type: ignore[attr-defined]

    def get_api_key_by_hash(self, key_hash: str) -> ApiKey | None:
        return self.session.scalar(select(ApiKey).where(ApiKey.key_hash == key_hash))

    def get_web_session_by_hash(self, token_hash: str) -> WebSession | None:
        return self.session.scalar(select(WebSession).where(WebSession.token_hash == token_hash))

    def delete_web_session(self, token_hash: str) -> None:
        self.session.execute(delete(WebSession).where(WebSession.token_hash == token_hash))

    def delete_expired_web_sessions(self, now: datetime) -> int:
        result = self.session.execute(delete(WebSession).where(WebSession.expires_at < now))
        return int(result.rowcount)  # type: ignore[attr-defined]
