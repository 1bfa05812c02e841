"""Bounds on what a file or a command line may hand the program: dates and nesting.

A date before 1900 or after 2100 is a typing mistake (9999-12-31 overflowed the working-day
calendar); a document nested deeper than 100 levels is not a household or a policy pack (Python's
parsers recurse and fail with ``RecursionError`` somewhere near 1,000).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

__all__ = ["EARLIEST", "LATEST", "MAX_NESTING", "date_in_range", "nesting_depth"]

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
MAX_NESTING = 100


def date_in_range(day: date) -> bool:
    return EARLIEST <= day <= LATEST


def nesting_depth(value: Any, *, stop_at: int = MAX_NESTING + 1) -> int:
    """How deeply lists and mappings nest in ``value`` (a scalar is 0), counted without recursion and
    given up once ``stop_at`` is reached."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        if deepest >= stop_at:
            return deepest
        stack.extend((child, depth) for child in children)
    return deepest
