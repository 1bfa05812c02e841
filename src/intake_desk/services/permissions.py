"""最小权限 – what each role may do. Checked in the services, never only in widgets."""

from __future__ import annotations

from enum import StrEnum

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.errors import PermissionDenied


class Permission(StrEnum):
    INTAKE_SUBMIT = "intake.submit"
    APPLICATION_VIEW = "application.view"
    APPLICATION_UPDATE = "application.update"
    REVEAL_ID = "person.reveal_id"
    PRINT = "document.print"
    REFERRAL_VIEW_ALL = "referral.view_all"
    REFERRAL_VIEW_OWN_DEPARTMENT = "referral.view_department"
    REFERRAL_SEND = "referral.send"
    REFERRAL_RECORD_REPLY = "referral.record_reply"
    REFERRAL_WORK = "referral.work"
    REFERRAL_REASSIGN = "referral.reassign"
    REFERRAL_CANCEL = "referral.cancel"
    EXPORT = "export.masked"
    EXPORT_FULL = "export.full"
    POSTCHECK_WORK = "postcheck.work"
    POSTCHECK_DRAW = "postcheck.draw"
    STATISTICS_VIEW = "statistics.view"
    AUDIT_VIEW = "audit.view"
    USERS_MANAGE = "users.manage"
    SETTINGS_MANAGE = "settings.manage"
    CALENDAR_MANAGE = "calendar.manage"
    DRAFT_OWN = "draft.own"
    URGING_VIEW = "urging.view"
    CALLBACK_RECORD = "callback.record"
    FOLLOW_UP_CLOSE = "follow_up.close"
    DISCOVERY_WORK = "discovery.work"  # leads, visits, the monitoring libraries
    DISCOVERY_IMPORT = "discovery.import"  # department lists, hall areas, assigning leads
    DISCOVERY_MANAGE = "discovery.manage"  # the quarterly report
    PROCEDURE_WORK = "procedure.work"


_CLERK = {
    Permission.INTAKE_SUBMIT, Permission.APPLICATION_VIEW, Permission.APPLICATION_UPDATE, Permission.PRINT,
    Permission.REFERRAL_VIEW_ALL, Permission.REFERRAL_SEND, Permission.REFERRAL_RECORD_REPLY,
    Permission.EXPORT, Permission.POSTCHECK_WORK, Permission.DRAFT_OWN, Permission.REVEAL_ID,
    Permission.URGING_VIEW, Permission.CALLBACK_RECORD,
    Permission.DISCOVERY_WORK,
    Permission.PROCEDURE_WORK,
}
_SUPERVISOR = _CLERK | {
    Permission.REFERRAL_REASSIGN, Permission.REFERRAL_CANCEL, Permission.REFERRAL_WORK,
    Permission.EXPORT_FULL, Permission.STATISTICS_VIEW, Permission.AUDIT_VIEW, Permission.CALENDAR_MANAGE,
    Permission.POSTCHECK_DRAW, Permission.FOLLOW_UP_CLOSE,
    Permission.DISCOVERY_IMPORT, Permission.DISCOVERY_MANAGE,
}
_DEPARTMENT = {
    Permission.REFERRAL_VIEW_OWN_DEPARTMENT, Permission.REFERRAL_WORK, Permission.REVEAL_ID,
    Permission.DRAFT_OWN, Permission.URGING_VIEW,
}
_ADMIN = {
    Permission.USERS_MANAGE, Permission.SETTINGS_MANAGE, Permission.CALENDAR_MANAGE, Permission.AUDIT_VIEW,
    Permission.STATISTICS_VIEW, Permission.APPLICATION_VIEW, Permission.REFERRAL_VIEW_ALL, Permission.DRAFT_OWN,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset(_CLERK),
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.DEPARTMENT: frozenset(_DEPARTMENT),
    Role.ADMIN: frozenset(_ADMIN),
}


def allowed(actor: Actor, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[actor.role]


def require(actor: Actor, permission: Permission) -> None:
    if not allowed(actor, permission):
        raise PermissionDenied(
            f"“{actor.role.zh}”角色无权执行此操作（{permission.value}） / "
            f"The {actor.role.en} role may not do this ({permission.value})"
        )
