"""The narrative the portal proposes from the figures, for Home Affairs to accept, edit or replace.

``draft(figures, texts)`` is pure: from a snapshot (``reporting.snapshot``: this year's sections and last
year's) and the sentence texts (``reporting.sentences``, as Home Affairs edited them), it writes

- for each part II.n with figures, a paragraph: the section's own paragraph where the catalogue has one
  (``section.<key>``), else one sentence per indicator; each figure compared with last year ("tăng 15
  học viên (38,5%) so với năm 2025") and with its target; then the agencies with a gap;
- parts III.1 (targets met), III.2 (targets missed, the section's warnings, the gaps) and IV (the missed
  targets and the gaps as next year's tasks).

Parts I, III.3 and V (leadership, causes, proposals) are the office's own account: nothing is drafted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dancoso.core.numbers import PERCENT, format_percent, vietnamese_number, with_unit
from dancoso.measures import MEASURES
from reporting.documents.layout import indicator_id, indicators_by_id, section_for
from reporting.sentences import BY_KEY

# Where a figure is missing the draft leaves the dots officials fill in by hand.
UNKNOWN = "…"
# A gap names at most this many agencies; the rest are counted and left to the appendix.
AGENCIES_NAMED = 10
# Clauses of a figure that is not in the snapshot: left out rather than dotted.
QUIET_SUFFIXES = ("_change", "_target")


@dataclass(frozen=True)
class Draft:
    """Drafted text by narrative field: ``measures`` by measure key, the others by ``Narrative`` name."""

    measures: dict[str, str]
    strengths: str
    shortcomings: str
    next_year: str

    def as_fields(self) -> dict[str, str]:
        """By the names of the narrative form's fields (``measure_<key>``, ``next_year_tasks``…)."""
        fields = {f"measure_{key}": text for key, text in self.measures.items()}
        fields.update(strengths=self.strengths, shortcomings=self.shortcomings)
        fields["next_year_tasks"] = self.next_year
        return fields


def draft(figures: Mapping[str, Any], texts: Mapping[str, str]) -> Draft:
    year = figures.get("year")
    previous = figures.get("previous") or {}
    context = _Context(texts, year, previous.get("year") or (year - 1 if year else None))
    measures: dict[str, str] = {}
    strengths: list[str] = []
    shortcomings: list[str] = []
    tasks: list[str] = []
    for measure in MEASURES:
        section = section_for(figures.get("sections", []), measure.article)
        if not section or not section.get("indicators"):
            continue
        earlier = indicators_by_id(section_for(previous.get("sections", []), measure.article))
        measures[measure.key] = _paragraph(context, section, earlier)
        for item in section["indicators"]:
            met = _meets(item)
            if met is None:
                continue
            values = context.item(item)
            if met:
                strengths.append(context.render("strength.target_met", values))
            else:
                shortcomings.append(context.render("shortcoming.target_missed", values))
                tasks.append(context.render("task.target_missed", values))
        shortcomings.extend(str(warning).strip() for warning in section.get("warnings", []))
        for shortfall in section.get("shortfalls", []):
            if shortfall.get("agencies"):
                values = context.shortfall(shortfall)
                shortcomings.append(context.render("shortcoming.shortfall", values))
                tasks.append(context.render("task.shortfall", values))
    return Draft(
        measures=measures,
        strengths=_lines(strengths),
        shortcomings=_lines(shortcomings),
        next_year=_lines(tasks),
    )


def _lines(sentences: Sequence[str]) -> str:
    """One sentence per paragraph, each as "- …" as a report lists points; empty ones dropped."""
    return "\n".join(f"- {text}" for text in sentences if text.strip())


def _meets(item: Mapping[str, Any]) -> bool | None:
    value, target = item.get("value"), item.get("target")
    if value is None or target is None:
        return None
    return value >= target


