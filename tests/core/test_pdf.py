"""The certificates' shared PDF parts."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from reportlab.pdfbase import pdfmetrics

from dancoso.core import pdf


def test_the_font_is_the_one_shipped_with_the_code():
    """CI machines may have no system fonts: the font must come from the repository."""
    pdf.register_fonts()
    font_file = pdfmetrics.getFont(pdf.SERIF_BOLD).face.filename
    assert font_file.startswith(str(pdf.FONT_DIR))
    assert (pdf.FONT_DIR / "LICENSE").read_text().count("Bitstream") > 1


def test_place_and_date_write_days_and_months_below_ten_with_a_leading_zero():
    with translation.override("vi"):
        assert pdf.place_and_date(dt.date(2026, 2, 5), "Bắc Giang") == "Bắc Giang, ngày 05 tháng 02 năm 2026"
