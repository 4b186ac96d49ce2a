"""The yearly report as a Word document (DOCX), laid out as Nghị định 30/2020/NĐ-CP asks.

``build_docx(snapshot, meta)`` is a pure function: the same snapshot and meta give the same bytes, and it
reads no database. The text inside the document is official Vietnamese document text, written directly
(not interface text, so not translated through gettext).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from datetime import datetime
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from dancoso.core.numbers import MISSING, vietnamese_number, with_unit
from dancoso.measures import MEASURES, Measure
from reporting.documents import layout as L
from reporting.documents.layout import (
    appendix_tables,
    column_labels,
    indicator_id,
    indicators_by_id,
    issuing_body_lines,
    section_for,
    short_date,
    vietnamese_date,
)
from reporting.documents.meta import DocumentMeta

__all__ = ["build_docx", "vietnamese_date", "vietnamese_number"]

ROMAN = ("I", "II", "III", "IV", "V", "VI")
# Elements that come after w:pBdr inside w:pPr (the schema fixes their order; Word rejects another order).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip

Container = DocumentObject | _Cell


def build_docx(snapshot: dict[str, Any], meta: DocumentMeta) -> bytes:
    """The report as DOCX bytes, built from the frozen figures and the document's meta alone."""
    document = Document()
    _set_up(document, meta)
    _header_block(document, meta)
    _title(document, meta)
    _opening(document, snapshot, meta)
    _part(document, 0, "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI")
    _narrative(document, meta.narrative.leadership)
    _results(document, snapshot, meta)
    _assessment(document, meta)
    _closing(document, meta)
    _signature(document, meta)
    _appendix(document, snapshot, meta)
    buffer = BytesIO()
    document.save(buffer)
    return L.fixed_zip(buffer.getvalue())


# --- Set-up ------------------------------------------------------------------------------------------------


def _set_up(document: DocumentObject, meta: DocumentMeta) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
    _margins(section)
    _normal_style(document)
    _heading_styles(document)
    _page_numbers(section)
    properties = document.core_properties
    moment = datetime(meta.date.year, meta.date.month, meta.date.day)
    properties.title = _summary(meta)
    properties.author = properties.last_modified_by = meta.issuing_body
    properties.created = properties.modified = moment
    properties.last_printed = moment
    properties.revision = 1
    properties.comments = properties.keywords = properties.subject = ""
    properties.language = L.LANGUAGE


def _margins(section: Any) -> None:
    section.top_margin, section.bottom_margin = Mm(L.MARGIN_TOP_MM), Mm(L.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(L.MARGIN_LEFT_MM), Mm(L.MARGIN_RIGHT_MM)
    section.header_distance, section.footer_distance = Mm(L.HEADER_DISTANCE_MM), Mm(L.FOOTER_DISTANCE_MM)


def _normal_style(document: DocumentObject) -> None:
    """Times New Roman for every script, black, 14 pt, justified body paragraphs with a first-line indent."""
    style = document.styles["Normal"]
    style.font.name = L.FONT_NAME
    style.font.size = Pt(L.BODY_PT)
    style.font.color.rgb = RGBColor(*L.FONT_COLOR)
    rpr = _own_fonts(style)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), L.LANGUAGE)
    fmt = style.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(L.FIRST_LINE_INDENT_CM)
    fmt.space_before, fmt.space_after = Pt(0), Pt(L.SPACE_AFTER_PT)
    fmt.line_spacing = L.LINE_SPACING
    fmt.widow_control = True


def _own_fonts(style: Any) -> Any:
    """Times New Roman for every script of a style, the theme's fonts removed; the style's run properties.

    Without eastAsia/cs (and the theme attributes removed) Word may substitute another font for some text.
    """
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), L.FONT_NAME)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    return rpr


