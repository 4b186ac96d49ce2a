"""Benchmark: the public library's search at 1,000 and 50,000 documents on PostgreSQL.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.library_search

It creates a throwaway database (``dancoso_bench_library``) on the server of ``DATABASE_URL``, migrates it
(with the trigram indexes of propaganda 0002), loads documents whose summaries mix the words of real ones,
and times in-process requests (Django's test client, so no network) of ``/portal/documents/?q=…`` for five
queries, the plain list without a query, and, side by side, the Django admin changelist of the same table
with its own search (``icontains`` on number and summary). It prints and writes to ``bench/results/`` the
p50 and p95 of each, in milliseconds, and the SQL queries per page.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

DATABASE = "dancoso_bench_library"
QUERIES = ("dan chu", "thanh tra nhan dan", "59/2023", "huong uoc quy uoc", "ke hoach trien khai nam")
WORDS = [
    "Luật Thực hiện dân chủ ở cơ sở",
    "quy định chi tiết",
    "hương ước, quy ước của cộng đồng dân cư",
    "Ban Thanh tra nhân dân",
    "kế hoạch triển khai thi hành",
    "tuyên truyền, phổ biến, giáo dục pháp luật",
    "công khai thông tin",
    "tiếp công dân",
    "giải quyết khiếu nại, tố cáo",
    "chế độ báo cáo",
    "công tác văn thư",
    "thi đua, khen thưởng",
    "chuyển đổi số",
    "kinh phí thực hiện",
    "năm 2024",
    "năm 2025",
    "năm 2026",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,50000")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server: the benchmark is of PostgreSQL's indexes.")
    os.environ["DATABASE_URL"] = base.rsplit("/", 1)[0] + f"/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancoso.settings")
    _recreate(base)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    lines = [
        "# Library search on PostgreSQL",
        "",
        "| documents | page | p50 ms | p95 ms | queries |",
        "|---|---|---|---|---|",
    ]
    loaded = 0
    for size in (int(value) for value in args.sizes.split(",")):
        loaded = _load(loaded, size)
        for label, _url, p50, p95, queries in _measure(args.repeat):
            lines.append(f"| {size:,} | {label} | {p50:.1f} | {p95:.1f} | {queries} |")
            print(lines[-1])
    out = Path(__file__).parent / "results" / f"library-search-{time.strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"Written to {out}")


def _recreate(base: str) -> None:
    import psycopg2

    connection = psycopg2.connect(base)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        cursor.execute(f"CREATE DATABASE {DATABASE}")
    connection.close()


def _load(loaded: int, size: int) -> int:
    """Documents up to ``size``, in batches, folded as the model's save() folds them."""
    from propaganda.models import DocumentType, LegalDocument
    from propaganda.search import searchable

    kind, _created = DocumentType.objects.get_or_create(name="Nghị định")
    rng = random.Random(size)
    batch = []
    for n in range(loaded, size):
        summary = " ".join(rng.sample(WORDS, 3)).capitalize()
        number = f"{n + 1}/{2000 + n % 26}/NĐ-CP"
        body = " ".join(rng.sample(WORDS, 8))
        document = LegalDocument(
            number=number,
            document_type=kind,
            issuing_body="Chính phủ",
            issue_date=date(2000, 1, 1) + timedelta(days=n % 9000),
            summary=summary,
            body=body,
            is_published=True,
            title_search=searchable(f"{number} {number.replace('/', ' ')} {summary} Chính phủ"),
            body_search=searchable(body),
        )
        batch.append(document)
        if len(batch) == 2000:
            LegalDocument.objects.bulk_create(batch)
            batch = []
    LegalDocument.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE propaganda_legaldocument")
    return size


def _measure(repeat: int):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from dancoso.accounts.models import User

    admin = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", "bench@example.gov.vn", "bench-password-2026"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    staff = Client(HTTP_HOST="127.0.0.1")
    staff.force_login(admin)
    pages = [("list, no query", client, "/portal/documents/")]
    pages += [(f"q={query}", client, f"/portal/documents/?q={query.replace(' ', '+')}") for query in QUERIES]
    pages += [("admin changelist", staff, "/admin/propaganda/legaldocument/")]
    pages += [("admin q=dân chủ", staff, "/admin/propaganda/legaldocument/?q=d%C3%A2n+ch%E1%BB%A7")]
    for label, who, url in pages:
        who.get(url)  # warm
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = who.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            who.get(url)
        times.sort()
        yield label, url, statistics.median(times), times[int(len(times) * 0.95) - 1], len(queries)


if __name__ == "__main__":
    main()
