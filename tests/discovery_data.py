"""Department lists for the discovery tests: csv (UTF-8, GB18030) and xlsx files written on disk."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from intake_desk.domain.resident_id import make_resident_id

HEADERS = ("序号", "姓名", "身份证号码", "联系电话", "家庭住址", "困难类型", "备注")


def lead_id(n: int, region: str = "430211") -> str:
    """A valid resident ID distinct for every ``n`` (up to 998 × 300)."""
    return make_resident_id(region, date(1960, 1, 1).fromordinal(date(1960, 1, 1).toordinal() + n // 998),
                            n % 998 + 1)


def person_rows(count: int, start: int = 0) -> list[tuple[str, ...]]:
    names = "王李张刘陈杨赵黄周吴"
    given = "伟芳娜敏静丽强磊军洋"
    return [(str(i + 1), names[i % 10] + given[(i // 10) % 10], lead_id(start + i), f"1380000{i % 10000:04d}",
             f"荷塘区月塘街道{i % 50 + 1}栋", "重度残疾", "") for i in range(count)]


def write_csv(path: Path, rows: Sequence[Sequence[str]], *, encoding: str = "utf-8",
              headers: Sequence[str] = HEADERS, title: str | None = None) -> Path:
    lines = []
    if title:
        lines.append(title)
    lines.append(",".join(headers))
    lines.extend(",".join(r) for r in rows)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], *, headers: Sequence[str] = HEADERS,
               title: str | None = None) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("名单")
    if title:
        sheet.append([title])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path
