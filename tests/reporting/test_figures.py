"""The figures in the generated DOCX and XLSX are the indicator registry's figures for the period."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from docx import Document
from openpyxl import load_workbook

from dancoso import indicators
from dancoso.core.numbers import with_unit
from dancoso.periods import Period
from reporting import services
from tests.factories import AttendanceFactory, EnrolmentFactory, SessionFactory, TrainingClassFactory


def _training_year(year: int, trainees: int, absent: int) -> None:
    training_class = TrainingClassFactory(
        plan__year=year, start_date=dt.date(year, 5, 4), end_date=dt.date(year, 5, 6), status="finished"
    )
    session = SessionFactory(training_class=training_class, date=dt.date(year, 5, 4))
    for n in range(trainees):
        status = "absent" if n < absent else "present"
        AttendanceFactory(
            session=session, status=status, enrolment=EnrolmentFactory(training_class=training_class)
        )


def _training(period: Period):
    return next(section for section in indicators.sections(period) if section.key == "training")


def test_docx_and_xlsx_carry_the_registry_figures_with_the_previous_year(report, admin_user):
    _training_year(2025, trainees=4, absent=1)
    _training_year(2026, trainees=7, absent=2)
    this_year, last_year = _training(Period(2026)), _training(Period(2025))
    version = services.version_request(report=report, actor=admin_user)
    version.refresh_from_db()

    document = Document(BytesIO(version.docx.read()))
    rows = {
        row.cells[0].text: [cell.text for cell in row.cells[1:]]
        for table in document.tables
        for row in table.rows
        if len(row.cells) == 4
    }
    previous = {item.label: item for item in last_year.indicators}
    for item in this_year.indicators:
        assert rows[str(item.label)][0] == with_unit(item.value, str(item.unit)), item.label
        earlier = previous[item.label]
        assert rows[str(item.label)][1] == with_unit(earlier.value, str(earlier.unit)), item.label

    sheet = load_workbook(BytesIO(version.xlsx.read()))["Tổng hợp"]
    values = {row[1]: (row[2], row[3]) for row in sheet.iter_rows(min_row=4, values_only=True)}
    for item in this_year.indicators:
        expected = float(item.value) if item.value is not None else None
        assert values[str(item.label)][0] == expected, item.label
        assert values[str(item.label)][1] == (
            float(previous[item.label].value) if previous[item.label].value is not None else None
        )


def test_agency_rows_of_the_appendix_equal_the_registry_table(report, admin_user):
    _training_year(2026, trainees=5, absent=0)
    table = _training(Period(2026)).tables[0]
    version = services.version_request(report=report, actor=admin_user)
    version.refresh_from_db()
    workbook = load_workbook(BytesIO(version.xlsx.read()))
    sheet = workbook[workbook.sheetnames[1]]
    expected = {
        row.agency_name: [float(c) if c is not None else None for c in row.cells] for row in table.rows
    }
    found = {
        row[1]: [float(c) if isinstance(c, int | float) else c for c in row[2 : 2 + len(table.columns)]]
        for row in sheet.iter_rows(values_only=True)
        if row and row[1] in expected
    }
    assert found == expected
