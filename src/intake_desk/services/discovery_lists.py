"""横向信息名单 – reading a department's list (xlsx or csv) and checking each row.

No database here: :func:`read_list` turns a file into a header row and data rows (csv in UTF-8 with
or without BOM, or GB18030 – the encoding is sniffed; xlsx through openpyxl, first sheet),
:func:`check_rows` validates every row (ID check character, old 15-digit numbers converted, the
name as the intake accepts it, lengths) and finds repeats within the file. Row numbers are the
file's own (the first line or Excel row is 1), so a clerk finds a row where the message says.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from intake_desk.domain.masking import mask_resident_id
from intake_desk.domain.names import InvalidName, validate_name
from intake_desk.domain.resident_id import InvalidResidentId, parse_resident_id
from intake_desk.domain.text import halfwidth, shown
from intake_desk.policy.discovery import HeaderMatch, HeaderProblem, match_headers
from intake_desk.services.errors import ValidationFailed

__all__ = ["MAX_ROWS", "ListFile", "ListRow", "RowProblem", "check_rows", "read_list"]

MAX_ROWS = 500_000
MAX_BYTES = 200 * 1024 * 1024
HEADER_SEARCH_ROWS = 10  # a title line or two (“2024年重度残疾人员名单”) may stand above the headers
LIMITS = {"phone": 40, "address": 200, "category": 200, "note": 400}
LABELS = {"phone": ("联系电话", "phone"), "address": ("住址", "address"), "category": ("类别/原因", "category"),
          "note": ("备注", "note")}


@dataclass(frozen=True)
class ListFile:
    """A list as read: where it came from, its fingerprint, the matched columns and the data rows."""

    file_name: str
    sha256: str
    encoding: str  # "xlsx", "utf-8", "utf-8-sig" or "gb18030"
    header_row: int
    columns: HeaderMatch
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number in the file, cells as text)


@dataclass(frozen=True)
class ListRow:
    """A valid row: the checked 18-character ID and the cleaned fields."""

    row_number: int
    resident_id: str
    name: str
    phone: str
    address: str
    category: str
    note: str


@dataclass(frozen=True)
class RowProblem:
    """An invalid row or a repeat within the file, with its row number and reason."""

    row_number: int
    kind: str  # "invalid" | "duplicate"
    resident_id_masked: str
    name: str
    reason: str


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed(message, {"file": message})


def read_list(path: Path, synonyms: Mapping[str, Iterable[str]], *, file_name: str | None = None) -> ListFile:
    """Read a list file; one clear sentence (ValidationFailed) when it cannot be used."""
    name = file_name or path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _refuse(f"名单文件过大（{size // 1024 // 1024} MB，最多 {MAX_BYTES // 1024 // 1024} MB） / "
                          f"The list file is too large ({size // 1024 // 1024} MB; at most {MAX_BYTES // 1024 // 1024})")
        raw = path.read_bytes()
    except OSError as exc:
        raise _refuse(f"无法读取名单文件 {name}（{exc.strerror}） / Cannot read the list file {name} ({exc.strerror})") \
            from None
    digest = hashlib.sha256(raw).hexdigest()
    suffix = path.suffix.lower() if file_name is None else Path(file_name).suffix.lower()
    if raw[:4] == b"PK\x03\x04" or suffix in (".xlsx", ".xlsm"):
        encoding = "xlsx"
        lines = _xlsx_rows(raw, name)
    elif suffix == ".xls":
        raise _refuse("不支持旧版 .xls 格式，请另存为 .xlsx 或 .csv / Old .xls files are not read; save the list as "
                      ".xlsx or .csv")
    else:
        encoding, text = _decode(raw, name)
        lines = _csv_rows(text)
    return _split(lines, name, digest, encoding, synonyms)


def _decode(raw: bytes, name: str) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", raw[3:].decode("utf-8", errors="strict")
    try:
        return "utf-8", raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return "gb18030", raw.decode("gb18030")
    except UnicodeDecodeError:
        raise _refuse(f"名单 {name} 既不是 UTF-8 也不是 GB18030 编码的文本 / The list {name} is neither UTF-8 nor "
                      f"GB18030 text") from None


Lines = Iterator[tuple[int, list[str]]]
"""(row number in the file, cells as text) – row numbers as the clerk sees them in Excel or an editor."""


def _csv_rows(text: str) -> Lines:
    sample = text[:4096]
    first = sample.splitlines()[0] if sample else ""
    delimiter = max(",\t;，", key=first.count) if first else ","
    if delimiter == "，":  # a full-width comma in a header line means the csv module cannot split it
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for cells in reader:
        yield reader.line_num, cells


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _xlsx_rows(raw: bytes, name: str) -> Lines:
    """The first sheet's rows, read straight from the workbook's XML (streamed).

    openpyxl reads 100,000 rows in tens of seconds; the few cell kinds a department list holds
    (shared and inline strings, numbers, booleans) are read here directly, several times faster.
    """
    import zipfile
    from xml.etree.ElementTree import ParseError, iterparse

    try:
        book = zipfile.ZipFile(io.BytesIO(raw))
        sheet = _first_sheet(book)
        shared = _shared_strings(book)
        handle = book.open(sheet)
    except (zipfile.BadZipFile, KeyError, ParseError, ValueError):
        raise _refuse(f"无法打开 Excel 文件 {name}，文件可能已损坏或不是 .xlsx / Cannot open the Excel file {name}; it "
                      f"may be damaged or not .xlsx") from None
    try:
        with handle:
            cells: dict[int, str] = {}
            for _event, element in iterparse(handle, events=("end",)):
                tag = element.tag
                if tag == _MAIN + "c":
                    column = _column_index(element.get("r", ""), len(cells))
                    cells[column] = _xlsx_value(element, shared)
                elif tag == _MAIN + "row":
                    number = int(element.get("r") or 0)
                    width = max(cells) + 1 if cells else 0
                    yield number, [cells.get(i, "") for i in range(width)]
                    cells = {}
                    element.clear()
    except (ParseError, ValueError, IndexError):
        raise _refuse(f"Excel 文件 {name} 的内容无法读取，文件可能已损坏 / The Excel file {name} cannot be read; it may "
                      f"be damaged") from None


def _first_sheet(book: Any) -> str:
    from xml.etree.ElementTree import fromstring

    workbook = fromstring(book.read("xl/workbook.xml"))
    first = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
    if first is None:
        raise ValueError("no sheet")
    rel_id = first.get(f"{_REL}id")
    rels = fromstring(book.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_PACKAGE_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise ValueError("sheet not found")


def _shared_strings(book: Any) -> list[str]:
    from xml.etree.ElementTree import iterparse

    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    strings: list[str] = []
    with book.open("xl/sharedStrings.xml") as handle:
        for _event, element in iterparse(handle, events=("end",)):
            if element.tag == _MAIN + "si":
                # Rich text keeps its runs in <r><t>; phonetic hints (<rPh>) are not part of the text.
                parts = []
                for child in element:
                    if child.tag == _MAIN + "t":
                        parts.append(child.text or "")
                    elif child.tag == _MAIN + "r":
                        parts.append(child.findtext(_MAIN + "t") or "")
                strings.append("".join(parts))
                element.clear()
    return strings


def _column_index(ref: str, default: int) -> int:
    index = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            index = index * 26 + ord(ch) - 64
        else:
            break
    return index - 1 if index else default


def _xlsx_value(cell: Any, shared: list[str]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(_MAIN + "t"))
    found = cell.findtext(_MAIN + "v")
    if found is None:
        return ""
    value = str(found)
    if kind == "s":
        return shared[int(value)]
    if kind == "b":
        return "TRUE" if value == "1" else "FALSE"
    if kind in ("str", "e"):
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    return _cell_text(int(number) if number.is_integer() and abs(number) < 1e15 else number)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # An ID typed into a number cell keeps only 15 significant digits: the rest is lost.
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"\x00float:{value!r}"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _split(lines: Lines, name: str, digest: str, encoding: str,
           synonyms: Mapping[str, Iterable[str]]) -> ListFile:
    names = {k: tuple(v) for k, v in synonyms.items()}
    first_problem: HeaderProblem | None = None
    match: HeaderMatch | None = None
    header_row = 0
    for number, cells in lines:
        if not any(c.strip() for c in cells):
            if number >= HEADER_SEARCH_ROWS:
                break
            continue
        found = match_headers(cells, names)
        if isinstance(found, HeaderMatch):
            match, header_row = found, number
            break
        first_problem = first_problem or found
        if number >= HEADER_SEARCH_ROWS:
            break
    if match is None:
        if first_problem is None:
            raise _refuse(f"名单 {name} 是空的 / The list {name} is empty")
        raise _refuse(first_problem.message)
    rows: list[tuple[int, tuple[str, ...]]] = []
    for number, cells in lines:
        if not any(c.strip() for c in cells):
            continue
        rows.append((number, tuple(cells)))
        if len(rows) > MAX_ROWS:
            raise _refuse(f"名单超过 {MAX_ROWS:,} 行，请分批导入 / The list has more than {MAX_ROWS:,} rows; import it "
                          f"in parts")
    return ListFile(name, digest, encoding, header_row, match, tuple(rows))


def _field(cells: tuple[str, ...], column: int | None) -> str:
    if column is None or column >= len(cells):
        return ""
    return cells[column]


def _clean(text: str) -> str:
    return " ".join(halfwidth(text).split()) if text else ""


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # categories Cc and Cs


def _has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def check_rows(list_file: ListFile, today: date) -> tuple[list[ListRow], list[RowProblem]]:
    """Valid rows (first occurrence of each ID) and the problems: invalid rows and repeats."""
    columns = list_file.columns
    id_col, name_col = columns.column("resident_id"), columns.column("name")
    optional = {field: columns.column(field) for field in LIMITS}
    valid: list[ListRow] = []
    problems: list[RowProblem] = []
    first_seen: dict[str, int] = {}
    for number, cells in list_file.rows:
        id_text = _field(cells, id_col).strip()
        name_text = _field(cells, name_col)
        if id_text.startswith("\x00float:"):
            problems.append(RowProblem(number, "invalid", "", shown(name_text.strip(), 20),
                                       "身份证号码存成了数字，末几位已丢失；请把该列设为文本后重新导出 / The ID number was "
                                       "stored as a number and lost its last digits; format the column as text and "
                                       "export the list again"))
            continue
        try:
            resident = parse_resident_id(id_text, today=today)
        except InvalidResidentId as exc:
            problems.append(RowProblem(number, "invalid", mask_resident_id(id_text), shown(name_text.strip(), 20),
                                       str(exc)))
            continue
        try:
            name = validate_name(name_text)
        except InvalidName as exc:
            problems.append(RowProblem(number, "invalid", resident.masked, shown(name_text.strip(), 20), str(exc)))
            continue
        values: dict[str, str] = {}
        reason = ""
        for field, column in optional.items():
            value = _clean(_field(cells, column))
            zh, en = LABELS[field]
            if _has_control(value):
                reason = f"{zh}含有控制字符 / The {en} holds control characters"
            elif len(value) > LIMITS[field]:
                reason = f"{zh}过长（{len(value)} 字，最多 {LIMITS[field]} 字） / The {en} is too long " \
                         f"({len(value)} characters; at most {LIMITS[field]})"
            if reason:
                break
            values[field] = value
        if reason:
            problems.append(RowProblem(number, "invalid", resident.masked, name, reason))
            continue
        earlier = first_seen.get(resident.number)
        if earlier is not None:
            problems.append(RowProblem(number, "duplicate", resident.masked, name,
                                       f"与第 {earlier} 行身份证号码相同 / Same ID number as row {earlier}"))
            continue
        first_seen[resident.number] = number
        valid.append(ListRow(number, resident.number, name, values["phone"], values["address"],
                             values["category"], values["note"]))
    return valid, problems
