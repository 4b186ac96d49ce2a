"""A real Celery worker in a subprocess, for the tests that drive the queue end to end (Redis, PostgreSQL).

The worker runs in its own session (process group), so a test can kill it whole like a machine that dies,
and the teardown never leaves a pool child or a LibreOffice behind it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from django.conf import settings
from django.db import connection

T = TypeVar("T")

READY_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


class WorkerError(AssertionError):
    """The worker did not start, or a wait on it ran out of time; the message carries its log."""


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    queue: str
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log_text():
                return
            if not self.alive():
                raise WorkerError(f"The worker exited with {self.process.returncode}:\n{self.log_text()}")
            time.sleep(0.1)
        raise WorkerError(f"The worker was not ready within {timeout:g} s:\n{self.log_text()}")

    def pool_children(self) -> list[int]:
        """The pool processes (direct children of the main worker process), read from /proc."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
            except OSError:  # the process ended while we were reading
                continue
            # Fields after the command name, which is in parentheses and may itself hold spaces.
            fields = text[text.rindex(")") + 2 :].split()
            if int(fields[1]) == self.pid:
                children.append(int(stat.parent.name))
        return children

    def kill_pool_child(self) -> int:
        """SIGKILL the pool process running the task, as the kernel's OOM killer would."""
        children = self.pool_children()
        if len(children) != 1:
            raise WorkerError(f"Expected one pool process, found {children}:\n{self.log_text()}")
        os.kill(children[0], signal.SIGKILL)
        return children[0]

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool), as a machine that loses power."""
        _signal_group(self.pid, signal.SIGKILL)
        self.process.wait(timeout=STOP_TIMEOUT)

    def stop(self) -> None:
        """Warm shutdown; if it takes too long, kill the whole group."""
        if self.alive():
            # To the main process only: a SIGTERM to the group would kill the pool process mid-task.
            self.process.send_signal(signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=STOP_TIMEOUT)
        # Even after a clean exit, an orphaned pool process may be left in the group.
        _signal_group(self.pid, signal.SIGKILL)
        if self.alive():
            self.process.wait(timeout=STOP_TIMEOUT)


def _signal_group(pgid: int, signum: signal.Signals) -> None:
    with suppress(ProcessLookupError):  # the group is already gone
        os.killpg(pgid, signum)


def database_url() -> str:
    """The URL of the database this test process uses (pytest-django's test database)."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{quote(db['USER'], safe='')}{password}@{host}{port}/{db['NAME']}"


@contextmanager
def running_worker(
    *,
    queue: str,
    broker_url: str,
    media_root: Path,
    log: Path,
    stage_pause: float = 0.0,
    stale_seconds: int = 5,
    concurrency: int = 1,
) -> Iterator[Worker]:
    """Start ``celery worker`` on the test database, consuming ``queue`` only; stop it on the way out."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dancoso.settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": broker_url,
        "MEDIA_ROOT": str(media_root),
        "REPORT_STAGE_PAUSE": str(stage_pause),
        "REPORT_STALE_SECONDS": str(stale_seconds),
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "dancoso",
        "worker",
        "--pool=prefork",
        f"--concurrency={concurrency}",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--loglevel=info",
    ]
    with log.open("ab") as out:
        process = subprocess.Popen(  # noqa: S603 - a fixed command with our own arguments
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    worker = Worker(process=process, queue=queue, log=log)
    try:
        worker.wait_ready()
        yield worker
    finally:
        worker.stop()


def wait_for(
    condition: Callable[[], T | None], *, timeout: float, what: str, worker: Worker | None = None
) -> T:
    """Poll ``condition`` until it returns something true; on timeout fail saying ``what`` (with the log)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            log = worker.log_text() if worker is not None else ""
            raise WorkerError(f"Timed out after {timeout:g} s waiting for {what}.\n{log}")
        time.sleep(0.1)
