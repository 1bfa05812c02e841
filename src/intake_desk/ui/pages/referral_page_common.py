"""What the supervisor's 转介 page and the department's 部门收件 page share: a queue of referrals with
a search field, a message banner, counts, the sign-in summary and a side panel for the current row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex

from intake_desk.services.queues import SignInSummary


class ReferralQueuePage:
    """Mixed into a QWidget page that has ``search``, ``banner``, ``summary_label``, ``model`` and
    ``panel``, and defines ``apply_filters`` and ``refresh_counts``."""

    search: Any
    banner: Any
    summary_label: Any
    model: Any
    panel: Any

    def refresh(self) -> None:
        """Read everything again (F5): the rows, the counts and the sign-in summary."""
        self.apply_filters()
        self.refresh_counts()
        self.load_summary()

    def page_shown(self) -> None:
        self.refresh_counts()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def show_error(self, message: str) -> None:
        self.banner.show_message("error", message)

    def load_summary(self) -> None:
        self.summary_label.load()

    @property
    def summary(self) -> SignInSummary | None:
        return self.summary_label.summary

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self.panel.show_referral(row.id if row else None)
