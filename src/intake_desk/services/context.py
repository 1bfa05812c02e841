"""The services a window or a command uses, built on one database, one clock and the policy packs.

Each area adds its service here as a lazily built attribute, so a command that needs only one area
does not pay for the others.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from intake_desk.services import text_guard
from intake_desk.services.accounts import AccountService
from intake_desk.services.clock import Clock
from intake_desk.store.db import Database

if TYPE_CHECKING:
    from intake_desk.policy.pack import PackRegistry
    from intake_desk.services.applications import ApplicationService
    from intake_desk.services.audit_view import AuditService
    from intake_desk.services.calendar_service import CalendarService
    from intake_desk.services.callbacks import CallbackService
    from intake_desk.services.discovery import DiscoveryService
    from intake_desk.services.drafts import DraftService
    from intake_desk.services.export import ExportService
    from intake_desk.services.intake import IntakeService
    from intake_desk.services.monitoring import MonitoringService
    from intake_desk.services.organisation import OrganisationService
    from intake_desk.services.postchecks import PostCheckService
    from intake_desk.services.printing import PrintService
    from intake_desk.services.procedure import ProcedureService
    from intake_desk.services.procedure_documents import ProcedureDocumentService
    from intake_desk.services.procedure_report import ProcedureReportService
    from intake_desk.services.queues import QueueService
    from intake_desk.services.referrals import ReferralService
    from intake_desk.services.settings_service import SettingsService
    from intake_desk.services.statistics import StatisticsService
    from intake_desk.services.urging import UrgingService


class Services:
    def __init__(self, db: Database, clock: Clock | None = None, packs: PackRegistry | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()
        self._packs = packs
        text_guard.install(db)  # NUL and lone surrogates refused in one place, on every database

    @property
    def packs(self) -> PackRegistry:
        if self._packs is None:
            from intake_desk.policy.pack import PackRegistry

            self._packs = PackRegistry.default()
        return self._packs

    @cached_property
    def accounts(self) -> AccountService:
        return AccountService(self.db, self.clock)

    @cached_property
    def audit(self) -> AuditService:
        from intake_desk.services.audit_view import AuditService

        return AuditService(self.db, self.clock)

    @cached_property
    def settings(self) -> SettingsService:
        from intake_desk.services.settings_service import SettingsService

        return SettingsService(self.db, self.clock)

    @cached_property
    def organisation(self) -> OrganisationService:
        from intake_desk.services.organisation import OrganisationService

        return OrganisationService(self.db, self.clock, self.packs)

    @cached_property
    def intake(self) -> IntakeService:
        from intake_desk.services.intake import IntakeService

        return IntakeService(self.db, self.clock, self.packs)

    @cached_property
    def applications(self) -> ApplicationService:
        from intake_desk.services.applications import ApplicationService

        return ApplicationService(self.db, self.clock)

    @cached_property
    def drafts(self) -> DraftService:
        from intake_desk.services.drafts import DraftService

        return DraftService(self.db, self.clock)

    @cached_property
    def referrals(self) -> ReferralService:
        from intake_desk.services.referrals import ReferralService

        return ReferralService(self.db, self.clock)

    @cached_property
    def queues(self) -> QueueService:
        from intake_desk.services.queues import QueueService

        return QueueService(self.db, self.clock)

    @cached_property
    def exports(self) -> ExportService:
        from intake_desk.services.export import ExportService

        return ExportService(self.db, self.clock, self.queues)

    @cached_property
    def statistics(self) -> StatisticsService:
        from intake_desk.services.statistics import StatisticsService

        return StatisticsService(self.db, self.clock, self.queues)

    @cached_property
    def postchecks(self) -> PostCheckService:
        from intake_desk.services.postchecks import PostCheckService

        return PostCheckService(self.db, self.clock)

    @cached_property
    def printing(self) -> PrintService:
        from intake_desk.services.printing import PrintService

        return PrintService(self.db, self.clock, self.packs)

    @cached_property
    def calendar(self) -> CalendarService:
        from intake_desk.services.calendar_service import CalendarService

        return CalendarService(self.db, self.clock)

    @cached_property
    def urging(self) -> UrgingService:
        from intake_desk.services.urging import UrgingService

        return UrgingService(self.db, self.clock, self.packs)

    @cached_property
    def callbacks(self) -> CallbackService:
        from intake_desk.services.callbacks import CallbackService

        return CallbackService(self.db, self.clock, self.packs)

    @cached_property
    def discovery(self) -> DiscoveryService:
        from intake_desk.services.discovery import DiscoveryService

        return DiscoveryService(self.db, self.clock, self.packs)

    @cached_property
    def monitoring(self) -> MonitoringService:
        from intake_desk.services.monitoring import MonitoringService

        return MonitoringService(self.db, self.clock, self.packs)

    @cached_property
    def procedure(self) -> ProcedureService:
        from intake_desk.services.procedure import ProcedureService

        return ProcedureService(self.db, self.clock, self.packs)

    @cached_property
    def procedure_report(self) -> ProcedureReportService:
        from intake_desk.services.procedure_report import ProcedureReportService

        return ProcedureReportService(self.db, self.clock, self.packs)

    @cached_property
    def procedure_documents(self) -> ProcedureDocumentService:
        from intake_desk.services.procedure_documents import ProcedureDocumentService

        return ProcedureDocumentService(self.db, self.clock, self.packs, self.printing, self.procedure,
                                        self.procedure_report)

    def close(self) -> None:
        self.db.dispose()


class _CheckedService(cached_property):  # type: ignore[type-arg]
    """A service built once per ``Services``, its calls checking the signed-in account (services/signed_in.py)."""

    def __get__(self, instance: object, owner: type | None = None) -> object:  # type: ignore[override]
        if instance is None:
            return self
        from intake_desk.services.signed_in import instrument

        return instrument(super().__get__(instance, owner))


# Every service attribute, including those added later: one place, nothing to remember per service.
for _name, _attribute in list(vars(Services).items()):
    if isinstance(_attribute, cached_property):
        _checked = _CheckedService(_attribute.func)
        _checked.__set_name__(Services, _name)
        setattr(Services, _name, _checked)
