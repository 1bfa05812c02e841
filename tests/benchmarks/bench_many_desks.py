"""16 desks submitting at once on PostgreSQL (DESIGN.md: ≥ 200 intakes/s, 0 duplicates, 0 lost).

What is measured: the steady state. Each desk is a process of its own with its own ``Database``; it
signs in, previews a form and submits one intake (the warm-up: statements compiled, policy pack
recorded, connection open) before it says it is ready. When all 16 are ready they start together and
each submits ``PER_DESK`` more; the figure is those submits divided by the time from the first desk's
start to the last desk's end. Afterwards every submit – warm-ups included – is checked: receipt numbers
1…N with no duplicate and no gap, every application saved, and ``audit verify`` intact.

The floor: 16 connections doing the same shape of transaction in raw SQL (an insert, the shared
receipt-counter row lock, commit), which bounds what any design with gap-free numbers can reach here.

What stands between the two is measured in the same run, as processor time per submit: each desk's
own process (``time.process_time`` around its submits), the server processes serving the desks (their
``/proc/<pid>/schedstat`` before and after, the desks' backends found in ``pg_stat_activity``), and the
whole machine's busy time (``/proc/stat``). With the desks and the server on this machine's cores,
cores × 1000 / (desk ms + server ms) is the most their work allows, whatever the locks.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from typing import Any

import psycopg
from sqlalchemy import func, select

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.store.db import Database
from intake_desk.store.migrate import upgrade
from intake_desk.store.models import Application
from tests.benchmarks.harness import Figure, pg_bench_database
from tests.conftest import TEST_NOW, add_user, make_services, setup_hall

DESKS, PER_DESK = 16, 60


def _desk(url: str, desk: int, count: int, ready: Any, start: Any, results: Any, finish: Any) -> None:
    """One desk: sign in, preview, one warm-up submit; when told, ``count`` submits timed and their
    processor time; then wait (connection open) until the parent has read the server's figures."""
    from tests.integration.test_many_desks import desk_form

    db = Database(url)
    services = Services(db, FixedClock(TEST_NOW))
    told = False
    try:
        clerk = services.accounts.authenticate(f"desk{desk:02d}", f"desk{desk:02d}-pass-1")
        services.intake.preview(clerk, desk_form(desk, 0))
        warm = services.intake.submit(clerk, desk_form(desk, 0))
        ready.put(desk)
        told = True
        start.wait(timeout=300)
        began, cpu = time.perf_counter(), time.process_time()
        done = [warm.number]
        for k in range(1, count + 1):
            done.append(services.intake.submit(clerk, desk_form(desk, k)).number)
        ended, cpu = time.perf_counter(), time.process_time() - cpu
        results.put((desk, done, began, ended, cpu, None))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        results.put((desk, [], 0.0, 0.0, 0.0, f"{type(exc).__name__}: {exc}"))
        if not told:
            ready.put(desk)
    finally:
        finish.wait(timeout=120)
        db.dispose()


def _cpu_ns(pids: list[int]) -> dict[int, int]:
    """Processor time (ns) each process has used so far; processes gone are left out."""
    found = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/schedstat") as stat:
                found[pid] = int(stat.read().split()[0])
        except OSError:
            pass
    return found


def _machine_busy() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot (``/proc/stat``)."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _backends(dsn: str, database: str) -> list[int]:
    with psycopg.connect(dsn, autocommit=True) as connection:
        rows = connection.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid() "
                                  "AND backend_type = 'client backend'", (database,)).fetchall()
    return sorted(pid for (pid,) in rows)


class _Run:
    """What the 16-desk run measured."""

    def __init__(self) -> None:
        self.rate = 0.0
        self.duplicates = 0
        self.ok = False
        self.desk_cpu_ms = 0.0
        self.server_cpu_ms = 0.0
        self.backends_kept = False
        self.busy_share = 0.0
        self.machine_cpu_ms = 0.0


