"""The certificate of completion as a printable PDF (A4 landscape), drawn with ReportLab.

The layout follows Vietnamese administrative documents: the issuing body top left, the national title and
motto top right, the title in the middle, the place and date with the signature block bottom right, and
here a QR code bottom left that opens the public verification page.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepInFrame, Paragraph, Spacer

from dancoso.agencies.models import Province
from training.models import Certificate

# Vendored with the code (and their licence): the Base-14 PDF fonts have no Vietnamese letters, and a
# server or CI machine may not have any system font installed.
FONT_DIR = Path(__file__).resolve().parent / "fonts"
SERIF, SERIF_BOLD, SERIF_ITALIC = "DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
RED = colors.HexColor("#8b1a1a")
GOLD = colors.HexColor("#b8912f")
INK = colors.HexColor("#1b1b1b")
QR_SIZE = 92


@functools.cache
def register_fonts() -> None:
    for name in (SERIF, SERIF_BOLD, SERIF_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(
        SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD
    )


def _style(
    name: str, size: float, *, font: str = SERIF, color: colors.Color = INK, alignment: int = TA_CENTER
) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=size * 1.3, alignment=alignment, textColor=color
    )


def _text(value: str) -> str:
    """Paragraph markup for a register value: composed (NFC) letters, since ReportLab does not combine
    accents typed as separate marks, and XML special characters escaped."""
    return escape(unicodedata.normalize("NFC", value))


def _labelled(label: str, value: str, *, markup: str = "b") -> str:
    """A translated label with the value in bold; the label is escaped before the value's markup goes in."""
    return escape(label) % {"value": f"<{markup}>{_text(value)}</{markup}>"}


def _date(value) -> str:
    return value.strftime("%d/%m/%Y")


def _place_and_date(certificate: Certificate, province: Province | None) -> str:
    issued = timezone.localdate(certificate.issued_at)
    parts = {"day": f"{issued.day:02d}", "month": f"{issued.month:02d}", "year": issued.year}
    if province is None:
        return _("On %(day)s/%(month)s/%(year)s") % parts
    return _("%(place)s, on %(day)s/%(month)s/%(year)s") % {"place": province.name, **parts}


def _draw_borders(canvas: Canvas) -> None:
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


def _place(
    canvas: Canvas, flowables: list[Flowable], x: float, y: float, width: float, height: float
) -> None:
    """Draw flowables in a box, shrinking them if a long name or title would not fit."""
    frame = Frame(x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    frame.addFromList([KeepInFrame(width, height, flowables, mode="shrink")], canvas)


def _stack(canvas: Canvas, paragraphs: list[Paragraph], *, left: float, top: float, width: float) -> float:
    """Draw paragraphs one under another from ``top``; return where the last one ends."""
    for paragraph in paragraphs:
        _width, height = paragraph.wrap(width, PAGE_HEIGHT)
        top -= height
        paragraph.drawOn(canvas, left, top)
    return top


def _underline(canvas: Canvas, centre_x: float, y: float, width: float) -> None:
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.7)
    canvas.line(centre_x - width / 2, y, centre_x + width / 2, y)


def _draw_header(canvas: Canvas, certificate: Certificate) -> None:
    """Issuing body top left, national title and motto top right, each underlined as on official papers."""
    top = PAGE_HEIGHT - 50
    organiser = Paragraph(_text(certificate.organiser_name.upper()), _style("organiser", 11, font=SERIF_BOLD))
    bottom = _stack(canvas, [organiser], left=55, top=top, width=300)
    _underline(canvas, 205, bottom - 5, 90)
    motto_text = _("Independence - Freedom - Happiness")
    nation = Paragraph(escape(_("SOCIALIST REPUBLIC OF VIET NAM")), _style("nation", 12, font=SERIF_BOLD))
    motto = Paragraph(escape(motto_text), _style("motto", 12.5, font=SERIF_BOLD))
    bottom = _stack(canvas, [nation, motto], left=400, top=top, width=390)
    _underline(canvas, 595, bottom - 5, pdfmetrics.stringWidth(motto_text, SERIF_BOLD, 12.5))


def _draw_body(canvas: Canvas, certificate: Certificate) -> None:
    body = _style("body", 15)
    dates = escape(_("Held from %(start)s to %(end)s")) % {
        "start": _date(certificate.start_date),
        "end": _date(certificate.end_date),
    }
    story: list[Flowable] = [
        Paragraph(escape(_("CERTIFICATE")), _style("title", 34, font=SERIF_BOLD, color=RED)),
        Spacer(0, 10),
        Paragraph(escape(_("This is to certify that")), _style("lead", 14, font=SERIF_ITALIC)),
        Spacer(0, 4),
        Paragraph(_text(certificate.full_name.upper()), _style("name", 26, font=SERIF_BOLD, color=RED)),
        Spacer(0, 6),
        Paragraph(_labelled(_("Agency: %(value)s"), certificate.agency_name), body),
        Spacer(0, 12),
        Paragraph(escape(_("Has completed the training class")), body),
        Paragraph(_text(certificate.class_title), _style("class", 17, font=SERIF_BOLD)),
        Spacer(0, 8),
        Paragraph(dates, body),
        Paragraph(_labelled(_("Organised by %(value)s"), certificate.organiser_name), body),
    ]
    _place(canvas, story, 90, 185, PAGE_WIDTH - 180, 285)


def _draw_signature(canvas: Canvas, certificate: Certificate, province: Province | None) -> None:
    story: list[Flowable] = [
        Paragraph(escape(_place_and_date(certificate, province)), _style("place", 12, font=SERIF_ITALIC)),
        Paragraph(escape(_("HEAD OF THE ORGANISING AGENCY")), _style("signer", 12, font=SERIF_BOLD)),
        Paragraph(escape(_("(Signature, full name and seal)")), _style("seal", 10, font=SERIF_ITALIC)),
    ]
    _place(canvas, story, 470, 80, 320, 100)


def _draw_verification(canvas: Canvas, certificate: Certificate, verification_url: str) -> None:
    widget = QrCodeWidget(verification_url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (right - left), 0, 0, QR_SIZE / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, 50, 45)
    note = _style("note", 9, alignment=TA_LEFT)
    story: list[Flowable] = [
        Paragraph(
            _labelled(_("Verification code: %(value)s"), certificate.code),
            _style("code", 11, alignment=TA_LEFT),
        ),
        Spacer(0, 3),
        Paragraph(escape(_("Scan the code or open this address to check the certificate:")), note),
        Paragraph(_text(verification_url), note),
    ]
    _place(canvas, story, 50 + QR_SIZE + 6, 50, 260, 80)


def certificate_pdf(certificate: Certificate, *, verification_url: str) -> bytes:
    """The certificate as PDF bytes; ``verification_url`` is the absolute address the QR code points to."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    canvas.setTitle(_("Certificate %(code)s") % {"code": certificate.code})
    canvas.setAuthor(certificate.organiser_name)
    canvas.setSubject(certificate.class_title)
    province = Province.current()
    _draw_borders(canvas)
    _draw_header(canvas, certificate)
    _draw_body(canvas, certificate)
    _draw_signature(canvas, certificate, province)
    _draw_verification(canvas, certificate, verification_url)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def document_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 handout: a title and a few lines (the demo's class materials)."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(title)
    width, height = A4
    story = [Paragraph(escape(title), _style("title", 15, font=SERIF_BOLD)), Spacer(1, 12)]
    story += [Paragraph(escape(line), _style("line", 11, alignment=TA_LEFT)) for line in lines]
    Frame(56, 56, width - 112, height - 112, showBoundary=0).addFromList(story, canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
