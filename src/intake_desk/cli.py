"""``intake-desk`` – the command line. Opening the window is the default sub-command.

Every sub-command takes ``--database URL``. Errors are one clear line (Chinese and English) and a
non-zero exit status, never a traceback; details go to the log file.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from intake_desk import __version__, logs
from intake_desk.files import restrict_umask

if TYPE_CHECKING:
    from pathlib import Path

    from intake_desk.services.actor import Actor
    from intake_desk.services.context import Services
    from intake_desk.services.export import ExportFormat, ExportResult
    from intake_desk.services.permissions import Permission

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A refusal of the command line: one sentence, printed as it is."""


Handler = Callable[[argparse.Namespace], int]
_COMMANDS: list[tuple[str, str, Callable[[argparse.ArgumentParser], None], Handler]] = []


def command(name: str, help_text: str) -> Callable[[Callable[[argparse.ArgumentParser], None]],
                                                    Callable[[Handler], Handler]]:
    """Register a sub-command: ``@command(name, help)(configure)(handler)``."""

    def with_configure(configure: Callable[[argparse.ArgumentParser], None]) -> Callable[[Handler], Handler]:
        def with_handler(handler: Handler) -> Handler:
            _COMMANDS.append((name, help_text, configure, handler))
            return handler

        return with_handler

    return with_configure


# -- helpers -----------------------------------------------------------------------------------------

def _terminal_prompt(reason: str) -> str | None:
    if not sys.stdin.isatty():
        return None
    print(reason, file=sys.stderr)
    return getpass.getpass("数据库密码 / Database password: ")


def open_services(args: argparse.Namespace, *, migrate: bool = True, check_integrity: bool = True) -> Services:
    from intake_desk.app import open_services as _open

    return _open(args.database, prompt=_terminal_prompt, migrate=migrate, check_integrity=check_integrity)


def read_new_password(prompt_text: str = "密码 / Password: ") -> str:
    """Ask twice on a terminal; read two lines from standard input otherwise."""
    if sys.stdin.isatty():
        first = getpass.getpass(prompt_text)
        second = getpass.getpass("再次输入 / Again: ")
    else:
        first = sys.stdin.readline().rstrip("\n")
        second = sys.stdin.readline().rstrip("\n")
    if first != second:
        raise CommandError("两次输入的密码不一致 / The two passwords differ")
    return first


DEPARTMENT_HELP = ("部门代码（不分大小写）或中文名称，如 education、EDUCATION、教育局；写错时列出全部部门 / "
                   "department code in any case or its Chinese name, e.g. education, EDUCATION, 教育局; a wrong "
                   "one is refused naming them all")


def _department_code(services: Services, text: str) -> str:
    """``EDUCATION`` or ``教育局`` → ``education``; anything else refused naming the departments."""
    return services.organisation.department_code(text)


USER_ENV = "INTAKE_DESK_USER"


def add_sign_in(parser: argparse.ArgumentParser, what: str = "") -> None:
    """The ``--user NAME`` option of a command that signs in (see :func:`signed_in`)."""
    parser.add_argument("--user", metavar="USERNAME", default=None,
                        help=f"以此用户登录（在终端输入密码，非终端时从标准输入读一行；写入审计；默认环境变量 "
                             f"{USER_ENV}）{what} / sign in as this user (password typed at a terminal or read as "
                             f"one line from standard input; audited; default ${USER_ENV})")


def read_password(username: str) -> str:
    """The signing-in password: asked on a terminal, else the next line of standard input."""
    if sys.stdin.isatty():
        return getpass.getpass(f"{username} 的密码 / Password of {username}: ")
    return sys.stdin.readline().rstrip("\n")


def signed_in(args: argparse.Namespace, services: Services, permission: Permission | None = None) -> Actor:
    """Sign in as ``--user`` (or ``$INTAKE_DESK_USER``) for a command that changes data or reads personal data.

    The password is read before anything else (a command that also asks for a new password reads it
    after this one). Failures count towards the account's lockout and are audited like a sign-in at
    the window; an account that must change its password (new or reset) is refused until
    ``intake-desk user password`` has changed it. ``permission``, when given, is checked at once so
    nothing more is asked of someone who may not run the command. Raises :class:`CommandError` or
    a service error (one sentence each).
    """
    import os

    from intake_desk.services.permissions import require

    username = (getattr(args, "user", None) or os.environ.get(USER_ENV, "")).strip()
    if not username:
        raise CommandError(f"此命令须登录：请用 --user 指定用户（或设置 {USER_ENV}） / "
                           f"This command signs in: name the user with --user (or {USER_ENV})")
    actor = services.accounts.authenticate(username, read_password(username))
    if services.accounts.must_change_password(actor):
        raise CommandError(f"{username} 须先修改初始密码：intake-desk user password --user {username} / "
                           f"{username} must change the password first: intake-desk user password --user {username}")
    if permission is not None:
        require(actor, permission)
    return actor


def _add_database(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS,
                        help="数据库地址 / database URL or SQLite file (default: the per-user SQLite file, "
                             "or INTAKE_DESK_DATABASE_URL)")


# -- window ------------------------------------------------------------------------------------------

