"""Benchmark helpers: medians measured beside a floor taken in the same run.

A benchmark module ``bench_*.py`` defines functions ``bench_*() -> list[Figure]``; ``run.py`` finds
and runs them and prints one line per figure. Machines here are noisy, so every figure is printed
beside a floor (the same work done the plainest way) measured in the same run.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    median_ms: float
    budget_ms: float | None = None
    floor_name: str = ""
    floor_ms: float | None = None
    unit: str = "ms"
    note: str = ""
    higher_is_better: bool = False  # for rates (per second), where the budget is a minimum

    @property
    def within_budget(self) -> bool | None:
        if self.budget_ms is None:
            return None
        if self.higher_is_better:
            return self.median_ms >= self.budget_ms
        return self.median_ms <= self.budget_ms

    def line(self) -> str:
        parts = [f"{self.name:<58} {self.median_ms:10.3f} {self.unit}"]
        if self.budget_ms is not None:
            bound = "≥" if self.higher_is_better else "≤"
            verdict = "OK" if self.within_budget else ("SHORT" if self.higher_is_better else "OVER")
            parts.append(f"budget {bound} {self.budget_ms:g} {self.unit} [{verdict}]")
        if self.floor_ms is not None:
            ratio = self.median_ms / self.floor_ms if self.floor_ms else float("inf")
            parts.append(f"floor ({self.floor_name}) {self.floor_ms:.3f} {self.unit} ×{ratio:.2f}")
        if self.note:
            parts.append(self.note)
        return " | ".join(parts)


def median_ms(fn: Callable[[], object], repeat: int = 21, warmup: int = 2) -> float:
    """Median wall time of ``fn()`` in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(samples)


PG_URL = os.environ.get("INTAKE_DESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def pg_bench_database(name: str, *, keep: bool = False) -> Iterator[str]:
    """A PostgreSQL database of the benchmark's own on the test server (dropped afterwards unless ``keep``)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        if not keep:
            with admin.connect() as connection:
                connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                        "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
