"""Account management for Home Affairs: list, create, edit role and agency, set a new password."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dancoso.accounts import exports, selectors, services
from dancoso.accounts.access import province_admin_required
from dancoso.accounts.forms import PasswordPairForm, UserCreateForm, UserFilterForm, UserForm
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, posted, valid_filters


@province_admin_required
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET)
    users = selectors.user_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.users_xlsx(users)
    return render(request, "accounts/user_list.html", {"form": form, "page_obj": page_of(request, users)})


@province_admin_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.get_account_for_user(request.user, pk)
    context = {"account": account, "history": history_rows(account)}
    return render(request, "accounts/user_detail.html", context)


@province_admin_required
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(posted(request))
    if form.is_valid():
        fields = {
            name: form.cleaned_data[name] for name in ("username", "full_name", "email", "role", "agency")
        }
        password = form.cleaned_data["password1"]
        account = call_service(form, services.user_create, password=password, actor=request.user, **fields)
        if account is not None:
            messages.success(
                request, _("Account %(username)s has been created.") % {"username": account.username}
            )
            return redirect("accounts:user_detail", pk=account.pk)
    return render(request, "accounts/user_form.html", {"form": form, "account": None})


@province_admin_required
def user_update(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.get_account_for_user(request.user, pk)
    form = UserForm(posted(request), instance=account)
    if form.is_valid() and call_service(
        form, services.user_update, user=account, actor=request.user, **form.changes()
    ):
        messages.success(request, _("The changes have been saved."))
        return redirect("accounts:user_detail", pk=account.pk)
    return render(request, "accounts/user_form.html", {"form": form, "account": account})


@province_admin_required
def user_set_password(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.get_account_for_user(request.user, pk)
    form = PasswordPairForm(posted(request), user=account)
    if form.is_valid():
        services.user_set_password(user=account, password=form.cleaned_data["password1"], actor=request.user)
        messages.success(
            request, _("A new password has been set for %(username)s.") % {"username": account.username}
        )
        return redirect("accounts:user_detail", pk=account.pk)
    return render(request, "accounts/user_password.html", {"form": form, "account": account})


# Access is checked before the method, so strangers get the login page or 403, never a hint about the URL.
@province_admin_required
@require_POST
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.get_account_for_user(request.user, pk)
    cleared = services.user_unlock(user=account, actor=request.user)
    if cleared:
        messages.success(
            request, _("Logging in is unlocked for %(username)s.") % {"username": account.username}
        )
    else:
        messages.info(request, _("%(username)s was not locked.") % {"username": account.username})
    return redirect("accounts:user_detail", pk=account.pk)