def _sixteen_desks(url: str, database: str) -> _Run:
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    db = Database(url)
    upgrade(db)
    services = make_services(db, FixedClock(TEST_NOW))
    setup_hall(services)
    for desk in range(DESKS):
        add_user(services, f"desk{desk:02d}", Role.CLERK, f"窗口{desk + 1}")
    db.dispose()  # the parent holds no connection of the bench database while the desks work
    context = multiprocessing.get_context("spawn")
    ready, start, results, finish = context.Queue(), context.Event(), context.Queue(), context.Event()
    processes = [context.Process(target=_desk, args=(url, d, PER_DESK, ready, start, results, finish))
                 for d in range(DESKS)]
    for process in processes:
        process.start()
    try:
        for _ in processes:
            ready.get(timeout=300)
        backends = _backends(dsn, database)
        server_before, machine_before = _cpu_ns(backends), _machine_busy()
        start.set()
        outcomes = [results.get(timeout=600) for _ in processes]
        server_after, machine_after = _cpu_ns(backends), _machine_busy()
        backends_after = _backends(dsn, database)
    finally:
        finish.set()
        for process in processes:
            process.join(timeout=60)
    errors = [o[5] for o in outcomes if o[5]]
    if errors:
        raise RuntimeError(errors[0])
    run = _Run()
    measured = DESKS * PER_DESK
    run.rate = measured / (max(o[3] for o in outcomes) - min(o[2] for o in outcomes))
    run.desk_cpu_ms = sum(o[4] for o in outcomes) * 1000 / measured
    run.server_cpu_ms = sum(server_after[p] - server_before[p] for p in server_before if p in server_after) / 1e6 / measured
    run.backends_kept = backends == backends_after and len(backends) >= DESKS and set(server_after) == set(backends)
    busy, total = (a - b for a, b in zip(machine_after, machine_before, strict=True))
    run.busy_share = busy / total if total else 0.0
    run.machine_cpu_ms = busy * 1000 / (os.sysconf("SC_CLK_TCK") or 100) / measured
    numbers = sorted(n for o in outcomes for n in o[1])
    run.duplicates = len(numbers) - len(set(numbers))
    total_submits = DESKS * (PER_DESK + 1)
    db = Database(url)
    with db.reading() as session:
        saved = session.scalar(select(func.count()).select_from(Application)) or 0
    gap_free = [int(n.rsplit("-", 1)[1]) for n in numbers] == list(range(1, total_submits + 1))
    run.ok = gap_free and saved == total_submits and audit.verify(db).ok
    db.dispose()
    return run


def _one_desk_alone(url: str, database: str) -> tuple[float, float, float]:
    """Wall, desk processor and server processor milliseconds per submit of one desk working alone
    (after one warm-up submit)."""
    from tests.integration.test_many_desks import desk_form

    db = Database(url)
    services = make_services(db, FixedClock(TEST_NOW))
    clerk = services.accounts.authenticate("desk00", "desk00-pass-1")
    services.intake.submit(clerk, desk_form(DESKS, 0))
    backends = _backends(url.replace("postgresql+psycopg://", "postgresql://"), database)
    count = 40
    server = _cpu_ns(backends)
    wall, cpu = time.perf_counter(), time.process_time()
    for k in range(1, count + 1):
        services.intake.submit(clerk, desk_form(DESKS, k))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = _cpu_ns(backends)
    db.dispose()
    server_ns = sum(after[p] - server[p] for p in server if p in after)
    return wall * 1000 / count, cpu * 1000 / count, server_ns / 1e6 / count


def _raw_floor(url: str) -> float:
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS floor_rows (id serial PRIMARY KEY, pad text)")

    def work() -> None:
        with psycopg.connect(dsn) as connection:
            for _ in range(PER_DESK * 4):
                with connection.transaction():
                    connection.execute("INSERT INTO floor_rows (pad) VALUES (repeat('x', 500))")
                    connection.execute("INSERT INTO counters (scope, day, value) VALUES ('floor', '2026-11-20', 1) "
                                       "ON CONFLICT (scope, day) DO UPDATE SET value = counters.value + 1")

    threads = [threading.Thread(target=work) for _ in range(DESKS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return DESKS * PER_DESK * 4 / (time.perf_counter() - began)


def bench_sixteen_desks() -> list[Figure]:
    name = "intake_bench_desks"
    load = os.getloadavg()[0]
    with pg_bench_database(name) as url:
        run = _sixteen_desks(url, name)
        floor = _raw_floor(url)
        alone_ms, alone_cpu_ms, alone_server_ms = _one_desk_alone(url, name)
    cores = os.cpu_count() or 1
    both = run.desk_cpu_ms + run.server_cpu_ms
    note = (f"steady state, {DESKS} × {PER_DESK} submits after one warm-up each; duplicates {run.duplicates}, "
            f"all saved + gap-free + audit verified: {run.ok}; between the two, processor time per submit: desks "
            f"{run.desk_cpu_ms:.1f} ms + server {run.server_cpu_ms:.1f} ms = {both:.1f} ms on {cores} shared cores → "
            f"at most {cores} × 1000 / {both:.1f} = {cores * 1000 / both:.0f}/s here; machine busy "
            f"{run.busy_share:.0%} of the run ({run.machine_cpu_ms:.1f} ms a submit, all processes)"
            f"{'' if run.backends_kept else ' – the desks changed server connections during the run: server share incomplete'}"
            f"; one desk alone {alone_ms:.1f} ms per submit (desk {alone_cpu_ms:.1f} ms + server "
            f"{alone_server_ms:.1f} ms processor time); load average at the start {load:.1f}")
    return [Figure("16 desks on PostgreSQL: intakes per second", run.rate, 200, "raw SQL insert + counter lock",
                   floor, unit="/s", note=note, higher_is_better=True)]
