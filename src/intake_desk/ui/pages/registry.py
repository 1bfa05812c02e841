"""The pages of the main window, in navigation order, and who sees them.

A page is a ``QWidget`` constructed as ``Page(services, actor, parent)``. Pages built elsewhere are
found by module name when they exist; until then the navigation shows what they will do.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.permissions import Permission, allowed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    key: str
    module: str
    class_name: str
    permissions: tuple[Permission, ...]  # any one of them shows the page
    roles: tuple[Role, ...] = ()  # when given, only these roles see the page

    def title(self) -> str:
        return _TITLES[self.key]()

    def description(self) -> str:
        return _DESCRIPTIONS[self.key]()

    def visible_to(self, actor: Actor) -> bool:
        if self.roles and actor.role not in self.roles:
            return False
        return not self.permissions or any(allowed(actor, p) for p in self.permissions)


_TITLES: dict[str, Callable[[], str]] = {
    "intake": lambda: QCoreApplication.translate("Pages", "受理"),
    "applications": lambda: QCoreApplication.translate("Pages", "申请"),
    "inbox": lambda: QCoreApplication.translate("Pages", "部门收件"),
    "referrals": lambda: QCoreApplication.translate("Pages", "转介"),
    "postchecks": lambda: QCoreApplication.translate("Pages", "核查"),
    "statistics": lambda: QCoreApplication.translate("Pages", "统计"),
    "settings": lambda: QCoreApplication.translate("Pages", "设置"),
    "calendar": lambda: QCoreApplication.translate("Pages", "节假日"),
    "users": lambda: QCoreApplication.translate("Pages", "账户"),
}

_DESCRIPTIONS: dict[str, Callable[[], str]] = {
    "intake": lambda: QCoreApplication.translate("Pages", "窗口受理：申请人、家庭成员、收入财产、材料、承诺、预评估、提交并打印回执。"),
    "applications": lambda: QCoreApplication.translate("Pages", "已受理的申请：按编号、姓名或拼音首字母查找，查看申报信息、评估结果、转介和打印记录。"),
    "inbox": lambda: QCoreApplication.translate("Pages", "本部门收到的转介：接收、办理、反馈结果或退回补充材料。"),
    "referrals": lambda: QCoreApplication.translate("Pages",
        "<p>转介跟踪：按部门和状态查看转介，逾期提醒，登记部门反馈的办理结果，重新指派。</p>"
        "<p>教育、医疗、住房、就业等专项救助由窗口一次受理后转给相关部门，在这里跟踪到办结。</p>"),
    "postchecks": lambda: QCoreApplication.translate("Pages",
        "<p>事后核查：告知承诺制快速办理的申请，在受理后一个月内进行信息核对比对，并定期复核、随机抽查。</p>"
        "<p>这里将列出到期和逾期的核查任务，登记核查结果；发现问题的按承诺书约定分级处理。</p>"),
    "statistics": lambda: QCoreApplication.translate("Pages", "统计台账：按时间、类别、部门统计受理、转介、办结和逾期情况，导出台账。"),
    "settings": lambda: QCoreApplication.translate("Pages", "设置：界面语言、账户和密码、大厅信息。"),
    "calendar": lambda: QCoreApplication.translate("Pages", "节假日安排：录入国务院公布的法定节假日和调休上班日。"),
    "users": lambda: QCoreApplication.translate("Pages", "账户与安全：添加、停用用户，重置密码，设置密码与锁定规则。"),
}

PAGES: tuple[PageSpec, ...] = (
    PageSpec("intake", "intake_desk.ui.pages.intake.page", "IntakePage", (Permission.INTAKE_SUBMIT,)),
    PageSpec("applications", "intake_desk.ui.pages.applications_page", "ApplicationsPage",
             (Permission.APPLICATION_VIEW,)),
    PageSpec("inbox", "intake_desk.ui.pages.inbox_page", "InboxPage", (Permission.REFERRAL_VIEW_OWN_DEPARTMENT,),
             (Role.DEPARTMENT,)),
    PageSpec("referrals", "intake_desk.ui.pages.referrals_page", "ReferralsPage", (Permission.REFERRAL_VIEW_ALL,)),
    PageSpec("postchecks", "intake_desk.ui.pages.postchecks_page", "PostChecksPage", (Permission.POSTCHECK_WORK,)),
    PageSpec("statistics", "intake_desk.ui.pages.statistics_page", "StatisticsPage", (Permission.STATISTICS_VIEW,)),
    PageSpec("settings", "intake_desk.ui.pages.settings_page", "SettingsPage", ()),
    # Under Settings: the holiday calendar, for those who may change it.
    PageSpec("calendar", "intake_desk.ui.pages.calendar_page", "CalendarPage", (Permission.CALENDAR_MANAGE,)),
    PageSpec("users", "intake_desk.ui.pages.users_page", "UsersPage", (Permission.USERS_MANAGE,)),
)


def page_class(spec: PageSpec) -> type[QWidget] | None:
    """The page's class when its module exists, else None (the navigation shows what will come)."""
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as exc:
        if exc.name and spec.module.startswith(exc.name):
            return None
        log.exception("page %s could not be loaded", spec.key)
        return None
    except Exception:
        log.exception("page %s could not be loaded", spec.key)
        return None
    cls = getattr(module, "Page", None) or getattr(module, spec.class_name, None)
    if isinstance(cls, type) and issubclass(cls, QWidget):
        return cls
    log.warning("module %s has no page class %s", spec.module, spec.class_name)
    return None


def build_page(spec: PageSpec, services: Services, actor: Actor, parent: QWidget) -> QWidget:
    from intake_desk.ui.pages.placeholder import ComingPage

    cls = page_class(spec)
    if cls is None:
        return ComingPage(spec.title(), spec.description(), parent)
    page: QWidget = cls(services, actor, parent)  # type: ignore[call-arg]
    return page