def _heading_styles(document: DocumentObject) -> None:
    """Word's own "Heading 1" (I., II. …) and "Heading 2" (1., 2. …), restyled as the body's bold lines.

    Real heading styles give the document an outline (Word's navigation pane, a table of contents), and
    the office changes every heading at once by changing its style, without the portal.
    """
    for name in (L.HEADING_STYLES[0], L.HEADING_STYLES[1]):
        style = document.styles[name]
        _own_fonts(style)
        style.font.size = Pt(L.HEADING_PT)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(*L.FONT_COLOR)
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Cm(L.FIRST_LINE_INDENT_CM)
        fmt.space_before, fmt.space_after = Pt(L.HEADING_SPACE_BEFORE_PT), Pt(L.SPACE_AFTER_PT)
        fmt.line_spacing = L.LINE_SPACING
        fmt.keep_with_next = True


def _page_numbers(section: Any) -> None:
    """A PAGE field centred at the top of every page but the first (page 1 carries the header block)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    _format(paragraph, align=WD_ALIGN_PARAGRAPH.CENTER)
    run = paragraph.add_run()
    run.font.size = Pt(L.PAGE_NUMBER_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


# --- Paragraph helpers -------------------------------------------------------------------------------------


def _format(
    paragraph: Paragraph,
    *,
    align: Any = None,
    indent: bool = False,
    after: float = 0,
    before: float = 0,
    single: bool = True,
    keep_with_next: bool = False,
) -> Paragraph:
    fmt = paragraph.paragraph_format
    if align is not None:
        fmt.alignment = align
    fmt.first_line_indent = Cm(L.FIRST_LINE_INDENT_CM) if indent else Cm(0)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if single:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if keep_with_next:
        fmt.keep_with_next = True
    return paragraph


def _text(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
) -> Paragraph:
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if size is not None:
        run.font.size = Pt(size)
    return paragraph


def _paragraph(container: Container, *, fresh: bool = False) -> Paragraph:
    """The cell's own empty first paragraph when there is one, else a new paragraph."""
    if isinstance(container, _Cell) and not fresh:
        paragraphs = container.paragraphs
        if len(paragraphs) == 1 and not paragraphs[0].text and not paragraphs[0].runs:
            return paragraphs[0]
    return container.add_paragraph()


def _line(
    container: Container,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    after: float = 0,
    before: float = 0,
) -> Paragraph:
    """A single-spaced line without indent (header block, titles, signature, table cells)."""
    paragraph = _format(_paragraph(container), align=align, after=after, before=before)
    return _text(paragraph, text, bold=bold, italic=italic, size=size)


def _body(container: Container, text: str, *, bold: bool = False, italic: bool = False) -> Paragraph:
    """A body paragraph: justified, 1 cm first-line indent, 1.15 lines, 6 pt after (the Normal style)."""
    return _text(container.add_paragraph(), text, bold=bold, italic=italic)


def _rule(container: Container, width_mm: float, available_mm: float) -> Paragraph:
    """A short centred solid line: an empty, 1 pt high paragraph with a bottom border, indented both sides."""
    paragraph = _paragraph(container)
    side = Mm(max(available_mm - width_mm, 0) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = side
    fmt.first_line_indent = Cm(0)
    # A little room above, so the line clears the descenders of the text it underlines.
    fmt.space_before, fmt.space_after = Pt(L.RULE_GAP_PT), Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", str(L.RULE_WEIGHT_EIGHTH_PT)), ("space", "1")):
        bottom.set(qn(f"w:{name}"), value)
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)
    return paragraph


def _narrative(container: Container, text: str) -> None:
    """Narrative text, one paragraph per line; "Chưa có nội dung." in italics when nothing was written."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        _body(container, L.NO_TEXT, italic=True)
    for line in lines:
        _body(container, line)


def _part(document: DocumentObject, index: int, title: str) -> None:
    document.add_paragraph(f"{ROMAN[index]}. {title}", style=L.HEADING_STYLES[0])


def _subpart(document: DocumentObject, number: int | str, title: str) -> None:
    document.add_paragraph(f"{number}. {title}", style=L.HEADING_STYLES[1])


# --- Tables ------------------------------------------------------------------------------------------------


def _table(container: Container, rows: int, widths_mm: Sequence[float], *, grid: bool) -> Table:
    table = container.add_table(rows=rows, cols=len(widths_mm))
    if grid:
        table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    # Straight to the XML: python-docx's row.cells walks the whole grid on every call.
    for tr in table._tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths_mm, strict=True):
            tc.width = Mm(width)
    return table


def _repeat_header(table: Table) -> None:
    """The first row repeats at the top of every page the table runs onto."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(marker)


