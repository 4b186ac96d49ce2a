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
