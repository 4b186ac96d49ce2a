"""The starting data of §3 that Home Affairs may rename or extend: what must be disclosed (Law 10/2022
Art. 46), the forms of disclosure (Art. 47), the fields of petitions with their time limits, and the days
the government swapped in the years the demo covers.

Migration 0002 creates them, and the demo and the tests make sure of them again: a database emptied by a
browser test's flush has lost what the migration wrote.
"""

from __future__ import annotations

from datetime import date
from typing import Any

# (name, legal basis, confirmed against the Law's text). Items 6–12 of Art. 46 are paraphrased from
# secondary sources and not yet checked against the official text: they are marked so, and Home Affairs
# may correct them.
CATEGORIES = (
    (
        "Chủ trương, chính sách của Đảng, pháp luật của Nhà nước liên quan đến cơ quan, đơn vị",
        "Điều 46 khoản 1",
        True,
    ),
    ("Kế hoạch công tác hằng năm, quý, tháng của cơ quan, đơn vị", "Điều 46 khoản 2", True),
    ("Dự toán, tình hình thực hiện, quyết toán kinh phí; kết quả kiểm toán", "Điều 46 khoản 3", True),
    ("Tình hình quản lý, sử dụng tài sản công", "Điều 46 khoản 4", True),
    ("Kế hoạch, dự án đầu tư công", "Điều 46 khoản 5", True),
    ("Tuyển dụng, đào tạo, bồi dưỡng, bổ nhiệm, luân chuyển, điều động cán bộ", "Điều 46 khoản 6", False),
    ("Đánh giá, xếp loại, nâng lương, khen thưởng, kỷ luật cán bộ", "Điều 46 khoản 7", False),
    ("Kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo trong cơ quan", "Điều 46 khoản 8", False),
    ("Nội quy, quy chế làm việc, quy chế chi tiêu nội bộ của cơ quan", "Điều 46 khoản 9", False),
    ("Chế độ, chính sách đối với cán bộ, công chức, viên chức, người lao động", "Điều 46 khoản 10", False),
    ("Kết quả tiếp thu ý kiến của cán bộ, công chức, viên chức, người lao động", "Điều 46 khoản 11", False),
    ("Các nội dung khác theo quy định của pháp luật", "Điều 46 khoản 12", False),
)
FORMS = (
    "Niêm yết tại trụ sở cơ quan, đơn vị",
    "Đăng tải trên hệ thống thông tin nội bộ, trang thông tin điện tử",
    "Thông báo tại hội nghị, cuộc họp",
    "Thông báo bằng văn bản đến cán bộ, công chức, viên chức, người lao động",
    "Thông qua người đứng đầu các phòng, ban, bộ phận",
    "Thông qua tổ chức Đảng, công đoàn",
)
# (name, time limit in working days)
FIELDS = (
    ("Thủ tục hành chính", 15),
    ("Đất đai, xây dựng", 15),
    ("Y tế", 15),
    ("Giáo dục, đào tạo", 15),
    ("Tư pháp, hộ tịch", 15),
    ("Lao động, việc làm, an sinh xã hội", 15),
    ("Văn bản quy phạm pháp luật", 15),
    ("Thực hiện dân chủ trong cơ quan, đơn vị", 15),
    ("Lĩnh vực khác", 15),
)
# Days swapped by the government beyond what the ``holidays`` package knows (it lists the day off, not the
# Saturday worked in exchange). Home Affairs adds each year's at /calendar/.
CALENDAR = ((date(2026, 8, 22), "working", "Làm bù cho ngày nghỉ 31/08/2026"),)


def ensure(models: Any) -> None:
    """Create the starting rows that are missing (``models`` names the classes: a migration has its own)."""
    for order, (name, basis, confirmed) in enumerate(CATEGORIES, start=1):
        models.DisclosureCategory.objects.get_or_create(
            name=name, defaults={"legal_basis": basis, "is_confirmed": confirmed, "display_order": order * 10}
        )
    for order, name in enumerate(FORMS, start=1):
        models.DisclosureForm.objects.get_or_create(name=name, defaults={"display_order": order * 10})
    for order, (name, limit) in enumerate(FIELDS, start=1):
        models.PetitionField.objects.get_or_create(
            name=name, defaults={"time_limit": limit, "display_order": order * 10}
        )
    for day, kind, reason in CALENDAR:
        models.CalendarDay.objects.get_or_create(day=day, defaults={"kind": kind, "name": reason})


