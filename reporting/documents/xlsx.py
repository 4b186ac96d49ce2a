"""The yearly report's figures as a workbook (XLSX): a summary sheet, then one sheet per per-agency table.

Every sheet reads as an official table (Nghị định 30/2020/NĐ-CP): the issuing body at top left, the titles
across the table, the report it is attached to, thin borders, a row of column numbers "(1) (2) …" under the
headings, Times New Roman throughout, and A4 landscape pages one page wide with the headings repeated.

``build_xlsx(snapshot, meta)`` reads the frozen snapshot only and gives the same bytes for the same inputs.
Cells hold numbers (not formatted text) with number formats, totals are computed values rather than formulas
(some viewers show nothing for a formula that was never calculated), and every text cell goes through
``safe_cell`` so an agency named "=HYPERLINK(…)" is shown as text, not run as a formula.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from typing import Any, NamedTuple
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from dancoso.core.exports import safe_cell
from dancoso.core.numbers import PERCENT
from dancoso.measures import MEASURES
from reporting.documents import layout as L
from reporting.documents.layout import (
    appendix_tables,
    indicator_id,
    indicators_by_id,
    issuing_body_lines,
    section_for,
)
from reporting.documents.meta import DocumentMeta

SUMMARY_TITLE = "Tổng hợp"
# A wrapped header needs no more width than this; the data decides beyond it.
HEADER_WIDTH_CAP = 18
# A column's width is counted in digits: bold capitals are about half as wide again, lower case a little less.
CAPITALS_WIDTH = 1.5
TEXT_WIDTH = 0.9
MM_PER_INCH = 25.4


def _font(size: float, **style: bool) -> Font:
    return Font(name=L.FONT_NAME, size=size, **style)


TABLE_FONT = _font(L.XLSX_TABLE_PT)
TABLE_BOLD = _font(L.XLSX_TABLE_PT, bold=True)
TABLE_ITALIC = _font(L.XLSX_TABLE_PT, italic=True)
TITLE_BOLD = _font(L.XLSX_TITLE_PT, bold=True)
TITLE_ITALIC = _font(L.XLSX_TITLE_PT, italic=True)
THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
TEXT = Alignment(horizontal="left", vertical="center", wrap_text=True)
FIGURE = Alignment(horizontal="right", vertical="center")


class SheetColumn(NamedTuple):
    """One column of a sheet's table: its heading, how its cells align, and at least how wide it is."""

    header: str
    align: Alignment = FIGURE
    min_width: float = 0
    number_format: str | None = None  # instead of the format the value's kind gives


class Line(NamedTuple):
    """One row of a sheet's table; ``rates`` says which of its figures print with one decimal."""

    values: Sequence[Any]
    rates: Sequence[bool]
    bold: bool = False


class Title(NamedTuple):
    """A line above the table, across its whole width."""

    text: str
    font: Font
    align: Alignment = CENTRED
    lines: int = 1  # room for at least this many lines


def build_xlsx(snapshot: dict[str, Any], meta: DocumentMeta) -> bytes:
    workbook = Workbook()
    _times_new_roman_by_default(workbook)
    created = datetime(meta.date.year, meta.date.month, meta.date.day)
    workbook.properties.creator = meta.issuing_body
    workbook.properties.title = f"Số liệu kết quả thực hiện Nghị quyết năm {meta.year}"
    workbook.properties.created = workbook.properties.modified = created
    _summary_sheet(workbook.active, snapshot, meta)
    used = {SUMMARY_TITLE}
    for number, section, table in appendix_tables(snapshot):
        sheet = workbook.create_sheet(sheet_title(f"Biểu {number}", used))
        _table_sheet(sheet, number, section, table, meta)
    return _saved(workbook)


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


def _times_new_roman_by_default(workbook: Workbook) -> None:
    """Times New Roman for the Normal style and for every cell left unstyled, empty ones included.

    openpyxl offers no setting for this: unstyled cells and the Normal style point at the first font of
    the workbook's list, so that font is replaced before any cell is styled.
    """
    workbook._fonts = IndexedList([TABLE_FONT])
    workbook._named_styles["Normal"].font = TABLE_FONT


def _saved(workbook: Workbook) -> bytes:
    # openpyxl's save() stamps the current time as "modified"; its writer, called directly, keeps ours.
    buffer = BytesIO()
    ExcelWriter(workbook, ZipFile(buffer, "w", ZIP_DEFLATED)).save()
    return L.fixed_zip(buffer.getvalue())


# --- The two kinds of sheet ------------------------------------------------------------------------------


