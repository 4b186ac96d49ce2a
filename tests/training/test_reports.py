"""Training reports: the absentee list (scoped, filtered, exported) and each agency's training coverage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from dancoso.periods import current_period
from tests.factories import (
    AgencyFactory,
    AttendanceFactory,
    DemocracyOfficerFactory,
    EnrolmentFactory,
    InspectionMemberFactory,
    RetiredAgencyFactory,
    SessionFactory,
    TrainingClassFactory,
    TrainingPlanFactory,
)
from training.models import AttendanceStatus, TargetGroup
from training.selectors.reports import coverage

pytestmark = pytest.mark.django_db

ABSENTEES = reverse("training:absentee_list")
COVERAGE = reverse("training:coverage")


def _queries(client, url: str) -> int:
    """SQL queries of one GET, after a warm-up request has filled the per-process caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _absence(agency, training_class, *, status="absent", name=None, day=0, group="democracy"):
    """One attendance mark of a trainee of ``agency`` at a session ``day`` days into the class."""
    person = {"full_name": name} if name else {}
    enrolment = EnrolmentFactory(
        training_class=training_class,
        person__agency=agency,
        target_group=group,
        **{f"person__{key}": value for key, value in person.items()},
    )
    session = SessionFactory(
        training_class=training_class, date=training_class.start_date + dt.timedelta(days=day)
    )
    return AttendanceFactory(enrolment=enrolment, session=session, status=status, note="Ốm")


@pytest.fixture
def class_2026(home_affairs):
    return TrainingClassFactory(organiser=home_affairs, title="Lớp kỹ năng dân chủ 2026")


@pytest.fixture
def class_2025(home_affairs):
    return TrainingClassFactory(
        organiser=home_affairs, plan=TrainingPlanFactory(year=2025), title="Lớp chính trị 2025"
    )


def _names(response) -> list[str]:
    return [absence.enrolment.person.full_name for absence in response.context["page_obj"]]


# Absentee list


def test_staff_see_no_absences_of_another_agency_even_by_filtering_for_it(
    client_for, staff_b, agency_a, agency_b, class_2026
):
    _absence(agency_a, class_2026, name="Nguyễn Văn An")
    _absence(agency_b, class_2026, name="Trần Thị Bình", day=1)
    client = client_for(staff_b)
    assert _names(client.get(ABSENTEES)) == ["Trần Thị Bình"]
    response = client.get(ABSENTEES, {"agency": agency_a.pk})
    assert _names(response) == []
    assert "Nguyễn Văn An" not in response.content.decode()
    export = load_workbook(BytesIO(client.get(ABSENTEES, {"export": "xlsx"}).content)).active
    assert [row[2] for row in export.iter_rows(min_row=2, values_only=True)] == ["Trần Thị Bình"]


def test_organising_agency_staff_see_absences_in_their_class(client_for, staff_a, agency_a, agency_b):
    own_class = TrainingClassFactory(organiser=agency_a)
    _absence(agency_b, own_class, name="Trần Thị Bình")
    assert _names(client_for(staff_a).get(ABSENTEES)) == ["Trần Thị Bình"]


def test_absent_only_by_default_and_excused_on_request(client_for, leader_user, agency_a, class_2026):
    _absence(agency_a, class_2026, name="Nguyễn Văn Vắng", day=0)
    _absence(agency_a, class_2026, name="Lê Thị Phép", status="excused", day=1)
    _absence(agency_a, class_2026, name="Phạm Văn Có", status="present", day=2)
    client = client_for(leader_user)
    assert _names(client.get(ABSENTEES)) == ["Nguyễn Văn Vắng"]
    assert _names(client.get(ABSENTEES, {"status": "excused"})) == ["Lê Thị Phép"]
    assert _names(client.get(ABSENTEES, {"status": "both", "sort": "name"})) == [
        "Lê Thị Phép",
        "Nguyễn Văn Vắng",
    ]


