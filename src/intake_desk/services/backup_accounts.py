"""备份中的账户 – signing in against the accounts inside a PostgreSQL backup.

When a shared database is too damaged to sign in on (its ``users`` table dropped or unreadable), the
administrator who restores it signs in against the accounts of the backup being restored: that backup
is what will be trusted afterwards, and the restore is audited in it under that administrator's
name. The accounts are read from the ``pg_dump`` archive itself (``pg_restore --data-only --table=users``
writes the table's rows in ``COPY`` text format); nothing is written anywhere, so failures cannot be
counted in the archive – as with a SQLite backup, whose scratch copy is thrown away – but a disabled or
locked account, a wrong password or an account that must still change its password is refused the
same way as at the window.
"""

from __future__ import annotations

import math
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.errors import AccountLocked, AuthenticationFailed, PermissionDenied
from intake_desk.services.passwords import verify_password
from intake_desk.store.backup import pg_tool
from intake_desk.store.errors import DatabaseError

__all__ = ["copy_rows", "sign_in_on_pg_backup"]

_SIMPLE = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


def _unescape(field: str) -> str | None:
    """One value of COPY text format: ``\\N`` is NULL; backslash escapes as PostgreSQL writes them."""
    if field == "\\N":
        return None
    if "\\" not in field:
        return field
    out: list[str] = []
    i = 0
    while i < len(field):
        char = field[i]
        if char != "\\" or i + 1 == len(field):
            out.append(char)
            i += 1
            continue
        following = field[i + 1]
        if following in _SIMPLE:
            out.append(_SIMPLE[following])
            i += 2
        elif following in "01234567":
            digits = field[i + 1:i + 4]
            digits = digits[:len(digits) - len(digits.lstrip("01234567"))] or digits[0]
            out.append(chr(int(digits, 8)))
            i += 1 + len(digits)
        elif following == "x" and i + 2 < len(field):
            hexa = field[i + 2:i + 4]
            hexa = "".join(c for c in hexa if c in "0123456789abcdefABCDEF")
            out.append(chr(int(hexa, 16)) if hexa else "x")
            i += 2 + len(hexa)
        else:
            out.append(following)
            i += 2
    return "".join(out)


def copy_rows(sql: str, table: str) -> Iterator[dict[str, str | None]]:
    """The rows of ``table`` in a plain-SQL dump's ``COPY … FROM stdin`` block, as column → text."""
    lines = iter(sql.splitlines())
    for line in lines:
        if line.startswith(f"COPY public.{table} (") and line.endswith("FROM stdin;"):
            columns = [c.strip().strip('"') for c in line[line.index("(") + 1:line.rindex(")")].split(",")]
            for row in lines:
                if row == "\\.":
                    return
                yield dict(zip(columns, (_unescape(v) for v in row.split("\t")), strict=True))
            return


def _accounts(archive: Path) -> dict[str, dict[str, str | None]]:
    done = subprocess.run([pg_tool("pg_restore"), "--data-only", "--table=users", "--file=-", str(archive)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise DatabaseError(f"无法读取备份中的账户 / The accounts in the backup cannot be read: {archive}")
    return {str(row["username"]): row for row in copy_rows(done.stdout, "users")}


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def sign_in_on_pg_backup(archive: Path, username: str, password: str, now: datetime) -> Actor:
    """An administrator of the backup ``archive`` (a ``pg_dump`` custom archive of this program)."""
    from intake_desk.services.accounts import _decoy_hash

    refused = AuthenticationFailed("用户名或密码不正确（按备份中的账户） / The user name or password is wrong (as the "
                                   "backup's accounts have it)")
    row = _accounts(archive).get(username.strip())
    stored = row.get("password_hash") if row else None
    matches = verify_password(password, stored or _decoy_hash())
    if row is None or not stored or not matches:
        raise refused
    if row.get("active") != "t":
        raise AuthenticationFailed("该账户在备份中已停用 / This account is disabled in the backup")
    locked = _when(row.get("locked_until"))
    if locked is not None and locked > now:
        minutes = max(1, math.ceil((locked - now).total_seconds() / 60))
        raise AccountLocked(f"该账户在备份中已锁定，请 {minutes} 分钟后再试 / This account is locked in the backup for "
                            f"{minutes} more minute(s)")
    if row.get("must_change_password") == "t":
        raise AuthenticationFailed(f"{username} 在备份中须先修改初始密码 / {username} must change the password first "
                                   f"(in the backup)")
    if row.get("role") != Role.ADMIN.value:
        raise PermissionDenied("只有管理员可以恢复备份 / Only an administrator may restore a backup")
    return Actor(user_id=int(str(row["id"])), username=str(row["username"]),
                 display_name=str(row.get("display_name") or username), role=Role.ADMIN)
