"""Demo emulation records (Art. 1 §4) for this year and last, with the gaps and bars Home Affairs must see.

- the movement of each year, launched by a plan of the Chair of the People's Committee;
- pledges from most agencies: most approved, some sent, three returned with what to complete, a few
  agencies without any;
- exemplary models with their descriptions and achievements, most recognised (on the portal), a few proposed,
  two of them prestigious persons, some with photos;
- quotas of Giấy khen for every agency and of Bằng khen for the departments, each year;
- nominations in every state, within the quotas (the services enforce them); Sở Tư pháp keeps its free place
  and no nomination this year, for its staff to nominate;
- violations found and handled, one of which bars a draft nomination of the same official this year.

Safe to run twice: nothing is added once a movement exists. The seeded random generator gives the same
records on every run. No record is dated after the day the demo is seeded: early in a period (which starts
on 15 December) this year's records are all recent, and between 15 and 31 December the barring violation is
handled in the calendar year still running, so the draft it bars is of that year.
"""

from __future__ import annotations

import datetime as dt
import random
import struct
import zlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

import emulation.models
from dancoso.accounts.models import User
from dancoso.agencies.models import Agency
from dancoso.core.audit import audited_save
from dancoso.periods import current_period
from emulation.defaults import ensure
from emulation.models import (
    Award,
    Campaign,
    Exemplar,
    ExemplarPhoto,
    Handling,
    Nomination,
    NominationStatus,
    Pledge,
    PledgeStatus,
    Quota,
    Violation,
    ViolationCategory,
)
from emulation.services import nominations as services
from emulation.services.violations import violation_save

