"""Pages of Art. 2 (kinh phí): budget lines with their spending entries, the import of a year's lines, and
the summary of estimate, allocated and spent by measure and by agency."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dancoso.accounts.access import allows, can_write_records, record_writers_required, records_required
from dancoso.core.activities import label_of
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, posted, run_service, valid_filters
from funding import exports, selectors, services
from funding.forms import ImportForm, LineFilterForm, LineForm, SpendingForm, YearForm
from funding.imports import HEADERS, MAX_ROWS
from funding.models import MEASURE_CHOICES


@records_required
def line_list(request: HttpRequest) -> HttpResponse:
    form = LineFilterForm(request.GET or {"year": selectors.default_year()}, user=request.user)
    lines = selectors.line_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.lines_xlsx(lines)
    context = {
        "form": form,
        "page_obj": page_of(request, lines),
        "can_write": can_write_records(request.user),
    }
    return render(request, "funding/line_list.html", context)


@record_writers_required
def line_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    line = selectors.get_line_for_user(request.user, pk, write=True) if pk else None
    form = LineForm(
        posted(request), instance=line, user=request.user, initial={"year": selectors.default_year()}
    )
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.LINE_FIELDS}
        saved = call_service(
            form,
            services.line_save,
            actor=request.user,
            line=line,
            activity=form.cleaned_data["activity"],
            **fields,
        )
        if saved is not None:
            messages.success(request, _("The budget line has been saved."))
            return redirect(saved)
    return render(request, "funding/line_form.html", {"form": form, "line": line})


def _line_page(request: HttpRequest, line: object, spending_form: SpendingForm | None = None) -> HttpResponse:
    can_write = allows(request.user, line, "write")
    context = {
        "line": line,
        "activity_label": label_of(line.activity_type_id) if line.activity_type_id else "",
        "can_write": can_write,
        "spending_form": (spending_form or SpendingForm()) if can_write else None,
        "history": history_rows(line) if can_write else [],
    }
    return render(request, "funding/line_detail.html", context, status=400 if spending_form else 200)


@records_required
def line_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _line_page(request, selectors.get_line_for_user(request.user, pk))


@record_writers_required
def spending_add(request: HttpRequest, pk: int) -> HttpResponse:
    line = selectors.get_line_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = SpendingForm(request.POST)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.SPENDING_FIELDS}
        if call_service(form, services.spending_add, actor=request.user, line=line, **fields):
            messages.success(request, _("The spending has been recorded."))
            return redirect(line)
    return _line_page(request, selectors.get_line_for_user(request.user, pk), form)


@record_writers_required
def spending_delete(request: HttpRequest, pk: int) -> HttpResponse:
    spending = selectors.get_spending_for_user(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    success = _("The spending has been deleted.")
    run_service(request, services.spending_delete, success=success, spending=spending, actor=request.user)
    return redirect(spending.line)


@record_writers_required
def line_import(request: HttpRequest) -> HttpResponse:
    if request.GET.get("template"):
        agency = request.user.agency
        return exports.template_xlsx(agency.code if agency else "", selectors.first_source_name())
    form = ImportForm(posted(request), request.FILES or None, initial={"year": selectors.default_year()})
    if form.is_valid():
        values = {"year": form.cleaned_data["year"], "upload": form.cleaned_data["file"]}
        count = call_service(form, services.lines_import, actor=request.user, **values)
        if count is not None:
            messages.success(
                request,
                ngettext("Imported %(count)s line.", "Imported %(count)s lines.", count) % {"count": count},
            )
            return redirect(f"{reverse('funding:line_list')}?year={values['year']}")
    context = {
        "form": form,
        "headers": HEADERS,
        "max_rows": MAX_ROWS,
        "measures": MEASURE_CHOICES,
        "sources": selectors.sources(),
    }
    return render(request, "funding/line_import.html", context)


@records_required
def summary(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.GET)
    year = valid_filters(form).get("year") or selectors.default_year()
    rows = selectors.summary_by_measure(user=request.user, year=year)
    if request.GET.get("export") == "xlsx":
        return exports.summary_xlsx(rows, year)
    agencies = page_of(request, selectors.summary_by_agency(user=request.user, year=year))
    context = {"form": form, "year": year, "rows": rows, "page_obj": agencies}
    return render(request, "funding/summary.html", context)
