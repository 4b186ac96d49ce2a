"""How the benchmarks time a page or a call: warm once, time ``repeat`` runs, count the SQL of one more."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def timed(call: Callable[[], Any], repeat: int) -> tuple[float, float, int]:
    """The p50 and p95 of ``call`` in milliseconds, and the SQL queries of one run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        call()
    times.sort()
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)], len(queries)


def page(client: Any, url: str) -> Callable[[], Any]:
    """A request of ``url`` that must answer 200."""

    def get() -> Any:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return get
