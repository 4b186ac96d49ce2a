"""Where one page's time goes, on the province-scale data of ``bench.scale``.

Run: .venv/bin/python -m bench.profile_page /dashboard/ [/training/ ...] [--top 25]
                                            [--database-url postgres://postgres@127.0.0.1:5432/dancoso_bench]

Build the data first with ``python -m bench.scale`` (it stays in its own database). Each page is requested
through Django's test client as the Home Affairs account, once to warm up and once under cProfile, in
production settings (DEBUG off) like the served portal. For each page it prints the time of the first
request (with this process's caches cold) and of the profiled one, the number of SQL queries with the
time the database took, the slowest queries, the functions with the most time of their own, and the
project's functions with the most time including what they call.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import sysconfig
import time
from pathlib import Path
from typing import Any

from bench.scale_data import DEFAULT_DATABASE_URL

BASE_DIR = Path(__file__).resolve().parent.parent
SLOWEST_QUERIES = 5
# The project's own modules (not the virtualenv inside the project folder), for the second listing.
PROJECT_CODE = re.escape(str(BASE_DIR)) + r"/(?!\.venv/)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("paths", nargs="+", help="pages to profile, e.g. /dashboard/")
    parser.add_argument("--top", type=int, default=25, help="functions shown per listing (default 25)")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    args = parser.parse_args()
    _set_up(args.database_url)
    client = _client()
    for path in args.paths:
        print(_profile(client, path, args.top))


def _set_up(database_url: str) -> None:
    from bench.scale import production_env

    # The served portal's settings (the test client below asks for 127.0.0.1, an allowed host).
    os.environ.update(production_env(database_url))
    import django

    django.setup()


def _client() -> Any:
    from django.test import Client

    from bench.scale_data import bench_user

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(bench_user())
    return client


def _profile(client: Any, path: str, top: int) -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    warm_up = client.get(path)
    first_ms = (time.perf_counter() - started) * 1000
    if warm_up.status_code != 200:
        raise SystemExit(f"{path} answered {warm_up.status_code}")
    profile = cProfile.Profile()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        profile.runcall(client.get, path)
    elapsed = (time.perf_counter() - started) * 1000
    sql_ms = sum(float(query["time"]) for query in queries) * 1000
    header = (
        f"\n=== {path}: first request {first_ms:.0f} ms (cold caches), then {elapsed:.0f} ms under cProfile "
        f"with {len(queries)} queries taking {sql_ms:.0f} ms; {len(warm_up.content) / 1024:,.0f} KB"
    )
    return "\n".join(
        [
            header,
            _slowest(queries),
            _listing(profile, "tottime", top, "All functions by own time"),
            _listing(profile, "cumulative", top, "Project code by time with callees", PROJECT_CODE),
        ]
    )


def _slowest(queries: Any) -> str:
    ranked = sorted(queries, key=lambda query: float(query["time"]), reverse=True)[:SLOWEST_QUERIES]
    lines = [f"  {float(q['time']) * 1000:7.1f} ms  {q['sql'][:300]}" for q in ranked]
    return "Slowest queries:\n" + "\n".join(lines)


def _listing(profile: cProfile.Profile, key: str, top: int, title: str, only: str = "") -> str:
    out = io.StringIO()
    restrictions = [only, top] if only else [top]
    pstats.Stats(profile, stream=out).sort_stats(key).print_stats(*restrictions)
    body = out.getvalue()
    # Paths relative to the project or to site-packages, so that two modules named alike stay apart.
    for prefix in (sysconfig.get_path("purelib"), str(BASE_DIR)):
        body = body.replace(prefix + "/", "")
    # Drop pstats' preamble (totals and "Ordered by"), which the header already gives.
    return f"{title}:\n" + body[body.index("   ncalls") :]


if __name__ == "__main__":
    main()
