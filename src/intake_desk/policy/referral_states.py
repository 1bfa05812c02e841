"""转介状态 – the life cycle of a referral, as a pure transition table.

    proposed ─confirm→ pending ─send→ sent ─receive→ received ─start→ in_progress ─complete→ completed
    received | in_progress ─decline→ declined          received | in_progress ─return→ returned
    returned ─resubmit→ pending                        any open status ─cancel→ cancelled

``proposed`` is what the routing rules suggest at the desk; ``pending`` is a referral the clerk
confirmed (consent recorded) that still has to go out; ``sent`` has left the desk; the department
``received`` it and works on it (``in_progress``) until it is ``completed`` with an outcome or
``declined`` with a reason. A department may ``return`` it asking for more (a note saying what);
the desk supplements it and it is ``pending`` again. A referral no longer needed is ``cancelled``
with a reason.

Which role may act is decided in ``services.referrals``; this module only knows which *side* of the
referral an action belongs to: the desk that sends it, or the department that works on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from intake_desk.domain.enums import Labelled, ReferralStatus

__all__ = [
    "OPEN_STATUSES",
    "RULES",
    "ActionRule",
    "Side",
    "TransitionRefused",
    "ReferralAction",
    "actions_from",
    "next_status",
    "status_after_department_change",
]

S = ReferralStatus


class Side(StrEnum):
    """Who performs an action: the desk (窗口) or the receiving department (部门)."""

    DESK = "desk"
    DEPARTMENT = "department"


class ReferralAction(Labelled):
    """转介操作 – one step a person takes on a referral."""

    CONFIRM = "confirm", "确认转介", "Confirm"
    SEND = "send", "发送", "Send"
    RECEIVE = "receive", "接收", "Receive"
    START = "start", "开始办理", "Start work"
    COMPLETE = "complete", "办结", "Complete"
    DECLINE = "decline", "不予受理", "Decline"
    RETURN = "return", "退回补充", "Return for more"
    RESUBMIT = "resubmit", "补充后重新提交", "Resubmit"
    CANCEL = "cancel", "取消转介", "Cancel"


@dataclass(frozen=True)
class ActionRule:
    action: ReferralAction
    sources: frozenset[ReferralStatus]
    target: ReferralStatus
    side: Side
    note_required: bool = False
    note_label_zh: str = "备注"
    note_label_en: str = "note"


OPEN_STATUSES: frozenset[ReferralStatus] = frozenset(s for s in ReferralStatus if not s.is_final)
"""Every status of a referral still being followed (overdue counts only these)."""

RULES: dict[ReferralAction, ActionRule] = {
    rule.action: rule
    for rule in (
        ActionRule(ReferralAction.CONFIRM, frozenset({S.PROPOSED}), S.PENDING, Side.DESK),
        ActionRule(ReferralAction.SEND, frozenset({S.PENDING}), S.SENT, Side.DESK),
        ActionRule(ReferralAction.RECEIVE, frozenset({S.SENT}), S.RECEIVED, Side.DEPARTMENT),
        ActionRule(ReferralAction.START, frozenset({S.RECEIVED}), S.IN_PROGRESS, Side.DEPARTMENT),
        ActionRule(ReferralAction.COMPLETE, frozenset({S.IN_PROGRESS}), S.COMPLETED, Side.DEPARTMENT,
                   True, "办理结果", "outcome"),
        ActionRule(ReferralAction.DECLINE, frozenset({S.RECEIVED, S.IN_PROGRESS}), S.DECLINED, Side.DEPARTMENT,
                   True, "不予受理理由", "reason"),
        ActionRule(ReferralAction.RETURN, frozenset({S.RECEIVED, S.IN_PROGRESS}), S.RETURNED, Side.DEPARTMENT,
                   True, "需补充的内容", "what is needed"),
        ActionRule(ReferralAction.RESUBMIT, frozenset({S.RETURNED}), S.PENDING, Side.DESK),
        ActionRule(ReferralAction.CANCEL, OPEN_STATUSES, S.CANCELLED, Side.DESK, True, "取消理由", "reason"),
    )
}


class TransitionRefused(ValueError):
    """转介状态不允许此操作 – the message says why, in Chinese and English."""


def next_status(current: ReferralStatus, action: ReferralAction, note: str = "") -> ReferralStatus:
    """The status after ``action``, or :class:`TransitionRefused` saying why it cannot happen."""
    rule = RULES[action]
    if current not in rule.sources:
        if current.is_final:
            raise TransitionRefused(
                f"转介已{current.zh}，不能再{action.zh} / "
                f"The referral is already {current.en.lower()}; it cannot be changed ({action.en.lower()})"
            )
        allowed = "、".join(a.zh for a in actions_from(current)) or "无"
        allowed_en = ", ".join(a.en.lower() for a in actions_from(current)) or "nothing"
        raise TransitionRefused(
            f"“{current.zh}”状态的转介不能{action.zh}（可执行：{allowed}） / "
            f"A referral that is {current.en.lower()} cannot be {_past(action)} (possible: {allowed_en})"
        )
    if rule.note_required and not note.strip():
        raise TransitionRefused(
            f"{action.zh}须填写{rule.note_label_zh} / To {action.en.lower()}, give the {rule.note_label_en}"
        )
    return rule.target


def actions_from(current: ReferralStatus, side: Side | None = None) -> list[ReferralAction]:
    """The actions possible in ``current`` (optionally only those of one side), in life-cycle order."""
    return [a for a, rule in RULES.items() if current in rule.sources and (side is None or rule.side is side)]


def status_after_department_change(current: ReferralStatus) -> ReferralStatus:
    """改派部门 – a referral moved to another department must reach the new one before work starts.

    Anything the old department had received or was working on becomes ``sent`` to the new one; a
    referral the old department returned goes back to ``pending`` (the desk decides what to send);
    a referral not yet sent keeps its status. A finished referral cannot be moved.
    """
    if current.is_final:
        raise TransitionRefused(
            f"转介已{current.zh}，不能改派 / The referral is already {current.en.lower()}; it cannot be reassigned"
        )
    if current in (S.RECEIVED, S.IN_PROGRESS):
        return S.SENT
    if current is S.RETURNED:
        return S.PENDING
    return current


def _past(action: ReferralAction) -> str:
    return {
        ReferralAction.CONFIRM: "confirmed", ReferralAction.SEND: "sent", ReferralAction.RECEIVE: "received",
        ReferralAction.START: "started", ReferralAction.COMPLETE: "completed",
        ReferralAction.DECLINE: "declined", ReferralAction.RETURN: "returned",
        ReferralAction.RESUBMIT: "resubmitted", ReferralAction.CANCEL: "cancelled",
    }[action]
