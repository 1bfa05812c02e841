"""Reading a printed PDF back the way a reader sees it: lines of characters inside the cells of tables.

The tests of every document use this to check the usual Chinese line-breaking rules (禁则: no line
starts with a closing mark, none ends with an opening one) and that no character crosses a cell border.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pdfplumber

CANNOT_START = set("，。；：、？！）》」』】〕〉”’…—·,.;:!?)]}%")
CANNOT_END = set("（《「『【〔〈“‘([{")
TOLERANCE = 0.6  # points: a glyph's advance box may touch a border, not cross it


@dataclass
class Line:
    page: int
    top: float
    x0: float
    x1: float
    text: str
    cell: tuple[float, float, float, float] | None  # x0, top, x1, bottom of the bordered cell it is in


@dataclass
class Printed:
    lines: list[Line] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # characters crossing a border or beside a table

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def break_problems(self) -> list[str]:
        """Lines breaking the rules, named by the two lines around the break."""
        problems = []
        by_cell: dict[object, list[Line]] = {}
        for line in self.lines:
            by_cell.setdefault((line.page, line.cell), []).append(line)
        for group in by_cell.values():
            for before, after in zip(group, group[1:], strict=False):
                if after.text[:1] in CANNOT_START:
                    problems.append(f"line starts with {after.text[:1]!r}: {before.text!r} / {after.text!r}")
                if before.text[-1:] in CANNOT_END:
                    problems.append(f"line ends with {before.text[-1:]!r}: {before.text!r} / {after.text!r}")
        return problems


def _cells(page: pdfplumber.page.Page) -> tuple[list[tuple[float, float, float, float]],
                                                 list[tuple[float, float, float, float]]]:
    # Ruled lines only: a QR code's modules are rectangles and would read as a table of tiny cells.
    vertical = [line for line in page.lines if abs(line["x0"] - line["x1"]) < 0.5]
    horizontal = [line for line in page.lines if abs(line["top"] - line["bottom"]) < 0.5]
    if not vertical or not horizontal:
        return [], []
    tables = page.find_tables({"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                               "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal,
                               "snap_tolerance": 1, "intersection_tolerance": 2})
    cells = [c for t in tables for c in t.cells if c is not None]
    return cells, [t.bbox for t in tables]


def read(pdf: bytes) -> Printed:
    printed = Printed()
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            cells, boxes = _cells(page)
            groups: dict[object, list[dict[str, object]]] = {}
            for char in page.chars:
                if not str(char["text"]).strip():
                    continue
                x0, x1 = float(char["x0"]), float(char["x1"])
                top, bottom = float(char["top"]), float(char["bottom"])
                cx, cy = (x0 + x1) / 2, (top + bottom) / 2
                home = next((c for c in cells if c[0] <= cx <= c[2] and c[1] <= cy <= c[3]), None)
                if home is None:
                    if any(b[1] <= cy <= b[3] for b in boxes):
                        printed.outside.append(f"page {number}: {char['text']!r} at x {x0:.1f}–{x1:.1f} "
                                               f"beside a table")
                elif x0 < home[0] - TOLERANCE or x1 > home[2] + TOLERANCE or top < home[1] - 2 \
                        or bottom > home[3] + 2:
                    printed.outside.append(f"page {number}: {char['text']!r} at x {x0:.1f}–{x1:.1f} crosses "
                                           f"the cell {home[0]:.1f}–{home[2]:.1f}")
                groups.setdefault(home, []).append(char)
            for home, chars in groups.items():
                rows: list[list[dict[str, object]]] = []
                for char in sorted(chars, key=lambda c: (float(c["top"]), float(c["x0"]))):  # type: ignore[arg-type]
                    if rows and abs(float(rows[-1][0]["bottom"]) - float(char["bottom"])) < 2.5:  # type: ignore[arg-type]
                        rows[-1].append(char)
                    else:
                        rows.append([char])
                for row in rows:
                    row.sort(key=lambda c: float(c["x0"]))  # type: ignore[arg-type]
                    printed.lines.append(Line(number, float(row[0]["top"]), float(row[0]["x0"]),  # type: ignore[arg-type]
                                              float(row[-1]["x1"]), "".join(str(c["text"]) for c in row),  # type: ignore[arg-type]
                                              home))  # type: ignore[arg-type]
    return printed
