"""The appendix as official tables (Nghị định 30/2020 style), read back from the XLSX and the DOCX."""

from __future__ import annotations

import copy
from datetime import date
from io import BytesIO
from typing import Any

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from reporting.documents import layout
from reporting.documents.docx import build_docx
from reporting.documents.xlsx import build_xlsx
from tests.reporting.documents_data import build_keyed_snapshot, build_meta, build_snapshot

TITLE = "KẾT QUẢ BỒI DƯỠNG THEO CƠ QUAN, ĐƠN VỊ NĂM 2026"
NUMBERED = "(Kèm theo Báo cáo số 356/BC-UBND ngày 15/12/2026 của Ủy ban nhân dân tỉnh Bắc Giang)"
DOTTED = "(Kèm theo Báo cáo số …/BC-UBND ngày 15/12/2026 của Ủy ban nhân dân tỉnh Bắc Giang)"
TRAINING_UNIT = "Đơn vị tính: người; tỷ lệ: %"


def meta(**changes: Any):
    return build_meta(**{"number": "356", "date": date(2026, 12, 15), **changes})


def read_xlsx(snapshot: dict[str, Any], **changes: Any) -> Workbook:
    return load_workbook(BytesIO(build_xlsx(snapshot, meta(**changes))))


def read_docx(snapshot: dict[str, Any], **changes: Any) -> DocumentObject:
    return Document(BytesIO(build_docx(snapshot, meta(**changes))))


def row_of(sheet: Worksheet, text: str) -> int:
    """The row whose first cell reads ``text``."""
    return next(cell.row for cell in sheet["A"] if cell.value == text)


def values(sheet: Worksheet, row: int) -> list[Any]:
    return [cell.value for cell in sheet[row]]


def table_cells(sheet: Worksheet, header: str):
    """Every cell of the sheet's table, from the headings row to the last row."""
    return sheet.iter_rows(min_row=row_of(sheet, header), max_row=sheet.max_row, max_col=sheet.max_column)


def paragraph_texts(document: DocumentObject) -> list[str]:
    return [
        "".join(node.text or "" for node in p.iter(qn("w:t"))) for p in document.element.body.iter(qn("w:p"))
    ]


def appendix_tables(document: DocumentObject) -> list[Table]:
    return [t for t in document.tables if t.rows[0].cells[0].text == "STT"]


@pytest.fixture(scope="module")
def snapshot() -> dict[str, Any]:
    return build_keyed_snapshot()


@pytest.fixture(scope="module")
def workbook(snapshot) -> Workbook:
    return read_xlsx(snapshot)


@pytest.fixture(scope="module")
def document(snapshot) -> DocumentObject:
    return read_docx(snapshot)


@pytest.fixture(scope="module")
def old_snapshot() -> dict[str, Any]:
    """Taken before columns had keys and units: plain headings, indicators without keys."""
    old = build_snapshot()
    assert all(isinstance(column, str) for column in old["sections"][0]["tables"][0]["columns"])
    return old


# --- XLSX: the heading of every table -----------------------------------------------------------------------


def test_sheets_are_named_summary_then_numbered_tables(workbook):
    assert workbook.sheetnames == ["Tổng hợp", "Biểu 1", "Biểu 2"]


def test_issuing_body_is_at_top_left_in_bold_capitals_on_every_sheet(workbook):
    for sheet in workbook:
        assert [sheet["A1"].value, sheet["A2"].value] == ["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"]
        assert sheet["A1"].font.bold and sheet["A2"].font.bold
        assert sheet["A1"].font.size == 13
    merged = {str(cell_range) for cell_range in workbook["Biểu 1"].merged_cells.ranges}
    assert {"A1:B1", "A2:B2"} <= merged  # over the STT and agency columns


