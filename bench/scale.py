"""Benchmark at province scale on PostgreSQL: the portal's heaviest pages served by gunicorn.

Run: .venv/bin/python -m bench.scale [--rebuild] [--rounds 40] [--concurrency 50] [--duration 30]
                                     [--database-url postgres://postgres@127.0.0.1:5432/dancoso_bench]

1. Data: in its own database (created if missing), 1,000 agencies, 110,000 people, 85,000 enrolments and
   275,000 attendance marks over five yearly training plans, one class holding 21,000 confirmed trainees
   (``bench/scale_data.py``). Migrations run every time; the data is reused while its row counts match,
   and rebuilt with ``--rebuild`` (which drops the database first). VACUUM ANALYZE then gives the planner
   the statistics a live server would have.
2. Server: gunicorn with two sync workers in production mode (DEBUG off, a random secret key, manifest
   static files after ``collectstatic``), on a free local port; ``REDIS_URL`` passes through if set.
3. Pages, as the Home Affairs account (a session written straight into the database, so the login form
   and django-axes are not involved) and, for the login page, as an anonymous visitor: every page once
   per round in a shuffled order, after warm-up rounds; p50 and p95 latency and response size, and p95
   against the Django admin's changelist of people, the yardstick of a page Django itself makes.
4. Memory: the peak resident set (VmHWM) of each gunicorn worker over the whole run.
5. Load: each page in turn, ``--concurrency`` clients for ``--duration`` seconds with wrk (or a thread
   pool where wrk is missing): requests per second, median latency, errors (non-2xx, socket errors,
   timeouts), and requests per second against the admin changelist's.

It prints two Markdown tables, marked against the goal below, and writes them to
``bench/results/scale-<timestamp>.md``.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bench import scale_http
from bench.scale_data import DEFAULT_DATABASE_URL

RESULTS = Path(__file__).resolve().parent / "results"
ADMIN = "Admin changelist of people"
GOAL_P95_MS = 150.0
GOAL_P95_RATIO = 1.5
GOAL_MEMORY_MB = 300.0
WARM_UP_ROUNDS = 3


@dataclass
class Page:
    name: str
    path: str
    anonymous: bool = False
    seconds: list[float] = field(default_factory=list)
    size_kb: float = 0.0
    load: scale_http.Load | None = None

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def p95_ms(self) -> float:
        if len(self.seconds) < 2:
            return max(self.seconds) * 1000
        return statistics.quantiles(self.seconds, n=100, method="inclusive")[94] * 1000


def main() -> None:
    args = _arguments()
    # Ctrl-C already raises KeyboardInterrupt; a plain ``kill`` should unwind just as cleanly.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # The code measured is the working tree when the server starts, whatever is committed later.
    commit = _commit()
    env = production_env(args.database_url)
    os.environ.update(env)
    size, built_in, user = _prepare(args)
    cookie = f"sessionid={_session_key(user)}"
    pages = _pages()
    port = scale_http.free_port()
    with scale_http.gunicorn(env, port) as server, scale_http.MemoryWatch(server.pid) as memory:
        _check(pages, port, cookie)
        _time_sequentially(pages, port, cookie, args.rounds)
        _load(pages, port, cookie, args)
    run = Run(commit, size, built_in, memory.peaks_kib, server.worker_timeouts())
    report = _report(args, run, pages)
    print(report)
    _save(report)


@dataclass
class Run:
    """What the report says about the run as a whole."""

    commit: str
    size: Any
    built_in: float | None
    peaks_kib: dict[int, int]
    worker_timeouts: int


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--rebuild", action="store_true", help="drop the bench database and build it anew")
    parser.add_argument("--rounds", type=int, default=40, help="timed rounds of every page (default 40)")
    parser.add_argument("--concurrency", type=int, default=50, help="clients under load (default 50)")
    parser.add_argument("--duration", type=int, default=30, help="seconds of load per page (default 30)")
    parser.add_argument("--timeout", type=float, default=10, help="seconds before a request under load fails")
    parser.add_argument(
        "--load-client",
        choices=["auto", "wrk", "threads"],
        default="auto",
        help="wrk where installed (auto), or a Python thread pool",
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    return parser.parse_args()


def production_env(database_url: str) -> dict[str, str]:
    """The environment of the server, and of this script, so both sign sessions with the same key."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dancoso.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
    }