_CELL_TEMPLATES: dict[tuple[bool, float, Any], Any] = {}


def _cell_template(bold: bool, size: float, align: Any) -> Any:
    """A formatted one-run paragraph, built once per look and copied into each cell.

    Formatting each cell through python-docx costs about a millisecond; copying a finished element is
    some fifty times cheaper, which matters for appendix tables of hundreds of rows.
    """
    key = (bold, size, align)
    if key not in _CELL_TEMPLATES:
        paragraph = Paragraph(OxmlElement("w:p"), None)
        _text(_format(paragraph, align=align, before=2, after=2), "X", bold=bold, size=size)
        _CELL_TEMPLATES[key] = paragraph._p
    return _CELL_TEMPLATES[key]


def _cell(tc: Any, text: str, *, bold: bool = False, size: float, align: Any) -> None:
    """Fill an empty cell (its ``w:tc`` element) with one formatted line of text."""
    paragraph = copy.deepcopy(_cell_template(bold, size, align))
    node = paragraph.find(".//" + qn("w:t"))
    node.text = text
    node.set(qn("xml:space"), "preserve")
    empty = tc.p_lst[0]
    empty.addprevious(paragraph)
    tc.remove(empty)


def _fill_row(
    row: Any, values: Sequence[str], *, size: float, bold: bool = False, text_column: int = 0
) -> None:
    """Headers and figures centred; the text column (an indicator, an agency) left-aligned."""
    for index, (tc, value) in enumerate(zip(row._tr.tc_lst, values, strict=True)):
        left = index == text_column and not bold
        align = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
        _cell(tc, value, bold=bold, size=size, align=align)


# --- Header, title, opening --------------------------------------------------------------------------------


def number_line(meta: DocumentMeta) -> str:
    """ "Số: 125/BC-UBND", or "Số:        /BC-UBND" with room for the clerk when the number is not given."""
    number = meta.number.strip() or L.BLANK_NUMBER
    return f"Số: {number}/{meta.symbol}"


def _header_block(document: DocumentObject, meta: DocumentMeta) -> None:
    """Issuing body and number at left; national title, motto, place and date at right (no borders)."""
    table = _table(document, 2, (L.HEADER_LEFT_MM, L.HEADER_RIGHT_MM), grid=False)
    left, right = table.rows[0].cells
    # The whole "ỦY BAN NHÂN DÂN TỈNH …" is the issuing body's own name (it has no superior body), and
    # Nghị định 30 prints the issuing body's name in bold capitals; it wraps onto two lines.
    for text in issuing_body_lines(meta.issuing_body):
        _line(left, text, bold=True, size=L.ISSUING_BODY_PT)
    _rule(left, L.ISSUING_BODY_RULE_MM, L.HEADER_LEFT_MM)
    _line(right, L.NATIONAL_TITLE, bold=True, size=L.NATIONAL_TITLE_PT)
    _line(right, L.MOTTO, bold=True, size=L.MOTTO_PT)
    _rule(right, L.MOTTO_RULE_MM, L.HEADER_RIGHT_MM)
    left, right = table.rows[1].cells
    _line(left, number_line(meta), size=L.NUMBER_PT, before=8)
    _line(right, vietnamese_date(meta.place, meta.date), italic=True, size=L.PLACE_DATE_PT, before=8)


def resolution_reference(meta: DocumentMeta) -> str:
    """ "Nghị quyết số 12/2024/NQ-HĐND ngày 10/12/2024 của Hội đồng nhân dân tỉnh".

    What is not recorded yet is left in the dotted form officials fill in by hand
    ("Nghị quyết số …/NQ-HĐND ngày …/…/…"), until the province page records them.
    """
    number = meta.resolution_number.strip() or L.UNKNOWN_RESOLUTION_NUMBER
    day = short_date(meta.resolution_date) if meta.resolution_date else L.UNKNOWN_DATE
    return f"Nghị quyết số {number} ngày {day} của Hội đồng nhân dân tỉnh"


