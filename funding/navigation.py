"""Funding's pages in the main menu (Art. 2) and its editable list of sources."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.core.navigation import Entry, Reference

ARTICLE = (2, 0)

ENTRIES = (
    Entry("funding:summary", _("Funding by measure"), access.can_read_records, ARTICLE),
    Entry("funding:line_list", _("Budget lines"), access.can_read_records, ARTICLE),
)

REFERENCES = (Reference("funding.FundingSource", ("name", "display_order"), ARTICLE),)
