"""Command-line parts of the procedure (审核确认程序): the documents of ``intake-desk print`` that belong
to it (refusal, extension, progress, publicity) and ``intake-desk report timeliness``.

Kept apart from ``cli.py`` so the procedure's commands grow without touching the others; ``cli.py``
hands the procedure's print kinds over and lists ``timeliness`` among its reports.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intake_desk.policy.procedure import TimelinessFigures
    from intake_desk.services.actor import Actor
    from intake_desk.services.context import Services
    from intake_desk.services.procedure_report import TimelinessReport

PROCEDURE_PRINT_KINDS = ("refusal", "extension", "progress", "publicity")


def _write_private(path: Path, pdf: bytes) -> None:
    """Write ``pdf`` owner-only from its first byte, replacing ``path`` only once it is complete."""
    from intake_desk.cli import CommandError
    from intake_desk.files import create_private

    if not path.parent.is_dir():
        raise CommandError(f"目录不存在：{path.parent} / The folder does not exist: {path.parent}")
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        handle = create_private(part)
    except OSError as exc:
        raise CommandError(f"无法写入 {path}（{exc.strerror}） / Cannot write {path} ({exc.strerror})") from None
    try:
        with handle:
            handle.write(pdf)
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def print_procedure_document(args: argparse.Namespace, services: Services, actor: Actor) -> int:
    """``print refusal|extension|progress NUMBER -o FILE`` and ``print publicity --hall --from --to -o FILE``."""
    from intake_desk.cli import EXIT_OK, CommandError, _parse_day
    from intake_desk.services.printing import PrintOutput

    output = Path(args.output)
    if args.kind == "publicity":
        date_from = _parse_day(getattr(args, "date_from", None), "--from")
        date_to = _parse_day(getattr(args, "date_to", None), "--to")
        hall = getattr(args, "hall", None) or actor.hall_code
        if date_from is None or date_to is None or not hall:
            raise CommandError("公示名单须给出 --hall CODE --from YYYY-MM-DD --to YYYY-MM-DD / "
                               "The publicity list needs --hall CODE --from YYYY-MM-DD --to YYYY-MM-DD")
        document = services.procedure_documents.publicity(actor, hall, date_from, date_to)
        _write_private(output, document.pdf)
        print(f"公示名单 {document.document_number}，{document.entries} 户 → {output} "
              f"(sha256 {document.sha256[:16]}…) / publicity list with {document.entries} entries written")
        return EXIT_OK
    if not args.number:
        raise CommandError(f"请给出受理编号 / Give the application number: intake-desk print {args.kind} NUMBER")
    rendered = services.procedure_documents.render(actor, args.number, args.kind, output=PrintOutput.FILE,
                                                   via="command line")
    _write_private(output, rendered.pdf)
    mark = f"，{rendered.reprint_mark}" if rendered.reprint_mark else ""
    print(f"{rendered.title} {rendered.document_number} 第 {rendered.copy_no} 份{mark} → {output} "
          f"(sha256 {rendered.sha256[:16]}…) / {rendered.kind.en} copy {rendered.copy_no} written")
    return EXIT_OK


# -- report timeliness ---------------------------------------------------------------------------------

def _line(label: str, f: TimelinessFigures) -> str:
    mean = "—" if f.mean_working_days is None else f"{f.mean_working_days:.1f}"
    p90 = "—" if f.p90_working_days is None else str(f.p90_working_days)
    share = "—" if f.on_time_share is None else f"{f.on_time_share:.0%}"
    return f"{label:<22}{f.decided:>6}{mean:>8}{p90:>6}{share:>8}{f.open:>6}{f.overdue:>6}"


def format_report(report: TimelinessReport) -> str:
    from intake_desk.domain.enums import AssistanceType

    head = f"{'':<22}{'已办结':>5}{'平均':>6}{'P90':>6}{'按时率':>5}{'在办':>4}{'逾期':>4}"
    labels = {"fast_track": "告知承诺 fast_track", "normal": "常规 normal"}
    period = f"{report.date_from or '…'} – {report.date_to or '…'}"
    lines = [f"办理时效（受理至决定，工作日） / Timeliness, working days from receipt to decision: {period}"
             + (f"，大厅 {report.hall_code}" if report.hall_code else ""),
             head, *(_line(labels[k], v) for k, v in report.tracks.items())]
    for code, tracks in report.by_type.items():
        lines.append(f"— {AssistanceType(code).zh} / {AssistanceType(code).en}")
        lines += [_line("  " + labels[k], v) for k, v in tracks.items() if v.decided or v.open]
    for hall, tracks in report.by_hall.items():
        lines.append(f"— 大厅 / hall {hall}")
        lines += [_line("  " + labels[k], v) for k, v in tracks.items() if v.decided or v.open]
    return "\n".join(lines)


def report_timeliness(services: Services, actor: Actor, args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    """``report timeliness [--from D --to D] [--hall CODE]``: the JSON object and the terminal lines."""
    from intake_desk.cli import _parse_day

    report = services.procedure_report.timeliness(
        actor, date_from=_parse_day(args.date_from, "--from"), date_to=_parse_day(args.date_to, "--to"),
        hall_code=getattr(args, "hall", None))
    return report.as_json(), format_report(report)
