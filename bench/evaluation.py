"""Benchmark: the yearly evaluation and ranking of agencies at 44 and at 1,000 agencies on PostgreSQL.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.evaluation

It creates a throwaway database (``dancoso_bench_evaluation``) on the server of ``DATABASE_URL``, migrates
it and, for each size in turn (44 agencies, then 956 more), loads departments, public service units and
districts with the records the default rubric's computed criteria read: petitions over two years,
disclosures of the required categories, consultations, the staff conference, the emulation pledge and
budget lines with their spending. At each size, once no test run is using the CPU (it waits up to 20
minutes), it measures:
1. the whole province's points: ``evaluation_open`` of a year just prepared with the default rubric,
   ``evaluation_refresh`` with nothing changed, and again after the spending of one agency in ten has
   changed, each run with the cache cleared first so that the registry computes its figures afresh;
2. in-process requests (Django's test client) of the ranking page, filtered and sorted, its Excel export
   and a scorecard, as Home Affairs and as the staff of one agency, once most scorecards are submitted;
   side by side the Django admin changelists of scorecards and criterion scores; ``ranking_of`` alone and
   the registry's §3 section (which holds the ranking) computed afresh.
It prints and writes to ``bench/results/`` the p50 and p95 of each, in milliseconds, and the SQL queries,
the two sizes side by side for the computations.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.funding import _load as load_budget_lines
from bench.petitions import TODAY, _recreate
from bench.petitions import _load as load_petitions
from bench.scale import _commit
from bench.timing import page, timed

DATABASE = "dancoso_bench_evaluation"
YEAR = TODAY.year
PETITIONS_PER_AGENCY = 20
# The kinds the People's Committee ranks, in turn; the names their agencies get.
KINDS = {"department": "Sở", "public_unit": "Đơn vị sự nghiệp", "district": "UBND huyện"}
# Before each refresh "after a change", the spending of one agency in this many goes up.
CHANGED_EVERY = 10
# Scorecards left as drafts (their claimed points do not count), one in this many.
DRAFT_EVERY = 5
QUIET_WAIT_SECONDS = 20 * 60
QUIET_POLL_SECONDS = 30
EVALUATION_MODELS = ("EvidenceFile", "CriterionScore", "AgencyEvaluation", "Criterion", "Evaluation")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="44,1000")
    parser.add_argument("--repeat", type=int, default=20, help="requests timed per page")
    parser.add_argument("--rounds", type=int, default=8, help="computations timed per size")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server: the benchmark is of PostgreSQL.")
    os.environ["DATABASE_URL"] = base.rsplit("/", 1)[0] + f"/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancoso.settings")
    # The code measured is the working tree as the benchmark starts, whatever is committed meanwhile.
    conditions = [f"code of {_commit()}"]
    _recreate(base, DATABASE)
    import django

    django.setup()
    from unittest import mock

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    sizes = [int(value) for value in args.sizes.split(",")]
    agencies: list = []
    computed: dict[int, list[tuple]] = {}
    pages = []
    # The petitions were generated as of TODAY; the figures count them as of the same day.
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        for size in sizes:
            agencies += _load(len(agencies), size)
            conditions.append(f"at {size:,} agencies {_wait_until_quiet()}")
            computed[size] = []
            for row in _computations(args.rounds, agencies):
                computed[size].append(row)
                print(f"{size:,} agencies | {' | '.join(_cells(row))}", flush=True)
            _complete_scorecards(agencies[0], random.Random(size))
            for label, p50, p95, queries in _pages(args.repeat, agencies[0]):
                pages.append(f"| {size:,} | {label} | {p50:.1f} | {p95:.1f} | {queries} |")
                print(pages[-1], flush=True)
    lines = [*_header(sizes, conditions), *_computation_table(sizes, computed), *_page_table(pages)]
    out = Path(__file__).parent / "results" / f"evaluation-{time.strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"Written to {out}")


def _wait_until_quiet() -> str:
    """Wait until no test run is using the CPU (the machine has two cores), at most 20 minutes.

    Answers how the timed part began, for the results: the load average, or that tests were still running.
    """
    deadline = time.monotonic() + QUIET_WAIT_SECONDS
    while subprocess.run(["pgrep", "-f", "pytest"], capture_output=True, check=False).returncode == 0:
        if time.monotonic() > deadline:
            return "test runs were still busy after 20 minutes of waiting, measured anyway"
        print("A test run is using the CPU: waiting.", flush=True)
        time.sleep(QUIET_POLL_SECONDS)
    return f"no test run when measuring began, load average {os.getloadavg()[0]:.2f}"


# The data ----------------------------------------------------------------------------------------------


def _load(loaded: int, size: int) -> list:
    """The agencies after the first ``loaded`` up to ``size``, with their records; the new agencies."""
    from django.db import connection

    from funding.models import Spending

    new = _agencies(loaded, size)
    load_petitions(loaded * PETITIONS_PER_AGENCY, size * PETITIONS_PER_AGENCY, new)
    _records(new, random.Random(size))
    # Funding's loader gives every line in the table two spending entries: the earlier agencies' entries
    # go first, so that their lines are not counted twice.
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Spending._meta.db_table}")
    load_budget_lines(new)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return new


def _agencies(loaded: int, size: int) -> list:
    """Departments, public service units and districts in turn, coded as ``bench.scale_data`` codes them,
    so that its Home Affairs account (``bench_user``) finds its department and ``bench.profile_page``
    can profile a page of this database."""
    from dancoso.agencies.models import Agency

    kinds = list(KINDS)
    new = []
    for number in range(loaded + 1, size + 1):
        kind = kinds[(number - 1) % len(kinds)]
        name = f"{KINDS[kind]} thử nghiệm {number}"
        code = f"bench-{kind.replace('_', '-')}-{number}"
        new.append(Agency(code=code, name=name, short_name=name, kind=kind, display_order=number))
    return Agency.objects.bulk_create(new)


def _records(agencies: list, rng: random.Random) -> None:
    """The year's disclosures (half the agencies disclose every required category, the others most),
    consultations, staff conferences (some late or without a quorum) and emulation pledges."""
    from accountability.models import Consultation, Disclosure, DisclosureCategory, StaffConference
    from dancoso.periods import Period
    from emulation.models import Campaign, Pledge

    start = Period(YEAR).start
    days = (TODAY - start).days
    required = list(DisclosureCategory.objects.filter(is_required=True))
    campaign, _ = Campaign.objects.get_or_create(
        year=YEAR,
        defaults={
            "title": f"Phong trào thi đua thực hiện dân chủ ở cơ sở năm {YEAR}",
            "content": "Thi đua thực hiện tốt dân chủ ở cơ sở.",
            "starts_on": date(YEAR, 1, 1),
            "ends_on": date(YEAR, 12, 31),
        },
    )
    disclosures, consultations, conferences, pledges = [], [], [], []
    for agency in agencies:
        complete = rng.random() < 0.5
        disclosures += [
            Disclosure(
                agency=agency, category=category, year=YEAR, title=f"Công khai: {category.name[:200]}",
                disclosed_on=start + timedelta(days=rng.randrange(days)),
            )
            for category in required
            if complete or rng.random() < 0.8
        ]  # fmt: skip
        consultations += [
            Consultation(
                agency=agency, matter="Quy chế chi tiêu nội bộ", kind="comment", participation="meeting",
                started_on=start + timedelta(days=rng.randrange(days)),
            )
            for _ in range(rng.randint(0, 2))
        ]  # fmt: skip
        if rng.random() < 0.9:
            summoned = rng.randint(20, 150)
            conferences.append(
                StaffConference(
                    agency=agency, year=YEAR - 1, held_on=date(YEAR, rng.choice((1, 2, 3, 3, 4)), 15),
                    summoned=summoned, present=rng.randint(summoned // 2, summoned),
                )
            )  # fmt: skip
        if rng.random() < 0.85:
            status = rng.choice(("sent", "approved", "approved", "draft"))
            targets = "Hoàn thành xuất sắc nhiệm vụ."
            pledges.append(
                Pledge(campaign=campaign, agency=agency, collective_targets=targets, status=status)
            )
    for model, rows in (
        (Disclosure, disclosures),
        (Consultation, consultations),
        (StaffConference, conferences),
        (Pledge, pledges),
    ):
        model.objects.bulk_create(rows, batch_size=5000)


# The computations ----------------------------------------------------------------------------------------


def _computations(rounds: int, agencies: list) -> Iterator[tuple[str, float, float, int, int]]:
    """Open, refresh unchanged, refresh after a change: p50 and p95 ms, queries, scores written."""
    from django.core.cache import cache
    from django.db.models import F

    from accountability.models import Evaluation
    from accountability.services import evaluation as services
    from bench.scale_data import bench_user
    from funding.models import BudgetLine

    admin = bench_user()

    def open_prepared(_round: int) -> Callable[[], Any]:
        _clear_evaluations()
        evaluation = services.evaluation_prepare(year=YEAR, actor=admin)
        cache.clear()
        return lambda: services.evaluation_open(evaluation=evaluation, actor=admin)

    def refresh(_round: int) -> Callable[[], Any]:
        evaluation = Evaluation.objects.get(year=YEAR)
        cache.clear()
        return lambda: services.evaluation_refresh(evaluation=evaluation, actor=admin)

    def refresh_changed(round_: int) -> Callable[[], Any]:
        changed = agencies[round_ % CHANGED_EVERY :: CHANGED_EVERY]
        BudgetLine.objects.filter(agency__in=changed, year=YEAR).update(spent=F("spent") + 3_000_000)
        return refresh(round_)

    yield ("evaluation_open (first computation)", *_rounds(open_prepared, rounds))
    yield ("evaluation_refresh, nothing changed", *_rounds(refresh, rounds))
    yield (f"evaluation_refresh, 1 agency in {CHANGED_EVERY} changed", *_rounds(refresh_changed, rounds))


def _rounds(prepare: Callable[[int], Callable[[], Any]], rounds: int) -> tuple[float, float, int, int]:
    """Time ``rounds`` runs of what ``prepare`` answers, after one run to warm up; each run is counted.

    Answers the p50 and p95 in milliseconds, and the SQL queries and the scores written (history
    records of criterion scores added) of the last run.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accountability.models import CriterionScore

    times = []
    for round_ in range(rounds + 1):
        call = prepare(round_)
        before = CriterionScore.history.count()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            call()
            elapsed = (time.perf_counter() - started) * 1000
        written = CriterionScore.history.count() - before
        if round_:
            times.append(elapsed)
    times.sort()
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)], len(queries), written