class _Context:
    def __init__(self, texts: Mapping[str, str], year: int | None, previous_year: int | None) -> None:
        self.texts = texts
        self.common = {
            "year": year or UNKNOWN,
            "next_year": (year + 1) if year else UNKNOWN,
            "previous_year": previous_year or UNKNOWN,
        }

    def text(self, key: str) -> str:
        return self.texts[key] if key in self.texts else BY_KEY[key].default

    def render(self, key: str, values: Mapping[str, Any]) -> str:
        """The sentence with its placeholders filled; one the text names but nobody knows reads "…"."""
        return _capitalised(self.text(key).format_map(_Filled({**self.common, **values})))

    def change(self, item: Mapping[str, Any], earlier: Mapping[str, Any] | None) -> str:
        return self.render(*comparison(item, earlier))

    def target(self, item: Mapping[str, Any]) -> str:
        met = _meets(item)
        if met is None:
            return ""
        return self.render("target.met" if met else "target.missed", {"goal": _goal(item)})

    def item(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return {"label": item["label"], "value": _figure(item), "goal": _goal(item)}

    def shortfall(self, shortfall: Mapping[str, Any]) -> dict[str, Any]:
        agencies = list(shortfall.get("agencies", []))
        named = ", ".join(agencies[:AGENCIES_NAMED])
        if len(agencies) > AGENCIES_NAMED:
            named += f" và {len(agencies) - AGENCIES_NAMED} cơ quan, đơn vị khác (chi tiết tại Phụ lục)"
        return {"label": shortfall["label"], "count": vietnamese_number(len(agencies)), "agencies": named}


def _paragraph(context: _Context, section: Mapping[str, Any], earlier: Mapping[str, dict[str, Any]]) -> str:
    indicators = section["indicators"]
    own = f"section.{section.get('key')}"
    if own in BY_KEY:
        values: dict[str, Any] = {}
        for item in indicators:
            name = indicator_id(item).split(".", 1)[-1]
            values[name] = _figure(item)
            values[f"{name}_number"] = _number(item)
            values[f"{name}_change"] = context.change(item, earlier.get(indicator_id(item)))
            values[f"{name}_target"] = context.target(item)
            values[f"{name}_goal"] = _goal(item)
        sentences = [context.render(own, values)]
    else:
        sentences = [
            context.render(
                "indicator",
                {
                    "label": item["label"],
                    "value": _figure(item),
                    "change": context.change(item, earlier.get(indicator_id(item))),
                    "target": context.target(item),
                },
            )
            for item in indicators
        ]
    for shortfall in section.get("shortfalls", []):
        if shortfall.get("agencies"):
            sentences.append(context.render("shortfall", context.shortfall(shortfall)))
    return " ".join(sentence for sentence in sentences if sentence.strip())


def comparison(item: Mapping[str, Any], earlier: Mapping[str, Any] | None) -> tuple[str, dict[str, Any]]:
    """Which comparison sentence a figure takes, and its values: increase, decrease, same, or none.

    A count compares in its unit and in per cent of last year ("tăng 15 học viên (38,5%)"); a rate
    compares in percentage points ("tăng 2,5 điểm phần trăm").
    """
    value = item.get("value")
    before = (earlier or {}).get("value")
    if value is None or before is None:
        return "change.none", {}
    unit = item.get("unit") or ""
    delta = Decimal(str(value)) - Decimal(str(before))
    values = {"previous": with_unit(before, unit)}
    if delta == 0:
        return "change.same", values
    rising = delta > 0
    if unit == PERCENT:
        points = abs(delta).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        values["delta"] = vietnamese_number(float(points))
        return ("change.rate_increase" if rising else "change.rate_decrease"), values
    values["delta"] = with_unit(_plain(abs(delta)), unit)
    if before == 0:
        return "change.from_zero", values
    values["delta_percent"] = format_percent(abs(delta) * 100 / abs(Decimal(str(before))))
    return ("change.increase" if rising else "change.decrease"), values


def _plain(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def _number(item: Mapping[str, Any]) -> str:
    value = item.get("value")
    return UNKNOWN if value is None else vietnamese_number(value)


def _figure(item: Mapping[str, Any]) -> str:
    value = item.get("value")
    return UNKNOWN if value is None else with_unit(value, item.get("unit") or "")


def _goal(item: Mapping[str, Any]) -> str:
    target = item.get("target")
    return UNKNOWN if target is None else with_unit(target, item.get("unit") or "")


def _capitalised(text: str) -> str:
    stripped = text.lstrip()
    if not stripped or not stripped[0].islower():
        return text
    return text[: len(text) - len(stripped)] + stripped[0].upper() + stripped[1:]


class _Filled(dict):
    """Placeholders with a value; an unknown figure reads as dots (its comparison and target as nothing),
    never an error in the middle of a draft."""

    def __missing__(self, key: str) -> str:
        return "" if key.endswith(QUIET_SUFFIXES) else UNKNOWN
