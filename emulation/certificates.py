"""A decided commendation as a printable certificate (Bằng khen, Giấy khen …, A4 landscape PDF).

The layout is the core's (``dancoso.core.pdf``): the granting authority top left, the national title and
motto top right; then the authority's title, the award's printed title, the nominee, what they are
commended for, and the decision it rests on; the place, date and signer bottom right.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.platypus import Flowable, Paragraph, Spacer

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
    style,
    text,
)
from emulation.models import Nomination

# The achievements are a summary: the certificate prints its first lines, as a printed certificate would.
ACHIEVEMENT_CHARACTERS = 300


def _summary(achievements: str) -> str:
    first = " ".join(achievements.split())
    return first if len(first) <= ACHIEVEMENT_CHARACTERS else first[: ACHIEVEMENT_CHARACTERS - 1] + "…"


def _body(nomination: Nomination) -> list[Flowable]:
    body = style("body", 14)
    decision = _("Decision No. %(number)s of %(date)s") % {
        "number": nomination.decision_number,
        "date": f"{nomination.decision_date:%d/%m/%Y}",
    }
    return [
        Paragraph(text(nomination.decision_issuer.upper()), style("issuer", 14, font=SERIF_BOLD)),
        Spacer(0, 6),
        Paragraph(escape(_("AWARDS")), style("awards", 14, font=SERIF_BOLD)),
        Paragraph(
            text(nomination.award.certificate_title.upper()), style("title", 32, font=SERIF_BOLD, color=RED)
        ),
        Spacer(0, 8),
        Paragraph(labelled(_("To: %(value)s"), nomination.nominee), style("to", 18)),
        Paragraph(text(nomination.agency.name), style("agency", 13, font=SERIF_ITALIC)),
        Spacer(0, 8),
        Paragraph(escape(_("For achievements in the implementation of grassroots democracy:")), body),
        Paragraph(text(_summary(nomination.achievements)), style("achievements", 12, font=SERIF_ITALIC)),
        Spacer(0, 6),
        Paragraph(escape(decision), style("decision", 11)),
    ]


def commendation_pdf(nomination: Nomination) -> bytes:
    """The certificate of a decided nomination, as PDF bytes."""
    buffer = io.BytesIO()
    title = f"{nomination.award.certificate_title} – {nomination.nominee}"
    canvas = landscape_canvas(
        buffer, title=title, author=nomination.decision_issuer, subject=nomination.award.name
    )
    province = Province.current()
    issuing = [province.people_committee if province else _("People's Committee")]
    draw_borders(canvas)
    draw_header(canvas, issuing)
    place(canvas, _body(nomination), 90, 185, PAGE_WIDTH - 180, 300)
    draw_signature(
        canvas,
        place_line=place_and_date(nomination.decision_date, province and province.name),
        signer=nomination.decision_issuer,
        note=_("(Signature, full name and seal)"),
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
