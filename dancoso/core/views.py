from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from dancoso import periods
from dancoso.accounts import access
from dancoso.accounts.access import figures_agency
from dancoso.agencies.selectors import flagged_agencies, register_overview
from dancoso.core import exports, navigation, selectors, trends
from dancoso.core.lists import page_of


def portal_home(request: HttpRequest) -> HttpResponse:
    """The public democracy portal of the province, open to every citizen."""
    context = {"overview": register_overview(user=None), "portal_links": navigation.portal_links()}
    return render(request, "portal/home.html", context)


FAVICON = "img/favicon.ico"


@require_safe
@cache_control(public=True, max_age=7 * 24 * 60 * 60)
def favicon(request: HttpRequest) -> FileResponse:
    """The icon browsers ask for at ``/favicon.ico``, whatever the pages link to (they link the SVG too)."""
    return FileResponse(open(finders.find(FAVICON), "rb"), content_type="image/x-icon")


# The dashboard shows the first rows of each per-agency table; its own page has them all.
DASHBOARD_TOP_ROWS = 10


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
        "flagged": flagged_agencies(user=user),
        "top_rows": DASHBOARD_TOP_ROWS,
        "top_rows_slice": f":{DASHBOARD_TOP_ROWS}",
    }
    return render(request, "core/dashboard.html", context)


@login_required
def figures_table(request: HttpRequest, section: str, table: str) -> HttpResponse:
    """One per-agency table of the dashboard in full: paginated, sortable, exportable."""
    period = _chosen_period(request)
    found = selectors.figures_table(
        user=request.user,
        section_key=section,
        table_key=table,
        period=period,
        sort=request.GET.get("sort", ""),
    )
    if request.GET.get("export") == "xlsx":
        return exports.figures_table_xlsx(found, period)
    context = {
        "found": found,
        "period": period,
        "period_choices": periods.period_choices(),
        "page_obj": page_of(request, found.rows),
        "scoped_agency": access.figures_agency(request.user),
    }
    return render(request, "core/figures_table.html", context)


def _chosen_period(request: HttpRequest) -> periods.Period:
    choices = {period.year: period for period in periods.period_choices()}
    try:
        return choices[int(request.GET["year"])]
    except (KeyError, ValueError):
        return periods.current_period()