ACTOR_USERNAME = "noivu"
# Sở Tư pháp keeps its Giấy khen place of this year free, for `canbo.tuphap` to nominate in the demo.
FREE_AGENCY = "STP"
GIAY_KHEN, BANG_KHEN = "Giấy khen", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
RETURN_REASONS = (
    "Đề nghị bổ sung chỉ tiêu cụ thể về tổ chức hội nghị cán bộ, công chức, viên chức và công khai "
    "tài chính.",
    "Bản đăng ký chưa có chữ ký của thủ trưởng cơ quan; đề nghị gửi lại bản đã ký.",
    "Chưa đăng ký danh hiệu phấn đấu của tập thể; đề nghị bổ sung.",
)
# (title, kind, prestigious, description, achievements)
MODELS = (
    ("Bộ phận một cửa “Bốn xin, bốn luôn”", "collective", False,
     "Bộ phận tiếp nhận và trả kết quả niêm yết đầy đủ thủ tục, thời hạn, phí; công chức xin chào, xin lỗi, "
     "xin cảm ơn, xin phép; luôn mỉm cười, luôn nhẹ nhàng, luôn lắng nghe, luôn giúp đỡ.",
     "100% hồ sơ giải quyết đúng hạn; mức hài lòng của người dân đạt 98,6%; không có phản ánh về thái độ."),
    ("Hội nghị cán bộ, công chức “nói thật, làm thật”", "collective", False,
     "Dự thảo nghị quyết hội nghị được gửi trước 10 ngày để cán bộ, công chức góp ý; mọi ý kiến được "
     "tổng hợp và trả lời công khai tại hội nghị.",
     "Tiếp thu 37 ý kiến sửa quy chế chi tiêu nội bộ; 100% cán bộ, công chức dự hội nghị."),
    ("Ban Thanh tra nhân dân giám sát chi tiêu nội bộ hằng quý", "collective", False,
     "Ban Thanh tra nhân dân lập kế hoạch giám sát theo quý, kết luận bằng văn bản và công khai tại "
     "hội nghị giao ban.",
     "Phát hiện và kiến nghị điều chỉnh 3 khoản chi chưa đúng quy chế; các kiến nghị được thực hiện."),
    ("Nhóm Zalo “Dân chủ cơ sở” của chi bộ", "collective", False,
     "Nhóm Zalo gồm Ban chỉ đạo và toàn thể cán bộ, đăng văn bản mới, giải đáp thắc mắc trong ngày.",
     "Đăng 64 văn bản, trả lời 210 câu hỏi của cán bộ trong năm; tỉ lệ cán bộ tham gia 100%."),
    ("Công khai tài chính trên trang thông tin nội bộ", "collective", False,
     "Dự toán, tình hình thực hiện và quyết toán được đăng định kỳ trên trang thông tin nội bộ.",
     "Công khai đủ 12/12 nội dung theo Điều 46 Luật Thực hiện dân chủ ở cơ sở."),
    ("Người tham mưu tận tụy công tác dân chủ cơ sở", "individual", False,
     "Chuyên viên phụ trách công tác dân chủ, tham mưu ban hành quy chế và theo dõi việc thực hiện.",
     "Tham mưu sửa đổi 4 quy chế; tổ chức 2 hội nghị tập huấn cho 150 lượt cán bộ."),
    ("Gương hòa giải viên ở cơ sở", "individual", True,
     "Người có uy tín ở khu dân cư, nhiều năm làm hòa giải viên, vận động nhân dân thực hiện dân chủ.",
     "Hòa giải thành 18/20 vụ việc; vận động hiến 1.200 m² đất làm đường giao thông nông thôn."),
    ("Trưởng ban Thanh tra nhân dân gương mẫu", "individual", False,
     "Trưởng ban Thanh tra nhân dân hai nhiệm kỳ liên tiếp, giám sát khách quan, công tâm.",
     "Chủ trì 6 cuộc giám sát; 100% kiến nghị được thủ trưởng tiếp thu."),
    ("Đối thoại định kỳ với người lao động", "collective", False,
     "Thủ trưởng đơn vị đối thoại trực tiếp với người lao động 6 tháng một lần.",
     "Giải quyết dứt điểm 15 kiến nghị về chế độ, chính sách của người lao động."),
    ("Già làng tiên phong trong thực hiện dân chủ", "individual", True,
     "Người có uy tín trong đồng bào dân tộc thiểu số, phổ biến pháp luật bằng tiếng dân tộc.",
     "Tuyên truyền cho hơn 500 lượt người; vận động xóa bỏ 3 hủ tục lạc hậu."),
    ("Hòm thư góp ý điện tử", "collective", False,
     "Hòm thư góp ý trên trang thông tin điện tử, mỗi ý kiến được trả lời trong 15 ngày.",
     "Tiếp nhận 96 ý kiến, trả lời đúng hạn 100%."),
    ("Cán bộ trẻ với chuyển đổi số trong công khai", "individual", False,
     "Đoàn viên thanh niên xây dựng chuyên mục công khai trên trang thông tin điện tử của cơ quan.",
     "Số hóa 1.400 văn bản; chuyên mục có 25.000 lượt truy cập."),
    ("Tổ công tác đặc biệt tiếp nhận kiến nghị", "collective", False,
     "Tổ công tác tiếp nhận, phân loại và theo dõi xử lý kiến nghị, phản ánh của công dân.",
     "Xử lý đúng hạn 312/315 kiến nghị; không có đơn thư vượt cấp."),
    ("Nữ công chức tiêu biểu trong công tác dân vận", "individual", False,
     "Công chức nữ gương mẫu, gần dân, tham gia hướng dẫn thủ tục hành chính cho người dân.",
     "Hướng dẫn hơn 2.000 lượt công dân; được tặng danh hiệu Chiến sĩ thi đua cơ sở."),
)  # fmt: skip
INDIVIDUAL_TARGETS = "100% cán bộ đạt Lao động tiên tiến; ít nhất 15% đạt Chiến sĩ thi đua cơ sở."
CRITICISM = "Phê bình, rút kinh nghiệm"
PROPOSED = {2, 8, 12}  # indices of MODELS still waiting for recognition
COLOURS = ((178, 34, 34), (30, 96, 160), (46, 125, 50), (191, 128, 33))


