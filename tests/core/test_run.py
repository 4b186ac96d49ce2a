"""What `make run` serves: the portal as its users meet it, with its own Vietnamese error pages.

The server is started exactly as the Makefile starts it (its command read with `make -n run`), on a free
port, against a freshly migrated SQLite file.
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR


def _run_command(**variables: str) -> tuple[dict[str, str], list[str]]:
    """The environment and the arguments of the Makefile's `runserver` line."""
    assignments = [f"{name}={value}" for name, value in variables.items()]
    plan = subprocess.run(["make", "-n", "run", *assignments], cwd=ROOT, capture_output=True, text=True)
    line = next(line for line in plan.stdout.splitlines() if "runserver" in line)
    words = shlex.split(line)
    env = dict(word.split("=", 1) for word in words if "=" in word and not word.startswith(("-", "/")))
    args = [word for word in words if word.split("=", 1)[0] not in env]
    return env, args


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def test_make_run_takes_a_port_and_an_opt_in_to_debug_pages():
    env, args = _run_command(PORT="8001")
    assert args[-1] == "127.0.0.1:8001"
    assert env["DJANGO_DEBUG"] == "false" and env["DJANGO_LOCAL"] == "true"
    assert _run_command(DEBUG="true")[0]["DJANGO_DEBUG"] == "true"


@pytest.fixture
def served(tmp_path: Path):
    """The portal served as `make run` serves it; yields its address."""
    port = _free_port()
    env, args = _run_command(PORT=str(port))
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    process_env = {**clean, **env, "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=process_env, check=True)
    command = [sys.executable, *args[1:], "--noreload"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=process_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        yield address
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_make_run_answers_a_missing_page_with_the_portals_vietnamese_404(served):
    status, body = _get(f"{served}/khong-co-trang-nay/")
    assert status == 404
    assert "Không tìm thấy trang" in body and 'lang="vi"' in body
    assert "URLconf" not in body and "DEBUG = True" not in body, "not Django's debug page"


def test_make_run_serves_the_static_files_and_the_favicon(served):
    assert _get(f"{served}/static/vendor/bootstrap/bootstrap.min.css")[0] == 200
    assert _get(f"{served}/favicon.ico")[0] == 200
