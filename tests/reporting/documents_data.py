"""A realistic snapshot and document meta for the document tests (plain data, no database).

The snapshot has the shape ``reporting.snapshot`` produces: training, propaganda, accountability and
emulation have figures; digital has a section with warnings and no figure; funding has no section at all.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from typing import Any

from reporting.documents.meta import DocumentMeta, Narrative, Signer

RECIPIENTS = (
    "Thường trực: Tỉnh ủy, HĐND tỉnh",
    "Chủ tịch, các PCT UBND tỉnh",
    "Ban Pháp chế HĐND tỉnh",
    "Đại biểu HĐND tỉnh",
    "Sở Nội vụ",
    "Các sở, ban, ngành của tỉnh",
)


def _section(key: str, title: str, article: list[int], **extra: Any) -> dict[str, Any]:
    return {
        "key": key,
        "title": title,
        "article": f"Điều {article[0]} khoản {article[1]}" if article[1] else f"Điều {article[0]}",
        "article_ref": article,
        "warnings": extra.get("warnings", []),
        "indicators": extra.get("indicators", []),
        "tables": extra.get("tables", []),
    }


def _indicator(label: str, value: Any, unit: str = "", target: Any = None) -> dict[str, Any]:
    return {"label": label, "value": value, "unit": unit, "target": target}


def _training(year: int, *, classes: int, trainees: int, rate: float) -> dict[str, Any]:
    return _section(
        "training",
        "Bồi dưỡng cán bộ phụ trách công tác dân chủ và thành viên Ban Thanh tra nhân dân",
        [1, 1],
        indicators=[
            _indicator("Số lớp bồi dưỡng trong năm", classes, "lớp", 1),
            _indicator("Số học viên tham gia", trainees, "người"),
            _indicator("Tỷ lệ chuyên cần", rate, "%"),
        ],
        tables=[
            {
                "title": "Kết quả bồi dưỡng theo cơ quan, đơn vị",
                "columns": [
                    "Cán bộ phụ trách dân chủ",
                    "Thành viên Ban TTND",
                    "Học viên",
                    "Tỷ lệ chuyên cần (%)",
                ],
                "rows": [
                    {"agency_id": 1, "agency_name": "Sở Tư pháp", "cells": [3, 5, 12, 95.5]},
                    {"agency_id": 2, "agency_name": "Sở Y tế", "cells": [4, 7, 1250, 88.0]},
                    {"agency_id": 3, "agency_name": "Sở Giáo dục và Đào tạo", "cells": [2, 3, 40, None]},
                ],
            }
        ],
    )


def build_snapshot(year: int = 2026) -> dict[str, Any]:
    """A year of figures with the year before, as ``reporting.snapshot.take`` would freeze them."""
    sections = [
        _training(year, classes=2, trainees=1302, rate=93.4),
        _section(
            "propaganda",
            "Thông tin, tuyên truyền, phổ biến, giáo dục pháp luật",
            [1, 2],
            indicators=[
                _indicator("Số hội nghị tuyên truyền", 48, "hội nghị"),
                _indicator("Số lượt người tham dự", 15230, "lượt người"),
            ],
        ),
        _section(
            "accountability",
            "Trách nhiệm của cơ quan, đơn vị và người đứng đầu",
            [1, 3],
            indicators=[
                _indicator("Cơ quan tổ chức hội nghị cán bộ, công chức, viên chức", 100.0, "%", 100),
                _indicator("Số kiến nghị, phản ánh tiếp nhận", 2345, "kiến nghị"),
            ],
            tables=[
                {
                    "title": "Hội nghị cán bộ, công chức, viên chức và kiến nghị theo cơ quan",
                    "columns": [
                        "Hội nghị đã tổ chức",
                        "Kiến nghị tiếp nhận",
                        "Tỷ lệ giải quyết đúng hạn (%)",
                    ],
                    "rows": [
                        {"agency_id": 1, "agency_name": "Sở Tư pháp", "cells": [1, 1200, 97.2]},
                        {"agency_id": 2, "agency_name": "Sở Y tế", "cells": [1, 1145, 91.0]},
                    ],
                }
            ],
        ),
        _section(
            "emulation",
            "Thi đua, khen thưởng; xử lý vi phạm",
            [1, 4],
            indicators=[_indicator("Số tập thể, cá nhân được khen thưởng", 37, "tập thể, cá nhân")],
        ),
        _section(
            "digital",
            "Ứng dụng công nghệ thông tin, chuyển đổi số",
            [1, 5],
            warnings=["Chưa có cơ quan nào cập nhật số liệu chuyển đổi số."],
        ),
    ]
    previous = [
        _training(year - 1, classes=1, trainees=980, rate=90.0),
        _section(
            "propaganda",
            "Thông tin, tuyên truyền, phổ biến, giáo dục pháp luật",
            [1, 2],
            indicators=[_indicator("Số hội nghị tuyên truyền", 41, "hội nghị")],
        ),
    ]
    return {
        "year": year,
        "period": {"start": f"{year - 1}-12-15", "end": f"{year}-12-14"},
        "sections": sections,
        "previous": {
            "year": year - 1,
            "period": {"start": f"{year - 2}-12-15", "end": f"{year - 1}-12-14"},
            "sections": previous,
        },
    }


def build_meta(**changes: Any) -> DocumentMeta:
    """The report's header, narrative, signer and recipients; keyword arguments replace fields."""
    meta = DocumentMeta(
        province="Bắc Giang",
        issuing_body="ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
        number="",
        symbol="BC-UBND",
        place="Bắc Giang",
        date=date(2026, 12, 5),
        year=2026,
        resolution_number="12/2024/NQ-HĐND",
        resolution_date=date(2024, 7, 10),
        signer=Signer(name="Nguyễn Văn Hải"),
        recipients=RECIPIENTS,
        narrative=Narrative(
            leadership=(
                "Ủy ban nhân dân tỉnh ban hành Kế hoạch số 45/KH-UBND triển khai thực hiện Nghị quyết.\n"
                "Các sở, ban, ngành kiện toàn Ban Chỉ đạo thực hiện dân chủ ở cơ sở."
            ),
            measures={"training": "Các lớp bồi dưỡng được tổ chức đúng kế hoạch, học viên tham gia đầy đủ."},
            strengths="Công tác thực hiện dân chủ ở cơ sở được quan tâm chỉ đạo.",
            shortcomings="",
            causes="Một số cơ quan chưa cập nhật số liệu kịp thời.",
            next_year="Tiếp tục tổ chức từ 01 đến 02 lớp bồi dưỡng.",
            proposals="",
        ),
    )
    return replace(meta, **changes)