def _configure_gui(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--language", choices=["zh_CN", "en"], help="界面语言 / interface language")


def _configure_gui_user(parser: argparse.ArgumentParser) -> None:
    _configure_gui(parser)
    parser.add_argument("--user", metavar="USERNAME", default=None,
                        help="以此用户登录，不显示登录窗口：主窗口立即打开，数据库在其后打开（在终端输入密码，非终端时从标准输入读一行）"
                             " / sign in as this user without the sign-in window: the main window opens at once and "
                             "the database behind it (password typed at a terminal or read as one line from standard "
                             "input)")


@command("gui", "打开受理窗口（默认） / open the window (default)")(_configure_gui_user)
def cmd_gui(args: argparse.Namespace) -> int:
    from intake_desk.app import report_start_failure, run_window
    from intake_desk.store.errors import DatabaseError

    username = (getattr(args, "user", None) or "").strip()
    user = (username, read_password(username)) if username else None
    try:
        # The sign-in window (or, for a named user, the main window's frame) shows at once; the database is
        # opened (checked, upgraded) behind it.
        return run_window(lambda: open_services(args), language=args.language, user=user)
    except DatabaseError as exc:  # e.g. a damaged file: the clerk started the window, so say it there too
        if not getattr(exc, "shown_in_window", False):
            report_start_failure(str(exc))
        raise


def _configure_demo(parser: argparse.ArgumentParser) -> None:
    _configure_gui(parser)
    parser.add_argument("--households", type=int, default=40, help="示例家庭数 / sample households")


@command("demo", "在新的演示数据库上打开窗口 / open the window on a fresh demo database")(_configure_demo)
def cmd_demo(args: argparse.Namespace) -> int:
    from intake_desk.app import fresh_demo_services, run_window

    print("正在生成演示数据库 / Building the demo database …", file=sys.stderr)
    services, logins = fresh_demo_services(args.households)
    return run_window(services, demo_logins=logins, language=args.language)


# -- set-up and users --------------------------------------------------------------------------------

def _configure_setup(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--hall-code", required=True, help="大厅代码 / hall code, e.g. HT01")
    parser.add_argument("--hall-name", required=True, help="大厅名称 / hall name")
    parser.add_argument("--hall-phone", default="", help="大厅电话 / hall phone")
    parser.add_argument("--admin", required=True, metavar="USERNAME", help="首个管理员用户名 / first admin")
    parser.add_argument("--admin-name", default="系统管理员", help="管理员姓名 / admin's name")
    parser.add_argument("--county", action="store_true",
                        help="首个管理员为县级（不属于任何大厅，可添加大厅） / the first administrator is the county's "
                             "(no hall; may add halls)")
    add_sign_in(parser, "：已有大厅的数据库上添加大厅时须以管理员登录 / adding a hall to a database that has one")


@command("setup", "首次设置：大厅与首个管理员。管理员密码在终端输入两次；非终端时从标准输入读两行 / "
                  "first-run set-up: hall and first administrator. The admin password is typed twice at a "
                  "terminal, or read as two lines from standard input")(_configure_setup)
def cmd_setup(args: argparse.Namespace) -> int:
    """An empty database is set up without signing in; a database that has a hall only by a signed-in
    administrator, and then ``setup`` adds another hall with its own first administrator."""
    from intake_desk.services.permissions import Permission

    services = open_services(args)
    try:
        if services.accounts.is_empty():
            password = read_new_password("管理员密码 / Admin password: ")
            actor = services.accounts.first_run_setup(args.hall_code, args.hall_name, args.admin, args.admin_name,
                                                      password, hall_phone=args.hall_phone, county=args.county)
            services.organisation.sync_departments_from_pack()
            print(f"已创建大厅 {args.hall_code.upper()} 和管理员 {actor.username} / Created hall "
                  f"{args.hall_code.upper()} and administrator {actor.username}")
            return EXIT_OK
        if not getattr(args, "user", None) and not _env_user():
            raise CommandError("已完成初始设置；在已有大厅的数据库上添加大厅须以管理员登录（--user） / "
                               "Set-up has already been done; to add a hall, sign in as an administrator (--user)")
        admin = signed_in(args, services, Permission.USERS_MANAGE)
        password = read_new_password(f"{args.admin} 的初始密码 / Initial password of {args.admin}: ")
        info = services.accounts.add_hall(admin, args.hall_code, args.hall_name, args.admin, args.admin_name,
                                          password, hall_phone=args.hall_phone)
        print(f"已添加大厅 {info.hall_code} 和管理员 {info.username}（首次登录须改密码） / Added hall {info.hall_code} "
              f"and administrator {info.username} (must change the password at first sign-in)")
        return EXIT_OK
    finally:
        services.close()


def _env_user() -> str:
    import os

    return os.environ.get(USER_ENV, "").strip()


USER_COMMANDS = "add|password|disable|enable|reset-password|list"


def _configure_user(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="user_command", required=True, metavar=USER_COMMANDS)
    text = ("添加用户：管理员先登录（其密码在前），再输入新用户的密码两次；非终端时从标准输入读三行（管理员密码、新密码两次） / "
            "add a user: an administrator signs in (that password first), then the new user's password twice; "
            "without a terminal, three lines from standard input (the administrator's password, then the new "
            "one on two lines from standard input)")
    add = sub.add_parser("add", help=text, description=text)
    add.add_argument("name", metavar="NAME", help="用户名 / user name")
    add.add_argument("--role", required=True, choices=["clerk", "supervisor", "department", "admin"])
    add.add_argument("--hall", metavar="CODE")
    add.add_argument("--department", metavar="CODE", help=DEPARTMENT_HELP)
    add.add_argument("--display-name", help="姓名 / the person's name (default: NAME)")
    add.add_argument("--county", action="store_true",
                     help="县级账户（不属于任何大厅，可见全县） / a county account (no hall; sees every hall)")
    password = sub.add_parser("password", help="修改自己的密码（原密码，再两次新密码） / change your own password "
                                               "(current password, then the new one twice)")
    for name, text in [("disable", "停用账户 / disable an account"), ("enable", "启用账户 / enable an account"),
                       ("reset-password", "重置密码（下次登录须修改） / reset a password (to be changed at the next "
                                          "sign-in)")]:
        child = sub.add_parser(name, help=text)
        child.add_argument("name", metavar="NAME", help="用户名 / user name")
        _add_database(child)
        add_sign_in(child)
    listing = sub.add_parser("list", help="列出账户 / list the accounts")
    for child in (add, password, listing):
        _add_database(child)
        add_sign_in(child)


@command("user", "用户管理（须以管理员登录） / accounts (an administrator signs in)")(_configure_user)
def cmd_user(args: argparse.Namespace) -> int:
    from intake_desk.domain.enums import Role
    from intake_desk.services.permissions import Permission

    services = open_services(args)
    try:
        if services.accounts.needs_setup():
            raise CommandError(
                "数据库尚未完成初始设置，请先运行：intake-desk setup --hall-code 代码 --hall-name 名称 --admin 用户名 / "
                "The database has no hall or administrator yet: run intake-desk setup first"
            )
        if args.user_command == "password":
            username = (args.user or _env_user())
            if not username:
                raise CommandError("请用 --user 指定要改密码的用户 / Name the user with --user")
            current = read_password(username)
            actor = services.accounts.authenticate(username, current)
            new = read_new_password("新密码 / New password: ")
            services.accounts.change_own_password(actor, current, new)
            print(f"已修改 {actor.username} 的密码 / The password of {actor.username} was changed")
            return EXIT_OK
        admin = signed_in(args, services, Permission.USERS_MANAGE)
        if args.user_command == "add":
            password = read_new_password("新用户的初始密码 / The new user's initial password: ")
            info = services.accounts.add_user(admin, args.name, args.display_name or args.name, Role(args.role),
                                              password, hall_code=args.hall, department_code=args.department,
                                              county=args.county)
            print(f"已添加用户 {info.username}（{info.role.zh}，首次登录须改密码） / Added user {info.username} "
                  f"({info.role.en}; must change the password at first sign-in)")
        elif args.user_command in ("disable", "enable"):
            services.accounts.set_active(admin, args.name, args.user_command == "enable")
            word = ("已启用", "enabled") if args.user_command == "enable" else ("已停用", "disabled")
            print(f"{word[0]}账户 {args.name} / Account {args.name} {word[1]}")
        elif args.user_command == "reset-password":
            password = read_new_password(f"{args.name} 的新密码 / New password of {args.name}: ")
            services.accounts.reset_password(admin, args.name, password)
            print(f"已重置 {args.name} 的密码（下次登录须修改） / The password of {args.name} was reset "
                  f"(to be changed at the next sign-in)")
        else:
            for user in services.accounts.list_users(admin):
                state = "在用 active" if user.active else "停用 disabled"
                print(f"{user.username}\t{user.display_name}\t{user.role.value}\t{user.hall_code or '-'}\t"
                      f"{user.department_code or '-'}\t{state}")
        return EXIT_OK
    finally:
        services.close()


# -- database ----------------------------------------------------------------------------------------

def _configure_db(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="db_command", required=True,
                                metavar="upgrade|current|check|backup|restore|desk-login")
    for name, text in [("upgrade", "升级到最新结构 / upgrade to the newest schema"),
                       ("current", "显示当前结构版本 / show the schema revision"),
                       ("check", "完整检查数据库文件是否损坏 / full integrity check of the database file")]:
        _add_database(sub.add_parser(name, help=text))
    backup = sub.add_parser("backup", help="备份数据库（须以管理员登录） / back up the database (an administrator "
                                           "signs in)")
    _add_database(backup)
    backup.add_argument("file", metavar="FILE")
    add_sign_in(backup, "：须为管理员 / an administrator")
    add_sign_in(sub.choices["upgrade"], "：须为管理员；尚无账户的新数据库不必登录 / an administrator; a new database "
                                        "without accounts needs none")
    restore = sub.add_parser("restore", help="从备份恢复 / restore from a backup")
    _add_database(restore)
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="不再确认 / do not ask for confirmation")
    add_sign_in(restore, "：须为管理员 / an administrator")
    _configure_desk_login(sub)


@command("db", "数据库维护 / database maintenance")(_configure_db)
def cmd_db(args: argparse.Namespace) -> int:
    from intake_desk.store import backup as backups
    from intake_desk.store.migrate import current_revision, head_revision, upgrade

    if args.db_command == "desk-login":
        return _db_desk_login(args)
    # A damaged file can still be restored over: the integrity check is what sends people here.
    services = open_services(args, migrate=False, check_integrity=args.db_command != "restore")
    db = services.db
    if args.db_command in ("upgrade", "backup", "restore"):
        from intake_desk.store.pooler import refuse_through_pooler

        refuse_through_pooler(db, f"intake-desk db {args.db_command}")
    if args.db_command == "current":
        # Only reads: an empty database stays empty (``db upgrade`` or the first start creates the tables).
        current = current_revision(db)
        head = head_revision()
        if current is None:
            print(f"（空数据库 / empty）(运行 intake-desk db upgrade 创建到 {head} / "
                  f"run intake-desk db upgrade to create it at {head})")
        else:
            state = "最新 / up to date" if current == head else f"可升级到 {head} / can be upgraded to {head}"
            print(f"{current} ({state})")
    elif args.db_command == "check":
        from intake_desk.store.integrity import check_database

        check_database(db, full=True)  # raises DatabaseDamaged, printed as its one line
        print(f"数据库完好 / The database is sound: {db.description}")
    elif args.db_command == "upgrade":
        actor = _signed_in_for_maintenance(args, services, "升级数据库", "upgrade the database")
        result = upgrade(db)
        _record_maintenance(services, actor, "database.upgrade",
                            {"from": result.before, "to": result.after,
                             "backup": str(result.backup) if result.backup else None}, changed=result.changed)
        if not result.changed:
            print(f"已是最新版本 {result.after} / Already at {result.after}")
        else:
            print(f"已从 {result.before or '空'} 升级到 {result.after} / Upgraded from {result.before} to {result.after}")
            if result.backup:
                print(f"升级前备份 / Backup taken before: {result.backup}")
    elif args.db_command == "backup":
        actor = _signed_in_for_maintenance(args, services, "备份数据库", "back up the database")
        path = backups.backup(db, args.file)
        _record_maintenance(services, actor, "database.backup", {"file": str(path)})
        print(f"已备份到 {path} / Backed up to {path}")
    elif args.db_command == "restore":
        _restore(args, services)
    return EXIT_OK


def _signed_in_for_maintenance(args: argparse.Namespace, services: Services, zh: str, en: str) -> Actor:
    """An administrator signs in for ``db upgrade`` or ``db backup``; a database without accounts (the
    very first set-up) needs nobody. On a schema older than this program's the sign-in reads only what
    every revision has (``services/maintenance.py``)."""
    from intake_desk.services import maintenance
    from intake_desk.services.actor import SYSTEM

    if not maintenance.holds_accounts(services.db):
        return SYSTEM
    if maintenance.is_current(services.db):
        actor = signed_in(args, services)
    else:
        username = (getattr(args, "user", None) or _env_user()).strip()
        if not username:
            raise CommandError(f"此命令须登录：请用 --user 指定管理员（或设置 {USER_ENV}） / "
                               f"This command signs in: name an administrator with --user (or {USER_ENV})")
        actor = maintenance.sign_in_on_older_schema(services.db, services.clock, username, read_password(username))
    return maintenance.require_admin(actor, zh, en)


def _record_maintenance(services: Services, actor: Actor, action: str, detail: dict[str, Any], *,
                        changed: bool = True) -> None:
    """``database.upgrade`` / ``database.backup`` in the audit trail, by whoever signed in."""
    from intake_desk.services import maintenance
    from intake_desk.services.actor import SYSTEM

    if changed and actor is not SYSTEM and maintenance.is_current(services.db):
        maintenance.record(services.db, actor, action, {**detail, "by": actor.username}, at=services.clock.now())


def _restore(args: argparse.Namespace, services: Services) -> None:
    """``db restore``: an administrator signs in (on the database being replaced; on a copy of the backup
    when that one is damaged); only a database that holds no records yet is restored into without.
    Asks for confirmation unless ``--yes``."""
    from intake_desk.services.actor import SYSTEM
    from intake_desk.services.restore import holds_records, restore_backup
    from intake_desk.store.db import DatabaseError

    db = services.db
    try:
        damaged = False
        occupied = holds_records(db)
    except DatabaseError:
        damaged, occupied = True, True
    actor = SYSTEM
    if occupied and not damaged:
        actor = _signed_in_admin(args, services)
    elif damaged and db.is_sqlite:
        actor = _signed_in_on_backup(args, args.file)
    elif damaged:
        actor = _signed_in_on_pg_backup(args, services, args.file)
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError("恢复会覆盖当前数据库：请加 --yes 确认 / A restore overwrites the database: "
                               "confirm with --yes")
        answer = input(f"将用 {args.file} 覆盖 {db.description}，确定吗？(y/N) / Overwrite with the backup? ")
        if answer.strip().lower() not in ("y", "yes", "是"):
            raise CommandError("已取消 / Cancelled")
    result = restore_backup(db, services.clock, actor, args.file)
    print(f"已从 {args.file} 恢复 / Restored from {args.file}")
    if result.kept_as:
        print(f"恢复前的数据库已另存为 {result.kept_as} / The database before the restore was kept as {result.kept_as}")
    if result.counters_unreadable:
        print("警告：被替换的数据库无法读取，受理编号计数未能沿用，请核对最后打印的编号 / Warning: the replaced "
              "database could not be read, so its receipt counters were not carried forward; check the last "
              "printed numbers", file=sys.stderr)


def _signed_in_admin(args: argparse.Namespace, services: Services) -> Actor:
    from intake_desk.domain.enums import Role
    from intake_desk.services.errors import PermissionDenied

    actor = signed_in(args, services)
    if actor.role is not Role.ADMIN:
        raise PermissionDenied("只有管理员可以恢复备份 / Only an administrator may restore a backup")
    return actor


def _signed_in_on_backup(args: argparse.Namespace, file: str) -> Actor:
    """Sign in against a scratch copy of a SQLite backup (the database it replaces cannot be read)."""
    import shutil
    import tempfile
    from pathlib import Path

    from intake_desk.services.context import Services as _Services
    from intake_desk.store.backup import check_sqlite_backup
    from intake_desk.store.db import Database

    source = Path(file).expanduser().resolve()
    check_sqlite_backup(source)
    with tempfile.TemporaryDirectory(prefix="intake-desk-restore-") as folder:
        copy = Path(folder) / "backup.sqlite3"
        shutil.copyfile(source, copy)
        scratch = _Services(Database(f"sqlite:///{copy}"))
        try:
            return _signed_in_admin(args, scratch)
        finally:
            scratch.close()


def _signed_in_on_pg_backup(args: argparse.Namespace, services: Services, file: str) -> Actor:
    """Sign in against the accounts inside a PostgreSQL backup (the database it replaces cannot be read)."""
    from pathlib import Path

    from intake_desk.services.backup_accounts import sign_in_on_pg_backup

    username = (getattr(args, "user", None) or _env_user()).strip()
    if not username:
        raise CommandError(f"数据库无法读取，须以备份中的管理员登录：请用 --user 指定（或设置 {USER_ENV}） / The database "
                           f"cannot be read: sign in as an administrator of the backup with --user (or {USER_ENV})")
    path = Path(file).expanduser().resolve()
    if not path.is_file():
        raise CommandError(f"找不到备份文件 {path} / No backup file at {path}")
    return sign_in_on_pg_backup(path, username, read_password(username), services.clock.now())


def _configure_desk_login(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    desk = sub.add_parser("desk-login", help="创建或更新桌面使用的最小权限登录（PostgreSQL，以所有者连接） / "
                                             "create or update the least-privilege login desks use (PostgreSQL, "
                                             "connected as the owner)")
    _add_database(desk)
    desk.add_argument("name", metavar="NAME", help="登录名 / login name, e.g. intake_desk")
    add_sign_in(desk, "：已有账户的数据库须以管理员登录（其密码在桌面登录的密码之前） / on a database with accounts, an "
                      "administrator (that password comes before the desk login's)")


def _db_desk_login(args: argparse.Namespace) -> int:
    from intake_desk.store.connect import open_database
    from intake_desk.store.migrate import upgrade
    from intake_desk.store.roles import check_login_name, create_desk_login

    check_login_name(args.name)
    db = open_database(args.database, prompt=_terminal_prompt)
    try:
        if db.is_sqlite:
            raise CommandError("桌面登录只用于 PostgreSQL：请用 --database 指定所有者的地址 / Desk logins are for "
                               "PostgreSQL: give the owner's URL with --database")
        from intake_desk.services.context import Services as _Services

        # Like db upgrade (which this may do): an administrator signs in on a database with accounts.
        _signed_in_for_maintenance(args, _Services(db), "创建桌面登录", "create a desk login")
        upgrade(db)  # the tables to grant on must exist
        password = read_new_password(f"{args.name} 的密码 / Password of {args.name}: ")
        grants = create_desk_login(db, args.name, password)
    finally:
        db.dispose()
    verb = ("已创建", "Created") if grants.created else ("已更新", "Updated")
    print(f"{verb[0]}桌面登录 {grants.login}（{len(grants.tables)} 张表；审计日志只能读取和追加） / "
          f"{verb[1]} desk login {grants.login} ({len(grants.tables)} tables; audit trail read and append only)")
    return EXIT_OK


# -- pre-assessment ----------------------------------------------------------------------------------

def _configure_assess(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.json",
                        help="家庭情况 JSON（格式见 docs/household-json.md） / household JSON (docs/household-json.md)")
    parser.add_argument("--pack", metavar="PATH",
                        help="政策参数包文件或目录（默认：随程序提供的） / policy pack file or folder (default: shipped)")


@command("assess", "预评估 JSON 描述的家庭，以 JSON 输出结果 / pre-assess a household described in JSON")(
    _configure_assess)
def cmd_assess(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from intake_desk.policy import household_json
    from intake_desk.policy.calendar import WorkCalendar
    from intake_desk.policy.pack import PackRegistry, PolicyPackError, load_pack

    path = Path(args.file)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise CommandError(f"无法读取 {path}（{exc.strerror}） / Cannot read {path} ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path} 不是 UTF-8 编码 / {path} is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path} 第{exc.lineno}行第{exc.colno}列 JSON 格式错误：{exc.msg} / "
                           f"{path}, line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg})") from None
    except RecursionError:  # nested far beyond any household (the check below names the limit)
        raise CommandError(f"{path} 嵌套层数过深，不是家庭情况文件 / {path} is nested far too deeply to be a "
                           f"household file") from None
    try:
        facts = household_json.household_from_json(data)
        received_on = household_json.received_on_from_json(data)
        if args.pack is None:
            registry = PackRegistry.default()
        elif Path(args.pack).is_dir():
            registry = PackRegistry.from_directory(args.pack)
        else:
            registry = PackRegistry([load_pack(args.pack)])
        pack = registry.pack_for(facts.application_date)
    except (ValueError, PolicyPackError) as exc:
        raise CommandError(str(exc)) from None
    calendar = WorkCalendar()
    if args.database:  # only an explicit database: assessing must not create one
        from intake_desk.services.referrals import load_calendar

        services = open_services(args)
        try:
            with services.db.reading() as session:
                calendar = load_calendar(session)
        finally:
            services.close()
    report = household_json.assessment_report(facts, pack, calendar, received_on)
    sys.stdout.buffer.write((json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    sys.stdout.flush()
    return EXIT_OK


# -- ledgers and demo data ---------------------------------------------------------------------------

def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ledger", choices=["referrals", "applications", "callbacks", "escalations", "leads",
                                           "monitoring"],
                        help="转介、受理、回访、督办、线索或监测台账 / which ledger")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="导出文件 .xlsx/.csv / output file")
    parser.add_argument("--format", choices=["csv", "xlsx"], help="文件格式（默认按扩展名） / default: by suffix")
    add_sign_in(parser, "，导出写入审计日志 / the export is audited")
    parser.add_argument("--department", action="append", default=[], metavar="CODE",
                        help="部门（可重复） / department (repeatable). " + DEPARTMENT_HELP)
    parser.add_argument("--status", action="append", default=[], metavar="STATUS", help="状态 / status (repeatable)")
    parser.add_argument("--overdue", action="store_true", help="只导出逾期 / overdue only")
    parser.add_argument("--due-within", type=int, metavar="N", help="N 个工作日内到期 / due within N working days")
    parser.add_argument("--hall", action="append", default=[], metavar="CODE", help="大厅代码 / hall")
    parser.add_argument("--clerk", action="append", default=[], metavar="USERNAME", help="经办人 / clerk")
    parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="起始日期 / from date")
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="截止日期 / to date")
    parser.add_argument("--text", default="", help="姓名、拼音首字母、编号或身份证号 / name, initials, number or ID")
    parser.add_argument("--sort", choices=["due", "age", "department", "newest"], default="due",
                        help="转介台账排序 / order of the referral ledger")
    parser.add_argument("--full-ids", action="store_true",
                        help="导出完整身份证号（须有权限，写入审计） / full ID numbers (permission needed, audited)")
    parser.add_argument("--source", action="append", default=[], metavar="CODE",
                        help="线索台账：名单来源 / leads ledger: list source (repeatable)")
    parser.add_argument("--library", action="append", default=[], metavar="class1|class2",
                        help="监测台账：库别 / monitoring ledger: library (repeatable)")


