"""Printable certificates (A4 landscape PDF) drawn with ReportLab: the parts every app's certificate shares.

The layout follows Vietnamese administrative documents: the issuing body top left, the national title and
motto top right, each underlined; the title in the middle; the place and date with the signature block
bottom right. Each app draws its own body (a training certificate, a commendation) between them.
"""

from __future__ import annotations

import functools
import unicodedata
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepInFrame, Paragraph

# Vendored with the code (and their licence): the Base-14 PDF fonts have no Vietnamese letters, and a
# server or CI machine may not have any system font installed.
FONT_DIR = Path(__file__).resolve().parent / "fonts"
SERIF, SERIF_BOLD, SERIF_ITALIC = "DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
RED = colors.HexColor("#8b1a1a")
GOLD = colors.HexColor("#b8912f")
INK = colors.HexColor("#1b1b1b")


@functools.cache
def register_fonts() -> None:
    for name in (SERIF, SERIF_BOLD, SERIF_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(
        SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD
    )


def style(
    name: str, size: float, *, font: str = SERIF, color: colors.Color = INK, alignment: int = TA_CENTER
) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=size * 1.3, alignment=alignment, textColor=color
    )


def text(value: str) -> str:
    """Paragraph markup for a register value: composed (NFC) letters, since ReportLab does not combine
    accents typed as separate marks, and XML special characters escaped."""
    return escape(unicodedata.normalize("NFC", value))


def labelled(label: str, value: str, *, markup: str = "b") -> str:
    """A translated label with the value in bold; the label is escaped before the value's markup goes in."""
    return escape(label) % {"value": f"<{markup}>{text(value)}</{markup}>"}


def place_and_date(day: date, place: str | None) -> str:
    """ "Bắc Giang, ngày 05 tháng 12 năm 2026" as Nghị định 30/2020 writes it (a leading 0 below 10)."""
    parts = {"day": f"{day.day:02d}", "month": f"{day.month:02d}", "year": day.year}
    if not place:
        return _("On %(day)s/%(month)s/%(year)s") % parts
    return _("%(place)s, on %(day)s/%(month)s/%(year)s") % {"place": place, **parts}


def landscape_canvas(buffer: object, *, title: str, author: str = "", subject: str = "") -> Canvas:
    """A one-page A4 landscape canvas with the fonts registered and the document's properties set."""
    register_fonts()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    return canvas


def draw_borders(canvas: Canvas) -> None:
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(3)
    canvas.rect(18, 18, PAGE_WIDTH - 36, PAGE_HEIGHT - 36)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1)
    canvas.rect(26, 26, PAGE_WIDTH - 52, PAGE_HEIGHT - 52)
    # Small gold squares in the corners, the plain ornament of printed certificates.
    for x, y in (
        (26, 26),
        (PAGE_WIDTH - 26, 26),
        (26, PAGE_HEIGHT - 26),
        (PAGE_WIDTH - 26, PAGE_HEIGHT - 26),
    ):
        canvas.setFillColor(GOLD)
        canvas.rect(x - 5, y - 5, 10, 10, stroke=0, fill=1)


def place(canvas: Canvas, flowables: list[Flowable], x: float, y: float, width: float, height: float) -> None:
    """Draw flowables in a box, shrinking them if a long name or title would not fit."""
    frame = Frame(x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    frame.addFromList([KeepInFrame(width, height, flowables, mode="shrink")], canvas)


def stack(canvas: Canvas, paragraphs: list[Paragraph], *, left: float, top: float, width: float) -> float:
    """Draw paragraphs one under another from ``top``; return where the last one ends."""
    for paragraph in paragraphs:
        _width, height = paragraph.wrap(width, PAGE_HEIGHT)
        top -= height
        paragraph.drawOn(canvas, left, top)
    return top


def underline(canvas: Canvas, centre_x: float, y: float, width: float) -> None:
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.7)
    canvas.line(centre_x - width / 2, y, centre_x + width / 2, y)


def draw_header(canvas: Canvas, issuing_body: list[str]) -> None:
    """Issuing body top left (one line each, the last in bold), national title and motto top right."""
    top = PAGE_HEIGHT - 50
    last = len(issuing_body) - 1
    lines = [
        Paragraph(
            text(line.upper()), style(f"issuer{index}", 11, font=SERIF_BOLD if index == last else SERIF)
        )
        for index, line in enumerate(issuing_body)
    ]
    bottom = stack(canvas, lines, left=55, top=top, width=300)
    underline(canvas, 205, bottom - 5, 90)
    motto_text = _("Independence - Freedom - Happiness")
    nation = Paragraph(escape(_("SOCIALIST REPUBLIC OF VIET NAM")), style("nation", 12, font=SERIF_BOLD))
    motto = Paragraph(escape(motto_text), style("motto", 12.5, font=SERIF_BOLD))
    bottom = stack(canvas, [nation, motto], left=400, top=top, width=390)
    underline(canvas, 595, bottom - 5, pdfmetrics.stringWidth(motto_text, SERIF_BOLD, 12.5))


def draw_signature(canvas: Canvas, *, place_line: str, signer: str, note: str) -> None:
    """The place and date, the signer's title and the note under it, bottom right."""
    story: list[Flowable] = [
        Paragraph(escape(place_line), style("place", 12, font=SERIF_ITALIC)),
        Paragraph(text(signer.upper()), style("signer", 12, font=SERIF_BOLD)),
        Paragraph(escape(note), style("seal", 10, font=SERIF_ITALIC)),
    ]
    place(canvas, story, 470, 80, 320, 100)