def _on(year: int, month: int, day: int) -> dt.date:
    """A day of the demo's calendar, or today where that day has not come yet."""
    return min(dt.date(year, month, day), timezone.localdate())


def _at(day: dt.date) -> dt.datetime:
    return min(timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30))), timezone.now())


def seed() -> dict[str, int]:
    ensure(emulation.models)
    if not Campaign.objects.exists():
        actor = User.objects.get(username=ACTOR_USERNAME)
        rng = random.Random(2024)
        year = current_period().year
        agencies = list(Agency.objects.active().order_by("display_order", "name"))
        staffed = [agency for agency in agencies if agency.people.exists()]
        with transaction.atomic():
            for offset, campaign_year in enumerate((year - 1, year)):
                campaign = _campaign(campaign_year, actor)
                _pledges(campaign, agencies, rng, actor, current=offset == 1)
                _quotas(campaign_year, agencies, actor)
            _exemplars(year, staffed, rng, actor)
            barring = _violations(year, staffed, rng, actor)
            _nominations(year, staffed, rng, actor, barring)
    return {
        "campaigns": Campaign.objects.count(),
        "pledges": Pledge.objects.count(),
        "exemplars": Exemplar.objects.count(),
        "quotas": Quota.objects.count(),
        "nominations": Nomination.objects.count(),
        "violations": Violation.objects.count(),
    }


def _campaign(year: int, actor: User) -> Campaign:
    return Campaign.objects.create(
        year=year,
        title=f"Phong trào thi đua thực hiện tốt dân chủ ở cơ sở năm {year}",
        document_number=f"{12 + year % 10}/KH-UBND",
        document_date=_on(year, 1, 20),
        content=(
            "Chủ tịch Ủy ban nhân dân tỉnh Bắc Giang phát động thi đua thực hiện tốt Luật Thực hiện dân "
            "chủ ở cơ sở trong cơ quan, đơn vị: công khai đầy đủ, đúng hạn; phát huy quyền làm chủ của cán "
            "bộ, công chức, viên chức, người lao động; tiếp nhận và giải quyết kịp thời kiến nghị, phản "
            "ánh; gắn với cải cách hành chính và chuyển đổi số."
        ),
        criteria=(
            "1. Tổ chức hội nghị cán bộ, công chức, viên chức đúng thời hạn, đủ thành phần.\n"
            "2. Công khai đủ các nội dung phải công khai theo Điều 46 của Luật.\n"
            "3. Ban Thanh tra nhân dân hoạt động thường xuyên, có kết luận giám sát bằng văn bản.\n"
            "4. Giải quyết đúng hạn 100% kiến nghị, phản ánh thuộc thẩm quyền.\n"
            "5. Không có vi phạm quy định về dân chủ ở cơ sở."
        ),
        starts_on=_on(year, 1, 20),
        ends_on=dt.date(year, 12, 15),
        pledge_deadline=dt.date(year, 3, 15),
        created_by=actor,
    )


def _pledges(
    campaign: Campaign, agencies: list[Agency], rng: random.Random, actor: User, *, current: bool
) -> None:
    """Most agencies pledge; this year a few have not, three were returned and some await review."""
    collective = Award.objects.get(name="Tập thể lao động xuất sắc")
    rows, returned = [], 0
    for index, agency in enumerate(agencies):
        if index % 8 == 5 or (current and index % 11 == 7):
            continue
        status = PledgeStatus.APPROVED
        reason = ""
        if current and index % 6 == 1 and returned < len(RETURN_REASONS):
            status, reason = PledgeStatus.RETURNED, RETURN_REASONS[returned]
            returned += 1
        elif current and index % 5 == 3:
            status = PledgeStatus.SENT
        elif current and index % 13 == 9:
            status = PledgeStatus.DRAFT
        sent = _at(_on(campaign.year, 2, rng.randint(1, 28)))
        rows.append(
            Pledge(
                campaign=campaign,
                agency=agency,
                collective_award=collective if index % 3 == 0 else None,
                collective_targets=(
                    "Hoàn thành xuất sắc nhiệm vụ; tổ chức hội nghị cán bộ, công chức đúng hạn; công khai đủ "
                    "các nội dung theo quy định; giải quyết đúng hạn 100% kiến nghị, phản ánh."
                ),
                individual_targets=INDIVIDUAL_TARGETS,
                individuals=rng.randint(12, 80),
                status=status,
                return_reason=reason,
                sent_at=None if status == PledgeStatus.DRAFT else sent,
                reviewed_at=min(sent + dt.timedelta(days=10), timezone.now())
                if status in (PledgeStatus.APPROVED, PledgeStatus.RETURNED)
                else None,
                created_by=actor,
            )
        )
    bulk_create_with_history(rows, Pledge, default_user=actor)


