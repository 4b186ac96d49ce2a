"""The starting catalogues of §4 that Home Affairs may rename or extend: the titles and forms of
commendation (Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 98/2023/NĐ-CP, which a later decree may
amend), the acts the Law on Grassroots Democracy prohibits, and the forms of handling a violation.

Migration 0002 creates them, and the demo and the tests make sure of them again: a database emptied by a
browser test's flush has lost what the migration wrote.
"""

from __future__ import annotations

from typing import Any

HEAD = "Thủ trưởng cơ quan, đơn vị"
CHAIR = "Chủ tịch Ủy ban nhân dân tỉnh"
# (name, kind, awarded to, granted by, title on the certificate)
AWARDS = (
    ("Lao động tiên tiến", "title", "individual", HEAD, "LAO ĐỘNG TIÊN TIẾN"),
    ("Chiến sĩ thi đua cơ sở", "title", "individual", HEAD, "CHIẾN SĨ THI ĐUA CƠ SỞ"),
    ("Chiến sĩ thi đua cấp tỉnh", "title", "individual", CHAIR, "CHIẾN SĨ THI ĐUA CẤP TỈNH"),
    ("Tập thể lao động tiên tiến", "title", "collective", HEAD, "TẬP THỂ LAO ĐỘNG TIÊN TIẾN"),
    ("Tập thể lao động xuất sắc", "title", "collective", CHAIR, "TẬP THỂ LAO ĐỘNG XUẤT SẮC"),
    ("Cờ thi đua của Ủy ban nhân dân tỉnh", "title", "collective", CHAIR, "CỜ THI ĐUA"),
    ("Giấy khen", "form", "both", HEAD, "GIẤY KHEN"),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "form", "both", CHAIR, "BẰNG KHEN"),
)
LAW = "Điều 8 Luật 10/2022/QH15"
# (name, legal basis). Paraphrased from the prohibited acts of the Law and not yet checked word for word
# against its official text: marked so, for Home Affairs to correct.
CATEGORIES = (
    ("Không công khai, công khai không đầy đủ hoặc làm sai lệch nội dung phải công khai", LAW),
    (
        "Cản trở, gây khó khăn cho việc thực hiện quyền dân chủ của cán bộ, công chức, viên chức, "
        "người lao động",
        LAW,
    ),
    ("Đe dọa, trù dập, trả thù người thực hiện quyền dân chủ, người kiến nghị, phản ánh", LAW),
    (
        "Không tổ chức hoặc tổ chức không đúng quy định hội nghị cán bộ, công chức, viên chức, "
        "người lao động",
        LAW,
    ),
    ("Không tiếp nhận, không giải quyết hoặc giải quyết quá hạn kiến nghị, phản ánh", LAW),
    (
        "Lợi dụng việc thực hiện dân chủ để xâm phạm lợi ích của Nhà nước, quyền và lợi ích hợp pháp "
        "của tổ chức, cá nhân",
        LAW,
    ),
    ("Hành vi vi phạm khác quy định về thực hiện dân chủ ở cơ sở", ""),
)
HANDLINGS = (
    "Phê bình, rút kinh nghiệm",
    "Khiển trách",
    "Cảnh cáo",
    "Hạ bậc lương",
    "Giáng chức",
    "Cách chức",
    "Buộc thôi việc",
)


def ensure(models: Any) -> None:
    """Create the starting rows that are missing (``models`` names the classes: a migration has its own)."""
    for order, (name, kind, recipients, authority, printed) in enumerate(AWARDS, start=1):
        models.Award.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "recipients": recipients,
                "authority": authority,
                "certificate_title": printed,
                "display_order": order * 10,
            },
        )
    for order, (name, basis) in enumerate(CATEGORIES, start=1):
        models.ViolationCategory.objects.get_or_create(
            name=name, defaults={"legal_basis": basis, "is_confirmed": False, "display_order": order * 10}
        )
    for order, name in enumerate(HANDLINGS, start=1):
        models.Handling.objects.get_or_create(name=name, defaults={"display_order": order * 10})
