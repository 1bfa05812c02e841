"""List import, screening, leads and libraries on a real PostgreSQL server (advisory lock, IN lists,
Core executemany) as on SQLite."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.clock import FixedClock
from intake_desk.services.discovery import LeadFilter
from intake_desk.services.monitoring import EntryDetails, Library, MonitoringFilter, VisitRecord
from intake_desk.store.db import Database
from intake_desk.store.models import DiscoveryImport, Lead
from tests.conftest import add_user, make_services, setup_hall
from tests.discovery_data import lead_id, person_rows, write_csv, write_xlsx
from tests.intake_data import single_form


def test_import_screen_visit_on_postgresql(pg_db: Database, clock: FixedClock, tmp_path: Path) -> None:
    services = make_services(pg_db, clock)
    setup_hall(services)
    supervisor = add_user(services, "super1", Role.SUPERVISOR, "李强")
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    services.intake.submit(clerk, single_form(7, "王五"))
    from tests.intake_data import rid

    rows = person_rows(1200)
    rows[5] = (rows[5][0], "王五", rid(7), "", "", "", "")  # 在办
    rows.append(rows[10])  # a repeat
    first = services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", rows, encoding="gb18030"),
                                           "disability")
    assert (first.rows, first.in_progress, first.new_leads, first.duplicates) == (1201, 1, 1199, 1)
    again = services.discovery.import_list(supervisor, write_xlsx(tmp_path / "l.xlsx", rows), "disability")
    assert (again.new_leads, again.known_leads, again.in_progress) == (0, 1199, 1)
    with pg_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Lead)) == 1199
        assert session.scalar(select(func.count()).select_from(DiscoveryImport)) == 2
    assert services.discovery.count(clerk) == 1199
    assert len(services.discovery.leads(clerk, offset=1000, limit=1000)) == 199
    (lead,) = services.discovery.leads(clerk, LeadFilter(text=lead_id(0)))
    assert lead.name == "王伟"
    assert [r.id for r in services.discovery.leads(clerk, LeadFilter(text="ww"), limit=1000)][:1]
    result = services.discovery.record_visit(clerk, lead.id, lead.version,
                                             VisitRecord(date(2026, 11, 20), "王丽", "李强", "独居"), "class2",
                                             entry=EntryDetails(risk_factors=("elderly_alone",)))
    assert result.monitored_id is not None
    assert services.monitoring.count(clerk, MonitoringFilter(libraries=(Library.CLASS2,))) == 1
    assert services.monitoring.count(clerk, MonitoringFilter(risk_factors=("elderly_alone",))) == 1
    assert audit.verify(pg_db).ok
