"""The channels of §2b and the document types the library starts with; Home Affairs may rename or add.

Migration 0003 creates them, and the demo makes sure of them again: a database emptied by a test's flush
has lost what the migration wrote.
"""

from __future__ import annotations

from typing import Any

CHANNELS = (
    ("Cổng thông tin điện tử tỉnh", "province_portal"),
    ("Cổng thông tin quy chế dân chủ tỉnh", "democracy_portal"),
    ("Trang thông tin điện tử của cơ quan, đơn vị", "agency_website"),
    ("Zalo", "zalo"),
    ("Facebook", "facebook"),
    ("Kênh khác", "other"),
)
TYPES = (
    "Luật",
    "Nghị định",
    "Quyết định",
    "Nghị quyết",
    "Thông tư",
    "Chỉ thị",
    "Kế hoạch",
    "Hướng dẫn",
    "Công văn",
    "Văn bản khác",
)


def ensure(channel_model: Any, type_model: Any) -> None:
    """Create the starting rows that are missing (the models are passed in, as a migration has its own)."""
    for order, (name, kind) in enumerate(CHANNELS, start=1):
        channel_model.objects.get_or_create(name=name, defaults={"kind": kind, "display_order": order * 10})
    for order, name in enumerate(TYPES, start=1):
        type_model.objects.get_or_create(name=name, defaults={"display_order": order * 10})