def clause_reference(article: Sequence[int]) -> str:
    """The clause of the resolution a part reports on: "khoản 1 Điều 1", or "Điều 2" for a whole article."""
    number, clause = article
    return f"khoản {clause} Điều {number}" if clause else f"Điều {number}"


def _summary(meta: DocumentMeta) -> str:
    return (
        f"Kết quả thực hiện {resolution_reference(meta)} về các biện pháp bảo đảm thực hiện dân chủ "
        f"ở cơ sở trên địa bàn tỉnh {meta.province} năm {meta.year}"
    )


def _title(document: DocumentObject, meta: DocumentMeta) -> None:
    _line(document, "BÁO CÁO", bold=True, size=L.DOCUMENT_TYPE_PT, before=18)
    _line(document, _summary(meta), bold=True, size=L.SUMMARY_PT)
    _rule(document, L.SUMMARY_RULE_MM, L.TEXT_WIDTH_MM)
    _line(document, "", after=6)


def _opening(document: DocumentObject, snapshot: dict[str, Any], meta: DocumentMeta) -> None:
    _body(
        document,
        f"Thực hiện {clause_reference(L.REPORT_ARTICLE)} {resolution_reference(meta)} về các biện pháp "
        f"bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn tỉnh "
        f"{meta.province} (sau đây gọi là Nghị quyết), Ủy ban nhân dân tỉnh báo cáo kết quả thực hiện "
        f"Nghị quyết năm {meta.year} như sau:",
    )
    _body(document, L.period_sentence(snapshot, meta.date), italic=True)


# --- Section II: one part per measure ---------------------------------------------------------------------


def _results(document: DocumentObject, snapshot: dict[str, Any], meta: DocumentMeta) -> None:
    _part(document, 1, "KẾT QUẢ THỰC HIỆN")
    sections = snapshot.get("sections", [])
    previous = (snapshot.get("previous") or {}).get("sections", [])
    numbers: dict[int, list[int]] = {}
    by_other_rows: set[int] = set()
    for number, section, table_data in appendix_tables(snapshot):
        numbers.setdefault(id(section), []).append(number)
        if table_data.get("row_heading"):
            by_other_rows.add(id(section))
    for index, measure in enumerate(MEASURES, start=1):
        section = section_for(sections, measure.article)
        _subpart(document, index, measure.heading)
        _measure(document, measure, section, section_for(previous, measure.article), meta)
        # The office's account of the figures, then where each agency's figures are.
        _narrative_if_any(document, meta.narrative.measures.get(measure.key, ""))
        if section is not None and numbers.get(id(section)):
            listed = ", ".join(str(n) for n in numbers[id(section)])
            # Tables whose rows are forms or measures are not "by agency": the pointer says only where.
            detail = (
                "Số liệu chi tiết"
                if id(section) in by_other_rows
                else "Số liệu chi tiết theo từng cơ quan, đơn vị"
            )
            _body(document, f"({detail} tại Biểu số {listed} kèm theo.)")


def _measure(
    document: DocumentObject,
    measure: Measure,
    section: dict[str, Any] | None,
    previous: dict[str, Any] | None,
    meta: DocumentMeta,
) -> None:
    cited = f"Thực hiện {clause_reference(measure.article)} của Nghị quyết"
    if section is None or not section.get("indicators"):
        _body(document, f"{cited}: {L.NO_FIGURES[0].lower()}{L.NO_FIGURES[1:]}")
    else:
        _body(document, f"{cited}, kết quả trong năm như sau:")
        _figures_table(document, section["indicators"], previous, meta.year)
    warnings = " ".join(str(w).strip() for w in (section or {}).get("warnings", []) if str(w).strip())
    if warnings:
        _body(document, warnings, italic=True)


