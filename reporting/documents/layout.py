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
from datetime import date
from io import BytesIO
from typing import Any

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
APPENDIX_TABLE_PT = 11
APPENDIX_NUMBER_MM = 12
APPENDIX_AGENCY_MM = 70
TOTAL_LABEL = "Tổng cộng"

# --- Spreadsheet -------------------------------------------------------------------------------------------
XLSX_INT_FORMAT = "#,##0"
XLSX_FLOAT_FORMAT = "0.0"
XLSX_HEADER_FILL = "DDEBF7"
XLSX_MAX_COLUMN_WIDTH = 60
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


def summable_columns(rows: Sequence[dict[str, Any]], width: int) -> list[bool]:
    """Which columns the total row sums: those whose every value is an integer (counts, money).

    Rates and shares (floats) are not summed, nor a column with a missing value.
    """
    flags = []
    for index in range(width):
        values = [row["cells"][index] if index < len(row["cells"]) else None for row in rows]
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


def column_labels(table: dict[str, Any]) -> list[str]:
    """A table's column headings; snapshots taken before columns had keys stored the headings alone."""
    return [str(column["label"] if isinstance(column, dict) else column) for column in table["columns"]]


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
