"""What a version lacks before it goes to the People's Council: the list the submit form shows.

A version is checked as it was generated (its frozen header, narrative and figures), since that is what
is submitted. Each gap is either fixed (edit the report, generate a new version) or, where the office may
knowingly leave it (a part with nothing to say this year, a number the clerk writes at issue), accepted as
empty with a reason, which the version keeps and its history shows. The resolution cannot be left
uncited: a report to the Council on a resolution must name it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from dancoso.measures import MEASURES
from reporting.documents.layout import section_for
from reporting.documents.meta import DocumentMeta


@dataclass(frozen=True)
class Gap:
    code: str  # stable, used as the form's field names and kept with the version: "number", "part.causes"
    message: str
    acceptable: bool = True


def narrative_parts() -> tuple[tuple[str, str], ...]:
    """The written parts of the report: their ``Narrative`` field and the heading the report gives them."""
    return (
        ("leadership", _("Part I, leadership, direction and implementation")),
        ("strengths", _("Part III.1, strengths")),
        ("shortcomings", _("Part III.2, shortcomings and limitations")),
        ("causes", _("Part III.3, causes")),
        ("next_year", _("Part IV, tasks for next year")),
        ("proposals", _("Part V, proposals and recommendations")),
    )


def submission_gaps(meta: DocumentMeta, figures: dict[str, Any]) -> list[Gap]:
    """Everything missing from a generated version, in the order the document reads."""
    gaps = []
    if not meta.resolution_number.strip() or meta.resolution_date is None:
        gaps.append(
            Gap(
                "resolution",
                _(
                    "The resolution's number and date are not recorded (province page): the report cannot "
                    "cite it. Record them, then generate a new version."
                ),
                acceptable=False,
            )
        )
    if not meta.number.strip():
        gaps.append(Gap("number", _("The report has no document number.")))
    if not meta.signer.name.strip():
        gaps.append(Gap("signer_name", _("The signer's name is missing.")))
    for name, heading in narrative_parts():
        if not getattr(meta.narrative, name).strip():
            gaps.append(Gap(f"part.{name}", _("%(part)s is empty.") % {"part": heading}))
    sections = figures.get("sections", [])
    for number, measure in enumerate(MEASURES, start=1):
        section = section_for(sections, measure.article)
        # A measure whose app has not landed has no section: its part says so, and there is nothing to fix.
        if section is not None and not section.get("indicators"):
            gaps.append(
                Gap(
                    f"figures.{measure.key}",
                    _("Part II.%(number)s (%(heading)s) has no figures for the period.")
                    % {"number": number, "heading": measure.heading},
                )
            )
    return gaps