def _summary_sheet(sheet: Worksheet, snapshot: dict[str, Any], meta: DocumentMeta) -> None:
    sheet.title = SUMMARY_TITLE
    year = meta.year
    titles = [
        Title(f"TỔNG HỢP SỐ LIỆU KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT NĂM {year}", TITLE_BOLD, lines=2),
        Title(L.attachment_line(meta), TITLE_ITALIC),
        Title(f"({L.period_sentence(snapshot, meta.date).rstrip('.')})", TABLE_ITALIC),
    ]
    columns = [
        SheetColumn("Nội dung", TEXT),
        SheetColumn("Chỉ tiêu", TEXT),
        SheetColumn(f"Năm {year}"),
        SheetColumn(f"Năm {year - 1}"),
        SheetColumn("Chỉ tiêu giao"),
        SheetColumn("Đơn vị tính", CENTRED),
    ]
    lines = [Line(row, [row[-1] == PERCENT] * len(row)) for row in _summary_rows(snapshot)]
    first = _write(sheet, meta, titles, columns, lines, issuer_columns=1)
    _merge_runs(sheet, first, [line.values[0] for line in lines])


def _merge_runs(sheet: Worksheet, first_row: int, parts: Sequence[Any]) -> None:
    """One cell per part down the first column, over the rows of its indicators, as an official table has."""
    start = 0
    for index in range(1, len(parts) + 1):
        if index == len(parts) or parts[index] != parts[start]:
            if index - start > 1:
                top, bottom = first_row + start, first_row + index - 1
                sheet.merge_cells(start_row=top, start_column=1, end_row=bottom, end_column=1)
                # The merged cells keep the grid, so the table prints with every line.
                for row in range(top, bottom + 1):
                    sheet.cell(row=row, column=1).border = GRID
            start = index


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


def _table_sheet(
    sheet: Worksheet, number: int, section: dict[str, Any], table: dict[str, Any], meta: DocumentMeta
) -> None:
    labels = L.column_labels(table)
    titles = [
        Title(f"Biểu số {number}", TITLE_BOLD),
        Title(L.attachment_line(meta), TITLE_ITALIC),
        Title(L.appendix_title(table, meta.year), TITLE_BOLD, lines=2),
        Title(f"({section['title']})", TITLE_ITALIC),
    ]
    unit = L.unit_line(L.table_columns(table))
    if unit:
        titles.append(Title(unit, TABLE_ITALIC, Alignment(horizontal="right", vertical="center")))
    number_header, agency_header = L.appendix_headers(table)
    columns = [
        SheetColumn(number_header, CENTRED, number_format=L.XLSX_SERIAL_FORMAT),
        SheetColumn(agency_header, TEXT, min_width=L.XLSX_AGENCY_MIN_WIDTH),
        *(SheetColumn(label) for label in labels),
    ]
    rates = [False, False, *L.rate_columns(table)]
    lines = [
        Line([index, item["agency_name"], *L.padded(item["cells"], len(labels))], rates)
        for index, item in enumerate(table["rows"], start=1)
    ]
    lines.append(Line([None, L.TOTAL_LABEL, *L.appendix_totals(section, table)], rates, bold=True))
    _write(sheet, meta, titles, columns, lines, issuer_columns=2)


# --- Writing a sheet ---------------------------------------------------------------------------------------


def _write(
    sheet: Worksheet,
    meta: DocumentMeta,
    titles: Sequence[Title],
    columns: Sequence[SheetColumn],
    lines: Sequence[Line],
    *,
    issuer_columns: int,
) -> int:
    """The heading, the table's headings and numbered row (both frozen and printed on every page), its rows;
    the row of the first line.

    Steps: size the columns from their content; write the issuing body and the titles; the headings and the
    row "(1) (2) …"; every line with borders and number formats; then freeze the headings and set up printing.
    """
    widths = _widths(columns, lines)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_row = _heading(sheet, meta, titles, widths, issuer_columns) + 1
    headers = [column.header for column in columns]
    _row(sheet, header_row, headers, TABLE_BOLD, [CENTRED] * len(columns))
    sheet.row_dimensions[header_row].height = _height(headers, widths)
    _row(sheet, header_row + 1, L.column_numbers(len(columns)), TABLE_ITALIC, [CENTRED] * len(columns))
    for row, line in enumerate(lines, start=header_row + 2):
        _line(sheet, row, line, columns, widths)
    # Frozen below the numbered row, so the headings stay in view while scrolling.
    sheet.freeze_panes = f"A{header_row + 2}"
    _print_setup(sheet, f"{header_row}:{header_row + 1}")
    return header_row + 2


def _heading(
    sheet: Worksheet,
    meta: DocumentMeta,
    titles: Sequence[Title],
    widths: Sequence[float],
    issuer_columns: int,
) -> int:
    """The issuing body over the first columns, a blank row, the titles across the table; the row reached."""
    row = 0
    for text in issuing_body_lines(meta.issuing_body):
        row += 1
        _merged(sheet, row, text, TITLE_BOLD, CENTRED, issuer_columns)
    row += 1  # a blank row between the issuing body and the titles
    for title in titles:
        row += 1
        _merged(sheet, row, title.text, title.font, title.align, len(widths))
        lines = max(title.lines, _lines_needed(title.text, sum(widths), title.font.size))
        sheet.row_dimensions[row].height = _line_height(title.font.size) * lines
    return row


