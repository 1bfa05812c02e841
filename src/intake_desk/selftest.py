"""``intake-desk selftest`` – a headless check of an installation: database, fonts, PDF, keyring."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from intake_desk.printing.fonts import FontChoice


class Warned(Exception):
    """A check that passed, with something the administrator should know (e.g. the fallback font)."""


def _check(name: str, fn: Callable[[], str]) -> tuple[str, str]:
    """(``OK`` | ``WARN`` | ``!!``, one line)."""
    try:
        return "OK", fn()
    except Warned as warning:
        return "WARN", str(warning).splitlines()[0]
    except Exception as exc:  # noqa: BLE001 - every failure is reported as a line
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        return "!!", message.splitlines()[0]


def run_selftest(database: str | None) -> int:
    results: list[tuple[str, str, str]] = []

    def database_check() -> str:
        from intake_desk.app import open_services
        from intake_desk.store.migrate import current_revision, head_revision

        services = open_services(database)
        try:
            revision = current_revision(services.db)
            if revision != head_revision():
                raise RuntimeError(f"数据库版本 {revision} 不是最新 / schema {revision} is not current")
            from intake_desk.store.roles import owner_warning

            warning = owner_warning(services.db)
            if warning:  # it works, but a desk should not run with this much power
                raise Warned(f"{services.db.description} @ {revision}：{warning}")
            return f"{services.db.description} @ {revision}"
        finally:
            services.close()

    @cache
    def font_choice() -> FontChoice:
        """The font the documents use: the file named in Settings (``font_file``) first."""
        from intake_desk.printing.fonts import find_cjk_font

        try:
            from intake_desk.app import open_services

            services = open_services(database)
        except Exception:  # noqa: BLE001 - the database check reports it; the font is found without it
            return find_cjk_font()
        try:
            return services.printing.font()
        finally:
            services.close()

    def font_check() -> str:
        choice = font_choice()
        if choice.warning:  # documents still print (STSong-Light at worst), so a warning, not a failure
            raise Warned(f"{choice.describe()}：{choice.warning}")
        return choice.describe()

    def pdf_check() -> str:
        from intake_desk.printing import documents, samples

        pdf = documents.render_receipt(samples.sample_receipt(), font_choice())
        if not pdf.startswith(b"%PDF"):
            raise RuntimeError("生成的文件不是 PDF / the output is not a PDF")
        return f"受理回执 {len(pdf):,} bytes"

    def keyring_check() -> str:
        import keyring

        from intake_desk.store.secrets import keyring_available

        if not keyring_available():
            raise RuntimeError("没有系统密钥环：PostgreSQL 密码将在启动时询问 / no keyring: the PostgreSQL "
                               "password will be asked for at start")
        return type(keyring.get_keyring()).__name__

    for name, fn in [("数据库 database", database_check), ("字体 font", font_check),
                     ("PDF", pdf_check), ("密钥环 keyring", keyring_check)]:
        status, detail = _check(name, fn)
        results.append((name, status, detail))
        print(f"[{status}] {name}: {detail}")
    failed = [name for name, status, _ in results if status == "!!" and not name.startswith("密钥环")]
    if failed:
        print(f"{len(failed)} 项检查未通过 / {len(failed)} check(s) failed", file=sys.stderr)
        return 1
    return 0