def _clear_evaluations() -> None:
    """Empty the evaluation's tables (not their history), so that the year can be prepared again.

    Deleting through the ORM would write a history record for each of the thousands of scores, one by one.
    """
    from django.apps import apps
    from django.db import connection

    tables = ", ".join(apps.get_model("accountability", name)._meta.db_table for name in EVALUATION_MODELS)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables}")


def _complete_scorecards(agency: Any, rng: random.Random) -> None:
    """Most agencies claim their manual points and submit, one in five stays a draft.

    The rows go in by bulk update, without history (load, not anyone's work), except the scorecard the
    pages show: its agency's staff completes and submits it, and Home Affairs adjusts one of its scores.
    """
    from django.utils import timezone

    from accountability.models import AgencyEvaluation, CriterionKind, CriterionScore, ScorecardStatus
    from bench.scale_data import bench_user

    staff = _staff(agency)
    own = AgencyEvaluation.objects.select_related("evaluation").get(evaluation__year=YEAR, agency=agency)
    evaluation = own.evaluation
    scores = CriterionScore.objects.filter(scorecard__evaluation=evaluation).select_related("criterion")
    manual = list(scores.filter(criterion__kind=CriterionKind.MANUAL).exclude(scorecard=own))
    for score in manual:
        score.claimed = Decimal(rng.randint(0, int(score.criterion.max_points)))
        score.evidence = "Báo cáo kết quả thực hiện, kèm văn bản chứng minh."
    CriterionScore.objects.bulk_update(manual, ["claimed", "evidence"], batch_size=5000)
    cards = list(evaluation.scorecards.exclude(pk=own.pk).values_list("pk", flat=True))
    submitted = [pk for pk in cards if rng.randrange(DRAFT_EVERY)]
    AgencyEvaluation.objects.filter(pk__in=submitted).update(
        status=ScorecardStatus.SUBMITTED, submitted_at=timezone.now(), self_assessment="Hoàn thành tốt."
    )
    _complete_own(own, scores.filter(scorecard=own), staff, bench_user())


