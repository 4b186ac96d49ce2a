"""Excel export of petitions: what the list shows, without the senders' contact details."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from dancoso.core.exports import Column, dated, export, yes

PETITION_COLUMNS = (
    Column(_("Tracking code"), lambda petition: petition.code),
    Column(_("Received on"), lambda petition: petition.received_on),
    Column(_("Received"), lambda petition: petition.get_source_display()),
    Column(_("Field"), lambda petition: petition.field.name),
    Column(_("Subject"), lambda petition: petition.title),
    Column(_("Handling agency"), lambda petition: petition.agency.name if petition.agency else ""),
    Column(_("Status"), lambda petition: petition.get_status_display()),
    Column(_("Deadline"), lambda petition: petition.deadline),
    Column(_("Answered on"), lambda petition: petition.answered_on),
    Column(
        _("Answered on time"),
        lambda petition: "" if petition.answered_in_time is None else yes(petition.answered_in_time),
    ),
)


def petitions_xlsx(petitions: Iterable[Any]) -> HttpResponse:
    return export(dated("kien-nghi-phan-anh"), PETITION_COLUMNS, petitions, title=_("Petitions and feedback"))
