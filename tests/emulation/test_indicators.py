"""The figures of Art. 1 §4: counted at the period's edges, per agency and per form, within a fixed number
of queries, and read by the registry, the dashboard and the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dancoso import indicators as registry
from dancoso.periods import Period
from emulation import indicators
from emulation.models import (
    Award,
    Campaign,
    Exemplar,
    Handling,
    Nomination,
    Pledge,
    PledgeStatus,
    Quota,
    Violation,
    ViolationCategory,
)
from tests.factories import AgencyFactory, PersonFactory

pytestmark = pytest.mark.django_db

PERIOD = Period(2026)  # 15/12/2025 – 14/12/2026


def _campaign(year):
    return Campaign.objects.create(
        year=year,
        title=f"Phong trào {year}",
        content="x",
        starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year, 12, 1),
    )


def _record_year(agency, *, year=2026):
    """A pledge, a recognised model, a quota, a decided nomination and a handled violation of the agency."""
    giay_khen = Award.objects.get(name="Giấy khen")
    campaign = Campaign.objects.filter(year=year).first() or _campaign(year)
    Pledge.objects.create(campaign=campaign, agency=agency, collective_targets="x", status="approved")
    person = PersonFactory(agency=agency)
    Exemplar.objects.create(
        agency=agency,
        year=year,
        kind="individual",
        person=person,
        title="Mô hình",
        description="x",
        achievements="x",
        status="recognised",
        recognised_on=dt.date(year, 5, 1),
        is_prestigious=True,
    )
    Quota.objects.create(year=year, agency=agency, award=giay_khen, places=2)
    Nomination.objects.create(
        year=year,
        agency=agency,
        award=giay_khen,
        kind="individual",
        person=person,
        achievements="x",
        status="decided",
        submitted_at=timezone.make_aware(dt.datetime(year, 3, 1, 9)),
        decision_number="1/QĐ",
        decision_date=dt.date(year, 4, 1),
        decision_issuer="Chủ tịch",
    )
    Violation.objects.create(
        agency=agency, found_on=dt.date(year, 2, 1), category=ViolationCategory.objects.first(),
        detection="inspection", description="x", status="handled",
        handling=Handling.objects.get(name="Khiển trách"), decision_date=dt.date(year, 2, 10),
    )  # fmt: skip


def _value(section, key):
    return section.indicator(f"emulation.{key}").value


def test_an_empty_period_is_an_honest_empty_section(agency_a):
    assert indicators.section(PERIOD).is_empty
    assert indicators.agency_figures(PERIOD) == {}


def test_a_year_of_records_is_counted_once_in_its_period(agency_a, agency_b):
    _record_year(agency_a)
    section = indicators.section(PERIOD)
    values = {key: _value(section, key) for key in ("pledges_received", "exemplars_recognised",
              "prestigious_recognised", "quota_places", "quota_used", "nominations_submitted",
              "nominations_decided", "violations_found", "violations_handled")}  # fmt: skip
    assert values == {
        "pledges_received": 1,
        "exemplars_recognised": 1,
        "prestigious_recognised": 1,
        "quota_places": 2,
        "quota_used": 1,
        "nominations_submitted": 1,
        "nominations_decided": 1,
        "violations_found": 1,
        "violations_handled": 1,
    }
    assert section.indicator("emulation.pledges_received").target == 2
    assert _value(section, "pledge_rate") == 50
    assert indicators.section(Period(2025)).is_empty
    shortfalls = {shortfall.key: shortfall.agencies for shortfall in section.shortfalls}
    assert shortfalls["emulation.agencies_without_pledge"] == (agency_b.short_name,)
    assert shortfalls["emulation.agencies_with_violations"] == (agency_a.short_name,)


def test_the_period_runs_from_15_december_to_14_december(agency_a):
    giay_khen = Award.objects.get(name="Giấy khen")
    person = PersonFactory(agency=agency_a)

    def violation(found):
        Violation.objects.create(
            agency=agency_a,
            person=person,
            found_on=found,
            category=ViolationCategory.objects.first(),
            detection="self",
            description="x",
        )

    violation(dt.date(2025, 12, 15))
    violation(dt.date(2026, 12, 14))
    violation(dt.date(2025, 12, 14))
    violation(dt.date(2026, 12, 15))
    Nomination.objects.create(
        year=2025, agency=agency_a, award=giay_khen, kind="individual", person=person, achievements="x",
        status="decided", decision_date=dt.date(2025, 12, 15), decision_issuer="x", decision_number="2/QĐ",
    )  # fmt: skip
    section = indicators.section(PERIOD)
    assert _value(section, "violations_found") == 2
    assert _value(section, "nominations_decided") == 1


def test_the_tables_by_agency_form_and_handling(agency_a, agency_b):
    _record_year(agency_a)
    section = indicators.section(PERIOD)
    by_agency = section.table("by_agency")
    rows = {row.agency_id: row.cells for row in by_agency.rows}
    assert set(rows) == {agency_a.pk, agency_b.pk}
    assert rows[agency_a.pk] == (str(PledgeStatus.APPROVED.label), 1, 2, 1, 1, 1, 1, 1)
    assert rows[agency_b.pk] == (str(PledgeStatus.DRAFT.label), 0, 0, 0, 0, 0, 0, 0)
    by_award = section.table("by_award")
    assert by_award.row_heading and [
        (row.agency_id, row.agency_name, row.cells) for row in by_award.rows
    ] == [(None, "Giấy khen", (2, 1, 1, 1))]
    assert [(row.agency_name, row.cells) for row in section.table("by_handling").rows] == [
        ("Khiển trách", (1,))
    ]


def test_an_agency_sees_its_own_row_and_its_own_forms(agency_a, agency_b):
    _record_year(agency_a)
    _record_year(agency_b)
    section = registry.section_for("emulation", PERIOD, agency_b)
    assert [row.agency_id for row in section.table("by_agency").rows] == [agency_b.pk]
    assert section.table("by_award").rows[0].cells == (2, 1, 1, 1)
    assert _value(section, "quota_places") == 2


def test_agency_figures_match_each_agencys_section(agency_a, agency_b):
    _record_year(agency_a)
    figures = indicators.agency_figures(PERIOD)
    for agency in (agency_a, agency_b):
        section = indicators.section(PERIOD, agency)
        for indicator in section.indicators:
            assert figures[indicator.key][agency.pk] == indicator.value, indicator.key


def test_the_figures_cost_the_same_queries_for_3_and_30_agencies(agency_a):
    counts = []
    for size in (3, 30):
        while Pledge.objects.count() < size:
            _record_year(AgencyFactory())
        with CaptureQueriesContext(connection) as section_queries:
            indicators.section(PERIOD)
        with CaptureQueriesContext(connection) as figure_queries:
            indicators.agency_figures(PERIOD)
        counts.append((len(section_queries), len(figure_queries)))
    assert counts[0] == counts[1]
