"""Demo IT systems of the province (Art. 1 §5) with their milestones: what a province's register holds.

The systems are the kinds every province runs (its e-portal, this democracy portal, the administrative
procedures system, document management, a commune app …); owners, dates and progress are illustrative. Safe
to run twice: nothing is added once a system exists. No milestone is dated after the day the demo is seeded.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

import digital.models
from dancoso.accounts.models import User
from dancoso.agencies.models import Agency
from dancoso.core.audit import audited_save
from digital.defaults import ensure
from digital.models import Milestone, Platform, Purpose, System

ACTOR_USERNAME = "noivu"
SETBACK = "Tiến độ giảm do điều chỉnh phạm vi, hạ tầng."
DIRECTION, PUBLIC, INTERNAL = (
    "Chỉ đạo, điều hành",
    "Người dân, doanh nghiệp tham gia, giám sát",
    ("Thực hiện dân chủ trong cơ quan, đơn vị"),
)
PORTAL, VNEID, NDXP, DOCS, PEOPLE, REPORTS, FEEDBACK = (
    "Cổng Dịch vụ công quốc gia",
    "Hệ thống định danh và xác thực điện tử (VNeID)",
    "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)",
    "Trục liên thông văn bản quốc gia",
    "Cơ sở dữ liệu quốc gia về dân cư",
    "Hệ thống thông tin báo cáo quốc gia",
    "Hệ thống tiếp nhận, trả lời phản ánh, kiến nghị của người dân và doanh nghiệp",
)
# (name, owner code, kind, status, purposes, users (staff, citizens, businesses), started, launched,
#  platforms, operator, url, milestones as (years before this one, month, progress, title))
SYSTEMS = (
    ("Cổng Thông tin điện tử tỉnh Bắc Giang", "CONGTTDT", "portal", "stable", (DIRECTION, PUBLIC), (1, 1, 1),
     (2015, 3, 1), (2016, 1, 1), (PORTAL,), "Cổng Thông tin điện tử tỉnh", "https://bacgiang.gov.vn",
     ((2, 6, 90, "Nâng cấp giao diện, chuẩn hóa dữ liệu mở"), (1, 9, 100, "Vận hành ổn định, kết nối dữ liệu mở"))),
    ("Cổng thông tin quy chế dân chủ ở cơ sở tỉnh", "SNV", "portal", "beta", (PUBLIC, INTERNAL), (1, 1, 0),
     (2025, 3, 1), None, (), "Sở Nội vụ", "",
     ((1, 6, 30, "Hoàn thành thư viện văn bản pháp luật"), (0, 3, 60, "Tiếp nhận kiến nghị, phản ánh trực tuyến"),
      (0, 10, 80, "Thí điểm báo cáo năm gửi HĐND tỉnh"))),
    ("Hệ thống thông tin giải quyết thủ tục hành chính tỉnh", "TTHCC", "information_system", "stable",
     (DIRECTION, PUBLIC), (1, 1, 1), (2019, 1, 1), (2020, 1, 1), (PORTAL, VNEID, NDXP, PEOPLE),
     "Trung tâm Phục vụ hành chính công", "https://dichvucong.bacgiang.gov.vn",
     ((2, 5, 95, "Kết nối Cơ sở dữ liệu quốc gia về dân cư"), (1, 8, 100, "Xác thực bằng VNeID cho 100% hồ sơ"))),
    ("Hệ thống quản lý văn bản và điều hành", "VPUBND", "information_system", "stable", (DIRECTION, INTERNAL),
     (1, 0, 0), (2017, 6, 1), (2018, 1, 1), (DOCS,), "Văn phòng UBND tỉnh", "",
     ((1, 4, 100, "Ký số trên thiết bị di động"),)),
    ("Hệ thống thông tin báo cáo tỉnh", "VPUBND", "information_system", "stable", (DIRECTION,), (1, 0, 0),
     (2020, 1, 1), (2021, 6, 1), (REPORTS,), "Văn phòng UBND tỉnh", "",
     ((2, 3, 85, "Kết nối Hệ thống thông tin báo cáo quốc gia"), (1, 11, 100, "Tích hợp 60 chế độ báo cáo"))),
    ("Hệ thống tiếp nhận phản ánh, kiến nghị trực tuyến", "STTTT", "platform", "stable", (PUBLIC,), (1, 1, 1),
     (2021, 2, 1), (2022, 1, 1), (FEEDBACK,), "Sở Thông tin và Truyền thông", "",
     ((1, 6, 100, "Kết nối ứng dụng Bắc Giang số"),)),
    ("Ứng dụng di động “Bắc Giang số”", "STTTT", "mobile_app", "stable", (PUBLIC,), (0, 1, 1), (2022, 4, 1),
     (2023, 1, 1), (VNEID, FEEDBACK), "Viettel Bắc Giang", "",
     ((2, 10, 90, "Thêm chuyên mục phản ánh hiện trường"), (0, 5, 100, "Đăng nhập bằng VNeID"))),
    ("Ứng dụng “Xã số” cho chính quyền cấp xã", "H-LUCNGAN", "mobile_app", "development", (PUBLIC, DIRECTION),
     (1, 1, 0), (2025, 5, 1), None, (VNEID,), "VNPT Bắc Giang", "",
     ((1, 9, 20, "Khảo sát nhu cầu 25 xã"), (0, 4, 45, "Thí điểm tại 5 xã"), (0, 9, 60, "Mở rộng 12 xã"))),
    ("Cơ sở dữ liệu cán bộ, công chức, viên chức tỉnh", "SNV", "database", "stable", (INTERNAL, DIRECTION),
     (1, 0, 0), (2018, 1, 1), (2019, 6, 1), (NDXP,), "Sở Nội vụ", "",
     ((1, 7, 100, "Đồng bộ với Cơ sở dữ liệu quốc gia về cán bộ, công chức"),)),
    ("Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)", "STTTT", "platform", "stable", (DIRECTION,), (1, 0, 0),
     (2019, 3, 1), (2020, 3, 1), (NDXP, DOCS), "Sở Thông tin và Truyền thông", "",
     ((2, 2, 100, "Kết nối NDXP"),)),
    ("Trung tâm giám sát, điều hành đô thị thông minh (IOC)", "STTTT", "platform", "beta", (DIRECTION, PUBLIC),
     (1, 1, 0), (2023, 1, 1), None, (NDXP,), "Sở Thông tin và Truyền thông", "",
     ((2, 6, 40, "Lắp đặt phòng điều hành"), (1, 6, 70, "Tích hợp camera giao thông"),
      (0, 7, 65, "Điều chỉnh phạm vi sau sắp xếp đơn vị hành chính"))),
    ("Cơ sở dữ liệu đất đai tỉnh", "STNMT", "database", "development", (DIRECTION, PUBLIC), (1, 1, 1),
     (2024, 1, 1), None, (NDXP,), "Sở Tài nguyên và Môi trường", "",
     ((1, 3, 25, "Số hóa hồ sơ địa chính 3 huyện"), (0, 6, 50, "Số hóa 6 huyện"))),
    ("Hệ thống hội nghị truyền hình trực tuyến tỉnh - xã", "VPUBND", "equipment", "stable", (DIRECTION,),
     (1, 0, 0), (2020, 6, 1), (2021, 3, 1), (), "Viettel Bắc Giang", "",
     ((1, 5, 100, "Mở rộng đến 100% xã, phường"),)),
    ("Phần mềm quản lý hồ sơ thi đua, khen thưởng", "SNV", "information_system", "concept", (INTERNAL,),
     (1, 0, 0), (2026, 2, 1), None, (), "Sở Nội vụ", "",
     ((0, 5, 10, "Xây dựng yêu cầu nghiệp vụ"),)),
    ("Hệ thống thư điện tử công vụ", "STTTT", "information_system", "obsolete", (INTERNAL,), (1, 0, 0),
     (2012, 1, 1), (2013, 1, 1), (), "Sở Thông tin và Truyền thông", "",
     ((3, 12, 100, "Chuyển sang hệ thống thư điện tử mới"),)),
    ("Sổ tay đảng viên điện tử", "VPTU", "mobile_app", "stable", (INTERNAL,), (1, 0, 0), (2021, 6, 1),
     (2022, 1, 1), (), "Văn phòng Tỉnh ủy", "", ((1, 3, 100, "Cập nhật văn bản tự động"),)),
    ("Cổng dịch vụ công trực tuyến ngành Y tế", "SYT", "portal", "development", (PUBLIC,), (1, 1, 0),
     (2025, 2, 1), None, (PORTAL, VNEID), "Sở Y tế", "",
     ((1, 8, 30, "Đặt lịch khám trực tuyến"), (0, 2, 25, "Tạm dừng để chuyển hạ tầng"))),
    ("Hệ thống quản lý trường học và học bạ số", "SGDDT", "information_system", "beta", (DIRECTION, PUBLIC),
     (1, 1, 0), (2024, 8, 1), None, (PEOPLE,), "Sở Giáo dục và Đào tạo", "",
     ((1, 9, 50, "Học bạ số lớp 1"), (0, 9, 75, "Học bạ số cấp tiểu học"))),
)  # fmt: skip


def seed() -> dict[str, int]:
    ensure(digital.models)
    if not System.objects.exists():
        actor = User.objects.get(username=ACTOR_USERNAME)
        agencies = {agency.code: agency for agency in Agency.objects.active()}
        purposes = {purpose.name: purpose for purpose in Purpose.objects.all()}
        platforms = {platform.name: platform for platform in Platform.objects.all()}
        with transaction.atomic():
            for row in SYSTEMS:
                if row[1] in agencies:
                    _system(row, agencies, purposes, platforms, actor)
    return {"systems": System.objects.count(), "milestones": Milestone.objects.count()}


def _system(row: tuple, agencies: dict, purposes: dict, platforms: dict, actor: User) -> None:
    (
        name,
        code,
        kind,
        status,
        purpose_names,
        users,
        started,
        launched,
        platform_names,
        operator,
        url,
        steps,
    ) = row
    today = timezone.localdate()
    system = System(
        name=name,
        agency=agencies[code],
        kind=kind,
        status=status,
        started_on=dt.date(*started),
        launched_on=dt.date(*launched) if launched else None,
        for_staff=bool(users[0]),
        for_citizens=bool(users[1]),
        for_businesses=bool(users[2]),
        url=url,
        operator=operator,
        contract_end=dt.date(today.year + 1, 12, 31) if operator.startswith(("Viettel", "VNPT")) else None,
        created_by=actor,
    )
    audited_save(system, actor=actor)
    system.purposes.set([purposes[name] for name in purpose_names])
    system.platforms.set([platforms[name] for name in platform_names])
    for years_before, month, progress, title in row[-1]:
        day = min(dt.date(today.year - years_before, month, 15), today)
        note = (
            "Tiến độ giảm do điều chỉnh phạm vi, hạ tầng."
            if title.startswith(("Tạm dừng", "Điều chỉnh"))
            else ""
        )
        audited_save(
            Milestone(system=system, reached_on=max(day, system.started_on), title=title, progress=progress,
                      note=note, created_by=actor),
            actor=actor,
        )  # fmt: skip