# The rubric a year starts from when no earlier year has one (Art. 1 §3c): every measure of the resolution,
# 100 points in all, and two penalties. Each row: (group, code, title, max points, kind, indicator key,
# rule, target, bands, full points where nothing arose, points off for each, evidence expected).
# Home Affairs edits each year's copy; the targets are the resolution's ("at least one person of each
# agency trained", "every required category disclosed", "the conference held on time").
GROUPS = (
    "I. Bồi dưỡng về dân chủ ở cơ sở",
    "II. Tuyên truyền, phổ biến pháp luật",
    "III. Công khai, bàn và quyết định, hội nghị cán bộ",
    "IV. Ban Thanh tra nhân dân",
    "V. Tiếp nhận, giải quyết kiến nghị, phản ánh",
    "VI. Thi đua, khen thưởng, xử lý vi phạm",
    "VII. Ứng dụng công nghệ thông tin, nền tảng số",
    "VIII. Kinh phí thực hiện",
    "Điểm trừ",
)
RUBRIC = (
    (
        0,
        "1.1",
        "Cử người phụ trách dân chủ, thành viên Ban TTND hoàn thành lớp bồi dưỡng",
        10,
        "computed",
        "training.trainees_completed",
        "target",
        2,
        (),
        False,
        None,
        "",
    ),
    (
        0,
        "1.2",
        "Tỷ lệ tham dự các buổi học của học viên",
        5,
        "computed",
        "training.attendance_rate",
        "bands",
        None,
        ((90, 5), (70, 3), (50, 1)),
        True,
        None,
        "",
    ),
    (
        1,
        "2.1",
        "Có kế hoạch tuyên truyền, phổ biến pháp luật về dân chủ ở cơ sở trong năm",
        5,
        "computed",
        "propaganda.has_plan",
        "target",
        1,
        (),
        False,
        None,
        "",
    ),
    (
        1,
        "2.2",
        "Tổ chức các hoạt động tuyên truyền theo kế hoạch",
        5,
        "computed",
        "propaganda.activities_held",
        "target",
        3,
        (),
        False,
        None,
        "",
    ),
    (
        1,
        "2.3",
        "Đăng tải tin, bài trên cổng, trang thông tin điện tử và mạng xã hội",
        5,
        "computed",
        "propaganda.postings",
        "target",
        4,
        (),
        False,
        None,
        "",
    ),
    (
        2,
        "3.1",
        "Công khai đủ các nội dung bắt buộc cho cán bộ, công chức, viên chức",
        8,
        "computed",
        "accountability.agencies_disclosed_all",
        "target",
        1,
        (),
        False,
        None,
        "",
    ),
    (
        2,
        "3.2",
        "Tổ chức hội nghị cán bộ, công chức, viên chức đúng hạn, đủ thành phần",
        8,
        "computed",
        "accountability.conferences_valid",
        "target",
        1,
        (),
        False,
        None,
        "",
    ),
    (
        2,
        "3.3",
        "Lấy ý kiến cán bộ, công chức, viên chức về những nội dung phải bàn và quyết định",
        4,
        "computed",
        "accountability.consultations",
        "target",
        1,
        (),
        False,
        None,
        "",
    ),
    (
        3,
        "4.1",
        "Ban Thanh tra nhân dân còn nhiệm kỳ, đủ số thành viên",
        5,
        "computed",
        "accountability.boards_in_term",
        "target",
        1,
        (),
        False,
        None,
        "",
    ),
    (
        3,
        "4.2",
        "Ban Thanh tra nhân dân giám sát, kiến nghị và được cơ quan tiếp thu",
        5,
        "manual",
        "",
        "",
        None,
        (),
        False,
        None,
        "Báo cáo kết quả giám sát của Ban TTND; văn bản tiếp thu, giải quyết kiến nghị.",
    ),
    (
        4,
        "5.1",
        "Trả lời kiến nghị, phản ánh đúng hạn",
        10,
        "computed",
        "accountability.petitions_received_on_time_percent",
        "target",
        100,
        (),
        True,
        None,
        "",
    ),
    (
        4,
        "5.2",
        "Niêm yết, công khai kết quả giải quyết kiến nghị, phản ánh",
        5,
        "manual",
        "",
        "",
        None,
        (),
        False,
        None,
        "Ảnh chụp, đường dẫn nơi công khai kết quả.",
    ),
    (
        5,
        "6.1",
        "Đăng ký thi đua thực hiện dân chủ ở cơ sở",
        5,
        "computed",
        "emulation.pledges_received",
        "target",
        1,
        (),
        False,
        None,
        "",
    ),
    (
        5,
        "6.2",
        "Xây dựng, nhân rộng mô hình, điển hình thực hiện dân chủ ở cơ sở",
        5,
        "manual",
        "",
        "",
        None,
        (),
        False,
        None,
        "Quyết định công nhận, báo cáo kết quả mô hình.",
    ),
    (
        6,
        "7.1",
        "Có hệ thống thông tin, nền tảng số phục vụ thực hiện dân chủ đang vận hành",
        3,
        "computed",
        "digital.systems_running",
        "target",
        1,
        (),
        False,
        None,
        "",
    ),
    (
        6,
        "7.2",
        "Sử dụng nền tảng số để công khai, lấy ý kiến, tiếp nhận phản ánh",
        2,
        "manual",
        "",
        "",
        None,
        (),
        False,
        None,
        "Đường dẫn, số liệu sử dụng nền tảng.",
    ),
    (
        7,
        "8.1",
        "Tỷ lệ thực hiện dự toán kinh phí",
        10,
        "computed",
        "funding.execution_rate",
        "bands",
        None,
        ((90, 10), (70, 7), (50, 4)),
        False,
        None,
        "",
    ),
    (
        8,
        "T.1",
        "Vi phạm đã bị xử lý trong năm",
        10,
        "penalty",
        "emulation.violations_handled",
        "",
        None,
        (),
        False,
        5,
        "",
    ),
    (
        8,
        "T.2",
        "Kiến nghị, phản ánh quá hạn chưa giải quyết",
        5,
        "penalty",
        "accountability.petitions_overdue",
        "",
        None,
        (),
        False,
        1,
        "",
    ),
)


# The fields of ``Criterion`` each row of ``RUBRIC`` gives, in order.
RUBRIC_FIELDS = (
    "group",
    "code",
    "title",
    "max_points",
    "kind",
    "indicator_key",
    "rule",
    "target",
    "bands",
    "full_without_figure",
    "points_each",
    "guidance",
)


def rubric_rows() -> list[dict[str, Any]]:
    """The default rubric as field values of ``Criterion``, in display order."""
    rows = []
    for order, row in enumerate(RUBRIC, start=1):
        values = dict(zip(RUBRIC_FIELDS, row, strict=True))
        values["group"] = GROUPS[values["group"]]
        values["bands"] = [list(band) for band in values["bands"]]
        values["display_order"] = order * 10
        rows.append(values)
    return rows
