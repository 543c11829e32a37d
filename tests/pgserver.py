"""A throwaway PostgreSQL server for the tests, or an existing one named by JSJ_TEST_PG.

The server is started once per test session (once per pytest-xdist worker) with `initdb` and `pg_ctl` from
PATH, in a temporary data directory (in /dev/shm when there is one), listening only on a Unix socket in that
directory (no TCP port). As root, initdb refuses to run, so the server runs as the `postgres` account
(`runuser -u postgres`). Each test module gets a fresh database; tests that need a ledger of their own get a
fresh schema in it (`?schema=`), which jsj creates on first use.

When no server can be started the PostgreSQL tests are skipped with the reason, except where
JSJ_REQUIRE_PG is set (CI sets it): a skipped test proves nothing, so there they fail.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

START_TIMEOUT = 60


@dataclass
class Server:
    """A running server: `url(database)` gives a jsj --db URL for one of its databases."""

    socket_dir: str | None  # None for JSJ_TEST_PG
    admin_url: str  # a URL to the maintenance database, for CREATE DATABASE
    data_dir: Path | None = None
    run_as: list[str] | None = None

    def url(self, database: str, schema: str | None = None) -> str:
        parts = urlsplit(self.admin_url)
        query = parts.query
        if schema:
            query = f"{query}&schema={schema}" if query else f"schema={schema}"
        # By hand: urlunsplit would drop the // of an empty host (postgresql:///db).
        return f"{parts.scheme}://{parts.netloc}/{database}" + (f"?{query}" if query else "")

    def create_database(self, prefix: str) -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:8]}".lower()
        self.sql(f'CREATE DATABASE "{name}"')
        return name

    def sql(self, statement: str, database: str | None = None) -> list[tuple]:
        import psycopg

        url = self.url(database) if database else self.admin_url
        with psycopg.connect(url, autocommit=True) as conn:
            cursor = conn.execute(statement)
            return cursor.fetchall() if cursor.description else []

    def stop(self) -> None:
        if self.data_dir is not None:
            _run([*(self.run_as or []), "pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "stop"], check=False)
            shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def _run(command: list[str], check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=check, timeout=START_TIMEOUT)


def start_server() -> Server | str:
    """A server to test against, or the reason there is none."""
    existing = os.environ.get("JSJ_TEST_PG")
    if existing:
        return Server(socket_dir=None, admin_url=existing)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install '.[test]')"
    missing = [tool for tool in ("initdb", "pg_ctl") if shutil.which(tool) is None]
    if missing:
        return f"{' and '.join(missing)} not on PATH (install PostgreSQL, or set JSJ_TEST_PG to a server URL)"
    run_as: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root and runuser is not available to start PostgreSQL as another user"
        run_as = ["runuser", "-u", "postgres", "--"]
    try:
        return _start(run_as)
    except (subprocess.SubprocessError, OSError, KeyError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        return f"could not start PostgreSQL: {detail.strip().splitlines()[-1] if detail.strip() else exc}"


def _start(run_as: list[str]) -> Server:
    # In memory where there is /dev/shm (the suite makes thousands of small tables, and removing them from
    # disk at the end took 20 s), else directly under /tmp: the socket path must stay short, and the
    # postgres account must reach it. Each pytest-xdist worker starts a server of its own here.
    shm = Path("/dev/shm")
    root = Path(tempfile.mkdtemp(prefix="jsj-pg-", dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None))
    data, log = root / "data", root / "server.log"
    if run_as:
        shutil.chown(root, user="postgres")
    common = ["-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]
    _run([*run_as, "initdb", "-D", str(data), *common])
    options = f"-k {root} -c listen_addresses='' -F -c max_connections=100"
    _run([*run_as, "pg_ctl", "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", str(START_TIMEOUT), "start"])
    return Server(
        socket_dir=str(root),
        admin_url=f"postgresql:///postgres?host={root}&user=postgres",
        data_dir=data,
        run_as=run_as,
    )


_schemas = itertools.count(1)


def next_schema() -> str:
    return f"t{next(_schemas)}_{uuid.uuid4().hex[:6]}"
