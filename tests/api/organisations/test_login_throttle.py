"""Login throttling: the pure rules (a table), then the service on both backends: an account locked after 5
failures refuses even the right password with the seconds to wait, is released once they have passed (the
clock moved, never slept), and the state lives in the database so every server process sees it; a client
address has its own higher threshold; an unknown email costs the same argon2 verification as a known one."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
import structlog.testing
from argon2 import PasswordHasher

from api import clock
from api.db import unit_of_work
from api.errors import Unauthorized
from api.models import LoginThrottle, PasswordResetToken, WebSession
from api.organisations import policy, secrets, service
from api.organisations.policy import ThrottleRule, ThrottleState
from api.organisations.tasks import forget_quiet_logins
from api.runtime import Runtime
from api.worker import TaskContext
from tests.factories import Tenant

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
RULE = ThrottleRule(free=5)
LIFETIME = timedelta(hours=1)


def s(seconds: float) -> timedelta:
    return timedelta(seconds=seconds)


class TestPolicy:
    @pytest.mark.parametrize(
        ("failures_before", "expected_lock"),
        [(0, None), (3, None), (4, s(1)), (5, s(2)), (6, s(4)), (9, s(32)), (13, s(512)), (14, s(900)),
         (40, s(900)), (10_000, s(900))],
    )  # fmt: skip
    def test_free_failures_then_doubling_locks_capped_at_15_minutes(
        self, failures_before: int, expected_lock: timedelta | None
    ) -> None:
        state = ThrottleState(
            failures=failures_before, last_failure_at=T0 - s(1) if failures_before else None
        )

        after = policy.after_failure(RULE, state, T0)

        assert after.failures == failures_before + 1
        assert after.last_failure_at == T0
        assert after.locked_until == (None if expected_lock is None else T0 + expected_lock)

    @pytest.mark.parametrize(
        ("quiet_for", "failures_after"),
        [(s(60), 8), (timedelta(minutes=14, seconds=59), 8), (timedelta(minutes=15), 1),
         (timedelta(hours=3), 1)],
    )  # fmt: skip
    def test_failures_are_forgotten_after_15_quiet_minutes_counted_from_the_end_of_the_lock(
        self, quiet_for: timedelta, failures_after: int
    ) -> None:
        lock_end = T0 - timedelta(hours=1)
        state = ThrottleState(failures=7, last_failure_at=lock_end - s(8), locked_until=lock_end)

        after = policy.after_failure(RULE, state, lock_end + quiet_for)

        assert after.failures == failures_after

    @pytest.mark.parametrize(
        ("locked_until", "wait"),
        [(None, 0), (T0 - s(1), 0), (T0, 0), (T0 + s(0.2), 1), (T0 + s(1), 1), (T0 + s(61.5), 62)],
    )
    def test_retry_after_is_whole_seconds_rounded_up(self, locked_until: datetime | None, wait: int) -> None:
        assert (
            policy.retry_after(ThrottleState(failures=9, last_failure_at=T0, locked_until=locked_until), T0)
            == wait
        )

    def test_an_address_allows_more_failures_than_an_account(self) -> None:
        assert policy.ADDRESS_RULE.free > policy.ACCOUNT_RULE.free == 5
        assert policy.ACCOUNT_RULE.cap == policy.ADDRESS_RULE.cap == timedelta(minutes=15)


def attempt(
    runtime: Runtime, email: str, password: str, address: str = "203.0.113.7", at: datetime | None = None
) -> str:
    """One login in its own unit of work, as one request of any server process, at the moment `at` (the
    clock pinned there): "ok", "wrong" or "wait N"."""
    if at is not None:
        clock.pin(at)
    with unit_of_work(runtime.session_factory) as session:
        try:
            service.login(session, email, password, lifetime=LIFETIME, address=address)
        except service.TooManyAttempts as exc:
            return f"wait {exc.retry_after}"
        except Unauthorized:
            return "wrong"
    return "ok"


def sessions(runtime: Runtime) -> int:
    with unit_of_work(runtime.session_factory) as session:
        return session.query(WebSession).count()


class TestLogin:
    def test_after_five_failures_even_the_right_password_waits_then_works_once_the_delay_passed(
        self, runtime: Runtime, tenant: Tenant
    ) -> None:
        answers = [attempt(runtime, tenant.email, "wrong password", at=T0 + s(n / 10)) for n in range(5)]
        assert answers == ["wrong"] * 5  # the 5th, at T0 + 0.4 s, locks for 1 s
        assert attempt(runtime, tenant.email, tenant.password, at=T0 + s(0.5)) == "wait 1"
        assert (
            attempt(runtime, tenant.email.upper(), tenant.password, at=T0 + s(0.6)) == "wait 1"
        )  # same account
        assert sessions(runtime) == 0

        assert attempt(runtime, tenant.email, "wrong again", at=T0 + s(1.5)) == "wrong"
        assert attempt(runtime, tenant.email, tenant.password, at=T0 + s(2)) == "wait 2"  # growing: 2 s
        assert attempt(runtime, tenant.email, tenant.password, at=T0 + s(3.6)) == "ok"
        assert sessions(runtime) == 1

        # A success forgets the account's failures: the next mistake is a free one again.
        assert attempt(runtime, tenant.email, "one typo", at=T0 + s(4)) == "wrong"
        assert attempt(runtime, tenant.email, tenant.password, at=T0 + s(4.1)) == "ok"

    def test_fifty_wrong_passwords_in_thirty_seconds_are_mostly_refused_unchecked(
        self, runtime: Runtime, tenant: Tenant
    ) -> None:
        answers = [attempt(runtime, tenant.email, "guess", at=T0 + s(n * 0.6)) for n in range(50)]

        assert answers.count("wrong") <= 10, answers  # 5 free, then locks of 1, 2, 4, 8 s... within 30 s
        assert all(answer.startswith("wait ") for answer in answers if answer != "wrong")

    def test_an_unknown_email_is_throttled_the_same_way(self, runtime: Runtime, tenant: Tenant) -> None:
        answers = [attempt(runtime, "nobody@nowhere.example", "guess", at=T0 + s(n / 10)) for n in range(6)]
        assert answers == ["wrong"] * 5 + ["wait 1"]

    def test_one_address_trying_many_accounts_is_locked_at_its_own_threshold(
        self, runtime: Runtime, tenant: Tenant
    ) -> None:
        answers = [
            attempt(runtime, f"user{n}@spray.example", "Summer2026!", at=T0 + s(n / 100)) for n in range(20)
        ]
        assert answers == ["wrong"] * 20
        assert attempt(runtime, tenant.email, tenant.password, at=T0 + s(0.5)) == "wait 1"
        # The account itself is not locked: from another address its owner logs in.
        assert attempt(runtime, tenant.email, tenant.password, address="198.51.100.2", at=T0 + s(0.6)) == "ok"

    def test_the_state_is_in_the_database_not_in_one_process(self, runtime: Runtime, tenant: Tenant) -> None:
        for _ in range(5):
            attempt(runtime, tenant.email, "wrong password", at=T0)
        with unit_of_work(runtime.session_factory) as session:
            rows = {row.scope: (row.failures, row.locked_until) for row in session.query(LoginThrottle)}
            stored = [row.key_hash for row in session.query(LoginThrottle)]
        assert rows.keys() == {"account", "address"}
        assert rows["address"] == (5, None)
        failures, locked_until = rows["account"]
        assert failures == 5
        assert locked_until is not None
        assert T0 + s(1) <= locked_until < T0 + s(2)
        assert all(tenant.email not in key for key in stored)  # only hashes of the keys are kept

    def test_quiet_keys_are_forgotten(self, runtime: Runtime, tenant: Tenant) -> None:
        attempt(runtime, tenant.email, "wrong password", at=T0)
        with clock.pinned(T0 + timedelta(hours=1)), unit_of_work(runtime.session_factory) as session:
            assert service.forget_quiet_throttles(session) == 2
            assert session.query(LoginThrottle).count() == 0


class CountingHasher(PasswordHasher):
    """The real argon2 hasher, counting its verifications."""

    verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        type(self).verified += 1
        return super().verify(hash, password)


class TestSameWork:
    def test_an_unknown_email_gets_one_real_argon2_verification_like_a_known_one(
        self, runtime: Runtime, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(secrets, "_hasher", CountingHasher())
        for email in (tenant.email, "nobody@nowhere.example"):
            CountingHasher.verified = 0
            assert attempt(runtime, email, "wrong password", address=email) == "wrong"
            assert CountingHasher.verified == 1, email

    def test_both_answers_take_comparable_time(self, runtime: Runtime, tenant: Tenant) -> None:
        secrets.dummy_hash()  # made once per process, on first use

        def took(email: str) -> float:
            started = time.perf_counter()
            attempt(runtime, email, "wrong password", address=email)
            return time.perf_counter() - started

        known = min(took(tenant.email) for _ in range(3))
        unknown = min(took(f"nobody{n}@nowhere.example") for n in range(3))
        # Before: ~540 ms against ~19 ms. A generous bound that only a skipped verification can break.
        assert unknown > known / 4, (known, unknown)


class TestHousekeeping:
    def test_the_hourly_task_forgets_quiet_keys_and_old_reset_links(
        self, runtime: Runtime, tenant: Tenant
    ) -> None:
        attempt(runtime, tenant.email, "wrong password", at=T0)
        with unit_of_work(runtime.session_factory) as session:
            assert service.issue_password_reset(session, tenant.email) is not None
        clock.pin(T0 + timedelta(minutes=20))
        attempt(runtime, "someone@else.example", "wrong password", address="198.51.100.9")  # recent: kept

        with clock.pinned(T0 + timedelta(minutes=40)), unit_of_work(runtime.session_factory) as session:
            forget_quiet_logins(TaskContext(session=session, settings=runtime.settings))
        with unit_of_work(runtime.session_factory) as session:
            assert session.query(LoginThrottle).count() == 2  # the second attempt's account and address
            assert session.query(PasswordResetToken).count() == 1  # expires in an hour, kept a day more

        with clock.pinned(T0 + timedelta(days=1, hours=2)), unit_of_work(runtime.session_factory) as session:
            forget_quiet_logins(TaskContext(session=session, settings=runtime.settings))
        with unit_of_work(runtime.session_factory) as session:
            assert session.query(LoginThrottle).count() == 0
            assert session.query(PasswordResetToken).count() == 0


class TestLogged:
    def test_each_refused_attempt_is_logged_with_its_reason(self, runtime: Runtime, tenant: Tenant) -> None:
        with structlog.testing.capture_logs() as logs:
            for n in range(6):
                attempt(runtime, tenant.email, "wrong password", at=T0 + s(n / 10))
        refused = [
            (entry["event"], entry.get("reason")) for entry in logs if entry["event"].startswith("login.")
        ]
        assert refused == [("login.refused", "wrong_credentials")] * 4 + [
            ("login.locked", None),
            ("login.refused", "wrong_credentials"),
            ("login.refused", "throttled"),
        ]
        assert all(entry["log_level"] == "warning" for entry in logs if entry["event"].startswith("login."))
