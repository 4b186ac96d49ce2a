"""The narrative drafted from the figures: comparisons with last year, targets, gaps, and the sentence texts
Home Affairs edits."""

from __future__ import annotations

import pytest

from reporting.drafting import comparison, draft
from reporting.sentences import BY_KEY


def _indicator(key, value, unit="học viên", target=None, label=None):
    return {"key": key, "label": label or key, "value": value, "unit": unit, "target": target}


def _snapshot(indicators, previous=None, shortfalls=(), warnings=(), key="emulation", article=(1, 4)):
    def section(items):
        return {
            "key": key,
            "title": "Thi đua",
            "article": "",
            "article_ref": list(article),
            "warnings": list(warnings),
            "indicators": items,
            "tables": [],
            "shortfalls": list(shortfalls),
        }

    snapshot = {"year": 2026, "sections": [section(indicators)]}
    snapshot["previous"] = {"year": 2025, "sections": [section(previous)] if previous is not None else []}
    return snapshot


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [
        (54, 39, " (tăng 15 học viên (38,5%) so với năm 2025)"),
        (39, 54, " (giảm 15 học viên (27,8%) so với năm 2025)"),
        (39, 39, " (bằng năm 2025)"),
        (39, None, ""),
        (12, 0, " (năm 2025 chưa có)"),
    ],
)
def test_a_count_is_compared_with_last_year_in_its_unit_and_in_per_cent(now, before, expected):
    previous = [_indicator("emulation.models", before)] if before is not None else None
    snapshot = _snapshot([_indicator("emulation.models", now, label="Số mô hình")], previous)
    paragraph = draft(snapshot, {}).measures["emulation"]
    assert paragraph == f"Số mô hình: {now} học viên{expected}."


def test_a_rate_is_compared_in_percentage_points():
    now, before = _indicator("x.rate", 93.4, "%"), _indicator("x.rate", 90.9, "%")
    assert comparison(now, before) == ("change.rate_increase", {"previous": "90,9%", "delta": "2,5"})
    assert comparison(before, now)[0] == "change.rate_decrease"


def test_no_figure_this_year_is_no_comparison():
    assert comparison(_indicator("x.n", None), _indicator("x.n", 4)) == ("change.none", {})


def test_a_part_without_figures_gets_no_paragraph():
    assert draft(_snapshot([]), {}).measures == {}


def test_targets_become_strengths_shortcomings_and_next_years_tasks():
    snapshot = _snapshot(
        [
            _indicator("emulation.met", 3, "lớp", target=1, label="Số lớp bồi dưỡng"),
            _indicator("emulation.missed", 40, "người", target=50, label="Số người được bồi dưỡng"),
        ],
        warnings=["Chỉ có 1 lớp trong năm."],
    )
    result = draft(snapshot, {})
    assert result.strengths == "- Đạt chỉ tiêu “Số lớp bồi dưỡng”: 3 lớp (chỉ tiêu 1 lớp)."
    assert result.shortcomings.splitlines() == [
        "- Chưa đạt chỉ tiêu “Số người được bồi dưỡng”: 40 người (chỉ tiêu 50 người).",
        "- Chỉ có 1 lớp trong năm.",
    ]
    assert result.next_year == "- Phấn đấu đạt chỉ tiêu “Số người được bồi dưỡng” (50 người) trong năm 2027."
    assert "đạt chỉ tiêu (1 lớp)" in result.measures["emulation"]
    assert "chưa đạt chỉ tiêu (50 người)" in result.measures["emulation"]


def test_agencies_with_a_gap_are_named_in_the_part_and_counted_in_the_assessment():
    shortfall = {
        "key": "x",
        "label": "cơ quan chưa có người được bồi dưỡng",
        "agencies": ["Sở Y tế", "Sở Tư pháp"],
    }
    result = draft(_snapshot([_indicator("emulation.n", 1)], shortfalls=[shortfall]), {})
    assert result.measures["emulation"].endswith(
        "Còn 2 cơ quan chưa có người được bồi dưỡng: Sở Y tế, Sở Tư pháp."
    )
    assert result.shortcomings == "- Còn 2 cơ quan chưa có người được bồi dưỡng."
    assert result.next_year == "- Đôn đốc 2 cơ quan chưa có người được bồi dưỡng khắc phục trong năm 2027."


def test_a_long_list_of_agencies_names_ten_and_counts_the_rest():
    agencies = [f"Xã {n}" for n in range(1, 26)]
    shortfall = {"key": "x", "label": "xã chưa có", "agencies": agencies}
    paragraph = draft(_snapshot([_indicator("emulation.n", 1)], shortfalls=[shortfall]), {}).measures[
        "emulation"
    ]
    assert "Xã 10 và 15 cơ quan, đơn vị khác" in paragraph and "Xã 11" not in paragraph


def test_the_office_edits_a_sentence_and_the_draft_follows():
    snapshot = _snapshot([_indicator("emulation.n", 54)], [_indicator("emulation.n", 39)])
    texts = {
        "change.increase": " (nhiều hơn năm {previous_year} là {delta})",
        "indicator": "{label} là {value}{change}.",
    }
    assert (
        draft(snapshot, texts).measures["emulation"]
        == "Emulation.n là 54 học viên (nhiều hơn năm 2025 là 15 học viên)."
    )


def test_a_placeholder_nobody_knows_reads_as_dots():
    texts = {"indicator": "{label}: {value} ({unknown})."}
    assert (
        draft(_snapshot([_indicator("emulation.n", 5, "")]), texts).measures["emulation"]
        == "Emulation.n: 5 (…)."
    )


def test_the_training_part_reads_as_one_paragraph_from_its_own_sentence():
    keys = BY_KEY["section.training"].default
    assert "{classes}" in keys
    indicators = [
        _indicator("training.classes", 2, "lớp", target=1),
        _indicator("training.trainees_enrolled", 54),
        _indicator("training.enrolled_democracy", 30),
        _indicator("training.enrolled_inspection", 14),
        _indicator("training.enrolled_other", 10),
        _indicator("training.trainees_completed", 50),
        _indicator("training.attendance_rate", 93.4, "%"),
        _indicator("training.officers_trained", 40, "người", target=60),
        _indicator("training.agencies_with_officers", 35, "cơ quan, đơn vị"),
        _indicator("training.agencies_trained", 22, "cơ quan, đơn vị"),
        _indicator("training.agencies_trained_percent", 62.9, "%"),
    ]
    previous = [
        _indicator("training.classes", 2, "lớp", target=1),
        _indicator("training.trainees_enrolled", 39),
    ]
    snapshot = _snapshot(indicators, previous, key="training", article=(1, 1))
    paragraph = draft(snapshot, {}).measures["training"]
    assert paragraph.startswith(
        "Trong năm 2026, tổ chức 2 lớp bồi dưỡng (bằng năm 2025), đạt chỉ tiêu (1 lớp). "
        "Có 54 học viên tham gia (tăng 15 học viên (38,5%) so với năm 2025), trong đó 30 học viên là người"
    )
    assert "Tỷ lệ chuyên cần đạt 93,4%." in paragraph
    assert "Đã bồi dưỡng 40/60 người được giao phụ trách" in paragraph
    assert "22/35 cơ quan, đơn vị có người phụ trách" in paragraph and "(62,9%)" in paragraph
    assert "{" not in paragraph and "…" not in paragraph
