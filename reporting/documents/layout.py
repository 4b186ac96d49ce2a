"""Layout of the yearly report, in one place, and the way its figures are written.

The values follow Nghị định 30/2020/NĐ-CP on administrative documents, Phụ lục I (thể thức, kỹ thuật trình
bày văn bản hành chính): A4 portrait; margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm;
Times New Roman, black; line spacing from single to 1.5 lines, at least 6 pt between paragraphs; the national
title 12–13 pt bold capitals, the motto 13–14 pt bold with a line under it as long as the motto; the issuing
body 12–13 pt with a line from 1/3 to 1/2 of its length; page numbers centred at the top, none on page 1.

The helpers at the end (numbers, dates, the appendix's numbering and totals) are shared by the DOCX and the
XLSX, so both documents write a figure and number a table the same way.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import date, timedelta
from io import BytesIO
from typing import Any

from dancoso.core.numbers import PERCENT, format_percent, vietnamese_number
from reporting.documents.meta import DocumentMeta

# --- Page (Phụ lục I, mục I.4 and I.5) -----------------------------------------------------------------
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
# The page number sits in the top margin, centred.
HEADER_DISTANCE_MM = 10
FOOTER_DISTANCE_MM = 10
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165 mm

# --- Font and paragraphs (Phụ lục I, mục I.2, I.3 and II.8) --------------------------------------------
FONT_NAME = "Times New Roman"
FONT_COLOR = (0, 0, 0)
LANGUAGE = "vi-VN"
BODY_PT = 14
LINE_SPACING = 1.15  # at least single, at most 1.5 lines
SPACE_AFTER_PT = 6  # at least 6 pt between paragraphs
FIRST_LINE_INDENT_CM = 1.0

# --- Header block (Phụ lục I, mục II.1 to II.4) ---------------------------------------------------------
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATIONAL_TITLE_PT = 13  # bold capitals
MOTTO_PT = 14  # bold, with a line under it as long as the motto
ISSUING_BODY_PT = 13  # the superior body regular, the issuing body bold
NUMBER_PT = 13
PLACE_DATE_PT = 14  # italic
# Left column holds the issuing body and the number, right column the national title and the place and date.
HEADER_LEFT_MM = 65
HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM  # 100 mm
# Drawn lines: the motto's as long as the motto (about 66 mm at 14 pt bold), the issuing body's and the
# summary's a third to a half of their line.
MOTTO_RULE_MM = 66
ISSUING_BODY_RULE_MM = 22
SUMMARY_RULE_MM = 40
RULE_WEIGHT_EIGHTH_PT = 6  # 3/4 pt, a thin solid line
RULE_GAP_PT = 3
# The blank left for the clerk when the number is not given yet ("Số:      /BC-UBND").
BLANK_NUMBER = " " * 8

# --- Type and summary (Phụ lục I, mục II.5) ------------------------------------------------------------
DOCUMENT_TYPE_PT = 14  # "BÁO CÁO", bold capitals
SUMMARY_PT = 14  # bold

# --- Body --------------------------------------------------------------------------------------------------
HEADING_PT = 14  # "I. …" bold capitals, "1. …" bold
# Word's built-in heading styles, restyled (so the document has an outline): parts, then their points.
HEADING_STYLES = ("Heading 1", "Heading 2")
HEADING_SPACE_BEFORE_PT = 6
TABLE_PT = 12  # figures tables in the body
TABLE_FIRST_COLUMN_MM = 69
TABLE_VALUE_COLUMN_MM = (TEXT_WIDTH_MM - TABLE_FIRST_COLUMN_MM) / 3
PAGE_NUMBER_PT = 14
NO_FIGURES = "Chưa có số liệu về nội dung này trong kỳ báo cáo."
# The resolution's article that orders this report (Điều 3: UBND tỉnh báo cáo HĐND tỉnh hằng năm).
REPORT_ARTICLE = (3, 0)
# What officials write where the resolution's number or date is not known yet.
UNKNOWN_RESOLUTION_NUMBER = "…/NQ-HĐND"
UNKNOWN_DATE = "…/…/…"
NO_TEXT = "Chưa có nội dung."

# --- Signature and recipients (Phụ lục I, mục II.7 and II.9) -----------------------------------------------
SIGNATURE_LEFT_MM = 80
SIGNATURE_RIGHT_MM = TEXT_WIDTH_MM - SIGNATURE_LEFT_MM
SIGNER_PT = 14  # bold capitals
SIGNATURE_BLANK_LINES = 4  # room for the signature and the seal
RECIPIENTS_HEADING_PT = 12  # "Nơi nhận:" bold italic
RECIPIENTS_PT = 11
ARCHIVE_LINE = "Lưu: VT."

# --- Appendix: per-agency tables, on landscape pages so wide tables stay readable ---------------------------
# Each table ("Biểu số n") stands on its own as official tables do: the issuing body, its number and the
# report it is attached to, a title in capitals, the unit, numbered columns, and a "Tổng cộng" row.
APPENDIX_TABLE_PT = 11
APPENDIX_TITLE_PT = 13  # the issuing body, "Biểu số n", the title and the lines under it
APPENDIX_NUMBER_MM = 12
APPENDIX_AGENCY_MM = 70
APPENDIX_HEADERS = ("STT", "Cơ quan, đơn vị")
TOTAL_LABEL = "Tổng cộng"
# Where the report's number is not given yet, the dotted form the clerk fills in ("Báo cáo số …/BC-UBND").
UNKNOWN_REPORT_NUMBER = "…"
UNIT_LABEL = "Đơn vị tính"
RATE_LABEL = "tỷ lệ"

# --- Spreadsheet -------------------------------------------------------------------------------------------
XLSX_INT_FORMAT = "#,##0"
XLSX_FLOAT_FORMAT = "0.0"
XLSX_SERIAL_FORMAT = "0"  # the STT column: 1000, not 1,000
XLSX_TABLE_PT = 12
XLSX_TITLE_PT = 13
XLSX_MAX_COLUMN_WIDTH = 60
# Long text (an indicator's label, a part's heading) wraps within this width rather than widening the page.
XLSX_TEXT_COLUMN_WIDTH = 45
XLSX_AGENCY_MIN_WIDTH = 30
XLSX_LINE_HEIGHT = 1.3  # a wrapped line's height, in multiples of the font size
XLSX_PAPER_A4 = 9
SHEET_TITLE_MAX = 31
SHEET_TITLE_FORBIDDEN = "[]:*?/\\"

# A fixed time for the files inside the ZIP, so the same inputs give the same bytes.
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)


def vietnamese_date(place: str, day: date) -> str:
    """Place and date as Nghị định 30 writes them: "Bắc Giang, ngày 05 tháng 02 năm 2026".

    Days below 10 and the months January and February take a leading zero; other months do not.
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: date | str) -> str:
    """dd/mm/yyyy, from a date or an ISO string."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return day.strftime("%d/%m/%Y")


def period_sentence(snapshot: dict[str, Any], report_date: date) -> str:
    """The period the figures cover; a report dated before its end says the days after are estimated.

    The registers hold what is planned for those days (classes scheduled, budgets allotted), so the figures
    from the day after the report to the period's end are "ước thực hiện", as officials write it.
    """
    period = snapshot.get("period") or {}
    start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
    sentence = f"Số liệu báo cáo tính từ ngày {short_date(start)} đến ngày {short_date(end)}"
    if start <= report_date < end:
        following = report_date + timedelta(days=1)
        sentence += (
            f"; số liệu từ ngày {short_date(following)} đến ngày {short_date(end)} là số liệu ước thực hiện"
        )
    return f"{sentence}."


def summable_columns(rows: Sequence[dict[str, Any]], width: int) -> list[bool]:
    """Which columns the total row sums: those whose every value is an integer (counts, money).

    Rates and shares (floats) are not summed, nor a column with a missing value.
    """
    flags = []
    for index in range(width):
        values = _column_values(rows, index)
        flags.append(bool(values) and all(type(value) is int for value in values))
    return flags


def column_totals(rows: Sequence[dict[str, Any]], width: int) -> list[int | None]:
    """The "Tổng cộng" row: the sum of each summable column, ``None`` elsewhere."""
    return [
        sum(row["cells"][index] for row in rows) if summable else None
        for index, summable in enumerate(summable_columns(rows, width))
    ]


def appendix_tables(snapshot: dict[str, Any]) -> list[tuple[int, dict[str, Any], dict[str, Any]]]:
    """Per-agency tables with rows, numbered "Biểu số 1, 2, …" in article order: (number, section, table)."""
    numbered = []
    for section in snapshot.get("sections", []):
        for table in section.get("tables", []):
            if table.get("rows"):
                numbered.append((len(numbered) + 1, section, table))
    return numbered


def section_for(sections: Sequence[dict[str, Any]], article: Sequence[int]) -> dict[str, Any] | None:
    return next((s for s in sections if tuple(s.get("article_ref", ())) == tuple(article)), None)


def table_columns(table: dict[str, Any]) -> list[dict[str, str]]:
    """A table's columns as ``{"key", "label", "unit"}``, whichever snapshot they come from.

    Snapshots taken before columns had keys stored the headings alone, and later ones a key and a heading
    without a unit; what they lack reads as empty.
    """
    return [
        {
            "key": str(column.get("key") or ""),
            "label": str(column["label"]),
            "unit": str(column.get("unit") or ""),
        }
        if isinstance(column, dict)
        else {"key": "", "label": str(column), "unit": ""}
        for column in table["columns"]
    ]


def appendix_headers(table: dict[str, Any]) -> tuple[str, str]:
    """ "STT" and what the rows are: the agencies, or what the table names (a form of commendation …)."""
    number, agencies = APPENDIX_HEADERS
    return number, table.get("row_heading") or agencies


def column_labels(table: dict[str, Any]) -> list[str]:
    """A table's column headings."""
    return [column["label"] for column in table_columns(table)]


