"""Demo dissemination (Art. 1 §2): the library, the agencies' plans of this year and last, and their postings.

The library holds the laws and decrees behind the resolution, with their real numbers, dates and relations,
and the province's own resolution, all published on the portal. Most agencies have a plan each year; a few
have none, and Sở Tư pháp's plan of this year is left for ``canbo.tuphap`` to enter, so the compliance
matrix shows gaps. Safe to run twice (documents matched by number; plans and postings made once).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from dancoso.accounts.models import User
from dancoso.agencies.models import Agency, Province
from dancoso.periods import current_period
from propaganda import defaults
from propaganda.models import (
    ActivityForm,
    Audience,
    Channel,
    ChannelKind,
    DisseminationPlan,
    DocumentType,
    LegalDocument,
    PlanStatus,
    Posting,
    Relation,
    Topic,
)
from propaganda.services.library import document_publish, document_save, relation_add
from propaganda.services.plans import activity_record, activity_save, plan_save, plan_status_set
from propaganda.services.postings import posting_save

ACTOR_USERNAME = "noivu"
D = dt.date
# number, type, issuing body, issue date, effective date, summary. Dates are the documents' own, or None
# while not yet verified.
DOCUMENTS = (
    (
        "34/2007/PL-UBTVQH11",
        "Văn bản khác",
        "Ủy ban Thường vụ Quốc hội",
        D(2007, 4, 20),
        D(2007, 7, 1),
        "Pháp lệnh thực hiện dân chủ ở xã, phường, thị trấn",
    ),
    (
        "10/2022/QH15",
        "Luật",
        "Quốc hội",
        D(2022, 11, 10),
        D(2023, 7, 1),
        "Luật Thực hiện dân chủ ở cơ sở",
    ),
    # Number and title confirmed by the preambles of later provincial resolutions; its dates are not yet
    # verified, so they stay empty and the portal says so instead of guessing.
    (
        "97/2025/QH15",
        "Luật",
        "Quốc hội",
        None,
        None,
        "Luật sửa đổi, bổ sung một số điều của Luật Mặt trận Tổ quốc Việt Nam, Luật Công đoàn, "
        "Luật Thanh niên và Luật Thực hiện dân chủ ở cơ sở",
    ),
    (
        "346/QĐ-TTg",
        "Quyết định",
        "Thủ tướng Chính phủ",
        D(2023, 4, 6),
        None,
        "Ban hành Kế hoạch triển khai thi hành Luật Thực hiện dân chủ ở cơ sở",
    ),
    (
        "59/2023/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        D(2023, 8, 14),
        None,
        "Quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở",
    ),
    (
        "61/2023/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        D(2023, 8, 16),
        None,
        "Về xây dựng và thực hiện hương ước, quy ước của cộng đồng dân cư",
    ),
    (
        "09/2019/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        D(2019, 1, 24),
        D(2019, 3, 12),
        "Quy định chế độ báo cáo của cơ quan hành chính nhà nước",
    ),
    (
        "30/2020/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        D(2020, 3, 5),
        None,
        "Về công tác văn thư",
    ),
)
# source, kind, target (by number).
RELATIONS = (
    ("10/2022/QH15", "replaces", "34/2007/PL-UBTVQH11"),
    ("97/2025/QH15", "amends", "10/2022/QH15"),
    ("346/QĐ-TTg", "implements", "10/2022/QH15"),
    ("59/2023/NĐ-CP", "implements", "10/2022/QH15"),
    ("61/2023/NĐ-CP", "implements", "10/2022/QH15"),
)


def seed() -> dict[str, int]:
    actor = User.objects.get(username=ACTOR_USERNAME)
    defaults.ensure(Channel, DocumentType)
    types = {item.name: item for item in DocumentType.objects.all()}
    rows = list(DOCUMENTS)
    province = Province.current()
    if province is not None and province.resolution_number and province.resolution_date:
        rows.append(
            (
                province.resolution_number,
                "Nghị quyết",
                f"Hội đồng nhân dân tỉnh {province.name}",
                province.resolution_date,
                None,
                f"Về các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn tỉnh {province.name}",
            )
        )
    by_number = {}
    for number, kind, body, issued, effective, summary in rows:
        document = LegalDocument.objects.filter(number=number, issuing_body=body).first()
        if document is None:
            level = "provincial" if body.startswith("Hội đồng nhân dân") else "central"
            document = document_save(
                actor=actor,
                number=number,
                document_type=types[kind],
                issuing_body=body,
                issue_date=issued,
                effective_date=effective,
                summary=summary,
                level=level,
            )
            document_publish(document=document, actor=actor)
        by_number[number] = document
    if len(rows) > len(DOCUMENTS):
        relations = (*RELATIONS, (rows[-1][0], "implements", "10/2022/QH15"))
    else:
        relations = RELATIONS
    for source, kind, target in relations:
        if not Relation.objects.filter(
            source=by_number[source], target=by_number[target], kind=kind
        ).exists():
            relation_add(source=by_number[source], target=by_number[target], kind=kind, actor=actor)
    if not DisseminationPlan.objects.exists():
        _seed_plans_and_postings(actor, random.Random(2026))
    return {
        "types": DocumentType.objects.count(),
        "documents": LegalDocument.objects.count(),
        "relations": Relation.objects.count(),
        "plans": DisseminationPlan.objects.count(),
        "postings": Posting.objects.count(),
    }


# Agencies left without a plan: Sở Tư pháp this year (its staff enter it in the demo), and a few others.
WITHOUT_PLAN_THIS_YEAR = ("STP",)
ACTIVITIES = (
    (ActivityForm.CONFERENCE, "Hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở", Audience.STAFF, 60),
    (ActivityForm.TALK, "Sinh hoạt chuyên đề về quyền, nghĩa vụ của công dân", Audience.STAFF, 40),
    (ActivityForm.SOCIAL, "Chia sẻ văn bản qua nhóm Zalo của Ban Chỉ đạo", Audience.COMMITTEE, 15),
    (ActivityForm.POSTING, "Đăng tải quy chế dân chủ trên trang thông tin điện tử", Audience.CITIZENS, 500),
    (ActivityForm.CONTEST, "Cuộc thi tìm hiểu pháp luật về dân chủ ở cơ sở", Audience.STAFF, 80),
    (ActivityForm.LEAFLET, "Phát tờ gấp về trách nhiệm của người đứng đầu", Audience.LEADERS, 20),
)
POSTING_TITLES = (
    "Luật Thực hiện dân chủ ở cơ sở năm 2022",
    "Nghị định 59/2023/NĐ-CP quy định chi tiết Luật Thực hiện dân chủ ở cơ sở",
    "Quy chế thực hiện dân chủ trong hoạt động của cơ quan",
    "Kế hoạch phổ biến, giáo dục pháp luật về dân chủ ở cơ sở",
)


def _seed_plans_and_postings(actor: User, rng: random.Random) -> None:
    this_year = current_period().year
    today = timezone.localdate()
    agencies = list(Agency.objects.active().order_by("display_order", "name"))
    channels = {channel.kind: channel for channel in Channel.objects.order_by("-display_order")}
    law = LegalDocument.objects.filter(number="10/2022/QH15").first()
    for index, agency in enumerate(agencies):
        for year in (this_year - 1, this_year):
            skipped = agency.code in WITHOUT_PLAN_THIS_YEAR if year == this_year else index % 11 == 5
            if skipped or index % 13 == 7:
                continue
            draft = year == this_year and index % 9 == 4
            _seed_plan(actor, agency, year, rng, today=today, draft=draft)
            _seed_postings(actor, agency, year, rng, channels, law, today=today)


def _seed_plan(
    actor: User, agency: Agency, year: int, rng: random.Random, *, today: dt.date, draft: bool
) -> None:
    topics = [Topic.RULES, *rng.sample([Topic.CITIZENS, Topic.AUTHORITIES, Topic.HEADS, Topic.STAFF], 2)]
    plan = plan_save(
        actor=actor,
        agency=agency,
        year=year,
        title=f"Kế hoạch tuyên truyền, phổ biến pháp luật về thực hiện dân chủ ở cơ sở năm {year}",
        topics=[str(topic) for topic in topics],
        decision_number="" if draft else f"{rng.randint(10, 99)}/KH-{agency.code}",
        decision_date=None if draft else dt.date(year, 1, rng.randint(5, 28)),
    )
    for form, title, audience, planned in rng.sample(ACTIVITIES, rng.randint(2, 4)):
        day = dt.date(year, rng.randint(2, 11), rng.randint(1, 28))
        activity = activity_save(
            actor=actor, plan=plan, form=form, title=title, planned_date=day, audience=audience,
            planned_audience=planned,
        )  # fmt: skip
        if day < today and not draft and rng.random() < 0.9:
            participants = max(1, round(planned * rng.uniform(0.7, 1.1)))
            activity_record(actor=actor, activity=activity, held_on=day, participants=participants)
    if draft:
        return
    plan_status_set(plan=plan, status=PlanStatus.APPROVED, actor=actor)
    if all(activity.is_done for activity in plan.activities.all()):
        plan_status_set(plan=plan, status=PlanStatus.DONE, actor=actor)


def _seed_postings(
    actor: User,
    agency: Agency,
    year: int,
    rng: random.Random,
    channels: dict[str, Channel],
    law: LegalDocument | None,
    *,
    today: dt.date,
) -> None:
    """A few postings on the agency's website, Zalo and Facebook, now and then on the provincial portal."""
    kinds = [ChannelKind.AGENCY_WEBSITE] * rng.randint(1, 3) + [ChannelKind.ZALO, ChannelKind.FACEBOOK]
    if rng.random() < 0.3:
        kinds.append(ChannelKind.PROVINCE_PORTAL)
    if rng.random() < 0.1:
        kinds.append(ChannelKind.OTHER)
    slug = agency.code.lower()
    for number, kind in enumerate(kinds, start=1):
        day = min(dt.date(year, rng.randint(1, 11), rng.randint(1, 28)), today)
        social = kind in (ChannelKind.ZALO, ChannelKind.FACEBOOK)
        posting_save(
            actor=actor,
            agency=agency,
            channel=channels[kind],
            posted_on=day,
            title=rng.choice(POSTING_TITLES),
            url=f"https://{slug}.bacgiang.gov.vn/pbgdpl/{year}/{number}" if not social else "",
            document=law if rng.random() < 0.5 else None,
            audience=rng.randint(20, 400) if social else None,
        )
