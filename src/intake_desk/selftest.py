"""``intake-desk selftest`` – a headless check of an installation: database, fonts, PDF, keyring."""

from __future__ import annotations

import sys
from collections.abc import Callable


def _check(name: str, fn: Callable[[], str]) -> tuple[bool, str]:
    try:
        return True, fn()
    except Exception as exc:  # noqa: BLE001 - every failure is reported as a line
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        return False, message.splitlines()[0]


def run_selftest(database: str | None) -> int:
    results: list[tuple[str, bool, str]] = []

    def database_check() -> str:
        from intake_desk.app import open_services
        from intake_desk.store.migrate import current_revision, head_revision

        services = open_services(database)
        try:
            revision = current_revision(services.db)
            if revision != head_revision():
                raise RuntimeError(f"数据库版本 {revision} 不是最新 / schema {revision} is not current")
            return f"{services.db.description} @ {revision}"
        finally:
            services.close()

    def font_check() -> str:
        from intake_desk.printing.fonts import find_cjk_font

        choice = find_cjk_font()
        if choice.warning:
            raise RuntimeError(choice.warning)
        return f"{choice.name} ({choice.path})"

    def pdf_check() -> str:
        from intake_desk.printing import documents, samples

        pdf = documents.render_receipt(samples.sample_receipt())
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
        ok, detail = _check(name, fn)
        results.append((name, ok, detail))
        print(f"[{'OK' if ok else '!!'}] {name}: {detail}")
    failed = [name for name, ok, _ in results if not ok and not name.startswith("密钥环")]
    if failed:
        print(f"{len(failed)} 项检查未通过 / {len(failed)} check(s) failed", file=sys.stderr)
        return 1
    return 0
