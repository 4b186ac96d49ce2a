"""The figures of Art. 1 §4: counted at the period's edges, per agency and per form, within a fixed number
of queries, and read by the registry, the dashboard and the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dancoso import indicators as registry
from dancoso.periods import Period
from emulation import indicators
from emulation.models import NominationStatus, PledgeStatus
from tests.emulation.factories import (
    BANG_KHEN,
    CampaignFactory,
    ExemplarFactory,
    NominationFactory,
    PledgeFactory,
    QuotaFactory,
    ViolationFactory,
    at,
    award_named,
)
from tests.factories import AgencyFactory, RetiredAgencyFactory

pytestmark = pytest.mark.django_db

PERIOD = Period(2026)  # 15/12/2025 – 14/12/2026
COUNTS = (
    "pledges_received",
    "exemplars_recognised",
    "prestigious_recognised",
    "quota_places",
    "quota_used",
    "nominations_submitted",
    "nominations_decided",
    "violations_found",
    "violations_handled",
)


def _record_year(agency, *, year=2026):
    """A pledge, a recognised model, a quota, a decided nomination and a handled violation of the agency."""
    PledgeFactory(campaign=CampaignFactory(year=year), agency=agency)
    ExemplarFactory(agency=agency, year=year, is_prestigious=True)
    QuotaFactory(agency=agency, year=year)
    NominationFactory(agency=agency, year=year, status=NominationStatus.DECIDED)
    ViolationFactory(agency=agency, found_on=dt.date(year, 2, 1), status="handled", of_agency=True)


def _value(section, key):
    return section.indicator(f"emulation.{key}").value


def _values(section):
    return {key: _value(section, key) for key in COUNTS}


def test_an_empty_period_is_an_honest_empty_section(agency_a):
    section = indicators.section(PERIOD)
    assert section.is_empty and section.indicators == ()
    assert [table.key for table in section.tables] == ["by_agency"]
    assert indicators.agency_figures(PERIOD) == {}


def test_a_year_of_records_is_counted_once_in_its_period(agency_a, agency_b):
    _record_year(agency_a)
    section = indicators.section(PERIOD)
    assert _values(section) == {
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
    assert indicators.section(Period(2027)).is_empty
    shortfalls = {shortfall.key: shortfall.agencies for shortfall in section.shortfalls}
    assert shortfalls["emulation.agencies_without_pledge"] == (agency_b.short_name,)
    assert shortfalls["emulation.agencies_with_violations"] == (agency_a.short_name,)


def test_last_years_movement_and_quotas_are_not_counted_this_year(agency_a, agency_b):
    PledgeFactory(campaign=CampaignFactory(year=2025), agency=agency_a)
    QuotaFactory(agency=agency_a, year=2025, places=5)
    PledgeFactory(campaign=CampaignFactory(year=2026), agency=agency_b, status=PledgeStatus.SENT)
    QuotaFactory(agency=agency_b, year=2026, places=3)
    this_year, last_year = indicators.section(PERIOD), indicators.section(Period(2025))
    assert (_value(this_year, "pledges_received"), _value(this_year, "quota_places")) == (1, 3)
    assert (_value(last_year, "pledges_received"), _value(last_year, "quota_places")) == (1, 5)
    rows = {row.agency_id: row.cells[0] for row in this_year.table("by_agency").rows}
    assert rows == {agency_a.pk: str(PledgeStatus.DRAFT.label), agency_b.pk: str(PledgeStatus.SENT.label)}
    shortfalls = {shortfall.key: shortfall.agencies for shortfall in this_year.shortfalls}
    assert shortfalls["emulation.agencies_without_pledge"] == (agency_a.short_name,)


def test_a_draft_or_returned_pledge_is_not_received(agency_a, agency_b):
    campaign = CampaignFactory(year=2026)
    PledgeFactory(campaign=campaign, agency=agency_a, status=PledgeStatus.DRAFT)
    PledgeFactory(campaign=campaign, agency=agency_b, status=PledgeStatus.RETURNED)
    section = indicators.section(PERIOD)
    assert not section.is_empty
    assert (_value(section, "pledges_received"), _value(section, "pledge_rate")) == (0, 0)


def test_the_period_runs_from_15_december_to_14_december(agency_a):
    for found in (dt.date(2025, 12, 15), dt.date(2026, 12, 14), dt.date(2025, 12, 14), dt.date(2026, 12, 15)):
        ViolationFactory(agency=agency_a, found_on=found)
    for recognised in (dt.date(2025, 12, 14), dt.date(2025, 12, 15)):
        ExemplarFactory(agency=agency_a, year=2025, recognised_on=recognised)
    NominationFactory(agency=agency_a, year=2025, status="decided", decision_date=dt.date(2025, 12, 15))
    NominationFactory(agency=agency_a, year=2026, status="decided", decision_date=dt.date(2026, 12, 15))
    section = indicators.section(PERIOD)
    assert _value(section, "violations_found") == 2
    assert _value(section, "exemplars_recognised") == 1
    assert _value(section, "nominations_decided") == 1


def test_a_submission_is_dated_in_the_provinces_time_zone(agency_a):
    # 23:30 on 14/12 in Hà Nội is 16:30 UTC; 00:30 on 15/12 is still 14/12 in UTC.
    NominationFactory(agency=agency_a, status="submitted", submitted_on=dt.date(2026, 12, 14))
    late = NominationFactory(agency=agency_a, status="submitted")
    late.submitted_at = at(dt.date(2026, 12, 15), hour=0).replace(minute=30)
    late.save()
    early = NominationFactory(agency=agency_a, status="submitted")
    early.submitted_at = at(dt.date(2026, 12, 14), hour=23).replace(minute=30)
    early.save()
    assert _value(indicators.section(PERIOD), "nominations_submitted") == 2
    assert _value(indicators.section(Period(2027)), "nominations_submitted") == 1


def test_a_decision_after_15_december_is_the_new_periods_only_record(agency_a):
    NominationFactory(
        agency=agency_a,
        year=2025,
        status="decided",
        submitted_on=dt.date(2025, 12, 1),
        decision_date=dt.date(2025, 12, 20),
    )
    section = indicators.section(PERIOD)
    assert not section.is_empty
    assert (_value(section, "nominations_submitted"), _value(section, "nominations_decided")) == (0, 1)
    assert indicators.agency_figures(PERIOD)["emulation.nominations_decided"] == {agency_a.pk: 1}
    assert _value(indicators.section(Period(2025)), "nominations_submitted") == 1


def test_every_state_of_a_nomination_is_counted_where_it_belongs(agency_a):
    QuotaFactory(agency=agency_a, places=5)
    for status in NominationStatus.values:
        NominationFactory(agency=agency_a, status=status)
    section = indicators.section(PERIOD)
    # Drafts are not submitted; a nomination not approved was submitted but gave its place back.
    assert _value(section, "nominations_submitted") == 4
    assert _value(section, "quota_used") == 3
    assert _value(section, "nominations_decided") == 1
    assert section.table("by_award").rows[0].cells == (5, 4, 2, 1)


def test_only_recognised_models_and_handled_violations_count(agency_a):
    ExemplarFactory(agency=agency_a, status="proposed")
    ExemplarFactory(agency=agency_a, collective=True)
    ViolationFactory(agency=agency_a, decision_date=dt.date(2026, 4, 1))
    ViolationFactory(agency=agency_a, status="handled", found_on=dt.date(2025, 11, 1))
    section = indicators.section(PERIOD)
    assert (_value(section, "exemplars_recognised"), _value(section, "prestigious_recognised")) == (1, 0)
    # Found last period and handled on 21/11/2025: neither this period's finding nor its handling.
    assert (_value(section, "violations_found"), _value(section, "violations_handled")) == (1, 0)
    assert section.table("by_handling").rows == ()


def test_the_tables_by_agency_form_and_handling(agency_a, agency_b):
    _record_year(agency_a)
    QuotaFactory(agency=agency_b, award=award_named(BANG_KHEN), places=1)
    section = indicators.section(PERIOD)
    rows = {row.agency_id: row.cells for row in section.table("by_agency").rows}
    assert rows == {
        agency_a.pk: (str(PledgeStatus.APPROVED.label), 1, 2, 1, 1, 1, 1, 1),
        agency_b.pk: (str(PledgeStatus.DRAFT.label), 0, 1, 0, 0, 0, 0, 0),
    }
    by_award = section.table("by_award")
    assert by_award.row_heading
    assert [(row.agency_id, row.agency_name, row.cells) for row in by_award.rows] == [
        (None, "Giấy khen", (2, 1, 1, 1)),
        (None, BANG_KHEN, (1, 0, 0, 0)),
    ]
    assert [(row.agency_name, row.cells) for row in section.table("by_handling").rows] == [
        ("Khiển trách", (1,))
    ]


def test_a_retired_agency_has_no_row_and_no_target(agency_a):
    retired = RetiredAgencyFactory()
    _record_year(retired)
    section = indicators.section(PERIOD)
    assert [row.agency_id for row in section.table("by_agency").rows] == [agency_a.pk]
    assert section.indicator("emulation.pledges_received").target == 1
    assert _value(section, "pledges_received") == 0
    # Its violation was still handled in the province this period.
    assert [(row.agency_name, row.cells) for row in section.table("by_handling").rows] == [
        ("Khiển trách", (1,))
    ]


def test_an_agency_sees_its_own_row_and_its_own_forms(agency_a, agency_b):
    _record_year(agency_a)
    _record_year(agency_b)
    QuotaFactory(agency=agency_a, award=award_named(BANG_KHEN), places=1)
    section = registry.section_for("emulation", PERIOD, agency_b)
    assert [row.agency_id for row in section.table("by_agency").rows] == [agency_b.pk]
    assert [(row.agency_name, row.cells) for row in section.table("by_award").rows] == [
        ("Giấy khen", (2, 1, 1, 1))
    ]
    assert _value(section, "quota_places") == 2
    assert section.indicator("emulation.pledges_received").target == 1
    assert section.shortfalls == ()


def test_agency_figures_match_each_agencys_section(agency_a, agency_b):
    _record_year(agency_a)
    PledgeFactory(campaign=CampaignFactory(year=2026), agency=agency_b, status=PledgeStatus.SENT)
    NominationFactory(agency=agency_b, status="not_approved")
    figures = indicators.agency_figures(PERIOD)
    for agency in (agency_a, agency_b):
        section = indicators.section(PERIOD, agency)
        assert section.indicators
        assert {key: values[agency.pk] for key, values in figures.items()} == {
            indicator.key: indicator.value for indicator in section.indicators
        }
    assert figures["emulation.nominations_submitted"] == {agency_a.pk: 1, agency_b.pk: 1}


def test_the_figures_cost_the_same_queries_for_3_and_30_agencies(agency_a):
    counts = []
    for size in (3, 30):
        while len(indicators.section(PERIOD).table("by_agency").rows) < size:
            _record_year(AgencyFactory())
        with CaptureQueriesContext(connection) as section_queries:
            section = indicators.section(PERIOD)
        with CaptureQueriesContext(connection) as figure_queries:
            figures = indicators.agency_figures(PERIOD)
        assert _value(section, "nominations_decided") == size - 1
        assert len(figures["emulation.pledges_received"]) == size
        counts.append((len(section_queries), len(figure_queries)))
    assert counts[0] == counts[1]
