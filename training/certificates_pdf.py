"""The certificate of completion as a printable PDF (A4 landscape), drawn with ReportLab.

The shared layout (issuing body, national title, borders, signature block) is the core's
(``dancoso.core.pdf``); here the body names the trainee and the class, and a QR code bottom left opens the
public verification page.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph, Spacer

from dancoso.agencies.models import Province
from dancoso.core.pdf import (
    PAGE_WIDTH,
    RED,
    SERIF_BOLD,
    SERIF_ITALIC,
    draw_borders,
    draw_header,
    draw_signature,
    labelled,
    landscape_canvas,
    place,
    place_and_date,
    register_fonts,
    style,
    text,
)
from training.models import Certificate

QR_SIZE = 92


def _date(value) -> str:
    return value.strftime("%d/%m/%Y")


def _draw_body(canvas: Canvas, certificate: Certificate) -> None:
    body = style("body", 15)
    dates = escape(_("Held from %(start)s to %(end)s")) % {
        "start": _date(certificate.start_date),
        "end": _date(certificate.end_date),
    }
    story: list[Flowable] = [
        Paragraph(escape(_("CERTIFICATE")), style("title", 34, font=SERIF_BOLD, color=RED)),
        Spacer(0, 10),
        Paragraph(escape(_("This is to certify that")), style("lead", 14, font=SERIF_ITALIC)),
        Spacer(0, 4),
        Paragraph(text(certificate.full_name.upper()), style("name", 26, font=SERIF_BOLD, color=RED)),
        Spacer(0, 6),
        Paragraph(labelled(_("Agency: %(value)s"), certificate.agency_name), body),
        Spacer(0, 12),
        Paragraph(escape(_("Has completed the training class")), body),
        Paragraph(text(certificate.class_title), style("class", 17, font=SERIF_BOLD)),
        Spacer(0, 8),
        Paragraph(dates, body),
        Paragraph(labelled(_("Organised by %(value)s"), certificate.organiser_name), body),
    ]
    place(canvas, story, 90, 185, PAGE_WIDTH - 180, 285)


def _draw_verification(canvas: Canvas, certificate: Certificate, verification_url: str) -> None:
    widget = QrCodeWidget(verification_url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (right - left), 0, 0, QR_SIZE / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, 50, 45)
    note = style("note", 9, alignment=TA_LEFT)
    story: list[Flowable] = [
        Paragraph(
            labelled(_("Verification code: %(value)s"), certificate.code),
            style("code", 11, alignment=TA_LEFT),
        ),
        Spacer(0, 3),
        Paragraph(escape(_("Scan the code or open this address to check the certificate:")), note),
        Paragraph(text(verification_url), note),
    ]
    place(canvas, story, 50 + QR_SIZE + 6, 50, 260, 80)


def certificate_pdf(certificate: Certificate, *, verification_url: str) -> bytes:
    """The certificate as PDF bytes; ``verification_url`` is the absolute address the QR code points to."""
    buffer = io.BytesIO()
    canvas = landscape_canvas(
        buffer,
        title=_("Certificate %(code)s") % {"code": certificate.code},
        author=certificate.organiser_name,
        subject=certificate.class_title,
    )
    province = Province.current()
    draw_borders(canvas)
    draw_header(canvas, [certificate.organiser_name])
    _draw_body(canvas, certificate)
    draw_signature(
        canvas,
        place_line=place_and_date(timezone.localdate(certificate.issued_at), province and province.name),
        signer=_("HEAD OF THE ORGANISING AGENCY"),
        note=_("(Signature, full name and seal)"),
    )
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
    story = [Paragraph(escape(title), style("title", 15, font=SERIF_BOLD)), Spacer(1, 12)]
    story += [Paragraph(escape(line), style("line", 11, alignment=TA_LEFT)) for line in lines]
    Frame(56, 56, width - 112, height - 112, showBoundary=0).addFromList(story, canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
