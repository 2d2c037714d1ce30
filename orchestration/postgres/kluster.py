"""A throwaway PostgreSQL 15 cluster on 127.0.0.1 for the tests and the benchmark (never for production).

Debian's binaries live in /usr/lib/postgresql/15/bin (not on PATH). ``initdb`` and ``pg_ctl`` refuse to run
as root, so as root they run as the ``postgres`` user in a folder under /tmp owned by it; otherwise as the
current user. Local socket connections are trusted (the superuser's), TCP connections on 127.0.0.1 need a
password (scram-sha-256), so wrong passwords can be tested.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

PG_BIN = Path(os.environ.get("MONEV_PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "postgres"


def tersedia() -> bool:
    """Whether the PostgreSQL server binaries are installed (.ci/system-packages: postgresql-15)."""
    return (PG_BIN / "initdb").exists() and (PG_BIN / "pg_ctl").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Kluster:
    root: Path
    port: int
    password: str
    as_user: str | None  # run the server binaries as this user (root cannot)
    superuser: str = SUPERUSER

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    def url(self, user: str | None = None, password: str | None = None, dbname: str = "postgres") -> str:
        """A connection URL over TCP; the superuser's by default (with its password)."""
        user = user or self.superuser
        secret = self.password if password is None and user == self.superuser else password
        auth = quote(user, safe="") + (":" + quote(secret, safe="") if secret else "")
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(PG_BIN / args[0]), *args[1:]]
        if self.as_user:
            command = ["runuser", "-u", self.as_user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c max_connections=100"
        self._run("pg_ctl", "start", "-w", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options)

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "stop", "-w", "-m", mode, "-D", str(self.data))

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def mulai(password: str = "sandi-uji-superuser", fast: bool = True) -> Kluster:
    """initdb a new cluster in a fresh folder under /tmp and start it on a free port. ``fast`` turns fsync off
    (a test cluster; the benchmark keeps it on)."""
    as_user = SUPERUSER if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="monev-pg-"))
    os.chmod(root, 0o700)
    if as_user:
        entry = pwd.getpwnam(as_user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    kluster = Kluster(root, _free_port(), password, as_user, SUPERUSER if as_user else getpass.getuser())
    (root / "sock").mkdir()
    pwfile = root / "pw"
    pwfile.write_text(password + "\n")
    if as_user:
        for path in (root / "sock", pwfile):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    kluster._run(
        "initdb",
        "-D",
        str(kluster.data),
        "-U",
        kluster.superuser,
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        f"--pwfile={pwfile}",
        "--encoding=UTF8",
        "--locale=C.UTF-8",
    )
    pwfile.unlink()
    if fast:
        with open(kluster.data / "postgresql.auto.conf", "a") as conf:
            conf.write("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
    kluster.start()
    return kluster
