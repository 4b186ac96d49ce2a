"""The citizens' pages of petitions and feedback on the democracy portal: send one, follow it by its code.

The form is guarded without a third-party captcha: a honeypot field people do not see, a limit of
submissions per address (django-ratelimit, ``FEEDBACK_RATE``), and the size limits of its fields and files.
The tracking page shows the status, the dates and the public answer, never who sent it nor how to reach them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from accountability.forms.petitions import FeedbackForm
from accountability.selectors import petitions as selectors
from accountability.services import petitions as services
from dancoso.core.lists import call_service, posted
from dancoso.core.uploads import file_download

PUBLIC_FIELDS = (
    "sender_name",
    "sender_phone",
    "sender_email",
    "requested_agency",
    "field",
    "title",
    "content",
)


@ratelimit(key="ip", rate=lambda group, request: settings.FEEDBACK_RATE, method="POST", block=False)
def feedback_new(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(posted(request), request.FILES or None)
    if request.method == "POST" and getattr(request, "limited", False):
        messages.error(
            request,
            _("Too many petitions have been sent from your address. Please try again in a few minutes."),
        )
        return render(request, "portal/feedback_form.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_robot():
        # A field no person sees was filled in: nothing is stored, and nothing tells a robot why.
        messages.error(request, _("The petition could not be sent. Please check the form and try again."))
        return render(request, "portal/feedback_form.html", {"form": FeedbackForm()}, status=400)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PUBLIC_FIELDS}
        petition = call_service(
            form, services.petition_submit, files=form.cleaned_data["files"], consent=True, **fields
        )
        if petition is not None:
            message = _("Your petition has been sent. Keep its tracking code, %(code)s, to follow it here.")
            messages.success(request, message % {"code": petition.code})
            return redirect(petition.get_public_url())
    return render(request, "portal/feedback_form.html", {"form": form})


def feedback_lookup(request: HttpRequest) -> HttpResponse:
    """The form to type a tracking code; a typed code goes to its page (which says when it is unknown)."""
    code = selectors.normalised_code(request.GET.get("code", ""))
    if code:
        return redirect("public_feedback:track", code=code)
    return render(request, "portal/feedback_lookup.html")


def feedback_track(request: HttpRequest, code: str) -> HttpResponse:
    petition = selectors.public_petition(code)
    if petition is None:
        return render(
            request, "portal/feedback_lookup.html", {"code": code[:40], "not_found": True}, status=404
        )
    return render(request, "portal/feedback_track.html", {"petition": petition})


def feedback_answer_file(request: HttpRequest, code: str) -> HttpResponse:
    petition = selectors.public_petition(code)
    if petition is None or petition.status not in ("answered", "closed"):
        return render(
            request, "portal/feedback_lookup.html", {"code": code[:40], "not_found": True}, status=404
        )
    return file_download(petition.answer_file)
