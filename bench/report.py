"""Benchmark: one version of the yearly report, stage by stage, on the demo data and on ten times it.

Run: .venv/bin/python -m bench.report [--factor 10] [--repeat 5] [--no-pdf]

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
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per stage (median shown)")
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
    scale_up(args.factor)
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


def scale_up(factor: int) -> None:
    """Make ``factor`` times the people, enrolments and attendance marks of the demo data.

    Every person is copied ``factor - 1`` times in the same agency with the same flags; every enrolment is
    copied for each copy of its person in the same class, and every attendance mark for each copy of its
    enrolment. The copies keep the demo's proportions, so each figure grows by the factor. Plain bulk
    inserts without history: this is load for a benchmark, not a record of anyone's work.
    """
    from django.db import transaction
    from django.db.models import F

    from dancoso.agencies.models import Person
    from training.models import Attendance, Enrolment, TrainingClass

    with transaction.atomic():
        people = _copies(Person, Person.objects.order_by("pk"), factor, {}, rename=True)
        enrolments = _copies(Enrolment, Enrolment.objects.order_by("pk"), factor, {"person_id": people})
        _copies(Attendance, Attendance.objects.order_by("pk"), factor, {"enrolment_id": enrolments})
        # The rosters are now larger than the classes' seats; widen them so the data stays plausible.
        TrainingClass.objects.update(capacity=F("capacity") * factor)


def _copies(
    model: Any,
    originals: Any,
    factor: int,
    remap: dict[str, dict[tuple[int, int], int]],
    rename: bool = False,
) -> dict[tuple[int, int], int]:
    """Insert ``factor - 1`` copies of each row; answer {(original pk, copy number): copy pk}.

    ``remap`` points a foreign key of copy number k at the k-th copy of the row it referred to.
    """
    fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    rows = list(originals.values("pk", *fields))
    keys, objects = [], []
    for copy_number in range(1, factor):
        for row in rows:
            values = {name: row[name] for name in fields}
            for name, mapping in remap.items():
                values[name] = mapping[(values[name], copy_number)]
            if rename:
                values["full_name"] = f"{values['full_name']} ({copy_number})"
            keys.append((row["pk"], copy_number))
            objects.append(model(**values))
    created = model.objects.bulk_create(objects, batch_size=500)
    return {key: obj.pk for key, obj in zip(keys, created, strict=True)}


def _measure(label: str, report: Any, actor: Any, repeat: int, with_pdf: bool) -> Result:
    """Time each stage, trace its memory in a second pass, then generate one real version end to end."""
    from reporting import services, snapshot
    from reporting.documents.docx import build_docx
    from reporting.documents.pdf import convert_to_pdf
    from reporting.documents.xlsx import build_xlsx

    result = Result(label=label, rows=_row_counts())
    period = _period(report)
    meta = services.document_meta(report)
    figures, result.queries = _snapshot_with_queries(period)
    result.enrolled_figure = _enrolled(figures)
    # One untimed run of each builder first, so imports and caches do not count against the first dataset.
    docx = build_docx(figures, meta)
    build_xlsx(figures, meta)
    stages: dict[str, Callable[[], Any]] = {
        "snapshot": lambda: snapshot.take(period),
        "docx": lambda: build_docx(figures, meta),
        "xlsx": lambda: build_xlsx(figures, meta),
    }
    result.times = {name: _median_ms(stage, repeat) for name, stage in stages.items()}
    if with_pdf:
        # One run: LibreOffice starts afresh each time, so repeating measures the same start-up again.
        result.times["pdf"] = _median_ms(lambda: convert_to_pdf(docx), 1)
    result.peaks = {name: _peak_mib(stage) for name, stage in stages.items()}
    result.end_to_end, result.version_status = _generate_version(report, actor)
    result.max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.max_rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


def _row_counts() -> dict[str, int]:
    from dancoso.agencies.models import Person
    from training.models import Attendance, Enrolment

    return {
        "People in the register": Person.objects.count(),
        "Enrolments": Enrolment.objects.count(),
        "Confirmed trainees": Enrolment.objects.confirmed().count(),
        "Attendance marks": Attendance.objects.count(),
    }


def _period(report: Any) -> Any:
    from dancoso.periods import Period

    return Period(report.year)


def _snapshot_with_queries(period: Any) -> tuple[dict[str, Any], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reporting import snapshot

    with CaptureQueriesContext(connection) as queries:
        figures = snapshot.take(period)
    return figures, len(queries)


def _enrolled(figures: dict[str, Any]) -> Any:
    """The "trainees enrolled" figure of the year, to show that the snapshot did see the larger data."""
    for section in figures["sections"]:
        if section["key"] == "training" and len(section["indicators"]) > 1:
            return section["indicators"][1]["value"]
    return None


def _median_ms(stage: Callable[[], Any], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        stage()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def _peak_mib(stage: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        stage()
        return tracemalloc.get_traced_memory()[1] / MIB
    finally:
        tracemalloc.stop()


def _generate_version(report: Any, actor: Any) -> tuple[float, str]:
    """One version through the real services: request, in-process task, files written, row marked."""
    from reporting.services import version_request

    started = time.perf_counter()
    version = version_request(report=report, actor=actor)
    elapsed = (time.perf_counter() - started) * 1000
    version.refresh_from_db()
    return elapsed, version.status


def _table(results: list[Result], repeat: int, with_pdf: bool) -> str:
    lines: list[tuple[str, list[str]]] = [("", [r.label for r in results])]
    for name in results[0].rows:
        lines.append((name, [f"{r.rows[name]:,}" for r in results]))
    lines.append(("Snapshot figure: trainees enrolled", [str(r.enrolled_figure) for r in results]))
    lines.append(("Snapshot SQL queries", [str(r.queries) for r in results]))
    stage_names = {"snapshot": "Snapshot", "docx": "DOCX", "xlsx": "XLSX", "pdf": "PDF (LibreOffice, 1 run)"}
    for key, name in stage_names.items():
        if key in results[0].times:
            lines.append((f"{name} (ms)", [f"{r.times[key]:.0f}" for r in results]))
    lines.append(("Sum of the stages (ms)", [f"{sum(r.times.values()):.0f}" for r in results]))
    lines.append(("Whole version via services (ms)", [f"{r.end_to_end:.0f}" for r in results]))
    lines.append(("Version status", [r.version_status for r in results]))
    for key in ("snapshot", "docx", "xlsx"):
        lines.append(
            (f"Peak Python memory, {stage_names[key]} (MiB)", [f"{r.peaks[key]:.1f}" for r in results])
        )
    lines.append(("Max RSS of this process so far (MiB)", [f"{r.max_rss:.0f}" for r in results]))
    if with_pdf:
        lines.append(("Max RSS of LibreOffice (MiB)", [f"{r.max_rss_children:.0f}" for r in results]))
    width = max(len(name) for name, _ in lines)
    body = "\n".join(f"{name:<{width}}  " + "  ".join(f"{v:>10}" for v in values) for name, values in lines)
    note = (
        f"Times are the median of {repeat} runs (PDF: one run). "
        "Max RSS only ever grows, so the second column includes the first run."
    )
    pdf = "" if with_pdf else "PDF skipped (LibreOffice not installed or --no-pdf).\n"
    return f"\nYearly report generation, one version\n{body}\n{note}\n{pdf}"


if __name__ == "__main__":
    main()