def _figures_table(
    document: DocumentObject,
    indicators: Sequence[dict[str, Any]],
    previous: dict[str, Any] | None,
    year: int,
) -> None:
    """Chỉ tiêu | this year | the year before (matched by key) | the target."""
    before = indicators_by_id(previous)
    widths = (L.TABLE_FIRST_COLUMN_MM, *([L.TABLE_VALUE_COLUMN_MM] * 3))
    table = _table(document, len(indicators) + 1, widths, grid=True)
    _repeat_header(table)
    rows = table.rows
    _fill_row(
        rows[0], ("Chỉ tiêu", f"Năm {year}", f"Năm {year - 1}", "Chỉ tiêu giao"), size=L.TABLE_PT, bold=True
    )
    for row, item in zip(rows[1:], indicators, strict=True):
        unit = item.get("unit") or ""
        earlier = before.get(indicator_id(item))
        values = (
            str(item["label"]),
            with_unit(item.get("value"), unit),
            with_unit(earlier.get("value"), earlier.get("unit") or unit) if earlier else MISSING,
            with_unit(item.get("target"), unit),
        )
        _fill_row(row, values, size=L.TABLE_PT)
    # A little air between the table and the text after it.
    _line(document, "", size=4)


def _narrative_if_any(document: DocumentObject, text: str) -> None:
    for line in (text or "").splitlines():
        if line.strip():
            _body(document, line.strip())


# --- Sections III to V, closing and signature -------------------------------------------------------------


