"""The demo's report: last year's, submitted to the People's Council and on the public portal."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from dancoso.accounts.models import User
from dancoso.periods import current_period
from reporting import demo
from reporting.models import ReportVersion


@pytest.mark.django_db
def test_the_council_finds_last_years_report_submitted_in_the_demo(client_for, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        call_command("seed_demo", stdout=io.StringIO())
        assert demo.seed() == {"reports": 1, "submitted": 1}, "a second run adds nothing"
        version = ReportVersion.objects.get()
        year = current_period().year - 1
        assert (version.report.year, version.status, version.is_public) == (year, "submitted", True)
        assert version.figures and version.docx and version.xlsx
        # Last year's evaluation is locked in the demo, so its ranking is in part II.3.
        assert "accountability.ranked_good" in str(version.figures)
        assert version.report.leadership and version.report.signer_name
        page = client_for(User.objects.get(username="hdnd")).get(reverse("reporting:report_list"))
        assert str(year) in page.content.decode()
        assert "Chưa có báo cáo nào" not in page.content.decode()