def _quotas(year: int, agencies: list[Agency], actor: User) -> None:
    giay_khen, bang_khen = Award.objects.get(name=GIAY_KHEN), Award.objects.get(name=BANG_KHEN)
    services.quota_allocate(year=year, award=giay_khen, places=2, actor=actor)
    departments = [agency for agency in agencies if agency.kind == Agency.Kind.DEPARTMENT]
    rows = [
        Quota(year=year, agency=agency, award=bang_khen, places=1, created_by=actor) for agency in departments
    ]
    bulk_create_with_history(rows, Quota, default_user=actor)


def _png(colour: tuple[int, int, int], width: int = 320, height: int = 200) -> bytes:
    """A plain coloured PNG (the demo's photos; no image library needed)."""
    row = b"\x00" + bytes(colour) * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _exemplars(year: int, staffed: list[Agency], rng: random.Random, actor: User) -> None:
    for index, (title, kind, prestigious, description, achievements) in enumerate(MODELS):
        agency = staffed[(index * 3) % len(staffed)]
        person = rng.choice(list(agency.people.filter(is_active=True))) if kind == "individual" else None
        recognised = index not in PROPOSED
        exemplar = Exemplar(
            agency=agency,
            year=year if index % 4 else year - 1,
            kind=kind,
            person=person,
            title=title,
            description=description,
            achievements=achievements,
            is_prestigious=prestigious,
            status="recognised" if recognised else "proposed",
            recognised_on=_on(year if index % 4 else year - 1, rng.randint(3, 11), rng.randint(1, 28))
            if recognised
            else None,
            created_by=actor,
        )
        audited_save(exemplar, actor=actor)
        if index % 2 == 0:
            photo = ExemplarPhoto(exemplar=exemplar, caption=f"{title} – hình ảnh hoạt động")
            photo.image.save("anh.png", ContentFile(_png(COLOURS[index % len(COLOURS)])), save=False)
            audited_save(photo, actor=actor)


def _violations(year: int, staffed: list[Agency], rng: random.Random, actor: User) -> Violation:
    """Five violations; the first, of an official handled this year, bars that official's nomination."""
    categories = list(ViolationCategory.objects.order_by("display_order"))
    handlings = {handling.name: handling for handling in Handling.objects.all()}
    candidates = [agency for agency in staffed if agency.code != FREE_AGENCY]
    day = _on
    cases = (
        (candidates[2], True, day(year, 3, 9), categories[0], "inspection", "Khiển trách", day(year, 4, 2)),
        (candidates[5], False, day(year, 5, 14), categories[3], "board", CRITICISM, day(year, 6, 1)),
        (candidates[8], True, day(year, 9, 22), categories[2], "petition", None, None),
        (
            candidates[4],
            True,
            day(year - 1, 10, 3),
            categories[4],
            "petition",
            "Cảnh cáo",
            day(year - 1, 11, 20),
        ),
        (candidates[11], False, day(year, 7, 8), categories[4], "self", CRITICISM, day(year, 7, 30)),
    )
    barring = None
    for agency, of_person, found, category, detection, handling, handled in cases:
        person = rng.choice(list(agency.people.filter(is_active=True))) if of_person else None
        violation = violation_save(
            actor=actor,
            agency=agency,
            person=person,
            found_on=found,
            category=category,
            detection=detection,
            description=_violation_text(category.name, agency),
            handling=handlings.get(handling) if handling else None,
            decision_number=f"{rng.randint(10, 250)}/QĐ-{agency.code}" if handling else "",
            decision_date=handled,
            status="handled" if handling else "found",
        )
        barring = barring or (violation if person else None)
    return barring