def test_filters_by_year_agency_class_and_target_group(
    client_for, admin_user, agency_a, agency_b, class_2026, class_2025
):
    _absence(agency_a, class_2026, name="An 2026")
    _absence(agency_b, class_2026, name="Bình 2026", day=1, group="inspection")
    _absence(agency_a, class_2025, name="Cúc 2025")
    client = client_for(admin_user)
    assert _names(client.get(ABSENTEES, {"year": 2025})) == ["Cúc 2025"]
    assert sorted(_names(client.get(ABSENTEES, {"agency": agency_a.pk}))) == ["An 2026", "Cúc 2025"]
    assert sorted(_names(client.get(ABSENTEES, {"training_class": class_2026.pk}))) == [
        "An 2026",
        "Bình 2026",
    ]
    assert _names(client.get(ABSENTEES, {"target_group": "inspection"})) == ["Bình 2026"]


def test_sorting_by_date_newest_first_by_default(client_for, admin_user, agency_a, class_2026):
    _absence(agency_a, class_2026, name="Ngày đầu", day=0)
    _absence(agency_a, class_2026, name="Ngày cuối", day=3)
    client = client_for(admin_user)
    assert _names(client.get(ABSENTEES)) == ["Ngày cuối", "Ngày đầu"]
    assert _names(client.get(ABSENTEES, {"sort": "date"})) == ["Ngày đầu", "Ngày cuối"]


