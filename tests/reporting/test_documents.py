"""The report's documents, read back: DOCX with python-docx, XLSX with openpyxl, the PDF's magic bytes."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table
from openpyxl import load_workbook

from dancoso.measures import MEASURES
from reporting.documents import pdf
from reporting.documents.docx import build_docx, vietnamese_date, vietnamese_number
from reporting.documents.layout import NO_FIGURES, NO_TEXT, SHEET_TITLE_FORBIDDEN, period_sentence
from reporting.documents.meta import Narrative
from reporting.documents.xlsx import build_xlsx, sheet_title
from tests.reporting.documents_data import build_meta, build_snapshot, with_agency_name

HALF_MM = Mm(0.5)


def read_docx(data: bytes) -> DocumentObject:
    return Document(BytesIO(data))


def paragraph_texts(document: DocumentObject) -> list[str]:
    """Every paragraph's text in reading order, table cells included."""
    texts = []
    for paragraph in document.element.body.iter(qn("w:p")):
        texts.append("".join(node.text or "" for node in paragraph.iter(qn("w:t"))))
    return texts


def paragraphs_by_text(document: DocumentObject, text: str) -> list[Any]:
    """python-docx paragraphs (body and table cells) whose text equals ``text``."""
    found = [p for p in document.paragraphs if p.text == text]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += [p for p in cell.paragraphs if p.text == text]
    return found


def following(texts: list[str], heading: str) -> str:
    """The first non-empty paragraph after ``heading``."""
    index = texts.index(heading)
    return next(text for text in texts[index + 1 :] if text.strip())


def figures_tables(document: DocumentObject) -> list[Table]:
    return [t for t in document.tables if t.rows[0].cells[0].text == "Chỉ tiêu"]


def appendix_tables(document: DocumentObject) -> list[Table]:
    return [t for t in document.tables if t.rows[0].cells[0].text == "STT"]


def rows_text(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def snapshot() -> dict[str, Any]:
    return build_snapshot()


@pytest.fixture(scope="module")
def document(snapshot) -> DocumentObject:
    return read_docx(build_docx(snapshot, build_meta()))


# --- Numbers and dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (1234567, "1.234.567"),
        (-1234, "-1.234"),
        (95.5, "95,5"),
        (100.0, "100"),
        (1234.5, "1.234,5"),
        (0.05, "0,05"),
        (Decimal("12.30"), "12,3"),
        (-0.001, "0"),
        (None, "—"),
    ],
)
def test_vietnamese_number_uses_dot_for_thousands_and_comma_for_decimals(value, expected):
    assert vietnamese_number(value) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 5), "Bắc Giang, ngày 05 tháng 12 năm 2026"),
        (date(2026, 2, 5), "Bắc Giang, ngày 05 tháng 02 năm 2026"),
        (date(2026, 1, 10), "Bắc Giang, ngày 10 tháng 01 năm 2026"),
        (date(2026, 3, 9), "Bắc Giang, ngày 09 tháng 3 năm 2026"),
        (date(2026, 10, 1), "Bắc Giang, ngày 01 tháng 10 năm 2026"),
        (date(2026, 11, 30), "Bắc Giang, ngày 30 tháng 11 năm 2026"),
    ],
)
def test_vietnamese_date_pads_days_below_ten_and_months_one_and_two(day, expected):
    assert vietnamese_date("Bắc Giang", day) == expected


# --- DOCX: page, font, header block -------------------------------------------------------------------------


def test_docx_page_is_a4_portrait_with_decree_margins(document):
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < HALF_MM
    assert abs(section.page_height - Mm(297)) < HALF_MM
    assert abs(section.top_margin - Mm(20)) < HALF_MM
    assert abs(section.bottom_margin - Mm(20)) < HALF_MM
    assert abs(section.left_margin - Mm(30)) < HALF_MM
    assert abs(section.right_margin - Mm(15)) < HALF_MM


def test_docx_normal_style_is_times_new_roman_for_every_script(document):
    style = document.styles["Normal"]
    assert style.font.name == "Times New Roman"
    fonts = style.element.rPr.rFonts
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(attribute)) == "Times New Roman"
    assert style.font.size.pt == 14