def _assessment(document: DocumentObject, meta: DocumentMeta) -> None:
    narrative = meta.narrative
    _part(document, 2, "ĐÁNH GIÁ CHUNG")
    for number, title, text in (
        (1, "Ưu điểm", narrative.strengths),
        (2, "Tồn tại, hạn chế", narrative.shortcomings),
        (3, "Nguyên nhân", narrative.causes),
    ):
        _subpart(document, number, title)
        _narrative(document, text)
    _part(document, 3, f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {meta.year + 1}")
    _narrative(document, narrative.next_year)
    _part(document, 4, "ĐỀ XUẤT, KIẾN NGHỊ")
    _narrative(document, narrative.proposals)


def _closing(document: DocumentObject, meta: DocumentMeta) -> None:
    paragraph = _body(
        document,
        f"Trên đây là kết quả thực hiện Nghị quyết năm {meta.year}, Ủy ban nhân dân tỉnh "
        f"{meta.province} trân trọng báo cáo Hội đồng nhân dân tỉnh./.",
    )
    # The last sentence goes onto the signature's page rather than leaving it alone.
    paragraph.paragraph_format.keep_with_next = True


def recipient_lines(recipients: Iterable[str]) -> list[str]:
    """ "- Bộ Nội vụ;" lines, whatever dashes and punctuation they were typed with; "- Lưu: VT." last."""
    lines = []
    for recipient in recipients:
        text = recipient.strip().lstrip("-–•").strip().rstrip(";.,").strip()
        # The archive line is always the document's own, last.
        if text and not text.lower().startswith("lưu"):
            lines.append(f"- {text};")
    return [*lines, f"- {L.ARCHIVE_LINE}"]


def _signature(document: DocumentObject, meta: DocumentMeta) -> None:
    table = _table(document, 1, (L.SIGNATURE_LEFT_MM, L.SIGNATURE_RIGHT_MM), grid=False)
    # The recipients and the signer stay together on one page.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    left_align = WD_ALIGN_PARAGRAPH.LEFT
    _line(left, "Nơi nhận:", bold=True, italic=True, size=L.RECIPIENTS_HEADING_PT, align=left_align, before=6)
    for text in recipient_lines(meta.recipients):
        _line(left, text, size=L.RECIPIENTS_PT, align=left_align)
    signer = meta.signer
    first = True
    for text in (signer.on_behalf, signer.deputy, signer.title):
        if text.strip():
            _line(right, text.strip(), bold=True, size=L.SIGNER_PT, before=6 if first else 0)
            first = False
    for _ in range(L.SIGNATURE_BLANK_LINES):
        _line(right, "", size=L.SIGNER_PT)
    _line(right, signer.name.strip(), bold=True, size=L.SIGNER_PT)


# --- Appendix: per-agency tables on landscape pages ---------------------------------------------------------


def _appendix(document: DocumentObject, snapshot: dict[str, Any], meta: DocumentMeta) -> None:
    """One "Biểu số n" per table, each on its own pages with the heading official tables carry."""
    tables = appendix_tables(snapshot)
    if not tables:
        return
    section = document.add_section(WD_SECTION.NEW_PAGE)
    # The new section copies the first one's "different first page"; the appendix's first page is numbered.
    section.different_first_page_header_footer = False
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(L.PAGE_HEIGHT_MM), Mm(L.PAGE_WIDTH_MM)
    _margins(section)
    width = L.PAGE_HEIGHT_MM - L.MARGIN_LEFT_MM - L.MARGIN_RIGHT_MM
    for number, section_data, table_data in tables:
        _appendix_heading(document, number, section_data, table_data, meta, width)
        _agency_table(document, section_data, table_data, width)


def _agency_table(
    document: DocumentObject, section: dict[str, Any], data: dict[str, Any], width_mm: float
) -> None:
    """Headings, the row of column numbers (both repeated on every page), one row per agency, the totals."""
    columns = column_labels(data)
    rows = data["rows"]
    rest = (width_mm - L.APPENDIX_NUMBER_MM - L.APPENDIX_AGENCY_MM) / max(len(columns), 1)
    widths = (L.APPENDIX_NUMBER_MM, L.APPENDIX_AGENCY_MM, *([rest] * len(columns)))
    table = _table(document, len(rows) + 3, widths, grid=True)
    _repeat_rows(table, 2)
    size = L.APPENDIX_TABLE_PT
    table_rows = table.rows
    _fill_row(table_rows[0], (*L.appendix_headers(data), *columns), size=size, bold=True)
    _fill_row(table_rows[1], L.column_numbers(len(widths)), size=size, text_column=-1)
    _italic(table_rows[1])
    rates = L.rate_columns(data)
    for number, (row, item) in enumerate(zip(table_rows[2:-1], rows, strict=True), start=1):
        cells = [
            L.figure_text(value, rate)
            for value, rate in zip(L.padded(item["cells"], len(columns)), rates, strict=True)
        ]
        _fill_row(row, (str(number), str(item["agency_name"]), *cells), size=size, text_column=1)
    totals = L.appendix_totals(section, data)
    cells = [
        "" if total is None else L.figure_text(total, rate) for total, rate in zip(totals, rates, strict=True)
    ]
    _fill_row(table_rows[-1], ("", L.TOTAL_LABEL, *cells), size=size, bold=True)


def _appendix_heading(
    document: DocumentObject,
    number: int,
    section: dict[str, Any],
    table: dict[str, Any],
    meta: DocumentMeta,
    width_mm: float,
) -> None:
    """The issuing body at top left, "Biểu số n", the report it goes with, the title, the unit."""
    size = L.APPENDIX_TITLE_PT
    # Centred over the left part of the page, as the report's header block prints it, with its short line.
    left_only = Mm(width_mm - L.HEADER_LEFT_MM)
    for index, text in enumerate(issuing_body_lines(meta.issuing_body)):
        paragraph = _line(document, text, bold=True, size=size)
        paragraph.paragraph_format.right_indent = left_only
        if index == 0 and number > 1:
            # Every table after the first starts on a page of its own.
            paragraph.paragraph_format.page_break_before = True
    rule = _rule(document, L.ISSUING_BODY_RULE_MM, L.HEADER_LEFT_MM)
    rule.paragraph_format.right_indent += left_only
    _line(document, f"Biểu số {number}", bold=True, size=size, before=12)
    _line(document, L.attachment_line(meta), italic=True, size=size)
    _line(document, L.appendix_title(table, meta.year), bold=True, size=size, before=12)
    _line(document, f"({section['title']})", italic=True, size=size, after=6)
    unit = L.unit_line(L.table_columns(table))
    if unit:
        _line(document, unit, italic=True, size=L.APPENDIX_TABLE_PT, align=WD_ALIGN_PARAGRAPH.RIGHT, after=3)


def _repeat_rows(table: Table, count: int) -> None:
    """The first ``count`` rows repeat at the top of every page the table runs onto."""
    for tr in table._tbl.tr_lst[:count]:
        marker = OxmlElement("w:tblHeader")
        marker.set(qn("w:val"), "true")
        tr.get_or_add_trPr().append(marker)


def _italic(row: Any) -> None:
    """Italics for one row's text: a handful of cells, so python-docx's run formatting is cheap enough."""
    for paragraph in row._tr.iter(qn("w:p")):
        for run in Paragraph(paragraph, None).runs:
            run.italic = True
