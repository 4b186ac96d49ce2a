"""XLSX exports: the shared writer, and the agency and people lists exported with their filters."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dancoso.agencies.imports import HEADERS
from dancoso.core.exports import XLSX_CONTENT_TYPE, xlsx_bytes
from tests.factories import AgencyFactory, InspectionMemberFactory, PersonFactory, RetiredAgencyFactory


def _sheet(content: bytes):
    return load_workbook(BytesIO(content)).active


def test_writer_makes_a_bold_frozen_header_and_fitted_widths():
    sheet = _sheet(xlsx_bytes(["Mã", "Tên"], [["SNV", "Sở Nội vụ tỉnh Bắc Giang"], ["X", "y" * 500]]))
    assert [cell.value for cell in sheet[1]] == ["Mã", "Tên"]
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == len("SNV") + 2
    assert sheet.column_dimensions["B"].width == 60


def test_writer_neutralises_formulas_and_keeps_dates():
    values = ['=HYPERLINK("http://x")', "+84912", "-1", "@SUM(A1)", "a=b", 12, datetime.date(2024, 1, 15)]
    sheet = _sheet(xlsx_bytes([f"c{index}" for index in range(len(values))], [values]))
    row = list(sheet[2])
    assert [cell.value for cell in row[:6]] == [
        '\'=HYPERLINK("http://x")',
        "'+84912",
        "'-1",
        "'@SUM(A1)",
        "a=b",
        12,
    ]
    assert all(cell.data_type != "f" for cell in row)
    assert row[6].value == datetime.datetime(2024, 1, 15)
    assert row[6].number_format == "DD/MM/YYYY"


@pytest.mark.django_db
def test_agency_export_follows_the_filters(client_for, admin_user, agency_a, agency_b):
    retired = RetiredAgencyFactory(name="=cmd|' /C calc'!A0", merged_into=agency_a)
    PersonFactory.create_batch(2, agency=agency_b)
    response = client_for(admin_user).get(reverse("agencies:agency_list") + "?status=retired&export=xlsx")
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="co-quan-')
    rows = list(_sheet(response.content).iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã", "Tên", "Tên viết tắt")
    assert rows[0][-1] == "Cán bộ"
    assert len(rows) == 2
    assert rows[1][0] == retired.code
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    assert rows[1][7] == "Sở Tư pháp"


@pytest.mark.django_db
def test_agency_export_for_staff_has_no_head_counts(client_for, staff_a, agency_a):
    rows = list(
        _sheet(client_for(staff_a).get(reverse("agencies:agency_list") + "?export=xlsx").content).iter_rows(
            values_only=True
        )
    )
    assert "Cán bộ" not in rows[0]
    assert len(rows[1]) == len(rows[0])


@pytest.mark.django_db
def test_people_export_uses_import_columns_and_the_filters(client_for, admin_user, agency_a, agency_b):
    member = InspectionMemberFactory(
        agency=agency_a, full_name="@Phạm Văn Ký", inspection_term_start=datetime.date(2024, 3, 5)
    )
    PersonFactory(agency=agency_a, full_name="Người Không Lọc")
    url = reverse("agencies:person_list") + "?flag=inspection&export=xlsx"
    rows = list(_sheet(client_for(admin_user).get(url).content).iter_rows(values_only=True))
    assert rows[0][: len(HEADERS)] == HEADERS
    assert rows[0][len(HEADERS) :] == ("Cơ quan, đơn vị", "Đang công tác tại cơ quan")
    assert len(rows) == 2
    name, code, *_, start, end, steering, agency_name, active = rows[1]
    assert (name, code, start.date(), agency_name, active) == (
        "'@Phạm Văn Ký",
        "STP",
        member.inspection_term_start,
        agency_a.name,
        "x",
    )


@pytest.mark.django_db
def test_export_query_count_does_not_grow_with_rows(client_for, admin_user, queries_for):
    client = client_for(admin_user)
    people_url = reverse("agencies:person_list") + "?export=xlsx"
    agencies_url = reverse("agencies:agency_list") + "?export=xlsx"
    PersonFactory.create_batch(3)
    small = (queries_for(client, people_url), queries_for(client, agencies_url))
    for _ in range(57):
        PersonFactory(agency=AgencyFactory(parent=AgencyFactory()))
    assert (queries_for(client, people_url), queries_for(client, agencies_url)) == small
