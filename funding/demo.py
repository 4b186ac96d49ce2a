"""Demo budget lines (Art. 2): every agency with staff budgets the measures this year and last, with
spending entries; a few spent above what was allocated, a few point at the activity they pay for.

Safe to run twice: nothing is added once a line exists. Amounts are illustrative, in whole đồng, and no
spending is dated after the day the demo is seeded.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

import funding.models
from dancoso.accounts.models import User
from dancoso.agencies.models import Agency
from dancoso.core.activities import activity_choices
from dancoso.periods import current_period
from funding.defaults import ensure
from funding.models import BudgetLine, FundingSource, Spending

ACTOR_USERNAME = "noivu"
# (measure, content, estimate range in millions of đồng)
ITEMS = (
    ("training", "Cử cán bộ, thành viên Ban Thanh tra nhân dân dự lớp bồi dưỡng", (8, 25)),
    ("propaganda", "Tuyên truyền, phổ biến pháp luật về dân chủ ở cơ sở", (10, 40)),
    (
        "accountability",
        "Tổ chức hội nghị cán bộ, công chức, viên chức và hoạt động Ban Thanh tra nhân dân",
        (15, 50),
    ),
    ("emulation", "Khen thưởng phong trào thi đua thực hiện dân chủ ở cơ sở", (5, 30)),
    ("digital", "Duy trì, nâng cấp hệ thống thông tin phục vụ công khai, tiếp nhận kiến nghị", (20, 120)),
)
MILLION = 1_000_000


def seed() -> dict[str, int]:
    ensure(funding.models)
    if not BudgetLine.objects.exists():
        actor = User.objects.get(username=ACTOR_USERNAME)
        rng = random.Random(2027)
        year = current_period().year
        agencies = [agency for agency in Agency.objects.active() if agency.people.exists()]
        sources = list(FundingSource.objects.order_by("display_order"))
        with transaction.atomic():
            lines = [
                line for budget in (year - 1, year) for line in _lines(budget, agencies, sources, rng, actor)
            ]
            bulk_create_with_history(lines, BudgetLine, batch_size=500, default_user=actor)
            _spend(BudgetLine.objects.order_by("pk"), rng, actor)
    return {"lines": BudgetLine.objects.count(), "spending": Spending.objects.count()}


def _lines(
    year: int, agencies: list[Agency], sources: list, rng: random.Random, actor: User
) -> list[BudgetLine]:
    lines = []
    for index, agency in enumerate(agencies):
        for measure, content, (low, high) in rng.sample(ITEMS, rng.randint(2, 4)):
            estimate = rng.randint(low, high) * MILLION
            allocated = estimate * rng.choice((80, 90, 100)) // 100
            line = BudgetLine(
                agency=agency,
                year=year,
                measure=measure,
                description=f"{content} năm {year}",
                source=sources[0] if index % 7 else sources[1],
                estimate=estimate,
                allocated=allocated,
                created_by=actor,
            )
            _link(line)
            lines.append(line)
    return lines


def _link(line: BudgetLine) -> None:
    """Point a line at the first activity of its kind the agency has that year, where there is one."""
    kinds = {"training": "training", "propaganda": "propaganda", "digital": "digital"}
    app = kinds.get(line.measure)
    if app is None:
        return
    for _label, options in activity_choices(line.agency_id, line.year):
        value = options[0][0]
        content_type = ContentType.objects.get_for_id(int(value.split(":")[0]))
        if content_type.app_label == app:
            line.activity_type, line.activity_id = content_type, int(value.split(":")[1])
            return


def _spend(lines: list[BudgetLine], rng: random.Random, actor: User) -> None:
    """Entries adding up to 40–115 % of each line's allocation (a few spend above it), dated up to today."""
    today = timezone.localdate()
    entries = []
    for line in lines:
        target = line.allocated * rng.choice((40, 60, 75, 90, 95, 100, 100, 115)) // 100
        parts = rng.randint(1, 3)
        for part in range(parts):
            month = min(3 + part * 3 + rng.randint(0, 2), 12)
            day = min(dt.date(line.year, month, rng.randint(1, 28)), today)
            if day < dt.date(line.year, 1, 1):
                continue
            number = f"{rng.randint(10, 900)}/GRN"
            amount = max(target // parts // 1000 * 1000, 1000)
            entries.append(
                Spending(line=line, spent_on=day, amount=amount, document_number=number, created_by=actor)
            )
    bulk_create_with_history(entries, Spending, batch_size=1000, default_user=actor)
    totals: dict[int, int] = {}
    for entry in entries:
        totals[entry.line_id] = totals.get(entry.line_id, 0) + entry.amount
    changed = []
    for line in lines:
        line.spent = totals.get(line.pk, 0)
        changed.append(line)
    bulk_update_with_history(changed, BudgetLine, ["spent"], batch_size=500, default_user=actor)
