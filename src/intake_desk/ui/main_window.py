"""主窗口 – one window: navigation, pages, and a status bar that says where the desk stands.

The status bar shows the hall, the signed-in user and role, the database (file or server) and whether
it answers (``db.ping()`` every 15 s, off the GUI thread). Background work shows a busy indicator here.

Hooks for later work:

* ``print_requested(number)`` – emitted when the clerk asks to print the receipt of an application;
  the print-preview dialog connects to it.
* ``install_session_guard(obj)`` – installs an application-wide event filter owned by this window
  (the idle screen lock watches input through it).

A launch that names its user shows the window's frame first, before the database code loads, and opens
the database and signs in behind it (``ui/signing_in.py``); ``attach`` then fills the window in for the
signed-in account. Pages are listed once, in ``ui/pages/registry.py``; each is built the first time it is shown and sits in
a scroll area, so a page taller or wider than a small screen scrolls instead of being cut. The window
opens inside the screen's available area (maximised when the screen is smaller than its preferred size)
and remembers where it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import SIGNAL, QEvent, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QTabBar,
    QTabWidget,
    QWidget,
)

from intake_desk import __version__
from intake_desk.services.actor import Actor
from intake_desk.services.permissions import Permission, allowed

if TYPE_CHECKING:
    from intake_desk.services.context import Services
    from intake_desk.services.monitoring import MonitoringSummary
    from intake_desk.services.queues import SignInSummary
    from intake_desk.services.urging import LadderSummary
from intake_desk.ui import i18n
from intake_desk.ui.first_paint import after_first_paint
from intake_desk.ui.forms.ui_main_window import Ui_MainWindow
from intake_desk.ui.i18n import in_language, label, pack_text, user_settings
from intake_desk.ui.pages.registry import PAGES, PageSpec, build_page
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.banner import Banner
from intake_desk.ui.widgets.elided_label import ElidedLabel
from intake_desk.ui.worker import run_in_background

log = logging.getLogger(__name__)

PING_INTERVAL_MS = 15_000
#: On a shared server the status bar asks half as often, and not at all when the window's own work was
#: answered within that time (a county's 300 windows would otherwise start ten server processes a second).
SERVER_PING_INTERVAL_MS = 30_000
BUSY_DELAY_MS = 150
PREFERRED_SIZE = QSize(1360, 860)
MINIMUM_SIZE = QSize(760, 520)
# The page list (style.py: 12 pt, items padded 14 px each side with a 4-px mark) and its bounds.
NAVIGATION_POINTS = 12
NAVIGATION_PADDING = 2 * 14 + 4 + 24
NAVIGATION_MIN_WIDTH = 96
NAVIGATION_MAX_WIDTH = 172


def initial_geometry(available: QRect, preferred: QSize = PREFERRED_SIZE) -> tuple[QRect, bool]:
    """Where a window without remembered geometry opens: its preferred size centred in the screen's
    available area, or that whole area (maximised, the second value) when the screen is smaller."""
    if preferred.width() > available.width() or preferred.height() > available.height():
        return QRect(available), True
    rect = QRect(0, 0, preferred.width(), preferred.height())
    rect.moveCenter(available.center())
    return rect, False


def fits(frame: QRect, available: QRect) -> bool:
    """Whether a remembered frame lies inside the available area of a screen (no edge off-screen)."""
    return available.contains(frame)


class MainWindow(QMainWindow):
    print_requested = Signal(str)
    """The clerk asked to print the receipt of the application with this number."""
    sign_out_requested = Signal()
    database_reachable_changed = Signal(bool)
    attached = Signal()
    """The window holds a signed-in account now (emitted by ``attach``)."""
    frame_painted = Signal()
    """The window's first paint is on the screen (a launch that names its user signs in from here)."""
    first_page_shown = Signal()
    """The first page is built and painted, and the sign-in checks are under way (``started``)."""

    services: Services
    actor: Actor

    def __init__(self, services: Services | None = None, actor: Actor | None = None,
                 parent: QWidget | None = None) -> None:
        """The window for a signed-in ``actor``; without them, its frame only (title, menus, an empty
        navigation) until ``attach`` is called."""
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowTitle(self.tr("社会救助窗口受理台"))
        self.banner = Banner(self)
        self.banner.setContentsMargins(16, 10, 16, 0)
        self.ui.contentLayout.insertWidget(0, self.banner)
        self.specs: list[PageSpec] = []
        self.pages: dict[str, QWidget] = {}
        self._busy_count = 0
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._show_busy)
        self._ping_running = False
        self.database_reachable: bool | None = None
        self._guards: list[QObject] = []
        self.revoked_message: str | None = None  # set when the account was disabled or changed (sign_in_revoked)
        self.signed_in = False
        """True once ``attach`` has given the window its account and services."""
        self._connect_actions()
        self._restore_geometry()
        self._ping_timer = QTimer(self)
        self._ping_timer.setInterval(PING_INTERVAL_MS)
        self._ping_timer.timeout.connect(lambda: self.check_database(periodic=True))
        self._start_arranged = False
        self._painted = False
        self.started = False
        """True once the first page is built and the sign-in checks are under way (after the first paint)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        if services is not None and actor is not None:
            self.attach(services, actor)
        else:
            self._show_role_actions(False)
            self._fit_navigation()  # as narrow as it will be for the pages' short names: no jump when they come

    def attach(self, services: Services, actor: Actor) -> None:
        """Give the window its signed-in account: navigation, status bar and actions for the role. Shown and
        painted already (the frame of a launch that signs in behind it), its first page is built at once."""
        self.services = services
        self.actor = actor
        self.signed_in = True
        i18n.use_pack_names(lambda: services.packs.english_names())
        if actor.hall_name:
            self.setWindowTitle(self.tr("社会救助窗口受理台") + f" – {actor.hall_name}")
        self.specs = [spec for spec in PAGES if spec.visible_to(actor)]
        self._build_navigation()
        self._build_status_bar()
        self._show_role_actions(True)
        self._ping_timer.setInterval(PING_INTERVAL_MS if services.db.is_sqlite else SERVER_PING_INTERVAL_MS)
        self.attached.emit()
        if self._painted and self.isVisible():
            self._start()

    # -- navigation ------------------------------------------------------------------------------
    def _build_navigation(self) -> None:
        nav = self.ui.navigation
        for index, spec in enumerate(self.specs, start=1):
            # Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth page (a supervisor sees ten); later pages by the list.
            keys = f"Ctrl+{index % 10}" if index <= 10 else ""
            item = QListWidgetItem(spec.title())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(f"{spec.title()}  ({keys})" if keys else spec.title())
            nav.addItem(item)
            holder = QScrollArea(self.ui.pages)
            holder.setObjectName(f"{spec.key}Holder")
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.ui.pages.addWidget(holder)
            action = QAction(spec.title(), self)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_page(key))
            self.ui.viewMenu.addAction(action)
        if self.specs:
            nav.setCurrentRow(0)  # the first page is marked from the first paint; it is built right after
        nav.currentRowChanged.connect(self._row_changed)
        self._fit_navigation()

    def _fit_navigation(self) -> None:
        """The page list as wide as its longest name (two or three characters in Chinese), not more: the
        pages get the rest of a 1280-pixel screen. View → 页面列表 (Ctrl+Shift+L) hides and shows it."""
        nav = self.ui.navigation
        font = QFont(nav.font())
        font.setPointSizeF(NAVIGATION_POINTS)  # the style sheet's size, before the list is polished
        metrics = QFontMetrics(font)
        widest = max((metrics.horizontalAdvance(spec.title()) for spec in self.specs), default=0)
        width = min(NAVIGATION_MAX_WIDTH, max(NAVIGATION_MIN_WIDTH, widest + NAVIGATION_PADDING))
        nav.setMinimumWidth(width)
        nav.setMaximumWidth(width)

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self.show_page(self.specs[row].key)

    def _holder(self, index: int) -> QScrollArea:
        holder = self.ui.pages.widget(index)
        assert isinstance(holder, QScrollArea)
        return holder

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built on first use (launch stays fast)."""
        if key not in self.pages:
            index = next(i for i, spec in enumerate(self.specs) if spec.key == key)
            holder = self._holder(index)
            page = build_page(self.specs[index], self.services, self.actor, holder)
            holder.setWidget(page)
            self.pages[key] = page
            if hasattr(page, "print_requested"):
                page.print_requested.connect(self.print_requested)
            if hasattr(page, "intake_requested"):
                page.intake_requested.connect(self.open_prefilled_intake)
        return self.pages[key]

    def current_page(self) -> QWidget | None:
        """The page on screen (None before the first page is built)."""
        holder = self.ui.pages.currentWidget()
        return holder.widget() if isinstance(holder, QScrollArea) else None

    def open_prefilled_intake(self, prefill: object) -> None:
        """引导申请 (page 发现): the intake page opens with the person and the department's reason."""
        page = self.show_page("intake")
        starter = getattr(page, "start_prefilled", None)
        if starter is not None:
            starter(getattr(prefill, "resident_id", ""), getattr(prefill, "name", ""), getattr(prefill, "phone", ""),
                    getattr(prefill, "address", ""), self.tr("主动发现：%1").replace("%1", getattr(prefill, "reason", "")))

    def show_page(self, key: str) -> QWidget | None:
        if not any(spec.key == key for spec in self.specs):
            return None
        page = self.page(key)
        index = next(i for i, spec in enumerate(self.specs) if spec.key == key)
        self.ui.pages.setCurrentIndex(index)
        if self.ui.navigation.currentRow() != index:
            self.ui.navigation.blockSignals(True)
            self.ui.navigation.setCurrentRow(index)
            self.ui.navigation.blockSignals(False)
        if hasattr(page, "page_shown"):
            page.page_shown()
        return page

    def show_referral_summary(self) -> None:
        """On sign-in: how many referrals in the user's scope are overdue or due within 2 working days, and
        (督办) how many dated items of every kind stand urged or escalated, with the callbacks due."""
        if not (allowed(self.actor, Permission.REFERRAL_VIEW_ALL)
                or allowed(self.actor, Permission.REFERRAL_VIEW_OWN_DEPARTMENT)):
            return
        services, actor = self.services, self.actor
        urging = allowed(actor, Permission.URGING_VIEW)

        def load() -> tuple[SignInSummary, LadderSummary | None]:
            soon = services.packs.pack_for(services.clock.today()).urging.due_soon_working_days
            return (services.queues.summary(actor, within_days=soon),
                    services.urging.summary(actor) if urging else None)

        def shown(result: tuple[SignInSummary, LadderSummary | None]) -> None:
            summary, ladder = result
            message = in_language(summary.message)
            if ladder is not None and (ladder.urged or ladder.escalated or ladder.callbacks_due):
                zh, en = ladder.sentence()
                message += "；" + in_language(f"督办：{zh} / Urging: {en}")
            attention = summary.needs_attention or (ladder is not None and (ladder.urged or ladder.escalated))
            if attention and not self.banner.text():
                self.banner.show_message("warning" if summary.overdue or (ladder and ladder.escalated) else "info",
                                         message, timeout_ms=30_000)

        run_in_background(self, load, shown, lambda _error: None, busy=False, label="referral summary")

    def show_monitoring_summary(self) -> None:
        """On sign-in: monitored households whose visit is overdue or due soon (主动发现与监测预警)."""
        if not allowed(self.actor, Permission.DISCOVERY_WORK):
            return
        services, actor = self.services, self.actor

        def shown(summary: MonitoringSummary) -> None:
            if summary.needs_attention and not self.banner.text():
                self.banner.show_message("warning" if summary.overdue else "info", in_language(summary.message),
                                         timeout_ms=30_000)

        run_in_background(self, lambda: services.monitoring.summary(actor), shown, lambda _error: None, busy=False,
                          label="monitoring summary")

    def current_page_key(self) -> str | None:
        current = self.current_page()
        return next((key for key, page in self.pages.items() if page is current), None)

    # -- actions ---------------------------------------------------------------------------------
    def _connect_actions(self) -> None:
        ui = self.ui
        tips = {
            ui.newIntakeAction: self.tr("开始新的受理（Ctrl+N）"),
            ui.findAction: self.tr("查找申请人或申请（Ctrl+F）"),
            ui.printAction: self.tr("打印当前申请的受理回执（Ctrl+P）"),
            ui.nextStepAction: self.tr("受理的下一步（Alt+→）"),
            ui.previousStepAction: self.tr("受理的上一步（Alt+←）"),
        }
        for action, tip in tips.items():
            action.setToolTip(tip)
            action.setStatusTip(tip)
        # Ctrl+PgDown/PgUp switch the tabs of the page (or, on the intake, its steps): one pair of keys for
        # "the next sheet" wherever the clerk is.
        self.next_tab_action = QAction(self.tr("下一个选项卡"), self)
        self.next_tab_action.setObjectName("nextTabAction")
        self.next_tab_action.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.next_tab_action.triggered.connect(lambda: self.switch_tab(1))
        self.previous_tab_action = QAction(self.tr("上一个选项卡"), self)
        self.previous_tab_action.setObjectName("previousTabAction")
        self.previous_tab_action.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.previous_tab_action.triggered.connect(lambda: self.switch_tab(-1))
        ui.viewMenu.addSeparator()
        ui.viewMenu.addAction(self.previous_tab_action)
        ui.viewMenu.addAction(self.next_tab_action)
        self.navigation_action = QAction(self.tr("页面列表(&L)"), self)
        self.navigation_action.setObjectName("navigationAction")
        self.navigation_action.setCheckable(True)
        self.navigation_action.setChecked(True)
        self.navigation_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        tip = self.tr("显示或隐藏左侧的页面列表，页面可用 Ctrl+数字 切换（Ctrl+Shift+L）")
        self.navigation_action.setToolTip(tip)
        self.navigation_action.setStatusTip(tip)
        self.navigation_action.toggled.connect(self.ui.navigation.setVisible)
        ui.viewMenu.addSeparator()
        ui.viewMenu.addAction(self.navigation_action)
        ui.newIntakeAction.triggered.connect(self.new_intake)
        ui.findAction.triggered.connect(self.find)
        ui.printAction.triggered.connect(self.print_current)
        ui.nextStepAction.triggered.connect(lambda: self._on_page("next_step"))
        ui.previousStepAction.triggered.connect(lambda: self._on_page("previous_step"))
        ui.quitAction.triggered.connect(self.close)
        ui.signOutAction.triggered.connect(self._sign_out)
        ui.shortcutsAction.triggered.connect(self.show_shortcuts)
        ui.aboutAction.triggered.connect(self.show_about)

    def _show_role_actions(self, signed_in: bool) -> None:
        """A role sees (and F1 lists) only what it can do; before the sign-in, only quitting and help."""
        ui = self.ui
        can_intake = signed_in and any(spec.key == "intake" for spec in self.specs)
        for action in (ui.newIntakeAction, ui.nextStepAction, ui.previousStepAction):
            action.setVisible(can_intake)
        ui.printAction.setVisible(signed_in and allowed(self.actor, Permission.PRINT))
        ui.findAction.setVisible(signed_in and any(spec.key in ("intake", "applications", "referrals", "inbox")
                                                   for spec in self.specs))
        ui.signOutAction.setVisible(signed_in)

    def switch_tab(self, step: int) -> None:
        """The next or previous tab of the tab sheet holding the focus (else the page's first visible one);
        on a page without tabs, the intake's next or previous step."""
        page = self.current_page()
        if page is None:
            return
        bar: QTabBar | None = None
        widget = QApplication.focusWidget()
        while widget is not None and widget is not page:
            if isinstance(widget, QTabWidget):
                bar = widget.tabBar()
                break
            widget = widget.parentWidget()
        if bar is None:
            bar = next((b for b in page.findChildren(QTabBar) if b.isVisible() and b.count() > 1), None)
        if bar is None:
            self._on_page("next_step" if step > 0 else "previous_step")
            return
        count = bar.count()
        index = bar.currentIndex()
        for _ in range(count):
            index = (index + step) % count
            if bar.isTabEnabled(index) and bar.isTabVisible(index):
                break
        bar.setCurrentIndex(index)
        tabs = bar.parentWidget()
        current = tabs.currentWidget() if isinstance(tabs, QTabWidget) else None
        if current is not None and not current.isAncestorOf(QApplication.focusWidget()):
            current.setFocus(Qt.FocusReason.TabFocusReason)
            if not current.hasFocus():
                current.focusNextChild()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None and shiboken6.isValid(self) and self.isActiveWindow():
            QTimer.singleShot(0, self._regain_focus)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            QTimer.singleShot(0, self._regain_focus)  # back from a dialog whose opener is gone

    def _regain_focus(self) -> None:
        """The focused widget went away (a button replaced, a row gone): the keyboard never ends up
        nowhere – the page's list (or its first field) takes the focus."""
        if not shiboken6.isValid(self) or QApplication.focusWidget() is not None or not self.isActiveWindow():
            return
        page = self.current_page()
        if page is None:
            return
        views = [v for v in page.findChildren(QAbstractItemView)
                 if v.isVisible() and v.isEnabled() and v.focusPolicy() & Qt.FocusPolicy.TabFocus
                 and not isinstance(v.parentWidget(), QComboBox)]
        target = max(views, key=lambda v: v.width() * v.height(), default=None)
        if target is not None:
            # As a click would: a list given the focus by any other reason makes its first row current,
            # and the page would show another record than the one the clerk was working on.
            target.setFocus(Qt.FocusReason.MouseFocusReason)
        else:
            page.setFocus(Qt.FocusReason.OtherFocusReason)
            page.focusNextChild()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter that no field used presses the page's default button (``page.default_button()``)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            button = self.default_button()
            focus = QApplication.focusWidget()
            own_enter = isinstance(focus, QLineEdit) and focus.receivers(SIGNAL("returnPressed()")) > 0
            if button is not None and not own_enter:
                button.click()
                return
        super().keyPressEvent(event)

    def default_button(self) -> QAbstractButton | None:
        page = self.current_page()
        finder = getattr(page, "default_button", None)
        button = finder() if finder is not None else None
        if isinstance(button, QAbstractButton) and button.isEnabled() and button.isVisible():
            return button
        return None

    def _on_page(self, method: str) -> None:
        page = self.current_page()
        handler: Callable[[], object] | None = getattr(page, method, None)
        if handler is not None:
            handler()

    def new_intake(self) -> None:
        page = self.show_page("intake")
        if page is not None and hasattr(page, "new_intake"):
            page.new_intake()

    def find(self) -> None:
        page = self.current_page()
        if not hasattr(page, "focus_search"):
            page = self.show_page("intake") or self.show_page("applications")
        if page is not None and hasattr(page, "focus_search"):
            page.focus_search()

    def print_current(self) -> None:
        page = self.current_page()
        number = page.printable_number() if hasattr(page, "printable_number") else None
        if number:
            self.print_requested.emit(number)
        else:
            self.banner.show_message("info", self.tr("当前页面没有可打印的回执：请先提交受理，或在“申请”中选择一件申请。"),
                                     timeout_ms=8000)

    def _sign_out(self) -> None:
        self.sign_out_requested.emit()
        self.close()

    def sign_in_revoked(self, message: str) -> None:
        """The account was disabled, changed or its password reset since sign-in (a service call said so):
        say it once, then return to the sign-in. Drafts stay on this computer (the intake page writes its
        file before the database, and flushes it as the window closes)."""
        if self.revoked_message is not None:
            return
        self.revoked_message = message
        log.info("sign-in no longer valid; returning to the sign-in")
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("需要重新登录"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("signInRevokedBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._sign_out())
        box.open()

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """The keys this signed-in user can use: the window's visible actions and the pages they see."""
        rows: list[tuple[str, str]] = []
        menus = (self.ui.intakeMenu, self.ui.viewMenu, self.ui.helpMenu)
        for menu in menus:
            for action in menu.actions():
                if action.isSeparator() or not action.isVisible() or not action.shortcuts():
                    continue
                keys = " / ".join(k.toString(QKeySequence.SequenceFormat.PortableText) for k in action.shortcuts())
                keys = keys.replace("Right", "→").replace("Left", "←")
                rows.append((keys, action.text().replace("&", "").split("(")[0].split("（")[0].strip()))
        keys_of_pages = {spec.key for spec in self.specs}
        for key, page_rows in _page_shortcuts().items():
            if key in keys_of_pages:
                rows.extend(row for row in page_rows if row not in rows)
        rows.extend([("Tab / Shift+Tab", self.tr("下一个 / 上一个输入项（离开表格也用 Tab）")),
                     ("Enter", self.tr("按下有焦点的按钮；在输入框中按下本页的主按钮"))])
        return rows

    def show_shortcuts(self) -> None:
        text = "<table cellpadding='4'>" + "".join(
            f"<tr><td><b>{keys}</b></td><td>{what}</td></tr>" for keys, what in self.shortcut_rows()) + "</table>"
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("快捷键一览"), text, QMessageBox.StandardButton.Ok,
                          self)
        box.setObjectName("shortcutsBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("关于"),
                          self.tr("社会救助窗口受理台 %1\n一门受理、协同办理").replace("%1", __version__),
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- status bar ------------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.ui.statusBar
        actor = self.actor
        hall = f"{actor.hall_code} {actor.hall_name}" if actor.hall_code else pack_text(actor.department_name or "")
        # When the window is narrow the database's name gives way first, then the hall's (whole in the tooltip).
        self.hall_label = ElidedLabel(self.tr("大厅：%1").replace("%1", hall), self, least_chars=8)
        self.hall_label.setObjectName("hallStatus")
        self.user_label = QLabel(self.tr("用户：%1（%2）").replace("%1", actor.display_name)
                                 .replace("%2", label(actor.role)), self)
        self.user_label.setObjectName("userStatus")
        self.user_label.setToolTip(actor.username)
        self.database_label = ElidedLabel(self.tr("数据库：%1").replace("%1", self.services.db.description), self,
                                          mode=Qt.TextElideMode.ElideMiddle)
        self.database_label.setObjectName("databaseStatus")
        self.database_label.setToolTip(self.services.db.description)
        self.connection_label = QLabel(self.tr("● 正在检查连接…"), self)
        self.connection_label.setObjectName("connectionStatus")
        set_role(self.connection_label, "hint")
        # Room for the longest state, so "cannot be reached" is never cut off by a long database name.
        widest = max(self.connection_label.fontMetrics().horizontalAdvance(text) for text in (
            self.tr("● 正在检查连接…"), self.tr("● 数据库已连接"), self.tr("● 数据库无法连接"),
            self.tr("● 服务器连接已满")))
        self.connection_label.setMinimumWidth(widest + 40)  # the status bar pads labels 10 px a side
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("busyStatus")
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("busyIndicator")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.setTextVisible(False)
        self.busy_label.hide()
        self.busy_bar.hide()
        # The owner or a superuser can rewrite anything, the audit trail included: say so (issue 10).
        self.login_warning_label = QLabel(self)
        self.login_warning_label.setObjectName("loginWarningStatus")
        set_role(self.login_warning_label, "warning")
        self.login_warning_label.hide()
        self.audit_problem_label = QLabel(self)
        self.audit_problem_label.setObjectName("auditProblemStatus")
        set_role(self.audit_problem_label, "error")
        self.audit_problem_label.hide()
        bar.addWidget(self.hall_label)
        bar.addWidget(self.user_label)
        bar.addWidget(self.database_label, 1)
        bar.addWidget(self.login_warning_label)
        bar.addWidget(self.audit_problem_label)
        if not self.services.db.is_sqlite:
            from intake_desk.store.roles import owner_warning

            run_in_background(self, lambda: owner_warning(self.services.db), self._show_login_warning,
                              lambda _error: None, busy=False, label="login kind")
        bar.addPermanentWidget(self.busy_label)
        bar.addPermanentWidget(self.busy_bar)
        bar.addPermanentWidget(self.connection_label)

    def _show_login_warning(self, warning: str | None) -> None:
        if warning:
            self.login_warning_label.setText(self.tr("⚠ 所有者登录"))
            self.login_warning_label.setToolTip(in_language(warning))
            self.login_warning_label.show()

    def show_audit_problem(self, problem: str | None) -> None:
        """The trail no longer extends this desk's last audit checkpoint: said in red until sign-out."""
        if problem:
            self.audit_problem_label.setText(self.tr("⚠ 审计日志与检查点不符"))
            self.audit_problem_label.setToolTip(in_language(problem))
            self.audit_problem_label.show()

    def check_database(self, *, periodic: bool = False) -> None:
        """Ask the database whether it answers, off the GUI thread; one question at a time.

        ``periodic`` (the status bar's timer): an answer to the window's own work within the interval
        stands, and no connection is opened to ask again."""
        if self._ping_running:
            return
        self._ping_running = True
        within = self._ping_timer.interval() / 1000 if periodic else None
        run_in_background(self, lambda: self.services.db.reachability(answered_within=within), self._pinged,
                          self._ping_failed, busy=False, label="ping")

    def _pinged(self, state: str) -> None:
        self._ping_running = False
        self.set_database_reachable(state != "unreachable", full=state == "full")

    def _ping_failed(self, error: BaseException) -> None:
        self._ping_running = False
        self.set_database_reachable(False)

    def set_database_reachable(self, reachable: bool, *, full: bool = False) -> None:
        """``full``: the server answers but has no free connection (the window retries; nothing is lost)."""
        changed = reachable != self.database_reachable
        self.database_reachable = reachable
        if reachable and full:
            self.connection_label.setText(self.tr("● 服务器连接已满"))
            set_role(self.connection_label, "warning")
        elif reachable:
            self.connection_label.setText(self.tr("● 数据库已连接"))
            set_role(self.connection_label, "ok")
        else:
            self.connection_label.setText(self.tr("● 数据库无法连接"))
            set_role(self.connection_label, "error")
        self.connection_label.setToolTip(self.tr("每 %1 秒检查一次；无法连接时，填写的内容会保留在本机草稿中。")
                                         .replace("%1", str(self._ping_timer.interval() // 1000)))
        if changed:
            self.database_reachable_changed.emit(reachable)

    # -- BusyHost / ErrorHost ---------------------------------------------------------------------
    def busy_started(self, label: str) -> None:
        # Shown only when the work lasts long enough to be noticed: no flicker on quick calls.
        self._busy_count += 1
        if self._busy_count == 1:
            self._busy_timer.start()

    def _show_busy(self) -> None:
        if self._busy_count:
            self.busy_label.setText(self.tr("正在处理…"))
            self.busy_label.show()
            self.busy_bar.show()

    def busy_finished(self) -> None:
        self._busy_count = max(0, self._busy_count - 1)
        if not self._busy_count:
            self._busy_timer.stop()
            self.busy_label.hide()
            self.busy_bar.hide()

    @property
    def busy(self) -> bool:
        return self._busy_count > 0

    def show_error(self, message: str) -> None:
        page = self.current_page()
        if hasattr(page, "show_error"):
            page.show_error(message)
        else:
            self.banner.show_message("error", message)

    # -- hooks for the session guard (idle lock) ---------------------------------------------------
    def install_session_guard(self, guard: QObject) -> None:
        """Let ``guard`` watch every input event of the program while this window is open.

        A guard with ``watch()`` and ``stop()`` puts itself on the application (and off it) as it
        needs; any other is installed as an application-wide event filter until the window closes."""
        guard.setParent(self)
        app = QApplication.instance()
        if app is not None and not hasattr(guard, "watch"):
            app.installEventFilter(guard)
        self._guards.append(guard)

    # -- window state ----------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        """The remembered geometry when it still fits a screen; else the preferred size inside the
        screen's available area, maximised when the screen is smaller than that."""
        self.setMinimumSize(MINIMUM_SIZE)
        geometry = user_settings().value("main_window/geometry")
        if geometry is not None and self.restoreGeometry(geometry):
            screen = QGuiApplication.screenAt(self.frameGeometry().center()) or self.screen()
            if self.isMaximized() or fits(self.frameGeometry(), screen.availableGeometry()):
                return
        screen = self.screen() or QGuiApplication.primaryScreen()
        rect, maximised = initial_geometry(screen.availableGeometry())
        self.setGeometry(rect)
        if maximised:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._start_arranged:
            # The window is drawn first (title, navigation, status bar); the first page is built right
            # after that paint, then the sign-in checks start. The clerk sees the window at once and the
            # whole page a moment later, never a page half built.
            self._start_arranged = after_first_paint(self, self._first_painted)

    def _first_painted(self) -> None:
        self._painted = True
        self.frame_painted.emit()
        if self.signed_in:
            self._start()

    def _start(self) -> None:
        if not self.isVisible():  # hidden again at once: start when it is next shown
            self._start_arranged = False
            self._painted = False
            return
        if self.started:
            return
        if self.specs and not self.pages:
            self.show_page(self.specs[0].key)
            self._regain_focus()  # activated before the page existed: the keyboard lands in it
            # On the screen now, before the sign-in checks' threads start: painting calls into Python for every
            # widget, and with those threads running each call could wait for the interpreter lock.
            self.repaint()
        self.started = True
        self._ping_timer.start()
        self.check_database()
        self.show_referral_summary()
        self.show_monitoring_summary()
        self.first_page_shown.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        for key, page in self.pages.items():
            closer = getattr(page, "window_closing", None)
            if closer is not None and closer() is False:
                log.info("page %s asked to keep the window open", key)
                event.ignore()
                return
        user_settings().setValue("main_window/geometry", self.saveGeometry())
        self._ping_timer.stop()
        app = QApplication.instance()
        for guard in self._guards:
            stop = getattr(guard, "stop", None)
            if stop is not None:
                stop()
            elif app is not None:
                app.removeEventFilter(guard)
        super().closeEvent(event)


def _page_shortcuts() -> dict[str, list[tuple[str, str]]]:
    """Keys that belong to one page, listed by F1 only for a user who sees that page."""
    refresh = ("F5", QApplication.translate("MainWindow", "刷新列表"))
    return {
        "intake": [
            ("Alt+1 … Alt+8", QApplication.translate("MainWindow", "跳到受理的第 1 … 8 步")),
            ("Ctrl+Enter", QApplication.translate("MainWindow", "在“提交”步骤提交受理")),
            ("Insert / Ctrl+Delete", QApplication.translate("MainWindow", "表格中添加 / 删除一行")),
            ("1 … 9, 0", QApplication.translate("MainWindow", "勾选编号的申请事项（第 4 步）或转介同意（第 6 步）")),
        ],
        "referrals": [refresh],
        "inbox": [refresh],
        "statistics": [refresh],
        "postchecks": [refresh, ("Ctrl+Enter", QApplication.translate("MainWindow", "记录核查结果"))],
    }
