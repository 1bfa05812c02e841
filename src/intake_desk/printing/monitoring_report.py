"""监测预警季度报表 – 一季度一上报 (seed 004): per hall, households per library, visits done and due,
moves between libraries, entries and exits, leads found and turned into intakes.

Takes the plain figures of ``services.monitoring.QuarterlyReport`` (no database here) and lays them
out on one A4 page per 30 halls, in the documents' CJK font.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from intake_desk.printing.fonts import FontChoice
from intake_desk.printing.layout import CONTENT_WIDTH, Typesetter, build_pdf, grid_table, title_block
from intake_desk.printing.model import DocumentCommon, HallInfo, Wording

__all__ = ["COLUMNS", "render_quarterly_report"]

COLUMNS: tuple[tuple[str, str], ...] = (
    ("hall_name", "大厅"), ("class1", "一类库"), ("class2", "二类库"), ("visits_done", "已走访"),
    ("visits_due", "应走访"), ("visits_overdue", "逾期"), ("moves", "调库"), ("entered", "入库"),
    ("left", "出库"), ("leads_found", "新线索"), ("leads_to_intake", "转申请"),
)


class HallFigures(Protocol):
    @property
    def hall_code(self) -> str: ...

    @property
    def hall_name(self) -> str: ...


class ReportData(Protocol):
    @property
    def year(self) -> int: ...

    @property
    def quarter(self) -> int: ...

    @property
    def made_at(self) -> datetime: ...

    @property
    def halls(self) -> tuple[HallFigures, ...]: ...

    @property
    def total(self) -> HallFigures: ...

    @property
    def start(self) -> object: ...

    @property
    def end(self) -> object: ...


def _table(ts: Typesetter, report: ReportData) -> Flowable:
    rows: list[list[object]] = [[ts.dense(title, center=True) for _key, title in COLUMNS]]
    for hall in (*report.halls, report.total):
        rows.append([ts.dense(str(getattr(hall, key)), center=key != "hall_name") for key, _title in COLUMNS])
    first = 36 * mm
    rest = (CONTENT_WIDTH - first) / (len(COLUMNS) - 1)
    return grid_table(ts, rows, [first] + [rest] * (len(COLUMNS) - 1), header_rows=1)


def render_quarterly_report(report: ReportData, font: FontChoice | None = None, *, printed_by: str = "") -> bytes:
    """The quarterly report as PDF bytes (deterministic for the same figures)."""
    ts = Typesetter(font)
    title = f"{report.year} 年第 {report.quarter} 季度困难群众监测预警情况报表"
    story: list[Flowable] = [
        *title_block(ts, title, f"统计期间：{report.start} 至 {report.end}（库内户数为期末或今日数）"),
        Spacer(1, 4 * mm),
        _table(ts, report),
        Spacer(1, 4 * mm),
        ts.para("栏目：已走访 = 本季度内入户走访次数；应走访 = 下次走访日期在季末之前的在库户数；逾期 = 下次走访日期已过；"
                "调库 = 一类库与二类库之间的调整；新线索 = 本季度导入名单新增的线索；转申请 = 走访后引导申请的户数。"),
        ts.para("说明：一类库为人均收入低于一类库线（或初步符合条件）的家庭，二类库为高于该线但有致困风险的家庭；"
                "按一季度一访问、一季度一上报的要求，走访逾期指下次走访日期已过仍未走访。"),
    ]
    hall = HallInfo(name=report.halls[0].hall_name if len(report.halls) == 1 else "全县（市、区）",
                    code=report.halls[0].hall_code if len(report.halls) == 1 else "", phone="", address="",
                    complaint_channel="")
    common = DocumentCommon(document_number=f"JC-{report.year}Q{report.quarter}", printed_at=report.made_at,
                            clerk_name=printed_by, hall=hall,
                            wording=Wording(template_version="monitoring-report", commitment_text=(),
                                            verification_authorisation="", notice_where_to_bring=""))
    return build_pdf(ts, common, title=title, subject="监测预警季度报表", story=story)
