"""Staff pages of the People's Inspection Boards (Nghị định 59/2023): the list, a board's term with its
members and supervision activities."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.exports import boards as exports
from accountability.forms.boards import BoardFilterForm, BoardForm, MemberForm, SupervisionForm
from accountability.models import InspectionBoard, SupervisionActivity
from accountability.selectors import boards as selectors
from accountability.services import boards as services
from dancoso.accounts.access import allows, can_write_records, record_writers_required, records_required
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, posted, run_service, valid_filters
from dancoso.core.uploads import file_download


@records_required
def board_list(request: HttpRequest) -> HttpResponse:
    form = BoardFilterForm(request.GET, user=request.user)
    boards = selectors.board_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.boards_xlsx(boards)
    context = {
        "form": form,
        "page_obj": page_of(request, boards),
        "can_write": can_write_records(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "accountability/board_list.html", context)


@record_writers_required
def board_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    board = selectors.get_board_for_user(request.user, pk, write=True) if pk else None
    form = BoardForm(posted(request), instance=board, user=request.user)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.BOARD_FIELDS}
        saved = call_service(form, services.board_save, actor=request.user, board=board, **fields)
        if saved is not None:
            messages.success(request, _("The board's term has been saved."))
            for warning in services.board_warnings(saved):
                messages.warning(request, warning)
            return redirect(saved)
    return render(request, "accountability/board_form.html", {"form": form, "board": board})


@records_required
def board_detail(request: HttpRequest, pk: int) -> HttpResponse:
    board = selectors.get_board_for_user(request.user, pk)
    can_write = allows(request.user, board, "write")
    context = {
        "board": board,
        "flags": selectors.board_detail_flags(board),
        "can_write": can_write,
        "history": history_rows(board) if can_write else [],
    }
    return render(request, "accountability/board_detail.html", context)


@record_writers_required
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    board = selectors.get_board_for_user(request.user, pk, write=True)
    form = MemberForm(posted(request), board=board)
    if form.is_valid():
        values = {name: form.cleaned_data[name] for name in ("person", "role")}
        if call_service(form, services.member_add, actor=request.user, board=board, **values) is not None:
            messages.success(request, _("The member has been added to the board."))
            return redirect(board)
    return render(request, "accountability/member_form.html", {"form": form, "board": board})


@record_writers_required
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    # The member is found first, so staff of another agency get 404 rather than learn that it exists.
    member = selectors.get_member_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    done = _("%(name)s no longer sits on the board.") % {"name": member.person.full_name}
    run_service(request, services.member_remove, success=done, actor=request.user, member=member)
    return redirect(member.board)


@record_writers_required
def supervision_create(request: HttpRequest, pk: int) -> HttpResponse:
    board = selectors.get_board_for_user(request.user, pk, write=True)
    return _supervision_form(request, board, None)


@record_writers_required
def supervision_update(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_activity_for_user(request.user, pk, write=True)
    return _supervision_form(request, activity.board, activity)


def _supervision_form(
    request: HttpRequest, board: InspectionBoard, activity: SupervisionActivity | None
) -> HttpResponse:
    form = SupervisionForm(posted(request), request.FILES or None, instance=activity)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.SUPERVISION_FIELDS}
        saved = call_service(
            form, services.supervision_save, actor=request.user, board=board, activity=activity, **fields
        )
        if saved is not None:
            messages.success(request, _("The supervision activity has been saved."))
            return redirect(board)
    context = {"form": form, "board": board, "activity": activity}
    return render(request, "accountability/supervision_form.html", context)


@records_required
def supervision_file(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_activity_for_user(request.user, pk)
    return file_download(activity.file)
