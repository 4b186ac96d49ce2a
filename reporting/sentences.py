"""The sentences the portal drafts the report's narrative with: a catalogue Home Affairs edits as data.

Each sentence has a stable key, a purpose shown on the editing page, the placeholders it may use and the
text it starts with. Home Affairs changes the text on the page "Mẫu câu dự thảo"
(``SentenceTemplate`` rows); a key without a row reads its text here. The texts are Vietnamese document
text, as the report prints them, so they are not translated through gettext; only their purposes are.

Placeholders are written ``{name}``. A section's paragraph names its indicators by the part of their key
after the section's (``training.classes`` → ``{classes}``), with suffixes:
``{classes}`` the figure and its unit ("2 lớp"), ``{classes_number}`` the figure alone,
``{classes_change}`` the comparison with last year (`change.*`), ``{classes_target}`` whether the target
is met (`target.*`), ``{classes_goal}`` the target and its unit.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

INDICATOR_SUFFIXES = ("", "_number", "_change", "_target", "_goal")


@dataclass(frozen=True)
class Sentence:
    key: str
    purpose: str | Promise
    placeholders: tuple[str, ...]
    default: str

    def names(self, indicator_keys: Iterable[str] = ()) -> tuple[str, ...]:
        """Every placeholder the text may use: its own, and those of the section's indicators."""
        return (*self.placeholders, *indicator_placeholders(indicator_keys))


def indicator_placeholders(keys: Iterable[str]) -> list[str]:
    short = [key.split(".", 1)[-1] for key in keys]
    return [f"{name}{suffix}" for name in short for suffix in INDICATOR_SUFFIXES]


def used_placeholders(text: str) -> list[str]:
    """The ``{names}`` a text uses; a malformed brace raises ``ValueError``."""
    return [name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None]


COMPARISON = ("delta", "delta_percent", "previous", "previous_year")
TARGET = ("goal",)
ITEM = ("label", "value", "goal", "year", "next_year")
SHORTFALL = ("label", "count", "agencies", "year", "next_year")

# The indicators of the training section (Art. 1 §1), for its paragraph's placeholders.
TRAINING_KEYS = (
    "training.classes",
    "training.trainees_enrolled",
    "training.enrolled_democracy",
    "training.enrolled_inspection",
    "training.enrolled_other",
    "training.trainees_completed",
    "training.completed_democracy",
    "training.completed_inspection",
    "training.completed_other",
    "training.attendance_rate",
    "training.officers_trained",
    "training.agencies_with_officers",
    "training.agencies_trained",
    "training.agencies_trained_percent",
)

CATALOGUE: tuple[Sentence, ...] = (
    Sentence(
        "section.training",
        _("Paragraph of part II.1 (training), drafted from its figures"),
        ("year", "previous_year"),
        "Trong năm {year}, tổ chức {classes} bồi dưỡng{classes_change}{classes_target}. "
        "Có {trainees_enrolled} tham gia{trainees_enrolled_change}, trong đó {enrolled_democracy} là người "
        "được giao phụ trách công tác dân chủ ở cơ sở, {enrolled_inspection} là thành viên Ban Thanh tra "
        "nhân dân và {enrolled_other} là cán bộ, công chức, viên chức khác; {trainees_completed} hoàn thành "
        "chương trình bồi dưỡng{trainees_completed_change}. Tỷ lệ chuyên cần đạt {attendance_rate}"
        "{attendance_rate_change}. Đã bồi dưỡng {officers_trained_number}/{officers_trained_goal} được "
        "giao phụ trách công tác dân chủ ở cơ sở và thành viên Ban Thanh tra nhân dân; "
        "{agencies_trained_number}/{agencies_with_officers} có người phụ trách hoặc thành viên Ban Thanh "
        "tra nhân dân đã có người được bồi dưỡng ({agencies_trained_percent}).",
    ),
    Sentence(
        "indicator",
        _("One figure of a part that has no paragraph of its own"),
        ("label", "value", "change", "target"),
        "{label}: {value}{change}{target}.",
    ),
    Sentence(
        "change.increase",
        _("Comparison: more than last year"),
        COMPARISON,
        " (tăng {delta} ({delta_percent}) so với năm {previous_year})",
    ),
    Sentence(
        "change.decrease",
        _("Comparison: fewer than last year"),
        COMPARISON,
        " (giảm {delta} ({delta_percent}) so với năm {previous_year})",
    ),
    Sentence(
        "change.from_zero",
        _("Comparison: last year's figure was zero"),
        COMPARISON,
        " (năm {previous_year} chưa có)",
    ),
    Sentence(
        "change.rate_increase",
        _("Comparison of a rate: higher than last year"),
        COMPARISON,
        " (tăng {delta} điểm phần trăm so với năm {previous_year})",
    ),
    Sentence(
        "change.rate_decrease",
        _("Comparison of a rate: lower than last year"),
        COMPARISON,
        " (giảm {delta} điểm phần trăm so với năm {previous_year})",
    ),
    Sentence(
        "change.same", _("Comparison: the same as last year"), COMPARISON, " (bằng năm {previous_year})"
    ),
    Sentence("change.none", _("Comparison: no figure for last year"), COMPARISON, ""),
    Sentence("target.met", _("Target: met"), TARGET, ", đạt chỉ tiêu ({goal})"),
    Sentence("target.missed", _("Target: not met"), TARGET, ", chưa đạt chỉ tiêu ({goal})"),
    Sentence(
        "shortfall",
        _("Agencies with a gap, at the end of their part"),
        SHORTFALL,
        "Còn {count} {label}: {agencies}.",
    ),
    Sentence(
        "strength.target_met",
        _("Part III.1 (strengths): a target met"),
        ITEM,
        "Đạt chỉ tiêu “{label}”: {value} (chỉ tiêu {goal}).",
    ),
    Sentence(
        "shortcoming.target_missed",
        _("Part III.2 (shortcomings): a target missed"),
        ITEM,
        "Chưa đạt chỉ tiêu “{label}”: {value} (chỉ tiêu {goal}).",
    ),
    Sentence(
        "shortcoming.shortfall",
        _("Part III.2 (shortcomings): agencies with a gap"),
        SHORTFALL,
        "Còn {count} {label}.",
    ),
    Sentence(
        "task.target_missed",
        _("Part IV (tasks): a target missed last year"),
        ITEM,
        "Phấn đấu đạt chỉ tiêu “{label}” ({goal}) trong năm {next_year}.",
    ),
    Sentence(
        "task.shortfall",
        _("Part IV (tasks): agencies with a gap"),
        SHORTFALL,
        "Đôn đốc {count} {label} khắc phục trong năm {next_year}.",
    ),
)

BY_KEY = {sentence.key: sentence for sentence in CATALOGUE}
# The section paragraphs and the indicators whose placeholders each may use.
SECTION_KEYS = {"section.training": TRAINING_KEYS}
