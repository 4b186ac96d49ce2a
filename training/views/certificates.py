"""Certificates of completion: issuing for a class, print view, PDF and the public verification page."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dancoso.accounts.access import records_required
from training import certificates_pdf as pdf
from training.models import Certificate
from training.selectors import get_certificate_for_user, get_class_for_user
from training.selectors.certificates import canonical_code, certificate_by_code
from training.services.certificates import certificates_issue


def _verification_url(request: HttpRequest, certificate: Certificate) -> str:
    return request.build_absolute_uri(certificate.get_verification_url())


# Access is checked before the method, so strangers get the login page or 403, never a hint about the URL.
@records_required
@require_POST
def certificate_issue(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = get_class_for_user(request.user, pk, action="run")
    try:
        issued = certificates_issue(training_class=training_class, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if issued:
            text = ngettext("%(count)s certificate issued.", "%(count)s certificates issued.", len(issued))
            messages.success(request, text % {"count": len(issued)})
        else:
            messages.info(
                request,
                _(
                    "No new certificate was issued: every trainee who met the attendance requirement "
                    "already has one, or no one has met it yet."
                ),
            )
    return redirect(training_class)


@records_required
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_certificate_for_user(request.user, pk)
    url = _verification_url(request, certificate)
    # The SVG holds only the QR modules drawn as a path and the code (letters and digits) as its title.
    qr_svg = mark_safe(segno.make(url, error="m").svg_inline(scale=4, title=certificate.code))
    context = {
        "certificate": certificate,
        "training_class": certificate.enrolment.training_class,
        "verification_url": url,
        "qr_svg": qr_svg,
    }
    return render(request, "training/certificate_detail.html", context)


@records_required
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_certificate_for_user(request.user, pk)
    content = pdf.certificate_pdf(certificate, verification_url=_verification_url(request, certificate))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"chung-nhan-{certificate.code}.pdf"
    )
    return response


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone holding a certificate's code can check it against the register, without logging in."""
    typed = request.GET.get("code", "").strip()
    if typed:
        canonical = canonical_code(typed)
        if canonical is not None:
            return redirect("certificates:verify", code=canonical)
        code = typed
    certificate = certificate_by_code(code)
    context = {"certificate": certificate, "code": code}
    return render(
        request, "portal/certificate_verify.html", context, status=200 if certificate is not None else 404
    )
