"""Funding (Art. 2): budget lines and their spending in the browser, money typed and shown the Vietnamese
way, the generic link to an activity, the Excel import, the summaries, scoping and query counts."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dancoso import indicators as registry
from dancoso.periods import Period
from funding import indicators
from funding.models import BudgetLine, FundingSource, Spending
from tests.factories import AgencyFactory, TrainingClassFactory

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def _line(agency, **fields):
    values = {
        "year": YEAR,
        "measure": "training",
        "description": "Bồi dưỡng",
        "estimate": 10_000_000,
        "allocated": 8_000_000,
        "source": FundingSource.objects.first(),
        **fields,
    }
    return BudgetLine.objects.create(agency=agency, **values)


def _data(**changes):
    return {
        "agency": "",
        "year": YEAR,
        "measure": "training",
        "description": "Cử cán bộ dự lớp bồi dưỡng",
        "source": FundingSource.objects.first().pk,
        "estimate": "15.000.000",
        "allocated": "12,000,000 đ",
        "activity": "",
        "note": "",
        **changes,
    }


def test_staff_enter_a_line_of_their_agency_with_amounts_as_they_type_them(
    client_for, staff_a, agency_a, agency_b
):
    response = client_for(staff_a).post(reverse("funding:line_create"), _data(agency=agency_b.pk))
    line = BudgetLine.objects.get()
    assert response.status_code == 302 and line.agency == agency_a
    assert (line.estimate, line.allocated, line.spent) == (15_000_000, 12_000_000, 0)
    page = client_for(staff_a).get(line.get_absolute_url()).content.decode()
    assert "15.000.000 đ" in page and "12.000.000 đ" in page


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-500.000", "không được âm"),
        ("mười triệu", "Nhập số tiền"),
        ("1.000.000.000.000.001", "không được vượt"),
        ("12,5", "Nhập số tiền"),
    ],
)
def test_bad_amounts_are_refused_and_kept(client_for, staff_a, amount, message):
    response = client_for(staff_a).post(reverse("funding:line_create"), _data(estimate=amount))
    assert BudgetLine.objects.count() == 0
    assert message in " ".join(response.context["form"].errors["estimate"])
    assert f'value="{amount}"' in response.content.decode()


def test_a_line_points_at_a_training_class_through_the_generic_relation(client_for, staff_a, agency_a):
    training_class = TrainingClassFactory(plan__year=YEAR)
    choice = f"{ContentType.objects.get_for_model(training_class).pk}:{training_class.pk}"
    client = client_for(staff_a)
    form = client.get(reverse("funding:line_create")).context["form"]
    offered = [value for _group, options in form.fields["activity"].choices[1:] for value, _label in options]
    assert choice in offered
    client.post(reverse("funding:line_create"), _data(activity=choice))
    line = BudgetLine.objects.get()
    assert line.activity == training_class
    assert training_class.title in client.get(line.get_absolute_url()).content.decode()


def test_an_activity_the_line_may_not_name_is_refused(client_for, staff_a, agency_b):
    from digital.models import System

    other = System.objects.create(
        name="Hệ thống của Sở Y tế",
        agency=agency_b,
        kind="database",
        status="concept",
        started_on=dt.date(YEAR, 1, 2),
    )
    choice = f"{ContentType.objects.get_for_model(other).pk}:{other.pk}"
    response = client_for(staff_a).post(reverse("funding:line_create"), _data(activity=choice))
    assert BudgetLine.objects.count() == 0 and response.status_code == 200


def test_spending_adds_up_and_spending_above_allocated_is_flagged(client_for, staff_a, agency_a):
    line = _line(agency_a)
    client = client_for(staff_a)
    for amount in ("5.000.000", "4.500.000"):
        client.post(
            reverse("funding:spending_add", args=[line.pk]),
            {"spent_on": f"10/01/{YEAR}", "amount": amount, "document_number": "12/GRN"},
        )
    line.refresh_from_db()
    assert line.spent == 9_500_000 and line.overspent
    page = client.get(line.get_absolute_url()).content.decode()
    assert 'data-testid="overspent"' in page and "9.500.000 đ" in page
    assert line.history.first().spent == 9_500_000
    client.post(reverse("funding:spending_delete", args=[line.spendings.first().pk]))
    line.refresh_from_db()
    assert line.spent == 4_500_000 and not line.overspent


def test_a_spending_before_the_budget_year_or_in_the_future_is_refused(client_for, staff_a, agency_a):
    line = _line(agency_a)
    client = client_for(staff_a)
    for day in (f"31/12/{YEAR - 1}", f"{timezone.localdate() + dt.timedelta(days=2):%d/%m/%Y}"):
        response = client.post(
            reverse("funding:spending_add", args=[line.pk]), {"spent_on": day, "amount": "1.000"}
        )
        assert response.status_code == 400
    assert Spending.objects.count() == 0


def test_staff_of_another_agency_cannot_see_or_change_a_line(client_for, staff_b, agency_a):
    line = _line(agency_a)
    client = client_for(staff_b)
    assert client.get(line.get_absolute_url()).status_code == 404
    assert client.post(reverse("funding:spending_add", args=[line.pk]), {"amount": "1"}).status_code == 404
    assert client.get(reverse("funding:line_list")).context["page_obj"].paginator.count == 0


def _workbook(rows):
    from funding.imports import HEADERS

    workbook = openpyxl.Workbook()
    workbook.active.append(list(HEADERS))
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("du-toan.xlsx", buffer.getvalue())


def test_the_import_records_every_row_or_none(client_for, admin_user, agency_a, agency_b):
    source = FundingSource.objects.first().name
    good = [
        [agency_a.code, "training", "Bồi dưỡng", source, "1.234.567", "1,000,000 đ"],
        [agency_b.code, "Khác", "Khác", source, 2500000, None],
    ]
    bad = [
        *good,
        [agency_a.code, "training", "Âm", source, "-5.000", None],
        ["XYZ", "bay", "", "?", "abc", None],
    ]
    client = client_for(admin_user)
    refused = client.post(reverse("funding:line_import"), {"year": YEAR, "file": _workbook(bad)})
    errors = refused.context["form"].non_field_errors()
    assert BudgetLine.objects.count() == 0
    assert any(error.startswith("Dòng 4") for error in errors) and any(
        error.startswith("Dòng 5") for error in errors
    )
    client.post(reverse("funding:line_import"), {"year": YEAR, "file": _workbook(good)})
    amounts = sorted(BudgetLine.objects.values_list("estimate", "allocated", "measure"))
    assert amounts == [(1_234_567, 1_000_000, "training"), (2_500_000, None, "other")]


def test_staff_import_only_their_own_agency(client_for, staff_a, agency_b):
    rows = [[agency_b.code, "training", "Bồi dưỡng", FundingSource.objects.first().name, "1.000", None]]
    response = client_for(staff_a).post(
        reverse("funding:line_import"), {"year": YEAR, "file": _workbook(rows)}
    )
    assert BudgetLine.objects.count() == 0 and "Sở Y tế" in " ".join(
        response.context["form"].non_field_errors()
    )


def test_the_summary_matches_the_registry_and_the_report(client_for, admin_user, agency_a, agency_b):
    _line(agency_a, spent=6_000_000)
    _line(agency_b, measure="digital", estimate=50_000_000, allocated=40_000_000, spent=44_000_000)
    _line(agency_a, year=YEAR - 1, spent=3_000_000)
    response = client_for(admin_user).get(reverse("funding:summary"), {"year": YEAR})
    rows = {row["key"]: row for row in response.context["rows"]}
    assert rows["training"]["spent"] == 6_000_000 and rows["training"]["previous"]["spent"] == 3_000_000
    assert rows["total"]["spent"] == 50_000_000 and rows["total"]["rate"] == Decimal("104.2")
    section = registry.section_for("funding", Period(YEAR))
    assert section.indicator("funding.spent").value == rows["total"]["spent"]
    assert section.indicator("funding.allocated").value == rows["total"]["allocated"]
    assert section.indicator("funding.lines_overspent").value == 1
    by_measure = {row.agency_name: row.cells for row in section.table("by_measure").rows}
    assert len(by_measure) == 2
    export = client_for(admin_user).get(reverse("funding:summary"), {"year": YEAR, "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert any(row[3] == 50_000_000 for row in sheet.iter_rows(values_only=True))


@pytest.mark.parametrize("url_name", ["funding:line_list", "funding:summary"])
def test_pages_cost_the_same_queries_for_2_and_20_lines(client_for, admin_user, url_name):
    client = client_for(admin_user)
    counts = []
    for size in (2, 20):
        while BudgetLine.objects.count() < size:
            _line(AgencyFactory())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_figures_cost_the_same_queries_for_3_and_30_agencies():
    counts = []
    for size in (3, 30):
        while BudgetLine.objects.count() < size:
            _line(AgencyFactory())
        with CaptureQueriesContext(connection) as queries:
            indicators.section(Period(YEAR))
            indicators.agency_figures(Period(YEAR))
        counts.append(len(queries))
    assert counts[0] == counts[1]
