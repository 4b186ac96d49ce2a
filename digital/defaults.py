"""The starting lists of §5 that Home Affairs may rename or extend: what a system is for, and the national
platforms a system may connect to. Migration 0002 creates them; the demo and the tests make sure of them
again, since a browser test's database flush empties what a migration wrote."""

from __future__ import annotations

from typing import Any

# (name, lets people take part and supervise)
PURPOSES = (
    ("Chỉ đạo, điều hành", False),
    ("Người dân, doanh nghiệp tham gia, giám sát", True),
    ("Thực hiện dân chủ trong cơ quan, đơn vị", False),
)
PLATFORMS = (
    "Cổng Dịch vụ công quốc gia",
    "Hệ thống định danh và xác thực điện tử (VNeID)",
    "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)",
    "Trục liên thông văn bản quốc gia",
    "Cơ sở dữ liệu quốc gia về dân cư",
    "Hệ thống thông tin báo cáo quốc gia",
    "Hệ thống tiếp nhận, trả lời phản ánh, kiến nghị của người dân và doanh nghiệp",
)


def ensure(models: Any) -> None:
    """Create the starting rows that are missing (``models`` names the classes: a migration has its own)."""
    for order, (name, public) in enumerate(PURPOSES, start=1):
        models.Purpose.objects.get_or_create(
            name=name, defaults={"reaches_public": public, "display_order": order * 10}
        )
    for order, name in enumerate(PLATFORMS, start=1):
        models.Platform.objects.get_or_create(name=name, defaults={"display_order": order * 10})
