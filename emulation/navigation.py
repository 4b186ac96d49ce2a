"""Emulation's pages in the main menu and on the public portal, and its editable catalogues (Art. 1 §4)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.core.navigation import Entry, PortalLink, Reference

ARTICLE = (1, 4)

ENTRIES = (
    Entry("emulation:campaign_list", _("§4 Emulation movements"), access.can_read_records, ARTICLE),
    Entry("emulation:pledge_list", _("§4 Pledges"), access.can_read_records, ARTICLE),
    Entry("emulation:exemplar_list", _("§4 Exemplary models"), access.can_read_records, ARTICLE),
    Entry("emulation:quota_list", _("§4 Commendation quotas"), access.can_read_records, ARTICLE),
    Entry(
        "emulation:nomination_list", _("§4 Nominations for commendation"), access.can_read_records, ARTICLE
    ),
    Entry(
        "emulation:violation_list", _("§4 Violations and their handling"), access.can_read_records, ARTICLE
    ),
)

PORTAL_LINKS = (PortalLink(_("Exemplary models of grassroots democracy"), "public_exemplars:list", ARTICLE),)

REFERENCES = (
    Reference(
        "emulation.Award",
        ("name", "kind", "recipients", "authority", "certificate_title", "display_order", "is_active"),
        ARTICLE,
    ),
    Reference(
        "emulation.ViolationCategory", ("name", "legal_basis", "is_confirmed", "display_order"), ARTICLE
    ),
    Reference("emulation.Handling", ("name", "display_order"), ARTICLE),
)
