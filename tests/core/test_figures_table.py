"""The dashboard's per-agency tables: the first rows on the dashboard, all of them on their own page."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dancoso.core.views import DASHBOARD_TOP_ROWS
from tests.core.test_registry import YEAR
from tests.factories import AgencyFactory, DemocracyOfficerFactory
from tests.training.test_indicators import _class, _enrol

pytestmark = pytest.mark.django_db
URL = reverse("figures_table", args=["training", "by_agency"])


def _agencies_trained(home_affairs, count, training_class=None):
    if training_class is None:
        training_class, sessions = _class(home_affairs, sessions=2)
    sessions = list(training_class.sessions.all())
    for number in range(count):
        agency = AgencyFactory(short_name=f"Cơ quan {number:03}", display_order=number)
        _enrol(training_class, sessions, DemocracyOfficerFactory(agency=agency), "PP" if number % 2 else "PA")
    return training_class


def test_the_dashboard_shows_the_first_rows_and_links_to_the_whole_table(
    client_for, admin_user, home_affairs
):
    _agencies_trained(home_affairs, DASHBOARD_TOP_ROWS + 5)
    body = client_for(admin_user).get(reverse("dashboard"), {"year": YEAR}).content.decode()
    assert "Cơ quan 009" in body and "Cơ quan 010" not in body
    assert f'href="{URL}?year={YEAR}"' in body


def test_the_whole_table_pages_sorts_and_exports(client_for, leader_user, home_affairs):
    _agencies_trained(home_affairs, 60)
    client = client_for(leader_user)
    first = client.get(URL, {"year": YEAR})
    assert first.status_code == 200
    assert [row.agency_name for row in first.context["page_obj"]][:2] == ["Cơ quan 000", "Cơ quan 001"]
    assert first.context["page_obj"].paginator.num_pages == 2
    by_rate = client.get(URL, {"year": YEAR, "sort": "-attendance_rate"}).context["page_obj"]
    assert by_rate[0].cells[-1] == 100 and by_rate[0].agency_name == "Cơ quan 001"
    export = client.get(URL, {"year": YEAR, "sort": "-attendance_rate", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row == 61
    assert sheet.cell(row=2, column=1).value == "Cơ quan 001"


def test_staff_see_only_their_agencys_row(client_for, home_affairs, staff_a, agency_a):
    training_class = _agencies_trained(home_affairs, 3)
    _enrol(
        training_class, list(training_class.sessions.all()), DemocracyOfficerFactory(agency=agency_a), "PP"
    )
    rows = client_for(staff_a).get(URL, {"year": YEAR}).context["page_obj"]
    assert [row.agency_id for row in rows] == [agency_a.pk]


def test_a_year_without_figures_says_so(client_for, admin_user):
    response = client_for(admin_user).get(URL, {"year": YEAR})
    assert response.status_code == 200
    assert 'data-testid="figures-empty"' in response.content.decode()


def test_an_unknown_table_is_not_found(client_for, admin_user):
    client = client_for(admin_user)
    assert client.get(reverse("figures_table", args=["training", "nothing"])).status_code == 404
    assert client.get(reverse("figures_table", args=["nothing", "by_agency"])).status_code == 404


def test_the_page_costs_the_same_queries_for_10_or_100_agencies(client_for, admin_user, home_affairs):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(admin_user)
    training_class = _agencies_trained(home_affairs, 10)

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"year": YEAR}).status_code == 200
        return len(queries)

    small = count()
    _agencies_trained(home_affairs, 90, training_class)
    assert count() == small
