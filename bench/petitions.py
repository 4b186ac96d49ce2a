"""Benchmark: the petition list and the overdue view at 10,000 and 100,000 petitions on PostgreSQL.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.petitions

It creates a throwaway database (``dancoso_bench_petitions``) on the server of ``DATABASE_URL``, migrates
it, loads 1,000 agencies and petitions spread over two years in every state (about one in twelve open past
its deadline), and times in-process requests (Django's test client, so no network) of the staff pages as
Home Affairs and as the staff of one agency — the petition list, its first page filtered by status, the
overdue view — and, side by side, the Django admin changelist of the same table. It prints and writes to
``bench/results/`` the p50 and p95 of each, in milliseconds, and the SQL queries per page.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import date, timedelta
from pathlib import Path

from bench.timing import page, timed

DATABASE = "dancoso_bench_petitions"
AGENCIES = 1000
TODAY = date(2026, 12, 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server: the benchmark is of PostgreSQL.")
    os.environ["DATABASE_URL"] = base.rsplit("/", 1)[0] + f"/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancoso.settings")
    _recreate(base)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    agencies = _agencies()
    lines = [
        "# Petitions on PostgreSQL",
        "",
        f"{AGENCIES:,} agencies; pages as Home Affairs (admin) and as staff of one agency (staff).",
        "",
        "| petitions | page | p50 ms | p95 ms | queries |",
        "|---|---|---|---|---|",
    ]
    loaded = 0
    for size in (int(value) for value in args.sizes.split(",")):
        loaded = _load(loaded, size, agencies)
        for label, p50, p95, queries in _measure(args.repeat, agencies[0]):
            lines.append(f"| {size:,} | {label} | {p50:.1f} | {p95:.1f} | {queries} |")
            print(lines[-1], flush=True)
    out = Path(__file__).parent / "results" / f"petitions-{time.strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"Written to {out}")


def _recreate(base: str, database: str = DATABASE) -> None:
    """A fresh, empty database of that name on the server of ``base`` (every benchmark uses its own)."""
    import psycopg2

    connection = psycopg2.connect(base)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {database}")
        cursor.execute(f"CREATE DATABASE {database}")
    connection.close()


def _agencies() -> list:
    from dancoso.agencies.models import Agency

    Agency.objects.bulk_create(
        Agency(code=f"BENCH{n:04d}", name=f"Cơ quan thử nghiệm {n:04d}", short_name=f"CQ {n:04d}")
        for n in range(AGENCIES)
    )
    return list(Agency.objects.order_by("pk"))


def _load(loaded: int, size: int, agencies: list) -> int:
    """Petitions up to ``size``: received over two years, the older mostly answered, one in twelve overdue."""
    from accountability.models import Petition, PetitionField
    from accountability.models.petitions import new_code

    fields = list(PetitionField.objects.all())
    rng = random.Random(size)
    batch = []
    for n in range(loaded, size):
        received = TODAY - timedelta(days=rng.randint(0, 730))
        deadline = received + timedelta(days=21)
        roll = rng.random()
        answered = deadline - timedelta(days=rng.randint(0, 15)) if roll < 0.7 and deadline < TODAY else None
        status = "closed" if answered and roll < 0.5 else "answered" if answered else "in_progress"
        if status == "in_progress" and deadline >= TODAY:
            status = "assigned"
        elif status == "in_progress" and rng.random() < 0.7:
            # Most of those past their deadline were answered late; the rest are the overdue.
            answered, status = deadline + timedelta(days=rng.randint(1, 20)), "closed"
        batch.append(
            Petition(
                code=new_code(),
                source="portal",
                sender_name=f"Người gửi {n}",
                sender_phone=f"09{n:08d}",
                agency=rng.choice(agencies),
                field=rng.choice(fields),
                title=f"Phản ánh số {n} về thủ tục hành chính",
                content="Đề nghị cơ quan xem xét, trả lời.",
                status=status,
                received_on=received,
                assigned_on=received,
                deadline=deadline,
                answered_on=min(answered, TODAY) if answered else None,
                answered_in_time=(answered <= deadline) if answered else None,
                consent=True,
            )
        )
        if len(batch) == 5000:
            Petition.objects.bulk_create(batch)
            batch = []
    Petition.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE accountability_petition")
    return size


def _measure(repeat: int, agency):
    from unittest import mock

    from django.test import Client

    from dancoso.accounts.models import Role, User

    admin = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", "bench@example.gov.vn", "bench-password-2026", role=Role.PROVINCE_ADMIN
    )
    staff = User.objects.filter(username="bench-staff").first() or User.objects.create_user(
        "bench-staff", "staff@example.gov.vn", "bench-password-2026", role=Role.AGENCY_STAFF, agency=agency
    )
    as_admin, as_staff = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    as_admin.force_login(admin)
    as_staff.force_login(staff)
    pages = [
        ("petition list (admin)", as_admin, "/accountability/petitions/"),
        ("list, status=in progress (admin)", as_admin, "/accountability/petitions/?status=in_progress"),
        ("overdue view (admin)", as_admin, "/accountability/petitions/overdue/"),
        ("petition list (staff)", as_staff, "/accountability/petitions/"),
        ("overdue view (staff)", as_staff, "/accountability/petitions/overdue/"),
        ("admin changelist", as_admin, "/admin/accountability/petition/"),
        (
            "admin changelist, status=in progress",
            as_admin,
            "/admin/accountability/petition/?status__exact=in_progress",
        ),
    ]
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        for label, who, url in pages:
            yield (label, *timed(page(who, url), repeat))


if __name__ == "__main__":
    main()