def _parse_day(text: str | None, option: str) -> date | None:
    from intake_desk.domain.limits import EARLIEST, LATEST, date_in_range

    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{option} 应为 YYYY-MM-DD 格式的日期：{text} / {option} must be a date YYYY-MM-DD: {text}") from exc
    if not date_in_range(day):
        raise CommandError(f"{option} 应在 {EARLIEST.year}–{LATEST.year} 年之间：{text} / {option} must be within "
                           f"{EARLIEST.year}–{LATEST.year}: {text}")
    return day


@command("export", "导出转介或受理台账（与队列相同的筛选） / export the referral or application ledger")(
    _configure_export)
def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from intake_desk.domain.enums import ApplicationStatus, ReferralStatus
    from intake_desk.services.export import ApplicationFilter, ExportFormat
    from intake_desk.services.queues import QueueSort, ReferralFilter

    output = Path(args.output).expanduser()
    fmt = ExportFormat(args.format) if args.format else ExportFormat.for_path(output)
    date_from, date_to = _parse_day(args.date_from, "--from"), _parse_day(args.date_to, "--to")
    services = open_services(args)
    try:
        actor = signed_in(args, services)
        departments = tuple(_department_code(services, d) for d in args.department)
        try:
            if args.ledger in ("leads", "monitoring"):
                result = _export_discovery(services, actor, args, output, fmt, date_from, date_to)
            elif args.ledger in ("callbacks", "escalations"):
                result = _export_follow_through(services, actor, args, output, fmt, departments, date_from, date_to)
            elif args.ledger == "referrals":
                referral_filter = ReferralFilter(
                    department_codes=departments, statuses=tuple(ReferralStatus.parse(s) for s in args.status),
                    overdue=args.overdue, due_within_days=args.due_within, hall_codes=tuple(args.hall),
                    clerk_usernames=tuple(args.clerk), created_from=date_from, created_to=date_to, text=args.text)
                result = services.exports.referrals(actor, referral_filter, output, format=fmt,
                                                    sort=QueueSort(args.sort), full_ids=args.full_ids)
            else:
                application_filter = ApplicationFilter(
                    statuses=tuple(ApplicationStatus.parse(s) for s in args.status), overdue=args.overdue,
                    due_within_days=args.due_within, hall_codes=tuple(args.hall), clerk_usernames=tuple(args.clerk),
                    department_codes=departments, received_from=date_from, received_to=date_to,
                    text=args.text)
                result = services.exports.applications(actor, application_filter, output, format=fmt,
                                                       full_ids=args.full_ids)
        except ValueError as exc:  # an unknown status names the choices
            raise CommandError(str(exc)) from exc
    finally:
        services.close()
    print(result.message)
    return EXIT_OK


