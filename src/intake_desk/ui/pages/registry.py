"""The pages of the main window, in navigation order, and who sees them: one list, ``PAGES``.

A page is a ``QWidget`` constructed as ``Page(services, actor, parent)``. Every entry names a small
factory that imports its page class where it is built, so a page's module is loaded the first time the
page is shown, never at launch (the window opens without paying for pages nobody opened yet).

To add a page: write its factory below and add one ``PageSpec`` line to ``PAGES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.permissions import Permission, allowed

if TYPE_CHECKING:  # the database code loads behind the window's frame, not with the list of pages
    from intake_desk.services.context import Services

PageFactory = Callable[["Services", Actor, QWidget], QWidget]


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: Callable[[], str]
    """The page's name in the navigation, translated when asked."""
    build: PageFactory
    permissions: tuple[Permission, ...]  # any one of them shows the page
    roles: tuple[Role, ...] = ()  # when given, only these roles see the page

    def visible_to(self, actor: Actor) -> bool:
        if self.roles and actor.role not in self.roles:
            return False
        return not self.permissions or any(allowed(actor, p) for p in self.permissions)


# -- factories: the page module is imported when the page is first shown -----------------------------

def _intake(services: Services, actor: Actor, parent: QWidget) -> QWidget:
    from intake_desk.ui.pages.intake.page import IntakePage

    return IntakePage(services, actor, parent)


def _applications(services: Services, actor: Actor, parent: QWidget) -> QWidget:
    from intake_desk.ui.pages.applications_page import ApplicationsPage

    return ApplicationsPage(services, actor, parent)


def _inbox(services: Services, actor: Actor, parent: QWidget) -> QWidget:
    from intake_desk.ui.pages.inbox_page import InboxPage

    return InboxPage(services, actor, parent)


def _referrals(services: Services, actor: Actor, parent: QWidget) -> QWidget:
    from intake_desk.ui.pages.referrals_page import ReferralsPage

    return ReferralsPage(services, actor, parent)


def _procedure(services: Services, actor: Actor, parent: QWidget) -> QWidget:
    from intake_desk.ui.pages.procedure_page import ProcedurePage

    return ProcedurePage(services, actor, parent)


def _postchecks(services: Services, actor: Actor, parent: QWidget) -> QWidget:
    from intake_desk.ui.pages.postchecks_page import PostChecksPage

    return PostChecksPage(services, actor, parent)


def _urging(services: Services, actor: Actor, parent: QWidget) -> QWidget:
    from intake_desk.ui.pages.urging_page import UrgingPage

    return UrgingPage(services, actor, parent)


def _discovery(services: Services, actor: Actor, parent: QWidget) -> QWidget:
    from intake_desk.ui.pages.discovery_page import DiscoveryPage

    return DiscoveryPage(services, actor, parent)


def _statistics(services: Services, actor: Actor, parent: QWidget) -> QWidget:
    from intake_desk.ui.pages.statistics_page import StatisticsPage

    return StatisticsPage(services, actor, parent)


def _settings(services: Services, actor: Actor, parent: QWidget) -> QWidget:
    from intake_desk.ui.pages.settings_page import SettingsPage

    return SettingsPage(services, actor, parent)


def _calendar(services: Services, actor: Actor, parent: QWidget) -> QWidget:
    from intake_desk.ui.pages.calendar_page import CalendarPage

    return CalendarPage(services, actor, parent)


def _users(services: Services, actor: Actor, parent: QWidget) -> QWidget:
    from intake_desk.ui.pages.users_page import UsersPage

    return UsersPage(services, actor, parent)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("intake", lambda: QCoreApplication.translate("Pages", "受理"), _intake,
             (Permission.INTAKE_SUBMIT,)),
    PageSpec("applications", lambda: QCoreApplication.translate("Pages", "申请"), _applications,
             (Permission.APPLICATION_VIEW,)),
    PageSpec("inbox", lambda: QCoreApplication.translate("Pages", "部门收件"), _inbox,
             (Permission.REFERRAL_VIEW_OWN_DEPARTMENT,), (Role.DEPARTMENT,)),
    PageSpec("referrals", lambda: QCoreApplication.translate("Pages", "转介"), _referrals,
             (Permission.REFERRAL_VIEW_ALL,)),
    PageSpec("procedure", lambda: QCoreApplication.translate("Pages", "办理"), _procedure,
             (Permission.PROCEDURE_WORK,)),
    PageSpec("postchecks", lambda: QCoreApplication.translate("Pages", "核查"), _postchecks,
             (Permission.POSTCHECK_WORK,)),
    PageSpec("urging", lambda: QCoreApplication.translate("Pages", "督办"), _urging,
             (Permission.URGING_VIEW,)),
    PageSpec("discovery", lambda: QCoreApplication.translate("Pages", "发现"), _discovery,
             (Permission.DISCOVERY_WORK,)),
    PageSpec("statistics", lambda: QCoreApplication.translate("Pages", "统计"), _statistics,
             (Permission.STATISTICS_VIEW,)),
    PageSpec("settings", lambda: QCoreApplication.translate("Pages", "设置"), _settings, ()),
    # Under Settings: the holiday calendar, for those who may change it.
    PageSpec("calendar", lambda: QCoreApplication.translate("Pages", "节假日"), _calendar,
             (Permission.CALENDAR_MANAGE,)),
    PageSpec("users", lambda: QCoreApplication.translate("Pages", "账户"), _users,
             (Permission.USERS_MANAGE,)),
)


def build_page(spec: PageSpec, services: Services, actor: Actor, parent: QWidget) -> QWidget:
    page = spec.build(services, actor, parent)
    page.setObjectName(page.objectName() or f"{spec.key}Page")
    return page
