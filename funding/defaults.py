"""The sources of funds Home Affairs may rename or extend; migration 0002 creates them and the demo and the
tests make sure of them again (a browser test's flush empties what a migration wrote)."""

from __future__ import annotations

from typing import Any

SOURCES = (
    "Dự toán chi thường xuyên của cơ quan, đơn vị",
    "Ngân sách tỉnh bố trí bổ sung",
    "Nguồn hợp pháp khác",
)


def ensure(models: Any) -> None:
    for order, name in enumerate(SOURCES, start=1):
        models.FundingSource.objects.get_or_create(name=name, defaults={"display_order": order * 10})