def _complete_own(own: Any, scores: Any, staff: Any, admin: Any) -> None:
    from accountability.models import CriterionKind
    from accountability.services import evaluation as services

    claims = {
        score.pk: (score.criterion.max_points, "Báo cáo kết quả giám sát, văn bản tiếp thu.")
        for score in scores.filter(criterion__kind=CriterionKind.MANUAL)
    }
    services.scorecard_save(scorecard=own, self_assessment="Hoàn thành tốt.", claims=claims, actor=staff)
    services.scorecard_submit(scorecard=own, actor=staff)
    computed = scores.filter(criterion__kind=CriterionKind.COMPUTED)
    score = computed.select_related("scorecard__evaluation").first()
    services.score_adjust(
        score=score, points=score.criterion.max_points, reason="Đã bổ sung số liệu còn thiếu.", actor=admin
    )


def _staff(agency: Any) -> Any:
    from dancoso.accounts.models import Role, User

    return User.objects.filter(username="bench-staff").first() or User.objects.create_user(
        "bench-staff", "staff@example.gov.vn", "bench-password-2026", role=Role.AGENCY_STAFF, agency=agency
    )


# The pages ---------------------------------------------------------------------------------------------


def _pages(repeat: int, agency: Any) -> Iterator[tuple[str, float, float, int]]:
    from django.core.cache import cache
    from django.test import Client

    from accountability.models import Evaluation
    from accountability.selectors.evaluation import ranking_of
    from bench.scale_data import bench_user
    from dancoso import indicators
    from dancoso.periods import Period

    as_admin, as_staff = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    as_admin.force_login(bench_user())
    as_staff.force_login(_staff(agency))
    ranking = f"/accountability/evaluation/{YEAR}/"
    pages = [
        ("ranking (admin)", as_admin, ranking),
        ("ranking, level=good, sorted by name (admin)", as_admin, f"{ranking}?level=good&sort=name"),
        ("ranking, submitted, by score, page 2 (admin)", as_admin, f"{ranking}?status=submitted&page=2"),
        ("ranking exported to Excel (admin)", as_admin, f"{ranking}?export=xlsx"),
        ("scorecard (admin)", as_admin, f"{ranking}{agency.pk}/"),
        ("ranking (staff of one agency)", as_staff, ranking),
        ("scorecard (staff of the agency)", as_staff, f"{ranking}{agency.pk}/"),
        ("admin changelist of scorecards", as_admin, "/admin/accountability/agencyevaluation/"),
        ("admin changelist of criterion scores", as_admin, "/admin/accountability/criterionscore/"),
        (
            "admin changelist of criterion scores, kind=manual",
            as_admin,
            "/admin/accountability/criterionscore/?criterion__kind__exact=manual",
        ),
    ]
    for label, who, url in pages:
        yield (label, *timed(page(who, url), repeat))
    evaluation = Evaluation.objects.get(year=YEAR)
    yield ("ranking_of(evaluation) alone", *timed(lambda: ranking_of(evaluation), repeat))

    def afresh() -> None:
        cache.clear()
        indicators.section_for("accountability", Period(YEAR))

    yield ("registry's §3 section with the ranking, computed afresh", *timed(afresh, repeat))