def _export_discovery(services: Services, actor: Actor, args: argparse.Namespace, output: Path,
                      fmt: ExportFormat, date_from: date | None, date_to: date | None) -> ExportResult:
    """The leads (线索) and monitoring (监测) ledgers, with the 发现 page's filters."""
    if args.ledger == "leads":
        from intake_desk.services.discovery import LeadFilter, LeadStatus

        statuses = tuple(LeadStatus.parse(s) for s in args.status) or tuple(LeadStatus)
        lead_filter = LeadFilter(statuses=statuses, sources=tuple(args.source), hall_codes=tuple(args.hall),
                                 worker_usernames=tuple(args.clerk), created_from=date_from, created_to=date_to,
                                 text=args.text)
        return services.discovery.export_leads(actor, lead_filter, output, format=fmt, full_ids=args.full_ids)
    from intake_desk.services.monitoring import Library, MonitoringFilter

    wanted = {s.strip().lower() for s in args.status}
    if not wanted <= {"active", "closed"} or len(wanted) > 1:
        raise CommandError("监测台账的状态为 active（在库）或 closed（已出库） / The monitoring ledger's status is active "
                           "or closed")
    monitoring_filter = MonitoringFilter(
        libraries=tuple(Library.parse(x) for x in args.library), active="closed" not in wanted,
        overdue=args.overdue, due_within_days=args.due_within, hall_codes=tuple(args.hall),
        worker_usernames=tuple(args.clerk), text=args.text)
    return services.monitoring.export_monitoring(actor, monitoring_filter, output, format=fmt,
                                                 full_ids=args.full_ids)


