"""Figures of Art. 1 §3: the province's section, an agency's, the per-agency figures, the registry, the empty
state and the query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accountability import indicators
from accountability.models import DisclosureCategory
from dancoso import indicators as registry
from dancoso.periods import Period
from tests.accountability.factories import (
    BoardMemberFactory,
    ConsultationFactory,
    DisclosureCategoryFactory,
    DisclosureFactory,
    InspectionBoardFactory,
    PetitionFactory,
    StaffConferenceFactory,
)
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

YEAR = 2026
PERIOD = Period(YEAR)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _values(section) -> dict:
    return {indicator.key: indicator.value for indicator in section.indicators}


@pytest.fixture
def required():
    DisclosureCategory.objects.update(is_required=False)
    return [DisclosureCategoryFactory(name=f"Bắt buộc {n}", is_required=True) for n in (1, 2)]


def _answered(agency, received, answered, on_time):
    return PetitionFactory(
        agency=agency,
        status="answered",
        received_on=received,
        assigned_on=received,
        answered_on=answered,
        answered_in_time=on_time,
        answer="Đã trả lời.",
    )


@pytest.fixture
def year_of_work(required, agency_a, agency_b, home_affairs):
    for category in required:
        DisclosureFactory(agency=agency_a, category=category, disclosed_on=dt.date(YEAR, 3, 1))
    DisclosureFactory(agency=agency_b, category=required[0], disclosed_on=dt.date(YEAR, 3, 1))
    DisclosureFactory(
        agency=agency_b, category=required[0], year=YEAR - 1, disclosed_on=dt.date(YEAR - 1, 3, 1)
    )
    ConsultationFactory(agency=agency_a, started_on=dt.date(YEAR, 5, 1))
    # Conferences on the year before: on time with quorum, late, without quorum (39 of 60).
    StaffConferenceFactory(
        agency=agency_a, year=YEAR - 1, held_on=dt.date(YEAR, 3, 31), summoned=60, present=40
    )
    StaffConferenceFactory(
        agency=agency_b, year=YEAR - 1, held_on=dt.date(YEAR, 4, 1), summoned=60, present=50
    )
    StaffConferenceFactory(
        agency=home_affairs, year=YEAR - 1, held_on=dt.date(YEAR, 1, 9), summoned=60, present=39
    )
    board = InspectionBoardFactory(
        agency=agency_a, term_start=dt.date(YEAR, 1, 5), term_end=dt.date(YEAR + 2, 1, 4)
    )
    for _ in range(3):
        BoardMemberFactory(board=board)
    small = InspectionBoardFactory(
        agency=agency_b, term_start=dt.date(YEAR, 1, 5), term_end=dt.date(YEAR + 2, 1, 4)
    )
    BoardMemberFactory(board=small)
    # Petitions: 4 received by A this year, 3 answered (2 on time), 1 overdue; one last year.
    _answered(agency_a, dt.date(YEAR, 3, 2), dt.date(YEAR, 3, 12), True)
    _answered(agency_a, dt.date(YEAR, 4, 1), dt.date(YEAR, 4, 5), True)
    _answered(agency_a, dt.date(YEAR, 5, 4), dt.date(YEAR, 6, 30), False)
    PetitionFactory(agency=agency_a, received_on=dt.date(YEAR, 6, 1), deadline=dt.date(YEAR, 6, 22))
    _answered(agency_b, dt.date(YEAR - 1, 6, 1), dt.date(YEAR - 1, 6, 3), True)


def test_the_province_section_counts_every_part(year_of_work):
    values = _values(indicators.section(PERIOD))
    assert values["accountability.disclosures"] == 3
    assert values["accountability.agencies_disclosed_all"] == 1
    assert values["accountability.consultations"] == 1
    assert values["accountability.conferences_held"] == 3
    assert values["accountability.conferences_valid"] == 1
    assert values["accountability.boards_in_term"] == 1
    assert values["accountability.petitions_received"] == 4
    assert values["accountability.petitions_answered"] == 3
    assert values["accountability.petitions_on_time"] == 2
    assert values["accountability.petitions_overdue"] == 1
    assert values["accountability.petitions_median_days"] == Decimal("10")


def test_the_shortfalls_name_the_agencies_missing_each_part(year_of_work, agency_a, agency_b):
    shortfalls = {s.key: s.agencies for s in indicators.section(PERIOD).shortfalls}
    assert agency_b.short_name in shortfalls["accountability.agencies_with_disclosure_gaps"]
    assert agency_a.short_name not in shortfalls["accountability.agencies_with_disclosure_gaps"]
    assert agency_b.short_name in shortfalls["accountability.agencies_without_valid_conference"]
    assert agency_b.short_name in shortfalls["accountability.agencies_without_board"]
    assert shortfalls["accountability.agencies_with_overdue_petitions"] == (agency_a.short_name,)


def test_the_table_shows_each_agency_state(year_of_work, agency_a, agency_b, home_affairs):
    table = indicators.section(PERIOD).table("by_agency")
    rows = {row.agency_id: row.cells for row in table.rows}
    assert rows[agency_a.pk][1] == "2/2" and rows[agency_a.pk][3] == "On time, with quorum"
    assert rows[agency_b.pk][3] == "Late" and rows[agency_b.pk][4] == "Under 3 members"
    assert rows[home_affairs.pk][3] == "Without quorum"


def test_an_agency_section_has_its_own_figures_only(year_of_work, agency_b):
    values = _values(indicators.section(PERIOD, agency=agency_b))
    assert values["accountability.disclosures"] == 1
    assert values["accountability.petitions_received"] == 0
    assert values["accountability.boards_in_term"] == 0


def test_last_year_has_its_own_figures(year_of_work):
    values = _values(indicators.section(Period(YEAR - 1)))
    assert values["accountability.petitions_received"] == 1
    assert values["accountability.petitions_on_time"] == 1
    assert values["accountability.disclosures"] == 1


def test_an_empty_year_says_so(year_of_work):
    assert indicators.section(Period(YEAR - 5)).is_empty


def test_agency_figures_match_the_registry(year_of_work, agency_a):
    assert registry.figures(PERIOD)["accountability.petitions_on_time"][agency_a.pk] == 2
    assert (
        registry.section_for("accountability", PERIOD, agency=agency_a)
        .indicator("accountability.petitions_overdue")
        .value
        == 1
    )


def _grow(n: int, required) -> None:
    for _ in range(n):
        agency = AgencyFactory()
        DisclosureFactory(agency=agency, category=required[0])
        StaffConferenceFactory(agency=agency)
        BoardMemberFactory(board=InspectionBoardFactory(agency=agency))
        PetitionFactory(agency=agency, received_on=dt.date(YEAR, 2, 2))


def test_the_figures_run_the_same_queries_for_3_and_30_agencies(required):
    counts = []
    for n in (3, 27):
        _grow(n, required)
        with CaptureQueriesContext(connection) as queries:
            indicators.section(PERIOD)
            indicators.agency_figures(PERIOD)
        counts.append(len(queries))
    assert counts[0] == counts[1]
