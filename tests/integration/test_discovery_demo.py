"""seed-demo imports the demonstration department lists and fills both monitoring libraries."""

from __future__ import annotations

from intake_desk.services import audit
from intake_desk.services.context import Services
from intake_desk.services.demo import seed_demo
from intake_desk.services.discovery import LeadFilter, LeadOutcome, LeadStatus
from intake_desk.services.monitoring import Library, MonitoringFilter


def test_demo_imports_lists_and_fills_both_libraries(services: Services) -> None:
    summary = seed_demo(services, households=20, seed=1)
    assert summary.notes == ()
    supervisor = services.accounts.authenticate("supervisor", next(p for u, p, _ in summary.logins
                                                                   if u == "supervisor"))
    imports = services.discovery.imports(supervisor)
    assert sorted(i.source for i in imports) == ["disability", "rural"]
    disability = next(i for i in imports if i.source == "disability")
    assert disability.counts["rows"] == 13 and disability.counts["invalid"] == 1
    assert disability.counts["in_progress"] + disability.counts["in_assistance"] == 2  # people already applying
    closed = services.discovery.leads(supervisor, LeadFilter(statuses=(LeadStatus.CLOSED,)), limit=100)
    assert {r.outcome for r in closed} == set(LeadOutcome)
    class1 = services.monitoring.count(supervisor, MonitoringFilter(libraries=(Library.CLASS1,)))
    class2 = services.monitoring.count(supervisor, MonitoringFilter(libraries=(Library.CLASS2,)))
    assert class1 >= 5 and class2 >= 6
    assert any(c.households for c in services.monitoring.circle_counts(supervisor) if c.code)
    assert audit.verify(services.db).ok