def _export_follow_through(services: Services, actor: Actor, args: argparse.Namespace, output: Path,
                           fmt: ExportFormat, departments: tuple[str, ...], date_from: date | None,
                           date_to: date | None) -> ExportResult:
    """The callback (回访) and escalation (督办) ledgers; full ID numbers are never written to them."""
    from intake_desk.domain.enums import Rung

    if args.full_ids:
        raise CommandError("回访台账和督办台账只导出遮蔽的身份证号 / The callback and escalation ledgers hold masked "
                           "ID numbers only")
    if len(departments) > 1:
        raise CommandError("这两种台账一次只能按一个部门筛选 / These ledgers filter by one department at a time")
    department = departments[0] if departments else None
    if args.ledger == "callbacks":
        statuses = [s.strip().lower() for s in args.status]
        if len(statuses) > 1:
            raise CommandError("回访台账一次只能按一个状态筛选（open、done、unreachable） / Filter the callback ledger "
                               "by one status (open, done, unreachable)")
        return services.callbacks.export_callbacks(
            actor, output, format=fmt, status=statuses[0] if statuses else None, overdue_only=args.overdue,
            decided_from=date_from, decided_to=date_to, department_code=department)
    rung = Rung.OVERDUE
    if args.status:
        try:
            rung = Rung.parse(args.status[0])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
    return services.urging.export_escalations(actor, output, format=fmt, rung=rung, department_code=department)


# -- reports -------------------------------------------------------------------------------------------

