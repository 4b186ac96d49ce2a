from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dancoso import periods
from dancoso.accounts.access import figures_agency
from dancoso.agencies.selectors import register_overview
from dancoso.core import trends


def portal_home(request: HttpRequest) -> HttpResponse:
    """The public democracy portal of the province, open to every citizen."""
    return render(request, "portal/home.html", {"overview": register_overview(user=None)})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    period = _chosen_period(request)
    user = request.user
    agency = figures_agency(user)
    # The chosen year is the last of the charts' years: its sections are computed once for both.
    by_year = trends.yearly_sections(until=period, agency=agency)
    sections = by_year[period.year]
    section_trends = trends.charts(by_year)
    context = {
        "period": period,
        "current_period": periods.current_period(),
        "period_choices": periods.period_choices(),
        "sections": sections,
        "panels": list(zip(sections, section_trends, strict=True)),
        "trends": section_trends,
        "trend_years": sorted(by_year),
        "scoped_agency": agency,
        "overview": register_overview(user=user),
    }
    return render(request, "core/dashboard.html", context)


def _chosen_period(request: HttpRequest) -> periods.Period:
    choices = {period.year: period for period in periods.period_choices()}
    try:
        return choices[int(request.GET["year"])]
    except (KeyError, ValueError):
        return periods.current_period()