def test_export_has_every_filtered_row(client_for, admin_user, agency_a, class_2026):
    _absence(agency_a, class_2026, name="Nguyễn Văn An")
    response = client_for(admin_user).get(ABSENTEES, {"export": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][:3] == (dt.datetime(2026, 6, 1), "Lớp kỹ năng dân chủ 2026", "Nguyễn Văn An")
    assert rows[1][4:] == (
        "Sở Tư pháp",
        capfirst(TargetGroup.DEMOCRACY.label),
        str(AttendanceStatus.ABSENT.label),
        "Ốm",
    )


def test_absentee_list_says_when_nothing_is_recorded(client_for, admin_user):
    response = client_for(admin_user).get(ABSENTEES)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 0
    page = response.content.decode()
    assert 'class="table' not in page
    assert _("No absences have been recorded yet.") in page


@pytest.mark.parametrize(("persona", "status"), [("council", 403), ("anonymous", 302)])
def test_absentee_list_refuses_non_readers(client_for, personas, persona, status):
    assert client_for(personas[persona]).get(ABSENTEES).status_code == status


def test_absentee_list_query_count_does_not_grow(client_for, admin_user, agency_a, agency_b, class_2026):
    client = client_for(admin_user)
    _absence(agency_a, class_2026)
    small = _queries(client, ABSENTEES)
    for day in range(4):
        other = TrainingClassFactory(organiser=agency_b)
        _absence(agency_b, other, day=day)
        _absence(agency_a, class_2026, status="absent", day=day)
    assert _queries(client, ABSENTEES) == small
    assert _queries(client, f"{ABSENTEES}?status=both&sort=agency") == small


# Coverage


def _trained(person, training_class, *, status="present"):
    """A confirmed enrolment in a one-session class, marked ``status`` there (present completes it)."""
    session = training_class.sessions.first() or SessionFactory(training_class=training_class)
    enrolment = EnrolmentFactory(training_class=training_class, person=person)
    AttendanceFactory(enrolment=enrolment, session=session, status=status)
    return enrolment


@pytest.fixture
def small_province(agency_a, agency_b, home_affairs, class_2026, class_2025):
    """Agency A: two democracy officers (one trained), a board member enrolled but absent, a leaver who
    was trained. Agency B: a democracy officer trained only in 2025, and a nomination pending in 2026.
    Home Affairs has no one to train. A retired agency is left out."""
    _trained(DemocracyOfficerFactory(agency=agency_a), class_2026)
    DemocracyOfficerFactory(agency=agency_a)
    _trained(InspectionMemberFactory(agency=agency_a), class_2026, status="absent")
    _trained(DemocracyOfficerFactory(agency=agency_a, is_active=False), class_2026)
    officer_b = DemocracyOfficerFactory(agency=agency_b)
    _trained(officer_b, class_2025)
    EnrolmentFactory(training_class=class_2026, person=officer_b, status="nominated")
    RetiredAgencyFactory(short_name="Sở đã giải thể")


def _row(report, agency):
    (row,) = [row for row in report.rows if row.agency == agency]
    return row


def test_coverage_counts_people_trained_in_the_year(
    admin_user, small_province, agency_a, agency_b, home_affairs
):
    report = coverage(user=admin_user, year=2026)
    a = _row(report, agency_a)
    assert (a.democracy_officers, a.democracy_trained, a.inspection_members, a.inspection_trained) == (
        2,
        1,
        1,
        0,
    )
    assert (a.targeted, a.trained, a.percent, a.enrolled, a.nobody_trained) == (
        3,
        1,
        Decimal("33.3"),
        3,
        False,
    )
    b = _row(report, agency_b)
    assert (b.democracy_officers, b.trained, b.enrolled, b.nobody_trained) == (1, 0, 1, True)
    assert _row(report, home_affairs).percent is None
    assert report.untrained_agencies == [agency_b]
    assert report.agencies_without_targets == [home_affairs]
    assert {row.agency.short_name for row in report.rows} == {"Sở Tư pháp", "Sở Y tế", "Sở Nội vụ"}
    totals = report.totals
    assert (totals.democracy_officers, totals.inspection_members, totals.trained, totals.enrolled) == (
        3,
        1,
        1,
        4,
    )
    assert _row(coverage(user=admin_user, year=2025), agency_b).trained == 1


def test_coverage_page_filters_agencies_with_nobody_trained(
    client_for, leader_user, small_province, agency_a
):
    response = client_for(leader_user).get(COVERAGE, {"year": 2026, "nobody_trained": "on"})
    agencies = {row.agency.short_name for row in response.context["report"].rows}
    assert agencies == {"Sở Y tế", "Sở Nội vụ"}
    assert "Sở Tư pháp" not in response.content.decode()


def test_staff_see_only_their_own_agency_row(client_for, staff_b, small_province, agency_b):
    response = client_for(staff_b).get(COVERAGE, {"year": 2026})
    assert [row.agency for row in response.context["report"].rows] == [agency_b]
    assert "Sở Tư pháp" not in response.content.decode()
    export = load_workbook(BytesIO(client_for(staff_b).get(COVERAGE, {"export": "xlsx"}).content)).active
    assert [row[0] for row in export.iter_rows(min_row=2, values_only=True)] == ["Sở Y tế", _("Total")]


def test_coverage_defaults_to_the_current_reporting_year(client_for, admin_user, small_province):
    response = client_for(admin_user).get(COVERAGE)
    assert response.context["report"].year == current_period().year
    years = [value for value, _label in response.context["form"].fields["year"].choices]
    assert {2025, 2026, current_period().year} <= set(years)


def test_coverage_export_has_a_row_per_agency_and_totals(client_for, admin_user, small_province):
    response = client_for(admin_user).get(COVERAGE, {"year": 2026, "export": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    by_agency = {row[0]: row for row in rows}
    assert by_agency["Sở Tư pháp"][1:8] == (2, 1, 1, 0, 1, 33.3, 3)
    assert rows[-1][1:8] == (3, 1, 1, 0, 1, 25, 4)


def test_coverage_page_writes_shares_as_every_page_does(client_for, admin_user, small_province):
    page = client_for(admin_user).get(COVERAGE, {"year": 2026}).content.decode()
    # Sở Tư pháp: 1 of 3 trained; the province: 1 of 4; Sở Nội vụ has nobody to train.
    assert ">33,3%<" in page and ">25,0%<" in page and ">—<" in page
    assert "25%" not in page


@pytest.mark.parametrize(("persona", "status"), [("council", 403), ("anonymous", 302)])
def test_coverage_refuses_non_readers(client_for, personas, persona, status):
    assert client_for(personas[persona]).get(COVERAGE).status_code == status


def test_coverage_query_count_does_not_grow(client_for, admin_user, small_province, class_2026):
    client = client_for(admin_user)
    url = f"{COVERAGE}?year=2026"
    small = _queries(client, url)
    for _index in range(4):
        agency = AgencyFactory()
        _trained(DemocracyOfficerFactory(agency=agency), class_2026)
        InspectionMemberFactory(agency=agency)
    assert _queries(client, url) == small
    assert _queries(client, f"{url}&nobody_trained=on") == small
