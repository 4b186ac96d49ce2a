"""The IT systems register in the main menu, and its editable lists (Art. 1 §5)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.core.navigation import Entry, Fundable, Reference

ARTICLE = (1, 5)

ENTRIES = (Entry("digital:system_list", _("§5 IT systems and platforms"), access.can_read_records, ARTICLE),)

REFERENCES = (
    Reference("digital.Purpose", ("name", "reaches_public", "display_order"), ARTICLE),
    Reference("digital.Platform", ("name", "display_order"), ARTICLE),
)

# A budget line may pay for one of the agency's systems, built over several years.
FUNDABLE = (Fundable("digital.System", _("IT system"), "name", agency="agency"),)
