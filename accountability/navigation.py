"""Accountability's pages in the main menu and on the public portal, and its editable lists (Art. 1 §3)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accountability.selectors.boards import board_flags
from dancoso.accounts import access
from dancoso.core.navigation import AgencyFlags, Entry, PortalLink, Reference

ARTICLE = (1, 3)

ENTRIES = (
    Entry("accountability:disclosure_list", _("§3 Disclosures to staff"), access.can_read_records, ARTICLE),
    Entry("accountability:disclosure_matrix", _("§3 Who has disclosed what"), access.can_read_all, ARTICLE),
    Entry(
        "accountability:consultation_list", _("§3 Consultations of staff"), access.can_read_records, ARTICLE
    ),
    Entry(
        "accountability:conference_list", _("§3 Yearly staff conferences"), access.can_read_records, ARTICLE
    ),
    Entry(
        "accountability:conference_matrix",
        _("§3 Who has held the staff conference"),
        access.can_read_all,
        ARTICLE,
    ),
    Entry("accountability:board_list", _("§3 People's Inspection Boards"), access.can_read_records, ARTICLE),
    Entry("accountability:petition_list", _("§3 Petitions and feedback"), access.can_read_records, ARTICLE),
    Entry("accountability:petition_overdue", _("§3 Overdue petitions"), access.can_read_records, ARTICLE),
    Entry("accountability:evaluation_list", _("§3 Evaluation and ranking"), access.can_read_any, ARTICLE),
)

PORTAL_LINKS = (PortalLink(_("Send a petition or feedback, and follow it"), "public_feedback:new", ARTICLE),)

AGENCY_FLAGS = (AgencyFlags(board_flags, "accountability:board_list", ARTICLE),)

REFERENCES = (
    Reference(
        "accountability.DisclosureCategory",
        ("name", "legal_basis", "is_required", "is_confirmed", "display_order"),
        ARTICLE,
    ),
    Reference("accountability.DisclosureForm", ("name", "display_order"), ARTICLE),
    Reference("accountability.PetitionField", ("name", "time_limit", "display_order", "is_active"), ARTICLE),
)
