"""The HTTP side of ``bench.scale``: gunicorn, a plain client, the workers' memory and the load runs."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WORKERS = 2
WRK = "/usr/bin/wrk"
WRK_THREADS = 2
# Counts every answer outside 2xx (wrk itself counts only 4xx and 5xx), summed over wrk's threads.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("non2xx") end
  io.write(string.format("NON2XX %d\\n", total))
end
"""


@dataclass
class Answer:
    status: int
    body: bytes
    seconds: float
    location: str = ""


@dataclass
class Load:
    """What one page gave under load."""

    requests: int
    requests_per_second: float
    median_ms: float
    non_2xx: int = 0
    socket_errors: int = 0
    timeouts: int = 0
    tool: str = "wrk"

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors + self.timeouts


# The server ------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def worker_timeouts(self) -> int:
        """Workers gunicorn killed because one request ran past its timeout (30 s by default)."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return text.count("WORKER TIMEOUT")


@contextmanager
def gunicorn(env: dict[str, str], port: int) -> Iterator[Server]:
    """Gunicorn with two sync workers, stopped on the way out whatever happened (Ctrl-C included)."""
    log = Path(tempfile.mkdtemp(prefix="dancoso-scale-")) / "gunicorn.log"
    command = [
        *(sys.executable, "-m", "gunicorn", "dancoso.wsgi:application"),
        *("--workers", str(WORKERS), "--worker-class", "sync", "--bind", f"{HOST}:{port}"),
        *("--error-logfile", str(log), "--log-level", "warning"),
    ]
    # Its own session: Ctrl-C reaches only this script, which then stops the server itself.
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)
    try:
        _wait_until_serving(process, port, log)
        yield Server(process, log)
    finally:
        _stop(process)
        if log.exists() and log.stat().st_size:
            print(f"gunicorn log: {log}", file=sys.stderr)


def _wait_until_serving(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}; see {log}:\n{log.read_text()}")
        with suppress(OSError), socket.create_connection((HOST, port), timeout=1):
            if len(worker_pids(process.pid)) == WORKERS:
                return
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not start within 60 s; see {log}")


def _stop(process: subprocess.Popen) -> None:
    """Quick shutdown (SIGINT), then SIGKILL to the server's own process group if it lingers."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    with suppress(OSError):
        return [int(pid) for pid in children.read_text().split()]
    return []


class MemoryWatch:
    """Peak resident memory (VmHWM) of every worker seen, sampled in the background.

    Sampling, rather than one reading at the end, keeps the peak of a worker that gunicorn replaced.
    """

    def __init__(self, master: int, interval: float = 0.5) -> None:
        self.master = master
        self.interval = interval
        self.peaks_kib: dict[int, int] = {}
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopped.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stopped.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        for pid in worker_pids(self.master):
            peak = _vm_hwm_kib(pid)
            if peak is not None:
                self.peaks_kib[pid] = max(peak, self.peaks_kib.get(pid, 0))


def _vm_hwm_kib(pid: int) -> int | None:
    with suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


# One request at a time ---------------------------------------------------------------------------------


class Client:
    """A plain HTTP/1.1 client; gunicorn's sync workers close each connection, so it reconnects."""

    def __init__(self, port: int, timeout: float = 300) -> None:
        self.connection = http.client.HTTPConnection(HOST, port, timeout=timeout)

    def get(self, path: str, cookie: str | None) -> Answer:
        headers = {"Cookie": cookie} if cookie else {}
        started = time.perf_counter()
        try:
            self.connection.request("GET", path, headers=headers)
            response = self.connection.getresponse()
            body = response.read()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            raise
        return Answer(
            response.status, body, time.perf_counter() - started, response.getheader("Location", "")
        )


