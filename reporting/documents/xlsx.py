"""The yearly report's figures as a workbook (XLSX): a summary sheet, then one sheet per per-agency table.

``build_xlsx(snapshot, meta)`` reads the frozen snapshot only. Cells hold numbers (not formatted text) with
number formats, totals are computed values rather than formulas (some viewers show nothing for a formula that
was never calculated), and every text cell goes through ``safe_cell`` so an agency named "=HYPERLINK(…)" is
shown as text, not run as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dancoso.core.exports import safe_cell
from reporting.documents import layout as L
from reporting.documents.layout import (
    appendix_tables,
    column_labels,
    indicator_id,
    indicators_by_id,
    section_for,
    short_date,
)
from reporting.documents.meta import DocumentMeta
from reporting.measures import MEASURES

SUMMARY_TITLE = "Tổng hợp"
HEADER_ROW_SUMMARY = 3
HEADER_ROW_TABLE = 2
# A wrapped header needs no more width than this; the data decides beyond it.
HEADER_WIDTH_CAP = 18

BOLD = Font(bold=True)
ITALIC = Font(italic=True)
HEADER_FILL = PatternFill("solid", start_color=L.XLSX_HEADER_FILL, end_color=L.XLSX_HEADER_FILL)
WRAPPED = Alignment(wrap_text=True, vertical="center", horizontal="center")


def build_xlsx(snapshot: dict[str, Any], meta: DocumentMeta) -> bytes:
    workbook = Workbook()
    workbook.properties.creator = meta.issuing_body
    workbook.properties.title = f"Số liệu kết quả thực hiện Nghị quyết năm {meta.year}"
    workbook.properties.created = datetime(meta.date.year, meta.date.month, meta.date.day)
    _summary_sheet(workbook.active, snapshot, meta)
    used = {SUMMARY_TITLE}
    for number, section, table in appendix_tables(snapshot):
        sheet = workbook.create_sheet(sheet_title(f"Biểu {number} - {table['title']}", used))
        _table_sheet(sheet, number, section, table)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_title(wanted: str, used: set[str]) -> str:
    """A valid, unique sheet title: at most 31 characters, none of []:*?/\\, no edge apostrophe."""
    clean = "".join(" " if char in L.SHEET_TITLE_FORBIDDEN else char for char in wanted)
    clean = " ".join(clean.split()).strip("'") or "Biểu"
    title = clean[: L.SHEET_TITLE_MAX].rstrip()
    counter = 2
    while title.lower() in {name.lower() for name in used}:
        suffix = f" ({counter})"
        title = clean[: L.SHEET_TITLE_MAX - len(suffix)].rstrip() + suffix
        counter += 1
    used.add(title)
    return title


def _summary_rows(snapshot: dict[str, Any]) -> list[list[Any]]:
    """One row per indicator, in the report's order; a part without figures says so in one row."""
    sections = snapshot.get("sections", [])
    previous = (snapshot.get("previous") or {}).get("sections", [])
    parts = [
        (f"{index}. {measure.heading}", section_for(sections, measure.article), measure.article)
        for index, measure in enumerate(MEASURES, start=1)
    ]
    known = {tuple(measure.article) for measure in MEASURES}
    # A section the report's outline does not know yet still shows its figures, after the others.
    parts += [
        (s["title"], s, s.get("article_ref"))
        for s in sections
        if tuple(s.get("article_ref", ())) not in known
    ]
    rows: list[list[Any]] = []
    for name, section, article in parts:
        indicators = (section or {}).get("indicators", [])
        if not indicators:
            rows.append([name, L.NO_FIGURES, None, None, None, ""])
            continue
        before = indicators_by_id(section_for(previous, article))
        for item in indicators:
            earlier = before.get(indicator_id(item), {})
            rows.append(
                [
                    name,
                    item["label"],
                    item.get("value"),
                    earlier.get("value"),
                    item.get("target"),
                    item.get("unit"),
                ]
            )
    return rows


def _summary_sheet(sheet: Worksheet, snapshot: dict[str, Any], meta: DocumentMeta) -> None:
    sheet.title = SUMMARY_TITLE
    period = snapshot.get("period") or {}
    sheet.append([safe_cell(f"TỔNG HỢP SỐ LIỆU KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT NĂM {meta.year}")])
    sheet["A1"].font = BOLD
    sheet.append(
        [
            safe_cell(
                f"Số liệu tính từ ngày {short_date(period['start'])} đến ngày {short_date(period['end'])}; "
                f"lập ngày {short_date(meta.date)} - Ủy ban nhân dân tỉnh {meta.province}."
            )
        ]
    )
    sheet["A2"].font = ITALIC
    year = meta.year
    headers = ["Nội dung", "Chỉ tiêu", f"Năm {year}", f"Năm {year - 1}", "Chỉ tiêu giao", "Đơn vị tính"]
    rows = _summary_rows(snapshot)
    _header(sheet, headers)
    for row in rows:
        _append(sheet, row)
    _widths(sheet, headers, rows)


def _table_sheet(sheet: Worksheet, number: int, section: dict[str, Any], table: dict[str, Any]) -> None:
    columns = column_labels(table)
    sheet.append([safe_cell(f"Biểu số {number}. {table['title']} ({section['title']})")])
    sheet["A1"].font = BOLD
    headers = ["STT", "Cơ quan, đơn vị", *columns]
    _header(sheet, headers)
    rows = [
        [index, item["agency_name"], *_padded(item["cells"], len(columns))]
        for index, item in enumerate(table["rows"], start=1)
    ]
    for row in rows:
        _append(sheet, row)
    totals = L.column_totals(table["rows"], len(columns))
    _append(sheet, [None, L.TOTAL_LABEL, *totals])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    _widths(sheet, headers, rows)


def _header(sheet: Worksheet, headers: Sequence[str]) -> None:
    sheet.append([safe_cell(header) for header in headers])
    row = sheet.max_row
    for cell in sheet[row]:
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAPPED
    # Frozen below the header, so the column names stay in view while scrolling.
    sheet.freeze_panes = f"A{row + 1}"


def _append(sheet: Worksheet, values: Sequence[Any]) -> None:
    sheet.append([safe_cell(value) for value in values])
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if type(value) is int:
            cell.number_format = L.XLSX_INT_FORMAT
        elif isinstance(value, float):
            cell.number_format = L.XLSX_FLOAT_FORMAT


def _widths(sheet: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    for index, header in enumerate(headers):
        width = min(len(str(header)), HEADER_WIDTH_CAP)
        for row in rows:
            value = row[index] if index < len(row) else None
            width = max(width, len(str(value)) if value is not None else 0)
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(width + 2, L.XLSX_MAX_COLUMN_WIDTH)


def _padded(cells: Sequence[Any], width: int) -> list[Any]:
    return [*cells[:width], *([None] * (width - len(cells)))]
