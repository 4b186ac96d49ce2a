"""Validators the apps share."""

from __future__ import annotations

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# Only web pages: Django's own URL validator also takes ftp and ftps, and a link shown to officials must
# never be a ``javascript:`` or ``data:`` address that runs or hides something when clicked.
WEB_SCHEMES = ("http", "https")

WEB_ADDRESS_MESSAGE = _(
    "Enter a web address starting with http:// or https://, for example https://bacgiang.gov.vn/."
)

validate_web_address = URLValidator(schemes=list(WEB_SCHEMES), message=WEB_ADDRESS_MESSAGE)
