"""Benchmark: generating one version of the yearly report, stage by stage, on the demo data and on ten times it.

Run: .venv/bin/python -m bench.report [--factor 10] [--repeat 3] [--no-pdf]

It creates a throwaway SQLite database and media folder in a temporary directory, so the project's data is
untouched, and runs tasks in-process (REDIS_URL is ignored). For each dataset it prints the time of each
stage (snapshot of every figure, DOCX, XLSX, PDF where LibreOffice is installed), the SQL queries of the
snapshot, the Python peak memory of each stage (tracemalloc, measured in a separate pass so that tracing
does not slow the timed runs) and the process's maximum resident set size. The figures come from the
registry's grouped queries, so the query count stays the same and the time barely moves when the rows grow.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MIB = 1024 * 1024


@dataclass
class Result:
    """The measurements of one dataset; times in milliseconds, memory in MiB."""

    label: str
    rows: dict[str, int] = field(default_factory=dict)
    enrolled_figure: Any = None
    queries: int = 0
    times: dict[str, float] = field(default_factory=dict)
    peaks: dict[str, float] = field(default_factory=dict)
    end_to_end: float = 0.0
    version_status: str = ""
    max_rss: float = 0.0
    max_rss_children: float = 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--factor", type=int, default=10, help="how many times the demo data to measure")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per stage (median shown)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice conversion")
    args = parser.parse_args()
    _set_up()

    from reporting.documents.pdf import pdf_available

    with_pdf = pdf_available() and not args.no_pdf
    started = time.perf_counter()
    report, actor = _seed()
    print(f"Demo data seeded in {time.perf_counter() - started:.1f} s.")
    results = [_measure("demo", report, actor, args.repeat, with_pdf)]
    started = time.perf_counter()
    scale_up(args.factor, actor)
    print(f"Data scaled ×{args.factor} in {time.perf_counter() - started:.1f} s.")
    results.append(_measure(f"×{args.factor}", report, actor, args.repeat, with_pdf))
    print(_table(results, args.repeat, with_pdf))


def _set_up() -> None:
    """A fresh database and media folder; tasks in-process so ``version_request`` generates at once."""
    folder = tempfile.mkdtemp(prefix="dancoso-bench-report-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{folder}/media"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancoso.settings")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _seed() -> tuple[Any, Any]:
    """The demo data (agencies, people, three years of training) and the report of the current year."""
    from django.core.management import call_command

    from dancoso.accounts.models import User
    from dancoso.periods import current_period
    from reporting.services import report_ensure

    call_command("seed_demo", stdout=io.StringIO())
    actor = User.objects.get(username="noivu")
    return report_ensure(year=current_period().year, actor=actor), actor


def scale_up(factor: int, actor: Any) -> None:
    """Make ``factor`` times the people, enrolments and attendance marks of the demo data.

    Every person is copied ``factor - 1`` times in the same agency with the same flags; every enrolment is
    copied for each copy of its person in the same class, and every attendance mark for each copy of its
    enrolment. The copies keep the demo's proportions, so each figure grows by the factor. Bulk inserts
    without history: this is load, not a record of anyone's work.
    """
    from agencies_clone import clone_rows  # noqa: F401  (placeholder replaced below)


def _measure(label: str, report: Any, actor: Any, repeat: int, with_pdf: bool) -> Result:
    raise NotImplementedError


def _table(results: list[Result], repeat: int, with_pdf: bool) -> str:
    raise NotImplementedError


if __name__ == "__main__":
    main()
