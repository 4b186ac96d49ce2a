from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dancoso import indicators
from dancoso.indicators import PERCENT, Column, Indicator, Section, Table, TableRow
from dancoso.periods import current_period
from tests.factories import AgencyFactory, PersonFactory


def _per_agency_section(period, agency=None):
    """A section with one row per agency, built from one aggregate query as real providers must."""
    from dancoso.agencies.models import Agency

    agencies = Agency.objects.active().values_list("pk", "short_name")
    rows = tuple(TableRow(pk, name, (1,)) for pk, name in agencies)
    return Section(
        "rows",
        "Theo cơ quan",
        "Điều 1",
        (Indicator("rows.agencies", "Số cơ quan", len(rows)),),
        (Table("by_agency", "Bảng", (Column("count", "Số"),), rows),),
    )


def _dashboard_queries(client, count):
    AgencyFactory.create_batch(count)
    PersonFactory.create_batch(count // 2)
    with (
        indicators.registered((1, 1), "rows", _per_agency_section),
        CaptureQueriesContext(connection) as queries,
    ):
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_dashboard_query_count_is_the_same_for_10_and_200_agencies(
    no_measure_sections, client_for, admin_user
):
    client = client_for(admin_user)
    small = _dashboard_queries(client, 10)
    large = _dashboard_queries(client, 190)
    assert small == large
    # The trend charts ask each provider for the four years before the chosen one as well; one more query
    # reads what changed since the figures were cached; three read the agencies the measures flag.
    assert small <= 18


def test_dashboard_shows_the_current_period(client_for, leader_user):
    period = current_period()
    response = client_for(leader_user).get(reverse("dashboard"))
    assert f"{period.start:%d/%m/%Y}" in response.content.decode()
    assert f"{period.end:%d/%m/%Y}" in response.content.decode()


def test_dashboard_counts_only_the_staff_members_agency(client_for, staff_a, agency_a, agency_b):
    PersonFactory.create_batch(3, agency=agency_a, is_democracy_officer=True)
    PersonFactory.create_batch(5, agency=agency_b, is_democracy_officer=True)
    response = client_for(staff_a).get(reverse("dashboard"))
    assert response.context["overview"]["people"] == 3
    assert response.context["scoped_agency"] == agency_a


def test_dashboard_for_a_past_year(client_for, council_user):
    year = current_period().year - 2
    response = client_for(council_user).get(reverse("dashboard"), {"year": year})
    assert response.context["period"].year == year
    assert (
        client_for(council_user).get(reverse("dashboard"), {"year": "abc"}).context["period"]
        == current_period()
    )


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_public_landing_page_is_open_and_vietnamese(client, province):
    response = client.get(reverse("portal:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in body
    assert "Bắc Giang" in body
    assert "Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng" in body


def _shares_section(period, agency=None):
    return Section(
        "shares",
        "Tỷ lệ",
        "Điều 1",
        (
            Indicator("shares.attendance", "Tỷ lệ chuyên cần", Decimal("95.0"), PERCENT, target=Decimal(90)),
            Indicator("shares.covered", "Cơ quan có người được bồi dưỡng", 25.0, PERCENT),
            Indicator("shares.classes", "Số lớp", 2, "lớp"),
        ),
    )


@pytest.mark.django_db
def test_dashboard_writes_every_percentage_one_way(no_measure_sections, client_for, leader_user):
    with indicators.registered((1, 1), "shares", _shares_section):
        page = client_for(leader_user).get(reverse("dashboard")).content.decode()
    values = re.findall(r'<div class="indicator-value">(.*?)</div>', page)
    assert values[-3:] == ["95,0%", "25,0%", '2 <span class="fs-6 fw-normal">lớp</span>']
    assert "Chỉ tiêu: 90,0%" in page
    # The table behind the percentage chart writes its figures the same way.
    assert "<td>95,0%</td>" in page and "<td>90,0%</td>" in page
    assert " %" not in re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)


def _shown(client):
    """What the dashboard shows: every section's figures and per-agency rows, and the headline cards."""
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    sections = {
        section.key: ({i.key: i.value for i in section.indicators}, [table.rows for table in section.tables])
        for section in response.context["sections"]
    }
    return sections, response.context["overview"], response.context["scoped_agency"]


@pytest.mark.parametrize("overseer", ["leader_user", "council_user"])
def test_leaders_and_the_council_see_the_figures_of_home_affairs_whatever_their_agency(
    request, client_for, admin_user, overseer, agency_a, agency_b
):
    """The People's Council's account belongs to the council's office; its dashboard is the province's."""
    from tests.factories import DemocracyOfficerFactory, EnrolmentFactory, TrainingClassFactory

    user = request.getfixturevalue(overseer)
    user.agency = AgencyFactory(name="Văn phòng Đoàn ĐBQH và HĐND tỉnh")
    user.save()
    training_class = TrainingClassFactory(plan__year=current_period().year)
    for agency in (agency_a, agency_b):
        EnrolmentFactory(training_class=training_class, person=DemocracyOfficerFactory(agency=agency))
    home_affairs = _shown(client_for(admin_user))
    assert _shown(client_for(user)) == home_affairs
    sections, overview, scoped = home_affairs
    assert scoped is None and overview["democracy_officers"] == 2
    figures, tables = sections["training"]
    assert figures["training.trainees_enrolled"] == 2 and len(tables[0]) == 2