def _merged(sheet: Worksheet, row: int, text: str, font: Font, align: Alignment, columns: int) -> None:
    cell = sheet.cell(row=row, column=1, value=safe_cell(text))
    cell.font, cell.alignment = font, align
    if columns > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)


def _row(
    sheet: Worksheet, row: int, values: Sequence[Any], font: Font, aligns: Sequence[Alignment]
) -> list[Any]:
    cells = []
    for column, (value, align) in enumerate(zip(values, aligns, strict=True), start=1):
        cell = sheet.cell(row=row, column=column, value=safe_cell(value))
        cell.font, cell.border, cell.alignment = font, GRID, align
        cells.append(cell)
    return cells


def _line(
    sheet: Worksheet, row: int, line: Line, columns: Sequence[SheetColumn], widths: Sequence[float]
) -> None:
    """A row of the table: numbers with their format; a row whose text wraps made tall enough for it."""
    # The totals' label is centred, as the headings are.
    aligns = [CENTRED if line.bold and column.align is TEXT else column.align for column in columns]
    cells = _row(sheet, row, line.values, TABLE_BOLD if line.bold else TABLE_FONT, aligns)
    for cell, column, value, rate in zip(cells, columns, line.values, line.rates, strict=True):
        if isinstance(value, int | float) and not isinstance(value, bool):
            cell.number_format = column.number_format or _number_format(value, rate)
    texts = [
        value if column.align is TEXT else "" for value, column in zip(line.values, columns, strict=True)
    ]
    if _wrapped_lines(texts, widths, L.XLSX_TABLE_PT) > 1:
        sheet.row_dimensions[row].height = _height(texts, widths)


def _number_format(value: Any, rate: bool) -> str:
    """Rates (and any fraction) with one decimal, "93.4"; counts with thousands, "1,302"."""
    return L.XLSX_FLOAT_FORMAT if rate or isinstance(value, float) else L.XLSX_INT_FORMAT


def _print_setup(sheet: Worksheet, title_rows: str) -> None:
    """A4 landscape, one page wide and as many long as needed, centred, the headings on every page."""
    setup = sheet.page_setup
    setup.paperSize = L.XLSX_PAPER_A4
    setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(
        left=L.MARGIN_LEFT_MM / MM_PER_INCH,
        right=L.MARGIN_RIGHT_MM / MM_PER_INCH,
        top=L.MARGIN_TOP_MM / MM_PER_INCH,
        bottom=L.MARGIN_BOTTOM_MM / MM_PER_INCH,
        header=L.HEADER_DISTANCE_MM / MM_PER_INCH,
        footer=L.FOOTER_DISTANCE_MM / MM_PER_INCH,
    )
    sheet.print_title_rows = title_rows
    # Each table is numbered from its own first page, centred at the top and not on page 1, as the report is.
    setup.firstPageNumber, setup.useFirstPageNumber = 1, True
    sheet.HeaderFooter.differentFirst = True
    number = sheet.oddHeader.center
    number.text, number.font, number.size = "&P", L.FONT_NAME, L.XLSX_TABLE_PT


# --- Sizes -------------------------------------------------------------------------------------------------


def _widths(columns: Sequence[SheetColumn], lines: Sequence[Line]) -> list[float]:
    """Each column as wide as its longest figure or text (long text wraps), a heading no wider than needed."""
    widths = []
    for index, column in enumerate(columns):
        longest = max((len(_shown(line.values[index])) for line in lines), default=0)
        width = max(min(len(column.header), HEADER_WIDTH_CAP), longest, len(f"({len(columns)})")) + 2
        cap = L.XLSX_TEXT_COLUMN_WIDTH if column.align is TEXT else L.XLSX_MAX_COLUMN_WIDTH
        widths.append(max(min(width, cap), column.min_width))
    return widths


def _shown(value: Any) -> str:
    """About what a cell shows, to size its column: "1,302" for a count, "93.4" for a rate."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _lines_needed(text: Any, width: float, size: float) -> int:
    """How many lines ``text`` wraps to in ``width`` (Excel does not size a wrapped row itself)."""
    text = str(text or "")
    per_character = size / L.XLSX_TABLE_PT * (CAPITALS_WIDTH if text.isupper() else TEXT_WIDTH)
    return max(1, math.ceil(len(text) * per_character / max(width - 1, 1)))


def _wrapped_lines(texts: Sequence[Any], widths: Sequence[float], size: float) -> int:
    return max(_lines_needed(text, width, size) for text, width in zip(texts, widths, strict=True))


def _height(texts: Sequence[Any], widths: Sequence[float]) -> float:
    """A table row's height in points, for the most lines one of its cells wraps to."""
    return _line_height(L.XLSX_TABLE_PT) * _wrapped_lines(texts, widths, L.XLSX_TABLE_PT)


def _line_height(size: float) -> float:
    return round(size * L.XLSX_LINE_HEIGHT, 1)
