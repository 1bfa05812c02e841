"""The referral life cycle table: every allowed and every refused (status, action) pair."""

from __future__ import annotations

import itertools

import pytest

from intake_desk.domain.enums import ReferralStatus
from intake_desk.policy.referral_states import (
    OPEN_STATUSES,
    ReferralAction,
    Side,
    TransitionRefused,
    actions_from,
    next_status,
    status_after_department_change,
)

S = ReferralStatus
A = ReferralAction

# Written out by hand from DESIGN.md, not derived from the module under test.
ALLOWED: dict[tuple[ReferralStatus, ReferralAction], ReferralStatus] = {
    (S.PROPOSED, A.CONFIRM): S.PENDING,
    (S.PENDING, A.SEND): S.SENT,
    (S.SENT, A.RECEIVE): S.RECEIVED,
    (S.RECEIVED, A.START): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.COMPLETE): S.COMPLETED,
    (S.RECEIVED, A.DECLINE): S.DECLINED,
    (S.IN_PROGRESS, A.DECLINE): S.DECLINED,
    (S.RECEIVED, A.RETURN): S.RETURNED,
    (S.IN_PROGRESS, A.RETURN): S.RETURNED,
    (S.RETURNED, A.RESUBMIT): S.PENDING,
    (S.PROPOSED, A.CANCEL): S.CANCELLED,
    (S.PENDING, A.CANCEL): S.CANCELLED,
    (S.SENT, A.CANCEL): S.CANCELLED,
    (S.RECEIVED, A.CANCEL): S.CANCELLED,
    (S.IN_PROGRESS, A.CANCEL): S.CANCELLED,
    (S.RETURNED, A.CANCEL): S.CANCELLED,
}
NEEDS_NOTE = {A.COMPLETE, A.DECLINE, A.RETURN, A.CANCEL}


@pytest.mark.parametrize(("status", "action"), list(itertools.product(ReferralStatus, ReferralAction)))
def test_every_pair_is_allowed_or_refused_as_designed(status: ReferralStatus, action: ReferralAction) -> None:
    expected = ALLOWED.get((status, action))
    if expected is None:
        with pytest.raises(TransitionRefused) as refused:
            next_status(status, action, "说明")
        message = str(refused.value)
        assert " / " in message, "the message is Chinese then English"
        assert action.zh in message
    else:
        assert next_status(status, action, "说明") is expected


@pytest.mark.parametrize("action", sorted(NEEDS_NOTE))
def test_outcome_reason_and_note_are_required(action: ReferralAction) -> None:
    source = next(s for (s, a) in ALLOWED if a is action)
    for blank in ("", "   ", "\n"):
        with pytest.raises(TransitionRefused, match="须填写"):
            next_status(source, action, blank)


def test_steps_without_a_note_need_none() -> None:
    for (status, action), target in ALLOWED.items():
        if action not in NEEDS_NOTE:
            assert next_status(status, action) is target


def test_a_finished_referral_says_it_is_finished() -> None:
    with pytest.raises(TransitionRefused, match="已办结") as refused:
        next_status(S.COMPLETED, A.CANCEL, "x")
    assert "already completed" in str(refused.value)


def test_refusal_names_what_is_possible() -> None:
    with pytest.raises(TransitionRefused) as refused:
        next_status(S.SENT, A.COMPLETE, "done")
    assert "接收" in str(refused.value) and "receive" in str(refused.value)


def test_actions_from_lists_the_table_and_sides() -> None:
    for status in ReferralStatus:
        assert set(actions_from(status)) == {a for (s, a) in ALLOWED if s is status}
    assert actions_from(S.SENT, Side.DEPARTMENT) == [A.RECEIVE]
    assert actions_from(S.SENT, Side.DESK) == [A.CANCEL]
    assert actions_from(S.IN_PROGRESS, Side.DEPARTMENT) == [A.COMPLETE, A.DECLINE, A.RETURN]


def test_open_statuses_are_the_unfinished_ones() -> None:
    assert OPEN_STATUSES == {S.PROPOSED, S.PENDING, S.SENT, S.RECEIVED, S.IN_PROGRESS, S.RETURNED}


@pytest.mark.parametrize(("status", "expected"), [
    (S.PROPOSED, S.PROPOSED), (S.PENDING, S.PENDING), (S.SENT, S.SENT), (S.RECEIVED, S.SENT),
    (S.IN_PROGRESS, S.SENT), (S.RETURNED, S.PENDING),
])
def test_moving_to_another_department(status: ReferralStatus, expected: ReferralStatus) -> None:
    assert status_after_department_change(status) is expected


@pytest.mark.parametrize("status", [S.COMPLETED, S.DECLINED, S.CANCELLED])
def test_a_finished_referral_cannot_move(status: ReferralStatus) -> None:
    with pytest.raises(TransitionRefused, match="不能改派"):
        status_after_department_change(status)
