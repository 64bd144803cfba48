"""Password rules: long enough, not built on the user's email or the organisation's name, and hard to guess
by zxcvbn (common passwords, words, keyboard patterns, dates, a few French favourites). Refused passwords
store nothing, at user creation from the settings page's service and from the command line."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from api.db import unit_of_work
from api.models import User
from api.organisations import policy, service
from api.organisations.policy import InvalidFields, Problem
from api.organisations.service import Principal
from api.runtime import Runtime
from tests.factories import Tenant

EMAIL, ORG = "camille.durand@boulangerie-martin.fr", "Boulangerie Martin"


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("court", "too_short"),
        ("x" * 201, "too_long"),
        ("password123", "weak"),
        ("motdepasse123", "weak"),
        ("Azerty123456", "weak"),
        ("azertyuiop!", "weak"),
        ("1234567890", "weak"),
        ("qwertyuiop", "weak"),
        ("soleil2024!", "weak"),
        ("01/02/1985aa", "weak"),
        ("aaaaaaaaaaaa", "weak"),
        ("Camille2024!", "personal"),
        ("durand-1979-x", "personal"),
        ("BoulangerieMartin75!", "personal"),
        ("boulangerie!!2025", "personal"),
        ("martin.2025.ok", "personal"),
        ("correct horse battery", None),
        ("quiet river lantern", None),
        ("x7Gq!mP2wz#L", None),
        ("le chat de Léa dort sur le piano", None),
    ],
)
def test_the_rules_refuse_short_guessable_and_personal_passwords(password: str, code: str | None) -> None:
    problem = policy.check_password(password, email=EMAIL, organisation_name=ORG)

    assert (problem.code if problem else None) == code


def test_each_refusal_has_a_reason_in_english_for_the_api_and_the_command_line() -> None:
    assert "guess" in Problem("weak").english()
    assert "email" in Problem("personal").english()


def owner(runtime: Runtime, tenant: Tenant) -> Principal:
    with unit_of_work(runtime.session_factory) as session:
        user = session.query(User).filter_by(email=tenant.email).one()
        return Principal(organisation_id=tenant.organisation_id, user_id=user.id)


def emails(session: Session) -> set[str]:
    return {user.email for user in session.query(User)}


@pytest.mark.parametrize(
    ("password", "code"),
    [("motdepasse2024", "weak"), ("anne.martin.2024", "personal"), ("BoulangerieMartin!", "personal")],
)
def test_adding_a_user_with_a_weak_password_is_refused_and_stores_nothing(
    runtime: Runtime, tenant: Tenant, password: str, code: str
) -> None:
    viewer = owner(runtime, tenant)

    with pytest.raises(InvalidFields) as refused, unit_of_work(runtime.session_factory) as session:
        service.add_user(session, viewer, "anne.martin@example.org", password)

    assert refused.value.problems == {"password": Problem(code)}
    with unit_of_work(runtime.session_factory) as session:
        assert emails(session) == {tenant.email}


def test_creating_a_user_directly_applies_the_same_rules(runtime: Runtime, tenant: Tenant) -> None:
    with unit_of_work(runtime.session_factory) as session:
        organisation = service.get_organisation(session, owner(runtime, tenant))
        with pytest.raises(InvalidFields) as refused:
            service.create_user(session, organisation, "paul@example.org", "azerty12345")
        assert refused.value.problems == {"password": Problem("weak")}
        assert emails(session) == {tenant.email}
