"""Start the board: `streamlit run` on the board's script, headless, offline, against the published warehouse."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from handoff.project import ProjectPaths

APP = Path(__file__).with_name("app.py")
DEFAULT_PORT = 8501


def streamlit_command(port: int, address: str = "127.0.0.1") -> list[str]:
    """The Streamlit command line: no browser, no usage statistics, no file watcher (the board is not edited live)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.headless=true",
        f"--server.port={port}",
        f"--server.address={address}",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
        "--global.developmentMode=false",
        "--client.toolbarMode=viewer",
        "--theme.base=light",
    ]


def board_environment(warehouse: Path) -> dict[str, str]:
    """The board's process reads the published file named here, read-only."""
    env = dict(os.environ)
    env["HANDOFF_WAREHOUSE"] = str(warehouse)
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    return env


def free_port() -> int:
    """A port nobody listens on (for tests and the demo's check)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(warehouse: Path, port: int, address: str = "127.0.0.1", log: Path | None = None) -> subprocess.Popen:
    """Start the board in the background; stop it with `.terminate()`."""
    output = log.open("ab") if log else subprocess.DEVNULL
    return subprocess.Popen(
        streamlit_command(port, address), env=board_environment(warehouse), stdout=output, stderr=subprocess.STDOUT
    )


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 120) -> float:
    """Seconds until Streamlit answers its health check; raises if it exits or never answers."""
    started = time.perf_counter()
    url = f"http://127.0.0.1:{port}/_stcore/health"
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"the board exited with code {process.returncode} before it answered on port {port}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return time.perf_counter() - started
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"the board did not answer on port {port} within {timeout:.0f} s")


def serve(paths: ProjectPaths, port: int = DEFAULT_PORT, address: str = "127.0.0.1") -> int:
    """`handoff board`: run Streamlit in the foreground until Ctrl-C."""
    warehouse = paths.warehouse_path
    if not warehouse.exists():
        raise FileNotFoundError(f"no published warehouse at {warehouse}: run `./handoff demo` first")
    print(f"Handoff board on http://{address}:{port}/ (read-only over {warehouse}); Ctrl-C stops it", flush=True)
    try:
        return subprocess.call(streamlit_command(port, address), env=board_environment(warehouse))
    except KeyboardInterrupt:
        return 0
