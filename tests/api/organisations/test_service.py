"""The organisation settings' service rules: identity, users, API keys, each scoped to the caller's
organisation. Given / when / then, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from api.db import unit_of_work
from api.errors import NotFound, Unauthorized
from api.models import ApiKey, AuditLog, Organisation, User
from api.organisations import service
from api.organisations.policy import InvalidFields, Problem
from api.organisations.service import Principal
from api.runtime import Runtime
from tests.factories import Tenant

LIFETIME = timedelta(hours=1)
IDENTITY = {"legal_name": "Boulangerie Martin SAS", "legal_form": "SAS", "siren": "732829320",
            "vat_id": "FR44732829320", "share_capital": "10000", "rcs_city": "Lyon"}  # fmt: skip


def owner(runtime: Runtime, tenant: Tenant) -> Principal:
    with unit_of_work(runtime.session_factory) as session:
        user = session.query(User).filter_by(email=tenant.email).one()
        return Principal(organisation_id=tenant.organisation_id, user_id=user.id)


def audit_actions(session: Session, tenant: Tenant) -> list[str]:
    rows = session.query(AuditLog).filter_by(organisation_id=tenant.organisation_id).all()
    return sorted(row.action for row in rows)


class TestIdentity:
    def test_a_valid_identity_is_saved_and_audited(self, runtime: Runtime, tenant: Tenant) -> None:
        viewer = owner(runtime, tenant)

        with unit_of_work(runtime.session_factory) as session:
            service.update_identity(session, viewer, {**IDENTITY, "siren": "732 829 320"})

        with unit_of_work(runtime.session_factory) as session:
            organisation = session.get(Organisation, tenant.organisation_id)
            assert organisation is not None
            identity = service.identity_of(organisation)
            assert (identity.name, identity.siren, identity.vat_id) == (
                "Boulangerie Martin SAS", "732829320", "FR44732829320"
            )  # fmt: skip
            assert identity.is_set
            assert "organisation.identity_updated" in audit_actions(session, tenant)

    def test_a_refused_identity_changes_nothing(self, runtime: Runtime, tenant: Tenant) -> None:
        viewer = owner(runtime, tenant)

        with pytest.raises(InvalidFields) as refused, unit_of_work(runtime.session_factory) as session:
            service.update_identity(session, viewer, {**IDENTITY, "siren": "732829321"})

        assert refused.value.problems == {"siren": Problem("checksum")}
        assert refused.value.status_code == 400
        with unit_of_work(runtime.session_factory) as session:
            organisation = session.get(Organisation, tenant.organisation_id)
            assert organisation is not None
            assert (organisation.legal_name, organisation.siren) == (None, None)
            assert service.identity_of(organisation).name == "Boulangerie Martin"
            assert "organisation.identity_updated" not in audit_actions(session, tenant)


class TestUsers:
    def test_a_generated_password_logs_the_new_user_in(self, runtime: Runtime, tenant: Tenant) -> None:
        viewer = owner(runtime, tenant)
        with unit_of_work(runtime.session_factory) as session:
            user, password = service.add_user(session, viewer, "Anne@Martin.example", None)

        assert len(password) >= 10
        with unit_of_work(runtime.session_factory) as session:
            web_session, _ = service.login(session, "anne@martin.example", password, lifetime=LIFETIME)
            assert web_session.user_id == user.id
            assert [u.email for u in service.list_users(session, viewer)] == [
                "Anne@martin.example", tenant.email
            ]  # fmt: skip

    @pytest.mark.parametrize(
        "taken", ["owner@boulangerie-martin.example.com", "OWNER@garage-dupont.example.com"]
    )
    def test_an_email_already_used_anywhere_is_refused(
        self, runtime: Runtime, tenant: Tenant, other_tenant: Tenant, taken: str
    ) -> None:
        viewer = owner(runtime, tenant)

        with pytest.raises(InvalidFields) as refused, unit_of_work(runtime.session_factory) as session:
            service.add_user(session, viewer, taken, "long enough password")

        assert refused.value.problems == {"email": Problem("duplicate")}

    def test_deactivating_ends_the_sessions_and_refuses_logins(
        self, runtime: Runtime, tenant: Tenant
    ) -> None:
        viewer = owner(runtime, tenant)
        with unit_of_work(runtime.session_factory) as session:
            anne, password = service.add_user(session, viewer, "anne@martin.example", "quiet river lantern")
        with unit_of_work(runtime.session_factory) as session:
            _, token = service.login(session, "anne@martin.example", password, lifetime=LIFETIME)

        with unit_of_work(runtime.session_factory) as session:
            service.set_user_active(session, viewer, anne.id, active=False)

        with unit_of_work(runtime.session_factory) as session:
            with pytest.raises(Unauthorized):
                service.authenticate_session(session, token)
            with pytest.raises(Unauthorized):
                service.login(session, "anne@martin.example", password, lifetime=LIFETIME)
        with unit_of_work(runtime.session_factory) as session:
            service.set_user_active(session, viewer, anne.id, active=True)
        with unit_of_work(runtime.session_factory) as session:
            service.login(session, "anne@martin.example", password, lifetime=LIFETIME)
            assert audit_actions(session, tenant).count("user.deactivated") == 1

    def test_nobody_deactivates_themselves(self, runtime: Runtime, tenant: Tenant) -> None:
        viewer = owner(runtime, tenant)
        assert viewer.user_id is not None

        with pytest.raises(InvalidFields) as refused, unit_of_work(runtime.session_factory) as session:
            service.set_user_active(session, viewer, viewer.user_id, active=False)

        assert refused.value.problems == {"user": Problem("self")}
        with unit_of_work(runtime.session_factory) as session:
            assert session.get(User, viewer.user_id).is_active  # type: ignore[union-attr]

    def test_another_organisations_user_is_not_found(
        self, runtime: Runtime, tenant: Tenant, other_tenant: Tenant
    ) -> None:
        stranger = owner(runtime, other_tenant)
        assert stranger.user_id is not None

        with pytest.raises(NotFound), unit_of_work(runtime.session_factory) as session:
            service.set_user_active(session, owner(runtime, tenant), stranger.user_id, active=False)

        with unit_of_work(runtime.session_factory) as session:
            assert session.get(User, stranger.user_id).is_active  # type: ignore[union-attr]


class TestApiKeys:
    def test_a_revoked_key_stops_authenticating(self, runtime: Runtime, tenant: Tenant) -> None:
        viewer = owner(runtime, tenant)
        with unit_of_work(runtime.session_factory) as session:
            row, key = service.add_api_key(session, viewer, "  Logiciel   de facturation ")
        assert row.name == "Logiciel de facturation"
        assert key.startswith(row.prefix)
        with unit_of_work(runtime.session_factory) as session:
            assert service.authenticate_api_key(session, key).api_key_id == row.id

        with unit_of_work(runtime.session_factory) as session:
            service.revoke_api_key(session, viewer, row.id)

        with unit_of_work(runtime.session_factory) as session:
            with pytest.raises(Unauthorized):
                service.authenticate_api_key(session, key)
            stored = session.get(ApiKey, row.id)
            assert stored is not None
            assert stored.revoked_at is not None
            assert stored.last_used_at is not None  # the one use before the revocation

    def test_a_nameless_key_is_refused(self, runtime: Runtime, tenant: Tenant) -> None:
        viewer = owner(runtime, tenant)

        with pytest.raises(InvalidFields) as refused, unit_of_work(runtime.session_factory) as session:
            service.add_api_key(session, viewer, "   ")

        assert refused.value.problems == {"name": Problem("required")}
        with unit_of_work(runtime.session_factory) as session:
            assert [k.name for k in service.list_api_keys(session, viewer)] == ["tests"]

    def test_another_organisations_key_is_not_found(
        self, runtime: Runtime, tenant: Tenant, other_tenant: Tenant
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            [theirs] = service.list_api_keys(session, owner(runtime, other_tenant))

        with pytest.raises(NotFound), unit_of_work(runtime.session_factory) as session:
            service.revoke_api_key(session, owner(runtime, tenant), theirs.id)

        with unit_of_work(runtime.session_factory) as session:
            service.authenticate_api_key(session, other_tenant.api_key)
