from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dancoso import indicators
from dancoso.core.trends import MAX_SERIES, trends
from dancoso.indicators import Indicator, Section
from dancoso.periods import Period, current_period
from tests.factories import (
    AgencyFactory,
    AttendanceFactory,
    DemocracyOfficerFactory,
    EnrolmentFactory,
    SessionFactory,
    TrainingClassFactory,
    TrainingPlanFactory,
)

pytestmark = pytest.mark.django_db

LATEST = current_period()
YEARS = [LATEST.year - offset for offset in range(4, -1, -1)]


def _yearly_section(period, agency=None):
    """Figures that differ every year (and per agency), so a value from the wrong year cannot pass."""
    base = period.year - 2000 + (100 if agency is not None else 0)
    return Section(
        "yearly",
        "Phổ biến pháp luật",
        "Điều 1 khoản 2",
        (
            Indicator("yearly.meetings", "Số hội nghị", base, "hội nghị", target=20),
            Indicator("yearly.share", "Tỷ lệ cơ quan tham gia", Decimal(base) + Decimal("0.5"), "%"),
            # Only the latest year has this figure: the earlier years read as gaps.
            Indicator("yearly.documents", "Số tài liệu", 7 if period == LATEST else None, "tài liệu"),
            Indicator("yearly.unknown", "Chưa thống kê", None, "hội nghị"),
            Indicator("yearly.note", "Ghi chú", "không phải số", "hội nghị"),
        ),
    )


def _empty_section(period, agency=None):
    return Section("empty", "Thi đua, khen thưởng", "Điều 1 khoản 4")


def _many_counts(period, agency=None):
    labels = [f"Nhóm {number}" for number in range(1, MAX_SERIES + 2)]
    return Section(
        "many",
        "Hỗ trợ chuyển đổi số",
        "Điều 1 khoản 5",
        tuple(Indicator(f"many.{x}", x, 1, "người") for x in labels),
    )


def _chart_by_unit(section):
    return {chart["unit"]: chart for chart in section["charts"]}


def test_trends_equal_the_registrys_figures_for_each_year(no_measure_sections):
    with indicators.registered((1, 2), "yearly", _yearly_section):
        (section,) = trends(until=LATEST)
        registry = {year: indicators.sections(Period(year))[0].indicators for year in YEARS}
    charts = _chart_by_unit(section)
    assert (section["section"], section["title"]) == ("yearly", "Phổ biến pháp luật")
    (meetings,) = charts["hội nghị"]["series"]
    assert charts["hội nghị"]["years"] == YEARS
    assert meetings["values"] == [registry[year][0].value for year in YEARS]
    assert meetings["targets"] == [20] * 5
    (share,) = charts["%"]["series"]
    assert share["values"] == [float(registry[year][1].value) for year in YEARS]
    assert share["targets"] is None
    assert charts["tài liệu"]["series"][0]["values"] == [None, None, None, None, 7]


def test_figures_missing_in_every_year_or_not_numbers_are_left_out(no_measure_sections):
    with indicators.registered((1, 2), "yearly", _yearly_section):
        (section,) = trends(until=LATEST)
    labels = [series["label"] for chart in section["charts"] for series in chart["series"]]
    assert labels == ["Số hội nghị", "Tỷ lệ cơ quan tham gia", "Số tài liệu"]


def test_trend_data_is_plain_json(no_measure_sections):
    with indicators.registered((1, 2), "yearly", _yearly_section):
        data = trends(until=LATEST)
    # Decimals become numbers: Django's encoder would have made them strings that charts cannot scale.
    assert json.loads(json.dumps(data)) == data


def test_indicators_sharing_a_unit_share_charts_of_at_most_four_series(no_measure_sections):
    with indicators.registered((1, 5), "many", _many_counts):
        (section,) = trends(until=LATEST)
    assert [len(chart["series"]) for chart in section["charts"]] == [MAX_SERIES, 1]


def test_trends_cover_the_years_ending_at_the_chosen_period(no_measure_sections):
    with indicators.registered((1, 2), "yearly", _yearly_section):
        (section,) = trends(years=3, until=Period(2024))
    chart = _chart_by_unit(section)["hội nghị"]
    assert chart["years"] == [2022, 2023, 2024]
    assert chart["series"][0]["values"] == [22, 23, 24]
    assert chart["rows"] == [[2022, 22, 20], [2023, 23, 20], [2024, 24, 20]]


def _page_trends(response):
    body = response.content.decode()
    match = re.search(r'<script id="dashboard-trends" type="application/json">(.*?)</script>', body, re.S)
    assert match, "the dashboard carries its chart data in a json_script element"
    return json.loads(match.group(1))


