"""Run the benchmarks: ``python -m tests.benchmarks.run [name-filter ...]``.

Prints every figure with its budget (shared/DESIGN.md) and the floor measured in the same run.
Exit status 1 when a figure is over its budget.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import tests.benchmarks as package
from tests.benchmarks.harness import Figure


def main(argv: list[str]) -> int:
    wanted = argv[1:]
    over: list[Figure] = []
    failed: list[str] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        module = importlib.import_module(f"tests.benchmarks.{info.name}")
        for name in sorted(dir(module)):
            if not name.startswith("bench_") or (wanted and not any(w in f"{info.name}.{name}" for w in wanted)):
                continue
            started = time.perf_counter()
            print(f"== {info.name}.{name}", flush=True)
            try:
                figures: list[Figure] = getattr(module, name)()
            except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
                print(f"  FAILED: {type(exc).__name__}: {exc}", flush=True)
                failed.append(f"{info.name}.{name}")
                continue
            for figure in figures:
                print("  " + figure.line(), flush=True)
                if figure.within_budget is False:
                    over.append(figure)
            print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    if failed:
        print(f"{len(failed)} benchmark(s) failed to run: " + ", ".join(failed))
    if over:
        print(f"{len(over)} figure(s) outside budget: " + ", ".join(f.name for f in over))
        return 1
    if failed:
        return 1
    print("all figures within budget")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
