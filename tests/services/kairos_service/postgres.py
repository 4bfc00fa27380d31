"""A private PostgreSQL server for tests: Debian's binaries, a temp dir, a free port.

Never skipped: a missing server fails the run with the command that installs it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

INSTALL_HINT = "apt-get install -y postgresql (the README's test command installs it)"


def find_bin(name: str) -> str:
    """The PostgreSQL binary ``name``: /usr/lib/postgresql/*/bin first, then PATH."""
    for candidate in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
        if os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which(name)
    if found:
        return found
    raise RuntimeError(f"PostgreSQL's {name} was not found: {INSTALL_HINT}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_user() -> tuple[list[str], str | None]:
    """How to run the server: as ourselves, or (as root, which postgres refuses) as postgres."""
    if os.geteuid() != 0:
        return [], None
    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise RuntimeError(f"running as root, no 'postgres' user: {INSTALL_HINT}") from exc
    runuser = shutil.which("runuser")
    if runuser is None:
        raise RuntimeError("running as root and runuser(1) is missing: cannot start PostgreSQL")
    return [runuser, "-u", "postgres", "--"], "postgres"


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """Start a throwaway server; yield its URL ``postgresql://kairos@127.0.0.1:PORT/postgres``."""
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    prefix, user = _as_user()
    tmp = Path(tempfile.mkdtemp(prefix="kairos-pg-"))
    data, log = tmp / "data", tmp / "server.log"
    if user is not None:
        record = pwd.getpwnam(user)
        os.chown(tmp, record.pw_uid, record.pw_gid)
    port = _free_port()

    def run(args: list[str]) -> None:
        result = subprocess.run(prefix + args, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            detail = result.stderr.strip() or result.stdout.strip()
            if log.exists():
                detail += "\n" + log.read_text()[-2000:]
            raise RuntimeError(f"{' '.join(args[:2])} failed: {detail}")

    try:
        run([initdb, "-D", str(data), "-A", "trust", "-U", "kairos", "-E", "UTF8", "--no-sync"])
        options = (
            f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=300 -c shared_buffers=64MB"
        )
        run([pg_ctl, "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start"])
        try:
            yield f"postgresql://kairos@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                prefix + [pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
                check=False,
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
