"""The one lazy table model every long list uses (``ui/models/lazy_table.py``), driven page by page with a
runner that keeps each background call until the test answers it: offsets with and without a count,
keyset cursors, a row that moved between pages, answers for old filters, and Qt's own model checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from intake_desk.ui.models.lazy_table import ROW_ROLE, KeysetTableModel, OffsetTableModel


@dataclass(frozen=True)
class Row:
    id: int
    name: str


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    next_cursor: int | None


class Pending:
    """A runner that holds each call; ``answer()`` runs the oldest and calls back, as the worker would."""

    def __init__(self) -> None:
        self.calls: list[tuple[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]]] = []

    def __call__(self, fn: Callable[[], Any], ok: Callable[[Any], None], fail: Callable[[BaseException], None]) -> None:
        self.calls.append((fn, ok, fail))

    def answer(self) -> None:
        fn, ok, fail = self.calls.pop(0)
        try:
            result = fn()
        except Exception as error:  # noqa: BLE001 - handed to the model as the worker would
            fail(error)
            return
        ok(result)


ROWS = [Row(i, f"row {i}") for i in range(25)]
COLUMNS = (("id", lambda: "编号"), ("name", lambda: "名称"))


class Counted(OffsetTableModel[Row]):
    columns = COLUMNS
    row_key = attrgetter("id")


class Keyset(KeysetTableModel[Row, int]):
    columns = COLUMNS
    row_key = attrgetter("id")


def offset_fetch(rows: list[Row]) -> Callable[[int, int], list[Row]]:
    return lambda offset, limit: rows[offset:offset + limit]


def test_counted_offsets_page_to_the_count_and_follow_rows_that_left(qtbot: QtBot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    rows = list(ROWS)
    runner = Pending()
    model = Counted(offset_fetch(rows), lambda: len(rows), runner, page_size=10)
    totals: list[int] = []
    model.total_changed.connect(totals.append)
    model.reload()
    assert model.loading and not model.canFetchMore()
    runner.answer()
    assert [r.id for r in model.rows] == list(range(10)) and model.total == 25 and model.canFetchMore()
    assert model.data(model.index(3, 1)) == "row 3" and model.data(model.index(3, 0), ROW_ROLE) is rows[3]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "名称"

    # Meanwhile row 3 is re-sorted to the end and rows 20–24 leave the filter: nothing is shown twice, the
    # list ends at a short page and the total follows.
    rows.append(rows.pop(3))
    del rows[19:24]
    model.fetchMore()
    runner.answer()
    ids = [r.id for r in model.rows]
    assert len(ids) == 19 and sorted(ids) == sorted(set(ids)) and ids.count(3) == 1, ids
    assert model.canFetchMore(), "a full page, fewer rows than counted: there may be more"
    model.fetchMore()
    runner.answer()  # nothing new and a short page: the end came sooner than counted
    assert not model.canFetchMore() and not model.loading
    assert model.total == len(model.rows) == 19 and totals == [25, 19]
    qtmodeltester.check(model)


def test_uncounted_offsets_end_at_the_first_short_page(qtbot: QtBot) -> None:
    runner = Pending()
    model = OffsetTableModel(offset_fetch(ROWS[:20]), None, runner, page_size=10)
    model.columns = COLUMNS
    model.reload()
    runner.answer()
    assert len(model.rows) == 10 and model.canFetchMore()
    model.fetchMore()
    runner.answer()
    assert len(model.rows) == 20 and model.canFetchMore(), "a full page: there may be more"
    model.fetchMore()
    runner.answer()
    assert len(model.rows) == 20 and not model.canFetchMore() and model.total == 20


def test_keyset_follows_the_cursor_and_drops_answers_for_old_filters(qtbot: QtBot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    asked: list[int | None] = []

    def fetch(cursor: int | None, limit: int) -> Page:
        asked.append(cursor)
        start = 0 if cursor is None else cursor + 1
        chunk = ROWS[start:start + limit]
        return Page(chunk, chunk[-1].id if start + limit < len(ROWS) else None)

    runner = Pending()
    model = Keyset(fetch, lambda: len(ROWS), runner, page_size=10)
    model.reload()
    runner.answer()
    while model.canFetchMore():
        model.fetchMore()
        runner.answer()
    assert asked == [None, 9, 19] and [r.id for r in model.rows] == list(range(25)) and model.cursor is None

    # New filters while an older answer is still on its way: the older one is dropped.
    model.reload()
    model.set_source(lambda cursor, limit: Page([Row(99, "new")], None), lambda: 1)
    model.reload()
    old, new = runner.calls
    runner.calls = [new, old]
    runner.answer()
    runner.answer()
    assert [r.id for r in model.rows] == [99] and model.total == 1 and not model.loading
    qtmodeltester.check(model)  # at the end: the checker itself asks for more rows where there are any


def test_a_failed_page_is_reported_once_and_the_list_can_be_read_again(qtbot: QtBot) -> None:
    runner = Pending()

    def broken(offset: int, limit: int) -> list[Row]:
        raise OSError("the server went away")

    model = Counted(broken, lambda: 3, runner, page_size=10)
    errors: list[BaseException] = []
    model.failed.connect(errors.append)
    model.reload()
    runner.answer()
    assert [str(e) for e in errors] == ["the server went away"] and not model.loading
    model.set_source(offset_fetch(ROWS[:3]), lambda: 3)
    model.reload()
    runner.answer()
    assert len(model.rows) == 3 and not model.canFetchMore()
