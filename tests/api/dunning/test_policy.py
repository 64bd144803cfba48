"""The pure rules: business days, the sending window, which step is due, segments and holds."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from api.clock import PARIS
from api.dunning import policy
from api.dunning.policy import Behaviour, Block, Calendar, Hold, Step

CAL = Calendar()
FRIENDLY = Step("due", 1, "email", "friendly", "friendly")
COURTESY = Step("courtesy", -3, "email", "courtesy", "courtesy")


@pytest.mark.parametrize(
    ("due", "step", "expected"),
    [
        (date(2026, 11, 16), FRIENDLY, date(2026, 11, 17)),  # Monday → Tuesday
        (date(2026, 11, 20), FRIENDLY, date(2026, 11, 23)),  # Friday → Saturday → Monday
        (date(2026, 12, 24), FRIENDLY, date(2026, 12, 28)),  # Christmas, then the weekend
        (date(2026, 11, 10), FRIENDLY, date(2026, 11, 12)),  # 11 November (Armistice) is skipped
        (date(2026, 11, 14), COURTESY, date(2026, 11, 10)),  # before the due date: moves earlier, past 11/11
        (date(2026, 5, 4), COURTESY, date(2026, 4, 30)),  # 1 May is a Friday holiday
    ],
)
def test_a_step_falls_on_a_french_business_day(due: date, step: Step, expected: date) -> None:
    assert policy.step_day(due, step, CAL) == expected


def test_a_blackout_pushes_reminders_after_it() -> None:
    summer = Calendar(blackouts=((date(2026, 8, 1), date(2026, 8, 23)),))
    assert policy.step_day(date(2026, 8, 3), FRIENDLY, summer) == date(2026, 8, 24)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 17, 7, 30, tzinfo=PARIS), datetime(2026, 11, 17, 9, 0, tzinfo=PARIS)),
        (datetime(2026, 11, 17, 11, 15, tzinfo=PARIS), datetime(2026, 11, 17, 11, 15, tzinfo=PARIS)),
        (datetime(2026, 11, 17, 18, 0, tzinfo=PARIS), datetime(2026, 11, 18, 9, 0, tzinfo=PARIS)),
        (datetime(2026, 11, 21, 10, 0, tzinfo=PARIS), datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)),  # Saturday
    ],
)
def test_messages_leave_inside_the_window(now: datetime, expected: datetime) -> None:
    assert policy.send_moment(date(2026, 11, 17), CAL, now) == expected


def test_the_window_is_paris_local_time_after_the_clock_change() -> None:
    early = datetime(2026, 3, 30, 5, 0, tzinfo=UTC)  # 07:00 in Paris, summer time since 29 March

    moment = policy.send_moment(date(2026, 3, 30), CAL, early)

    assert moment.astimezone(UTC) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


class TestChoosingTheStep:
    def test_after_an_absence_only_the_latest_due_step_is_sent(self) -> None:
        choice = policy.choose_step(
            policy.DEFAULT_STEPS,
            due_date=date(2026, 10, 1),
            today=date(2026, 10, 20),
            done=set(),
            calendar=CAL,
        )

        assert choice.step is not None
        assert choice.step.key == "j15"
        assert [s.key for s in choice.passed_over] == ["courtesy", "due", "j5"]
        assert choice.next_day == date(2026, 11, 2)  # J+30 is Saturday 31 October, 1 November a Sunday

    def test_the_courtesy_notice_goes_before_the_due_date(self) -> None:
        choice = policy.choose_step(
            policy.DEFAULT_STEPS,
            due_date=date(2026, 11, 20),
            today=date(2026, 11, 17),
            done=set(),
            calendar=CAL,
        )

        assert choice.step == policy.DEFAULT_STEPS[0]
        assert choice.next_day == date(2026, 11, 23)

    def test_steps_already_done_are_not_chosen_again(self) -> None:
        done = {s.key for s in policy.DEFAULT_STEPS}
        choice = policy.choose_step(
            policy.DEFAULT_STEPS, due_date=date(2026, 1, 5), today=date(2026, 11, 17), done=done, calendar=CAL
        )

        assert (choice.step, choice.passed_over, choice.next_day) == (None, (), None)


@pytest.mark.parametrize(
    ("history", "segment"),
    [
        ([], "reliable"),
        ([(date(2026, 1, 31), date(2026, 1, 30))] * 5, "reliable"),
        (
            [(date(2026, 1, 31), date(2026, 2, 10))] * 2 + [(date(2026, 1, 31), date(2026, 1, 31))] * 3,
            "to_watch",
        ),
        ([(date(2026, 1, 31), date(2026, 3, 15))] * 3, "bad_payer"),
    ],
)
def test_the_segment_comes_from_the_payment_history(history: list[tuple[date, date]], segment: str) -> None:
    assert policy.segment_of(policy.behaviour(history)) == segment


def test_a_segment_set_by_a_person_wins() -> None:
    assert policy.segment_of(Behaviour(10, 10, 90.0), "reliable") == "reliable"


class TestHolds:
    def test_a_promise_holds_until_its_date_plus_grace(self) -> None:
        holds = [Hold("promise", date(2026, 11, 30))]
        assert policy.hold_block(holds, today=date(2026, 12, 3), grace_days=3) == Block(
            "promise", date(2026, 12, 4)
        )
        assert policy.hold_block(holds, today=date(2026, 12, 4), grace_days=3) is None

    def test_an_open_dispute_beats_a_dated_pause(self) -> None:
        holds = [Hold("pause", date(2026, 12, 1)), Hold("dispute", None)]
        assert policy.hold_block(holds, today=date(2026, 11, 20), grace_days=3) == Block("dispute")


@pytest.mark.parametrize(
    ("status", "owed", "disputed", "reason"),
    [
        ("paid", 0, False, "paid"),
        ("processing", 0, False, "processing"),
        ("processing", 5000, False, None),  # a failed instalment is owed while the rest is in flight
        ("open", 5000, True, "disputed"),
        ("open", 999, False, "below_minimum"),
        ("open", 5000, False, None),
    ],
)
def test_money_stops_a_reminder(status: str, owed: int, disputed: bool, reason: str | None) -> None:
    found = policy.money_block(collection_status=status, owed=owed, disputed=disputed, minimum=1000)
    assert (found.reason if found else None) == reason


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([], "at least one step"),
        ([{"key": "a", "offset_days": 1, "channel": "fax"}], "channel must be one of"),
        ([{"key": "A b", "offset_days": 1, "channel": "email"}], "lowercase"),
        ([{"key": "a", "offset_days": 400, "channel": "email"}], "between -60 and 365"),
        ([{"key": "a", "offset_days": 1, "channel": "email"}] * 2, "same key"),
        ([{"key": "a", "channel": "email"}], "required"),
    ],
)
def test_bad_steps_are_refused_with_a_reason(steps: list[dict[str, object]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        policy.parse_steps(steps)