def test_table_title_is_in_capitals_merged_across_every_column_and_centred(workbook):
    sheet = workbook["Biểu 1"]
    row = row_of(sheet, TITLE)
    assert f"A{row}:F{row}" in {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    cell = sheet[f"A{row}"]
    assert cell.font.bold and cell.font.size == 13
    assert cell.alignment.horizontal == "center" and cell.alignment.wrap_text
    assert sheet.row_dimensions[row].height >= 2 * 13  # room for two lines
    section = values(sheet, row + 1)[0]
    assert section == "(Bồi dưỡng cán bộ phụ trách công tác dân chủ và thành viên Ban Thanh tra nhân dân)"
    assert sheet[f"A{row + 1}"].font.italic


def test_summary_merges_each_parts_cell_over_its_indicators(workbook, snapshot):
    sheet = workbook["Tổng hợp"]
    first = row_of(sheet, "(1)") + 1
    indicators = len(snapshot["sections"][0]["indicators"])
    assert f"A{first}:A{first + indicators - 1}" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet[f"A{first}"].value.startswith("1. ")


def test_summary_title_is_merged_across_its_columns(workbook):
    sheet = workbook["Tổng hợp"]
    row = row_of(sheet, "TỔNG HỢP SỐ LIỆU KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT NĂM 2026")
    assert f"A{row}:F{row}" in {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert row_of(sheet, "(Số liệu báo cáo tính từ ngày 15/12/2025 đến ngày 14/12/2026)") > row


def test_a_summary_dated_before_the_periods_end_says_the_last_days_are_estimated(snapshot):
    sheet = read_xlsx(snapshot, date=date(2026, 12, 5))["Tổng hợp"]
    estimated = "số liệu từ ngày 06/12/2026 đến ngày 14/12/2026 là số liệu ước thực hiện)"
    assert row_of(sheet, f"(Số liệu báo cáo tính từ ngày 15/12/2025 đến ngày 14/12/2026; {estimated}")


def test_each_table_names_its_number_and_the_report_it_is_attached_to(workbook):
    for number in (1, 2):
        sheet = workbook[f"Biểu {number}"]
        row = row_of(sheet, f"Biểu số {number}")
        assert sheet[f"A{row}"].font.bold
        assert values(sheet, row + 1)[0] == NUMBERED
        assert sheet[f"A{row + 1}"].font.italic
    assert row_of(workbook["Tổng hợp"], NUMBERED)


def test_without_a_number_the_report_is_cited_dotted_for_the_clerk(snapshot):
    workbook = read_xlsx(snapshot, number="")
    assert all(row_of(sheet, DOTTED) for sheet in workbook)
    assert DOTTED in paragraph_texts(read_docx(snapshot, number=" "))


def test_unit_line_is_right_aligned_above_the_table(workbook):
    sheet = workbook["Biểu 1"]
    row = row_of(sheet, TRAINING_UNIT)
    assert row == row_of(sheet, "STT") - 1
    assert sheet[f"A{row}"].alignment.horizontal == "right"
    assert row_of(workbook["Biểu 2"], "Đơn vị tính: hội nghị, kiến nghị; tỷ lệ: %")


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        (["người", "người"], "Đơn vị tính: người"),
        (["người", "người", "%"], "Đơn vị tính: người; tỷ lệ: %"),
        (["%", "%"], "Đơn vị tính: %"),
        (["", ""], ""),
    ],
)
def test_unit_line_names_the_columns_units(units, expected):
    columns = [{"key": f"c{index}", "label": "Cột", "unit": unit} for index, unit in enumerate(units)]
    assert layout.unit_line(columns) == expected


# --- XLSX: the table ----------------------------------------------------------------------------------------


def test_headings_are_followed_by_a_row_of_column_numbers_in_italics(workbook):
    sheet = workbook["Biểu 1"]
    header = row_of(sheet, "STT")
    assert values(sheet, header) == [
        "STT",
        "Cơ quan, đơn vị",
        "Cán bộ phụ trách dân chủ",
        "Thành viên Ban TTND",
        "Học viên",
        "Tỷ lệ chuyên cần (%)",
    ]
    assert values(sheet, header + 1) == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    assert all(cell.font.italic for cell in sheet[header + 1])
    summary = workbook["Tổng hợp"]
    assert values(summary, row_of(summary, "Nội dung") + 1) == [f"({n})" for n in range(1, 7)]


