"""Benchmark: the budget summary and the list of budget lines at 1,000 agencies × 6 measures × 5 years on
PostgreSQL.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.funding

It creates a throwaway database (``dancoso_bench_funding``) on the server of ``DATABASE_URL``, migrates it,
loads 1,000 agencies, a budget line per agency, measure and year over five years (30,000 lines) and two
spending entries per line, then times in-process requests (Django's test client) of the summary by measure
and agency, the list of a year's lines, the registry's funding section computed afresh, and, side by side,
the Django admin changelist of the same table. It prints and writes to ``bench/results/`` the p50 and p95
of each, in milliseconds, and the SQL queries per page.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import date
from pathlib import Path

from bench.petitions import _recreate
from bench.timing import page, timed

DATABASE = "dancoso_bench_funding"
AGENCIES = 1000
YEARS = (2022, 2023, 2024, 2025, 2026)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server: the benchmark is of PostgreSQL.")
    os.environ["DATABASE_URL"] = base.rsplit("/", 1)[0] + f"/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancoso.settings")
    _recreate(base, DATABASE)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    agencies = _agencies()
    count = _load(agencies)
    lines = [
        "# Funding on PostgreSQL",
        "",
        f"{AGENCIES:,} agencies × 6 measures × {len(YEARS)} years: {count:,} budget lines, two entries each.",
        "",
        "| page | p50 ms | p95 ms | queries |",
        "|---|---|---|---|",
    ]
    for label, p50, p95, queries in _measure(args.repeat, agencies[0]):
        lines.append(f"| {label} | {p50:.1f} | {p95:.1f} | {queries} |")
        print(lines[-1], flush=True)
    out = Path(__file__).parent / "results" / f"funding-{time.strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"Written to {out}")


def _agencies() -> list:
    from dancoso.agencies.models import Agency

    Agency.objects.bulk_create(
        Agency(code=f"BENCH{n:04d}", name=f"Cơ quan thử nghiệm {n:04d}", short_name=f"CQ {n:04d}")
        for n in range(AGENCIES)
    )
    return list(Agency.objects.order_by("pk"))


def _load(agencies: list) -> int:
    from django.db import connection

    from funding.models import MEASURE_CHOICES, BudgetLine, FundingSource, Spending

    rng = random.Random(2026)
    source = FundingSource.objects.first()
    lines = [
        BudgetLine(
            agency=agency, year=year, measure=measure, description=f"Kinh phí {measure}", source=source,
            estimate=rng.randint(5, 90) * 1_000_000, allocated=rng.randint(5, 80) * 1_000_000, spent=0,
        )
        for agency in agencies
        for year in YEARS
        for measure, _label in MEASURE_CHOICES
    ]  # fmt: skip
    BudgetLine.objects.bulk_create(lines, batch_size=5000)
    entries = [
        Spending(line=line, spent_on=date(line.year, month, 10), amount=rng.randint(1, 30) * 1_000_000)
        for line in BudgetLine.objects.only("pk", "year")
        for month in (4, 9)
    ]
    Spending.objects.bulk_create(entries, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE funding_budgetline SET spent = s.total FROM (SELECT line_id, SUM(amount) AS total "
            "FROM funding_spending GROUP BY line_id) s WHERE s.line_id = funding_budgetline.id"
        )
        cursor.execute("ANALYZE funding_budgetline")
    return len(lines)


def _measure(repeat: int, agency):
    from django.core.cache import cache
    from django.test import Client

    from dancoso.accounts.models import Role, User
    from dancoso.periods import Period
    from funding import indicators

    admin = User.objects.create_superuser(
        "bench-admin", "bench@example.gov.vn", "bench-password-2026", role=Role.PROVINCE_ADMIN
    )
    staff = User.objects.create_user(
        "bench-staff", "staff@example.gov.vn", "bench-password-2026", role=Role.AGENCY_STAFF, agency=agency
    )
    as_admin, as_staff = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    as_admin.force_login(admin)
    as_staff.force_login(staff)
    pages = [
        ("summary by measure and agency (admin)", as_admin, "/funding/summary/?year=2026"),
        ("summary (staff of one agency)", as_staff, "/funding/summary/?year=2026"),
        ("lines of 2026 (admin)", as_admin, "/funding/lines/?year=2026"),
        ("lines, measure=digital (admin)", as_admin, "/funding/lines/?year=2026&measure=digital"),
        ("admin changelist", as_admin, "/admin/funding/budgetline/"),
        ("admin changelist, year=2026", as_admin, "/admin/funding/budgetline/?year=2026"),
    ]
    for label, who, url in pages:
        yield (label, *timed(page(who, url), repeat))

    def afresh() -> None:
        cache.clear()
        indicators.section(Period(2026))

    yield ("registry section, computed afresh", *timed(afresh, repeat))


if __name__ == "__main__":
    main()