def test_docx_header_block_has_issuing_body_national_title_and_underlined_motto(document):
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"]
    texts = [p.text for p in right.paragraphs]
    assert texts[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    title, motto, rule = right.paragraphs[:3]
    assert title.runs[0].bold and title.runs[0].font.size.pt == 13
    assert motto.runs[0].bold and motto.runs[0].font.size.pt == 14
    # The line under the motto: the next paragraph draws a solid bottom border.
    border = rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:val")) == "single"


def test_docx_number_is_left_blank_for_the_clerk_or_printed(snapshot, document):
    number = document.tables[0].rows[1].cells[0].text
    assert number.startswith("Số: ") and number.endswith("/BC-UBND")
    assert number.removeprefix("Số:").removesuffix("/BC-UBND").strip() == ""
    numbered = read_docx(build_docx(snapshot, build_meta(number="125")))
    assert numbered.tables[0].rows[1].cells[0].text == "Số: 125/BC-UBND"


def test_docx_place_and_date_are_italic_with_leading_zeros(snapshot):
    document = read_docx(build_docx(snapshot, build_meta(date=date(2026, 2, 5))))
    cell = document.tables[0].rows[1].cells[1]
    assert cell.text == "Bắc Giang, ngày 05 tháng 02 năm 2026"
    assert cell.paragraphs[0].runs[0].italic


def test_docx_title_and_summary_name_the_resolution(document):
    texts = paragraph_texts(document)
    (title,) = paragraphs_by_text(document, "BÁO CÁO")
    assert title.runs[0].bold
    summary = following(texts, "BÁO CÁO")
    assert summary == (
        "Kết quả thực hiện Nghị quyết số 12/2024/NQ-HĐND ngày 10/07/2024 của Hội đồng nhân dân tỉnh về các "
        "biện pháp "
        "bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn tỉnh Bắc Giang năm 2026"
    )


def test_docx_summary_leaves_an_unrecorded_resolution_number_dotted_for_the_clerk(snapshot):
    meta = build_meta(resolution_number="", resolution_date=None)
    texts = paragraph_texts(read_docx(build_docx(snapshot, meta)))
    assert following(texts, "BÁO CÁO").startswith(
        "Kết quả thực hiện Nghị quyết số …/NQ-HĐND ngày …/…/… của Hội đồng nhân dân tỉnh về các biện pháp"
    )


def test_docx_cites_the_resolution_and_the_clause_of_every_part(document):
    """The opening cites Điều 3, which orders the report; each part the clause it reports on."""
    texts = paragraph_texts(document)
    opening = next(
        text for text in texts if text.startswith("Thực hiện Điều 3 Nghị quyết số 12/2024/NQ-HĐND")
    )
    assert "ngày 10/07/2024 của Hội đồng nhân dân tỉnh" in opening and "HĐND" not in opening.replace(
        "NQ-HĐND", ""
    )
    for index, measure in enumerate(MEASURES, start=1):
        number, clause = measure.article
        cited = f"khoản {clause} Điều {number}" if clause else f"Điều {number}"
        assert following(texts, f"{index}. {measure.heading}").startswith(f"Thực hiện {cited} của Nghị quyết")
    assert any(text.startswith("Thực hiện Điều 2 của Nghị quyết") for text in texts), "funding cites Điều 2"


def test_docx_states_the_data_period_and_that_the_days_after_the_report_are_estimated(document):
    # The report is dated 05/12/2026, nine days before the period ends.
    assert (
        "Số liệu báo cáo tính từ ngày 15/12/2025 đến ngày 14/12/2026; số liệu từ ngày 06/12/2026 đến ngày "
        "14/12/2026 là số liệu ước thực hiện." in paragraph_texts(document)
    )


@pytest.mark.parametrize("day", [date(2026, 12, 14), date(2026, 12, 15), date(2027, 1, 10)])
def test_a_report_dated_at_or_after_the_periods_end_estimates_nothing(day):
    snapshot = build_snapshot()
    sentence = period_sentence(snapshot, day)
    assert sentence == "Số liệu báo cáo tính từ ngày 15/12/2025 đến ngày 14/12/2026."


# --- DOCX: body ---------------------------------------------------------------------------------------------


def test_docx_has_the_five_sections_and_six_measures_in_order(document):
    texts = paragraph_texts(document)
    headings = [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI",
        "II. KẾT QUẢ THỰC HIỆN",
        *[f"{index}. {measure.heading}" for index, measure in enumerate(MEASURES, start=1)],
        "III. ĐÁNH GIÁ CHUNG",
        "1. Ưu điểm",
        "2. Tồn tại, hạn chế",
        "3. Nguyên nhân",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    positions = [texts.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert len(MEASURES) == 6


def test_docx_measure_without_figures_says_so_plainly(document):
    texts = paragraph_texts(document)
    # Funding has no section at all, digital a section with a warning and no figure.
    assert following(texts, "6. Kinh phí thực hiện").endswith(NO_FIGURES.lower())
    assert following(texts, "5. Ứng dụng công nghệ thông tin, chuyển đổi số").endswith(NO_FIGURES.lower())
    (warning,) = paragraphs_by_text(document, "Chưa có cơ quan nào cập nhật số liệu chuyển đổi số.")
    assert warning.runs[0].italic


def test_docx_figures_table_shows_this_year_previous_year_and_target(document, snapshot):
    tables = figures_tables(document)
    with_figures = [s for s in snapshot["sections"] if s["indicators"]]
    assert len(tables) == len(with_figures)
    assert [row[0] for row in rows_text(tables[0])[1:]] == [i["label"] for i in with_figures[0]["indicators"]]
    assert rows_text(tables[0]) == [
        ["Chỉ tiêu", "Năm 2026", "Năm 2025", "Chỉ tiêu giao"],
        ["Số lớp bồi dưỡng trong năm", "2 lớp", "1 lớp", "1 lớp"],
        ["Số học viên tham gia", "1.302 người", "980 người", "—"],
        ["Tỷ lệ chuyên cần", "93,4%", "90,0%", "—"],
    ]
    # Propaganda: one indicator known the year before, one new.
    assert rows_text(tables[1])[1:] == [
        ["Số hội nghị tuyên truyền", "48 hội nghị", "41 hội nghị", "—"],
        ["Số lượt người tham dự", "15.230 lượt người", "—", "—"],
    ]


def test_docx_narrative_goes_under_its_heading_and_empty_text_reads_no_content(document):
    texts = paragraph_texts(document)
    leadership = following(texts, "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI")
    assert (
        leadership == "Ủy ban nhân dân tỉnh ban hành Kế hoạch số 45/KH-UBND triển khai thực hiện Nghị quyết."
    )
    assert "Các sở, ban, ngành kiện toàn Ban Chỉ đạo thực hiện dân chủ ở cơ sở." in texts
    assert following(texts, "2. Tồn tại, hạn chế") == NO_TEXT
    assert following(texts, "V. ĐỀ XUẤT, KIẾN NGHỊ") == NO_TEXT
    assert all(run.italic for p in paragraphs_by_text(document, NO_TEXT) for run in p.runs)
    assert "Các lớp bồi dưỡng được tổ chức đúng kế hoạch, học viên tham gia đầy đủ." in texts


def test_docx_without_any_narrative_still_has_every_heading(snapshot):
    document = read_docx(build_docx(snapshot, build_meta(narrative=Narrative())))
    texts = paragraph_texts(document)
    assert following(texts, "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI") == NO_TEXT
    assert following(texts, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027") == NO_TEXT


# --- DOCX: signature, recipients, page numbers, appendix ----------------------------------------------------


def test_docx_signature_block_lists_recipients_and_signer(document):
    left, right = (
        next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:")).rows[0].cells
    )
    lines = [p.text for p in left.paragraphs]
    assert lines[0] == "Nơi nhận:"
    assert left.paragraphs[0].runs[0].bold and left.paragraphs[0].runs[0].italic
    assert "- Thường trực: Tỉnh ủy, HĐND tỉnh;" in lines and "- Sở Nội vụ;" in lines
    assert lines[-1] == "- Lưu: VT."
    signer = [p.text for p in right.paragraphs if p.text]
    assert signer == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Hải"]


def test_docx_recipients_typed_with_dashes_are_normalised(snapshot):
    meta = build_meta(recipients=("- Bộ Nội vụ;", "  Sở Tư pháp. ", "Lưu: VT, SNV."))
    document = read_docx(build_docx(snapshot, meta))
    table = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    lines = [p.text for p in table.rows[0].cells[0].paragraphs]
    assert lines == ["Nơi nhận:", "- Bộ Nội vụ;", "- Sở Tư pháp;", "- Lưu: VT."]


def test_docx_page_number_field_from_page_two_only(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    instructions = [node.text for node in section.header._element.iter(qn("w:instrText"))]
    assert [text.strip() for text in instructions] == ["PAGE"]
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))


def test_docx_appendix_tables_total_whole_numbers_but_not_rates(document, snapshot):
    tables = appendix_tables(document)
    assert len(tables) == 2
    rows = rows_text(tables[0])
    assert rows[0] == ["STT", "Cơ quan, đơn vị", *snapshot["sections"][0]["tables"][0]["columns"]]
    assert rows[2:-1] == [
        ["1", "Sở Tư pháp", "3", "5", "12", "95,5"],
        ["2", "Sở Y tế", "4", "7", "1.250", "88,0"],
        ["3", "Sở Giáo dục và Đào tạo", "2", "3", "40", "—"],
    ]
    assert rows[-1] == ["", "Tổng cộng", "9", "15", "1.302", ""]
    appendix = document.sections[-1]
    assert appendix.page_width > appendix.page_height  # landscape, so wide tables stay readable
    # Numbered from its first page, with the body's header (the PAGE field).
    assert not appendix.different_first_page_header_footer
    assert appendix.header.is_linked_to_previous


def test_docx_without_agency_tables_has_no_appendix(snapshot):
    bare = {**snapshot, "sections": [{**s, "tables": []} for s in snapshot["sections"]]}
    document = read_docx(build_docx(bare, build_meta()))
    assert not appendix_tables(document)
    assert len(document.sections) == 1
    assert "Phụ lục" not in paragraph_texts(document)


def test_docx_is_the_same_bytes_for_the_same_inputs(snapshot):
    meta = build_meta()
    assert build_docx(snapshot, meta) == build_docx(snapshot, meta)


def test_docx_of_a_year_without_any_section_still_builds(snapshot):
    empty = {"year": 2026, "period": snapshot["period"], "sections": [], "previous": {}}
    texts = paragraph_texts(read_docx(build_docx(empty, build_meta())))
    assert sum(text.endswith(NO_FIGURES.lower()) for text in texts) == len(MEASURES)


# --- XLSX ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(snapshot):
    hostile = with_agency_name(snapshot, '=HYPERLINK("http://evil.example","Bấm vào")')
    return load_workbook(BytesIO(build_xlsx(hostile, build_meta())))


def test_xlsx_has_a_summary_sheet_then_one_sheet_per_agency_table(workbook):
    assert workbook.sheetnames[0] == "Tổng hợp"
    assert len(workbook.sheetnames) == 3
    for name in workbook.sheetnames:
        assert len(name) <= 31 and not set(name) & set(SHEET_TITLE_FORBIDDEN)
    assert workbook.sheetnames[1].startswith("Biểu 1")


def header_row(sheet: Any, first: str) -> int:
    """The row of a sheet's table headings, below the issuing body and the titles."""
    return next(cell.row for cell in sheet["A"] if cell.value == first)


def test_xlsx_summary_states_the_period_and_holds_every_indicator(workbook, snapshot):
    sheet = workbook["Tổng hợp"]
    header = header_row(sheet, "Nội dung")
    period = sheet.cell(row=header - 1, column=1).value
    assert "15/12/2025" in period and "14/12/2026" in period
    assert [cell.value for cell in sheet[header]] == [
        "Nội dung",
        "Chỉ tiêu",
        "Năm 2026",
        "Năm 2025",
        "Chỉ tiêu giao",
        "Đơn vị tính",
    ]
    assert all(cell.font.bold for cell in sheet[header])
    # Frozen below the headings and the row that numbers the columns.
    assert sheet.freeze_panes == f"A{header + 2}"
    rows = {row[1]: row for row in sheet.iter_rows(min_row=header + 2, values_only=True)}
    for section in snapshot["sections"]:
        for item in section["indicators"]:
            assert rows[item["label"]][2] == item["value"]
            assert rows[item["label"]][4] == item["target"]
            assert rows[item["label"]][5] == item["unit"]
    assert rows["Số lớp bồi dưỡng trong năm"][3] == 1  # the year before
    assert rows["Số lượt người tham dự"][3] is None
    assert NO_FIGURES in rows  # digital and funding say they have no figure


def test_xlsx_agency_sheet_has_header_values_and_computed_totals(workbook, snapshot):
    sheet = workbook[workbook.sheetnames[1]]
    table = snapshot["sections"][0]["tables"][0]
    header = header_row(sheet, "STT")
    assert sheet.cell(row=header_row(sheet, "Biểu số 1"), column=1).font.bold
    assert [cell.value for cell in sheet[header]] == ["STT", "Cơ quan, đơn vị", *table["columns"]]
    assert all(cell.font.bold and cell.alignment.wrap_text for cell in sheet[header])
    assert sheet.freeze_panes == f"A{header + 2}"
    first = header + 2
    values = list(sheet.iter_rows(min_row=first, values_only=True))
    assert [list(row[2:]) for row in values[:-1]] == [row["cells"] for row in table["rows"]]
    assert values[-1] == (None, "Tổng cộng", 9, 15, 1302, None)
    assert sheet.cell(row=first, column=5).number_format == "#,##0"
    assert sheet.cell(row=first, column=6).number_format == "0.0"


def test_xlsx_neutralises_a_formula_in_an_agency_name(workbook):
    sheet = workbook[workbook.sheetnames[1]]
    cell = sheet.cell(row=header_row(sheet, "STT") + 2, column=2)
    assert cell.value == '\'=HYPERLINK("http://evil.example","Bấm vào")'
    assert cell.data_type == "s"


def test_sheet_titles_are_trimmed_cleaned_and_unique():
    used = {"Tổng hợp"}
    first = sheet_title("Biểu 1 - Kết quả: bồi dưỡng [theo] cơ quan/đơn vị?", used)
    second = sheet_title("Biểu 1 - Kết quả: bồi dưỡng [theo] cơ quan/đơn vị?", used)
    assert len(first) <= 31 and len(second) <= 31
    assert not set(first + second) & set(SHEET_TITLE_FORBIDDEN)
    assert first != second and second.endswith("(2)")
    assert sheet_title("tổng hợp", used) != "tổng hợp"  # sheet names clash whatever their case


# --- PDF ----------------------------------------------------------------------------------------------------


@pytest.mark.services
def test_pdf_conversion_with_libreoffice(snapshot):
    if not pdf.pdf_available():
        pytest.skip("LibreOffice (soffice) is not installed")
    data = pdf.convert_to_pdf(build_docx(snapshot, build_meta()))
    assert data is not None and data.startswith(b"%PDF")


def test_pdf_is_none_without_libreoffice(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert pdf.pdf_available() is False
    assert pdf.convert_to_pdf(b"not a docx") is None


def _fake_soffice(monkeypatch, tmp_path: Path, script: str) -> None:
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n" + script + "\n")
    program.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(program))


def test_pdf_conversion_failure_raises_a_clear_error(monkeypatch, tmp_path):
    _fake_soffice(monkeypatch, tmp_path, "echo 'Error: source file could not be loaded'; exit 1")
    with pytest.raises(pdf.PdfConversionError, match="exit code 1"):
        pdf.convert_to_pdf(b"PK")


def test_pdf_conversion_without_output_raises(monkeypatch, tmp_path):
    _fake_soffice(monkeypatch, tmp_path, "exit 0")
    with pytest.raises(pdf.PdfConversionError, match="no PDF"):
        pdf.convert_to_pdf(b"PK")


def test_pdf_conversion_that_hangs_is_stopped(monkeypatch, tmp_path):
    _fake_soffice(monkeypatch, tmp_path, "sleep 30")
    with pytest.raises(pdf.PdfConversionError, match="did not finish"):
        pdf.convert_to_pdf(b"PK", timeout=0.5)


def test_meta_without_signer_name_keeps_room_for_the_signature(snapshot):
    meta = build_meta(signer=replace(build_meta().signer, name=""))
    document = read_docx(build_docx(snapshot, meta))
    table = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    assert [p.text for p in table.rows[0].cells[1].paragraphs if p.text][-1] == "PHÓ CHỦ TỊCH"