def indicators_by_id(section: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """A section's indicators by key, to match this year's with last year's (by label in older snapshots)."""
    return {indicator_id(item): item for item in (section or {}).get("indicators", [])}


def indicator_id(item: dict[str, Any]) -> str:
    return item.get("key") or item["label"]


def fixed_zip(data: bytes) -> bytes:
    """The same ZIP with every entry dated ``ZIP_DATE_TIME``, so equal inputs give equal bytes."""
    source = zipfile.ZipFile(BytesIO(data))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return buffer.getvalue()


# --- The appendix's tables, shared by the DOCX and the XLSX ------------------------------------------------


def issuing_body_lines(issuing_body: str) -> list[str]:
    """ "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG" → ["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"], as the header prints it."""
    text = " ".join(issuing_body.split()).upper()
    for word in (" TỈNH ", " THÀNH PHỐ "):
        position = text.find(word)
        if position > 0:
            return [text[:position], text[position + 1 :]]
    return [text]


def attachment_line(meta: DocumentMeta) -> str:
    """ "(Kèm theo Báo cáo số 356/BC-UBND ngày 15/12/2026 của Ủy ban nhân dân tỉnh Bắc Giang)".

    Without a number yet, the dotted form the clerk fills in: "Báo cáo số …/BC-UBND".
    """
    number = meta.number.strip() or UNKNOWN_REPORT_NUMBER
    return (
        f"(Kèm theo Báo cáo số {number}/{meta.symbol} ngày {short_date(meta.date)} "
        f"của Ủy ban nhân dân tỉnh {meta.province})"
    )


def appendix_title(table: dict[str, Any], year: int) -> str:
    """The table's title and year in capitals: "KẾT QUẢ BỒI DƯỠNG THEO CƠ QUAN, ĐƠN VỊ NĂM 2026"."""
    return f"{table['title']} năm {year}".upper()


def unit_line(columns: Sequence[dict[str, str]]) -> str:
    """ "Đơn vị tính: người", or "Đơn vị tính: người; tỷ lệ: %" beside rate columns; "" with no unit known.

    Rate columns are labelled "(%)" already, so the line names the counts' unit first.
    """
    units = list(dict.fromkeys(column["unit"] for column in columns if column["unit"]))
    counts = [unit for unit in units if unit != PERCENT]
    if not counts:
        return f"{UNIT_LABEL}: {PERCENT}" if units else ""
    line = f"{UNIT_LABEL}: {', '.join(counts)}"
    return f"{line}; {RATE_LABEL}: {PERCENT}" if PERCENT in units else line


def column_numbers(count: int) -> list[str]:
    """The row under the headings that numbers every column, as official tables do: "(1)", "(2)", …"""
    return [f"({index})" for index in range(1, count + 1)]


def rate_columns(table: dict[str, Any]) -> list[bool]:
    """Which columns are rates, printed with one decimal: a unit of "%" or any value that is a float."""
    return [
        column["unit"] == PERCENT
        or any(isinstance(value, float) for value in _column_values(table["rows"], index))
        for index, column in enumerate(table_columns(table))
    ]


def appendix_totals(section: dict[str, Any], table: dict[str, Any]) -> list[int | float | None]:
    """The "Tổng cộng" row: counts summed; a rate the province-wide figure, where the section has one.

    A rate cannot be summed nor averaged over agencies of different sizes, so the row shows the
    section's indicator keyed "<section>.<column>" (``training.attendance_rate``), and nothing without it.
    """
    columns = table_columns(table)
    sums = column_totals(table["rows"], len(columns))
    province = {item["key"]: item.get("value") for item in section.get("indicators", []) if item.get("key")}
    totals: list[int | float | None] = []
    for column, total in zip(columns, sums, strict=True):
        if total is not None and column["unit"] != PERCENT:
            totals.append(total)
        else:
            totals.append(province.get(f"{section.get('key')}.{column['key']}") if column["key"] else None)
    return totals


def figure_text(value: Any, rate: bool) -> str:
    """A table's figure as the DOCX prints it: counts "1.302", rates with one decimal "86,7"; "—" for none."""
    if rate and value is not None:
        return format_percent(value).removesuffix(PERCENT)
    return vietnamese_number(value)


def padded(cells: Sequence[Any], width: int) -> list[Any]:
    """A row's cells cut or filled with ``None`` to the table's width (a snapshot's row may be short)."""
    return [*cells[:width], *([None] * (width - len(cells)))]


def _column_values(rows: Sequence[dict[str, Any]], index: int) -> list[Any]:
    return [row["cells"][index] if index < len(row["cells"]) else None for row in rows]
