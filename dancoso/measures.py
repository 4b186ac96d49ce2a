"""The measures of the resolution, in its order (Điều 1 khoản 1–5, then Điều 2): the parts of the yearly
report and what a budget line pays for.

Each part of the report takes its figures from the registry section with the same article reference; a
measure whose app has not landed yet, or that has no figures in the period, still gets its part, which says
so plainly. The keys are the measure apps' names, as strings: the core imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    key: str
    article: tuple[int, int]
    # The heading as officials write it in the report (Vietnamese: document text, not interface text).
    heading: str


MEASURES: tuple[Measure, ...] = (
    Measure(
        "training",
        (1, 1),
        "Công tác bồi dưỡng cán bộ phụ trách công tác dân chủ và thành viên Ban Thanh tra nhân dân",
    ),
    Measure(
        "propaganda",
        (1, 2),
        "Công tác thông tin, tuyên truyền, phổ biến, giáo dục pháp luật về dân chủ ở cơ sở",
    ),
    Measure(
        "accountability",
        (1, 3),
        "Trách nhiệm của cơ quan, đơn vị và người đứng đầu trong thực hiện dân chủ ở cơ sở",
    ),
    Measure("emulation", (1, 4), "Công tác thi đua, khen thưởng; xử lý vi phạm"),
    Measure("digital", (1, 5), "Ứng dụng công nghệ thông tin, chuyển đổi số"),
    Measure("funding", (2, 0), "Kinh phí thực hiện"),
)


def measure_for(article: tuple[int, int]) -> Measure | None:
    return next((measure for measure in MEASURES if measure.article == tuple(article)), None)