def with_agency_name(snapshot: dict[str, Any], name: str) -> dict[str, Any]:
    """A copy of the snapshot whose first per-agency row carries ``name``."""
    changed = copy.deepcopy(snapshot)
    changed["sections"][0]["tables"][0]["rows"][0]["agency_name"] = name
    return changed


def _columns(*columns: tuple[str, str, str]) -> list[dict[str, str]]:
    return [{"key": key, "label": label, "unit": unit} for key, label, unit in columns]


def build_keyed_snapshot(year: int = 2026) -> dict[str, Any]:
    """The snapshot as it is frozen now: indicators and columns with keys, columns with their units.

    Training's rate column has a province-wide indicator (``training.attendance_rate``), accountability's
    has none; one agency's attendance is a round 100 per cent.
    """
    snapshot = build_snapshot(year)
    training, _propaganda, accountability, *_rest = snapshot["sections"]
    for section in (training, snapshot["previous"]["sections"][0]):
        for item, key in zip(section["indicators"], ("classes", "trainees", "attendance_rate"), strict=True):
            item["key"] = f"training.{key}"
    table = training["tables"][0]
    table["key"] = "by_agency"
    table["columns"] = _columns(
        ("democracy_officers", "Cán bộ phụ trách dân chủ", "người"),
        ("inspection_members", "Thành viên Ban TTND", "người"),
        ("enrolled", "Học viên", "người"),
        ("attendance_rate", "Tỷ lệ chuyên cần (%)", "%"),
    )
    table["rows"][0]["cells"][3] = 100.0
    table["rows"][1]["cells"][3] = 86.7
    table = accountability["tables"][0]
    table["key"] = "by_agency"
    table["columns"] = _columns(
        ("conferences", "Hội nghị đã tổ chức", "hội nghị"),
        ("petitions", "Kiến nghị tiếp nhận", "kiến nghị"),
        ("on_time_rate", "Tỷ lệ giải quyết đúng hạn (%)", "%"),
    )
    return snapshot
