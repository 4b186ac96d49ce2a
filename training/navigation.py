"""Training's pages in the main menu and on the public portal (Art. 1 §1)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.core.navigation import Entry, Fundable, PortalLink

ARTICLE = (1, 1)

ENTRIES = (
    Entry("training:class_list", _("§1 Training classes"), access.can_read_records, ARTICLE),
    Entry("training:plan_list", _("§1 Yearly training plans"), access.can_read_records, ARTICLE),
    Entry("training:coverage", _("§1 Training coverage by agency"), access.can_read_records, ARTICLE),
)

PORTAL_LINKS = (
    PortalLink(
        _("Training certificates are verified from the address or QR code printed on them."), article=ARTICLE
    ),
)

# A budget line may pay for a class; any agency may send its staff to one.
FUNDABLE = (Fundable("training.TrainingClass", _("Training class"), "title", year="plan__year"),)
