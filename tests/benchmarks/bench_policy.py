"""Policy engine: the pre-assessment and deadlines a clerk waits for on every intake.

No budget of its own in DESIGN.md; these run inside "submit one intake" (≤ 15 ms), so each should
stay well under a millisecond. Floors are the bare arithmetic of the same work.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from intake_desk.paths import resources_dir
from intake_desk.policy.calendar import WorkCalendar
from intake_desk.policy.household_json import household_from_json
from intake_desk.policy.means_test import assess
from intake_desk.policy.pack import PackRegistry
from intake_desk.policy.routing import propose_referrals
from tests.benchmarks.harness import Figure, median_ms


def _household() -> dict[str, object]:
    data = json.loads((resources_dir() / "examples" / "household.json").read_text(encoding="utf-8"))
    data["members"].append({"name": "张奶奶", "relation": "parent", "birth_date": "1948-02-01",
                            "labour_capacity": "none", "health": "serious"})
    data["incomes"] = [{"member": i % 4, "category": c, "monthly": "300"}
                       for i, c in enumerate(["wages", "business", "property", "transfer"] * 2)]
    return data


def bench_assess_and_route() -> list[Figure]:
    data = _household()
    facts = household_from_json(data)
    pack = PackRegistry.default().pack_for(facts.application_date)
    calendar = WorkCalendar()

    def full() -> None:
        result = assess(facts, pack)
        propose_referrals(facts, result, pack, calendar, facts.application_date)

    amounts = [i.amount_fen for i in facts.incomes]

    def floor() -> None:
        total = sum(amounts)
        per_capita = total // (12 * len(facts.members))
        _ = (70_000 - per_capita) * len(facts.members)

    def parse() -> None:
        household_from_json(data)

    return [
        Figure("assess + propose referrals (4 members, 8 incomes)", median_ms(full, repeat=201),
               floor_name="per-capita arithmetic only", floor_ms=median_ms(floor, repeat=201)),
        Figure("household JSON → declared facts (4 members)", median_ms(parse, repeat=201)),
    ]


def bench_working_days() -> list[Figure]:
    calendar = WorkCalendar({date(2027, 1, 1): False})
    start = date(2026, 12, 1)

    def checked() -> None:
        calendar.add_working_days_checked(start, 30)

    def floor() -> None:
        day, left = start, 30
        while left:
            day += timedelta(days=1)
            if day.weekday() < 5:
                left -= 1

    return [
        Figure("30 working days across a year end (overrides + fallback)", median_ms(checked, repeat=201),
               floor_name="Monday–Friday loop", floor_ms=median_ms(floor, repeat=201)),
    ]