def test_every_table_cell_has_thin_borders(workbook):
    for sheet, header in (
        (workbook["Tổng hợp"], "Nội dung"),
        (workbook["Biểu 1"], "STT"),
        (workbook["Biểu 2"], "STT"),
    ):
        merged = {
            (row, column): cell_range
            for cell_range in sheet.merged_cells.ranges
            for row, column in cell_range.cells
        }
        for row in table_cells(sheet, header):
            for cell in row:
                border = cell.border
                sides = {
                    "left": border.left,
                    "right": border.right,
                    "top": border.top,
                    "bottom": border.bottom,
                }
                cell_range = merged.get((cell.row, cell.column))
                if cell_range is not None:
                    # A merged cell (a part over its indicators) draws the lines around the whole range.
                    if cell.row != cell_range.min_row:
                        sides.pop("top")
                    if cell.row != cell_range.max_row:
                        sides.pop("bottom")
                assert all(side.style == "thin" for side in sides.values()), cell.coordinate


def test_every_cell_is_times_new_roman_12_in_the_table_and_13_above(workbook):
    assert workbook._named_styles["Normal"].font.name == "Times New Roman"
    for sheet in workbook:
        header = row_of(sheet, "STT" if sheet.title.startswith("Biểu") else "Nội dung")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                assert cell.font.name == "Times New Roman", cell.coordinate
                if cell.row >= header:
                    assert cell.font.size == 12, cell.coordinate
                elif cell.row <= 2:
                    assert cell.font.size == 13, cell.coordinate


def test_cells_left_empty_are_times_new_roman_too(snapshot):
    sheet = read_xlsx(snapshot)["Biểu 1"]
    assert sheet.cell(row=sheet.max_row + 5, column=sheet.max_column + 3).font.name == "Times New Roman"


def test_every_sheet_prints_a4_landscape_one_page_wide_with_its_headings_repeated(workbook):
    for sheet in workbook:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and int(setup.paperSize) == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
        assert sheet.print_options.horizontalCentered
        header = row_of(sheet, "STT" if sheet.title.startswith("Biểu") else "Nội dung")
        assert sheet.print_title_rows == f"${header}:${header + 1}"
        assert sheet.freeze_panes == f"A{header + 2}"
        assert 0.5 < sheet.page_margins.left < 1.5 and 0.5 < sheet.page_margins.top < 1.5


def test_totals_sum_the_counts_and_show_the_province_rate(workbook):
    sheet = workbook["Biểu 1"]
    total = row_of(sheet, "STT") + 2 + 3
    assert values(sheet, total) == [None, "Tổng cộng", 9, 15, 1302, 93.4]
    assert all(cell.font.bold for cell in sheet[total])
    assert sheet.cell(row=total, column=6).number_format == "0.0"
    assert sheet.cell(row=total, column=5).number_format == "#,##0"
    # Without a province-wide indicator for the rate, its total stays blank.
    other = workbook["Biểu 2"]
    assert values(other, other.max_row) == [None, "Tổng cộng", 2, 2345, None]


def test_rates_print_one_decimal_and_cells_hold_numbers(workbook):
    sheet = workbook["Biểu 1"]
    first = row_of(sheet, "STT") + 2
    assert values(sheet, first) == [1, "Sở Tư pháp", 3, 5, 12, 100]
    assert sheet.cell(row=first, column=6).number_format == "0.0"
    assert sheet.cell(row=first + 1, column=5).number_format == "#,##0"
    assert sheet.cell(row=first, column=1).number_format == "0"
    summary = workbook["Tổng hợp"]
    percent = row_of(
        summary, "3. Trách nhiệm của cơ quan, đơn vị và người đứng đầu trong thực hiện dân chủ ở cơ sở"
    )
    assert summary.cell(row=percent, column=3).number_format == "0.0"  # 100 per cent, written 100.0


def test_a_percent_column_of_whole_numbers_is_not_summed():
    section = {"key": "s", "indicators": [{"key": "s.share", "value": 75.0}]}
    table = {
        "columns": [
            {"key": "people", "label": "Người", "unit": "người"},
            {"key": "share", "label": "%", "unit": "%"},
        ],
        "rows": [{"cells": [1, 100]}, {"cells": [3, 50]}],
    }
    assert layout.appendix_totals(section, table) == [4, 75.0]
    assert layout.rate_columns(table) == [False, True]


