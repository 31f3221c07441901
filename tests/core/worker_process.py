"""Start real ``thidua worker`` processes against pytest's own database (a file on SQLite, the test database on
PostgreSQL), kill them, and wait for a job to reach a state. For ``django_db(transaction=True)`` tests only: the
worker must see what the test committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.db import connection

THIDUA = str(Path(sys.executable).with_name("thidua"))
FAST_LEASE = {"THIDUA_JOB_HEARTBEAT_SECONDS": "0.5", "THIDUA_JOB_LEASE_SECONDS": "2"}


def worker_env(**extra: str) -> dict[str, str]:
    """The environment of a worker process: this test's database, jobs queued (not inline), a short lease."""
    db = connection.settings_dict
    env = {**os.environ, "THIDUA_JOBS_INLINE": "0", "DEBUG": "0", **FAST_LEASE, **extra}
    if db["ENGINE"].endswith("sqlite3"):
        env["THIDUA_SQLITE_PATH"] = str(db["NAME"])
        env.pop("DATABASE_URL", None)
    else:
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        env["DATABASE_URL"] = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return env


def start_worker(**extra: str) -> subprocess.Popen:
    """``thidua worker`` in its own process (output to a temporary file, read back by :func:`output`)."""
    log = open(os.environ.get("THIDUA_DATA_DIR", "/tmp") + f"/worker-{time.monotonic_ns()}.log", "w+")  # noqa: SIM115
    proc = subprocess.Popen(
        [THIDUA, "worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
        env=worker_env(**extra),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    proc.log = log  # type: ignore[attr-defined]
    return proc


def output(proc: subprocess.Popen) -> str:
    proc.log.flush()  # type: ignore[attr-defined]
    return Path(proc.log.name).read_text()  # type: ignore[attr-defined]


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL: no clean-up handler of the worker runs, as when the machine loses power."""
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            kill(proc)


def wait_for(check: Callable[[], object], timeout: float, what: str, proc: subprocess.Popen | None = None):
    """Poll ``check()`` until it returns something truthy; fail with the worker's output after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}\n{output(proc) if proc else ''}")
