"""Dissemination's pages in the main menu and on the public portal (Art. 1 §2)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.core.navigation import Entry, Fundable, PortalLink, Reference

ARTICLE = (1, 2)

ENTRIES = (
    Entry("propaganda:document_list", _("§2 Legal-document library"), access.can_read_records, ARTICLE),
    Entry("propaganda:plan_list", _("§2 Dissemination plans"), access.can_read_records, ARTICLE),
    Entry("propaganda:posting_list", _("§2 Posting log"), access.can_read_records, ARTICLE),
)

PORTAL_LINKS = (PortalLink(_("Legal documents on grassroots democracy"), "public_documents:list", ARTICLE),)

# Data Home Affairs edits at /reference/: the library's document types and the posting log's channels.
REFERENCES = (
    Reference("propaganda.DocumentType", ("name", "display_order"), ARTICLE),
    Reference("propaganda.Channel", ("name", "kind", "display_order"), ARTICLE),
)

# A budget line may pay for an activity of the agency's own dissemination plan.
FUNDABLE = (
    Fundable(
        "propaganda.PlanActivity",
        _("Dissemination activity"),
        "title",
        agency="plan__agency",
        year="plan__year",
    ),
)