def drain(port: int, limit: float = 1800) -> None:
    """Wait until the workers have served what a finished load run left in their queue.

    A load client that stops leaves connections in the listen queue, which the workers still serve; those
    and the one being served are the server's sockets still open on its port (ESTABLISHED, or CLOSE_WAIT
    once the client has gone). Once there are none, the next page's run starts on an idle server.
    """
    deadline = time.monotonic() + limit
    while _open_connections(port):
        if time.monotonic() > deadline:
            raise SystemExit(f"The server still had queued requests after {limit:.0f} s.")
        time.sleep(0.2)


def _open_connections(port: int) -> int:
    """Server-side TCP connections on ``port`` that a worker has not closed yet (/proc/net/tcp)."""
    open_states = {"01", "08"}  # ESTABLISHED, CLOSE_WAIT
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        count += int(local.rsplit(":", 1)[1], 16) == port and state in open_states
    return count


# Under load ------------------------------------------------------------------------------------------


def wrk_available() -> bool:
    return Path(WRK).exists() or shutil.which("wrk") is not None


def load_with_wrk(
    port: int, path: str, cookie: str | None, *, clients: int, seconds: int, timeout: float
) -> Load:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = [
        WRK if Path(WRK).exists() else "wrk",
        *(f"-t{min(WRK_THREADS, clients)}", f"-c{clients}", f"-d{seconds}s", f"--timeout={timeout}s"),
        *("--latency", "-s", script.name),
        *(("-H", f"Cookie: {cookie}") if cookie else ()),
        f"http://{HOST}:{port}{path}",
    ]
    try:
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    return parse_wrk(output)


def parse_wrk(output: str) -> Load:
    requests = re.search(r"(\d+) requests in", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    median = re.search(r"^\s*50%\s+([\d.]+)(us|ms|s|m)\b", output, re.MULTILINE)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"^NON2XX (\d+)", output, re.MULTILINE)
    if rate is None or requests is None:
        raise SystemExit(f"Could not read wrk's output:\n{output}")
    connect, read, write, timeouts = (int(n) for n in sockets.groups()) if sockets else (0, 0, 0, 0)
    return Load(
        requests=int(requests.group(1)),
        requests_per_second=float(rate.group(1)),
        median_ms=_ms(float(median.group(1)), median.group(2)) if median else float("nan"),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=connect + read + write,
        timeouts=timeouts,
    )


def _ms(value: float, unit: str) -> float:
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


@dataclass
class _Tally:
    latencies: list[float] = field(default_factory=list)
    non_2xx: int = 0
    socket_errors: int = 0
    timeouts: int = 0


def load_with_threads(
    port: int, path: str, cookie: str | None, *, clients: int, seconds: int, timeout: float
) -> Load:
    """The fallback without wrk: ``clients`` threads, each sending requests back to back."""
    deadline = time.monotonic() + seconds
    with ThreadPoolExecutor(max_workers=clients) as pool:
        tallies = list(pool.map(lambda _: _hammer(port, path, cookie, deadline, timeout), range(clients)))
    latencies = sorted(s for tally in tallies for s in tally.latencies)
    return Load(
        requests=len(latencies),
        requests_per_second=len(latencies) / seconds,
        median_ms=latencies[len(latencies) // 2] * 1000 if latencies else float("nan"),
        non_2xx=sum(t.non_2xx for t in tallies),
        socket_errors=sum(t.socket_errors for t in tallies),
        timeouts=sum(t.timeouts for t in tallies),
        tool="threads",
    )


def _hammer(port: int, path: str, cookie: str | None, deadline: float, timeout: float) -> _Tally:
    tally = _Tally()
    client = Client(port, timeout=timeout)
    while time.monotonic() < deadline:
        try:
            answer = client.get(path, cookie)
        except TimeoutError:
            tally.timeouts += 1
            continue
        except (http.client.HTTPException, OSError):
            tally.socket_errors += 1
            continue
        tally.latencies.append(answer.seconds)
        tally.non_2xx += not 200 <= answer.status < 300
    return tally
