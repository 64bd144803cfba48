"""All SQL about organisations, users, API keys and web sessions."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from api.models import ApiKey, LoginThrottle, Organisation, PasswordResetToken, User, WebSession
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

    def delete_web_sessions_of(self, user_id: uuid.UUID, *, keep_hash: str | None = None) -> int:
        """End the user's sessions, all of them or all but the one whose token hash is `keep_hash`."""
        statement = delete(WebSession).where(WebSession.user_id == user_id)
        if keep_hash is not None:
            statement = statement.where(WebSession.token_hash != keep_hash)
        result = self.session.execute(statement)
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

    # ------------------------------------------------------------ login throttling

    def throttles(self, key_hashes: list[str]) -> dict[str, LoginThrottle]:
        """The rows of these keys, locked until the end of the transaction (PostgreSQL), so that two server
        processes counting a failure of the same account do not lose one."""
        statement = select(LoginThrottle).where(LoginThrottle.key_hash.in_(key_hashes)).with_for_update()
        return {row.key_hash: row for row in self.session.scalars(statement)}

    def add_throttle(self, row: LoginThrottle) -> LoginThrottle:
        """Insert, or, when another process inserted the same key meanwhile, return its row (locked)."""
        try:
            with self.session.begin_nested():
                self.session.add(row)
        except IntegrityError:
            statement = select(LoginThrottle).where(LoginThrottle.key_hash == row.key_hash).with_for_update()
            return self.session.scalars(statement).one()
        return row

    def delete_throttle(self, key_hash: str) -> None:
        self.session.execute(delete(LoginThrottle).where(LoginThrottle.key_hash == key_hash))

    def delete_quiet_throttles(self, before: datetime) -> int:
        """Forget keys with no failure and no lock since `before`."""
        statement = delete(LoginThrottle).where(
            LoginThrottle.last_failure_at < before,
            (LoginThrottle.locked_until.is_(None)) | (LoginThrottle.locked_until < before),
        )
        return int(self.session.execute(statement).rowcount)  # type: ignore[attr-defined]

    # ------------------------------------------------------------ password reset

    def get_reset_token_by_hash(self, token_hash: str) -> PasswordResetToken | None:
        statement = select(PasswordResetToken).where(PasswordResetToken.token_hash == token_hash)
        return self.session.scalar(statement)

    def use_reset_token(self, token_id: uuid.UUID, now: datetime) -> bool:
        """Compare-and-set: True only for the one caller that marks the unused token used."""
        statement = (
            update(PasswordResetToken)
            .where(PasswordResetToken.id == token_id, PasswordResetToken.used_at.is_(None))
            .values(used_at=now)
        )
        return bool(self.session.execute(statement).rowcount)  # type: ignore[attr-defined]

    def use_reset_tokens_of(self, user_id: uuid.UUID, now: datetime) -> None:
        statement = (
            update(PasswordResetToken)
            .where(PasswordResetToken.user_id == user_id, PasswordResetToken.used_at.is_(None))
            .values(used_at=now)
        )
        self.session.execute(statement)

    def delete_reset_tokens_before(self, moment: datetime) -> int:
        """Tokens expired before `moment`, or used before it."""
        statement = delete(PasswordResetToken).where(
            (PasswordResetToken.expires_at < moment) | (PasswordResetToken.used_at < moment)
        )
        return int(self.session.execute(statement).rowcount)  # type: ignore[attr-defined]

    def count_reset_tokens_since(self, user_id: uuid.UUID, moment: datetime) -> int:
        statement = select(func.count()).where(
            PasswordResetToken.user_id == user_id, PasswordResetToken.created_at >= moment
        )
        return self.session.scalar(statement) or 0

    def lock_user(self, user_id: uuid.UUID) -> None:
        """Hold the user's row until the end of the transaction (PostgreSQL; SQLite writes one at a time)."""
        self.session.execute(select(User.id).where(User.id == user_id).with_for_update())