def test_dashboard_carries_the_trends_as_json_script(no_measure_sections, client_for, council_user):
    with indicators.registered((1, 2), "yearly", _yearly_section):
        response = client_for(council_user).get(reverse("dashboard"), {"year": YEARS[-2]})
        expected = trends(until=Period(YEARS[-2]))
    body = response.content.decode()
    assert _page_trends(response) == expected
    # Meetings and the share; the documents figure exists only after the chosen year, so it has no chart.
    assert body.count('data-trend-section="yearly"') == 2
    assert 'src="/static/vendor/chartjs/chart.umd.min.js" defer' in body
    assert 'src="/static/js/dashboard-charts.js" defer' in body
    # The only inline <script> is the data; the drawing code is a static file.
    assert re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", body) == [
        ' id="dashboard-trends" type="application/json"'
    ]


def test_staff_charts_show_their_own_agencys_figures(no_measure_sections, client_for, staff_a, council_user):
    with indicators.registered((1, 2), "yearly", _yearly_section):
        staff = _chart_by_unit(_page_trends(client_for(staff_a).get(reverse("dashboard")))[0])
        province = _chart_by_unit(_page_trends(client_for(council_user).get(reverse("dashboard")))[0])
    assert staff["hội nghị"]["series"][0]["values"] == [year - 2000 + 100 for year in YEARS]
    assert province["hội nghị"]["series"][0]["values"] == [year - 2000 for year in YEARS]


def test_section_without_figures_in_any_year_says_so(no_measure_sections, client_for, leader_user):
    with indicators.registered((1, 4), "empty", _empty_section):
        response = client_for(leader_user).get(reverse("dashboard"))
    body = response.content.decode()
    assert _page_trends(response) == [{"section": "empty", "title": "Thi đua, khen thưởng", "charts": []}]
    assert 'data-testid="trend-empty"' in body
    assert "<canvas" not in body


def test_chart_figures_are_also_in_a_table_for_screen_readers(no_measure_sections, client_for, leader_user):
    with indicators.registered((1, 2), "yearly", _yearly_section):
        body = client_for(leader_user).get(reverse("dashboard")).content.decode()
    assert 'role="img"' in body
    assert re.search(r'aria-label="[^"]*Số hội nghị[^"]*"', body)
    assert f'<tr><th scope="row">{LATEST.year}</th><td>{LATEST.year - 2000}</td><td>20</td></tr>' in body


def _class_with_trainees(organiser, year, agencies):
    """A class in ``year`` with one trainee per agency, each marked present in both sessions."""
    plan = TrainingPlanFactory(year=year)
    start = dt.date(year, 4, 1)
    training_class = TrainingClassFactory(plan=plan, organiser=organiser, start_date=start, end_date=start)
    sessions = [SessionFactory(training_class=training_class, date=start) for _ in range(2)]
    for agency in agencies:
        enrolment = EnrolmentFactory(
            training_class=training_class, person=DemocracyOfficerFactory(agency=agency)
        )
        for session in sessions:
            AttendanceFactory(enrolment=enrolment, session=session)


def _dashboard(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return len(queries), _page_trends(response)


def test_dashboard_query_count_with_charts_is_the_same_for_3_and_30_agencies(
    client_for, admin_user, home_affairs
):
    client = client_for(admin_user)
    _class_with_trainees(home_affairs, YEARS[1], AgencyFactory.create_batch(3))
    _class_with_trainees(home_affairs, YEARS[-1], AgencyFactory.create_batch(3))
    small, small_trends = _dashboard(client)
    _class_with_trainees(home_affairs, YEARS[1], AgencyFactory.create_batch(27))
    _class_with_trainees(home_affairs, YEARS[-1], AgencyFactory.create_batch(27))
    large, large_trends = _dashboard(client)
    assert small == large

    def enrolled(data):
        training = next(section for section in data if section["section"] == "training")
        # The first trainee chart starts with the total of confirmed enrolments.
        counts = next(chart for chart in training["charts"] if len(chart["series"]) > 1)
        return counts["series"][0]["values"]

    assert enrolled(small_trends) == [None, 3, None, None, 3]
    assert enrolled(large_trends) == [None, 30, None, None, 30]


def test_vendored_chartjs_is_found_with_its_licence():
    found = finders.find("vendor/chartjs/chart.umd.min.js")
    assert found and Path(found).read_text(encoding="utf-8").startswith("/*!\n * Chart.js v4.")
    assert finders.find("vendor/chartjs/LICENSE.md")


def test_every_vendored_source_map_that_is_named_exists():
    vendor = Path(settings.BASE_DIR) / "static" / "vendor"
    for path in [*vendor.rglob("*.js"), *vendor.rglob("*.css")]:
        for name in re.findall(
            r"sourceMappingURL=(\S+?)\s*(?:\*/)?$", path.read_text(encoding="utf-8"), re.M
        ):
            assert (path.parent / name).is_file(), f"{path} names a missing {name}"


def test_collectstatic_with_the_manifest_storage_succeeds(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert "vendor/chartjs/chart.umd.min.js" in manifest
    assert "js/dashboard-charts.js" in manifest
