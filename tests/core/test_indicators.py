from __future__ import annotations

import pytest
from django.urls import reverse

from dancoso import indicators
from dancoso.indicators import Column, Indicator, Section, Table, TableRow
from dancoso.periods import Period


def _training_like_section(agency_ids):
    def section(period, agency=None):
        rows = tuple(TableRow(pk, f"Cơ quan {pk}", (pk * 10,)) for pk in agency_ids)
        return Section(
            key="demo",
            title="Bồi dưỡng thử nghiệm",
            article="Điều 1 khoản 1",
            indicators=(Indicator("demo.classes", "Số lớp bồi dưỡng", period.year - 2000, "lớp", target=1),),
            tables=(Table("by_agency", "Theo cơ quan", (Column("people", "Số người"),), rows),),
        )

    return section


def test_registry_orders_sections_by_article(no_measure_sections):
    calls = []

    def make(key):
        def section(period, agency=None):
            calls.append(key)
            return Section(key=key, title=key, article=key)

        return section

    with (
        indicators.registered((2, 0), "funding", make("funding")),
        indicators.registered((1, 1), "training", make("training")),
    ):
        keys = [section.key for section in indicators.sections(Period(2025))]
    assert keys == ["training", "funding"]
    assert indicators.sections(Period(2025)) == []


def test_agency_scope_keeps_only_that_agencys_rows(no_measure_sections, agency_a, agency_b):
    with indicators.registered((1, 1), "demo", _training_like_section([agency_a.pk, agency_b.pk])):
        (section,) = indicators.sections(Period(2025), agency=agency_a)
    assert [row.agency_id for row in section.tables[0].rows] == [agency_a.pk]


@pytest.mark.django_db
def test_dashboard_renders_a_registered_section(client_for, admin_user, agency_a):
    with indicators.registered((1, 1), "demo", _training_like_section([agency_a.pk])):
        response = client_for(admin_user).get(reverse("dashboard"), {"year": Period(2026).year})
    body = response.content.decode()
    assert "Bồi dưỡng thử nghiệm" in body
    assert "Số lớp bồi dưỡng" in body
    assert f"Cơ quan {agency_a.pk}" in body
    assert 'data-testid="no-sections"' not in body


def test_dashboard_says_plainly_when_no_section_is_registered(no_measure_sections, client_for, admin_user):
    response = client_for(admin_user).get(reverse("dashboard"))
    assert response.status_code == 200
    assert 'data-testid="no-sections"' in response.content.decode()
