"""Benchmark: time and query count of the dashboard for growing registers.

Run: .venv/bin/python -m bench.dashboard [--agencies 10 200 2000]
It creates a throwaway SQLite database in a temporary folder, so the project's data is untouched.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agencies", type=int, nargs="+", default=[10, 200, 2000])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="dancoso-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancoso.settings")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    for count in args.agencies:
        print(_measure(count, args.repeat))


def _measure(agencies: int, repeat: int) -> str:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.generate import populate

    user = populate(agencies=agencies, people_per_agency=10)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/dashboard/")
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    median_ms = statistics.median(timings) * 1000
    return f"{agencies:>6} agencies: {len(queries)} queries, median {median_ms:.1f} ms over {repeat} requests"


if __name__ == "__main__":
    main()