def _report_satisfaction(services: Services, actor: Actor, args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    report = services.callbacks.satisfaction(actor, _parse_day(args.date_from, "--from"),
                                             _parse_day(args.date_to, "--to"))
    data = report.as_json()
    share = data["satisfied_share"]
    share_text = "—" if share is None else f"{share:.1%}"
    lines = [f"好差评 {data['from']} – {data['to']}：共 {data['total']} 条，满意率 {share_text}；"
             f"整改未结 {data['follow_ups_open']} 件（逾期 {data['follow_ups_overdue']} 件） / "
             f"ratings {data['from']} – {data['to']}: {data['total']}, satisfied {share_text}; "
             f"follow-ups open {data['follow_ups_open']} ({data['follow_ups_overdue']} overdue)"]
    levels = "  ".join(f"{r.zh} {data['counts'][r.value]}" for r in _ratings())
    lines.append(f"  {levels}")
    for title, group in (("部门 / department", data["by_department"]), ("窗口人员 / clerk", data["by_clerk"])):
        for name, figures in group.items():
            s = figures["satisfied_share"]
            lines.append(f"  {title} {name}：{figures['total']} 条，满意率 {'—' if s is None else f'{s:.1%}'}")
    return data, "\n".join(lines)


def _ratings() -> list[Any]:
    from intake_desk.domain.enums import Rating

    return list(Rating)


def _report_timeliness(services: Services, actor: Actor, args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    from intake_desk.cli_procedure import report_timeliness

    return report_timeliness(services, actor, args)


REPORTS: dict[str, Callable[[Services, Actor, argparse.Namespace], tuple[dict[str, Any], str]]] = {
    "satisfaction": _report_satisfaction,
    "timeliness": _report_timeliness,
}
"""``intake-desk report NAME``: each report gives its JSON object and its lines for the terminal."""


def _configure_report(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("report", choices=sorted(REPORTS), help="报表 / which report")
    parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="起始日期（默认本年 1 月 1 日） / from")
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="截止日期（默认今天） / to (default today)")
    parser.add_argument("--hall", metavar="CODE", help="大厅代码（办理时效；县级账户可选） / hall code (timeliness)")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出 / print one JSON object")
    add_sign_in(parser)


@command("report", "统计报表（好差评、办理时效） / reports (satisfaction, timeliness)")(_configure_report)
def cmd_report(args: argparse.Namespace) -> int:
    import json

    services = open_services(args)
    try:
        actor = signed_in(args, services)
        data, text = REPORTS[args.report](services, actor, args)
    finally:
        services.close()
    if args.json:
        sys.stdout.buffer.write((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        sys.stdout.flush()
    else:
        print(text)
    return EXIT_OK


def _configure_seed_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--households", type=int, default=40, help="家庭数 / households to add")
    parser.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同数据） / random seed")
    parser.add_argument("--bulk", action="store_true",
                        help="批量写入（大量数据；超过 2000 户时自动使用） / bulk writing (automatic above 2,000)")


BULK_ABOVE = 2000


@command("seed-demo", "向数据库填充演示数据 / fill a database with demonstration data")(_configure_seed_demo)
def cmd_seed_demo(args: argparse.Namespace) -> int:
    if args.households < 1:
        raise CommandError("--households 至少为 1 / --households must be at least 1")
    from intake_desk.services.demo_mark import demo_refusal, mark_demo

    services = open_services(args)
    try:
        refusal = demo_refusal(services.db)
        if refusal:
            raise CommandError(refusal)
        mark_demo(services.db)
        if args.bulk or args.households > BULK_ABOVE:
            from intake_desk.services.bulk_seed import bulk_seed

            def progress(report: object) -> None:
                print(f"  {getattr(report, 'households', 0):,} … ", file=sys.stderr, end="\r", flush=True)

            report = bulk_seed(services.db, services.packs, households=args.households, seed=args.seed,
                               progress=progress)
            print(report.line())
            logins = report.logins
        else:
            from intake_desk.services.demo import seed_demo

            summary = seed_demo(services, households=args.households, seed=args.seed)
            statuses = "，".join(f"{s.zh} {n}" for s, n in summary.referral_statuses.items())
            print(f"已受理 {summary.applications} 件申请（{summary.first_number} … {summary.last_number}）；转介：{statuses} / "
                  f"{summary.applications} applications received")
            logins = list(summary.logins)
    finally:
        services.close()
    for username, password, who in logins:
        print(f"  {username} / {password}  {who}")
    return EXIT_OK


# -- discovery and monitoring (主动发现、监测预警) ------------------------------------------------------

def _configure_discovery(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="discovery_command", required=True, metavar="import|report|area")
    imp = sub.add_parser("import", help="导入部门名单并比对筛查 / import a department's list and screen it")
    _add_database(imp)
    imp.add_argument("file", metavar="FILE", help="名单文件 .xlsx/.csv（UTF-8 或 GB18030） / the list file")
    imp.add_argument("--source", required=True, metavar="CODE",
                     help="名单来源（disability、health、medical、employment、emergency、rural、union、education…）")
    add_sign_in(imp, "，须为窗口负责人 / a supervisor")
    imp.add_argument("--json", action="store_true", help="以 JSON 输出计数 / print the counts as JSON")
    area = sub.add_parser("area", help="辖区：线索按身份证地区码或住址关键字分到大厅 / a hall's area for placing leads")
    _add_database(area)
    area.add_argument("--hall", required=True, metavar="CODE", help="大厅代码 / hall code")
    kind = area.add_mutually_exclusive_group(required=True)
    kind.add_argument("--region", metavar="DIGITS", help="身份证号前 2–6 位地区码 / ID region-code prefix")
    kind.add_argument("--address", metavar="KEYWORD", help="住址关键字，如 月塘街道 / address keyword")
    add_sign_in(area, "，须为窗口负责人 / a supervisor")
    rep = sub.add_parser("report", help="监测预警季度报表 / the quarterly monitoring report")
    _add_database(rep)
    rep.add_argument("--year", type=int, required=True)
    rep.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
    add_sign_in(rep, "，须为窗口负责人 / a supervisor")
    rep.add_argument("-o", "--output", metavar="FILE.pdf", help="报表 PDF / write the report as PDF")
    rep.add_argument("--json", action="store_true", help="以 JSON 输出 / print the report as JSON")


@command("discovery", "主动发现与监测预警：导入名单、季度报表 / discovery lists and the monitoring report")(
    _configure_discovery)
def cmd_discovery(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    services = open_services(args)
    try:
        from intake_desk.services.permissions import Permission

        needed = Permission.DISCOVERY_MANAGE if args.discovery_command == "report" else Permission.DISCOVERY_IMPORT
        actor = signed_in(args, services, needed)
        if args.discovery_command == "area":
            kind, pattern = ("region", args.region) if args.region else ("address", args.address)
            services.discovery.set_hall_area(actor, args.hall, kind, pattern)
            print(f"已设定：{'身份证地区码' if kind == 'region' else '住址关键字'}“{pattern}”的线索分到 {args.hall} / "
                  f"Leads with {kind} '{pattern}' go to hall {args.hall}")
            return EXIT_OK
        if args.discovery_command == "import":
            result = services.discovery.import_list(actor, Path(args.file).expanduser(), args.source)
            for problem in result.problems:
                kind = "无效 / invalid" if problem.kind == "invalid" else "重复 / duplicate"
                print(f"第 {problem.row_number} 行 / row {problem.row_number}（{kind}）："
                      f"{problem.resident_id_masked} {problem.name}：{problem.reason}", file=sys.stderr)
            if args.json:
                print(json.dumps(result.counts(), ensure_ascii=False))
            else:
                print(result.line)
            return EXIT_OK
        report = services.monitoring.quarterly_report(actor, args.year, args.quarter)
        if args.output:
            from intake_desk.printing.monitoring_report import render_quarterly_report

            pdf = render_quarterly_report(report, services.printing.font(), printed_by=actor.display_name)
            output = Path(args.output).expanduser()
            output.write_bytes(pdf)
            print(f"已写出 {output} / Wrote {output}", file=sys.stderr)
        if args.json or not args.output:
            print(json.dumps(report.as_json(), ensure_ascii=False, indent=None if args.json else 2))
        return EXIT_OK
    finally:
        services.close()


# -- audit and self-test -----------------------------------------------------------------------------

def _configure_audit(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="audit_command", required=True, metavar="verify|checkpoint|attest")
    verify = sub.add_parser("verify", help="校验审计日志：哈希链、各记录的摘要和检查点 / check the audit trail: the "
                                           "hash chain, every record's digest and the checkpoints")
    _add_database(verify)
    verify.add_argument("--quick", action="store_true", help="只校验哈希链 / the hash chain alone")
    verify.add_argument("--checkpoint", action="append", default=[], metavar="FILE|FOLDER",
                        help="审计检查点文件或目录（可重复） / a checkpoint file or a folder of them (repeatable)")
    checkpoint = sub.add_parser("checkpoint", help="把审计日志的长度和最新哈希写入文件（保存在数据库之外） / write the "
                                                   "trail's length and head hash to a file kept outside the database")
    _add_database(checkpoint)
    checkpoint.add_argument("-o", "--output", required=True, metavar="FILE", help="检查点文件 / checkpoint file")
    attest = sub.add_parser("attest", help="管理员确认升级前的既有记录（此后逐条校验） / an administrator attests the "
                                           "records from before digests (checked from then on)")
    _add_database(attest)
    add_sign_in(attest, "：须为管理员 / an administrator")


@command("audit", "审计日志 / audit trail")(_configure_audit)
def cmd_audit(args: argparse.Namespace) -> int:
    if args.audit_command == "checkpoint":
        return _audit_checkpoint(args)
    if args.audit_command == "attest":
        return _audit_attest(args)
    return _audit_verify(args)


def _audit_attest(args: argparse.Namespace) -> int:
    from intake_desk.services.audit_verify import attest_unattested

    services = open_services(args)
    try:
        actor = signed_in(args, services)
        count = attest_unattested(services.db, actor, at=services.clock.now(), progress=_verify_progress)
    finally:
        services.close()
    print(f"已确认 {count} 条既有记录，此后逐条校验 / {count} existing records attested; checked from now on")
    return EXIT_OK


def _audit_checkpoint(args: argparse.Namespace) -> int:
    from pathlib import Path

    from intake_desk.services.audit_verify import write_checkpoint

    services = open_services(args)
    try:
        checkpoint = write_checkpoint(services.db, Path(args.output).expanduser())
    finally:
        services.close()
    print(f"已写入检查点：{checkpoint.events} 条事件，最新 #{checkpoint.last_event_id} {checkpoint.head_hash[:16]}… → "
          f"{args.output} / Checkpoint written: {checkpoint.events} events, head #{checkpoint.last_event_id}")
    return EXIT_OK


def _verify_progress(stage: str, done: int, total: int | None) -> None:
    if not sys.stderr.isatty() and (not done or done % 100_000):
        return  # a log file gets a line every 100,000 events or records; a terminal, one line that moves
    figure = f"{done:,} / {total:,}" if total else f"{done:,}"
    end = "\r" if sys.stderr.isatty() else "\n"
    print(f"  {stage}: {figure}   ", file=sys.stderr, end=end, flush=True)


def _audit_verify(args: argparse.Namespace) -> int:
    from pathlib import Path

    from intake_desk.services import audit
    from intake_desk.services.audit_verify import checkpoint_files, database_identity

    services = open_services(args)
    try:
        checkpoints, unreadable = checkpoint_files([Path(p).expanduser() for p in args.checkpoint],
                                                   database_identity(services.db))
        if unreadable:
            raise CommandError("；".join(unreadable))
        result = audit.verify(services.db, digests=not args.quick, checkpoints=checkpoints,
                              progress=_verify_progress)
    finally:
        services.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if not result.chain_ok:
        where = f"在事件 #{result.first_broken_id} 处" if result.first_broken_id is not None else ""
        where_en = f" at event #{result.first_broken_id}" if result.first_broken_id is not None else ""
        problem_zh, _, problem_en = result.problem.partition(" / ")
        print(f"审计日志{where}断裂：{problem_zh} / The audit trail is broken{where_en}: {problem_en or problem_zh}",
              file=sys.stderr)
        return EXIT_FAILURE
    for finding in result.findings:
        print(finding.sentence, file=sys.stderr)
    for problem in result.checkpoint_problems:
        print(problem, file=sys.stderr)
    if args.checkpoint and not result.checkpoints_checked:
        print("警告：未找到本数据库的检查点 / Warning: no checkpoint of this database was found", file=sys.stderr)
    scope = (f"，{result.entities_checked} 条记录与摘要相符" if result.digests_checked else "（只校验了哈希链）")
    scope_en = (f"; {result.entities_checked} records match their digests" if result.digests_checked
                else " (hash chain only)")
    if result.unattested:
        scope += f"，{result.unattested} 条早于摘要功能的记录未校验"
        scope_en += f"; {result.unattested} records from before digests not checked"
    if result.checkpoints_checked:
        scope += f"，延续 {result.checkpoints_checked} 个检查点"
        scope_en += f"; extends {result.checkpoints_checked} checkpoint(s)"
    if not result.ok:
        print(f"审计日志与数据不符：{len(result.findings) + len(result.checkpoint_problems)} 处 / The audit trail "
              f"and the data disagree: {len(result.findings) + len(result.checkpoint_problems)} finding(s)",
              file=sys.stderr)
        return EXIT_FAILURE
    print(f"审计日志完整，共 {result.checked} 条{scope} / The audit trail is intact: {result.checked} events{scope_en}")
    return EXIT_OK


@command("selftest", "检查本机安装 / check this installation headlessly")(lambda parser: None)
def cmd_selftest(args: argparse.Namespace) -> int:
    from intake_desk.selftest import run_selftest

    return run_selftest(getattr(args, "database", None))



# -- printing ----------------------------------------------------------------------------------------

PRINT_KINDS = ("receipt", "declaration", "referral", "notice", "urging", "refusal", "extension", "progress",
               "publicity")


def _configure_print(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=PRINT_KINDS,
                        help="受理回执、告知承诺书、转介单、一次性告知书、催办通知书、不予救助告知书、延期办理告知书、"
                             "办理进度或公示名单 / which document")
    parser.add_argument("number", metavar="NUMBER", nargs="?", default=None,
                        help="受理编号；催办通知书为转介编号；公示名单不需要 / application (receipt) number; for urging, "
                             "the referral number; not for publicity")
    parser.add_argument("--hall", metavar="CODE", help="公示名单的大厅 / hall of the publicity list")
    parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="公示名单起 / publicity list from")
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="公示名单止 / publicity list up to")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf",
                        help="PDF 文件；转介单未指定部门时每个部门一个 FILE-<部门>.pdf / PDF file "
                             "(referral slips without --department: one FILE-<department>.pdf each)")
    parser.add_argument("--department", metavar="CODE",
                        help="转介单的部门 / department of the referral slip. " + DEPARTMENT_HELP)
    add_sign_in(parser, "，记入打印记录 / recorded in the print log")


def _slip_file(output: str, department: str) -> str:
    """``slips.pdf`` → ``slips-education.pdf``: one file per department's referral slip."""
    from pathlib import Path

    path = Path(output)
    return str(path.with_name(f"{path.stem}-{department}{path.suffix or '.pdf'}"))


@command("print", "打印文书到 PDF 文件（记入打印记录） / print a document to a PDF file (recorded in the print log)")(
    _configure_print)
def cmd_print(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from intake_desk.domain.enums import DocumentKind
    from intake_desk.files import create_private
    from intake_desk.services.printing import PrintOutput

    if not (args.user or _env_user()):
        raise CommandError(f"请用 --user 指定打印人（或设置 {USER_ENV}），打印记录须写明是谁打印的 / "
                           f"Name who prints with --user (or {USER_ENV}): the print log records who printed")
    output = Path(args.output)
    if not output.parent.is_dir():
        raise CommandError(f"目录不存在：{output.parent} / The folder does not exist: {output.parent}")
    services = open_services(args)
    actor = signed_in(args, services)
    from intake_desk.cli_procedure import PROCEDURE_PRINT_KINDS, print_procedure_document

    if args.kind in PROCEDURE_PRINT_KINDS:
        return print_procedure_document(args, services, actor)
    if not args.number:
        raise CommandError("请给出受理编号 / Give the application number")
    printing = services.printing
    kind = DocumentKind(args.kind)
    if kind is DocumentKind.URGING:
        targets: list[tuple[str | None, Path]] = [(None, output)]
    elif kind is DocumentKind.REFERRAL and not args.department:
        slips = [d for d in printing.documents_for(actor, args.number) if d.kind is DocumentKind.REFERRAL]
        if not slips:
            raise CommandError(f"申请 {args.number} 没有已确认的转介，无转介单可打印 / "
                               f"Application {args.number} has no confirmed referral, so there is no referral slip")
        targets = [(slip.department_code, Path(_slip_file(args.output, slip.department_code or "")))
                   for slip in slips]
    else:
        targets = [(_department_code(services, args.department) if args.department else None, output)]
    for department, path in targets:
        # A file that cannot be written is refused before anything is recorded; a refused print
        # (missing characters, unknown number) leaves no file behind.
        part = path.with_name(f".{path.name}.{os.getpid()}.part")
        try:
            handle = create_private(part)  # owner-only: the document holds personal data
        except OSError as exc:
            raise CommandError(f"无法写入 {path}（{exc.strerror}） / Cannot write {path} ({exc.strerror})") from None
        try:
            with handle:
                if kind is DocumentKind.URGING:  # refused in one sentence for a referral not overdue
                    rendered = services.urging.print_urging(actor, args.number, PrintOutput.FILE,
                                                            via="command line")
                else:
                    rendered = printing.render(actor, args.number, kind, department, output=PrintOutput.FILE,
                                               via="command line")
                handle.write(rendered.pdf)
            os.replace(part, path)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        mark = f"，{rendered.reprint_mark}" if rendered.reprint_mark else ""
        print(f"{rendered.title} {rendered.document_number} 第 {rendered.copy_no} 份{mark} → {path} "
              f"(sha256 {rendered.sha256[:16]}…) / {kind.en} copy {rendered.copy_no} written")
    warning = printing.font_status()
    if warning:
        print(f"警告 / Warning: {warning}", file=sys.stderr)
    return EXIT_OK

# -- entry -------------------------------------------------------------------------------------------

def unreadable_argument(argv: Sequence[str]) -> str | None:
    """One sentence when an argument is not text the program can keep: bytes that are not UTF-8
    (Python hands them over as lone surrogates) or a NUL. Checked once, before anything runs."""
    from intake_desk.domain.text import unstorable_text

    for position, value in enumerate(argv):
        if unstorable_text(value):
            previous = argv[position - 1] if position else ""
            if previous.startswith("-") and "=" not in previous:
                where = previous
            elif value.startswith("-") and "=" in value:
                where = value.split("=", 1)[0]
            else:
                where = f"#{position + 1}"
            where = where.encode("ascii", "replace").decode("ascii")
            return (f"命令行参数 {where} 含有无法识别的字符（不是 UTF-8 文本或含空字符），请改正后重试 / "
                    f"The command-line argument {where} holds characters that are not valid text (not UTF-8, "
                    f"or a NUL); correct it and try again")
    return None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="intake-desk",
        description="社会救助窗口受理台 / Intake Desk – social-assistance intake for a township service hall",
    )
    parser.add_argument("--version", action="version", version=f"intake-desk {__version__}")
    _add_database(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    seen: set[str] = set()
    for name, help_text, configure, handler in _COMMANDS:
        if name in seen:
            continue
        seen.add(name)
        child = sub.add_parser(name, help=help_text, description=help_text)
        _add_database(child)
        configure(child)
        child.set_defaults(handler=handler)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from intake_desk.services.errors import ServiceError
    from intake_desk.store.errors import DatabaseError

    restrict_umask()  # every file the program creates holds, or may hold, personal data
    unreadable = unreadable_argument(sys.argv[1:] if argv is None else list(argv))
    if unreadable:
        print(unreadable, file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "database"):
        args.database = None
    log_path = logs.configure()
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        args.language = None
        handler = cmd_gui
    try:
        return handler(args)
    except CommandError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except ServiceError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_USAGE
    except DatabaseError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILURE
    except (OSError, ValueError) as exc:
        log.exception("command failed")
        print(f"{exc} / see {log_path}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("已中断 / Interrupted", file=sys.stderr)
        return 130
    except Exception:
        log.exception("unexpected error in %s", getattr(args, "command", "gui"))
        print(f"程序内部错误，详情已记入日志 {log_path} / Internal error; details are in {log_path}", file=sys.stderr)
        return EXIT_FAILURE
