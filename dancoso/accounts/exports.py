"""Excel export of the user accounts."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from dancoso.accounts.models import User
from dancoso.core.exports import Column, export

USER_COLUMNS = (
    Column(_("Username"), lambda user: user.username),
    Column(_("Full name"), lambda user: user.full_name),
    Column(_("Email"), lambda user: user.email),
    Column(_("Role"), lambda user: user.get_role_display()),
    Column(_("Agency"), lambda user: user.agency.name if user.agency else ""),
    Column(_("Active"), lambda user: gettext_now("Yes") if user.is_active else gettext_now("No")),
    Column(_("Last login"), lambda user: user.last_login),
)


def users_xlsx(users: Iterable[User]) -> HttpResponse:
    return export("nguoi-dung.xlsx", USER_COLUMNS, users, title=_("Users"))
