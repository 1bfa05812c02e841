"""A private PostgreSQL instance for one test module: initdb and pg_ctl from Debian's binaries, run as
the ``postgres`` user (they refuse root), on a free port of 127.0.0.1, with a self-signed certificate
made by openssl, ``ssl = on`` and ``pg_hba.conf`` admitting only ``hostssl … scram-sha-256`` – the
county set-up of the README – and pgaudit loaded when Debian's package is installed."""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def _newest_bin() -> Path:
    versions = sorted((p for p in Path("/usr/lib/postgresql").glob("*") if p.name.isdigit()), key=lambda p: int(p.name))
    return (versions[-1] if versions else Path("/usr/lib/postgresql/15")) / "bin"


PG_BIN = _newest_bin()
SUPERUSER_PASSWORD = "private-superuser-pw-1"


def missing() -> str | None:
    """Why a private instance cannot be started here (None when it can)."""
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_ctl").exists():
        return f"PostgreSQL server binaries not found in {PG_BIN}"
    if shutil.which("openssl") is None:
        return "openssl not installed"
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return "no postgres user"
    if os.geteuid() != 0 and pwd.getpwuid(os.geteuid()).pw_name != "postgres":
        return "neither root nor postgres: cannot run the server binaries as postgres"
    return None


def pgaudit_available() -> bool:
    return (PG_BIN.parent / "lib" / "pgaudit.so").exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres(command: str) -> subprocess.CompletedProcess[str]:
    if os.geteuid() == 0:
        argv = ["su", "postgres", "-s", "/bin/sh", "-c", command]
    else:
        argv = ["/bin/sh", "-c", command]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)


@dataclass
class PrivateServer:
    root: Path
    port: int
    audit: bool

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def url(self, user: str = "postgres", password: str = SUPERUSER_PASSWORD, database: str = "postgres",
            sslmode: str | None = "require") -> str:
        query = f"?sslmode={sslmode}" if sslmode else ""
        return f"postgresql+psycopg://{user}:{password}@127.0.0.1:{self.port}/{database}{query}"

    def ctl(self, action: str) -> None:
        done = _as_postgres(f"{PG_BIN}/pg_ctl -D {shlex.quote(str(self.data))} -l {shlex.quote(str(self.log))} "
                            f"-w -t 60 {action}")
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl {action} failed: {done.stdout} {done.stderr} {self.log_text()[-2000:]}")

    def log_text(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def set_ssl(self, on: bool) -> None:
        """Switch TLS on or off (a reload; the certificate stays)."""
        with (self.data / "postgresql.auto.conf").open("a", encoding="utf-8") as conf:
            conf.write(f"ssl = {'on' if on else 'off'}\n")
        self.ctl("reload")

    def stop(self) -> None:
        _as_postgres(f"{PG_BIN}/pg_ctl -D {shlex.quote(str(self.data))} -m fast -w stop")
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> PrivateServer:
    root = Path(tempfile.mkdtemp(prefix="intake-private-pg-", dir="/tmp"))
    os.chmod(root, 0o755)
    account = pwd.getpwnam("postgres")
    server = PrivateServer(root, _free_port(), pgaudit_available())
    password_file = root / "pw"
    password_file.write_text(SUPERUSER_PASSWORD + "\n", encoding="utf-8")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(root / "server.key"), "-out", str(root / "server.crt")],
                   capture_output=True, check=True, timeout=60)
    os.chmod(root / "server.key", 0o600)
    for path in (root, password_file, root / "server.key", root / "server.crt"):
        os.chown(path, account.pw_uid, account.pw_gid)
    done = _as_postgres(f"{PG_BIN}/initdb -D {shlex.quote(str(server.data))} -U postgres -A scram-sha-256 "
                        f"--pwfile={shlex.quote(str(password_file))} -E UTF8 --locale=C.UTF-8")
    if done.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {done.stdout} {done.stderr}")
    settings = [
        f"port = {server.port}", "listen_addresses = '127.0.0.1'", f"unix_socket_directories = '{root}'",
        "ssl = on", f"ssl_cert_file = '{root / 'server.crt'}'", f"ssl_key_file = '{root / 'server.key'}'",
        "password_encryption = 'scram-sha-256'", "max_connections = 20", "shared_buffers = 16MB",
        "fsync = off", "log_connections = off",
    ]
    if server.audit:
        settings += ["shared_preload_libraries = 'pgaudit'"]
    with (server.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write("\n".join(settings) + "\n")
    # Only encrypted connections from this computer, each with a SCRAM password (the README's set-up).
    (server.data / "pg_hba.conf").write_text(
        "# TYPE    DATABASE  USER  ADDRESS        METHOD\n"
        "local     all       all                  scram-sha-256\n"
        "hostssl   all       all   127.0.0.1/32   scram-sha-256\n", encoding="utf-8")
    try:
        server.ctl("start")
    except RuntimeError:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return server