def _prepare(args: argparse.Namespace) -> tuple[Any, float | None, Any]:
    """Database, migrations, data, the Home Affairs account, static files.

    Answers the data size, the build time (``None`` when the data was reused) and the account.
    """
    from bench import scale_data

    scale_data.prepare_database(args.database_url, rebuild=args.rebuild)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    built = scale_data.ensure_data(rebuild=args.rebuild)
    built_in = time.perf_counter() - started if built else None
    print(f"Data built in {built_in:.1f} s." if built else "Data reused.", flush=True)
    user = scale_data.bench_user()
    scale_data.refresh_statistics()
    call_command("collectstatic", interactive=False, verbosity=0)
    size = scale_data.data_size()
    if size != scale_data.EXPECTED:
        raise SystemExit(f"The bench data does not match the plan: {size}; run again with --rebuild.")
    return size, built_in, user


def _session_key(user: Any) -> str:
    """A logged-in session of the Home Affairs account, written straight into the session table."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _pages() -> list[Page]:
    from bench.scale_data import big_class_and_session

    class_pk, session_pk = big_class_and_session()
    return [
        Page("Login page (anonymous)", "/accounts/login/", anonymous=True),
        Page(ADMIN, "/admin/agencies/person/"),
        Page("People list", "/agencies/people/"),
        Page("Dashboard", "/dashboard/"),
        Page("Class list", "/training/"),
        Page("Class page (big class)", f"/training/classes/{class_pk}/"),
        Page("Attendance of a big-class session", f"/training/sessions/{session_pk}/attendance/"),
    ]


def _check(pages: list[Page], port: int, cookie: str) -> None:
    """Every page must answer 200 before anything is timed: a 302 to the login page measures nothing."""
    client = scale_http.Client(port)
    for page in pages:
        answer = client.get(page.path, None if page.anonymous else cookie)
        if answer.status != 200:
            where = f" → {answer.location}" if answer.location else ""
            raise SystemExit(f"{page.path} answered {answer.status}{where}; nothing was measured.")
        page.size_kb = len(answer.body) / 1024


def _time_sequentially(pages: list[Page], port: int, cookie: str, rounds: int) -> None:
    client = scale_http.Client(port)
    shuffler = random.Random(1)
    for number in range(WARM_UP_ROUNDS + rounds):
        for page in shuffler.sample(pages, len(pages)):
            answer = client.get(page.path, None if page.anonymous else cookie)
            if answer.status != 200:
                raise SystemExit(f"{page.path} answered {answer.status} in round {number + 1}.")
            if number >= WARM_UP_ROUNDS:
                page.seconds.append(answer.seconds)
        print(f"\rround {number + 1}/{WARM_UP_ROUNDS + rounds}", end="", flush=True)
    print(flush=True)


def _load(pages: list[Page], port: int, cookie: str, args: argparse.Namespace) -> None:
    use_wrk = args.load_client == "wrk" or (args.load_client == "auto" and scale_http.wrk_available())
    run = scale_http.load_with_wrk if use_wrk else scale_http.load_with_threads
    for page in pages:
        print(f"load: {page.path} …", flush=True)
        page.load = run(
            port,
            page.path,
            None if page.anonymous else cookie,
            clients=args.concurrency,
            seconds=args.duration,
            timeout=args.timeout,
        )
        scale_http.drain(port)


# The report ------------------------------------------------------------------------------------------


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def _admin(pages: list[Page]) -> Page:
    return next(page for page in pages if page.name == ADMIN)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _sequential_table(pages: list[Page]) -> str:
    yardstick = _admin(pages).p95_ms
    lines = [
        _row(["Page", "URL", "p50 ms", "p95 ms", "size KB", "p95 ÷ admin", "Goal"]),
        "|---|---|---:|---:|---:|---:|:-:|",
    ]
    for page in pages:
        ratio = page.p95_ms / yardstick
        ok = page.p95_ms <= GOAL_P95_MS and ratio <= GOAL_P95_RATIO
        cells = [page.name, f"`{page.path}`", f"{page.p50_ms:.1f}", f"{page.p95_ms:.1f}"]
        lines.append(_row([*cells, f"{page.size_kb:,.1f}", f"{ratio:.2f}×", _mark(ok)]))
    return "\n".join(lines)


def _load_table(pages: list[Page]) -> str:
    yardstick = _admin(pages).load.requests_per_second
    headers = ["Page", "answered", "req/s", "median ms", "non-2xx", "socket errors", "timeouts"]
    lines = [_row([*headers, "req/s ÷ admin", "Goal"]), "|---|---:|---:|---:|---:|---:|---:|---:|:-:|"]
    for page in pages:
        load = page.load
        ratio = load.requests_per_second / yardstick if yardstick else float("nan")
        ok = ratio >= 1.0 and load.errors == 0
        cells = [page.name, f"{load.requests:,}", f"{load.requests_per_second:,.1f}", _median(load)]
        errors = [str(load.non_2xx), str(load.socket_errors), str(load.timeouts)]
        lines.append(_row([*cells, *errors, f"{ratio:.2f}×", _mark(ok)]))
    return "\n".join(lines)


def _median(load: scale_http.Load) -> str:
    if not load.requests:
        return "— (none answered)"
    # wrk leaves requests answered after the timeout out of its latencies; all late, it shows 0.
    return f"{load.median_ms:,.0f}" if load.median_ms > 0 else "— (none in time)"


def _memory_line(peaks_kib: dict[int, int]) -> str:
    if not peaks_kib:
        return "Worker peak memory: not read (no worker found under /proc)."
    each = ", ".join(f"pid {pid}: {kib / 1024:.0f} MB" for pid, kib in sorted(peaks_kib.items()))
    worst = max(peaks_kib.values()) / 1024
    return f"Worker peak memory (VmHWM): {each}; max **{worst:.0f} MB** {_mark(worst < GOAL_MEMORY_MB)}  "


def _report(args: argparse.Namespace, run: Run, pages: list[Page]) -> str:
    tool = pages[0].load.tool if pages[0].load else "wrk"
    built = f"built in {run.built_in:.1f} s" if run.built_in is not None else "reused from an earlier run"
    return "\n".join(
        [
            f"## Province-scale benchmark, {datetime.now().astimezone():%Y-%m-%d %H:%M %z}, "
            f"code of {run.commit}",
            "",
            f"Command: `{' '.join(['.venv/bin/python -m bench.scale', *sys.argv[1:]])}`  ",
            f"Machine: {os.cpu_count()} cores (shared), PostgreSQL at {_server_of(args.database_url)}, "
            f"gunicorn {scale_http.WORKERS} sync workers, DEBUG off.  ",
            f"{run.size.line()} (data {built}).",
            "",
            f"Goal: every page p95 ≤ {GOAL_P95_MS:.0f} ms and ≤ {GOAL_P95_RATIO}× the admin changelist's "
            f"p95; worker peak memory < {GOAL_MEMORY_MB:.0f} MB; under load every page ≥ the admin "
            "changelist's requests/s with 0 errors.",
            "",
            f"### One request at a time ({args.rounds} rounds, pages shuffled in each, "
            f"after {WARM_UP_ROUNDS} warm-up rounds)",
            "",
            _sequential_table(pages),
            "",
            f"### Under load ({tool}, {args.concurrency} clients, {args.duration} s per page, "
            f"timeout {args.timeout:g} s)",
            "",
            _load_table(pages),
            "",
            _timeout_note(tool, args.timeout),
            "",
            _memory_line(run.peaks_kib),
            _restarts_line(run.worker_timeouts),
            "",
        ]
    )


def _restarts_line(worker_timeouts: int) -> str:
    if not worker_timeouts:
        return "No worker was killed for running past gunicorn's timeout."
    return (
        f"Gunicorn killed and replaced a worker {worker_timeouts} time(s) for running one request past its "
        "timeout (WORKER TIMEOUT, 30 s by default); its client got no answer."
    )


def _timeout_note(tool: str, timeout: float) -> str:
    note = f"A timeout is a request still unanswered after {timeout:g} s"
    if tool == "wrk":
        note += " (wrk checks every 2 s and counts a request again at each check while it stays unanswered)"
    return note + "; the median is of the requests answered in time."


def _commit() -> str:
    """The commit measured, and whether the working tree differs from it (read only: no index refresh)."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    head = _git(["rev-parse", "--short", "HEAD"], env) or "unknown"
    changed = _git(["status", "--porcelain", "--untracked-files=no"], env)
    return f"{head} + uncommitted changes" if changed else head


def _git(arguments: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(["git", *arguments], capture_output=True, text=True, env=env, cwd=RESULTS.parent)
    return result.stdout.strip()


def _server_of(url: str) -> str:
    return url.split("@")[-1]


def _save(report: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"scale-{datetime.now():%Y%m%d-%H%M%S}.md"
    path.write_text(report, encoding="utf-8")
    print(f"Written to {path.relative_to(RESULTS.parent.parent)}")


if __name__ == "__main__":
    main()