def _violation_text(category: str, agency: Agency) -> str:
    return f"Qua kiểm tra tại {agency.name}: {category[0].lower()}{category[1:]}."


def _nominations(
    year: int, staffed: list[Agency], rng: random.Random, actor: User, barring: Violation
) -> None:
    """Last year's decided commendations, this year's nominations in every state, and the barred draft."""
    giay_khen = Award.objects.get(name=GIAY_KHEN)
    decided_on = dt.date(year - 1, 12, 10)
    last_year = [
        Nomination(
            year=year - 1,
            agency=agency,
            award=giay_khen,
            kind="individual",
            person=rng.choice(list(agency.people.filter(is_active=True))),
            achievements="Hoàn thành xuất sắc nhiệm vụ; tham mưu thực hiện tốt quy chế dân chủ ở cơ sở.",
            status=NominationStatus.DECIDED,
            submitted_at=timezone.make_aware(dt.datetime(year - 1, 11, 25, 10, 0)),
            reviewed_on=dt.date(year - 1, 12, 5),
            decision_number=f"{1800 + index}/QĐ-UBND",
            decision_date=decided_on,
            decision_issuer="Chủ tịch UBND tỉnh Bắc Giang",
            created_by=actor,
        )
        for index, agency in enumerate(staffed[:12])
    ]
    bulk_create_with_history(last_year, Nomination, default_user=actor)
    steps = ("draft", "submitted", "approved", "not_approved", "decided", "decided")
    others = [agency for agency in staffed if agency.code != FREE_AGENCY and agency != barring.agency]
    for index, agency in enumerate(others[:18]):
        _nomination(year, agency, giay_khen, steps[index % len(steps)], rng, actor)
    # A violation bars nominations of the calendar year it was handled in.
    services.nomination_save(
        actor=actor,
        year=barring.decision_date.year,
        agency=barring.agency,
        award=giay_khen,
        kind="individual",
        person=barring.person,
        collective_name="",
        achievements="Tham mưu tổ chức hội nghị cán bộ, công chức; hoàn thành tốt nhiệm vụ được giao.",
    )


def _nomination(year: int, agency: Agency, award: Award, step: str, rng: random.Random, actor: User) -> None:
    person = rng.choice(list(agency.people.filter(is_active=True)))
    nomination = services.nomination_save(
        actor=actor,
        year=year,
        agency=agency,
        award=award,
        kind="individual",
        person=person,
        collective_name="",
        achievements=(
            f"{person.full_name} có nhiều đóng góp trong thực hiện dân chủ ở cơ sở: tham mưu công khai "
            "đầy đủ, đúng hạn; tổ chức tốt hội nghị cán bộ, công chức; giải quyết kịp thời kiến nghị."
        ),
    )
    if step == "draft":
        return
    nomination = services.nomination_submit(nomination=nomination, actor=actor)
    if step == "submitted":
        return
    today = timezone.localdate()
    reason = (
        "Thành tích chưa tiêu biểu so với các trường hợp được đề nghị khác." if step == "not_approved" else ""
    )
    services.nomination_review(
        nomination=nomination, approved=step != "not_approved", reviewed_on=today, reason=reason, actor=actor
    )
    if step == "decided":
        services.nomination_decide(
            nomination=nomination,
            decision_number=f"{2400 + nomination.pk}/QĐ-UBND",
            decision_date=today,
            decision_issuer="Chủ tịch UBND tỉnh Bắc Giang",
            actor=actor,
        )
