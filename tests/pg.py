"""A real PostgreSQL server for tests: the one .ci/run started, or one started here.

CI exports TRACKER_TEST_PG_URL. On a developer machine with Debian's postgresql installed the tests
start a throwaway server themselves (as the postgres user, on 127.0.0.1, in a temp data dir). Only
outside CI, and only when no server can be had, are PostgreSQL tests skipped, saying why.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def postgres_server() -> Iterator[str | None]:
    """Yield a server URL (maintenance database), or None with nothing to offer."""
    url = os.environ.get("TRACKER_TEST_PG_URL")
    if url:
        yield url
        return
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not binaries or shutil.which("runuser") is None or os.geteuid() != 0:
        yield None
        return
    bindir = binaries[-1]
    data = tempfile.mkdtemp(prefix="tracker-test-pg-")
    port = _free_port()
    shutil.chown(data, "postgres", "postgres")
    run = ["runuser", "-u", "postgres", "--"]
    try:
        subprocess.run([*run, f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "postgres"],
                       check=True, capture_output=True)
        subprocess.run([*run, f"{bindir}/pg_ctl", "-D", data, "-l", f"{data}/log", "-w",
                        "-o", f"-h 127.0.0.1 -p {port} -k {data}", "start"], check=True, capture_output=True)
    except (subprocess.CalledProcessError, OSError):
        shutil.rmtree(data, ignore_errors=True)
        yield None
        return
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run, f"{bindir}/pg_ctl", "-D", data, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(data, ignore_errors=True)