# The report --------------------------------------------------------------------------------------------


def _cells(row: tuple) -> list[str]:
    label, p50, p95, queries, written = row
    return [label, f"{p50:.1f}", f"{p95:.1f}", str(queries), f"{written:,}"]


def _header(sizes: list[int], conditions: list[str]) -> list[str]:
    counts = " and ".join(f"{size:,}" for size in sizes)
    return [
        "# Evaluation and ranking on PostgreSQL",
        "",
        f"The year {YEAR} prepared with the default rubric (19 criteria) at {counts} agencies (departments, "
        f"public service units and districts), each with {PETITIONS_PER_AGENCY} petitions over two years, "
        "its disclosures, consultations, staff conference, emulation pledge, and 30 budget lines with two "
        "spending entries each. The cache is cleared before every computation, so that the registry "
        "computes its figures afresh. Pages as Home Affairs (admin) and as staff of one agency (staff), "
        "once four scorecards in five are submitted.",
        "",
        "Conditions: " + "; ".join(conditions) + ".",
    ]


def _computation_table(sizes: list[int], computed: dict[int, list[tuple]]) -> list[str]:
    heads = [f"{size:,} agencies: p50 ms | p95 ms | queries | scores written" for size in sizes]
    lines = [
        "",
        "## Computing every agency's points",
        "",
        f"| computation | {' | '.join(heads)} |",
        "|---|" + "---|---|---|---|" * len(sizes),
    ]
    for index, row in enumerate(computed[sizes[0]]):
        cells = [" | ".join(_cells(computed[size][index])[1:]) for size in sizes]
        lines.append(f"| {row[0]} | {' | '.join(cells)} |")
    return lines


def _page_table(pages: list[str]) -> list[str]:
    head = ["", "## Pages", "", "| agencies | page | p50 ms | p95 ms | queries |", "|---|---|---|---|---|"]
    return head + pages


if __name__ == "__main__":
    main()
