"""The IT systems register (Art. 1 §5): systems and their milestones in the browser, the rules, scoping,
the register as JSON and Excel, the figures, and query counts."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dancoso.periods import Period
from digital import indicators
from digital.models import Milestone, Platform, Purpose, System
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _system(agency, **fields):
    values = {
        "name": "Hệ thống quản lý văn bản và điều hành",
        "kind": "information_system",
        "status": "development",
        "started_on": dt.date(2025, 1, 10),
        **fields,
    }
    system = System.objects.create(agency=agency, **values)
    system.purposes.set([Purpose.objects.first()])
    return system


def _data(**changes):
    return {
        "name": "Ứng dụng Bắc Giang số",
        "agency": "",
        "kind": "mobile_app",
        "purposes": [Purpose.objects.get(reaches_public=True).pk],
        "status": "stable",
        "started_on": "01/03/2024",
        "launched_on": "01/01/2025",
        "for_staff": "on",
        "for_citizens": "on",
        "url": "bacgiang.gov.vn/so",
        "platforms": [Platform.objects.first().pk],
        "operator": "Viettel Bắc Giang",
        **changes,
    }


def test_staff_register_a_system_of_their_own_agency(client_for, staff_a, agency_a, agency_b):
    response = client_for(staff_a).post(reverse("digital:system_create"), _data(agency=agency_b.pk))
    system = System.objects.get()
    assert response.status_code == 302 and system.agency == agency_a
    assert system.url == "https://bacgiang.gov.vn/so"
    assert [platform.pk for platform in system.platforms.all()] == [Platform.objects.first().pk]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"launched_on": ""}, "launched_on", "ngày đưa vào vận hành"),
        ({"launched_on": "01/01/2023"}, "launched_on", "trước khi bắt đầu"),
        ({"purposes": []}, "purposes", ""),
        ({"url": "ftp://bacgiang.gov.vn"}, "url", ""),
    ],
)
def test_a_bad_system_is_refused_and_keeps_what_was_typed(client_for, staff_a, changes, field, message):
    response = client_for(staff_a).post(reverse("digital:system_create"), _data(**changes))
    assert System.objects.count() == 0
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert 'value="Viettel Bắc Giang"' in response.content.decode()


def _milestone(client, system, **changes):
    data = {"reached_on": f"{TODAY:%d/%m/%Y}", "title": "Thí điểm", "progress": "40", "note": "", **changes}
    return client.post(reverse("digital:milestone_create", args=[system.pk]), data)


def test_milestones_give_the_progress_and_going_back_needs_a_note(client_for, staff_a, agency_a):
    system = _system(agency_a)
    client = client_for(staff_a)
    _milestone(client, system, reached_on="01/06/2025", progress="30")
    _milestone(client, system, reached_on="01/09/2025", progress="55")
    back = _milestone(client, system, progress="40")
    assert back.status_code == 200 and "giảm từ 55 % xuống 40 %" in back.content.decode()
    _milestone(client, system, progress="40", note="Điều chỉnh phạm vi sau sắp xếp")
    page = client.get(system.get_absolute_url())
    assert page.context["system"].progress == 40
    assert [m.progress for m in page.context["system"].milestones.all()] == [30, 55, 40]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reached_on": "01/01/2024"}, "trước ngày bắt đầu"),
        ({"reached_on": f"{TODAY + dt.timedelta(days=3):%d/%m/%Y}"}, "tương lai"),
        ({"progress": "120"}, "100"),
        ({"progress": "-5"}, ""),
    ],
)
def test_a_bad_milestone_is_refused(client_for, staff_a, agency_a, changes, message):
    system = _system(agency_a)
    response = _milestone(client_for(staff_a), system, **changes)
    assert Milestone.objects.count() == 0 and response.status_code == 200
    assert message in response.content.decode()


def test_staff_of_another_agency_cannot_see_or_change_a_system(client_for, staff_b, agency_a):
    system = _system(agency_a)
    milestone = Milestone.objects.create(
        system=system, reached_on=dt.date(2025, 5, 1), title="x", progress=10
    )
    client = client_for(staff_b)
    assert client.get(system.get_absolute_url()).status_code == 404
    assert client.get(reverse("digital:system_update", args=[system.pk])).status_code == 404
    assert client.post(reverse("digital:milestone_delete", args=[milestone.pk])).status_code == 404
    assert client.get(reverse("digital:system_list")).context["page_obj"].paginator.count == 0
    assert json.loads(client.get(reverse("digital:system_register")).content) == {"systems": []}


def test_the_register_exports_to_json_and_excel(client_for, admin_user, agency_a):
    system = _system(agency_a, for_citizens=True)
    Milestone.objects.create(system=system, reached_on=dt.date(2025, 5, 1), title="x", progress=35)
    client = client_for(admin_user)
    register = json.loads(client.get(reverse("digital:system_register")).content)["systems"]
    assert register[0]["name"] == system.name and register[0]["developmentStatus"] == "development"
    assert register[0]["progress"] == 35 and register[0]["users"]["citizens"] is True
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("digital:system_list"), {"export": "xlsx"}).content)
    )
    rows = list(sheet.active.iter_rows(values_only=True))
    assert rows[1][0] == system.name and 35 in rows[1]


@pytest.mark.parametrize("url_name", ["digital:system_list", "digital:system_register"])
def test_the_register_costs_the_same_queries_for_2_and_20_systems(client_for, admin_user, url_name):
    client = client_for(admin_user)
    counts = []
    for size in (2, 20):
        while System.objects.count() < size:
            system = _system(AgencyFactory())
            system.platforms.set(Platform.objects.all()[:2])
            Milestone.objects.create(system=system, reached_on=dt.date(2025, 5, 1), title="x", progress=20)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# Figures.

PERIOD = Period(2025)  # 15/12/2024 – 14/12/2025


def test_the_figures_count_systems_as_they_stood_at_the_period_end(agency_a, agency_b):
    built = _system(agency_a)
    Milestone.objects.create(system=built, reached_on=dt.date(2025, 3, 1), title="a", progress=30)
    Milestone.objects.create(
        system=built, reached_on=dt.date(2025, 12, 20), title="after the period", progress=90
    )
    _system(agency_b, status="stable", launched_on=dt.date(2025, 2, 1), for_citizens=True)
    _system(agency_b, name="Chưa bắt đầu", started_on=dt.date(2026, 1, 5))
    section = indicators.section(PERIOD)
    values = {item.key.split(".")[1]: item.value for item in section.indicators}
    assert values["systems"] == 2 and values["systems_running"] == 1 and values["systems_being_built"] == 1
    assert values["systems_public"] == 1 and values["average_progress"] == 30 and values["milestones"] == 1
    purposes = section.table("by_purpose")
    assert purposes.row_heading and sum(row.cells[0] for row in purposes.rows) == 2
    assert indicators.section(Period(2024)).is_empty


def test_agency_figures_match_each_agencys_section_in_a_fixed_number_of_queries(agency_a, agency_b):
    _system(agency_a)
    figures = indicators.agency_figures(PERIOD)
    for agency in (agency_a, agency_b):
        for indicator in indicators.section(PERIOD, agency).indicators:
            assert figures[indicator.key][agency.pk] == indicator.value
    counts = []
    for size in (3, 30):
        while System.objects.count() < size:
            _system(AgencyFactory())
        with CaptureQueriesContext(connection) as queries:
            indicators.section(PERIOD)
            indicators.agency_figures(PERIOD)
        counts.append(len(queries))
    assert counts[0] == counts[1]
