"""The yearly report in the main menu and on the public portal (Art. 3)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.core.navigation import Entry, PortalLink

ARTICLE = (3, 0)

ENTRIES = (
    Entry(
        "reporting:report_list", _("Yearly report to the People's Council"), access.can_read_reports, ARTICLE
    ),
)

PORTAL_LINKS = (PortalLink(_("Yearly reports to the People's Council"), "public_reports:list", ARTICLE),)