def test_workbook_is_the_same_bytes_for_the_same_inputs(snapshot):
    assert build_xlsx(snapshot, meta()) == build_xlsx(copy.deepcopy(snapshot), meta())


# --- DOCX appendix ------------------------------------------------------------------------------------------


def test_docx_appendix_tables_repeat_both_heading_rows_and_number_the_columns(document):
    tables = appendix_tables(document)
    assert len(tables) == 2
    for table in tables:
        rows = table._tbl.tr_lst
        for tr in rows[:2]:
            marker = tr.trPr.find(qn("w:tblHeader"))
            assert marker is not None and marker.get(qn("w:val")) == "true"
        assert all(tr.trPr is None or tr.trPr.find(qn("w:tblHeader")) is None for tr in rows[2:])
    numbers = tables[0].rows[1]
    assert [cell.text for cell in numbers.cells] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    assert all(run.italic for cell in numbers.cells for run in cell.paragraphs[0].runs)


def test_docx_appendix_prints_rates_with_one_decimal_and_the_province_total(document):
    rows = [[cell.text for cell in row.cells] for row in appendix_tables(document)[0].rows]
    assert rows[2:] == [
        ["1", "Sở Tư pháp", "3", "5", "12", "100,0"],
        ["2", "Sở Y tế", "4", "7", "1.250", "86,7"],
        ["3", "Sở Giáo dục và Đào tạo", "2", "3", "40", "—"],
        ["", "Tổng cộng", "9", "15", "1.302", "93,4"],
    ]
    other = [[cell.text for cell in row.cells] for row in appendix_tables(document)[1].rows]
    assert other[-1] == ["", "Tổng cộng", "2", "2.345", ""]


def test_docx_appendix_heads_each_table_as_an_official_table(document):
    texts = [text for text in paragraph_texts(document) if text]
    start = texts.index("Biểu số 1")
    assert texts[start - 2 : start] == ["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"]
    assert texts[start + 1 : start + 5] == [
        NUMBERED,
        TITLE,
        "(Bồi dưỡng cán bộ phụ trách công tác dân chủ và thành viên Ban Thanh tra nhân dân)",
        TRAINING_UNIT,
    ]
    assert texts.count("ỦY BAN NHÂN DÂN") == 3  # the report's header, then one per table
    second = next(
        p for p in document.paragraphs if p.text == "ỦY BAN NHÂN DÂN" and p.paragraph_format.page_break_before
    )
    assert second.runs[0].bold


# --- Older snapshots ----------------------------------------------------------------------------------------


def test_a_snapshot_with_plain_column_headings_still_builds(old_snapshot):
    workbook = read_xlsx(old_snapshot)
    sheet = workbook["Biểu 1"]
    header = row_of(sheet, "STT")
    assert values(sheet, header)[2] == "Cán bộ phụ trách dân chủ"
    assert not any(str(cell.value or "").startswith("Đơn vị tính") for cell in sheet["A"])
    assert values(sheet, sheet.max_row) == [None, "Tổng cộng", 9, 15, 1302, None]
    rows = [[cell.text for cell in row.cells] for row in appendix_tables(read_docx(old_snapshot))[0].rows]
    assert rows[3][-1] == "88,0"  # a float column is a rate, one decimal
    assert rows[-1][-1] == ""


def test_a_snapshot_with_keyed_columns_but_no_units_still_builds(snapshot):
    without_units = copy.deepcopy(snapshot)
    for section in without_units["sections"]:
        for table in section["tables"]:
            for column in table["columns"]:
                del column["unit"]
    sheet = read_xlsx(without_units)["Biểu 1"]
    assert not any(str(cell.value or "").startswith("Đơn vị tính") for cell in sheet["A"])
    # The rate still has its province-wide total, found by its key.
    assert values(sheet, sheet.max_row)[-1] == 93.4
